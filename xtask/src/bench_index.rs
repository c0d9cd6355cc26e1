//! The card index's encodings for BENCHMARKS.md: sizes and decode times natively, with the
//! full catalog's JSON as the reference in the same run, and the decode in the app's wasm in
//! headless Chromium.

use std::path::Path;

use crate::sh::cmd;

/// Runs both and returns the Markdown section, figures as the benchmarks printed them.
pub fn run(_root: &Path) -> Result<String, String> {
    crate::step("card index encodings, native release build");
    let native = cmd(
        "cargo",
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "etalase-model",
            "--features",
            "bench",
            "--example",
            "index_bench",
        ],
    )
    .capture()?;
    crate::step("card index decode, wasm release build in headless Chromium");
    let wasm = cmd(
        "cargo",
        &[
            "test",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "etalase-model",
            "--features",
            "bench",
            "--test",
            "wasm_index_bench",
            "--",
            "--nocapture",
        ],
    )
    .capture()?;
    let wasm_line = wasm
        .lines()
        .find_map(|l| {
            l.find("BENCH wasm index")
                .map(|at| l[at..].trim().to_owned())
        })
        .ok_or("the wasm index benchmark printed no BENCH line")?;
    let native: String = native
        .lines()
        .filter(|l| l.starts_with("BENCH"))
        .map(|l| format!("{l}\n"))
        .collect();
    Ok(format!(
        "## The card index: which encoding ({date})

Reproduce: `cargo xtask bench-index`. Workload: `synthetic_catalog(10_000, 42)` (photos named
by 64 hex digits per rendition, as uploads are); the index of its published listings
(`etalase_model::CardIndex`, columns of the card fields). Sizes after brotli quality 11,
window 22 (the server's); `rest` is the index without its columns (sellers, villages,
partners: JSON in every variant); decode is the columns alone, `expand` also rebuilds the
card-sized catalog the pages run on. Medians of 15 (native) and 9 (wasm).

Native (x86-64, release):

```
{native}```

wasm in headless Chromium (release, the app's flags):

```
{wasm_line}
```

**Chosen: JSON** (figures of 2026-12-06). After brotli it is the smallest of the three (431 KB
against 441 KB bitcode and 452 KB postcard, the columns of 9,716 listings): the schema-less
binary formats save raw bytes that brotli finds anyway. They decode about 5 ms faster in wasm
(a 4× slower phone: about 20 ms), less than the index saves against the whole catalog (55 ms →
14 ms to decode, 1,712 KB → 447 KB on the wire with `rest`), and the decode is to leave the
main thread with the worker; JSON adds no crate to the app's wasm and stays what the server,
the caches and the tests read. Where the index's bytes go (columns, brotli): words of the
descriptions 122 KB (search needs them), ids 75 KB, names 94 KB, photo keys 43 KB (the
64-digit names they replace were two thirds of the catalog: 1,098 KB), the other columns and
`rest` about 130 KB.
",
        date = crate::bench_util::today(),
    ))
}
