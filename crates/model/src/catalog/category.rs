//! What a product is (category) and what it is counted in (unit).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// What a product is. Village product lines of the Mahakam delta and the Kutai uplands; the
/// order is the order of the category menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Category {
    /// Crackers: kerupuk udang (prawn crackers), amplang (fish crackers), kerupuk ikan.
    Kerupuk,
    /// Processed fish: terasi (shrimp paste), ikan asin (salted fish), ikan salai (smoked).
    OlahanIkan,
    /// Dried seaweed (Gracilaria, Eucheuma) and seaweed products.
    RumputLaut,
    /// Honey, including madu kelulut (stingless-bee honey) and forest honey.
    Madu,
    /// Palm sugar: block gula aren and gula semut (granulated).
    GulaAren,
    /// Coffee: green beans, roasted beans and ground coffee.
    Kopi,
    /// Spices and herbs: pepper, ginger, herbal drinks.
    Rempah,
    /// Other snacks: banana and cassava chips, dodol, traditional cakes.
    Camilan,
    /// Compost, vermicompost and liquid organic fertiliser.
    PupukKompos,
    /// Crafts: rattan and purun weaving (anyaman), beadwork, recycled-waste crafts.
    Kerajinan,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Kerupuk,
        Category::OlahanIkan,
        Category::RumputLaut,
        Category::Madu,
        Category::GulaAren,
        Category::Kopi,
        Category::Rempah,
        Category::Camilan,
        Category::PupukKompos,
        Category::Kerajinan,
    ];

    /// URL slug, e.g. `/kategori/gula-aren`; `FromStr` also accepts the serde name.
    pub fn slug(self) -> &'static str {
        match self {
            Category::Kerupuk => "kerupuk",
            Category::OlahanIkan => "olahan-ikan",
            Category::RumputLaut => "rumput-laut",
            Category::Madu => "madu",
            Category::GulaAren => "gula-aren",
            Category::Kopi => "kopi",
            Category::Rempah => "rempah",
            Category::Camilan => "camilan",
            Category::PupukKompos => "pupuk-kompos",
            Category::Kerajinan => "kerajinan",
        }
    }

    /// A usual HS heading for the category, offered as a suggestion on the listing form and
    /// used by generated data; the exporter confirms the exact code for each product.
    pub fn hs_code_hint(self) -> &'static str {
        match self {
            Category::Kerupuk => "1905.90",
            Category::OlahanIkan => "0305.59",
            Category::RumputLaut => "1212.21",
            Category::Madu => "0409.00",
            Category::GulaAren => "1702.90",
            Category::Kopi => "0901.21",
            Category::Rempah => "0904.11",
            Category::Camilan => "2008.99",
            Category::PupukKompos => "3101.00",
            Category::Kerajinan => "4602.19",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::Kerupuk, Lang::Id) => "Kerupuk & Amplang",
            (Category::OlahanIkan, Lang::Id) => "Terasi & Ikan Asin",
            (Category::RumputLaut, Lang::Id) => "Rumput Laut",
            (Category::Madu, Lang::Id) => "Madu",
            (Category::GulaAren, Lang::Id) => "Gula Aren",
            (Category::Kopi, Lang::Id) => "Kopi",
            (Category::Rempah, Lang::Id) => "Rempah & Herbal",
            (Category::Camilan, Lang::Id) => "Camilan",
            (Category::PupukKompos, Lang::Id) => "Pupuk Kompos",
            (Category::Kerajinan, Lang::Id) => "Kerajinan",
            (Category::Kerupuk, Lang::En) => "Crackers",
            (Category::OlahanIkan, Lang::En) => "Shrimp paste & dried fish",
            (Category::RumputLaut, Lang::En) => "Seaweed",
            (Category::Madu, Lang::En) => "Honey",
            (Category::GulaAren, Lang::En) => "Palm sugar",
            (Category::Kopi, Lang::En) => "Coffee",
            (Category::Rempah, Lang::En) => "Spices & herbs",
            (Category::Camilan, Lang::En) => "Snacks",
            (Category::PupukKompos, Lang::En) => "Compost & fertiliser",
            (Category::Kerajinan, Lang::En) => "Crafts",
        }
    }
}

from_slug!(Category, "category");

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// The unit a product is sold and priced in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Unit {
    Kg,
    Gram,
    Pcs,
    Pack,
    Bottle,
    Liter,
    Sack,
    Carton,
}

impl Unit {
    pub const ALL: [Unit; 8] = [
        Unit::Kg,
        Unit::Gram,
        Unit::Pcs,
        Unit::Pack,
        Unit::Bottle,
        Unit::Liter,
        Unit::Sack,
        Unit::Carton,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Gram => "gram",
            Unit::Pcs => "pcs",
            Unit::Pack => "pack",
            Unit::Bottle => "bottle",
            Unit::Liter => "liter",
            Unit::Sack => "sack",
            Unit::Carton => "carton",
        }
    }

    /// As written after a number: `20 pak`, `20 packs` is left to the caller (Indonesian does
    /// not inflect, so the label is the singular).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Unit::Kg, _) => "kg",
            (Unit::Gram, _) => "gram",
            (Unit::Pcs, _) => "pcs",
            (Unit::Pack, Lang::Id) => "pak",
            (Unit::Pack, Lang::En) => "pack",
            (Unit::Bottle, Lang::Id) => "botol",
            (Unit::Bottle, Lang::En) => "bottle",
            (Unit::Liter, Lang::Id) => "liter",
            (Unit::Liter, Lang::En) => "litre",
            (Unit::Sack, Lang::Id) => "karung",
            (Unit::Sack, Lang::En) => "sack",
            (Unit::Carton, Lang::Id) => "karton",
            (Unit::Carton, Lang::En) => "carton",
        }
    }
}

from_slug!(Unit, "unit");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::UnknownSlug;

    #[test]
    fn slugs_round_trip_and_serde_names_parse() {
        for c in Category::ALL {
            assert_eq!(c.slug().parse::<Category>(), Ok(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json.trim_matches('"').parse::<Category>(), Ok(c));
        }
        for u in Unit::ALL {
            assert_eq!(u.slug().parse::<Unit>(), Ok(u));
        }
        assert_eq!(
            serde_json::to_string(&Category::OlahanIkan).unwrap(),
            "\"olahan_ikan\""
        );
        assert_eq!("olahan_ikan".parse::<Category>(), Ok(Category::OlahanIkan));
        assert_eq!(
            "sepatu".parse::<Category>(),
            Err(UnknownSlug {
                what: "category",
                slug: "sepatu".into()
            })
        );
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(Category::RumputLaut.label(Lang::En), "Seaweed");
        assert_eq!(Category::Kerupuk.label(Lang::Id), "Kerupuk & Amplang");
        assert_eq!(Unit::Sack.label(Lang::Id), "karung");
        assert_eq!(Unit::Liter.label(Lang::En), "litre");
    }
}
