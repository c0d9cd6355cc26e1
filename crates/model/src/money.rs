//! Rupiah amounts and how people read them.
//!
//! Indonesian convention writes `Rp 25.000` (dot for thousands, no decimals: the rupiah has no
//! minor unit in practice). Compact forms are for cards and charts: `Rp 1,2 jt` (juta, million)
//! and `Rp 3,5 M` (miliar) in Indonesian, `Rp 1.2M` / `Rp 3.5B` in English.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// An amount of Indonesian rupiah. Whole rupiah only; negative amounts are not prices.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rupiah(pub u64);

impl Rupiah {
    /// Full form, e.g. `Rp 25.000`, the same in both languages (English-language Indonesian
    /// price lists keep the dot separators too, so buyers see one form everywhere).
    pub fn format(self) -> String {
        format_rupiah(self.0)
    }
}

/// Formats a whole-rupiah amount as `Rp 25.000`.
pub fn format_rupiah(amount: u64) -> String {
    format!("Rp {}", group_thousands(amount, '.'))
}

/// Formats an amount compactly for tight places: below one million it is the full form;
/// above, one decimal of millions (`jt`), billions (`M`, miliar) or trillions (`T`).
pub fn format_rupiah_compact(amount: u64, lang: Lang) -> String {
    const UNITS: [(u64, &str, &str); 3] = [
        (1_000_000_000_000, "T", "T"),
        (1_000_000_000, "M", "B"),
        (1_000_000, "jt", "M"),
    ];
    for (scale, id_suffix, en_suffix) in UNITS {
        if amount >= scale {
            // Round to one decimal in integer arithmetic so 1_250_000 reads 1,3 (half up),
            // and drop a trailing ",0".
            let tenths = (amount as u128 * 10 + scale as u128 / 2) / scale as u128;
            let (whole, frac) = (tenths / 10, tenths % 10);
            let (sep, suffix, gap) = match lang {
                Lang::Id => (',', id_suffix, " "),
                Lang::En => ('.', en_suffix, ""),
            };
            let whole = group_thousands(whole as u64, if lang == Lang::Id { '.' } else { ',' });
            return if frac == 0 {
                format!("Rp {whole}{gap}{suffix}")
            } else {
                format!("Rp {whole}{sep}{frac}{gap}{suffix}")
            };
        }
    }
    format_rupiah(amount)
}

/// Inserts `sep` between groups of three digits.
fn group_thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_form_groups_with_dots() {
        assert_eq!(format_rupiah(0), "Rp 0");
        assert_eq!(format_rupiah(999), "Rp 999");
        assert_eq!(format_rupiah(1_000), "Rp 1.000");
        assert_eq!(format_rupiah(25_000), "Rp 25.000");
        assert_eq!(format_rupiah(1_250_000), "Rp 1.250.000");
        assert_eq!(Rupiah(123_456_789).format(), "Rp 123.456.789");
    }

    #[test]
    fn compact_form_in_indonesian() {
        assert_eq!(format_rupiah_compact(750_000, Lang::Id), "Rp 750.000");
        assert_eq!(format_rupiah_compact(1_000_000, Lang::Id), "Rp 1 jt");
        assert_eq!(format_rupiah_compact(1_200_000, Lang::Id), "Rp 1,2 jt");
        assert_eq!(format_rupiah_compact(1_250_000, Lang::Id), "Rp 1,3 jt");
        assert_eq!(format_rupiah_compact(15_040_000, Lang::Id), "Rp 15 jt");
        assert_eq!(format_rupiah_compact(3_500_000_000, Lang::Id), "Rp 3,5 M");
        assert_eq!(format_rupiah_compact(2_000_000_000_000, Lang::Id), "Rp 2 T");
    }

    #[test]
    fn compact_form_in_english() {
        assert_eq!(format_rupiah_compact(1_200_000, Lang::En), "Rp 1.2M");
        assert_eq!(format_rupiah_compact(3_500_000_000, Lang::En), "Rp 3.5B");
        assert_eq!(
            format_rupiah_compact(1_234_000_000_000_000, Lang::En),
            "Rp 1,234T"
        );
    }

    #[test]
    fn rounding_up_into_the_next_whole_number() {
        // 1.96 million rounds to 2.0, shown without a trailing ",0".
        assert_eq!(format_rupiah_compact(1_960_000, Lang::Id), "Rp 2 jt");
    }
}
