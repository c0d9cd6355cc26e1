//! The small vocabularies of an inquiry: which kind it is, how often the goods are wanted, the
//! units an RFQ counts in, currencies, target prices and Incoterms.

use serde::{Deserialize, Serialize};

use crate::{format_rupiah, Lang};

/// The two inquiry forms. Each has its own reference prefix (`PQ-…`, `RFQ-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InquiryKind {
    /// A domestic purchase inquiry (hotels, restaurants, shops).
    Purchase,
    /// An export request for quotation.
    Export,
}

impl InquiryKind {
    pub const ALL: [InquiryKind; 2] = [InquiryKind::Purchase, InquiryKind::Export];

    pub fn slug(self) -> &'static str {
        match self {
            InquiryKind::Purchase => "purchase",
            InquiryKind::Export => "export",
        }
    }

    /// The prefix of the kind's references: `PQ` (purchase quotation), `RFQ`.
    pub fn prefix(self) -> &'static str {
        match self {
            InquiryKind::Purchase => "PQ",
            InquiryKind::Export => "RFQ",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InquiryKind::Purchase, Lang::Id) => "Permintaan pembelian",
            (InquiryKind::Purchase, Lang::En) => "Purchase inquiry",
            (InquiryKind::Export, Lang::Id) => "Permintaan penawaran ekspor (RFQ)",
            (InquiryKind::Export, Lang::En) => "Export request for quotation (RFQ)",
        }
    }
}

from_slug!(InquiryKind, "inquiry kind", display);

/// Whether the goods are wanted once or on a schedule. For a recurring order the wanted-by
/// (required-by) date is the first delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Recurrence {
    #[default]
    OneTime,
    Weekly,
    Monthly,
}

impl Recurrence {
    pub const ALL: [Recurrence; 3] = [Recurrence::OneTime, Recurrence::Weekly, Recurrence::Monthly];

    pub fn slug(self) -> &'static str {
        match self {
            Recurrence::OneTime => "one-time",
            Recurrence::Weekly => "weekly",
            Recurrence::Monthly => "monthly",
        }
    }

    pub fn is_recurring(self) -> bool {
        self != Recurrence::OneTime
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Recurrence::OneTime, Lang::Id) => "Sekali pesan",
            (Recurrence::OneTime, Lang::En) => "One-time",
            (Recurrence::Weekly, Lang::Id) => "Rutin mingguan",
            (Recurrence::Weekly, Lang::En) => "Weekly",
            (Recurrence::Monthly, Lang::Id) => "Rutin bulanan",
            (Recurrence::Monthly, Lang::En) => "Monthly",
        }
    }
}

from_slug!(Recurrence, "recurrence", display);

/// What an export quantity is counted in. Export buyers order by weight or by the
/// container, not in the retail units of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InquiryUnit {
    #[default]
    Kg,
    /// Metric ton (1000 kg).
    Ton,
    Pcs,
    Pack,
    Carton,
    /// A 20-foot container (about 10 t of dried seaweed, 18 t of sugar).
    #[serde(rename = "container_20ft")]
    Container20,
    /// A 40-foot container.
    #[serde(rename = "container_40ft")]
    Container40,
}

impl InquiryUnit {
    pub const ALL: [InquiryUnit; 7] = [
        InquiryUnit::Kg,
        InquiryUnit::Ton,
        InquiryUnit::Pcs,
        InquiryUnit::Pack,
        InquiryUnit::Carton,
        InquiryUnit::Container20,
        InquiryUnit::Container40,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            InquiryUnit::Kg => "kg",
            InquiryUnit::Ton => "ton",
            InquiryUnit::Pcs => "pcs",
            InquiryUnit::Pack => "pack",
            InquiryUnit::Carton => "carton",
            InquiryUnit::Container20 => "container-20ft",
            InquiryUnit::Container40 => "container-40ft",
        }
    }

    /// As written after a number (`3 kontainer 20'`, `3 × 20' container`: the singular, as
    /// for [`crate::Unit::label`]).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InquiryUnit::Kg, _) => "kg",
            (InquiryUnit::Ton, _) => "ton",
            (InquiryUnit::Pcs, _) => "pcs",
            (InquiryUnit::Pack, Lang::Id) => "pak",
            (InquiryUnit::Pack, Lang::En) => "pack",
            (InquiryUnit::Carton, Lang::Id) => "karton",
            (InquiryUnit::Carton, Lang::En) => "carton",
            (InquiryUnit::Container20, Lang::Id) => "kontainer 20'",
            (InquiryUnit::Container20, Lang::En) => "20' container",
            (InquiryUnit::Container40, Lang::Id) => "kontainer 40'",
            (InquiryUnit::Container40, Lang::En) => "40' container",
        }
    }
}

