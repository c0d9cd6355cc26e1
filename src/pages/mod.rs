//! One module per route.

mod about;
mod home;
mod inquiry;
mod not_found;
mod product;
mod seller;
pub mod sign_in;
mod village;

pub use about::AboutPage;
pub use home::HomePage;
pub use inquiry::InquiryPage;
pub use not_found::NotFoundPage;
pub use product::ProductPage;
pub use seller::{ListingEditorPage, SellerPage};
pub use sign_in::SignInPage;
pub use village::VillagePage;
