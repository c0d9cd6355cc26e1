//! Every HTTP body of the JSON API that is not a domain form of its own: the server's
//! handlers answer with these and the app's `api/` reads them, so a field added on one side
//! and not the other is a compile error instead of a silent drift. (Request bodies that are
//! domain forms, such as `rules::Registration`, `rules::SignIn` or `Product`, live in their
//! own modules.) Under the `openapi` feature each derives its schema, which is how the
//! server's API description comes to say exactly what goes over the wire.

mod account;
mod cooperative;
mod district;
mod error;
mod facilitator;
mod health;
mod idm;
mod inquiries;
mod insights;
mod market;
mod moderation;
mod notices;
mod partnerships;
mod search;
mod uploads;

pub use account::{Consent, Me, StaffMe};
pub use cooperative::AddedMember;
pub use district::{InviteCreated, InviteView};
pub use error::{ErrorBody, ErrorCode};
pub use facilitator::{FacilitatorReport, Figures, KecamatanActivity, VillageActivity};
pub use health::{DatabaseHealth, Health, HealthStatus};
pub use idm::{
    IdmEntryBody, IdmFileRefusal, IdmHistory, IdmImportBody, IdmImportDone, IdmImportPreview,
    IdmPreviewRow, IdmProblem, IDM_IMPORT_BODY_MAX_BYTES, IDM_IMPORT_MAX_BYTES,
};
pub use inquiries::{
    Created, DecisionBody, Event, InboxQuery, InboxView, InquiryBody, InquiryForm, Lines, PartView,
    SellerContact, Tracked, TrackedPart, UpdateBody,
};
pub use insights::{Count, Insights};
pub use market::{CountryTotal, MarketMap, MarketQuery, MarketRow, UnitVolume};
pub use moderation::{
    ActiveBody, HeldListing, ModerationQueue, ReportView, StaffAccountView, SuspendedSeller,
};
pub use notices::{
    FailedNoticeView, NoticeSettings, NoticeSettingsView, OperatorNoticesView, PushEndpoint,
    PushKeys, PushSubscriptionBody,
};
pub use partnerships::{EndPartnershipBody, PartnerBody, PartnershipBody};
pub use search::{
    FacetCount, SearchListing, SearchPage, SearchParams, SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX,
};
pub use uploads::Uploaded;
