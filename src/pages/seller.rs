use leptos::prelude::*;

use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/penjual`: the seller area.
#[component]
pub fn SellerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.t().seller_title.to_string())
            description=Signal::derive(move || i18n.t().seller_lead.to_string())
        />
        <section class="panel">
            <h1>{move || i18n.t().seller_title}</h1>
            <p class="lead">{move || i18n.t().seller_lead}</p>
            <p class="muted">{move || i18n.t().coming_soon}</p>
        </section>
    }
}
