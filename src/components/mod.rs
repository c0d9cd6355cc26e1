//! Widgets both apps use, one module each (those only the buyer's pages show are in
//! `crate::buyer::components`).

mod bar_chart;
mod coming_soon;
mod footer;
mod form_field;
mod header;
mod inquiry_parts;
mod lang_switch;
mod not_found_page;
mod not_found_panel;
mod page_meta;
mod product_card;
mod quote_terms;
mod search_box;
mod with_catalog;

pub use bar_chart::{Bar, BarChart};
pub use coming_soon::ComingSoon;
pub use footer::Footer;
pub use form_field::{
    error_for, field_error, focus_element, focus_field, focus_selector, TextField,
};
pub use header::Header;
pub use inquiry_parts::{EventList, LineList, StatusChip};
pub use lang_switch::LangSwitch;
pub use not_found_page::NotFoundPage;
pub use not_found_panel::NotFoundPanel;
pub use page_meta::{PageMeta, PageTitle};
pub use product_card::{card_html, load_waiting_photos, PhotoLoad, ProductCard};
pub use quote_terms::QuoteTerms;
pub use search_box::SearchBox;
pub use with_catalog::{LoadError, WithCatalog};
