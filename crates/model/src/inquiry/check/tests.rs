use std::collections::HashSet;

use super::*;
use crate::catalog::Unit;
use crate::inquiry::{Currency, Incoterm, InquiryUnit, Money, Recurrence};
use crate::Lang;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn days(n: i64) -> Option<Date> {
    Some(Date::from_days_since_epoch(today().days_since_epoch() + n))
}

/// The catalog of these tests: a few named products and `produk-0`, `produk-1`, ….
fn exists(id: &str) -> bool {
    matches!(id, "kerupuk-udang" | "madu-kelulut" | "rumput-laut-kering")
        || id.starts_with("produk-")
}

/// A complete purchase inquiry to break one field at a time.
fn purchase() -> PurchaseInquiry {
    PurchaseInquiry {
        organisation: "Hotel Mesra Samarinda".into(),
        contact_name: "Ibu Rina".into(),
        email: "pembelian@hotelmesra.co.id".into(),
        whatsapp: "0812 3456 7890".into(),
        city: "Samarinda".into(),
        items: vec![
            PurchaseItem {
                product_id: "kerupuk-udang".into(),
                quantity: 40,
                unit: Unit::Pack,
            },
            PurchaseItem {
                product_id: "madu-kelulut".into(),
                quantity: 12,
                unit: Unit::Bottle,
            },
        ],
        recurrence: Recurrence::Weekly,
        wanted_by: days(7),
        note: "Kirim sebelum jam 9 pagi.".into(),
        lang: Lang::Id,
    }
}

/// A complete export RFQ to break one field at a time.
fn export() -> ExportInquiry {
    ExportInquiry {
        company: "Pacific Hydrocolloids Pte Ltd".into(),
        contact_name: "Daniel Tan".into(),
        email: "sourcing@pacifichydro.com.sg".into(),
        phone: "+65 6123 4567".into(),
        country: "SG".into(),
        items: vec![
            ExportItem {
                product_id: "rumput-laut-kering".into(),
                specification: "Gracilaria, moisture max 18%, clean".into(),
                quantity: 2,
                unit: InquiryUnit::Container20,
                target_price: Some(Money {
                    currency: Currency::Usd,
                    amount_minor: 95_000,
                }),
            },
            ExportItem {
                product_id: "madu-kelulut".into(),
                specification: String::new(),
                quantity: 500,
                unit: InquiryUnit::Kg,
                target_price: None,
            },
        ],
        recurrence: Recurrence::Monthly,
        incoterm: Incoterm::Cif,
        destination_country: "CN".into(),
        destination_port: "Qingdao".into(),
        payment_terms: "30% T/T advance, 70% against B/L copy".into(),
        required_by: days(60),
        valid_until: days(14),
        sample_wanted: true,
        certificates: vec![CertificateKind::Halal, CertificateKind::Haccp],
        note: String::new(),
        lang: Lang::En,
    }
}

fn rules_of(errors: Vec<FieldError>) -> Vec<(String, Rule)> {
    errors.into_iter().map(|e| (e.field, e.rule)).collect()
}

fn purchase_rules(form: &PurchaseInquiry) -> Vec<(String, Rule)> {
    rules_of(check_purchase(form, today(), exists))
}

fn export_rules(form: &ExportInquiry) -> Vec<(String, Rule)> {
    rules_of(check_export(form, today(), exists))
}

fn one(field: &str, rule: Rule) -> Vec<(String, Rule)> {
    vec![(field.to_string(), rule)]
}

type Break<T> = (&'static str, fn(&mut T), &'static str, Rule);

