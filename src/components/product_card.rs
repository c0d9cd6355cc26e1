use etalase_model::{format_rupiah, Product};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::catalog_data::today;
use crate::components::CertBadges;
use crate::i18n::{fill, use_i18n};

/// One listing in the results grid: photo, name, origin and the numbers a buyer compares
/// first (price per unit, minimum order, certificates).
#[component]
pub fn ProductCard(
    /// The listing to show.
    product: Product,
    /// Name of the village it comes from.
    village: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/produk/{}", product.id);
    let photo = product.photos.first().cloned();
    let p = product.clone();
    let name = move || p.name(i18n.lang()).to_string();
    let p = product.clone();
    let price = move || {
        let lang = i18n.lang();
        p.base_price()
            .map(|r| format!("{} / {}", format_rupiah(r.0), p.unit.label(lang)))
    };
    let p = product.clone();
    let moq = move || fill(i18n.t().moq_short, &[&p.moq, &p.unit.label(i18n.lang())]);
    let category = product.category;
    let lead = product.lead_time_days;
    let export = product.export_ready;
    let certs = product.certificates.clone();
    let p = product.clone();
    let alt = move || {
        photo
            .as_ref()
            .map(|ph| ph.alt(i18n.lang()).to_string())
            .unwrap_or_else(|| p.name(i18n.lang()).to_string())
    };
    let thumb = product
        .photos
        .first()
        .map(|ph| ph.thumb.clone())
        .unwrap_or_default();

    view! {
        <article class="card product-card">
            <A href=href.clone() attr:class="card-photo" attr:tabindex="-1" attr:aria-hidden="true">
                <img src=thumb alt=alt loading="lazy" decoding="async" width="400" height="300"/>
                {export.then(|| view! { <span class="badge export">{move || i18n.t().export_badge}</span> })}
            </A>
            <div class="card-body">
                <p class="card-category">{move || category.label(i18n.lang())}</p>
                <h3 class="card-title"><A href=href>{name}</A></h3>
                <p class="card-origin">{move || fill(i18n.t().from_village, &[&village])}</p>
                <p class="card-price">{price}</p>
                <p class="card-terms">
                    <span>{moq}</span>
                    <span aria-hidden="true">" · "</span>
                    <span>{move || fill(i18n.t().days_unit, &[&lead])}</span>
                </p>
                <CertBadges certificates=certs today=today()/>
            </div>
        </article>
    }
}
