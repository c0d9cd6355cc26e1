//! `/permintaan/lacak/:token`: the buyer's private page for one inquiry. Each seller's part
//! with its status and replies, and a WhatsApp message to that seller already written.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use etalase_model::inquiry::{InquiryStatus, QuoteDecision};
use leptos::task::spawn_local;

use crate::api::inquiry::{self, DecisionBody, Tracked, TrackedPart};
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::today_in_kalimantan;
use crate::catalog_data::CatalogData;
use crate::components::{
    EventList, LineList, LoadError, NotFoundPanel, PageMeta, QuoteTerms, StatusChip, WithCatalog,
};
use crate::i18n::{fill, use_i18n, Said};
use crate::intl::format_time;
use crate::routes::AppPath;

#[component]
pub fn TrackPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let tracked = LocalResource::new(move || {
        let token = token.get();
        async move { inquiry::track(&token).await }
    });
    view! {
        <PageMeta title=Signal::derive(move || i18n.q().track_title.to_string()) description=Signal::derive(move || i18n.q().track_lead.to_string())/>
        <WithCatalog skeleton_cards=1 render={move |data: Arc<CatalogData>| view! {
            <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
                {move || {
                    let data = data.clone();
                    Suspend::new(async move {
                        match tracked.await {
                            Ok(t) => view! { <TrackedView tracked=t token=token.get_untracked() data=data on_refresh=move || tracked.refetch()/> }.into_any(),
                            Err(ApiError::Refused(ErrorCode::NotFound)) => {
                                view! { <NotFoundPanel message=|t| t.inquiry_not_found/> }.into_any()
                            }
                            Err(err) => view! { <LoadError err=err on_retry=move || tracked.refetch()/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }}/>
    }
}

#[component]
fn TrackedView(
    tracked: Tracked,
    token: String,
    data: Arc<CatalogData>,
    on_refresh: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let created = tracked.created_at.clone();
    let kind = tracked.form.kind();
    let reference = tracked.reference.clone();
    let parts = tracked
        .parts
        .into_iter()
        .map(|part| {
            let on_decided = on_refresh.clone();
            view! {
                <PartView part=part reference=reference.clone() token=token.clone() data=data.clone()
                    on_decided=move || on_decided()/>
            }
        })
        .collect_view();
    view! {
        <section class="panel tracking">
            <nav class="crumbs"><A href=AppPath::Inquiry { product: None }.href()>{move || q().back_to_form}</A></nav>
            <h1>{move || fill(q().track_heading, &[&tracked.reference])}</h1>
            <p class="muted">
                {move || kind.label(i18n.lang())}
                {move || (!created.is_empty()).then(|| format!(" · {}", format_time(&created, i18n.lang())))}
            </p>
            <p class="notice info">{move || q().track_private}</p>
            <button type="button" class="button secondary" on:click=move |_| on_refresh()>{move || q().refresh}</button>
            <div class="parts">{parts}</div>
        </section>
    }
}

/// One seller's part: who, status, lines, what the seller did, and the WhatsApp button.
#[component]
fn PartView(
    part: TrackedPart,
    reference: String,
    token: String,
    data: Arc<CatalogData>,
    on_decided: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let seller = part.seller.clone();
    let name = seller
        .as_ref()
        .map(|s| s.name.clone())
        .or_else(|| data.catalog.seller(&part.seller_id).map(|s| s.name.clone()))
        .unwrap_or_else(|| part.seller_id.clone());
    let village = seller
        .as_ref()
        .and_then(|s| data.catalog.village(&s.village).map(|v| v.name.clone()))
        .unwrap_or_default();
    let phone = seller
        .as_ref()
        .map(|s| s.whatsapp.clone())
        .or_else(|| {
            data.catalog
                .seller(&part.seller_id)
                .map(|s| s.whatsapp.clone())
        })
        .unwrap_or_default();
    let whatsapp = {
        let name = name.clone();
        move || {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            let link = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let text = fill(q().whatsapp_seller, &[&name, &reference, &link]);
            format!(
                "https://wa.me/{digits}?text={}",
                String::from(js_sys::encode_uri_component(&text))
            )
        }
    };
    let quote_part = part.clone();
    view! {
        <article class="part">
            <header class="part-head">
                <div>
                    <h2>{name.clone()}</h2>
                    <p class="muted small">{village}</p>
                </div>
                <StatusChip status=part.status/>
            </header>
            <LineList lines=part.lines data=data/>
            <PartQuote part=quote_part token=token on_decided=on_decided/>
            <h3 class="small-heading">{move || q().replies_heading}</h3>
            <EventList events=part.events.clone()/>
            <a class="button whatsapp" href=whatsapp target="_blank" rel="noopener">{move || fill(q().whatsapp_button, &[&name])}</a>
        </article>
    }
}

/// The seller's latest quote, with the buyer's answer: accept, or decline with a reason
/// (while it waits for one and is still valid), and the printable quotation.
#[component]
fn PartQuote(
    part: TrackedPart,
    token: String,
    on_decided: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let mut quotes = part.quotes.clone();
    let Some(latest) = quotes.pop() else {
        return ().into_any();
    };
    let revision = latest.revision;
    let lapsed = latest.quote.has_lapsed(today_in_kalimantan());
    let open = part.status == InquiryStatus::Quoted && !lapsed;
    let status = part.status;
    let print = AppPath::Quotation {
        token: &token,
        seller: &part.seller_id,
    }
    .href();
    let earlier = quotes.len();
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let on_decided = std::sync::Arc::new(on_decided);
    let decide = {
        let (token, seller) = (token.clone(), part.seller_id.clone());
        move |decision: QuoteDecision| {
            let (token, seller, on_decided) = (token.clone(), seller.clone(), on_decided.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let body = DecisionBody { revision, decision };
                let result = inquiry::decide(&token, &seller, &body).await;
                busy.set(false);
                match result {
                    Ok(_) => on_decided(),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let accept = {
        let decide = decide.clone();
        move |_| decide(QuoteDecision::Accept)
    };
    let send_decline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        decide(QuoteDecision::Decline {
            reason: reason.get_untracked().trim().to_string(),
        });
    };
    let reason_id = format!("decline-{}", part.seller_id);
    view! {
        <section class="quote" aria-label=move || q().quote_heading>
            <h3 class="small-heading">{move || q().quote_heading}</h3>
            <QuoteTerms revision=latest/>
            {(earlier > 0).then(|| view! {
                <details class="quote-earlier">
                    <summary>{move || fill(q().quote_earlier, &[&earlier])}</summary>
                    {quotes.into_iter().rev().map(|r| view! { <QuoteTerms revision=r/> }).collect_view()}
                </details>
            })}
            {(status == InquiryStatus::Quoted && lapsed).then(|| view! { <p class="notice warning">{move || q().quote_lapsed}</p> })}
            {(status == InquiryStatus::Won).then(|| view! { <p class="notice success">{move || q().quote_accepted}</p> })}
            {(status == InquiryStatus::Lost).then(|| view! { <p class="notice info">{move || q().quote_declined}</p> })}
            <p class="notice error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().map(|e| match e {
                    ApiError::Invalid(fields) => fields.first().map(|f| f.rule.message(i18n.lang())).unwrap_or_default(),
                    other => Said::Refusal(other).render(i18n.s()),
                })}
            </p>
            {open.then(|| view! {
                <div class="quote-actions" hidden=move || declining.get()>
                    <button type="button" class="button primary" disabled=move || busy.get() on:click=accept>
                        {move || q().quote_accept}
                    </button>
                    <button type="button" class="button secondary" disabled=move || busy.get()
                        on:click=move |_| declining.set(true)>{move || q().quote_decline}</button>
                </div>
                <form class="decline-form" hidden=move || !declining.get() on:submit=send_decline>
                    <label for=reason_id.clone()>{move || q().quote_decline_reason}</label>
                    <textarea id=reason_id.clone() rows="3" aria-describedby=format!("{reason_id}-hint")
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <p class="hint" id=format!("{reason_id}-hint")>{move || q().quote_decline_hint}</p>
                    <div class="quote-actions">
                        <button type="submit" class="button primary"
                            disabled=move || busy.get() || reason.with(|r| r.trim().is_empty())>
                            {move || q().quote_decline_send}
                        </button>
                        <button type="button" class="button secondary" on:click=move |_| declining.set(false)>
                            {move || q().quote_cancel}
                        </button>
                    </div>
                </form>
            })}
            <a class="button secondary quote-print" href=print>{move || q().quote_print}</a>
        </section>
    }
    .into_any()
}