/// One broken field per row: what to do, which field must be reported, with which rule.
#[rustfmt::skip]
fn purchase_breaks() -> Vec<Break<PurchaseInquiry>> {
    vec![
        ("blank organisation", |f| f.organisation = "  ".into(), "organisation", Rule::Required),
        ("long organisation", |f| f.organisation = "h".repeat(121), "organisation", Rule::TooLong { max: 120 }),
        ("no contact", |f| f.contact_name.clear(), "contact_name", Rule::Required),
        ("long contact", |f| f.contact_name = "r".repeat(81), "contact_name", Rule::TooLong { max: 80 }),
        ("no email", |f| f.email.clear(), "email", Rule::Required),
        ("email without @", |f| f.email = "pembelian.hotelmesra.co.id".into(), "email", Rule::Email),
        ("email without dot", |f| f.email = "pembelian@localhost".into(), "email", Rule::Email),
        ("email with space", |f| f.email = "pem belian@hotel.co.id".into(), "email", Rule::Email),
        ("email with two @", |f| f.email = "a@b@hotel.co.id".into(), "email", Rule::Email),
        ("long email", |f| f.email = format!("{}@hotel.co.id", "a".repeat(243)), "email", Rule::TooLong { max: 254 }),
        ("no whatsapp", |f| f.whatsapp.clear(), "whatsapp", Rule::Required),
        ("landline", |f| f.whatsapp = "0541 123456".into(), "whatsapp", Rule::WhatsApp),
        ("foreign mobile", |f| f.whatsapp = "+65 9123 4567".into(), "whatsapp", Rule::WhatsApp),
        ("no city", |f| f.city.clear(), "city", Rule::Required),
        ("long city", |f| f.city = "s".repeat(81), "city", Rule::TooLong { max: 80 }),
        ("no items", |f| f.items.clear(), "items", Rule::Required),
        ("too many items", |f| f.items = (0..21).map(|i| PurchaseItem { product_id: format!("produk-{i}"), quantity: 1, unit: Unit::Kg }).collect(), "items", Rule::AtMost { max: 20 }),
        ("no product", |f| f.items[1].product_id.clear(), "items.1.product_id", Rule::Required),
        ("unknown product", |f| f.items[1].product_id = "sepatu".into(), "items.1.product_id", Rule::UnknownProduct),
        ("repeated product", |f| f.items[1].product_id = "kerupuk-udang".into(), "items.1.product_id", Rule::DuplicateProduct),
        ("zero quantity", |f| f.items[0].quantity = 0, "items.0.quantity", Rule::AtLeast { min: 1 }),
        ("huge quantity", |f| f.items[1].quantity = 1_000_001, "items.1.quantity", Rule::AtMost { max: 1_000_000 }),
        ("no date", |f| f.wanted_by = None, "wanted_by", Rule::Required),
        ("today", |f| f.wanted_by = days(0), "wanted_by", Rule::AfterToday),
        ("yesterday", |f| f.wanted_by = days(-1), "wanted_by", Rule::AfterToday),
        ("typo year", |f| f.wanted_by = days(731), "wanted_by", Rule::TooFarAhead { days: 730 }),
        ("long note", |f| f.note = "n".repeat(1001), "note", Rule::TooLong { max: 1000 }),
    ]
}

