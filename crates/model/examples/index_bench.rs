//! The card index's size and decode time by encoding, natively, with the full catalog's
//! JSON as the reference: `cargo run --release -p etalase-model --features bench --example
//! index_bench`. Sizes after brotli at the server's setting (quality 11, window 22); decode
//! times are medians of 15. The same decode in wasm is `tests/wasm_index_bench.rs`.

use std::io::Write;
use std::time::Instant;

use etalase_model::catalog::index::codecs;
use etalase_model::{synthetic_catalog, CardIndex, ListingStatus};

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(bytes).unwrap();
    }
    out.len()
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let listings: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let catalog = synthetic_catalog(listings, 42);
    let published = catalog
        .products
        .iter()
        .filter(|p| p.status == ListingStatus::Published)
        .count();
    let full = serde_json::to_vec(&catalog).unwrap();
    let full_ms = median_ms(|| {
        let _: etalase_model::Catalog = serde_json::from_slice(&full).unwrap();
    });
    let index = CardIndex::from_catalog(&catalog);
    let mut rest = index.clone();
    rest.cards = Default::default();
    let rest = serde_json::to_vec(&rest).unwrap();
    println!(
        "BENCH index listings={listings} published={published} full_json={} full_brotli={} full_decode_ms={full_ms:.1} rest_json={} rest_brotli={}",
        full.len(),
        brotli(&full),
        rest.len(),
        brotli(&rest)
    );
    // What each column costs (JSON, brotli), to see where the bytes are.
    let c = &index.cards;
    let column = |v: serde_json::Value| brotli(&serde_json::to_vec(&v).unwrap());
    println!(
        "BENCH index columns_brotli ids={} seller={} village={} category={} name_id={} name_en={} unit={} moq={} price={} lead={} export={} created={} certificates={} photo={} words={}",
        column(serde_json::json!(c.ids)),
        column(serde_json::json!(c.seller)),
        column(serde_json::json!(c.village)),
        column(serde_json::json!(c.category)),
        column(serde_json::json!(c.name_id)),
        column(serde_json::json!(c.name_en)),
        column(serde_json::json!(c.unit)),
        column(serde_json::json!(c.moq)),
        column(serde_json::json!(c.price)),
        column(serde_json::json!(c.lead_time_days)),
        column(serde_json::json!(c.export_ready)),
        column(serde_json::json!(c.created)),
        column(serde_json::json!(c.certificates)),
        column(serde_json::json!(c.photo)),
        column(serde_json::json!(c.words)),
    );
    for codec in codecs::NAMES {
        let bytes = codecs::encode(codec, &index.cards);
        assert_eq!(
            codecs::decode(codec, &bytes),
            index.cards,
            "{codec} round trip"
        );
        let ms = median_ms(|| {
            std::hint::black_box(codecs::decode(codec, &bytes));
        });
        let expand = median_ms(|| {
            let mut i = index.clone();
            i.cards = codecs::decode(codec, &bytes);
            std::hint::black_box(i.to_catalog().unwrap());
        });
        println!(
            "BENCH index codec={codec} raw={} brotli={} decode_ms={ms:.2} decode_and_expand_ms={expand:.2}",
            bytes.len(),
            brotli(&bytes)
        );
    }
}
