//! HTTP bodies that are not domain types of their own: the server's handlers answer with
//! these and the app's `api/` reads them, so a field added on one side and not the other is a
//! compile error instead of a silent drift. (Request bodies that are domain forms, such as
//! `rules::Registration` or `Product`, already live in their own modules.)
//!
//! Moving here resource by resource; the bodies not yet here are still written once in the
//! server's route and once in the app (ARCHITECTURE.md says which).

mod account;
mod cooperative;
mod error;
mod facilitator;
mod health;
mod inquiries;
mod insights;
mod uploads;

pub use account::{Consent, Me, StaffMe};
pub use cooperative::AddedMember;
pub use error::{ErrorBody, ErrorCode};
pub use facilitator::{FacilitatorReport, Figures, KecamatanActivity, VillageActivity};
pub use health::{DatabaseHealth, Health, HealthStatus};
pub use inquiries::{
    Created, Event, InboxQuery, InboxView, InquiryBody, InquiryForm, Lines, PartView,
    SellerContact, Tracked, TrackedPart, UpdateBody,
};
pub use insights::{Count, Insights};
pub use uploads::Uploaded;
