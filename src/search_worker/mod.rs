//! The catalog's search index, built in a Web Worker: the page hands the worker the card
//! index it fetched; the worker decodes it and builds the search index (260–280 ms of wasm
//! at 10,000 listings, about a second on a phone four times slower, which on the page's
//! thread was one long task) and hands it back as bytes (`SearchIndex::to_bytes`), which
//! the page reads in milliseconds and searches on each keystroke. Answering each keystroke
//! in the worker instead cost a frame more per keystroke (BENCHMARKS.md); a search over a
//! built index takes well under a millisecond.
//!
//! `protocol` is both sides' messages; `client` the page's handle (started by
//! `catalog_data`); `worker` the worker's side, which `src/bin/search_worker.rs` runs
//! (Trunk builds it as `search-worker_loader.js`, see index.html). The worker's listings are
//! the page's: both turn the same index text into the same catalog (`CardIndex::to_catalog`),
//! so a position means the same listing on both sides, and the index names the catalog
//! version it is of.

pub mod client;
pub mod protocol;
#[cfg(target_arch = "wasm32")]
pub mod worker;
