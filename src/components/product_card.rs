use etalase_model::{format_rupiah, Lang, Product};
use leptos::prelude::*;

use crate::catalog_data::today;
use crate::components::CertBadges;
use crate::i18n::{fill, texts, use_i18n};

/// One listing in the results grid: photo, name, origin and the numbers a buyer compares
/// first (price per unit, minimum order, certificates).
///
/// The language is the card's only reactive input: the whole card is rebuilt when it
/// changes. A search keystroke creates up to 12 cards, and one effect per card instead of
/// one per string (and plain links, which the router still intercepts, instead of `<A>`
/// components that re-check the location on every keystroke) is most of what the card's
/// part of a keystroke costs.
#[component]
pub fn ProductCard(
    /// The listing to show.
    product: Product,
    /// Name of the village it comes from.
    village: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let day = today();
    move || card(&product, &village, i18n.lang(), day)
}

/// The card's markup in one language.
fn card(product: &Product, village: &str, lang: Lang, day: etalase_model::Date) -> impl IntoView {
    let t = texts(lang);
    let href = format!("/produk/{}", product.id);
    let photo = product.photos.first();
    let name = product.name(lang).to_string();
    let alt = photo.map_or_else(|| name.clone(), |ph| ph.alt(lang).to_string());
    let thumb = photo.map(|ph| ph.thumb.clone()).unwrap_or_default();
    let unit = product.unit.label(lang);
    let price = product
        .base_price()
        .map(|r| format!("{} / {unit}", format_rupiah(r.0)));
    let moq = fill(t.moq_short, &[&product.moq, &unit]);
    let lead = fill(t.days_unit, &[&product.lead_time_days]);
    let export = product
        .export_ready
        .then(|| view! { <span class="badge export">{t.export_badge}</span> });
    view! {
        <article class="card product-card">
            <a href=href.clone() class="card-photo" tabindex="-1" aria-hidden="true">
                <img src=thumb alt=alt loading="lazy" decoding="async" width="400" height="300"/>
                {export}
            </a>
            <div class="card-body">
                <p class="card-category">{product.category.label(lang)}</p>
                <h3 class="card-title"><a href=href>{name}</a></h3>
                <p class="card-origin">{fill(t.from_village, &[&village])}</p>
                <p class="card-price">{price}</p>
                <p class="card-terms">
                    <span>{moq}</span>
                    <span aria-hidden="true">" · "</span>
                    <span>{lead}</span>
                </p>
                <CertBadges certificates=product.certificates.clone() today=day lang=lang/>
            </div>
        </article>
    }
}
