//! Reusable widgets, one module each.

mod cert_badges;
mod coming_soon;
mod filter_panel;
mod footer;
mod form_field;
mod header;
mod lang_switch;
mod not_found_panel;
mod page_meta;
mod product_card;
mod search_box;
mod with_catalog;

pub use cert_badges::CertBadges;
pub use coming_soon::ComingSoon;
pub use filter_panel::FilterPanel;
pub use footer::Footer;
pub use form_field::{error_for, TextField};
pub use header::Header;
pub use lang_switch::LangSwitch;
pub use not_found_panel::NotFoundPanel;
pub use page_meta::PageMeta;
pub use product_card::ProductCard;
pub use search_box::SearchBox;
pub use with_catalog::WithCatalog;
