use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageMeta;
use crate::i18n::use_i18n;
use crate::routes::AppPath;

/// "Not found" inside a page whose route exists but whose item does not (an unknown
/// product id or village slug), with the way back to the catalog.
#[component]
pub fn NotFoundPanel(
    /// Picks the explanation from the current language's table.
    message: fn(&'static crate::i18n::Texts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta title=Signal::derive(move || i18n.t().not_found_title.to_string())
            description=Signal::derive(move || message(i18n.t()).to_string())/>
        <section class="panel not-found">
            <h1>{move || i18n.t().not_found_title}</h1>
            <p>{move || message(i18n.t())}</p>
            <A href=AppPath::HOME.href() attr:class="button primary">{move || i18n.t().back_to_catalog}</A>
        </section>
    }
}