#[rustfmt::skip]
fn export_breaks() -> Vec<Break<ExportInquiry>> {
    vec![
        ("no company", |f| f.company.clear(), "company", Rule::Required),
        ("long company", |f| f.company = "c".repeat(121), "company", Rule::TooLong { max: 120 }),
        ("no contact", |f| f.contact_name = "\t".into(), "contact_name", Rule::Required),
        ("long contact", |f| f.contact_name = "d".repeat(81), "contact_name", Rule::TooLong { max: 80 }),
        ("no email", |f| f.email.clear(), "email", Rule::Required),
        ("bad email", |f| f.email = "sourcing@".into(), "email", Rule::Email),
        ("long email", |f| f.email = format!("{}@example.com", "a".repeat(243)), "email", Rule::TooLong { max: 254 }),
        ("no phone", |f| f.phone.clear(), "phone", Rule::Required),
        ("phone without +", |f| f.phone = "6561234567".into(), "phone", Rule::Phone),
        ("short phone", |f| f.phone = "+65 123".into(), "phone", Rule::Phone),
        ("long phone", |f| f.phone = "+65 1234 5678 9012 34".into(), "phone", Rule::Phone),
        ("phone with letters", |f| f.phone = "+65 6123 HOTEL".into(), "phone", Rule::Phone),
        ("no country", |f| f.country.clear(), "country", Rule::Required),
        ("unassigned country", |f| f.country = "XX".into(), "country", Rule::CountryCode),
        ("country name", |f| f.country = "Singapore".into(), "country", Rule::CountryCode),
        ("lower-case country", |f| f.country = "sg".into(), "country", Rule::CountryCode),
        ("no items", |f| f.items.clear(), "items", Rule::Required),
        ("too many items", |f| f.items = (0..21).map(|i| ExportItem { product_id: format!("produk-{i}"), quantity: 1, ..ExportItem::default() }).collect(), "items", Rule::AtMost { max: 20 }),
        ("no product", |f| f.items[0].product_id = " ".into(), "items.0.product_id", Rule::Required),
        ("unknown product", |f| f.items[1].product_id = "kopi-luwak".into(), "items.1.product_id", Rule::UnknownProduct),
        ("repeated product and spec", |f| { f.items[1] = f.items[0].clone(); f.items[1].specification = "  GRACILARIA, moisture  max 18%, clean ".into(); }, "items.1.product_id", Rule::DuplicateProduct),
        ("zero quantity", |f| f.items[0].quantity = 0, "items.0.quantity", Rule::AtLeast { min: 1 }),
        ("huge quantity", |f| f.items[1].quantity = 2_000_000, "items.1.quantity", Rule::AtMost { max: 1_000_000 }),
        ("long specification", |f| f.items[0].specification = "s".repeat(501), "items.0.specification", Rule::TooLong { max: 500 }),
        ("zero target price", |f| f.items[0].target_price = Some(Money { currency: Currency::Idr, amount_minor: 0 }), "items.0.target_price", Rule::AtLeast { min: 1 }),
        ("no destination", |f| f.destination_country.clear(), "destination_country", Rule::Required),
        ("bad destination", |f| f.destination_country = "CHN".into(), "destination_country", Rule::CountryCode),
        ("CIF without port", |f| f.destination_port.clear(), "destination_port", Rule::Required),
        ("DAP without place", |f| { f.incoterm = Incoterm::Dap; f.destination_port.clear(); }, "destination_port", Rule::Required),
        ("long port", |f| f.destination_port = "p".repeat(81), "destination_port", Rule::TooLong { max: 80 }),
        ("long payment terms", |f| f.payment_terms = "t".repeat(201), "payment_terms", Rule::TooLong { max: 200 }),
        ("no required-by", |f| f.required_by = None, "required_by", Rule::Required),
        ("required today", |f| f.required_by = days(0), "required_by", Rule::AfterToday),
        ("required last year", |f| { f.required_by = days(-365); f.valid_until = days(0); }, "required_by", Rule::AfterToday),
        ("required in 2030", |f| f.required_by = days(1500), "required_by", Rule::TooFarAhead { days: 730 }),
        ("no validity", |f| f.valid_until = None, "valid_until", Rule::Required),
        ("validity yesterday", |f| f.valid_until = days(-1), "valid_until", Rule::NotBeforeToday),
        ("validity after required-by", |f| f.valid_until = days(61), "valid_until", Rule::ValidUntilAfterRequiredBy),
        ("validity in 2030", |f| { f.required_by = days(730); f.valid_until = days(731); }, "valid_until", Rule::TooFarAhead { days: 730 }),
        ("repeated certificate", |f| f.certificates.push(CertificateKind::Halal), "certificates.2", Rule::DuplicateCertificate),
        ("long note", |f| f.note = "n".repeat(1001), "note", Rule::TooLong { max: 1000 }),
    ]
}

#[test]
fn a_complete_purchase_passes() {
    assert_eq!(purchase_rules(&purchase()), vec![]);
    let mut p = purchase();
    p.recurrence = Recurrence::OneTime;
    p.note.clear();
    p.wanted_by = days(1);
    p.items.truncate(1);
    assert_eq!(purchase_rules(&p), vec![]);
}

#[test]
fn a_complete_export_rfq_passes() {
    assert_eq!(export_rules(&export()), vec![]);
    // The minimum: no target prices, terms, certificates, note or sample; FOB needs no port.
    let mut e = export();
    e.incoterm = Incoterm::Fob;
    e.destination_port.clear();
    e.payment_terms.clear();
    e.certificates.clear();
    e.sample_wanted = false;
    e.recurrence = Recurrence::OneTime;
    for item in &mut e.items {
        item.target_price = None;
        item.specification.clear();
    }
    e.items[0].product_id = "kerupuk-udang".into();
    assert_eq!(export_rules(&e), vec![]);
}

