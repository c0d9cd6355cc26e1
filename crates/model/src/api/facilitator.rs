//! `GET /api/facilitator/report`: how far each village's businesses have come on the
//! platform, for the village facilitators (DPMD / KPMD) to plan coaching. Counts only.

use serde::{Deserialize, Serialize};

use crate::IdmStatus;

/// What `GET /api/facilitator/report` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilitatorReport {
    /// By kecamatan, then village name.
    pub villages: Vec<VillageActivity>,
    /// One row per kecamatan: the sums of its villages.
    pub kecamatan: Vec<KecamatanActivity>,
    /// Villages still developing (Sangat Tertinggal, Tertinggal, Berkembang) with no active
    /// listing: where coaching is needed first. Slugs, least developed first; a village with
    /// no IDM figures yet is not guessed into it.
    pub to_coach: Vec<String>,
}

/// One village's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageActivity {
    pub slug: String,
    pub name: String,
    pub kecamatan: String,
    /// `None` where the village has no IDM figures yet.
    pub idm_status: Option<IdmStatus>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A kecamatan's figures, summed over its villages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KecamatanActivity {
    pub kecamatan: String,
    pub villages: usize,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The counts a facilitator reads; shares are these over `listings`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// Sellers with at least one published listing.
    pub active_sellers: usize,
    /// Published listings.
    pub listings: usize,
    /// Distinct inquiries that reached a seller of the village in the last 30 / 90 days.
    pub inquiries_30: usize,
    pub inquiries_90: usize,
    /// Published listings whose photos the coach measured (uploaded photos; demo photos are not).
    pub photos_measured: usize,
    /// Of those, the listings where every measured photo passed the coach.
    pub photos_good: usize,
    /// Published listings with at least one certificate valid today.
    pub valid_certificates: usize,
}

impl Figures {
    /// Adds a village's figures to a sum (a kecamatan's).
    pub fn add(&mut self, other: &Figures) {
        self.active_sellers += other.active_sellers;
        self.listings += other.listings;
        self.inquiries_30 += other.inquiries_30;
        self.inquiries_90 += other.inquiries_90;
        self.photos_measured += other.photos_measured;
        self.photos_good += other.photos_good;
        self.valid_certificates += other.valid_certificates;
    }
}
