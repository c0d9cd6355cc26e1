//! Every user-visible string, once per language, in one typed table.
//!
//! A missing translation is a compile error (each language is a full `Texts` value), which
//! is why this is a struct rather than a key/value file. Components read the table through
//! [`I18n`], so switching language re-renders only the text that changed.

use etalase_model::Lang;
use leptos::prelude::*;

use crate::storage;
use wasm_bindgen::JsCast;

pub mod cooperative;
pub mod inquiry;
pub mod moderation;
pub mod partners;
pub mod seller;

pub use cooperative::CoopTexts;
pub use inquiry::InquiryTexts;
pub use moderation::ModerationTexts;
pub use partners::PartnerTexts;
pub use seller::{Said, SellerTexts};

/// Declares one area's string table: each entry names a field once with its Indonesian
/// and English text side by side, so a translation cannot go missing and a reviewer reads
/// both at once. Makes the struct, its `ID` and `EN` values, `texts(lang)` and (in tests)
/// the pairs for [`check_pairs`].
macro_rules! text_table {
    ($(#[$doc:meta])* $name:ident; $($field:ident: $id:literal, $en:literal;)*) => {
        $(#[$doc])*
        pub struct $name { $(pub $field: &'static str,)* }
        pub const ID: $name = $name { $($field: $id,)* };
        pub const EN: $name = $name { $($field: $en,)* };
        #[cfg(test)]
        const PAIRS: &[(&str, &str, &str)] = &[$((stringify!($field), $id, $en),)*];

        /// The table for a language.
        pub fn texts(lang: etalase_model::Lang) -> &'static $name {
            match lang {
                etalase_model::Lang::Id => &ID,
                etalase_model::Lang::En => &EN,
            }
        }
    };
}
pub(crate) use text_table;

/// Both languages of every entry have the same `{}` holes, none is empty, and none was
/// left untranslated.
#[cfg(test)]
pub(crate) fn check_pairs(pairs: &[(&str, &str, &str)]) {
    for (field, id, en) in pairs {
        assert_eq!(
            id.matches("{}").count(),
            en.matches("{}").count(),
            "{field}"
        );
        assert!(!id.trim().is_empty() && !en.trim().is_empty(), "{field}");
    }
    let same: Vec<_> = pairs.iter().filter(|(_, id, en)| id == en).collect();
    assert!(same.is_empty(), "untranslated: {same:?}");
}

const STORAGE_KEY: &str = "etalase.lang";

pub use etalase_model::texts::{texts, Texts, EN, ID};

pub use etalase_model::card::fill;

/// The app-wide language, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Starts in the language of the page's address if it has one (a public page: `/en/…`
    /// is English), else the stored choice, else, in the buyer's app, the browser's
    /// languages, else Indonesian. The seller's app does not follow the browser: most
    /// sellers' phones are set to English whatever their owners read.
    pub fn start(area: etalase_model::AppArea) -> I18n {
        let path = window().location().pathname().unwrap_or_default();
        let lang = crate::routes::AppPath::language_of(&path)
            .or_else(|| storage::get(STORAGE_KEY).and_then(|t| Lang::from_tag(&t)))
            .or_else(|| match area {
                etalase_model::AppArea::Shop => browser_language(),
                etalase_model::AppArea::Seller => None,
            })
            .unwrap_or_default();
        crate::routes::set_link_language(lang);
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The current strings (tracked).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The seller area's strings (tracked).
    pub fn s(&self) -> &'static SellerTexts {
        seller::texts(self.lang.get())
    }

    /// The cooperative pages' strings (tracked).
    pub fn c(&self) -> &'static CoopTexts {
        cooperative::texts(self.lang.get())
    }

    /// The inquiry pages' strings (tracked).
    pub fn q(&self) -> &'static InquiryTexts {
        inquiry::texts(self.lang.get())
    }

    /// Moderation and district admin strings (tracked).
    pub fn m(&self) -> &'static ModerationTexts {
        moderation::texts(self.lang.get())
    }

    /// The partnership strings (tracked).
    pub fn p(&self) -> &'static PartnerTexts {
        partners::texts(self.lang.get())
    }

    /// Changes language and remembers it: in storage for the apps, and in a cookie so the
    /// server answers this visitor's next shared link in it (`<html lang>` follows, see
    /// [`I18n::sync_document_lang`]). Links written from now on are in `lang`.
    pub fn set(&self, lang: Lang) {
        crate::routes::set_link_language(lang);
        self.lang.set(lang);
        storage::set(STORAGE_KEY, lang.tag());
        if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = doc.set_cookie(&format!(
                "{}={}; path=/; max-age=31536000; samesite=lax",
                etalase_model::LANG_COOKIE,
                lang.tag()
            ));
        }
    }

    /// The current language, without tracking it.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Keeps `<html lang>` in sync; call once from `App`.
    pub fn sync_document_lang(&self) {
        let lang = self.lang;
        Effect::new(move |_| {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.get().tag());
            }
        });
    }
}

/// The first of the browser's languages that is one of ours (`navigator.languages`).
fn browser_language() -> Option<Lang> {
    let languages = window().navigator().languages();
    let tags: Vec<String> = languages.iter().filter_map(|t| t.as_string()).collect();
    Lang::preferred(&tags.join(","))
}

/// The language context; panics only if used outside `App`, a programming error.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_places_arguments_in_order() {
        assert_eq!(fill(ID.from_village, &[&"Sepatin"]), "Desa Sepatin");
        assert_eq!(fill(EN.from_village, &[&"Sepatin"]), "Sepatin village");
        assert_eq!(fill(ID.moq_short, &[&50, &"pak"]), "Min. 50 pak");
        assert_eq!(fill("no holes", &[&1]), "no holes");
    }

    #[test]
    fn languages_differ_where_they_should() {
        // A copy-pasted table would show Indonesian to English readers.
        assert_ne!(ID.search_label, EN.search_label);
        assert_eq!(ID.search_label, "Cari produk");
        assert_eq!(EN.search_label, "Search products");
        assert_ne!(ID.not_found_title, EN.not_found_title);
        // The switch button is labelled in the language it switches *to*.
        assert_eq!(ID.switch_lang_label, "EN: Switch to English");
        assert_eq!(EN.switch_lang_label, "ID: Ganti ke Bahasa Indonesia");
    }
}
