//! Search benchmark in headless Chromium: every keystroke of realistic queries over 10,000
//! synthetic listings, timed with `performance.now()` in the same wasm the app ships.
//! Run by `cargo xtask bench` (needs `--features bench`); not part of the test command.
#![cfg(target_arch = "wasm32")]

use etalase_model::{run_query, synthetic_catalog, CatalogQuery, Date, SearchIndex};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::queries::{QUERIES, RUNS};

fn now() -> f64 {
    web_sys::window()
        .expect("browser")
        .performance()
        .expect("performance")
        .now()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[wasm_bindgen_test]
fn search_keystrokes_over_10k_listings() {
    let catalog = synthetic_catalog(10_000, 42);
    let t = now();
    let index = SearchIndex::build(&catalog);
    let build_ms = now() - t;
    let today = Date::new(2026, 11, 23).unwrap();

    let (mut search, mut full) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        for q in QUERIES {
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let prefix = &q[..end];
                let t = now();
                let hits = index.search(prefix);
                search.push(now() - t);
                std::hint::black_box(hits);
                // The whole query the catalog page runs: search + filters + sort.
                let query = CatalogQuery {
                    q: prefix.to_string(),
                    ..Default::default()
                };
                let t = now();
                let ids = run_query(&catalog, &index, &query, today);
                full.push(now() - t);
                std::hint::black_box(ids);
            }
        }
    }
    search.sort_by(f64::total_cmp);
    full.sort_by(f64::total_cmp);
    console_log!(
        "BENCH wasm search 10k: build {:.1} ms; index.search median {:.3} ms p95 {:.3} ms max {:.3} ms; run_query median {:.3} ms p95 {:.3} ms ({} keystrokes)",
        build_ms,
        percentile(&search, 0.5),
        percentile(&search, 0.95),
        search[search.len() - 1],
        percentile(&full, 0.5),
        percentile(&full, 0.95),
        search.len()
    );
}
