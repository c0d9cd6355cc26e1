//! The two languages of the product. Indonesian is the default; English is for exporters
//! and foreign buyers.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia, the default for sellers and domestic buyers.
    #[default]
    Id,
    /// English, for exporters and foreign buyers.
    En,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The BCP 47 tag, used for `<html lang>` and for storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parses a stored or browser-reported tag such as `en-GB`; unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// What a public page's path starts with in this language: nothing for Indonesian,
    /// `/en` for English (`/en/produk/…`, and `/en` for the home page).
    pub fn path_prefix(self) -> &'static str {
        match self {
            Lang::Id => "",
            Lang::En => ENGLISH_PREFIX,
        }
    }

    /// The page at `path` (Indonesian, as the routes spell it) in this language.
    pub fn page_path(self, path: &str) -> String {
        match (self, path) {
            (Lang::Id, _) => path.to_string(),
            (Lang::En, "/" | "") => ENGLISH_PREFIX.to_string(),
            (Lang::En, _) if path.starts_with("/?") => format!("{ENGLISH_PREFIX}{}", &path[1..]),
            (Lang::En, _) => format!("{ENGLISH_PREFIX}{path}"),
        }
    }

    /// The language an `Accept-Language` header (`en-US,en;q=0.9,id;q=0.8`) or a
    /// browser's list of languages (joined with commas, most wanted first) asks for: the one
    /// of ours with the highest weight, the earlier on a tie; `None` if it names neither.
    pub fn preferred(accept: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The other language: what the switch button offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

/// The cookie that remembers a visitor's choice of language (`id` or `en`), so the server
/// answers a shared link in it; the app writes it when the language is switched.
pub const LANG_COOKIE: &str = "etalase_lang";

/// The English pages' path prefix.
pub const ENGLISH_PREFIX: &str = "/en";

/// A path's language and the path without its language prefix: `/en/produk/x` is English
/// `/produk/x`, `/en` English `/`; any other path is Indonesian and unchanged.
pub fn split_path_language(path: &str) -> (Lang, &str) {
    match path.strip_prefix(ENGLISH_PREFIX) {
        Some("") => (Lang::En, "/"),
        Some(rest) if rest.starts_with('/') => (Lang::En, rest),
        _ => (Lang::Id, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_pages_live_under_en() {
        for (path, lang, rest) in [
            ("/en", Lang::En, "/"),
            ("/en/", Lang::En, "/"),
            ("/en/produk/x", Lang::En, "/produk/x"),
            ("/english", Lang::Id, "/english"),
            ("/produk/en", Lang::Id, "/produk/en"),
            ("/", Lang::Id, "/"),
        ] {
            assert_eq!(split_path_language(path), (lang, rest), "{path}");
        }
        for path in ["/", "/produk/x", "/?q=madu", "/tentang"] {
            for lang in Lang::ALL {
                let written = lang.page_path(path);
                let (written_path, query) = written.split_once('?').unwrap_or((&written, ""));
                let (back_lang, back) = split_path_language(written_path);
                assert_eq!(back_lang, lang, "{written}");
                let back = if query.is_empty() {
                    back.to_string()
                } else {
                    format!("{back}?{query}")
                };
                assert_eq!(back, path, "{written}");
            }
        }
        assert_eq!(Lang::En.page_path("/?q=madu"), "/en?q=madu");
    }

    #[test]
    fn accept_language_picks_our_language_with_the_highest_weight() {
        for (header, want) in [
            ("en-US,en;q=0.9,id;q=0.8", Some(Lang::En)),
            ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", Some(Lang::Id)),
            ("fr-FR,fr;q=0.9,en;q=0.5", Some(Lang::En)),
            ("id;q=0.4, en;q=0.6", Some(Lang::En)),
            ("en;q=0, id;q=0.1", Some(Lang::Id)),
            ("fr-FR, de", None),
            ("", None),
            ("en-GB,id", Some(Lang::En)),
        ] {
            assert_eq!(Lang::preferred(header), want, "{header:?}");
        }
    }

    #[test]
    fn tags_round_trip_and_regional_variants_parse() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("id_ID"), Some(Lang::Id));
        // "in" is the legacy ISO 639 code some Android versions still report.
        assert_eq!(Lang::from_tag("in"), Some(Lang::Id));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn other_toggles() {
        assert_eq!(Lang::Id.other(), Lang::En);
        assert_eq!(Lang::En.other().other(), Lang::En);
    }
}
