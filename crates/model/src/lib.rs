//! Etalase Desa's shared vocabulary: the types that travel between the browser app and the
//! server, the rules that validate them, and the small formatting helpers both sides show to
//! people.
//!
//! Invariant: this crate does no I/O and has no platform dependencies, so every rule is
//! written once, compiled into both the wasm app and the native server, and tested natively.

/// Implements `FromStr` by matching, case-insensitively, `slug()` or the serde (snake_case)
/// name of every variant in `ALL`, so URLs (`olahan-ikan`), JSON (`olahan_ikan`) and
/// typed input (`FOB`) all parse. Shared by every slugged enum of the crate.
macro_rules! from_slug {
    ($ty:ty, $what:literal) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::catalog::UnknownSlug;

            fn from_str(s: &str) -> Result<Self, $crate::catalog::UnknownSlug> {
                let s = s.trim();
                let wanted = s.to_ascii_lowercase().replace('-', "_");
                <$ty>::ALL
                    .into_iter()
                    .find(|v| v.slug().replace('-', "_") == wanted)
                    .ok_or_else(|| $crate::catalog::UnknownSlug {
                        what: $what,
                        slug: s.to_owned(),
                    })
            }
        }
    };
    // Also `Display` as the slug, for types without a display of their own.
    ($ty:ty, $what:literal, display) => {
        $crate::from_slug!($ty, $what);

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}
pub(crate) use from_slug;

pub mod api;
pub mod area;
pub mod card;
pub mod catalog;
pub mod cooperative;
pub mod date;
pub mod demo;
pub mod district;
pub mod filter;
pub mod gazetteer;
pub mod idm;
pub mod inquiry;
pub mod lang;
pub mod moderation;
pub mod money;
pub mod rules;
pub mod search;
pub mod texts;

pub use area::AppArea;
pub use catalog::{
    CardIndex, Catalog, CatalogSteps, Category, Certificate, CertificateError, CertificateKind,
    FxRate, IdmStatus, ListingStatus, Partner, PartnerKind, Partnership, PartnershipStatus, Photo,
    PriceTier, Product, ProductError, ProgrammeKind, Seller, Unit, UnknownSlug, Village,
};
pub use date::{Date, DateError};
pub use demo::{demo_catalog, demo_photo_color, synthetic_catalog, DEMO_VERSION};
pub use filter::{
    facet_counts, run_query, run_query_on_hits, run_query_with_facets, CatalogQuery, Sort,
};
pub use idm::{preview_import, trend, IdmRecord, IdmTrend, ImportPreview, RowProblem};
pub use inquiry::{
    check_export, check_purchase, ExportInquiry, InquiryKind, InquiryStatus, PurchaseInquiry,
};
pub use lang::{split_path_language, Lang, ENGLISH_PREFIX, LANG_COOKIE};
pub use money::{format_rupiah, format_rupiah_compact, Rupiah};
pub use search::{normalize, tokenize, Score, SearchIndex};
