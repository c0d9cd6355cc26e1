//! The basket: which products the buyer asks about, in what quantity, and a picker to add
//! more from any seller. A basket spanning several sellers is split by the server, one
//! part per seller.

use std::sync::Arc;

use etalase_model::inquiry::{Currency, InquiryKind, InquiryUnit, Money};
use etalase_model::rules::FieldError;
use etalase_model::CatalogQuery;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::buyer::inquiry_outbox::InquiryDraft;
use crate::catalog_data::{CatalogData, Found};
use crate::i18n::{fill, use_i18n};

use crate::components::{field_error, focus_selector};
use crate::routes::AppPath;

/// The lines of the current form, each with its own inputs and errors.
#[component]
pub fn BasketLines(
    draft: RwSignal<InquiryDraft>,
    errors: Memo<Vec<FieldError>>,
    data: Arc<CatalogData>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let kind = move || draft.with(|d| d.kind);
    let ids = move || draft.with(InquiryDraft::product_ids);
    let sellers = {
        let data = data.clone();
        move || {
            let mut s: Vec<String> = ids()
                .iter()
                .filter_map(|id| data.catalog.product(id).map(|p| p.seller_id.clone()))
                .collect();
            s.sort();
            s.dedup();
            s.len()
        }
    };
    let items_error = field_error(errors, "items");
    let rows = {
        let data = data.clone();
        move || {
            let data = data.clone();
            let kind = kind();
            ids()
                .into_iter()
                .enumerate()
                .map(|(i, id)| view! { <LineRow index=i product_id=id kind=kind draft=draft errors=errors data=data.clone()/> })
                .collect_view()
        }
    };
    view! {
        <fieldset class="form-section basket">
            <legend>{move || q().section_products}</legend>
            <p class="muted" hidden=move || ids().is_empty()>
                {move || match sellers() {
                    0 | 1 => q().one_seller.to_string(),
                    n => fill(q().split_hint, &[&n]),
                }}
            </p>
            <ol class="basket-lines">{rows}</ol>
            <p class="field-error" id="f-items" role="alert" tabindex="-1" hidden=move || items_error.with(Option::is_none)>
                {move || items_error.get().map(|_| q().no_products_yet.to_string())}
            </p>
            <ProductPicker draft=draft data=data.clone()/>
        </fieldset>
    }
}

/// One line: the product, its quantity (and for an RFQ unit, specification and target
/// price) and a remove button.
#[component]
fn LineRow(
    index: usize,
    product_id: String,
    kind: InquiryKind,
    draft: RwSignal<InquiryDraft>,
    errors: Memo<Vec<FieldError>>,
    data: Arc<CatalogData>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let product = data.catalog.product(&product_id).cloned();
    let seller = product
        .as_ref()
        .and_then(|p| data.catalog.seller_of(p))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let village = product
        .as_ref()
        .and_then(|p| data.catalog.village_of(p))
        .map(|v| v.name.clone())
        .unwrap_or_default();
    let name = {
        let product = product.clone();
        let id = product_id.clone();
        move || {
            product
                .as_ref()
                .map(|p| p.name(i18n.lang()).to_string())
                .unwrap_or_else(|| id.clone())
        }
    };
    let qty_id = format!("f-items-{index}-quantity");
    let qty_error = field_error(errors, format!("items.{index}.quantity"));
    let product_error = field_error(errors, format!("items.{index}.product_id"));
    let quantity = move || {
        draft
            .with(|d| match kind {
                InquiryKind::Purchase => d.purchase.items.get(index).map(|i| i.quantity),
                InquiryKind::Export => d.export.items.get(index).map(|i| i.quantity),
            })
            .filter(|q| *q > 0)
            .map(|q| q.to_string())
            .unwrap_or_default()
    };
    let set_quantity = move |text: String| {
        let n = text.trim().parse::<u32>().unwrap_or(0);
        draft.update(|d| match kind {
            InquiryKind::Purchase => {
                if let Some(i) = d.purchase.items.get_mut(index) {
                    i.quantity = n
                }
            }
            InquiryKind::Export => {
                if let Some(i) = d.export.items.get_mut(index) {
                    i.quantity = n
                }
            }
        });
    };
    let remove = move |_| {
        draft.update(|d| match kind {
            InquiryKind::Purchase => {
                if index < d.purchase.items.len() {
                    d.purchase.items.remove(index);
                }
            }
            InquiryKind::Export => {
                if index < d.export.items.len() {
                    d.export.items.remove(index);
                }
            }
        });
    };
    let unit = match kind {
        InquiryKind::Purchase => {
            let unit = product.as_ref().map(|p| p.unit);
            view! { <span class="unit">{move || unit.map(|u| u.label(i18n.lang())).unwrap_or_default()}</span> }.into_any()
        }
        InquiryKind::Export => view! { <ExportUnit index=index draft=draft/> }.into_any(),
    };
    let moq = product.as_ref().map(|p| (p.moq, p.unit));
    let name_for_label = name.clone();
    view! {
        <li class="basket-line">
            <div class="line-head">
                <div>
                    <A href=AppPath::Product { id: &product_id }.href() attr:class="line-name">{name}</A>
                    <p class="muted small">{seller}{(!village.is_empty()).then(|| format!(" · {village}"))}</p>
                    <p class="field-error" role="alert" hidden=move || product_error.with(Option::is_none)>{move || product_error.get()}</p>
                </div>
                <button type="button" class="link-button" on:click=remove
                    aria-label=move || fill(q().remove_line, &[&name_for_label()])>{move || i18n.s().remove}</button>
            </div>
            <div class="line-inputs">
                <div class="field qty" class:has-error=move || qty_error.with(Option::is_some)>
                    <label for=qty_id.clone()>{move || q().field_quantity}</label>
                    <div class="qty-row">
                        <input id=qty_id type="number" min="1" inputmode="numeric"
                            aria-invalid=move || qty_error.with(Option::is_some).then_some("true")
                            prop:value=quantity on:input=move |ev| set_quantity(event_target_value(&ev))/>
                        {unit}
                    </div>
                    {(kind == InquiryKind::Purchase).then(|| moq.map(|(moq, unit)| view! {
                        <p class="hint">{move || fill(q().moq_hint, &[&moq, &unit.label(i18n.lang())])}</p>
                    }))}
                    <p class="field-error" role="alert" hidden=move || qty_error.with(Option::is_none)>{move || qty_error.get()}</p>
                </div>
                {(kind == InquiryKind::Export).then(|| view! { <ExportLineExtras index=index draft=draft errors=errors/> })}
            </div>
        </li>
    }
}

