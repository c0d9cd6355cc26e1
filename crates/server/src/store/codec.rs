//! How model values are spelled in the database, shared by every engine so a listing saved
//! through one store reads back the same through another.

use etalase_model::cooperative::{ActorKind, StaffRole};
use etalase_model::ListingStatus;
use serde::de::DeserializeOwned;

use super::StoreError;

/// Parses a stored JSON document; a failure names the row, since it means a bug or a hand
/// edit, not bad input.
pub(super) fn parse_doc<T: DeserializeOwned>(id: &str, doc: &str) -> Result<T, StoreError> {
    serde_json::from_str(doc).map_err(|e| StoreError::Corrupt {
        id: id.to_owned(),
        reason: e.to_string(),
    })
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(format!("encoding: {e}")))
}

/// A part's stored inquiry status; one that no longer parses names the inquiry.
pub(super) fn parse_inquiry_status(
    reference: &str,
    text: &str,
) -> Result<etalase_model::inquiry::InquiryStatus, StoreError> {
    text.parse().map_err(|e| StoreError::Corrupt {
        id: reference.to_owned(),
        reason: format!("{e}"),
    })
}

pub(super) fn parse_status(text: &str) -> ListingStatus {
    match text {
        "published" => ListingStatus::Published,
        "unpublished" => ListingStatus::Unpublished,
        _ => ListingStatus::Draft,
    }
}

pub(super) fn status_text(status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Draft => "draft",
        ListingStatus::Published => "published",
        ListingStatus::Unpublished => "unpublished",
    }
}

pub(super) fn role_text(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Operator => "operator",
        StaffRole::Facilitator => "facilitator",
        StaffRole::Admin => "admin",
    }
}

/// The schema's CHECK allows only the three spellings; anything else reads as the role
/// that may do least.
pub(super) fn parse_role(text: &str) -> StaffRole {
    match text {
        "admin" => StaffRole::Admin,
        "facilitator" => StaffRole::Facilitator,
        _ => StaffRole::Operator,
    }
}

pub(super) fn actor_text(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Seller => "seller",
        ActorKind::Operator => "operator",
    }
}

pub(super) fn parse_actor(text: &str) -> ActorKind {
    if text == "operator" {
        ActorKind::Operator
    } else {
        ActorKind::Seller
    }
}

/// The partnership status as the schema's column spells it (`in_progress`, not the wire's
/// `in-progress`).
pub(super) fn partnership_status_text(status: etalase_model::PartnershipStatus) -> String {
    status.slug().replace('-', "_")
}

/// What the audit log says about a saved partner: whether it was new, and what it is now.
pub(super) fn partner_audit_detail(partner: &etalase_model::Partner, created: bool) -> String {
    let verb = if created { "created" } else { "updated" };
    let site = partner.website.as_deref().unwrap_or("no website");
    format!("{verb}: {} ({}), {site}", partner.name, partner.kind.slug())
}

/// What the audit log says about a saved partnership: whether it was new, and its partner,
/// programme, status, years and villages as saved.
pub(super) fn partnership_audit_detail(ship: &etalase_model::Partnership, created: bool) -> String {
    let verb = if created { "created" } else { "updated" };
    let mou = ship
        .mou_date
        .map(|d| format!(", MoU {d}"))
        .unwrap_or_default();
    format!(
        "{verb}: {} {} {} {}{mou}; villages {}",
        ship.partner_slug,
        ship.programme.slug(),
        ship.status.slug(),
        ship.years(),
        ship.village_slugs.join(", ")
    )
}

/// The model's complaints about an ended partnership's end year, and only those: a stored
/// partnership from before the rules (a demo one) may be ended whatever else it lacks.
pub(super) fn end_year_problems(
    ship: &etalase_model::Partnership,
) -> Vec<etalase_model::rules::FieldError> {
    etalase_model::rules::check_partnership(ship)
        .into_iter()
        .filter(|e| e.field == "end_year")
        .collect()
}
