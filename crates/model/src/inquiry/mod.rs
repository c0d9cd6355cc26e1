//! Inquiries: what buyers send sellers.
//!
//! Two forms. A **purchase inquiry** ([`PurchaseInquiry`]) is a domestic buyer (hotel,
//! restaurant, shop) asking for products in the listings' own units, delivered to an
//! Indonesian city. An **export RFQ** ([`ExportInquiry`]) is a foreign buyer asking for a
//! quotation by weight or container, under an Incoterm, with the certificates the
//! destination requires.
//!
//! Either form is a basket: its lines may name products of several sellers. The server
//! splits it with [`split_by_seller`] and stores one part per seller, each with its own
//! [`InquiryStatus`]; every part carries the inquiry's reference ([`format_reference`]).
//! A seller answers a part with a [`Quote`] (revised, never edited), which the buyer accepts
//! or declines, and which lapses after its validity ([`part_expires`]).
//!
//! Like every rule in this crate, [`check_purchase`] and [`check_export`] run in the form and
//! again on the server, and take the day as a parameter. Bot traps (honeypot fields, rate
//! limits) are the server's business and have no field here.

mod basket;
mod check;
mod contact;
mod kinds;
mod quote;
mod reference;
pub mod reply_time;
mod status;

use serde::{Deserialize, Serialize};

use crate::catalog::{CertificateKind, Unit};
use crate::{Date, Lang};

pub use basket::{split_by_seller, InquiryLine, SellerPart, UnknownProduct};
pub use check::{
    check_export, check_purchase, MAX_DAYS_AHEAD, MAX_ITEMS, MAX_QUANTITY, NOTE_MAX_CHARS,
};
pub use contact::{
    is_country_code, is_email, normalize_country, normalize_phone, COUNTRY_CODES, EMAIL_MAX_CHARS,
};
pub use kinds::{Currency, Incoterm, InquiryKind, InquiryUnit, Money, Recurrence};
pub use quote::{
    check_decision, check_quote, next_revision, part_expires, Quote, QuoteDecision, QuoteRevision,
    QuoteUnit, LEAD_TIME_MAX_DAYS, QUOTE_MAX_VALID_DAYS, QUOTE_UNIT_NAMES, UNIT_PRICE_MAX_IDR,
};
pub use reference::{format_reference, parse_reference, Reference, ReferenceError};
pub use status::{IllegalTransition, InquiryStatus};

/// One line of a purchase inquiry, counted in the listing's own unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseItem {
    pub product_id: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1_000_000))]
    pub quantity: u32,
    pub unit: Unit,
}

impl Default for PurchaseItem {
    /// An empty line; the form fills in the product and takes its unit.
    fn default() -> PurchaseItem {
        PurchaseItem {
            product_id: String::new(),
            quantity: 0,
            unit: Unit::Kg,
        }
    }
}

/// A domestic buyer's inquiry, as the form fills it in. (As for every form, the `schema`
/// attributes state the single-field limits of [`check_purchase`] and [`check_export`] for
/// the API description, held to the rules by the server's `openapi_drift` test; products
/// that must exist and dates relative to today are the description's prose.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseInquiry {
    /// The hotel, restaurant or shop.
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    /// An Indonesian mobile number ([`crate::rules::normalize_whatsapp`]).
    pub whatsapp: String,
    /// Where the goods are delivered.
    pub city: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub items: Vec<PurchaseItem>,
    pub recurrence: Recurrence,
    /// The day the goods are wanted (the first delivery of a recurring order). `None` only
    /// while the form is being filled in.
    pub wanted_by: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: String,
    /// The form's language: the buyer's receipt and every later notice are written in it.
    /// Defaulted, so forms saved on a phone before it existed still parse (as Indonesian).
    #[serde(default)]
    pub lang: Lang,
}

/// One line of an export RFQ.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportItem {
    pub product_id: String,
    /// Grade, size, moisture, packing: what the buyer needs beyond the listing.
    pub specification: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1_000_000))]
    pub quantity: u32,
    pub unit: InquiryUnit,
    /// The price per `unit` the buyer hopes for, if they say.
    pub target_price: Option<Money>,
}

/// A foreign buyer's request for quotation, as the form fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportInquiry {
    pub company: String,
    pub contact_name: String,
    pub email: String,
    /// WhatsApp or phone, international form (`+65 6123 4567`).
    pub phone: String,
    /// The buyer's country, ISO 3166-1 alpha-2 (`SG`).
    pub country: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub items: Vec<ExportItem>,
    pub recurrence: Recurrence,
    pub incoterm: Incoterm,
    /// Where the goods go, ISO 3166-1 alpha-2; may differ from the buyer's country.
    pub destination_country: String,
    /// Port (or, for DAP, place) of destination; required when the Incoterm makes the
    /// seller pay carriage there ([`Incoterm::names_destination`]).
    pub destination_port: String,
    /// E.g. `30% T/T in advance, 70% against B/L copy`.
    pub payment_terms: String,
    /// The day the goods must arrive (the first shipment of a recurring order).
    pub required_by: Option<Date>,
    /// The last day the buyer accepts quotes; on or before `required_by`.
    pub valid_until: Option<Date>,
    pub sample_wanted: bool,
    /// Certificates the buyer requires, each at most once.
    pub certificates: Vec<CertificateKind>,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: String,
    /// The form's language, as on [`PurchaseInquiry::lang`].
    #[serde(default)]
    pub lang: Lang,
}

impl PurchaseInquiry {
    pub const KIND: InquiryKind = InquiryKind::Purchase;
}

impl ExportInquiry {
    pub const KIND: InquiryKind = InquiryKind::Export;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_start_empty_and_round_trip_through_json() {
        let p = PurchaseInquiry::default();
        assert!(p.items.is_empty() && p.wanted_by.is_none());
        assert_eq!(p.recurrence, Recurrence::OneTime);
        let e = ExportInquiry::default();
        assert_eq!(e.incoterm, Incoterm::Fob);
        assert!(!e.sample_wanted && e.certificates.is_empty());

        let e = ExportInquiry {
            items: vec![ExportItem {
                product_id: "rumput-laut".into(),
                quantity: 2,
                unit: InquiryUnit::Container20,
                target_price: Some(Money {
                    currency: Currency::Usd,
                    amount_minor: 95_000,
                }),
                ..ExportItem::default()
            }],
            required_by: Some(Date::new(2027, 3, 1).unwrap()),
            certificates: vec![CertificateKind::Halal],
            ..ExportInquiry::default()
        };
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""unit":"container_20ft""#), "{json}");
        assert!(json.contains(r#""required_by":"2027-03-01""#), "{json}");
        assert!(json.contains(r#""valid_until":null"#), "{json}");
        assert!(json.contains(r#""certificates":["halal"]"#), "{json}");
        assert!(json.contains(r#""incoterm":"fob""#), "{json}");
        assert_eq!(serde_json::from_str::<ExportInquiry>(&json).unwrap(), e);

        let p = PurchaseInquiry {
            items: vec![PurchaseItem {
                product_id: "madu-kelulut".into(),
                quantity: 12,
                unit: Unit::Bottle,
            }],
            recurrence: Recurrence::Weekly,
            ..PurchaseInquiry::default()
        };
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.contains(r#""recurrence":"weekly""#), "{json}");
        assert!(json.contains(r#""unit":"bottle""#), "{json}");
        assert_eq!(serde_json::from_str::<PurchaseInquiry>(&json).unwrap(), p);
    }
}