#[component]
fn ExportUnit(index: usize, draft: RwSignal<InquiryDraft>) -> impl IntoView {
    let i18n = use_i18n();
    let current = move || {
        draft.with(|d| {
            d.export
                .items
                .get(index)
                .map(|i| i.unit)
                .unwrap_or_default()
        })
    };
    view! {
        <select id=format!("f-items-{index}-unit") aria-label=move || i18n.q().field_unit
            on:change=move |ev| {
                if let Ok(u) = event_target_value(&ev).parse::<InquiryUnit>() {
                    draft.update(|d| if let Some(i) = d.export.items.get_mut(index) { i.unit = u });
                }
            }>
            {InquiryUnit::ALL.into_iter().map(|u| view! {
                <option value=u.slug() selected=move || current() == u>{move || u.label(i18n.lang())}</option>
            }).collect_view()}
        </select>
    }
}

/// Specification and target price of an RFQ line.
#[component]
fn ExportLineExtras(
    index: usize,
    draft: RwSignal<InquiryDraft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let spec_id = format!("f-items-{index}-specification");
    let price_id = format!("f-items-{index}-target_price");
    let spec_error = field_error(errors, format!("items.{index}.specification"));
    let price_error = field_error(errors, format!("items.{index}.target_price"));
    let item = move || draft.with(|d| d.export.items.get(index).cloned().unwrap_or_default());
    let currency = move || item().target_price.map(|m| m.currency).unwrap_or_default();
    let set_price = move |text: String, currency: Currency| {
        let price = Money::parse(&text, currency);
        draft.update(|d| {
            if let Some(i) = d.export.items.get_mut(index) {
                i.target_price = price
            }
        });
    };
    // The typed text is kept while editing; the model gets it parsed on change.
    let typed = RwSignal::new(item().target_price.map(Money::to_input).unwrap_or_default());
    view! {
        <div class="field spec" class:has-error=move || spec_error.with(Option::is_some)>
            <label for=spec_id.clone()>{move || q().field_specification}</label>
            <input id=spec_id type="text" placeholder=move || q().specification_hint
                prop:value=move || item().specification
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(i) = d.export.items.get_mut(index) { i.specification = v }) }/>
            <p class="field-error" role="alert" hidden=move || spec_error.with(Option::is_none)>{move || spec_error.get()}</p>
        </div>
        <div class="field price" class:has-error=move || price_error.with(Option::is_some)>
            <label for=price_id.clone()>{move || q().field_target_price}</label>
            <div class="qty-row">
                <input id=price_id type="text" inputmode="decimal" prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:change=move |ev| set_price(event_target_value(&ev), currency())/>
                <select aria-label=move || q().field_currency on:change=move |ev| {
                    if let Ok(c) = event_target_value(&ev).parse::<Currency>() { set_price(typed.get_untracked(), c) }
                }>
                    {Currency::ALL.into_iter().map(|c| view! {
                        <option value=c.slug() selected=move || currency() == c>{c.code()}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="field-error" role="alert" hidden=move || price_error.with(Option::is_none)>{move || price_error.get()}</p>
        </div>
    }
}

/// How many of the picker's hits are listed: enough to pick from on a phone's screen.
const PICKER_ROWS: usize = 6;

/// Search the catalog and add a product to the basket.
#[component]
fn ProductPicker(draft: RwSignal<InquiryDraft>, data: Arc<CatalogData>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let text = RwSignal::new(String::new());
    let typed = move || text.with(|t| t.trim().chars().count() >= 2);
    // What the typed words found: the worker's index searched here, or until it is built
    // (and always for a catalog too large to search on a phone) the server's first page.
    let found = {
        let data = data.clone();
        Memo::new(move |_| {
            if !typed() {
                return Found::Pending;
            }
            data.search(&CatalogQuery {
                q: text.get(),
                ..Default::default()
            })
        })
    };
    // The rows listed, and whether more than those could be added (the status says so).
    let matches = {
        let data = data.clone();
        Memo::new(move |_| {
            let chosen = draft.with(InquiryDraft::product_ids);
            // Read in place: a short word matches thousands of listings, of which six show.
            found.with(|found| {
                let (hits, beyond): (&[usize], bool) = match found {
                    Found::Here(hits) => (hits, false),
                    Found::Server(results) => {
                        (&results.listings, results.total > results.listings.len())
                    }
                    Found::Pending | Found::Failed => (&[], false),
                };
                let mut rows = hits
                    .iter()
                    .filter_map(|&i| data.catalog.products.get(i))
                    .filter(|p| !chosen.contains(&p.id))
                    .take(PICKER_ROWS + 1)
                    .cloned()
                    .collect::<Vec<_>>();
                let more = beyond || rows.len() > PICKER_ROWS;
                rows.truncate(PICKER_ROWS);
                (rows, more)
            })
        })
    };
    // Said under the list, the one live region of the picker (a list that spoke too would
    // be read out whole on every keystroke): still searching, how many match, nothing
    // found, or the server out of reach. A short word matches hundreds: the buyer is told
    // that only the first few are listed, and how to narrow them.
    let status = move || -> String {
        let q = q();
        let count = |n: usize| match (n, matches.with(|(rows, more)| (rows.len(), *more))) {
            (0, _) => q.picker_none.to_string(),
            (n, (listed, true)) if listed > 0 => {
                fill(q.picker_found_some, &[&listed.to_string(), &n.to_string()])
            }
            (n, _) => fill(q.picker_found, &[&n.to_string()]),
        };
        found.with(|found| match found {
            _ if !typed() => String::new(),
            Found::Pending => q.picker_searching.to_string(),
            Found::Failed => q.picker_offline.to_string(),
            Found::Here(hits) => count(hits.len()),
            Found::Server(results) => count(results.total),
        })
    };
    let failed = move || found.with(|found| matches!(found, Found::Failed));
    let retry = {
        let data = data.clone();
        move |_| {
            let words = CatalogQuery {
                q: text.get_untracked(),
                ..Default::default()
            };
            data.retry_server(&words);
            // The button goes as it is pressed: back to the box the words are in.
            focus_selector("#f-add-product");
        }
    };
    let data_for_rows = data.clone();
    view! {
        <div class="picker">
            <label for="f-add-product">{move || q().add_product}</label>
            <input id="f-add-product" type="search" autocomplete="off" placeholder=move || q().add_product_hint
                aria-controls="picker-results" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <ul id="picker-results" class="picker-results">
                {move || {
                    let data = data_for_rows.clone();
                    matches.get().0.into_iter().map(|p| {
                        let seller = data.catalog.seller_of(&p).map(|s| s.name.clone()).unwrap_or_default();
                        let label = p.name(i18n.lang()).to_string();
                        let product = p.clone();
                        view! {
                            <li>
                                <button type="button" class="picker-add" on:click=move |_| {
                                    draft.update(|d| d.add(&product));
                                    text.set(String::new());
                                }>
                                    <span>{fill(q().add_named, &[&label])}</span>
                                    <span class="muted small">{seller}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <p class="muted small picker-status" role="status">{status}</p>
            <Show when=failed>
                <button type="button" class="button secondary picker-retry" on:click=retry.clone()>
                    {move || q().picker_retry}
                </button>
            </Show>
        </div>
    }
}
