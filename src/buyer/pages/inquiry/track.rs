//! `/permintaan/lacak/:token`: the buyer's private page for one inquiry. Each seller's part
//! with its status and replies, and a WhatsApp message to that seller already written.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::inquiry::{self, Tracked, TrackedPart};
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::CatalogData;
use crate::components::{
    EventList, LineList, LoadError, NotFoundPanel, PageMeta, StatusChip, WithCatalog,
};
use crate::i18n::{fill, use_i18n};
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
                            Ok(t) => view! { <TrackedView tracked=t data=data on_refresh=move || tracked.refetch()/> }.into_any(),
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
    data: Arc<CatalogData>,
    on_refresh: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let created = tracked.created_at.clone();
    let kind = tracked.form.kind();
    let reference = tracked.reference.clone();
    let parts = tracked
        .parts
        .into_iter()
        .map(|part| view! { <PartView part=part reference=reference.clone() data=data.clone()/> })
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
fn PartView(part: TrackedPart, reference: String, data: Arc<CatalogData>) -> impl IntoView {
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
            <h3 class="small-heading">{move || q().replies_heading}</h3>
            <EventList events=part.events.clone()/>
            <a class="button whatsapp" href=whatsapp target="_blank" rel="noopener">{move || fill(q().whatsapp_button, &[&name])}</a>
        </article>
    }
}
