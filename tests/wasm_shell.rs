//! The app shell mounted in a real browser (headless Chromium via wasm-bindgen-test):
//! language switching re-renders the strings and updates `<html lang>`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn search_label() -> String {
    let doc = document();
    doc.query_selector("label[for=site-search]")
        .unwrap()
        .expect("search label")
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn language_switch_updates_text_and_html_lang() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    leptos::mount::mount_to_body(etalase_desa::app::App);
    // The page is built a task after the app starts (`app::App`).
    for _ in 0..50 {
        if document()
            .query_selector("label[for=site-search]")
            .unwrap()
            .is_some()
        {
            break;
        }
        etalase_desa::event_loop::next_task().await;
        leptos::task::tick().await;
    }

    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("id"));
    assert_eq!(search_label(), "Cari produk");

    let button: web_sys::HtmlElement = document()
        .query_selector(".lang-switch")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("EN: Switch to English")
    );
    button.click();
    leptos::task::tick().await;

    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(search_label(), "Search products");
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("etalase.lang")
        .unwrap();
    assert_eq!(stored.as_deref(), Some("en"));
}

#[wasm_bindgen_test]
fn rupiah_formatting_is_the_same_in_wasm() {
    use etalase_model::{format_rupiah, format_rupiah_compact, Lang};
    assert_eq!(format_rupiah(25_000), "Rp 25.000");
    assert_eq!(format_rupiah_compact(1_200_000, Lang::Id), "Rp 1,2 jt");
}

/// The result card is written as an HTML string (`innerHTML`, for speed): whatever a seller
/// types into a name, alt text or photo path must stay text, never become markup.
#[wasm_bindgen_test]
fn product_card_escapes_every_listing_value() {
    use etalase_model::{demo_catalog, Lang};
    let catalog = demo_catalog();
    let mut product = catalog
        .products
        .iter()
        .find(|p| p.export_ready && !p.photos.is_empty())
        .expect("a demo listing with a photo and the export badge")
        .clone();
    product.name_id = r#"Amplang <img src=x onerror="window.__pwned=1"> & "ikan""#.into();
    product.photos[0].thumb = r#"/x.jpg" onerror="window.__pwned=1"#.into();
    let village = "Sepatin </p><script>window.__pwned=1</script>";

    let host = document().create_element("div").unwrap();
    host.set_inner_html(&format!(
        r#"<article class="card product-card">{}</article>"#,
        etalase_desa::components::card_html(
            &product,
            etalase_model::card::CardContext {
                village,
                verified: true,
                lang: Lang::Id,
                day: etalase_desa::catalog_data::today(),
                photo_load: etalase_desa::components::PhotoLoad::Now,
            },
        )
    ));

    let one = |sel: &str| host.query_selector(sel).unwrap().expect(sel);
    // The structure is the card's own: one photo, two links, nothing injected. The parsed
    // DOM serialised again escapes text, so each tag counted here is an element.
    let parsed = host.inner_html();
    assert_eq!(parsed.matches("<img").count(), 1, "{parsed}");
    assert_eq!(parsed.matches("<script").count(), 0, "{parsed}");
    assert_eq!(parsed.matches("<a ").count(), 2, "{parsed}");
    let img = one("img");
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some(r#"/x.jpg" onerror="window.__pwned=1"#)
    );
    assert!(img.get_attribute("onerror").is_none());
    assert_eq!(
        one(".card-title a").text_content().as_deref(),
        Some(r#"Amplang <img src=x onerror="window.__pwned=1"> & "ikan""#)
    );
    assert_eq!(
        one(".card-origin").text_content().as_deref(),
        Some("Desa Sepatin </p><script>window.__pwned=1</script>")
    );
    assert_eq!(
        one(".badge.export").text_content().as_deref(),
        Some("Siap ekspor")
    );
    assert_eq!(
        one(".card-verified").text_content().as_deref(),
        Some("Terverifikasi")
    );
    assert_eq!(
        one(".card-title a").get_attribute("href"),
        Some(format!("/produk/{}", product.id))
    );
}

/// A card made while a search is typed names its photo without fetching it; the pause
/// starts it, and only the cards that were waiting are touched.
#[wasm_bindgen_test]
fn waiting_photos_start_when_typing_pauses() {
    use etalase_desa::catalog_data::today;
    use etalase_desa::components::{card_html, load_waiting_photos, PhotoLoad};
    use etalase_model::{demo_catalog, Lang};
    let catalog = demo_catalog();
    let mut with_photos = catalog.products.iter().filter(|p| !p.photos.is_empty());
    let (waiting, shown) = (with_photos.next().unwrap(), with_photos.next().unwrap());

    let cx = |village, photo_load| etalase_model::card::CardContext {
        village,
        verified: false,
        lang: Lang::Id,
        day: today(),
        photo_load,
    };
    let grid = document().create_element("ul").unwrap();
    grid.set_inner_html(&format!(
        "<li>{}</li><li>{}</li>",
        card_html(waiting, cx("A", PhotoLoad::WhenTypingPauses)),
        card_html(shown, cx("B", PhotoLoad::Now)),
    ));
    let imgs = || {
        [1, 2].map(|n| {
            let img = grid
                .query_selector(&format!("li:nth-child({n}) img"))
                .unwrap()
                .expect("a card photo");
            (img.get_attribute("src"), img.get_attribute("data-src"))
        })
    };
    let (first, second) = (&waiting.photos[0].thumb, &shown.photos[0].thumb);
    assert_eq!(
        imgs(),
        [(None, Some(first.clone())), (Some(second.clone()), None)]
    );

    load_waiting_photos(&grid);
    assert_eq!(
        imgs(),
        [(Some(first.clone()), None), (Some(second.clone()), None)]
    );
}
