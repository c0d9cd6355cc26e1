//! What only the seller's app (`crate::app::SellerApp`, its own bundle) uses: its pages,
//! the listing drafts and their outbox, the staff session, the workspace that lets one
//! editor serve a seller and their cooperative's operator, and the photo worker's client.

pub mod drafts;
pub mod pages;
pub mod photo_client;
pub mod push;
pub mod staff_session;
pub mod workspace;
