//! What only the buyer's app (`crate::app::App`) uses: its pages, the widgets only they
//! show, and the inquiry outbox.

pub mod components;
pub mod inquiry_outbox;
pub mod pages;
