//! Demand insights, as `GET /api/insights` answers: counts of inquiries only, no names,
//! addresses or quantities, so the figures can be public.

use serde::{Deserialize, Serialize};

/// Distinct inquiries, in all and per category, village, destination country and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Insights {
    /// Distinct inquiries.
    pub total: u64,
    pub by_category: Vec<Count>,
    pub by_village: Vec<Count>,
    pub by_country: Vec<Count>,
    /// Ascending, `YYYY-MM` in WITA.
    pub by_month: Vec<Count>,
}

/// How many distinct inquiries fall under `key` (one bar of a demand chart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    pub key: String,
    pub count: u64,
}
