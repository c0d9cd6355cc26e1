//! The keystroke workload both search benchmarks (native example and wasm in Chromium)
//! time, kept in one place so their figures stay comparable.

/// Typed one character at a time; "amplagn" carries a typo on purpose.
pub const QUERIES: &[&str] = &[
    "kerupuk udang",
    "madu kelulut",
    "rumput laut",
    "amplagn",
    "seaweed",
    "kopi liberika",
];
/// Rounds over the whole workload.
pub const RUNS: usize = 25;
