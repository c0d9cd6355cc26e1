//! The catalog: villages, the sellers who live in them, and the products they list.
//!
//! These are the types the server stores and sends and the app shows and edits, so they derive
//! serde with snake_case names throughout (fields and enum values alike). Bilingual text is kept
//! as `_id` / `_en` field pairs rather than a map: every listing must have both, and a missing
//! English text is a validation question, not a lookup failure.

mod category;
mod certificate;
pub mod index;
mod index_steps;
mod partner;
mod product;
mod village;

use serde::{Deserialize, Serialize};

pub use category::{Category, Unit};
pub use certificate::{Certificate, CertificateError, CertificateKind};
pub use index::{card_photo_path, photo_key, CardIndex, Cards, IndexError};
pub use index_steps::{CatalogSteps, Step, StepError};
pub use partner::{Partner, PartnerKind, Partnership, PartnershipStatus, ProgrammeKind};
pub use product::{ListingStatus, Photo, PriceTier, Product, ProductError};
pub use village::{IdmStatus, Village};

/// A slug (or serde name) that names no variant of an enum, e.g. `?kategori=sepatu`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {slug:?}")]
pub struct UnknownSlug {
    /// Which enum was being parsed, for the message.
    pub what: &'static str,
    /// The text that was refused.
    pub slug: String,
}

/// A producer (UMKM, women's group, farmer group) that lists products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seller {
    pub id: String,
    pub name: String,
    /// WhatsApp number in E.164 form (`+62…`): buyers contact sellers there, so it is required.
    pub whatsapp: String,
    pub village_slug: String,
    /// The cooperative the seller sells through, if any.
    pub cooperative: Option<String>,
    /// Who checked this seller in person, and when; `None` until someone has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<crate::moderation::Verification>,
}

/// Everything a buyer can browse, as one document. `version` changes whenever the content
/// does, so the app can cache it and the server can answer "not modified".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    pub version: String,
    pub products: Vec<Product>,
    pub sellers: Vec<Seller>,
    pub villages: Vec<Village>,
    /// The exchange rate for indicative USD prices, set by the operator; `None` hides them.
    #[serde(default)]
    pub fx: Option<FxRate>,
    /// Companies, foundations, zakat agencies and universities that support villages.
    /// Defaulted, so catalogs from before partnerships (and cached copies) still parse.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Their programmes with villages; see `partner.rs` for what "backed" means.
    #[serde(default)]
    pub partnerships: Vec<Partnership>,
    /// Seller id → typical minutes to a first answer (`inquiry::reply_time`), for sellers
    /// with enough answers in the last 90 days.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub reply_minutes: std::collections::BTreeMap<String, u32>,
}

/// An indicative exchange rate and the day it was taken, shown next to USD figures so a
/// buyer knows how old the conversion is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FxRate {
    /// Rupiah per US dollar.
    pub idr_per_usd: u32,
    pub as_of: crate::Date,
}

impl FxRate {
    /// The amount in US cents, rounded to the nearest cent.
    pub fn usd_cents(&self, amount: crate::Rupiah) -> u64 {
        let rate = u64::from(self.idr_per_usd.max(1));
        (amount.0 * 100 + rate / 2) / rate
    }

    /// `US$1.54` style, for the indicative price column.
    pub fn format_usd(&self, amount: crate::Rupiah) -> String {
        let cents = self.usd_cents(amount);
        format!("US${}.{:02}", cents / 100, cents % 100)
    }
}

impl Catalog {
    /// Linear lookups: catalogs are at most tens of thousands of listings and these run once
    /// per page, so no map is kept in sync.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// Position of a product in `products`, the id the search index uses.
    pub fn product_index(&self, id: &str) -> Option<usize> {
        self.products.iter().position(|p| p.id == id)
    }

    pub fn seller(&self, id: &str) -> Option<&Seller> {
        self.sellers.iter().find(|s| s.id == id)
    }

    pub fn village(&self, slug: &str) -> Option<&Village> {
        self.villages.iter().find(|v| v.slug == slug)
    }

    /// The ids of the sellers who sell through the cooperative of village `slug`.
    pub fn cooperative_members<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a str> {
        self.sellers
            .iter()
            .filter(move |s| s.cooperative.is_some() && s.village_slug == slug)
            .map(|s| s.id.as_str())
    }

