//! Quotations: a seller's priced, dated answer to one part of an inquiry, which the buyer
//! accepts (Won) or declines (Lost), and which closes itself when its validity has passed.
//!
//! A quote is revised, never edited: each revision is kept, numbered from 1, and the latest
//! is the offer. Like every rule here, [`check_quote`] runs in the seller's form and again on
//! the server, and takes the day as a parameter.

use serde::{Deserialize, Serialize};

use crate::catalog::Unit;
use crate::rules::{Errors, FieldError, Rule};
use crate::{Date, Lang};

use super::check::{MAX_DAYS_AHEAD, MAX_QUANTITY, NOTE_MAX_CHARS};
use super::{Incoterm, InquiryKind, InquiryStatus, InquiryUnit};

/// How long a quote may stay open: prices of fresh produce and shrimp move within months.
pub const QUOTE_MAX_VALID_DAYS: u32 = 180;
/// A lead time longer than a year is a typo (or not an offer).
pub const LEAD_TIME_MAX_DAYS: u64 = 365;
/// Rupiah per unit: more than a billion is a typo, not a village product.
pub const UNIT_PRICE_MAX_IDR: u64 = 1_000_000_000;
const PORT_MAX: u32 = 80;
const PAYMENT_TERMS_MAX: u32 = 200;
const DECLINE_REASON_MAX: u32 = 500;

/// The unit a quote is priced in: a purchase's selling unit (`botol`, `karung`…) or an
/// RFQ's trade unit (`ton`, a container…). On the wire, the unit's own name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QuoteUnit {
    Trade(InquiryUnit),
    Selling(Unit),
}

/// Every name a quote's unit is written with: the trade units and the selling units, the
/// ones both lists have once (the schema is one string enum, not a `oneOf` of two lists
/// that share `kg`, `pcs`, `pack` and `carton`).
pub const QUOTE_UNIT_NAMES: [&str; 11] = [
    "kg",
    "ton",
    "gram",
    "pcs",
    "pack",
    "bottle",
    "liter",
    "sack",
    "carton",
    "container_20ft",
    "container_40ft",
];

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for QuoteUnit {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(QUOTE_UNIT_NAMES))
            .description(Some(
                "A purchase's selling unit or an RFQ's trade unit, by its name",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for QuoteUnit {}

impl QuoteUnit {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            QuoteUnit::Trade(unit) => unit.label(lang),
            QuoteUnit::Selling(unit) => unit.label(lang),
        }
    }
}

impl QuoteUnit {
    /// `quantity` of this unit in kilograms, where the unit is a mass (kg, ton, gram);
    /// `None` for counts (pieces, packs, bottles, containers), which do not convert.
    pub fn kilograms(self, quantity: u64) -> Option<u64> {
        match self {
            QuoteUnit::Trade(InquiryUnit::Kg) | QuoteUnit::Selling(Unit::Kg) => Some(quantity),
            QuoteUnit::Trade(InquiryUnit::Ton) => quantity.checked_mul(1000),
            // To the nearest kilogram.
            QuoteUnit::Selling(Unit::Gram) => Some(quantity.saturating_add(500) / 1000),
            _ => None,
        }
    }
}

impl From<InquiryUnit> for QuoteUnit {
    fn from(unit: InquiryUnit) -> QuoteUnit {
        QuoteUnit::Trade(unit)
    }
}

impl From<Unit> for QuoteUnit {
    fn from(unit: Unit) -> QuoteUnit {
        // The units both lists have are one unit, written the same.
        match unit {
            Unit::Kg => QuoteUnit::Trade(InquiryUnit::Kg),
            Unit::Pcs => QuoteUnit::Trade(InquiryUnit::Pcs),
            Unit::Pack => QuoteUnit::Trade(InquiryUnit::Pack),
            Unit::Carton => QuoteUnit::Trade(InquiryUnit::Carton),
            other => QuoteUnit::Selling(other),
        }
    }
}

