//! The rules of both inquiry forms. Every problem is reported at once, in form order, with
//! the field's name (`items.0.quantity`) so the form can mark it.

use crate::catalog::CertificateKind;
use crate::rules::{normalize_whatsapp, Errors, FieldError, Rule};
use crate::Date;

use super::contact::{is_country_code, is_email, normalize_phone, EMAIL_MAX_CHARS};
use super::{ExportInquiry, ExportItem, PurchaseInquiry, PurchaseItem};

/// Lines per inquiry: a basket, not a price list. Larger needs are a conversation.
pub const MAX_ITEMS: usize = 20;
/// Units per line (a thousand tonnes in kg): more is a typo.
pub const MAX_QUANTITY: u64 = 1_000_000;
/// Dates further ahead than this (two years) are most likely a mistyped year.
pub const MAX_DAYS_AHEAD: u32 = 730;
pub const NOTE_MAX_CHARS: u32 = 1000;

const ORGANISATION_MAX: u32 = 120;
const NAME_MAX: u32 = 80;
const PLACE_MAX: u32 = 80;
const SPECIFICATION_MAX: u32 = 500;
const PAYMENT_TERMS_MAX: u32 = 200;

/// Checks a purchase inquiry. `today` is the buyer's (or server's) civil date;
/// `product_exists` answers whether a product id is in the catalog.
pub fn check_purchase(
    form: &PurchaseInquiry,
    today: Date,
    product_exists: impl Fn(&str) -> bool,
) -> Vec<FieldError> {
    let mut e = Errors::default();
    e.text("organisation", &form.organisation, ORGANISATION_MAX);
    e.text("contact_name", &form.contact_name, NAME_MAX);
    email(&mut e, &form.email);
    if form.whatsapp.trim().is_empty() {
        e.add("whatsapp", Rule::Required);
    } else if normalize_whatsapp(&form.whatsapp).is_none() {
        e.add("whatsapp", Rule::WhatsApp);
    }
    e.text("city", &form.city, PLACE_MAX);
    items(&mut e, &form.items, |e, i, item: &PurchaseItem| {
        line(
            e,
            i,
            &item.product_id,
            item.quantity,
            &form.items[..i],
            |earlier| earlier.product_id == item.product_id,
            &product_exists,
        );
    });
    future_date(&mut e, "wanted_by", form.wanted_by, today);
    e.max_len("note", &form.note, NOTE_MAX_CHARS);
    e.0
}

/// Checks an export RFQ; as [`check_purchase`].
pub fn check_export(
    form: &ExportInquiry,
    today: Date,
    product_exists: impl Fn(&str) -> bool,
) -> Vec<FieldError> {
    let mut e = Errors::default();
    e.text("company", &form.company, ORGANISATION_MAX);
    e.text("contact_name", &form.contact_name, NAME_MAX);
    email(&mut e, &form.email);
    if form.phone.trim().is_empty() {
        e.add("phone", Rule::Required);
    } else if normalize_phone(&form.phone).is_none() {
        e.add("phone", Rule::Phone);
    }
    country(&mut e, "country", &form.country);
    items(&mut e, &form.items, |e, i, item: &ExportItem| {
        let spec = comparable(&item.specification);
        line(
            e,
            i,
            &item.product_id,
            item.quantity,
            &form.items[..i],
            // The same product twice is fine in two grades, not twice in one.
            |earlier| {
                earlier.product_id == item.product_id && comparable(&earlier.specification) == spec
            },
            &product_exists,
        );
        e.max_len(
            &format!("items.{i}.specification"),
            &item.specification,
            SPECIFICATION_MAX,
        );
        if item.target_price.is_some_and(|p| p.amount_minor == 0) {
            e.add(format!("items.{i}.target_price"), Rule::AtLeast { min: 1 });
        }
    });
    country(&mut e, "destination_country", &form.destination_country);
    if form.incoterm.names_destination() {
        e.text("destination_port", &form.destination_port, PLACE_MAX);
    } else {
        e.max_len("destination_port", &form.destination_port, PLACE_MAX);
    }
    e.max_len("payment_terms", &form.payment_terms, PAYMENT_TERMS_MAX);
    let required_by_ok = future_date(&mut e, "required_by", form.required_by, today);
    match form.valid_until {
        None => e.add("valid_until", Rule::Required),
        Some(d) if d < today => e.add("valid_until", Rule::NotBeforeToday),
        Some(d) if too_far(d, today) => e.add(
            "valid_until",
            Rule::TooFarAhead {
                days: MAX_DAYS_AHEAD,
            },
        ),
        Some(d) => {
            if let (true, Some(required_by)) = (required_by_ok, form.required_by) {
                if d > required_by {
                    e.add("valid_until", Rule::ValidUntilAfterRequiredBy);
                }
            }
        }
    }
    certificates(&mut e, &form.certificates);
    e.max_len("note", &form.note, NOTE_MAX_CHARS);
    e.0
}

