pub use etalase_model::card::{card_html, CardContext, PhotoLoad};
use etalase_model::Product;
use leptos::prelude::*;

use crate::catalog_data::{today, use_typing};
use crate::i18n::use_i18n;

/// One listing in the results grid: photo, name, origin and the numbers a buyer compares
/// first (price per unit, minimum order, certificates).
///
/// The card is written as one HTML string (`etalase_model::card`, which the server's first
/// view of a page uses too) and set with `innerHTML`, rebuilt only when the
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
    /// Whether its seller is verified (a seller's own preview leaves it out).
    #[prop(optional)]
    verified: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let day = today();
    let typing = use_typing();
    view! {
        <article class="card product-card"
            inner_html=move || {
                let photo = if typing.get_untracked() { PhotoLoad::WhenTypingPauses } else { PhotoLoad::Now };
                let cx = CardContext { village: &village, verified, lang: i18n.lang(), day, photo_load: photo };
                card_html(&product, cx)
            }></article>
    }
}

/// Starts the photos of the cards under `root` that were made while a search was typed.
pub fn load_waiting_photos(root: &web_sys::Element) {
    while let Ok(Some(img)) = root.query_selector("img[data-src]") {
        let src = img.get_attribute("data-src").unwrap_or_default();
        let _ = img.remove_attribute("data-src");
        let _ = img.set_attribute("src", &src);
    }
}
