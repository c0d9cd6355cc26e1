//! Listings: one product in one packaging, with wholesale price tiers and supply terms.

use serde::{Deserialize, Serialize};

use super::{Category, Certificate, CertificateError, CertificateKind, Unit};
use crate::{Date, Lang, Rupiah};

/// Wholesale price per unit from `min_qty` units upwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceTier {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub min_qty: u32,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1_000_000_000))]
    pub price: Rupiah,
}

/// Where a listing is in its life. Only published listings are shown to buyers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ListingStatus {
    #[default]
    Draft,
    Published,
    /// Taken down by the seller (out of season, sold out); kept for reorders and history.
    Unpublished,
}

/// A product photo in two renditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Photo {
    /// URL path of the 400 px wide rendition, for cards.
    pub thumb: String,
    /// URL path of the 1600 px wide rendition, for the product page.
    pub large: String,
    /// URL path of the 800 px rendition, what a phone's product page needs; absent on
    /// photos uploaded before it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    pub alt_id: String,
    pub alt_en: String,
    /// Pixel size of the large rendition; the thumbnail has the same aspect ratio. Known sizes
    /// let the app reserve space and avoid layout shift.
    pub width: u32,
    pub height: u32,
}

impl Photo {
    /// Long edges of the renditions the photo pipeline makes (`etalase_photo`'s
    /// `THUMB_EDGE` and `MEDIUM_EDGE`).
    pub const THUMB_EDGE: u32 = 400;
    pub const MEDIUM_EDGE: u32 = 800;

    /// The width of the rendition whose long edge is `edge`, rounded as the pipeline's
    /// `fit` rounds it (the server's tests hold the two together).
    pub fn width_at(&self, edge: u32) -> u32 {
        self.size_at(edge).0
    }

    /// Width and height of the rendition whose long edge is `edge` (link previews state
    /// both).
    pub fn size_at(&self, edge: u32) -> (u32, u32) {
        let long = self.width.max(self.height);
        if long <= edge || long == 0 {
            return (self.width, self.height);
        }
        let scale = |len: u32| {
            ((u64::from(len) * u64::from(edge) + u64::from(long) / 2) / u64::from(long)).max(1)
                as u32
        };
        (scale(self.width), scale(self.height))
    }

    /// `srcset` over its renditions: thumbnail, the phone size where it was made, large. A
    /// phone's product page then loads 800 px, not 1600.
    pub fn srcset(&self) -> String {
        let mut set = format!("{} {}w", self.thumb, self.width_at(Self::THUMB_EDGE));
        if let Some(medium) = &self.medium {
            set.push_str(&format!(", {medium} {}w", self.width_at(Self::MEDIUM_EDGE)));
        }
        set.push_str(&format!(", {} {}w", self.large, self.width));
        set
    }

    pub fn alt(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.alt_id,
            Lang::En => &self.alt_en,
        }
    }
}

/// English text where the seller wrote it, else the Indonesian: only export-ready listings
/// must be bilingual, and an English reader is better served by Indonesian than by nothing.
fn or_indonesian<'a>(en: &'a str, id: &'a str) -> &'a str {
    if en.trim().is_empty() {
        id
    } else {
        en
    }
}

/// A listing: one product in one packaging, with wholesale terms. (The `schema` attributes
/// state [`crate::rules::check_listing`]'s single-field limits for the API description; the
/// server's `openapi_drift` test holds them to the rules. The rules that tie fields together,
/// such as the first tier starting at the MOQ, are the description's prose.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    /// Slug-like and unique, e.g. `kerupuk-udang-sepatin-250g`.
    pub id: String,
    pub seller_id: String,
    pub village_slug: String,
    pub category: Category,
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S", max_length = 100))]
    pub name_id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub name_en: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description_id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description_en: String,
    pub unit: Unit,
    /// Minimum order quantity, in `unit`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1_000_000))]
    pub moq: u32,
    /// Price tiers in ascending `min_qty`; the first starts at the MOQ.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 5))]
    pub tiers: Vec<PriceTier>,
    /// How units are cased for shipping, e.g. `20 pack / karton`.
    #[cfg_attr(feature = "openapi", schema(max_length = 160))]
    pub case_size: Option<String>,
    #[cfg_attr(feature = "openapi", schema(maximum = 365))]
    pub lead_time_days: u16,
    /// What the seller can supply per month, in `unit`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100_000_000))]
    pub monthly_capacity: u32,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3650))]
    pub shelf_life_days: Option<u16>,
    #[cfg_attr(feature = "openapi", schema(max_length = 160))]
    pub packaging_id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 160))]
    pub packaging_en: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 160))]
    pub storage_id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 160))]
    pub storage_en: String,
    pub export_ready: bool,
    /// Harmonized System code for export documents, e.g. `1905.90`.
    pub hs_code: Option<String>,
    pub certificates: Vec<Certificate>,
    #[cfg_attr(feature = "openapi", schema(max_items = 8))]
    pub photos: Vec<Photo>,
    pub status: ListingStatus,
    pub created: Date,
}

