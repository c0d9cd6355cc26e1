//! Search benchmarks for BENCHMARKS.md: the index natively (with a naive linear-scan
//! reference in the same run) and the same code compiled to wasm in headless Chromium.

use std::path::Path;

use crate::sh::cmd;

/// Runs both and returns the Markdown section, figures as the benchmarks printed them.
pub fn run(_root: &Path) -> Result<String, String> {
    crate::step("search, native release build, with a naive linear-scan reference");
    let native = cmd(
        "cargo",
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "etalase-model",
            "--example",
            "search_bench",
        ],
    )
    .capture()?;
    crate::step("search, wasm release build in headless Chromium (the code the app ships)");
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
            "wasm_search_bench",
            "--",
            "--nocapture",
        ],
    )
    .capture()?;
    let wasm_line = wasm
        .lines()
        .find_map(|l| {
            l.find("BENCH wasm search")
                .map(|at| l[at..].trim().to_owned())
        })
        .ok_or("the wasm search benchmark printed no BENCH line")?;
    Ok(format!(
        "## Search: one keystroke over 10,000 listings ({date})

Workload: `synthetic_catalog(10_000, 42)`; every prefix of \"kerupuk udang\", \"madu kelulut\",
\"rumput laut\", \"amplagn\" (a typo), \"seaweed\", \"kopi liberika\", 25 rounds. Typo tolerance
on (one edit for words of ≥ 5 letters), prefix on the last word, ranking on. The naive
reference scans every listing and computes per-word edit distance, in the same run. Goals:
≤ 2 ms per keystroke with typo tolerance (brief), ≤ 10 ms median in wasm (issue). For context
only, not measured here: the brief quotes MiniSearch at p95 ≈ 14 ms and FlexSearch ≈ 1.4 ms
(without typo tolerance) on this machine.

Native (x86-64, release):

```
{native}```

wasm in headless Chromium (release, `opt-level = \"z\"`, LTO, `+simd128`; `performance.now()`
is coarsened to 0.1 ms without cross-origin isolation, so medians are quantised):

```
{wasm_line}
```
",
        date = crate::bench_util::today(),
        native = native,
    ))
}
