use leptos::prelude::*;

use crate::i18n::use_i18n;

/// One button that switches to the other language. It shows the target language's code
/// and is labelled in that language, so a reader who cannot read the current one finds it.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || i18n.lang().other();
    view! {
        <button
            type="button"
            class="lang-switch"
            aria-label=move || i18n.t().switch_lang_label
            lang=move || other().tag()
            on:click=move |_| i18n.set(other())
        >
            // Drawn, not an emoji: cheap phones and headless browsers often lack emoji fonts.
            <svg aria-hidden="true" class="lang-globe" viewBox="0 0 24 24" width="18" height="18">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/>
                <path d="M3 12h18M12 3c2.6 2.6 3.8 5.6 3.8 9s-1.2 6.4-3.8 9c-2.6-2.6-3.8-5.6-3.8-9S9.4 5.6 12 3z" fill="none" stroke="currentColor" stroke-width="1.8"/>
            </svg>
            {move || other().tag().to_uppercase()}
        </button>
    }
}
