//! The two languages of the product. Indonesian is the default; English is for exporters
//! and foreign buyers.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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

    /// The other language: what the switch button offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