fn email(e: &mut Errors, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        e.add("email", Rule::Required);
    } else if value.chars().count() > EMAIL_MAX_CHARS as usize {
        e.add(
            "email",
            Rule::TooLong {
                max: EMAIL_MAX_CHARS,
            },
        );
    } else if !is_email(value) {
        e.add("email", Rule::Email);
    }
}

fn country(e: &mut Errors, field: &str, value: &str) {
    if value.trim().is_empty() {
        e.add(field, Rule::Required);
    } else if !is_country_code(value) {
        e.add(field, Rule::CountryCode);
    }
}

/// The list as a whole (present, not too long), then each line with `each`.
fn items<T>(e: &mut Errors, items: &[T], mut each: impl FnMut(&mut Errors, usize, &T)) {
    if items.is_empty() {
        e.add("items", Rule::Required);
    } else if items.len() > MAX_ITEMS {
        e.add(
            "items",
            Rule::AtMost {
                max: MAX_ITEMS as u64,
            },
        );
    }
    for (i, item) in items.iter().enumerate() {
        each(e, i, item);
    }
}

/// What every line has: a known product, not repeated, and a sensible quantity.
fn line<T>(
    e: &mut Errors,
    i: usize,
    product_id: &str,
    quantity: u32,
    earlier: &[T],
    same_as: impl Fn(&T) -> bool,
    product_exists: impl Fn(&str) -> bool,
) {
    let field = format!("items.{i}.product_id");
    if product_id.trim().is_empty() {
        e.add(field, Rule::Required);
    } else if !product_exists(product_id) {
        e.add(field, Rule::UnknownProduct);
    } else if earlier.iter().any(same_as) {
        e.add(field, Rule::DuplicateProduct);
    }
    e.range(
        &format!("items.{i}.quantity"),
        quantity.into(),
        1,
        MAX_QUANTITY,
    );
}

/// A date that must be after today and not absurdly far ahead. Returns whether it is fine.
fn future_date(e: &mut Errors, field: &str, value: Option<Date>, today: Date) -> bool {
    let rule = match value {
        None => Rule::Required,
        Some(d) if d <= today => Rule::AfterToday,
        Some(d) if too_far(d, today) => Rule::TooFarAhead {
            days: MAX_DAYS_AHEAD,
        },
        Some(_) => return true,
    };
    e.add(field, rule);
    false
}

fn too_far(date: Date, today: Date) -> bool {
    date.days_since_epoch() - today.days_since_epoch() > i64::from(MAX_DAYS_AHEAD)
}

fn certificates(e: &mut Errors, kinds: &[CertificateKind]) {
    for (i, kind) in kinds.iter().enumerate() {
        if kinds[..i].contains(kind) {
            e.add(format!("certificates.{i}"), Rule::DuplicateCertificate);
        }
    }
}

/// Specification text as compared for duplicates: case and spacing do not make a new grade.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests;
