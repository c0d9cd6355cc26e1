use std::sync::Arc;

use etalase_model::inquiry::reply_time::reply_time_text;
use etalase_model::moderation::{check_report, Report, ReportReason, Verification};
use etalase_model::{format_rupiah, Product};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::product_details;
use crate::api::report::report_listing;
use crate::api::{ApiError, ErrorCode};
use crate::buyer::components::BackedMark;
use crate::catalog_data::{today, CatalogData};
use crate::components::{LoadError, NotFoundPanel, PageMeta, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::routes::AppPath;

/// `/produk/:id`: one product with everything a purchaser judges it on.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    view! {
        <WithCatalog skeleton_cards=1 render=move |data| view! { <ProductDetail data=data id=id/> }/>
    }
}

#[component]
fn ProductDetail(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// The product id from the URL.
    id: Memo<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The catalog holds each listing's card; the page needs the whole listing, fetched
    // once per version (the browser keeps it: the address names the version).
    let version = data.catalog.version.clone();
    let details = LocalResource::new(move || {
        let (id, version) = (id.get(), version.clone());
        async move { product_details(&id, &version).await }
    });
    move || {
        if data.catalog.product(&id.get()).is_none() {
            return view! { <NotFoundPanel message=|t| t.product_not_found/> }.into_any();
        }
        let data = Arc::clone(&data);
        view! {
            <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
                {move || {
                    let data = Arc::clone(&data);
                    Suspend::new(async move {
                        match details.await {
                            Ok(product) => product_view(data, product),
                            Err(ApiError::Status(404)) => {
                                view! { <NotFoundPanel message=|t| t.product_not_found/> }.into_any()
                            }
                            Err(err) => view! {
                                <LoadError err=err on_retry=move || details.refetch()/>
                            }
                            .into_any(),
                        }
                    })
                }}
            </Suspense>
        }
        .into_any()
    }
}

/// The page of one listing, in full.
fn product_view(data: Arc<CatalogData>, product: Product) -> AnyView {
    let i18n = use_i18n();
    {
        let seller = data.catalog.seller_of(&product).cloned();
        let reply_minutes = data.catalog.reply_minutes.get(&product.seller_id).copied();
        let village = data.catalog.village_of(&product).cloned();
        let fx = data.catalog.fx;
        let p = product.clone();
        let title = Signal::derive(move || p.name(i18n.lang()).to_string());
        let p = product.clone();
        let description = Signal::derive(move || {
            let d = p.description(i18n.lang());
            d.chars().take(155).collect::<String>()
        });
        let p = product.clone();
        let p2 = product.clone();
        view! {
            <PageMeta title=title description=description/>
            <nav class="crumbs"><A href=AppPath::HOME.href()>{move || i18n.t().back_to_catalog}</A></nav>
            <article class="product">
                <Gallery product=product.clone()/>
                <div class="product-main">
                    <p class="card-category">{move || p.category.label(i18n.lang())}</p>
                    <h1>{title}</h1>
                    {village.clone().map(|v| view! {
                        <p class="card-origin">
                            <A href=AppPath::Village { slug: &v.slug }.href()>{move || fill(i18n.t().from_village, &[&v.name])}</A>
                            {format!(" · {}", v.kecamatan)}
                        </p>
                    })}
                    <p class="price-big">
                        {p2.base_price().map(|r| format_rupiah(r.0))}
                        <span class="per">{move || format!(" / {}", p2.unit.label(i18n.lang()))}</span>
                    </p>
                    {product.export_ready.then(|| view! { <span class="badge export inline">{move || i18n.t().export_badge}</span> })}
                    {seller.as_ref().filter(|s| s.verified.is_some()).map(|_| view! {
                        <span class="badge verified inline">{move || i18n.t().verified_badge}</span>
                    })}
                    <BackedMark data=data.clone() village=product.village_slug.clone()/>
                    <p class="description">{let p = product.clone(); move || p.description(i18n.lang()).to_string()}</p>
                    <Actions product=product.clone() seller_phone=seller.as_ref().map(|s| s.whatsapp.clone())/>
                </div>
            </article>
            <div class="product-details">
                <Terms product=product.clone() fx=fx/>
                <div class="product-side">
                <Certificates product=product.clone()/>
                {seller.map(|s| {
                    let village = village.clone();
                    view! {
                        <section class="panel seller-card">
                            <h2>{move || i18n.t().seller_heading}</h2>
                            <p class="seller-name">{s.name.clone()}</p>
                            {reply_minutes.map(|m| view! {
                                <p class="reply-time">{move || reply_time_text(m, i18n.lang())}</p>
                            })}
                            {s.verified.clone().map(|v| view! { <VerifiedNote verification=v/> })}
                            {s.cooperative.clone().map(|c| view! {
                                <p><A href=AppPath::Cooperative { slug: &s.village_slug }.href() attr:class="sold-through">
                                    {move || fill(i18n.t().sold_through, &[&c])}
                                </A></p>
                            })}
                            {village.map(|v| view! {
                                <p class="muted">{format!("{}, {}, {}", v.name, v.kecamatan, v.kabupaten)}</p>
                                <A href=AppPath::Village { slug: &v.slug }.href() attr:class="button secondary">{move || i18n.t().view_village}</A>
                            })}
                        </section>
                    }
                })}
                <ReportListing product_id=product.id.clone()/>
                </div>
            </div>
        }
        .into_any()
    }
}