/// A seller's offer for one part of an inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// Price per unit in rupiah, the base currency.
    pub unit_price_idr: u64,
    /// Indicative price per unit in US cents, for an export buyer; the rupiah price binds.
    #[serde(default)]
    pub unit_price_usd_cents: Option<u64>,
    pub quantity: u64,
    pub unit: QuoteUnit,
    /// The smallest order this price holds for.
    pub moq: u64,
    /// Export only: the Incoterm and its named port.
    #[serde(default)]
    pub incoterm: Option<Incoterm>,
    #[serde(default)]
    pub port: String,
    /// Days from the order to shipment, or a delivery date; at least one.
    #[serde(default)]
    pub lead_time_days: Option<u32>,
    #[serde(default)]
    pub delivery_date: Option<Date>,
    /// The last day the buyer may accept.
    pub valid_until: Date,
    #[serde(default)]
    pub payment_terms: String,
    #[serde(default)]
    pub notes: String,
}

impl Quote {
    /// The offer's total in rupiah; `None` only if it would not fit (the rules keep both
    /// factors far below that).
    pub fn total_idr(&self) -> Option<u64> {
        self.unit_price_idr.checked_mul(self.quantity)
    }

    /// Whether the buyer can no longer accept it on `today`.
    pub fn has_lapsed(&self, today: Date) -> bool {
        today > self.valid_until
    }
}

/// One sent version of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRevision {
    /// 1 for the first quote, then 2, 3…
    pub revision: u32,
    pub quote: Quote,
    /// UTC timestamp of sending.
    pub sent_at: String,
}

/// The number the next revision gets after `history` (in any order).
pub fn next_revision(history: &[QuoteRevision]) -> u32 {
    history.iter().map(|r| r.revision).max().unwrap_or(0) + 1
}

/// The buyer's answer to the latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QuoteDecision {
    Accept,
    Decline { reason: String },
}

impl QuoteDecision {
    /// The stage the part moves to.
    pub fn status(&self) -> InquiryStatus {
        match self {
            QuoteDecision::Accept => InquiryStatus::Won,
            QuoteDecision::Decline { .. } => InquiryStatus::Lost,
        }
    }
}

/// Checks a quote for a part of an inquiry of `kind`. Every problem at once, in form order.
pub fn check_quote(quote: &Quote, kind: InquiryKind, today: Date) -> Vec<FieldError> {
    let mut e = Errors::default();
    e.range(
        "unit_price_idr",
        quote.unit_price_idr,
        1,
        UNIT_PRICE_MAX_IDR,
    );
    if let Some(cents) = quote.unit_price_usd_cents {
        e.range("unit_price_usd_cents", cents, 1, UNIT_PRICE_MAX_IDR);
    }
    e.range("quantity", quote.quantity, 1, MAX_QUANTITY);
    // A minimum above the quoted quantity would refuse the buyer's own order.
    e.range("moq", quote.moq, 1, quote.quantity.max(1));
    if kind == InquiryKind::Export {
        if quote.incoterm.is_none() {
            e.add("incoterm", Rule::Required);
        }
        e.text("port", &quote.port, PORT_MAX);
    }
    match (quote.lead_time_days, quote.delivery_date) {
        (None, None) => e.add("lead_time_days", Rule::Required),
        (lead, date) => {
            if let Some(days) = lead {
                e.range("lead_time_days", u64::from(days), 1, LEAD_TIME_MAX_DAYS);
            }
            if let Some(date) = date {
                if date < today {
                    e.add("delivery_date", Rule::NotBeforeToday);
                } else if days_ahead(date, today) > i64::from(MAX_DAYS_AHEAD) {
                    e.add(
                        "delivery_date",
                        Rule::TooFarAhead {
                            days: MAX_DAYS_AHEAD,
                        },
                    );
                }
            }
        }
    }
    if quote.valid_until < today {
        e.add("valid_until", Rule::NotBeforeToday);
    } else if days_ahead(quote.valid_until, today) > i64::from(QUOTE_MAX_VALID_DAYS) {
        e.add(
            "valid_until",
            Rule::TooFarAhead {
                days: QUOTE_MAX_VALID_DAYS,
            },
        );
    }
    e.max_len("payment_terms", &quote.payment_terms, PAYMENT_TERMS_MAX);
    e.max_len("notes", &quote.notes, NOTE_MAX_CHARS);
    e.0
}

