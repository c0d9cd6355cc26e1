//! One module per route.

mod about;
mod cooperative;
mod home;
pub mod inquiry;
mod insights;
mod not_found;
mod partner;
mod product;
pub mod seller;
pub mod sign_in;
mod village;

pub use about::AboutPage;
pub use cooperative::CooperativePage;
pub use home::HomePage;
pub use inquiry::{InquiryPage, TrackPage};
pub use insights::InsightsPage;
pub use not_found::NotFoundPage;
pub use partner::PartnerPage;
pub use product::ProductPage;
pub use village::VillagePage;