from_slug!(InquiryUnit, "inquiry unit", display);

/// The currency of a target price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    /// US dollar, what most export RFQs quote in.
    #[default]
    Usd,
    /// Indonesian rupiah.
    Idr,
}

impl Currency {
    pub const ALL: [Currency; 2] = [Currency::Usd, Currency::Idr];

    pub fn slug(self) -> &'static str {
        match self {
            Currency::Usd => "usd",
            Currency::Idr => "idr",
        }
    }

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Idr => "IDR",
        }
    }

    /// Digits after the decimal point of the minor unit. The rupiah is counted in whole
    /// rupiah, as everywhere in this crate ([`crate::Rupiah`]): nobody prices in sen.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Usd => 2,
            Currency::Idr => 0,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Currency::Usd, Lang::Id) => "Dolar AS (USD)",
            (Currency::Usd, Lang::En) => "US dollar (USD)",
            (Currency::Idr, _) => "Rupiah (IDR)",
        }
    }
}

from_slug!(Currency, "currency", display);

/// An amount of money in a currency's minor unit (US cents, whole rupiah).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    pub currency: Currency,
    pub amount_minor: u64,
}

impl Money {
    /// Reads a typed amount: `1.25`, `1,25` or `1 234.5` dollars; `25.000` or `25000` rupiah
    /// (dots group thousands there). `None` for empty or unreadable text.
    pub fn parse(text: &str, currency: Currency) -> Option<Money> {
        let text = text.trim();
        let digits = |s: &str| -> Option<u64> {
            let d: String = s.chars().filter(char::is_ascii_digit).collect();
            if d.is_empty()
                || s.chars()
                    .any(|c| !(c.is_ascii_digit() || " .,".contains(c)))
            {
                None
            } else {
                d.parse().ok()
            }
        };
        let amount_minor = match currency {
            Currency::Idr => digits(text)?,
            Currency::Usd => {
                let normal = text.replace(',', ".");
                match normal.rsplit_once('.') {
                    Some((whole, cents)) if cents.len() <= 2 && !cents.is_empty() => {
                        let cents = digits(cents)? * if cents.len() == 1 { 10 } else { 1 };
                        let whole = if whole.trim().is_empty() {
                            0
                        } else {
                            digits(whole)?
                        };
                        whole.checked_mul(100)?.checked_add(cents)?
                    }
                    _ => digits(&normal)?.checked_mul(100)?,
                }
            }
        };
        Some(Money {
            currency,
            amount_minor,
        })
    }

    /// The amount as typed back into a form: `1.25`, `25000`.
    pub fn to_input(self) -> String {
        match self.currency {
            Currency::Idr => self.amount_minor.to_string(),
            Currency::Usd => format!("{}.{:02}", self.amount_minor / 100, self.amount_minor % 100),
        }
    }

    /// `US$1,234.50` / `US$1.234,50` (Indonesian separators), `Rp 25.000` in both languages.
    pub fn format(self, lang: Lang) -> String {
        match self.currency {
            Currency::Idr => format_rupiah(self.amount_minor),
            Currency::Usd => {
                // format_rupiah groups with dots: reuse its grouping, swap separators for English.
                let grouped = format_rupiah(self.amount_minor / 100);
                let whole = grouped.trim_start_matches("Rp ");
                let cents = self.amount_minor % 100;
                match lang {
                    Lang::Id => format!("US${whole},{cents:02}"),
                    Lang::En => format!("US${}.{cents:02}", whole.replace('.', ",")),
                }
            }
        }
    }
}

