//! The seller's app's pages, one module per route (the cooperative's operator pages share
//! one).

mod cooperative;
mod dashboard;
mod district_admin;
mod editor;
mod facilitator;
mod idm_import;
mod inbox;
mod market;
mod moderation;
mod notice_settings;
mod partnership_forms;
mod partnerships;
mod push_settings;
mod quote_form;
mod sign_in;
mod staff_gate;
mod staff_invite;
mod village_picker;

pub use cooperative::{CooperativePage, MemberListings, MemberWorkspace};
pub use dashboard::SellerPage;
pub use district_admin::DistrictAdminPage;
pub use editor::ListingEditorPage;
pub use facilitator::FacilitatorPage;
pub use idm_import::IdmImportPage;
pub use inbox::InboxPage;
pub use market::MarketMapPage;
pub use moderation::ModerationPage;
pub use partnerships::PartnershipsPage;
pub use sign_in::{ClaimPage, SignInPage};
pub use staff_invite::StaffInvitePage;
