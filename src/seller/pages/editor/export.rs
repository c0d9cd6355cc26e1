//! For exporters: whether the listing is export-ready, its English texts and its HS code.

use etalase_model::rules::FieldError;
use leptos::prelude::*;

use super::bindings::{optional, text_binding};
use crate::components::{field_error, TextField};
use crate::i18n::use_i18n;
use crate::seller::drafts::Draft;

#[component]
pub(super) fn ExportSection(
    draft: RwSignal<Draft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |field: &'static str| field_error(errors, field);
    let (name_en, set_name_en) = text_binding(draft, |p| &p.name_en, |p, v| p.name_en = v);
    let (desc_en, set_desc_en) =
        text_binding(draft, |p| &p.description_en, |p, v| p.description_en = v);
    let (pack_en, set_pack_en) =
        text_binding(draft, |p| &p.packaging_en, |p, v| p.packaging_en = v);
    let (store_en, set_store_en) = text_binding(draft, |p| &p.storage_en, |p, v| p.storage_en = v);
    let (hs, set_hs) = (
        Signal::derive(move || draft.with(|d| d.product.hs_code.clone().unwrap_or_default())),
        move |v: String| draft.update(|d| d.product.hs_code = optional(v)),
    );
    view! {
        <fieldset class="form-section">
            <legend>{move || i18n.s().section_export}</legend>
            <label class="check">
                <input type="checkbox" id="f-export_ready" prop:checked=move || draft.with(|d| d.product.export_ready)
                    on:change=move |ev| draft.update(|d| d.product.export_ready = event_target_checked(&ev))/>
                {move || i18n.s().field_export_ready}
            </label>
            <TextField name="name_en" label=Signal::derive(move || i18n.s().field_name_en) value=name_en on_input=set_name_en error=err("name_en")/>
            <TextField name="description_en" label=Signal::derive(move || i18n.s().field_description_en) value=desc_en on_input=set_desc_en error=err("description_en") multiline=true/>
            <TextField name="packaging_en" label=Signal::derive(move || i18n.s().field_packaging_en) value=pack_en on_input=set_pack_en error=err("packaging_en")/>
            <TextField name="storage_en" label=Signal::derive(move || i18n.s().field_storage_en) value=store_en on_input=set_store_en error=err("storage_en")/>
            <TextField name="hs_code" label=Signal::derive(move || i18n.s().field_hs_code) value=hs on_input=set_hs error=err("hs_code") inputmode="decimal"/>
        </fieldset>
    }
}
