//! The export market map for the district (`GET /api/staff/market`): what was asked, quoted
//! and won, by destination country and product, over a period and optionally one kecamatan.

use serde::{Deserialize, Serialize};

use crate::Category;

/// `?from=2026-01&to=2026-12&kecamatan=Muara Badak`: months inclusive (WITA months of the
/// inquiries); absent, the last twelve months; `kecamatan` empty or absent: all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MarketQuery {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(example = "2026-01"))]
    pub from: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(example = "2026-12"))]
    pub to: Option<String>,
    #[serde(default)]
    pub kecamatan: Option<String>,
}

/// The map: one row per destination country and product, and the totals per country.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketMap {
    /// The months covered, `YYYY-MM`, inclusive.
    pub from: String,
    pub to: String,
    /// The kecamatan filtered on, if any.
    pub kecamatan: Option<String>,
    /// Every kecamatan with a village in the catalog, for the filter.
    pub kecamatan_options: Vec<String>,
    /// The rate USD values without a seller's indicative price were converted at.
    pub idr_per_usd: Option<u32>,
    /// Largest requested volume first.
    pub rows: Vec<MarketRow>,
    /// Per destination country, largest won value first.
    pub countries: Vec<CountryTotal>,
}

/// What one destination asked of one product, and what came of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketRow {
    /// ISO 3166-1 alpha-2; `ID` for domestic purchase inquiries.
    pub country: String,
    pub product_id: String,
    /// Its Indonesian name (the app shows the reader's language from the catalog).
    pub product_name: String,
    pub category: Option<Category>,
    /// Distinct inquiries that asked for it.
    pub inquiries: u32,
    /// Requested in mass units, in kilograms.
    pub volume_kg: u64,
    /// Requested in units that do not convert to mass (packs, containers…).
    pub other_volume: Vec<UnitVolume>,
    /// The sellers' latest quotes, summed (a quote for several lines is shared evenly).
    pub quoted_idr: u64,
    /// Of those, the ones the buyer accepted.
    pub won_idr: u64,
    pub quoted_usd_cents: u64,
    pub won_usd_cents: u64,
}

/// A volume in a unit that does not convert to kilograms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitVolume {
    /// The unit's wire name (`pack`, `container_20ft`…).
    pub unit: String,
    pub quantity: u64,
}

/// One destination's totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryTotal {
    pub country: String,
    pub inquiries: u32,
    pub volume_kg: u64,
    pub quoted_idr: u64,
    pub won_idr: u64,
}