    /// The villages whose cooperative sells for at least one seller, by cooperative name.
    pub fn active_cooperatives(&self) -> Vec<&Village> {
        let mut list: Vec<&Village> = self
            .villages
            .iter()
            .filter(|v| self.cooperative_members(&v.slug).next().is_some())
            .collect();
        list.sort_by(|a, b| a.cooperative.cmp(&b.cooperative));
        list
    }

    pub fn seller_of(&self, product: &Product) -> Option<&Seller> {
        self.seller(&product.seller_id)
    }

    /// Whether someone the district trusts has verified the product's seller.
    pub fn seller_verified(&self, product: &Product) -> bool {
        self.seller_of(product)
            .is_some_and(|s| s.verified.is_some())
    }

    pub fn village_of(&self, product: &Product) -> Option<&Village> {
        self.village(&product.village_slug)
    }

    pub fn products_of_seller<'a>(
        &'a self,
        seller_id: &'a str,
    ) -> impl Iterator<Item = &'a Product> + 'a {
        self.products
            .iter()
            .filter(move |p| p.seller_id == seller_id)
    }

    pub fn products_of_village<'a>(
        &'a self,
        slug: &'a str,
    ) -> impl Iterator<Item = &'a Product> + 'a {
        self.products.iter().filter(move |p| p.village_slug == slug)
    }

    /// Indices of the listings buyers may see.
    pub fn published(&self) -> impl Iterator<Item = usize> + '_ {
        self.products
            .iter()
            .enumerate()
            .filter(|(_, p)| p.status == ListingStatus::Published)
            .map(|(i, _)| i)
    }

    /// Referential problems: dangling seller or village references and duplicate ids. Empty
    /// when the catalog is consistent.
    pub fn integrity_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: Vec<&str> = self.products.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        for w in ids.windows(2).filter(|w| w[0] == w[1]) {
            problems.push(format!("duplicate product id {}", w[0]));
        }
        for s in &self.sellers {
            if self.village(&s.village_slug).is_none() {
                problems.push(format!(
                    "seller {} names unknown village {}",
                    s.id, s.village_slug
                ));
            }
        }
        for p in &self.products {
            if self.seller(&p.seller_id).is_none() {
                problems.push(format!(
                    "product {} names unknown seller {}",
                    p.id, p.seller_id
                ));
            }
            if self.village(&p.village_slug).is_none() {
                problems.push(format!(
                    "product {} names unknown village {}",
                    p.id, p.village_slug
                ));
            }
        }
        problems.extend(self.partnership_problems());
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::demo_catalog;

    #[test]
    fn lookups() {
        let c = demo_catalog();
        let p = c.product("kerupuk-udang-sepatin-250g").unwrap();
        assert_eq!(
            c.product_index(&p.id).map(|i| &c.products[i].id),
            Some(&p.id)
        );
        assert_eq!(
            c.seller_of(p).unwrap().name,
            "UD Kerupuk Udang Sepatin Jaya"
        );
        assert_eq!(c.village_of(p).unwrap().kecamatan, "Anggana");
        assert!(c
            .products_of_seller("kerupuk-sepatin-jaya")
            .all(|q| q.seller_id == "kerupuk-sepatin-jaya"));
        assert!(c.products_of_village("sepatin").count() >= 5);
        assert!(c.product("nope").is_none() && c.village("nope").is_none());
    }

    #[test]
    fn integrity_problems_are_reported() {
        let mut c = demo_catalog();
        c.products[1].id = c.products[0].id.clone();
        c.products[2].seller_id = "ghost".into();
        c.sellers[0].village_slug = "atlantis".into();
        let problems = c.integrity_problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}

#[cfg(test)]
mod fx_tests {
    use super::FxRate;
    use crate::{Date, Rupiah};

    #[test]
    fn usd_is_rounded_to_cents() {
        let fx = FxRate {
            idr_per_usd: 16_250,
            as_of: Date::new(2026, 11, 1).unwrap(),
        };
        assert_eq!(fx.usd_cents(Rupiah(25_000)), 154);
        assert_eq!(fx.format_usd(Rupiah(25_000)), "US$1.54");
        assert_eq!(fx.format_usd(Rupiah(1_625_000)), "US$100.00");
        assert_eq!(fx.format_usd(Rupiah(0)), "US$0.00");
    }
}