/// Why a listing cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProductError {
    #[error("product id must be lowercase letters, digits and dashes")]
    Id,
    #[error("product name is missing in {0:?}")]
    MissingName(Lang),
    #[error("minimum order quantity must be at least 1")]
    ZeroMoq,
    #[error("at least one price tier is needed")]
    NoTiers,
    #[error("the first price tier must start at the minimum order quantity")]
    FirstTierNotAtMoq,
    #[error("price tiers must have increasing minimum quantities")]
    TiersNotAscending,
    #[error("a price must be above Rp 0")]
    ZeroPrice,
    #[error("certificate {index}: {error}")]
    Certificate {
        index: usize,
        error: CertificateError,
    },
}

impl Product {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.name_id,
            Lang::En => or_indonesian(&self.name_en, &self.name_id),
        }
    }

    pub fn description(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.description_id,
            Lang::En => or_indonesian(&self.description_en, &self.description_id),
        }
    }

    pub fn packaging(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.packaging_id,
            Lang::En => or_indonesian(&self.packaging_en, &self.packaging_id),
        }
    }

    pub fn storage(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.storage_id,
            Lang::En => or_indonesian(&self.storage_en, &self.storage_id),
        }
    }

    /// The unit price at the MOQ (the first tier): what cards show and price filters use.
    /// `None` only for drafts without tiers.
    pub fn base_price(&self) -> Option<Rupiah> {
        self.tiers.first().map(|t| t.price)
    }

    /// The unit price for ordering `qty` units: the tier with the largest `min_qty` not above
    /// `qty`. `None` below the first tier (i.e. below the MOQ).
    pub fn price_for_qty(&self, qty: u32) -> Option<Rupiah> {
        self.tiers
            .iter()
            .take_while(|t| t.min_qty <= qty)
            .last()
            .map(|t| t.price)
    }

    /// `qty` units at the applicable tier price.
    pub fn total_for_qty(&self, qty: u32) -> Option<Rupiah> {
        self.price_for_qty(qty)
            .map(|p| Rupiah(p.0 * u64::from(qty)))
    }

    /// Certificates still valid on `today`.
    pub fn valid_certificates(&self, today: Date) -> impl Iterator<Item = &Certificate> {
        self.certificates
            .iter()
            .filter(move |c| c.is_valid_on(today))
    }

    pub fn has_valid_certificate(&self, kind: CertificateKind, today: Date) -> bool {
        self.valid_certificates(today).any(|c| c.kind == kind)
    }

    /// The checks a listing must pass before it is published.
    pub fn validate(&self) -> Result<(), ProductError> {
        let id_ok = !self.id.is_empty()
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(ProductError::Id);
        }
        if self.name_id.trim().is_empty() {
            return Err(ProductError::MissingName(Lang::Id));
        }
        if self.export_ready && self.name_en.trim().is_empty() {
            return Err(ProductError::MissingName(Lang::En));
        }
        if self.moq == 0 {
            return Err(ProductError::ZeroMoq);
        }
        let first = self.tiers.first().ok_or(ProductError::NoTiers)?;
        if first.min_qty != self.moq {
            return Err(ProductError::FirstTierNotAtMoq);
        }
        if self.tiers.windows(2).any(|w| w[0].min_qty >= w[1].min_qty) {
            return Err(ProductError::TiersNotAscending);
        }
        if self.tiers.iter().any(|t| t.price.0 == 0) {
            return Err(ProductError::ZeroPrice);
        }
        for (index, c) in self.certificates.iter().enumerate() {
            c.validate()
                .map_err(|error| ProductError::Certificate { index, error })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn cert(kind: CertificateKind, number: &str) -> Certificate {
        Certificate {
            kind,
            number: number.into(),
            issuer: "BPJPH".into(),
            expires: None,
        }
    }

    fn product() -> Product {
        Product {
            id: "kerupuk-udang-sepatin-250g".into(),
            seller_id: "s".into(),
            village_slug: "sepatin".into(),
            category: Category::Kerupuk,
            name_id: "Kerupuk Udang".into(),
            name_en: "Prawn crackers".into(),
            description_id: String::new(),
            description_en: String::new(),
            unit: Unit::Pack,
            moq: 20,
            tiers: vec![
                PriceTier {
                    min_qty: 20,
                    price: Rupiah(22_000),
                },
                PriceTier {
                    min_qty: 100,
                    price: Rupiah(20_000),
                },
                PriceTier {
                    min_qty: 500,
                    price: Rupiah(18_500),
                },
            ],
            case_size: Some("20 pack / karton".into()),
            lead_time_days: 7,
            monthly_capacity: 2_000,
            shelf_life_days: Some(180),
            packaging_id: String::new(),
            packaging_en: String::new(),
            storage_id: String::new(),
            storage_en: String::new(),
            export_ready: false,
            hs_code: None,
            certificates: vec![],
            photos: vec![],
            status: ListingStatus::Published,
            created: date("2026-03-01"),
        }
    }

    #[test]
    fn tier_prices() {
        let p = product();
        assert_eq!(p.base_price(), Some(Rupiah(22_000)));
        assert_eq!(p.price_for_qty(19), None);
        assert_eq!(p.price_for_qty(20), Some(Rupiah(22_000)));
        assert_eq!(p.price_for_qty(99), Some(Rupiah(22_000)));
        assert_eq!(p.price_for_qty(100), Some(Rupiah(20_000)));
        assert_eq!(p.price_for_qty(10_000), Some(Rupiah(18_500)));
        assert_eq!(p.total_for_qty(100), Some(Rupiah(2_000_000)));
    }

    #[test]
    fn product_validation() {
        assert_eq!(product().validate(), Ok(()));
        let mut p = product();
        p.moq = 10;
        assert_eq!(p.validate(), Err(ProductError::FirstTierNotAtMoq));
        let mut p = product();
        p.tiers[2].min_qty = 100;
        assert_eq!(p.validate(), Err(ProductError::TiersNotAscending));
        let mut p = product();
        p.id = "Kerupuk Udang".into();
        assert_eq!(p.validate(), Err(ProductError::Id));
        let mut p = product();
        p.name_en = " ".into();
        assert_eq!(
            p.validate(),
            Ok(()),
            "English is optional for domestic listings"
        );
        assert_eq!(
            p.name(Lang::En),
            "Kerupuk Udang",
            "and falls back to Indonesian"
        );
        p.export_ready = true;
        assert_eq!(p.validate(), Err(ProductError::MissingName(Lang::En)));
        let mut p = product();
        p.certificates.push(cert(CertificateKind::Pirt, "123"));
        assert!(matches!(
            p.validate(),
            Err(ProductError::Certificate { index: 0, .. })
        ));
        let mut p = product();
        p.tiers.clear();
        assert_eq!(p.validate(), Err(ProductError::NoTiers));
    }

    #[test]
    fn serde_field_names_are_snake_case() {
        let json = serde_json::to_value(product()).unwrap();
        assert_eq!(json["village_slug"], "sepatin");
        assert_eq!(json["status"], "published");
        assert_eq!(json["tiers"][0]["min_qty"], 20);
        assert_eq!(json["created"], "2026-03-01");
        let back: Product = serde_json::from_value(json).unwrap();
        assert_eq!(back, product());
    }
}
