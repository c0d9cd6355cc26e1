//! The catalog's search in a Web Worker: the page hands the worker the card index it
//! fetched, the worker decodes it and builds the search index (260–280 ms of wasm at
//! 10,000 listings, about a second on a phone four times slower), and answers each
//! query's words with the matching listings, best first. The page keeps drawing and
//! filtering; typing never waits on the index being built.
//!
//! `protocol` is both sides' messages; `client` the page's handle (started by
//! `catalog_data`); `worker` the worker's side, which `src/bin/search_worker.rs` runs
//! (Trunk builds it as `search-worker_loader.js`, see index.html). The worker's listings are
//! the page's: both turn the same index text into the same catalog (`CardIndex::to_catalog`),
//! so a position means the same listing on both sides, and every answer names the catalog
//! version it is of.

pub mod client;
pub mod protocol;
#[cfg(target_arch = "wasm32")]
pub mod worker;
