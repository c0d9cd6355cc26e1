use std::fmt::Write as _;

use etalase_model::{format_rupiah, Date, Lang, Product};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use leptos::prelude::*;

use crate::catalog_data::{today, use_typing};
use crate::i18n::{fill, texts, use_i18n};
use crate::routes::AppPath;

/// One listing in the results grid: photo, name, origin and the numbers a buyer compares
/// first (price per unit, minimum order, certificates).
///
/// The card is written as one HTML string and set with `innerHTML`, rebuilt only when the
/// language changes. A search keystroke replaces a page of cards (8 on a phone), and building each card's
/// ~30 nodes one wasm-to-DOM call at a time (create, set attribute, insert) was the largest
/// part of the keystroke's script; the browser's own parser builds the same nodes in one call
/// (BENCHMARKS.md, page load and search keystrokes). Every value from a listing is escaped.
/// The links are plain `<a>`, which the router intercepts like its own.
#[component]
pub fn ProductCard(
    /// The listing to show.
    product: Product,
    /// Name of the village it comes from.
    village: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let day = today();
    let typing = use_typing();
    view! {
        <article class="card product-card"
            inner_html=move || {
                let photo = if typing.get_untracked() { PhotoLoad::WhenTypingPauses } else { PhotoLoad::Now };
                card_html(&product, &village, i18n.lang(), day, photo)
            }></article>
    }
}

/// When a card's photo is fetched.
///
/// While a search is typed, each keystroke replaces the page of cards, and most of those
/// cards are gone a keystroke later. Their photos would cost a phone data it pays for, and
/// their responses land on the main thread inside the keystroke's frame. So a card made
/// while typing names its photo in `data-src`, and [`load_waiting_photos`] moves it to
/// `src` when typing pauses (the pause that writes the URL). In interleaved runs at 4× CPU
/// the slowest keystrokes (p95) took 97 ms against 150 ms (BENCHMARKS.md, page load and
/// search keystrokes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoLoad {
    Now,
    WhenTypingPauses,
}

/// Starts the photos of the cards under `root` that were made while a search was typed.
pub fn load_waiting_photos(root: &web_sys::Element) {
    while let Ok(Some(img)) = root.query_selector("img[data-src]") {
        let src = img.get_attribute("data-src").unwrap_or_default();
        let _ = img.remove_attribute("data-src");
        let _ = img.set_attribute("src", &src);
    }
}

/// The card's contents in one language.
pub fn card_html(
    product: &Product,
    village: &str,
    lang: Lang,
    day: Date,
    photo_load: PhotoLoad,
) -> String {
    let t = texts(lang);
    let href = AppPath::Product { id: &product.id }.href();
    let photo = product.photos.first();
    let name = product.name(lang);
    let alt = photo.map_or(name, |ph| ph.alt(lang));
    let thumb = photo.map_or("", |ph| ph.thumb.as_str());
    let unit = product.unit.label(lang);
    let price = product
        .base_price()
        .map(|r| format!("{} / {unit}", format_rupiah(r.0)))
        .unwrap_or_default();
    let moq = fill(t.moq_short, &[&product.moq, &unit]);
    let lead = fill(t.days_unit, &[&product.lead_time_days]);
    let origin = fill(t.from_village, &[&village]);

    let mut html = String::with_capacity(1024);
    let _ = write!(
        html,
        r#"<a href="{href}" class="card-photo" tabindex="-1" aria-hidden="true"><img {src}="{thumb}" alt="{alt}" loading="lazy" decoding="async" width="400" height="300">"#,
        href = attr(&href),
        src = match photo_load {
            PhotoLoad::Now => "src",
            PhotoLoad::WhenTypingPauses => "data-src",
        },
        thumb = attr(thumb),
        alt = attr(alt),
    );
    if product.export_ready {
        let _ = write!(
            html,
            r#"<span class="badge export">{}</span>"#,
            text(t.export_badge)
        );
    }
    let _ = write!(
        html,
        r#"</a><div class="card-body"><p class="card-category">{category}</p><h3 class="card-title"><a href="{href}">{name}</a></h3><p class="card-origin">{origin}</p><p class="card-price">{price}</p><p class="card-terms"><span>{moq}</span><span aria-hidden="true"> · </span><span>{lead}</span></p>"#,
        category = text(product.category.label(lang)),
        href = attr(&href),
        name = text(name),
        origin = text(&origin),
        price = text(&price),
        moq = text(&moq),
        lead = text(&lead),
    );
    // Certificates valid today: an expired one is not a claim a card should make (the
    // product page lists it as expired).
    let mut valid = product
        .certificates
        .iter()
        .filter(|c| c.is_valid_on(day))
        .peekable();
    if valid.peek().is_some() {
        html.push_str(r#"<ul class="cert-badges">"#);
        for c in valid {
            let _ = write!(
                html,
                r#"<li class="badge cert cert-{}">{}</li>"#,
                attr(c.kind.slug()),
                text(c.kind.label(lang)),
            );
        }
        html.push_str("</ul>");
    }
    html.push_str("</div>");
    html
}
