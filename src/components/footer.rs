use leptos::prelude::*;

use crate::catalog_data::use_catalog;
use crate::i18n::use_i18n;

/// Site footer: what this is and where it is from, and that the data is made up where it
/// is (the demo seed's partners carry `demo`; a district's real catalog has none).
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog().0;
    let demo = move || {
        catalog
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|d| d.catalog.partners.iter().any(|p| p.demo))
    };
    view! {
        <footer class="site-footer">
            <p class="footer-brand">{move || i18n.t().footer_about}</p>
            <p>{move || i18n.t().footer_region}</p>
            <Show when=demo>
                <p class="footer-note">{move || i18n.t().footer_demo_note}</p>
            </Show>
        </footer>
    }
}
