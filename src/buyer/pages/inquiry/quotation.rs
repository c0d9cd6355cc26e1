//! `/permintaan/lacak/:token/penawaran/:seller`: one seller's latest quotation for a tracked
//! inquiry, laid out as a document a purchasing desk can approve: it prints on A4 (the print
//! stylesheet drops the site's header, footer and buttons), and a browser saves it as PDF.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::inquiry::{self, InquiryForm, Lines, Tracked};
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::CatalogData;
use crate::components::{LoadError, NotFoundPanel, PageMeta, QuoteTerms, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::intl::{country_name, format_time};
use crate::routes::AppPath;

#[component]
pub fn QuotationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let seller = Memo::new(move |_| params.with(|p| p.get("seller").unwrap_or_default()));
    let tracked = LocalResource::new(move || {
        let token = token.get();
        async move { inquiry::track(&token).await }
    });
    view! {
        <PageMeta title=Signal::derive(move || i18n.q().quotation_title.to_string()) description=Signal::derive(move || i18n.q().track_lead.to_string())/>
        <WithCatalog skeleton_cards=1 render={move |data: Arc<CatalogData>| view! {
            <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
                {move || {
                    let data = data.clone();
                    Suspend::new(async move {
                        match tracked.await {
                            Ok(t) => view! { <Document tracked=t token=token.get_untracked() seller=seller.get_untracked() data=data/> }.into_any(),
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
fn Document(
    tracked: Tracked,
    token: String,
    seller: String,
    data: Arc<CatalogData>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let back = AppPath::Track { token: &token }.href();
    let Some(part) = tracked.parts.into_iter().find(|p| p.seller_id == seller) else {
        return view! { <p class="panel">{move || q().quotation_not_found}</p> }.into_any();
    };
    let Some(latest) = part.quotes.last().cloned() else {
        return view! { <p class="panel">{move || q().quotation_not_found}</p> }.into_any();
    };
    let reference = tracked.reference.clone();
    let revision = latest.revision;
    let sent = latest.sent_at.clone();
    let contact = part.seller.clone();
    let seller_name = contact
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| part.seller_id.clone());
    let village = contact
        .as_ref()
        .map(|s| s.village_name.clone())
        .unwrap_or_default();
    let phone = contact
        .as_ref()
        .map(|s| s.whatsapp.clone())
        .unwrap_or_default();
    let cooperative = data
        .catalog
        .seller(&part.seller_id)
        .and_then(|s| s.cooperative.clone());
    let (org, person, email, buyer_phone) = {
        let (a, b, c, d) = tracked.form.contact();
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    let place = match &tracked.form {
        InquiryForm::Purchase(f) => f.city.clone(),
        InquiryForm::Export(f) => f.country.clone(),
    };
    let export = matches!(tracked.form, InquiryForm::Export(_));
    let name = {
        let data = data.clone();
        move |id: &str| {
            data.catalog
                .product(id)
                .map_or_else(|| id.to_string(), |p| p.name(i18n.lang()).to_string())
        }
    };
    let requested: Vec<(String, String)> = match &part.lines {
        Lines::Purchase(items) => items
            .iter()
            .map(|i| {
                (
                    i.product_id.clone(),
                    format!("{} {}", i.quantity, i.unit.label(i18n.lang_untracked())),
                )
            })
            .collect(),
        Lines::Export(items) => items
            .iter()
            .map(|i| {
                let spec = if i.specification.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", i.specification)
                };
                (
                    i.product_id.clone(),
                    format!(
                        "{} {}{spec}",
                        i.quantity,
                        i.unit.label(i18n.lang_untracked())
                    ),
                )
            })
            .collect(),
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <article class="quotation-doc">
            <header class="quotation-head">
                <p class="quotation-brand">"Etalase Desa"</p>
                <h1>{move || q().quotation_title}</h1>
                <dl class="quotation-meta">
                    <dt>{move || q().quotation_reference}</dt><dd>{reference.clone()}</dd>
                    <dt>{move || q().quote_sent_at}</dt>
                    <dd>{move || fill(q().quote_revision, &[&revision])}" · "{let sent = sent.clone(); move || format_time(&sent, i18n.lang())}</dd>
                </dl>
            </header>
            <section class="quotation-parties">
                <div>
                    <h2>{move || q().quotation_from}</h2>
                    <p><strong>{seller_name}</strong></p>
                    <p>{village}</p>
                    {cooperative.map(|c| view! { <p>{c}</p> })}
                    <p>{phone}</p>
                </div>
                <div>
                    <h2>{move || q().quotation_to}</h2>
                    <p><strong>{org}</strong></p>
                    <p>{person}</p>
                    <p>{email}</p>
                    <p>{buyer_phone}</p>
                    <p>{move || if export { country_name(&place, i18n.lang()) } else { place.clone() }}</p>
                </div>
            </section>
            <table class="quotation-lines">
                <caption class="visually-hidden">{move || q().quotation_product}</caption>
                <thead><tr><th scope="col">{move || q().quotation_product}</th><th scope="col">{move || q().quote_quantity}</th></tr></thead>
                <tbody>
                    {requested.into_iter().map(|(id, qty)| {
                        let name = name.clone();
                        view! { <tr><td>{move || name(&id)}</td><td>{qty}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <section class="quotation-terms">
                <h2>{move || q().quotation_terms}</h2>
                <QuoteTerms revision=latest/>
            </section>
            <p class="quotation-footer muted small">{move || q().quotation_footer}</p>
            <div class="quotation-actions no-print">
                <button type="button" class="button primary" on:click=print>{move || q().quote_print}</button>
                <A href=back>{move || q().quotation_back}</A>
            </div>
        </article>
    }
    .into_any()
}