#[test]
fn empty_forms_report_every_required_field_in_form_order() {
    let fields = |v: Vec<(String, Rule)>| {
        assert!(v.iter().all(|(_, r)| *r == Rule::Required), "{v:?}");
        v.into_iter().map(|(f, _)| f).collect::<Vec<_>>()
    };
    assert_eq!(
        fields(purchase_rules(&PurchaseInquiry::default())),
        [
            "organisation",
            "contact_name",
            "email",
            "whatsapp",
            "city",
            "items",
            "wanted_by"
        ]
    );
    assert_eq!(
        fields(export_rules(&ExportInquiry::default())),
        [
            "company",
            "contact_name",
            "email",
            "phone",
            "country",
            "items",
            "destination_country",
            "required_by",
            "valid_until"
        ]
    );
}

#[test]
fn each_broken_purchase_field_is_reported_alone() {
    for (what, break_it, field, rule) in purchase_breaks() {
        let mut form = purchase();
        break_it(&mut form);
        assert_eq!(purchase_rules(&form), one(field, rule), "{what}");
    }
}

#[test]
fn each_broken_export_field_is_reported_alone() {
    for (what, break_it, field, rule) in export_breaks() {
        let mut form = export();
        break_it(&mut form);
        assert_eq!(export_rules(&form), one(field, rule), "{what}");
    }
}

#[test]
fn date_bounds_are_inclusive_where_they_should_be() {
    let mut p = purchase();
    for ok in [1, 730] {
        p.wanted_by = days(ok);
        assert_eq!(purchase_rules(&p), vec![], "{ok}");
    }
    let mut e = export();
    // Quotes may close today, or on the day the goods are required.
    e.valid_until = days(0);
    assert_eq!(export_rules(&e), vec![]);
    e.valid_until = e.required_by;
    assert_eq!(export_rules(&e), vec![]);
    e.required_by = days(730);
    e.valid_until = days(730);
    assert_eq!(export_rules(&e), vec![]);
}

#[test]
fn lengths_are_inclusive_and_count_characters() {
    let mut p = purchase();
    p.note = "n".repeat(1000);
    p.organisation = "é".repeat(120);
    p.email = format!("{}@hotel.co.id", "a".repeat(242));
    assert_eq!(p.email.chars().count(), 254);
    assert_eq!(purchase_rules(&p), vec![]);
    let mut e = export();
    e.items[0].specification = "ü".repeat(500);
    e.items[0].quantity = 1_000_000;
    e.phone = "+123456789012345".into();
    assert_eq!(export_rules(&e), vec![]);
}

#[test]
fn the_same_product_may_come_in_two_grades() {
    let mut e = export();
    e.items[1] = e.items[0].clone();
    e.items[1].specification = "Gracilaria, moisture max 22%".into();
    assert_eq!(export_rules(&e), vec![]);
}

#[test]
fn many_problems_are_reported_together_in_form_order() {
    let mut p = purchase();
    p.email = "x".into();
    p.items[0].product_id = "sepatu".into();
    p.items[0].quantity = 0;
    p.wanted_by = days(-3);
    assert_eq!(
        purchase_rules(&p),
        vec![
            ("email".to_string(), Rule::Email),
            ("items.0.product_id".to_string(), Rule::UnknownProduct),
            ("items.0.quantity".to_string(), Rule::AtLeast { min: 1 }),
            ("wanted_by".to_string(), Rule::AfterToday),
        ]
    );
    let mut e = export();
    e.certificates = vec![
        CertificateKind::Halal,
        CertificateKind::Halal,
        CertificateKind::Organic,
        CertificateKind::Halal,
    ];
    e.items = (0..22)
        .map(|i| ExportItem {
            product_id: format!("produk-{i}"),
            quantity: if i == 21 { 0 } else { 1 },
            ..ExportItem::default()
        })
        .collect();
    assert_eq!(
        export_rules(&e),
        vec![
            ("items".to_string(), Rule::AtMost { max: 20 }),
            ("items.21.quantity".to_string(), Rule::AtLeast { min: 1 }),
            ("certificates.1".to_string(), Rule::DuplicateCertificate),
            ("certificates.3".to_string(), Rule::DuplicateCertificate),
        ]
    );
}

#[test]
fn a_past_required_by_date_is_not_also_blamed_on_validity() {
    let mut e = export();
    e.required_by = days(-10);
    e.valid_until = days(5);
    assert_eq!(export_rules(&e), one("required_by", Rule::AfterToday));
}