/// Who vouched for the seller, and when: what exporters ask before a first order.
#[component]
fn VerifiedNote(verification: Verification) -> impl IntoView {
    let i18n = use_i18n();
    let Verification { by, on, nib } = verification;
    view! {
        <p class="verified-note">
            <span class="badge verified inline">{move || i18n.t().verified_badge}</span>
            " "
            {move || fill(i18n.t().verified_by, &[&by, &on.format_long(i18n.lang())])}
        </p>
        {nib.map(|n| view! { <p class="muted">{move || fill(i18n.t().verified_nib, &[&n])}</p> })}
    }
}

/// "Report this listing": a disclosure at the foot of the page, so it is there for whoever
/// needs it without inviting everyone.
#[component]
fn ReportListing(product_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(ReportReason::Prohibited);
    let text = RwSignal::new(String::new());
    let state = RwSignal::new(ReportState::Editing);
    let text_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.get_untracked() == ReportState::Sending {
            return;
        }
        let report = Report {
            reason: reason.get_untracked(),
            text: text.get_untracked(),
        };
        let errors = check_report(&report);
        text_error.set(errors.first().map(|e| e.rule.message(i18n.lang())));
        if !errors.is_empty() {
            return;
        }
        state.set(ReportState::Sending);
        let id = product_id.clone();
        leptos::task::spawn_local(async move {
            let outcome = match report_listing(&id, &report).await {
                Ok(()) => ReportState::Sent,
                Err(ApiError::RateLimited(_)) => ReportState::TooMany,
                Err(ApiError::Refused(ErrorCode::NotFound)) => ReportState::Gone,
                Err(_) => ReportState::Failed,
            };
            state.set(outcome);
        });
    };
    let status = move || match state.get() {
        ReportState::Sent => Some(i18n.t().report_sent),
        ReportState::Failed => Some(i18n.t().report_failed),
        ReportState::TooMany => Some(i18n.t().report_too_many),
        ReportState::Gone => Some(i18n.t().report_gone),
        ReportState::Editing | ReportState::Sending => None,
    };
    view! {
        <details class="panel report-listing">
            <summary>{move || i18n.t().report_open}</summary>
            <h2 class="visually-hidden">{move || i18n.t().report_title}</h2>
            <p class="muted">{move || i18n.t().report_lead}</p>
            <Show when=move || state.get() != ReportState::Sent>
                <form class="form" on:submit=submit.clone() novalidate>
                    <div class="field">
                        <label for="report-reason">{move || i18n.t().report_reason}</label>
                        <select id="report-reason" name="reason"
                            on:change=move |ev| {
                                if let Ok(r) = event_target_value(&ev).parse() { reason.set(r) }
                            }>
                            {ReportReason::ALL.into_iter().map(|r| view! {
                                <option value=r.slug() selected=move || reason.get() == r>{move || r.label(i18n.lang())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field" class:has-error=move || text_error.get().is_some()>
                        <label for="report-text">{move || i18n.t().report_text}</label>
                        <textarea id="report-text" name="text" rows="3" maxlength="1000"
                            aria-invalid=move || text_error.get().map(|_| "true")
                            aria-describedby="report-text-error"
                            on:input=move |ev| { text.set(event_target_value(&ev)); text_error.set(None); }
                            prop:value=move || text.get()></textarea>
                        <p class="field-error" id="report-text-error" role="alert" hidden=move || text_error.get().is_none()>
                            {move || text_error.get()}
                        </p>
                    </div>
                    <button type="submit" class="button secondary" disabled=move || state.get() == ReportState::Sending>
                        {move || if state.get() == ReportState::Sending { i18n.t().report_sending } else { i18n.t().report_send }}
                    </button>
                </form>
            </Show>
            <p class="notice" role="status" hidden=move || status().is_none()>{status}</p>
        </details>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportState {
    Editing,
    Sending,
    Sent,
    Failed,
    TooMany,
    Gone,
}

/// The listing's photos: 400 px in the page, the 1600 px file one tap away.
#[component]
fn Gallery(
    /// Whose photos.
    product: Product,
) -> impl IntoView {
    let i18n = use_i18n();
    let photos = product.photos.clone();
    let Some(cover) = photos.first().cloned() else {
        return view! { <div class="gallery empty"></div> }.into_any();
    };
    let cover_alt = cover.clone();
    view! {
        <div class="gallery">
            <a href=cover.large.clone() class="gallery-main" target="_blank" rel="noopener"
                aria-label=move || i18n.t().photo_open>
                <img
                    src=cover.thumb.clone()
                    srcset=cover.srcset()
                    sizes="(min-width: 64rem) 34rem, 100vw"
                    alt=move || cover_alt.alt(i18n.lang()).to_string()
                    width=cover.width height=cover.height
                    decoding="async"
                />
            </a>
            {(photos.len() > 1).then(|| view! {
                <ul class="thumbs">
                    {photos.iter().skip(1).map(|ph| {
                        let ph2 = ph.clone();
                        view! {
                            <li><a href=ph.large.clone() target="_blank" rel="noopener">
                                <img src=ph.thumb.clone() alt=move || ph2.alt(i18n.lang()).to_string() loading="lazy" width="120" height="90"/>
                            </a></li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
    .into_any()
}

/// WhatsApp share and contact, and the way into the quote request.
#[component]
fn Actions(
    /// The product the links are about.
    product: Product,
    /// The seller's WhatsApp number (E.164), if known.
    seller_phone: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pid = product.id.clone();
    let page_url = move || {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{}", AppPath::Product { id: &pid }.href())
    };
    let name = product.name_id.clone();
    let name_en = product.name_en.clone();
    let message = move || {
        let n = if i18n.lang() == etalase_model::Lang::Id {
            &name
        } else {
            &name_en
        };
        fill(i18n.t().whatsapp_hello, &[n, &page_url()])
    };
    let share = {
        let message = message.clone();
        move || format!("https://wa.me/?text={}", encode(&message()))
    };
    let contact = seller_phone.map(|phone| {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        move || format!("https://wa.me/{digits}?text={}", encode(&message()))
    });
    let quote = AppPath::Inquiry {
        product: Some(&product.id),
    }
    .href();
    view! {
        <div class="actions">
            <A href=quote attr:class="button primary">{move || i18n.t().request_quote}</A>
            {contact.map(|href| view! {
                <a class="button whatsapp" href=href target="_blank" rel="noopener">
                    {move || i18n.t().contact_whatsapp}
                </a>
            })}
            <a class="button secondary" href=share target="_blank" rel="noopener">{move || i18n.t().share_whatsapp}</a>
        </div>
    }
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

/// The purchasing terms as a table: rupiah tiers with indicative USD, MOQ, capacity…
#[component]
fn Terms(
    /// Whose terms.
    product: Product,
    /// Exchange rate for indicative USD, if configured.
    fx: Option<etalase_model::FxRate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = product;
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        let unit = p.unit.label(lang);
        let tiers = p
            .tiers
            .iter()
            .map(|tier| {
                let usd = fx.map(|fx| format!(" ≈ {}", fx.format_usd(tier.price)));
                view! {
                    <li>
                        <strong>{format_rupiah(tier.price.0)}</strong>
                        {format!(" / {unit} ")}
                        <span class="muted">{fill(t.term_tier_from, &[&tier.min_qty, &unit])}{usd}</span>
                    </li>
                }
            })
            .collect_view();
        let row = |label: &'static str, value: String| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> };
        view! {
            <section class="panel terms">
                <h2>{t.terms_heading}</h2>
                <table>
                    <tbody>
                        {row(t.term_unit, unit.to_string())}
                        {row(t.term_moq, format!("{} {unit}", p.moq))}
                        <tr><th scope="row">{t.term_prices}</th><td><ul class="tiers">{tiers}</ul></td></tr>
                        {p.case_size.clone().map(|c| row(t.term_case, c))}
                        {row(t.term_lead, fill(t.days_unit, &[&p.lead_time_days]))}
                        {row(t.term_capacity, format!("{} {unit}", p.monthly_capacity))}
                        {p.shelf_life_days.map(|d| row(t.term_shelf, fill(t.days_unit, &[&d])))}
                        {row(t.term_packaging, p.packaging(lang).to_string())}
                        {row(t.term_storage, p.storage(lang).to_string())}
                        {p.hs_code.clone().map(|h| row(t.term_hs, h))}
                    </tbody>
                </table>
                {fx.map(|fx| view! {
                    <p class="muted small">{fill(t.term_usd_note, &[&format_rupiah(u64::from(fx.idr_per_usd)).trim_start_matches("Rp "), &fx.as_of.format_long(lang)])}</p>
                })}
            </section>
        }
    }
}

/// Certificates with number, issuer and expiry; expired ones say so.
#[component]
fn Certificates(
    /// Whose certificates.
    product: Product,
) -> impl IntoView {
    let i18n = use_i18n();
    let day = today();
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        let items = product
            .certificates
            .iter()
            .map(|c| {
                let valid = c.is_valid_on(day);
                let expiry = match c.expires {
                    Some(d) if valid => fill(t.cert_valid_until, &[&d.format_long(lang)]),
                    Some(d) => fill(t.cert_expired, &[&d.format_long(lang)]),
                    None => t.cert_no_expiry.to_string(),
                };
                view! {
                    <li class="cert" class:expired=!valid>
                        <span class=format!("badge cert cert-{}", c.kind.slug())>{c.kind.label(lang)}</span>
                        <span class="cert-number">{c.number.clone()}</span>
                        <span class="muted">{format!("{}: {}", t.cert_issuer, c.issuer)}</span>
                        <span class="cert-expiry">{expiry}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel certs">
                <h2>{t.certs_heading}</h2>
                {if product.certificates.is_empty() {
                    view! { <p class="muted">{t.cert_none}</p> }.into_any()
                } else {
                    view! { <ul class="cert-list">{items}</ul> }.into_any()
                }}
            </section>
        }
    }
}
