//! Supply terms: lead time, monthly capacity, shelf life, case size, packaging and storage.

use etalase_model::rules::FieldError;
use leptos::prelude::*;

use super::bindings::{number_binding, optional, parse_number, text_binding};
use crate::components::{field_error, TextField};
use crate::i18n::use_i18n;
use crate::seller::drafts::Draft;

#[component]
pub(super) fn SupplySection(
    draft: RwSignal<Draft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |field: &'static str| field_error(errors, field);
    let (lead, set_lead) = (
        Signal::derive(move || draft.with(|d| d.product.lead_time_days.to_string())),
        move |v: String| {
            draft
                .update(|d| d.product.lead_time_days = parse_number(&v).min(u16::MAX as u64) as u16)
        },
    );
    let (capacity, set_capacity) = number_binding(
        draft,
        |p| p.monthly_capacity.into(),
        |p, v| p.monthly_capacity = v.min(u32::MAX as u64) as u32,
    );
    let (shelf, set_shelf) = (
        Signal::derive(move || {
            draft.with(|d| {
                d.product
                    .shelf_life_days
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            })
        }),
        move |v: String| {
            draft.update(|d| {
                d.product.shelf_life_days =
                    (!v.trim().is_empty()).then(|| parse_number(&v).min(u16::MAX as u64) as u16)
            })
        },
    );
    let (case, set_case) = (
        Signal::derive(move || draft.with(|d| d.product.case_size.clone().unwrap_or_default())),
        move |v: String| draft.update(|d| d.product.case_size = optional(v)),
    );
    let (pack, set_pack) = text_binding(draft, |p| &p.packaging_id, |p, v| p.packaging_id = v);
    let (store, set_store) = text_binding(draft, |p| &p.storage_id, |p, v| p.storage_id = v);
    view! {
        <fieldset class="form-section">
            <legend>{move || i18n.s().section_supply}</legend>
            <div class="field-row">
                <TextField name="lead_time_days" label=Signal::derive(move || i18n.s().field_lead_time) value=lead on_input=set_lead error=err("lead_time_days") inputmode="numeric"/>
                <TextField name="monthly_capacity" label=Signal::derive(move || i18n.s().field_capacity) value=capacity on_input=set_capacity error=err("monthly_capacity") inputmode="numeric"/>
            </div>
            <div class="field-row">
                <TextField name="shelf_life_days" label=Signal::derive(move || i18n.s().field_shelf_life) value=shelf on_input=set_shelf error=err("shelf_life_days") inputmode="numeric"/>
                <TextField name="case_size" label=Signal::derive(move || i18n.s().field_case_size) value=case on_input=set_case error=err("case_size")/>
            </div>
            <TextField name="packaging_id" label=Signal::derive(move || i18n.s().field_packaging_id) value=pack on_input=set_pack error=err("packaging_id")/>
            <TextField name="storage_id" label=Signal::derive(move || i18n.s().field_storage_id) value=store on_input=set_store error=err("storage_id")/>
        </fieldset>
    }
}
