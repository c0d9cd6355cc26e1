//! Widgets only the buyer's pages show, one module each.

mod filter_panel;
mod partnership_parts;
mod show_more;

pub use filter_panel::FilterPanel;
pub use partnership_parts::{BackedMark, DemoPartnerNote, PartnershipStatusChip, VillagePartners};
pub use show_more::ShowMore;