/// The Incoterms 2020 an RFQ may name: who pays for and bears the risk of which leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Incoterm {
    /// Ex Works: the buyer collects at the seller's premises.
    Exw,
    /// Free On Board: the seller loads at the port of shipment; the usual term for village
    /// exporters, so the form starts with it.
    #[default]
    Fob,
    /// Cost and Freight to the port of destination.
    Cfr,
    /// Cost, Insurance and Freight to the port of destination.
    Cif,
    /// Delivered At Place: the seller delivers to a named place in the destination country.
    Dap,
}

impl Incoterm {
    pub const ALL: [Incoterm; 5] = [
        Incoterm::Exw,
        Incoterm::Fob,
        Incoterm::Cfr,
        Incoterm::Cif,
        Incoterm::Dap,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Incoterm::Exw => "exw",
            Incoterm::Fob => "fob",
            Incoterm::Cfr => "cfr",
            Incoterm::Cif => "cif",
            Incoterm::Dap => "dap",
        }
    }

    /// The three-letter code as written on contracts.
    pub fn code(self) -> &'static str {
        match self {
            Incoterm::Exw => "EXW",
            Incoterm::Fob => "FOB",
            Incoterm::Cfr => "CFR",
            Incoterm::Cif => "CIF",
            Incoterm::Dap => "DAP",
        }
    }

    /// Whether the seller's price covers carriage to the destination, so the destination
    /// port (or place) must be named for the seller to quote.
    pub fn names_destination(self) -> bool {
        matches!(self, Incoterm::Cfr | Incoterm::Cif | Incoterm::Dap)
    }

    /// Code and name, for the picker.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Incoterm::Exw, Lang::Id) => "EXW — diambil pembeli di tempat penjual",
            (Incoterm::Exw, Lang::En) => "EXW — Ex Works",
            (Incoterm::Fob, Lang::Id) => "FOB — bebas di atas kapal, pelabuhan muat",
            (Incoterm::Fob, Lang::En) => "FOB — Free On Board",
            (Incoterm::Cfr, Lang::Id) => "CFR — termasuk ongkos kirim ke pelabuhan tujuan",
            (Incoterm::Cfr, Lang::En) => "CFR — Cost and Freight",
            (Incoterm::Cif, Lang::Id) => {
                "CIF — termasuk ongkos kirim dan asuransi ke pelabuhan tujuan"
            }
            (Incoterm::Cif, Lang::En) => "CIF — Cost, Insurance and Freight",
            (Incoterm::Dap, Lang::Id) => "DAP — diantar sampai tempat tujuan",
            (Incoterm::Dap, Lang::En) => "DAP — Delivered At Place",
        }
    }
}

