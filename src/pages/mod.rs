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

/// Replaces the address bar's path without a route change (which would remount the page
/// mid-edit), so a reload or a shared link opens what is on screen.
pub(crate) fn show_url(path: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}
