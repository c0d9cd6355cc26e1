//! The card index's decode time by encoding in headless Chromium, in the wasm the app
//! ships, with the full catalog's JSON as the reference (sizes: `examples/index_bench.rs`).
//! Run by `cargo xtask bench` (needs `--features bench`); not part of the test command.
#![cfg(target_arch = "wasm32")]

use etalase_model::catalog::index::codecs;
use etalase_model::{synthetic_catalog, CardIndex, Catalog};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .expect("browser")
        .performance()
        .expect("performance")
        .now()
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..9)
        .map(|_| {
            let t = now();
            f();
            now() - t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[wasm_bindgen_test]
fn card_index_decode_by_encoding_over_10k_listings() {
    let catalog = synthetic_catalog(10_000, 42);
    let full = serde_json::to_vec(&catalog).unwrap();
    let full_ms = median_ms(|| {
        let _: Catalog = std::hint::black_box(serde_json::from_slice(&full).unwrap());
    });
    let index = CardIndex::from_catalog(&catalog);
    let mut line = format!("BENCH wasm index 10k: full catalog JSON decode {full_ms:.1} ms");
    for codec in codecs::NAMES {
        let bytes = codecs::encode(codec, &index.cards);
        assert_eq!(
            codecs::decode(codec, &bytes),
            index.cards,
            "{codec} round trip"
        );
        let decode = median_ms(|| {
            std::hint::black_box(codecs::decode(codec, &bytes));
        });
        let expand = median_ms(|| {
            let mut i = index.clone();
            i.cards = codecs::decode(codec, &bytes);
            std::hint::black_box(i.to_catalog().unwrap());
        });
        line.push_str(&format!(
            "; {codec} decode {decode:.1} ms, with expand {expand:.1} ms"
        ));
    }
    console_log!("{line}");
}
