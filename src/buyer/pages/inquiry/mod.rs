//! `/permintaan`: a hotel's purchase inquiry or an exporter's RFQ, for one or many
//! products from any sellers; `/permintaan/lacak/:token`: where it stands.

mod fields;
mod lines;
mod quotation;
mod track;

use std::sync::Arc;

use etalase_model::inquiry::InquiryKind;
use etalase_model::rules::FieldError;
use etalase_model::{check_export, check_purchase};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::ApiError;
use crate::buyer::inquiry_outbox::{use_inquiry_outbox, InquiryDraft, Receipt, Sent};
use crate::catalog_data::{today, CatalogData};
use crate::components::focus_field;
use crate::components::{PageMeta, WithCatalog};
use crate::i18n::{fill, use_i18n, Said};
use crate::intl::format_time;
use crate::routes::{show_url, AppPath, PRODUCT_QUERY};

use fields::{ExportContact, ExportTerms, PurchaseContact, PurchaseTerms};
use lines::BasketLines;
pub use quotation::QuotationPage;
pub use track::TrackPage;

#[component]
pub fn InquiryPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta title=Signal::derive(move || i18n.q().page_title.to_string()) description=Signal::derive(move || i18n.q().page_lead.to_string())/>
        <WithCatalog skeleton_cards=1 render=move |data| view! { <InquiryForm data=data/> }/>
    }
}

/// What the last press of "send" did, shown above the form.
#[derive(Clone, Debug)]
enum Outcome {
    Stored(Receipt),
    Queued,
    Refused(ApiError),
}

#[component]
fn InquiryForm(data: Arc<CatalogData>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let outbox = use_inquiry_outbox();
    let draft = RwSignal::new(InquiryDraft::load());
    // `?produk=ID` (the product page's button) puts that product in the basket once.
    let query = use_query_map();
    if let Some(id) = query.with_untracked(|m| m.get(PRODUCT_QUERY)) {
        if let Some(p) = data.catalog.product(&id) {
            draft.update(|d| d.add(p));
        }
        show_url(AppPath::Inquiry { product: None });
    }
    Effect::new(move |_| draft.with(InquiryDraft::save));
    // A waiting inquiry the server refused later is back in the form: reload it.
    Effect::new(move |_| {
        if outbox.returned.with(Option::is_some) {
            draft.set(InquiryDraft::load());
        }
    });

    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let honeypot = RwSignal::new(String::new());
    let exists = {
        let data = data.clone();
        move |id: &str| data.catalog.product(id).is_some()
    };
    let errors = Memo::new(move |_| {
        let mut all = if attempted.get() {
            draft.with(|d| match d.kind {
                InquiryKind::Purchase => check_purchase(&d.purchase, today(), &exists),
                InquiryKind::Export => check_export(&d.export, today(), &exists),
            })
        } else {
            Vec::new()
        };
        server_errors.with(|s| {
            all.extend(
                s.iter()
                    .filter(|e| !all.contains(e))
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        });
        all
    });
    // Editing clears what the server said; the shared rules keep checking live.
    Effect::new(move |_| {
        draft.track();
        server_errors.set(Vec::new());
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return; // a double tap sends once
        }
        attempted.set(true);
        outcome.set(None);
        if let Some(first) = errors.get_untracked().first() {
            focus_field(&first.field);
            return;
        }
        let mut body = draft.get_untracked().body(i18n.lang_untracked());
        body.website = honeypot.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = outbox.submit(body).await;
            busy.set(false);
            match result {
                Sent::Stored(receipt) => {
                    draft.update(InquiryDraft::clear_sent);
                    attempted.set(false);
                    outcome.set(Some(Outcome::Stored(receipt)));
                }
                Sent::Queued => {
                    draft.update(InquiryDraft::clear_sent);
                    attempted.set(false);
                    outcome.set(Some(Outcome::Queued));
                }
                Sent::Refused(err) => {
                    if let ApiError::Invalid(fields) = &err {
                        server_errors.set(fields.clone());
                        if let Some(first) = fields.first() {
                            focus_field(&first.field);
                        }
                    }
                    outcome.set(Some(Outcome::Refused(err)));
                }
            }
            scroll_to_top();
        });
    };

    let kind = move || draft.with(|d| d.kind);
    let tab = move |k: InquiryKind,
                    label: fn(&'static crate::i18n::InquiryTexts) -> &'static str| {
        view! {
            <button type="button" role="tab" class="tab" id=format!("tab-{}", k.slug())
                aria-selected=move || (kind() == k).to_string()
                on:click=move |_| { draft.update(|d| d.kind = k); server_errors.set(Vec::new()); }>
                {move || label(q())}
            </button>
        }
    };
    let data_lines = data.clone();
    view! {
        <section class="panel inquiry-page">
            <h1>{move || q().page_title}</h1>
            <p class="lead">{move || q().page_lead}</p>
            <OutcomeNotice outcome=outcome/>
            <OutboxStatus/>
            <div class="tabs" role="tablist" aria-label=move || q().kind_label>
                {tab(InquiryKind::Purchase, |t| t.tab_purchase)}
                {tab(InquiryKind::Export, |t| t.tab_export)}
            </div>
            <p class="muted">{move || match kind() { InquiryKind::Purchase => q().purchase_lead, InquiryKind::Export => q().export_lead }}</p>
            <form class="inquiry-form" novalidate on:submit=submit>
                <BasketLines draft=draft errors=errors data=data_lines/>
                {move || match kind() {
                    InquiryKind::Purchase => view! {
                        <PurchaseContact draft=draft errors=errors/>
                        <PurchaseTerms draft=draft errors=errors/>
                    }.into_any(),
                    InquiryKind::Export => view! {
                        <ExportContact draft=draft errors=errors/>
                        <ExportTerms draft=draft errors=errors/>
                    }.into_any(),
                }}
                // People never see this field; form-filling bots fill it.
                <div class="hp" aria-hidden="true">
                    <label for="f-website">"Website"</label>
                    <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"
                        prop:value=move || honeypot.get() on:input=move |ev| honeypot.set(event_target_value(&ev))/>
                </div>
                <p class="notice error" role="alert" hidden=move || !attempted.get() || errors.with(Vec::is_empty)>
                    {move || i18n.s().form_has_errors}
                </p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || if busy.get() { q().sending } else {
                            match kind() { InquiryKind::Purchase => q().send_purchase, InquiryKind::Export => q().send_export }
                        }}
                    </button>
                    <p class="muted small">{move || q().privacy_note}</p>
                </div>
            </form>
            <Receipts/>
        </section>
    }
}

