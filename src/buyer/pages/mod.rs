//! The buyer's app's pages, one module per route.

mod about;
mod cooperative;
mod home;
mod inquiry;
mod insights;
mod partner;
mod product;
mod village;

pub use about::AboutPage;
pub use cooperative::CooperativePage;
pub use home::HomePage;
pub use inquiry::{InquiryPage, QuotationPage, TrackPage};
pub use insights::InsightsPage;
pub use partner::PartnerPage;
pub use product::ProductPage;
pub use village::VillagePage;
