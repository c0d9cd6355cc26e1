use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/`: the catalog's front door.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.t().nav_catalog.to_string())
            description=Signal::derive(move || i18n.t().home_meta.to_string())
        />
        <section class="hero">
            <h1>{move || i18n.t().home_title}</h1>
            <p class="lead">{move || i18n.t().home_lead}</p>
            <div class="hero-actions">
                <a class="button primary" href="#katalog">{move || i18n.t().home_cta_browse}</a>
                <A href="/penjual" attr:class="button secondary">{move || i18n.t().home_cta_sell}</A>
            </div>
        </section>
        <section id="katalog" class="panel">
            <p class="muted">{move || i18n.t().coming_soon}</p>
        </section>
    }
}