#[component]
fn OutcomeNotice(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    move || {
        outcome.get().map(|o| match o {
            Outcome::Stored(r) => {
                let url = r.created.tracking_url.clone();
                view! {
                    <div class="notice success sent" role="status">
                        <p><strong>{move || fill(q().sent_ok, &[&r.created.reference])}</strong></p>
                        <p>{move || q().sent_next}</p>
                        <A href=url attr:class="button primary">{move || q().open_tracking}</A>
                    </div>
                }
                .into_any()
            }
            Outcome::Queued => view! {
                <p class="notice outbox" role="status">{move || q().queued}</p>
            }
            .into_any(),
            Outcome::Refused(err) => {
                let said = Said::Refusal(err.clone());
                view! { <p class="notice error" role="alert">{move || match &err {
                    ApiError::RateLimited(secs) => fill(q().rate_limited, &[&secs.div_ceil(60).max(1)]),
                    _ => said.render(i18n.s()),
                }}</p> }
                .into_any()
            }
        })
    }
}

/// Inquiries waiting for a connection, and one the server refused later.
#[component]
fn OutboxStatus() -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let outbox = use_inquiry_outbox();
    view! {
        <p class="notice outbox" role="status" hidden=move || outbox.waiting.with(Vec::is_empty)>
            {move || fill(q().outbox_waiting, &[&outbox.waiting.with(Vec::len)])}
        </p>
        <p class="notice error" role="alert" hidden=move || outbox.returned.with(Option::is_none)>
            {move || q().returned}
        </p>
    }
}

/// The buyer's sent inquiries on this device, with their tracking links.
#[component]
fn Receipts() -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let outbox = use_inquiry_outbox();
    view! {
        <section class="receipts" hidden=move || outbox.receipts.with(Vec::is_empty) aria-labelledby="receipts-title">
            <h2 id="receipts-title">{move || q().my_inquiries}</h2>
            <ul>
                <For each=move || outbox.receipts.get() key=|r| r.created.reference.clone() let:r>
                    {
                        let sent = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(r.sent_at)).to_iso_string().as_string().unwrap_or_default();
                        view! {
                            <li>
                                <A href=r.created.tracking_url.clone()>{r.created.reference.clone()}</A>
                                <span class="muted small">{move || format!(" · {} · {}", r.kind.label(i18n.lang()), format_time(&sent, i18n.lang()))}</span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