#[test]
fn field_names_are_snake_case_paths() {
    let all = purchase_breaks()
        .into_iter()
        .map(|(_, _, field, _)| field)
        .chain(export_breaks().into_iter().map(|(_, _, field, _)| field));
    for field in all {
        assert!(
            field.split('.').all(|part| !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')),
            "{field}"
        );
    }
}

#[test]
fn every_reported_rule_reads_in_both_languages() {
    let mut rules: Vec<Rule> = purchase_breaks()
        .into_iter()
        .map(|(.., rule)| rule)
        .chain(export_breaks().into_iter().map(|(.., rule)| rule))
        .collect();
    rules.dedup();
    // The inquiry rules are all exercised by the tables above.
    for new in [
        Rule::Email,
        Rule::Phone,
        Rule::CountryCode,
        Rule::UnknownProduct,
        Rule::DuplicateProduct,
        Rule::AfterToday,
        Rule::NotBeforeToday,
        Rule::TooFarAhead { days: 730 },
        Rule::ValidUntilAfterRequiredBy,
    ] {
        assert!(rules.contains(&new), "{new:?} is never reported");
    }
    for rule in &rules {
        let (id, en) = (rule.message(Lang::Id), rule.message(Lang::En));
        assert!(!id.is_empty() && !en.is_empty(), "{rule:?}");
        assert_ne!(id, en, "{rule:?}");
    }
    let distinct = |lang| {
        rules
            .iter()
            .map(|r| r.message(lang))
            .collect::<HashSet<_>>()
            .len()
    };
    let unique: HashSet<String> = rules.iter().map(|r| format!("{r:?}")).collect();
    assert_eq!(distinct(Lang::Id), unique.len());
    assert_eq!(distinct(Lang::En), unique.len());
}

#[test]
fn inquiry_messages_say_what_to_do() {
    #[rustfmt::skip]
    let cases = [
        (Rule::Email, "Alamat email tidak valid. Contoh: nama@hotel.co.id.", "Not a valid email address. Example: name@company.com."),
        (Rule::Phone, "Tulis nomor dengan kode negara: + diikuti 7–15 angka, contoh +65 6123 4567.", "Write the number with its country code: + and 7–15 digits, e.g. +65 6123 4567."),
        (Rule::CountryCode, "Pilih negara dari daftar.", "Choose a country from the list."),
        (Rule::UnknownProduct, "Produk ini tidak ada (lagi) di katalog.", "This product is not (or no longer) in the catalog."),
        (Rule::DuplicateProduct, "Produk ini sudah ada di daftar.", "This product is already on the list."),
        (Rule::AfterToday, "Tanggal harus setelah hari ini.", "The date must be after today."),
        (Rule::NotBeforeToday, "Tanggal tidak boleh sebelum hari ini.", "The date cannot be before today."),
        (Rule::TooFarAhead { days: 730 }, "Paling lambat 730 hari dari hari ini.", "At most 730 days from today."),
        (Rule::ValidUntilAfterRequiredBy, "Batas penawaran tidak boleh setelah tanggal barang dibutuhkan.", "Quotes must close on or before the date the goods are required."),
    ];
    for (rule, id, en) in cases {
        assert_eq!(rule.message(Lang::Id), id);
        assert_eq!(rule.message(Lang::En), en);
    }
}

#[test]
fn errors_serialise_for_the_422_body() {
    let mut e = export();
    e.items[1].quantity = 0;
    e.required_by = days(1000);
    let json = serde_json::to_string(&check_export(&e, today(), exists)).unwrap();
    assert_eq!(
        json,
        r#"[{"field":"items.1.quantity","rule":{"rule":"at_least","min":1}},{"field":"required_by","rule":{"rule":"too_far_ahead","days":730}}]"#
    );
    let back: Vec<FieldError> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, check_export(&e, today(), exists));
}

#[test]
fn product_lookup_sees_the_ids_as_sent() {
    let asked = std::cell::RefCell::new(Vec::new());
    let p = purchase();
    let errors = check_purchase(&p, today(), |id| {
        asked.borrow_mut().push(id.to_string());
        true
    });
    assert_eq!(errors, vec![]);
    assert_eq!(*asked.borrow(), ["kerupuk-udang", "madu-kelulut"]);
}
