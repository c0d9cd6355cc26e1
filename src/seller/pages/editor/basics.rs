//! The form's first section: the listing's Indonesian name, its category and description.

use etalase_model::rules::FieldError;
use etalase_model::Category;
use leptos::prelude::*;

use super::bindings::text_binding;
use crate::components::{field_error, TextField};
use crate::i18n::use_i18n;
use crate::seller::drafts::Draft;

#[component]
pub(super) fn BasicSection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |field: &'static str| field_error(errors, field);
    let (name_id, set_name_id) = text_binding(draft, |p| &p.name_id, |p, v| p.name_id = v);
    let (desc_id, set_desc_id) =
        text_binding(draft, |p| &p.description_id, |p, v| p.description_id = v);
    view! {
        <fieldset class="form-section">
            <legend>{move || i18n.s().section_basic}</legend>
            <TextField name="name_id" label=Signal::derive(move || i18n.s().field_name_id) value=name_id on_input=set_name_id error=err("name_id")/>
            <div class="field">
                <label for="f-category">{move || i18n.s().field_category}</label>
                <select id="f-category" prop:value=move || draft.with(|d| d.product.category.slug())
                    on:change=move |ev| {
                        if let Ok(c) = event_target_value(&ev).parse::<Category>() {
                            draft.update(|d| d.product.category = c);
                        }
                    }>
                    {Category::ALL.iter().map(|c| view! { <option value=c.slug()>{move || c.label(i18n.lang())}</option> }).collect_view()}
                </select>
            </div>
            <TextField name="description_id" label=Signal::derive(move || i18n.s().field_description_id) value=desc_id on_input=set_desc_id error=err("description_id") multiline=true/>
        </fieldset>
    }
}
