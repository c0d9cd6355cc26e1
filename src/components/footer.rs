use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Site footer: what this is and where it is from.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p class="footer-brand">{move || i18n.t().footer_about}</p>
            <p>{move || i18n.t().footer_region}</p>
            <p class="footer-note">{move || i18n.t().footer_demo_note}</p>
        </footer>
    }
}
