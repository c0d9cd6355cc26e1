//! The search and filter rules compiled to wasm and run in headless Chromium: the app runs
//! exactly this code, so it must give the same answers there as natively.
#![cfg(target_arch = "wasm32")]

use etalase_model::{
    demo_catalog, run_query, synthetic_catalog, CatalogQuery, CertificateKind, Date, SearchIndex,
    Sort,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn typo_prefix_and_diacritics_in_the_browser() {
    let catalog = demo_catalog();
    let index = SearchIndex::build(&catalog);
    let name = |q: &str| {
        let hits = index.search(q);
        assert!(!hits.is_empty(), "{q:?} finds something");
        catalog.products[hits[0].0].name_id.to_lowercase()
    };
    assert!(name("kerupuk udang").contains("kerupuk udang"));
    assert!(
        name("kerupk udang").contains("kerupuk udang"),
        "one typo in a long word"
    );
    assert!(name("kerup").contains("kerupuk"), "prefix while typing");
    assert!(name("mádu kelulut").contains("madu"), "diacritics fold");
    assert!(index.search("xq").is_empty());
}

#[wasm_bindgen_test]
fn filters_and_sort_match_native_rules() {
    let catalog = demo_catalog();
    let index = SearchIndex::build(&catalog);
    let today = Date::new(2026, 11, 23).unwrap();
    let query = CatalogQuery {
        certificate: Some(CertificateKind::Halal),
        sort: Sort::PriceAsc,
        ..CatalogQuery::default()
    };
    let hits = run_query(&catalog, &index, &query, today);
    assert!(!hits.is_empty());
    let prices: Vec<_> = hits
        .iter()
        .map(|&i| catalog.products[i].base_price())
        .collect();
    assert!(prices.windows(2).all(|w| w[0] <= w[1]), "ascending price");
    assert!(hits
        .iter()
        .all(|&i| catalog.products[i].has_valid_certificate(CertificateKind::Halal, today)));
    let round_trip = CatalogQuery::from_query_string(&query.to_query_string());
    assert_eq!(round_trip, query);
}

#[wasm_bindgen_test]
fn ten_thousand_listings_index_and_search_in_wasm() {
    let catalog = synthetic_catalog(10_000, 7);
    let index = SearchIndex::build(&catalog);
    assert_eq!(index.len(), 10_000);
    let hits = index.search("rumput laut");
    assert!(
        hits.len() > 100,
        "a common product is found many times: {}",
        hits.len()
    );
    assert!(hits.windows(2).all(|w| w[0].1 >= w[1].1), "ranked by score");
}

/// The card index the app decodes: its JSON round trip and the listings it rebuilds, in
/// the browser's wasm, give what they give natively.
#[wasm_bindgen_test]
fn the_card_index_round_trips_and_answers_in_the_browser() {
    let full = synthetic_catalog(300, 11);
    let index = etalase_model::CardIndex::from_catalog(&full);
    let json = serde_json::to_string(&index).unwrap();
    let decoded: etalase_model::CardIndex = serde_json::from_str(&json).unwrap();
    assert_eq!(decoded, index);
    let cards = decoded.to_catalog().unwrap();
    let mut published = full.clone();
    published
        .products
        .retain(|p| p.status == etalase_model::ListingStatus::Published);
    let today = Date::new(2026, 12, 6).unwrap();
    let query = CatalogQuery::from_query_string("q=madu&urut=harga-naik");
    let ids = |c: &etalase_model::Catalog| -> Vec<String> {
        run_query(c, &SearchIndex::build(c), &query, today)
            .into_iter()
            .map(|i| c.products[i].id.clone())
            .collect()
    };
    assert_eq!(ids(&cards), ids(&published));
    // Read a slice at a time, as the page reads it, it makes the same catalog.
    let mut steps = etalase_model::CatalogSteps::new(json.as_bytes()).unwrap();
    let stepped = loop {
        if let etalase_model::catalog::Step::Done(catalog) = steps.step().unwrap() {
            break *catalog;
        }
    };
    assert_eq!(stepped, cards);
}

/// The bytes the search worker hands the page read back in the browser's wasm to an index
/// that answers as the one built there, and are the bytes a native build writes: the worker
/// and the page, and any other reader, agree on the layout.
#[wasm_bindgen_test]
fn the_index_as_bytes_round_trips_in_the_browser() {
    let catalog = synthetic_catalog(1_000, 11);
    let index = SearchIndex::build(&catalog);
    let bytes = index.to_bytes();
    let back = SearchIndex::from_bytes(&bytes).expect("its own bytes read back");
    for q in ["kerupuk udang", "amplagn", "madu kel", "k", "zzzz"] {
        assert_eq!(back.search(q), index.search(q), "{q:?}");
    }
    assert!(SearchIndex::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    assert_eq!(&bytes[..4], b"EIX1");
    assert_eq!(
        u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize,
        catalog.products.len()
    );
}
