use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::use_i18n;
use crate::routes::{set_link_language, AppPath};

/// Switches to the other language. It shows the target language's code and is labelled in
/// that language, so a reader who cannot read the current one finds it.
///
/// On a public page the languages are two addresses (`/produk/x`, `/en/produk/x`), so it is
/// a link to the twin (as the server's first view writes it), followed within the app; going
/// back or forward between twins changes the language with the address. Elsewhere (forms,
/// tracking, the seller's pages) it is a button that switches in place, keeping whatever is
/// typed.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || i18n.lang().other();
    // The twin of the page shown, if it has one.
    let twin = move || {
        let path = location.pathname.get();
        let search = location.search.get();
        let url = if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        };
        AppPath::parse(&url)
            .filter(AppPath::is_public)
            .map(|page| page.href_in(other()))
    };
    // The address's language wins when the address changes (this link, back, forward).
    Effect::new(move |_| {
        if let Some(lang) = AppPath::language_of(&location.pathname.get()) {
            if lang != i18n.lang_untracked() {
                i18n.set(lang);
            }
        }
    });
    let globe = || {
        view! {
            // Drawn, not an emoji: cheap phones and headless browsers often lack emoji fonts.
            <svg aria-hidden="true" class="lang-globe" viewBox="0 0 24 24" width="18" height="18">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/>
                <path d="M3 12h18M12 3c2.6 2.6 3.8 5.6 3.8 9s-1.2 6.4-3.8 9c-2.6-2.6-3.8-5.6-3.8-9S9.4 5.6 12 3z" fill="none" stroke="currentColor" stroke-width="1.8"/>
            </svg>
        }
    };
    let label = move || i18n.t().switch_lang_label;
    let code = move || other().tag().to_uppercase();
    move || match twin() {
        Some(href) => view! {
            // On the link itself (capture), so it runs before the router follows it: the twin's links
            // must be written in its language (the texts follow via the effect above).
            <a
                class="lang-switch"
                href=href
                hreflang=move || other().tag()
                lang=move || other().tag()
                aria-label=label
                on:click:capture=move |_| set_link_language(other())
            >
                {globe()}
                {code}
            </a>
        }
        .into_any(),
        None => view! {
            <button
                type="button"
                class="lang-switch"
                aria-label=label
                lang=move || other().tag()
                on:click=move |_| i18n.set(other())
            >
                {globe()}
                {code}
            </button>
        }
        .into_any(),
    }
}