from_slug!(Incoterm, "incoterm", display);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::UnknownSlug;
    use std::fmt;
    use std::str::FromStr;

    /// Slugs and serde names parse back; labels exist and differ between variants.
    fn check_vocabulary<T>(
        all: &[T],
        slug: impl Fn(&T) -> &'static str,
        label: impl Fn(&T, Lang) -> &'static str,
    ) where
        T: Copy + PartialEq + fmt::Debug + FromStr<Err = UnknownSlug> + Serialize,
    {
        for v in all {
            assert_eq!(slug(v).parse::<T>().ok(), Some(*v), "{v:?}");
            assert_eq!(slug(v).to_uppercase().parse::<T>().ok(), Some(*v), "{v:?}");
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json.trim_matches('"').parse::<T>().ok(), Some(*v), "{json}");
        }
        for lang in Lang::ALL {
            let labels: std::collections::HashSet<_> = all.iter().map(|v| label(v, lang)).collect();
            assert_eq!(labels.len(), all.len(), "{lang:?}");
        }
    }

    #[test]
    fn vocabularies_round_trip_and_have_labels() {
        check_vocabulary(&InquiryKind::ALL, |v| v.slug(), |v, l| v.label(l));
        check_vocabulary(&Recurrence::ALL, |v| v.slug(), |v, l| v.label(l));
        check_vocabulary(&InquiryUnit::ALL, |v| v.slug(), |v, l| v.label(l));
        check_vocabulary(&Currency::ALL, |v| v.slug(), |v, l| v.label(l));
        check_vocabulary(&Incoterm::ALL, |v| v.slug(), |v, l| v.label(l));
        assert_eq!(
            "sepatu".parse::<InquiryUnit>(),
            Err(UnknownSlug {
                what: "inquiry unit",
                slug: "sepatu".into()
            })
        );
    }

    #[test]
    fn serde_names_are_snake_case() {
        assert_eq!(json(&Recurrence::OneTime), "\"one_time\"");
        assert_eq!(json(&InquiryUnit::Container20), "\"container_20ft\"");
        assert_eq!(json(&InquiryUnit::Container40), "\"container_40ft\"");
        assert_eq!(json(&InquiryUnit::Ton), "\"ton\"");
        assert_eq!(json(&Incoterm::Fob), "\"fob\"");
        assert_eq!(json(&Currency::Usd), "\"usd\"");
        assert_eq!(json(&InquiryKind::Export), "\"export\"");
        assert_eq!(
            json(&Money {
                currency: Currency::Idr,
                amount_minor: 25_000
            }),
            r#"{"currency":"idr","amount_minor":25000}"#
        );
    }

    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap()
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(InquiryUnit::Container20.label(Lang::Id), "kontainer 20'");
        assert_eq!(InquiryUnit::Container40.label(Lang::En), "40' container");
        assert_eq!(InquiryUnit::Carton.label(Lang::Id), "karton");
        assert_eq!(Recurrence::Monthly.label(Lang::Id), "Rutin bulanan");
        assert_eq!(Incoterm::Fob.code(), "FOB");
        assert_eq!(
            Incoterm::Cif.label(Lang::En),
            "CIF — Cost, Insurance and Freight"
        );
        assert_eq!(Currency::Idr.code(), "IDR");
        assert_eq!(InquiryKind::Export.prefix(), "RFQ");
    }

    #[test]
    fn only_c_and_d_terms_need_a_destination() {
        let named: Vec<_> = Incoterm::ALL
            .into_iter()
            .filter(|t| t.names_destination())
            .collect();
        assert_eq!(named, [Incoterm::Cfr, Incoterm::Cif, Incoterm::Dap]);
    }

    #[test]
    fn money_parses_what_buyers_type() {
        let usd = |t| Money::parse(t, Currency::Usd).map(|m| m.amount_minor);
        assert_eq!(usd("1.25"), Some(125));
        assert_eq!(usd("1,25"), Some(125));
        assert_eq!(usd("1.5"), Some(150));
        assert_eq!(usd(" 950 "), Some(95_000));
        assert_eq!(usd("1 234.50"), Some(123_450));
        assert_eq!(usd(".5"), Some(50));
        assert_eq!(usd(""), None);
        assert_eq!(usd("abc"), None);
        assert_eq!(usd("-3"), None);
        let idr = |t| Money::parse(t, Currency::Idr).map(|m| m.amount_minor);
        assert_eq!(idr("25.000"), Some(25_000));
        assert_eq!(idr("25000"), Some(25_000));
        assert_eq!(idr("Rp"), None);
        let m = Money::parse("12.3", Currency::Usd).unwrap();
        assert_eq!(m.to_input(), "12.30");
        assert_eq!(Money::parse(&m.to_input(), Currency::Usd), Some(m));
    }

    #[test]
    fn money_formats_by_currency_and_language() {
        let usd = |c| Money {
            currency: Currency::Usd,
            amount_minor: c,
        };
        assert_eq!(usd(250).format(Lang::En), "US$2.50");
        assert_eq!(usd(250).format(Lang::Id), "US$2,50");
        assert_eq!(usd(123_456_705).format(Lang::En), "US$1,234,567.05");
        assert_eq!(usd(123_456_705).format(Lang::Id), "US$1.234.567,05");
        assert_eq!(usd(0).format(Lang::En), "US$0.00");
        let idr = Money {
            currency: Currency::Idr,
            amount_minor: 25_000,
        };
        assert_eq!(idr.format(Lang::En), "Rp 25.000");
        assert_eq!(idr.format(Lang::Id), "Rp 25.000");
    }
}
