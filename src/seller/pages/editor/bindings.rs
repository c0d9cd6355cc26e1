//! Ties the form's inputs to the draft: a text or number field reads one part of the product
//! and writes it back on every change.

use etalase_model::Product;
use leptos::prelude::*;

use crate::seller::drafts::Draft;

/// Binds a text field of the product to an input.
pub(super) fn text_binding(
    draft: RwSignal<Draft>,
    get: fn(&Product) -> &str,
    set: fn(&mut Product, String),
) -> (Signal<String>, impl Fn(String) + Copy + 'static) {
    (
        Signal::derive(move || draft.with(|d| get(&d.product).to_string())),
        move |v: String| draft.update(|d| set(&mut d.product, v)),
    )
}

/// Binds a whole-number field; empty shows as empty, not 0, so a seller can clear and retype.
pub(super) fn number_binding(
    draft: RwSignal<Draft>,
    get: fn(&Product) -> u64,
    set: fn(&mut Product, u64),
) -> (Signal<String>, impl Fn(String) + Copy + 'static) {
    (
        Signal::derive(move || {
            draft.with(|d| match get(&d.product) {
                0 => String::new(),
                n => n.to_string(),
            })
        }),
        move |v: String| draft.update(|d| set(&mut d.product, parse_number(&v))),
    )
}

/// `25.000`, `25,000`, `25000` → 25000; anything else → 0 (which the rules then report).
pub(super) fn parse_number(text: &str) -> u64 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

pub(super) fn optional(text: String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| text.clone())
}
