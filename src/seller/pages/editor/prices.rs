//! Prices: the minimum order, the unit, and the price tiers (more ordered, lower price),
//! whose first tier always starts at the minimum order.

use etalase_model::rules::FieldError;
use etalase_model::{PriceTier, Rupiah, Unit};
use leptos::prelude::*;

use super::bindings::{number_binding, parse_number};
use crate::components::{field_error, TextField};
use crate::i18n::use_i18n;
use crate::seller::drafts::Draft;

#[component]
pub(super) fn PriceSection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |field: &'static str| field_error(errors, field);
    let (moq, set_moq_raw) = number_binding(
        draft,
        |p| p.moq.into(),
        |p, v| p.moq = v.min(u32::MAX as u64) as u32,
    );
    // The first tier always starts at the minimum order: one number, typed once.
    let set_moq = move |v: String| {
        set_moq_raw(v);
        draft.update(|d| {
            let moq = d.product.moq;
            if let Some(first) = d.product.tiers.first_mut() {
                first.min_qty = moq;
            }
        });
    };
    let tier_count = move || draft.with(|d| d.product.tiers.len());
    let add_tier = move |_| {
        draft.update(|d| {
            let last = d.product.tiers.last().copied().unwrap_or(PriceTier {
                min_qty: d.product.moq,
                price: Rupiah(0),
            });
            d.product.tiers.push(PriceTier {
                min_qty: last.min_qty.saturating_mul(5).max(last.min_qty + 1),
                price: last.price,
            });
        })
    };
    view! {
        <fieldset class="form-section">
            <legend>{move || i18n.s().section_price}</legend>
            <div class="field-row">
                <TextField name="moq" label=Signal::derive(move || i18n.s().field_moq) value=moq on_input=set_moq error=err("moq") inputmode="numeric"/>
                <div class="field">
                    <label for="f-unit">{move || i18n.s().field_unit}</label>
                    <select id="f-unit" prop:value=move || draft.with(|d| d.product.unit.slug())
                        on:change=move |ev| {
                            if let Ok(u) = event_target_value(&ev).parse::<Unit>() {
                                draft.update(|d| d.product.unit = u);
                            }
                        }>
                        {Unit::ALL.iter().map(|u| view! { <option value=u.slug()>{move || u.label(i18n.lang())}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="field-label" id="tiers-label">{move || i18n.s().field_tiers}</p>
            <p class="field-error" role="alert" hidden=move || err("tiers").get().is_none()>{move || err("tiers").get()}</p>
            <ol class="tiers" aria-labelledby="tiers-label">
                <For each=move || 0..tier_count() key=|i| *i let:i>
                    <TierRow draft=draft index=i errors=errors/>
                </For>
            </ol>
            <button type="button" class="link-button" on:click=add_tier hidden=move || { tier_count() >= etalase_model::rules::MAX_TIERS }>
                {move || i18n.s().add_tier}
            </button>
        </fieldset>
    }
}

#[component]
fn TierRow(draft: RwSignal<Draft>, index: usize, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let qty = move || {
        draft.with(|d| {
            d.product
                .tiers
                .get(index)
                .map(|t| t.min_qty.to_string())
                .unwrap_or_default()
        })
    };
    let price = move || {
        draft.with(|d| match d.product.tiers.get(index).map(|t| t.price.0) {
            Some(0) | None => String::new(),
            Some(p) => etalase_model::format_rupiah(p)
                .trim_start_matches("Rp")
                .trim()
                .to_string(),
        })
    };
    let qty_err = field_error(errors, format!("tiers.{index}.min_qty"));
    let price_err = field_error(errors, format!("tiers.{index}.price"));
    view! {
        <li class="tier-row">
            <div class="field" class:has-error=move || qty_err.get().is_some()>
                <label for=format!("f-tiers-{index}-min_qty")>{move || i18n.s().tier_from}</label>
                <input id=format!("f-tiers-{index}-min_qty") inputmode="numeric" prop:value=qty readonly={ index == 0 }
                    aria-invalid=move || qty_err.get().map(|_| "true")
                    on:input=move |ev| {
                        let v = parse_number(&event_target_value(&ev)).min(u32::MAX as u64) as u32;
                        draft.update(|d| if let Some(t) = d.product.tiers.get_mut(index) { t.min_qty = v });
                    }/>
                <p class="field-error" role="alert" hidden=move || qty_err.get().is_none()>{move || qty_err.get()}</p>
            </div>
            <div class="field" class:has-error=move || price_err.get().is_some()>
                <label for=format!("f-tiers-{index}-price")>{move || i18n.s().tier_price}</label>
                <input id=format!("f-tiers-{index}-price") inputmode="numeric" prop:value=price
                    aria-invalid=move || price_err.get().map(|_| "true")
                    on:change=move |ev| {
                        let v = parse_number(&event_target_value(&ev));
                        draft.update(|d| if let Some(t) = d.product.tiers.get_mut(index) { t.price = Rupiah(v) });
                    }/>
                <p class="field-error" role="alert" hidden=move || price_err.get().is_none()>{move || price_err.get()}</p>
            </div>
            { (index > 0).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| draft.update(|d| { if index < d.product.tiers.len() { d.product.tiers.remove(index); } })>
                    {move || i18n.s().remove}
                </button>
            })}
        </li>
    }
}
