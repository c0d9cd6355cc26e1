//! Reusable widgets, one module each.

mod footer;
mod header;
mod lang_switch;
mod page_meta;
mod search_box;

pub use footer::Footer;
pub use header::Header;
pub use lang_switch::LangSwitch;
pub use page_meta::PageMeta;
pub use search_box::SearchBox;
