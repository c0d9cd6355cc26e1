//! Bodies of the trust and moderation endpoints: reports, the staff's queue, holds,
//! suspensions, staff accounts and the audit log.

use serde::{Deserialize, Serialize};

use crate::cooperative::StaffProfile;
use crate::moderation::{ListingHold, Notice, ReportReason};

/// One visitor report, as the moderation queue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub id: i64,
    pub product_id: String,
    pub product_name: String,
    pub seller_id: String,
    pub seller_name: String,
    pub reason: ReportReason,
    pub text: String,
    /// UTC, `2026-12-05T10:00:00.000Z`.
    pub at: String,
}

/// A hidden listing, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeldListing {
    pub hold: ListingHold,
    pub product_name: String,
    pub seller_id: String,
    pub seller_name: String,
}

/// A suspended seller, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuspendedSeller {
    pub seller_id: String,
    pub seller_name: String,
    pub reason: Notice,
    pub at: String,
}

/// `GET /api/staff/moderation`: open reports (newest first), hidden listings (those whose
/// seller asked for a review first) and suspended sellers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    pub reports: Vec<ReportView>,
    pub held: Vec<HeldListing>,
    pub suspended: Vec<SuspendedSeller>,
}

/// A staff account as the district's admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccountView {
    pub profile: StaffProfile,
    pub whatsapp: String,
    pub active: bool,
    pub created_at: String,
}

/// `PUT /api/staff/accounts/{id}/active`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveBody {
    pub active: bool,
}
