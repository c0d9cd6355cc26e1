//! Etalase Desa's shared vocabulary: the types that travel between the browser app and the
//! server, the rules that validate them, and the small formatting helpers both sides show to
//! people.
//!
//! Invariant: this crate does no I/O and has no platform dependencies, so every rule is
//! written once, compiled into both the wasm app and the native server, and tested natively.

pub mod catalog;
pub mod date;
pub mod demo;
pub mod filter;
pub mod lang;
pub mod money;
pub mod rules;
pub mod search;

pub use catalog::{
    Catalog, Category, Certificate, CertificateError, CertificateKind, FxRate, IdmStatus,
    ListingStatus, Photo, PriceTier, Product, ProductError, Seller, Unit, UnknownSlug, Village,
};
pub use date::{Date, DateError};
pub use demo::{demo_catalog, demo_photo_color, synthetic_catalog, DEMO_VERSION};
pub use filter::{facet_counts, run_query, run_query_with_facets, CatalogQuery, Sort};
pub use lang::Lang;
pub use money::{format_rupiah, format_rupiah_compact, Rupiah};
pub use search::{normalize, tokenize, Score, SearchIndex};
