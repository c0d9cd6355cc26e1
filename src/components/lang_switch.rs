use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::i18n::use_i18n;
use crate::routes::AppPath;

/// One button that switches to the other language. It shows the target language's code
/// and is labelled in that language, so a reader who cannot read the current one finds it.
///
/// On a public page the languages are two addresses (`/produk/x`, `/en/produk/x`): the
/// button goes to the twin, and going back or forward between twins changes the language
/// with the address. Elsewhere (forms, tracking, the seller's pages) it switches in place,
/// keeping whatever is typed.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let navigate = use_navigate();
    let other = move || i18n.lang().other();
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        }
    };
    // The address's language wins when the address changes (back, forward, a link).
    Effect::new(move |_| {
        if let Some(lang) = AppPath::language_of(&location.pathname.get()) {
            if lang != i18n.lang_untracked() {
                i18n.set(lang);
            }
        }
    });
    let switch = move |_| {
        let to = other();
        match AppPath::parse(&here()).filter(AppPath::is_public) {
            Some(page) => {
                // The twin's links are written in its language; the texts follow once the
                // address has changed (the effect above). Changing the language first would
                // re-render the page being left while the router disposes of it.
                crate::routes::set_link_language(to);
                navigate(&page.href_in(to), NavigateOptions::default());
            }
            None => i18n.set(to),
        }
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            aria-label=move || i18n.t().switch_lang_label
            lang=move || other().tag()
            on:click=switch
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
