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
    let _handle = leptos::mount::mount_to_body(etalase_desa::app::App);
    leptos::task::tick().await;

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
        Some("Switch to English")
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
