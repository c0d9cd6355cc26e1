//! Reusable widgets, one module each.

mod bar_chart;
mod coming_soon;
mod filter_panel;
mod footer;
mod form_field;
mod header;
mod inquiry_parts;
mod lang_switch;
mod not_found_panel;
mod page_meta;
mod partnership_parts;
mod product_card;
mod search_box;
mod show_more;
mod with_catalog;

pub use bar_chart::{Bar, BarChart};
pub use coming_soon::ComingSoon;
pub use filter_panel::FilterPanel;
pub use footer::Footer;
pub use form_field::{error_for, field_error, focus_field, TextField};
pub use header::Header;
pub use inquiry_parts::{EventList, LineList, StatusChip};
pub use lang_switch::LangSwitch;
pub use not_found_panel::NotFoundPanel;
pub use page_meta::PageMeta;
pub use partnership_parts::{BackedMark, DemoPartnerNote, PartnershipStatusChip, VillagePartners};
pub use product_card::{card_html, load_waiting_photos, PhotoLoad, ProductCard};
pub use search_box::SearchBox;
pub use show_more::ShowMore;
pub use with_catalog::{LoadError, WithCatalog};
