//! The listing editor: every field of a listing, photos, preview, save, publish.
//!
//! The draft lives in a signal and is written to the phone's storage on every change (see
//! `drafts`), so nothing typed is lost. Checks are the shared rules, shown once the seller
//! first tries to save, and then updated live as they fix each field.

use etalase_model::rules::{check_listing, FieldError};
use etalase_model::{
    Category, Certificate, CertificateKind, Date, ListingStatus, PriceTier, Product, Rupiah, Unit,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use super::cooperative::{ListingHistory, MemberBanner};
use super::dashboard::{status_label, SignInFirst};
use super::photos::PhotoManager;
use crate::api::seller::listings;
use crate::api::ApiError;
use crate::catalog_data::{today, use_catalog};
use crate::components::focus_field;
use crate::components::{field_error, NotFoundPanel, PageMeta, ProductCard, TextField};
use crate::i18n::{use_i18n, Said, SellerTexts};
use crate::routes::{show_url, NEW_LISTING};
use crate::seller::drafts::{self, send, use_outbox, Draft, SendResult};
use crate::seller::workspace::use_workspace;

#[component]
pub fn ListingEditorPage() -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <Show when=move || workspace.signed_in() fallback=SignInFirst>
            <EditorLoader/>
        </Show>
    }
}

/// Finds the draft to edit: on this phone first (it is the newest), else on the server.
/// `baru` starts a new draft and moves to its own URL, so a reload reopens the same one.
#[component]
fn EditorLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    let workspace = use_workspace();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ws = workspace.clone();
    let seller_id = move || ws.seller_id().unwrap_or_default();
    // `baru` only names a fresh draft and moves on; the editor opens at the draft's own URL.
    Effect::new(move |_| {
        if id.get() == NEW_LISTING {
            let draft = Draft::new(today(), &seller_id());
            drafts::save(&draft);
            navigate(
                &workspace.editor_page(Some(&draft.product.id)).href(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let base = use_workspace().api();
    let seller_id = move || use_workspace().seller_id().unwrap_or_default();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        let base = base.clone();
        let seller_id = seller_id();
        async move {
            if id == NEW_LISTING {
                return Ok(Loaded::Redirecting);
            }
            if let Some(draft) = drafts::load_own(&id, &seller_id) {
                return Ok(Loaded::Found(Box::new(draft)));
            }
            let list = listings(&base).await?;
            Ok::<_, ApiError>(match list.into_iter().find(|p| p.id == id) {
                Some(p) => Loaded::Found(Box::new(Draft::from_server(p))),
                None => Loaded::Missing,
            })
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(Loaded::Found(draft)) => view! { <Editor initial=*draft/> }.into_any(),
                    Ok(Loaded::Redirecting) => ().into_any(),
                    Ok(Loaded::Missing) => view! { <NotFoundPanel message=|t| t.not_found_body/> }.into_any(),
                    Err(err) => {
                        let said = Said::Refusal(err);
                        view! { <p class="panel notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[derive(Clone)]
enum Loaded {
    Redirecting,
    Found(Box<Draft>),
    Missing,
}

/// A message under the editor's buttons.
#[derive(Clone)]
enum Notice {
    Ok(Said),
    Waiting(Said),
    Problem(Said),
}

#[component]
fn Editor(initial: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    // A draft an operator edits for a member is theirs to send, not the member's.
    let mut initial = initial;
    if let Some(operator) = workspace.operator_id() {
        initial.made_by = Some(operator);
    }
    let outbox = use_outbox();
    let catalog = use_catalog().0;
    let is_new = !initial.on_server;
    let server_copy = RwSignal::new(initial.on_server.then(|| initial.product.clone()));
    let draft = RwSignal::new(initial);
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let photos_busy = RwSignal::new(false);
    let preview = RwSignal::new(false);

    // Autosave: keep a local copy whenever the draft differs from what the server has.
    Effect::new(move |_| {
        draft.with(|d| {
            let unchanged =
                server_copy.with(|s| s.as_ref() == Some(&d.product)) && d.pending.is_none();
            if unchanged {
                drafts::remove(&d.product.id);
            } else {
                drafts::save(d);
            }
        });
    });

    // What publishing would check, live once the seller has tried once.
    let live_errors = Memo::new(move |_| {
        draft.with(|d| {
            let status = match d.product.status {
                ListingStatus::Published => ListingStatus::Published,
                _ => ListingStatus::Draft,
            };
            check_listing(&d.outgoing(status))
        })
    });
    let errors = Memo::new(move |_| {
        if !attempted.get() {
            return Vec::new();
        }
        let mut all = live_errors.get();
        all.extend(server_errors.get());
        all
    });
    let err = move |field: &'static str| field_error(errors, field);

    let member_name = workspace.member.clone().map(|m| m.name);
    // Stored, so `act` stays `Copy` for the several buttons that call it.
    let ws_store = StoredValue::new(workspace.clone());
    let act = move |status: ListingStatus| {
        if busy.get_untracked() {
            return;
        }
        if photos_busy.get_untracked() {
            notice.set(Some(Notice::Problem(Said::Text(|s| s.photos_busy))));
            return;
        }
        attempted.set(true);
        server_errors.set(Vec::new());
        let current = draft.get_untracked();
        let problems = check_listing(&current.outgoing(status));
        if let Some(first) = problems.first() {
            focus_field(&first.field);
            notice.set(Some(Notice::Problem(Said::Text(|s| s.form_has_errors))));
            return;
        }
        busy.set(true);
        notice.set(None);
        let workspace = ws_store.get_value();
        spawn_local(async move {
            let old_id = current.product.id.clone();
            let result = send(&workspace, current.clone(), status).await;
            busy.set(false);
            match result {
                SendResult::Sent(saved) => {
                    let saved = *saved;
                    let new_id = saved.id.clone();
                    server_copy.set(Some(saved.clone()));
                    let mut fresh = Draft::from_server(saved);
                    fresh.made_by = workspace.operator_id();
                    draft.set(fresh);
                    notice.set(Some(Notice::Ok(Said::Text(match status {
                        ListingStatus::Published => |s| s.published_ok,
                        ListingStatus::Unpublished => |s| s.unpublished_ok,
                        ListingStatus::Draft => |s| s.saved_server,
                    }))));
                    catalog.refetch();
                    if new_id != old_id {
                        show_url(workspace.editor_page(Some(&new_id)));
                    }
                }
                SendResult::Queued => {
                    let queued = drafts::load(&current.outgoing(status).id);
                    if let Some(queued) = queued.clone() {
                        draft.set(queued);
                    }
                    outbox.recount();
                    notice.set(Some(Notice::Waiting(Said::Text(|s| s.queued_offline))));
                    if let Some(q) = queued.filter(|q| q.product.id != old_id) {
                        show_url(workspace.editor_page(Some(&q.product.id)));
                    }
                }
                SendResult::Refused(error) => {
                    if let ApiError::Invalid(fields) = &error {
                        if let Some(first) = fields.first() {
                            focus_field(&first.field);
                        }
                        server_errors.set(fields.clone());
                    }
                    notice.set(Some(Notice::Problem(Said::Refusal(error))));
                }
            }
        });
    };

    let status_now = move || draft.with(|d| d.product.status);
    let village_name = move || {
        let slug = ws_store
            .with_value(|w| w.village_slug())
            .unwrap_or_default();
        catalog
            .get()
            .and_then(|r| r.ok())
            .and_then(|data| data.catalog.village(&slug).map(|v| v.name.clone()))
            .unwrap_or(slug)
    };
    let title = move || {
        if is_new {
            i18n.s().editor_new_title
        } else {
            i18n.s().editor_edit_title
        }
    };

    view! {
        <PageMeta title=Signal::derive(move || title().to_string()) description=Signal::derive(move || i18n.s().auth_lead.to_string())/>
        <section class="panel editor">
            <A href=workspace.listings_page().href() attr:class="back-link">{
                move || match &member_name {
                    Some(name) => crate::i18n::fill(i18n.c().back_to_member, &[name]),
                    None => i18n.s().back_to_products.to_string(),
                }
            }</A>
            {workspace.member.clone().map(|m| view! { <MemberBanner member=m/> })}
            <div class="editor-head">
                <h1>{title}</h1>
                <Show when=move || draft.with(|d| d.pending.is_some())
                    fallback=move || view! {
                        <span class=move || format!("chip status-{:?}", status_now()).to_lowercase()>
                            {move || status_label(i18n.s(), status_now())}
                        </span>
                    }>
                    <span class="chip waiting">{move || i18n.s().status_waiting}</span>
                </Show>
            </div>
            <p class="muted autosave" aria-live="polite">{move || i18n.s().draft_saved_local}</p>
            <form class="form editor-form" novalidate on:submit=|ev| ev.prevent_default()>
                <BasicSection draft=draft errors=errors/>
                <PriceSection draft=draft errors=errors/>
                <SupplySection draft=draft errors=errors/>
                <fieldset class="form-section">
                    <legend>{move || i18n.s().section_photos}</legend>
                    <PhotoManager draft=draft busy=photos_busy error=err("photos")/>
                </fieldset>
                <CertificatesSection draft=draft errors=errors/>
                <ExportSection draft=draft errors=errors/>
            </form>
            <Show when=move || preview.get()>
                <section class="preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{move || i18n.s().preview_heading}</h2>
                    <div class="preview-card">
                        {move || view! { <ProductCard product=draft.with(|d| d.outgoing(ListingStatus::Published)) village=village_name()/> }}
                    </div>
                </section>
            </Show>
            <div class="editor-actions">
                <p class="form-message" role="status" aria-live="polite"
                    class:ok=move || matches!(notice.get(), Some(Notice::Ok(_)))
                    class:waiting=move || matches!(notice.get(), Some(Notice::Waiting(_)))
                    class:problem=move || matches!(notice.get(), Some(Notice::Problem(_)))
                    hidden=move || notice.with(Option::is_none)>
                    {move || notice.get().map(|n| match n { Notice::Ok(t) | Notice::Waiting(t) | Notice::Problem(t) => t.render(i18n.s()) })}
                </p>
                <div class="editor-buttons">
                    <button type="button" class="button secondary" aria-pressed=move || preview.get().to_string()
                        on:click=move |_| preview.update(|p| *p = !*p)>
                        {move || if preview.get() { i18n.s().close_preview } else { i18n.s().preview }}
                    </button>
                    <Show when=move || status_now() != ListingStatus::Published
                        fallback=move || view! {
                            <button type="button" class="button secondary" disabled=move || busy.get()
                                on:click=move |_| act(ListingStatus::Unpublished)>{move || i18n.s().unpublish}</button>
                            <button type="button" class="button primary" disabled=move || busy.get()
                                on:click=move |_| act(ListingStatus::Published)>{move || i18n.s().saved_server_button()}</button>
                        }>
                        <button type="button" class="button secondary" disabled=move || busy.get()
                            on:click=move |_| act(ListingStatus::Draft)>{move || i18n.s().save_draft}</button>
                        <button type="button" class="button primary" disabled=move || busy.get()
                            aria-busy=move || busy.get().to_string()
                            on:click=move |_| act(ListingStatus::Published)>{move || i18n.s().publish}</button>
                    </Show>
                </div>
            </div>
            // Re-rendered after each save, so the entry just made shows up.
            {move || server_copy.get().map(|p| view! { <ListingHistory id=p.id/> })}
        </section>
    }
}

impl SellerTexts {
    /// The main button on an already published listing: publishing again saves changes.
    fn saved_server_button(&self) -> &'static str {
        self.save_changes
    }
}

/// Binds a text field of the product to an input.
fn text_binding(
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
fn number_binding(
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
fn parse_number(text: &str) -> u64 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

fn optional(text: String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| text.clone())
}

#[component]
fn BasicSection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
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

#[component]
fn PriceSection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
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

#[component]
fn SupplySection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
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

#[component]
fn ExportSection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
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

#[component]
fn CertificatesSection(draft: RwSignal<Draft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || draft.with(|d| d.product.certificates.len());
    let add = move |_| {
        draft.update(|d| {
            let kind = CertificateKind::ALL
                .into_iter()
                .find(|k| d.product.certificates.iter().all(|c| c.kind != *k))
                .unwrap_or(CertificateKind::Halal);
            d.product.certificates.push(Certificate {
                kind,
                number: String::new(),
                issuer: String::new(),
                expires: None,
            });
        })
    };
    view! {
        <fieldset class="form-section">
            <legend>{move || i18n.s().section_certs}</legend>
            <p class="muted" hidden=move || { count() > 0 }>{move || i18n.s().no_certs}</p>
            <For each=move || 0..count() key=|i| *i let:i>
                <CertificateRow draft=draft index=i errors=errors/>
            </For>
            <button type="button" class="link-button" on:click=add>{move || i18n.s().add_cert}</button>
        </fieldset>
    }
}

#[component]
fn CertificateRow(
    draft: RwSignal<Draft>,
    index: usize,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&Certificate) -> String| {
        move || draft.with(|d| d.product.certificates.get(index).map(f).unwrap_or_default())
    };
    let update = move |f: Box<dyn Fn(&mut Certificate)>| {
        draft.update(|d| {
            if let Some(c) = d.product.certificates.get_mut(index) {
                f(c)
            }
        })
    };
    let number_err = field_error(errors, format!("certificates.{index}.number"));
    let issuer_err = field_error(errors, format!("certificates.{index}.issuer"));
    let kind_err = field_error(errors, format!("certificates.{index}.kind"));
    let id = |f: &str| format!("f-certificates-{index}-{f}");
    view! {
        <div class="cert-row">
            <div class="field" class:has-error=move || kind_err.get().is_some()>
                <label for=id("kind")>{move || i18n.s().cert_kind}</label>
                <select id=id("kind") prop:value=get(|c| c.kind.slug().to_string())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = CertificateKind::ALL.into_iter().find(|k| k.slug() == v) {
                            update(Box::new(move |c| c.kind = k));
                        }
                    }>
                    {CertificateKind::ALL.iter().map(|k| view! { <option value=k.slug()>{move || k.label(i18n.lang())}</option> }).collect_view()}
                </select>
                <p class="field-error" role="alert" hidden=move || kind_err.get().is_none()>{move || kind_err.get()}</p>
            </div>
            <div class="field" class:has-error=move || number_err.get().is_some()>
                <label for=id("number")>{move || i18n.s().cert_number}</label>
                <input id=id("number") prop:value=get(|c| c.number.clone()) aria-invalid=move || number_err.get().map(|_| "true")
                    on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.number = v.clone())) }/>
                <p class="field-error" role="alert" hidden=move || number_err.get().is_none()>{move || number_err.get()}</p>
            </div>
            <div class="field" class:has-error=move || issuer_err.get().is_some()>
                <label for=id("issuer")>{move || i18n.s().cert_issuer}</label>
                <input id=id("issuer") prop:value=get(|c| c.issuer.clone()) aria-invalid=move || issuer_err.get().map(|_| "true")
                    on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.issuer = v.clone())) }/>
                <p class="field-error" role="alert" hidden=move || issuer_err.get().is_none()>{move || issuer_err.get()}</p>
            </div>
            <div class="field">
                <label for=id("expires")>{move || i18n.s().cert_expires}</label>
                <input id=id("expires") type="date" prop:value=get(|c| c.expires.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev).parse::<Date>().ok(); update(Box::new(move |c| c.expires = v)) }/>
            </div>
            <button type="button" class="link-button" on:click=move |_| draft.update(|d| { if index < d.product.certificates.len() { d.product.certificates.remove(index); } })>
                {move || i18n.s().remove}
            </button>
        </div>
    }
}
