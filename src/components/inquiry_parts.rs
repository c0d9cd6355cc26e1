//! Pieces of an inquiry shown both to the buyer (tracking page) and to the seller (inbox):
//! its status, its lines and the history of what the seller did.

use std::sync::Arc;

use etalase_model::inquiry::InquiryStatus;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::inquiry::{Event, Lines};
use crate::catalog_data::CatalogData;
use crate::i18n::use_i18n;
use crate::intl::format_time;
use crate::routes::AppPath;

/// A status as a coloured chip with its label.
#[component]
pub fn StatusChip(status: InquiryStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("chip inquiry-status status-{}", status.slug())>
            {move || status.label(i18n.lang())}
        </span>
    }
}

/// The lines of one part: product (linked, if still in the catalog), quantity and unit,
/// and for an RFQ the specification and target price.
#[component]
pub fn LineList(lines: Lines, data: Arc<CatalogData>) -> impl IntoView {
    let i18n = use_i18n();
    let name = move |id: &str| {
        data.catalog
            .product(id)
            .map(|p| (p.id.clone(), p.name(i18n.lang()).to_string()))
    };
    let product = move |id: String| match name(&id) {
        Some((id, name)) => {
            view! { <A href=AppPath::Product { id: &id }.href()>{name}</A> }.into_any()
        }
        None => view! { <span>{id}</span> }.into_any(),
    };
    let rows = match lines {
        Lines::Purchase(items) => items
            .into_iter()
            .map(|item| {
                let unit = item.unit;
                view! {
                    <li>
                        <span class="line-product">{product(item.product_id.clone())}</span>
                        <span class="line-qty">{move || format!("{} {}", item.quantity, unit.label(i18n.lang()))}</span>
                    </li>
                }
                .into_any()
            })
            .collect_view(),
        Lines::Export(items) => items
            .into_iter()
            .map(|item| {
                let unit = item.unit;
                let spec = item.specification.clone();
                let target = item.target_price;
                view! {
                    <li>
                        <span class="line-product">{product(item.product_id.clone())}</span>
                        <span class="line-qty">{move || format!("{} {}", item.quantity, unit.label(i18n.lang()))}</span>
                        {(!spec.is_empty()).then(|| view! { <span class="line-spec">{spec.clone()}</span> })}
                        {target.map(|t| view! {
                            <span class="line-target">{move || format!("{} {} / {}", i18n.q().target_price_short, t.format(i18n.lang()), unit.label(i18n.lang()))}</span>
                        })}
                    </li>
                }
                .into_any()
            })
            .collect_view(),
    };
    view! { <ul class="inquiry-lines">{rows}</ul> }
}

/// What the seller did, oldest first: status moves with who and when, and replies.
#[component]
pub fn EventList(events: Vec<Event>) -> impl IntoView {
    let i18n = use_i18n();
    if events.is_empty() {
        return view! { <p class="muted">{move || i18n.q().no_events}</p> }.into_any();
    }
    view! {
        <ol class="events">
            {events.into_iter().map(|e| {
                let at = e.at.clone();
                view! {
                    <li>
                        <p class="event-head">
                            <strong>{e.by.clone()}</strong>
                            " · "
                            <time datetime=e.at.clone()>{move || format_time(&at, i18n.lang())}</time>
                        </p>
                        {e.to.map(|to| view! {
                            <p class="event-move">{move || i18n.q().moved_to}" "<StatusChip status=to/></p>
                        })}
                        {e.reply.clone().map(|r| view! { <blockquote class="event-reply">{r}</blockquote> })}
                        {(e.reason.as_deref() == Some("expired")).then(|| view! {
                            <p class="event-reason muted small">{move || i18n.q().expired_reason}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
