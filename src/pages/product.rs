use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/produk/:id`: one product with its purchasing terms.
#[component]
pub fn ProductPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        <PageMeta
            title=Signal::derive(move || format!("{} {}", i18n.t().product_title, id()))
            description=Signal::derive(move || i18n.t().home_meta.to_string())
        />
        <section class="panel">
            <h1>{move || i18n.t().product_title}</h1>
            <p class="muted">{id}</p>
            <p>{move || i18n.t().coming_soon}</p>
        </section>
    }
}
