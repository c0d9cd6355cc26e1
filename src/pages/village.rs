use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/desa/:slug`: a village's profile and its products.
#[component]
pub fn VillagePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    view! {
        <PageMeta
            title=Signal::derive(move || format!("{} {}", i18n.t().village_title, slug()))
            description=Signal::derive(move || i18n.t().home_meta.to_string())
        />
        <section class="panel">
            <h1>{move || i18n.t().village_title}</h1>
            <p class="muted">{slug}</p>
            <p>{move || i18n.t().coming_soon}</p>
        </section>
    }
}