/// Checks the buyer's answer: a decline says why (the seller learns from it).
pub fn check_decision(decision: &QuoteDecision) -> Vec<FieldError> {
    let mut e = Errors::default();
    if let QuoteDecision::Decline { reason } = decision {
        e.text("reason", reason, DECLINE_REASON_MAX);
    }
    e.0
}

/// Whether a part closes itself on `today` (stage Closed, reason "expired"): a quote whose
/// validity has passed without an answer, or an RFQ past its "valid until" that no quote
/// answered. Parts already decided stay as they are.
pub fn part_expires(
    status: InquiryStatus,
    latest_quote: Option<&Quote>,
    rfq_valid_until: Option<Date>,
    today: Date,
) -> bool {
    match status {
        InquiryStatus::Won | InquiryStatus::Lost | InquiryStatus::Closed => false,
        InquiryStatus::Quoted => latest_quote.is_some_and(|q| q.has_lapsed(today)),
        InquiryStatus::New | InquiryStatus::Replied => {
            latest_quote.is_none() && rfq_valid_until.is_some_and(|d| today > d)
        }
    }
}

fn days_ahead(date: Date, today: Date) -> i64 {
    date.days_since_epoch() - today.days_since_epoch()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn quote() -> Quote {
        Quote {
            unit_price_idr: 22_000,
            unit_price_usd_cents: None,
            quantity: 500,
            unit: InquiryUnit::Pack.into(),
            moq: 100,
            incoterm: None,
            port: String::new(),
            lead_time_days: Some(7),
            delivery_date: None,
            valid_until: day("2026-12-20"),
            payment_terms: "50% di muka, sisanya saat terima barang".into(),
            notes: String::new(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_complete_domestic_quote_passes_and_totals() {
        let today = day("2026-12-06");
        assert_eq!(check_quote(&quote(), InquiryKind::Purchase, today), vec![]);
        assert_eq!(quote().total_idr(), Some(11_000_000));
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let today = day("2026-12-06");
        let bad = Quote {
            unit_price_idr: 0,
            quantity: 50,
            moq: 100,
            lead_time_days: None,
            delivery_date: None,
            valid_until: day("2026-12-05"),
            notes: "x".repeat(1001),
            ..quote()
        };
        let errors = check_quote(&bad, InquiryKind::Purchase, today);
        assert_eq!(
            fields(&errors),
            [
                "unit_price_idr",
                "moq",
                "lead_time_days",
                "valid_until",
                "notes"
            ]
        );
        assert_eq!(errors[1].rule, Rule::AtMost { max: 50 });
        assert_eq!(errors[3].rule, Rule::NotBeforeToday);
    }

    #[test]
    fn an_export_quote_names_its_incoterm_and_port_and_stays_within_reason() {
        let today = day("2026-12-06");
        let export = Quote {
            unit: InquiryUnit::Kg.into(),
            unit_price_usd_cents: Some(145),
            ..quote()
        };
        let errors = check_quote(&export, InquiryKind::Export, today);
        assert_eq!(fields(&errors), ["incoterm", "port"]);
        let export = Quote {
            incoterm: Some(Incoterm::Fob),
            port: "Samarinda".into(),
            lead_time_days: None,
            delivery_date: Some(day("2029-01-01")),
            valid_until: day("2027-12-31"),
            ..export
        };
        let errors = check_quote(&export, InquiryKind::Export, today);
        assert_eq!(fields(&errors), ["delivery_date", "valid_until"]);
        assert_eq!(
            errors[1].rule,
            Rule::TooFarAhead {
                days: QUOTE_MAX_VALID_DAYS
            }
        );
    }

    #[test]
    fn revisions_count_up_from_one() {
        assert_eq!(next_revision(&[]), 1);
        let r = |n| QuoteRevision {
            revision: n,
            quote: quote(),
            sent_at: String::new(),
        };
        assert_eq!(next_revision(&[r(2), r(1)]), 3);
    }

    #[test]
    fn a_decision_moves_the_part_and_a_decline_says_why() {
        assert_eq!(QuoteDecision::Accept.status(), InquiryStatus::Won);
        let no_reason = QuoteDecision::Decline { reason: " ".into() };
        assert_eq!(no_reason.status(), InquiryStatus::Lost);
        assert_eq!(fields(&check_decision(&no_reason)), ["reason"]);
        assert!(check_decision(&QuoteDecision::Accept).is_empty());
        assert!(InquiryStatus::Quoted.can_move_to(InquiryStatus::Won));
        assert!(InquiryStatus::Quoted.can_move_to(InquiryStatus::Lost));
    }

    #[test]
    fn lapsed_quotes_and_unanswered_rfqs_close_themselves_decided_parts_do_not() {
        let q = quote(); // valid until 2026-12-20
        let (on, after) = (day("2026-12-20"), day("2026-12-21"));
        assert!(!part_expires(InquiryStatus::Quoted, Some(&q), None, on));
        assert!(part_expires(InquiryStatus::Quoted, Some(&q), None, after));
        let rfq_until = Some(day("2026-12-10"));
        assert!(!part_expires(
            InquiryStatus::New,
            None,
            rfq_until,
            day("2026-12-10")
        ));
        assert!(part_expires(
            InquiryStatus::New,
            None,
            rfq_until,
            day("2026-12-11")
        ));
        assert!(part_expires(
            InquiryStatus::Replied,
            None,
            rfq_until,
            day("2026-12-11")
        ));
        // A purchase inquiry has no "valid until": it waits for its seller.
        assert!(!part_expires(
            InquiryStatus::New,
            None,
            None,
            day("2030-01-01")
        ));
        for decided in [
            InquiryStatus::Won,
            InquiryStatus::Lost,
            InquiryStatus::Closed,
        ] {
            assert!(!part_expires(decided, Some(&q), rfq_until, after));
        }
    }

    #[test]
    fn a_quote_unit_is_written_as_the_unit_it_is() {
        for (unit, json) in [
            (QuoteUnit::from(Unit::Bottle), "\"bottle\""),
            (QuoteUnit::from(Unit::Kg), "\"kg\""),
            (
                QuoteUnit::from(InquiryUnit::Container20),
                "\"container_20ft\"",
            ),
        ] {
            assert_eq!(serde_json::to_string(&unit).unwrap(), json);
            assert_eq!(serde_json::from_str::<QuoteUnit>(json).unwrap(), unit);
        }
        assert_eq!(QuoteUnit::from(Unit::Kg), QuoteUnit::from(InquiryUnit::Kg));
        // The schema's list is exactly the names both enums write.
        let mut written: Vec<String> = InquiryUnit::ALL
            .into_iter()
            .map(QuoteUnit::from)
            .chain(Unit::ALL.into_iter().map(QuoteUnit::from))
            .map(|u| {
                serde_json::to_value(u)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        written.sort();
        written.dedup();
        let mut listed: Vec<&str> = QUOTE_UNIT_NAMES.to_vec();
        listed.sort();
        assert_eq!(written, listed);
        assert_eq!(QuoteUnit::from(Unit::Sack).label(Lang::Id), "karung");
        assert_eq!(QuoteUnit::from(InquiryUnit::Ton).kilograms(3), Some(3000));
        assert_eq!(QuoteUnit::from(Unit::Gram).kilograms(2500), Some(3));
        assert_eq!(QuoteUnit::from(Unit::Gram).kilograms(250), Some(0));
        assert_eq!(QuoteUnit::from(Unit::Kg).kilograms(7), Some(7));
        assert_eq!(QuoteUnit::from(InquiryUnit::Container20).kilograms(1), None);
    }
}
