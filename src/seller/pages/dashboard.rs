//! `/penjual`: the seller's own listings, and the pieces the other seller pages share (a
//! listing's row and status, the "sign in first" panel).

use etalase_model::{format_rupiah, ListingStatus, Product};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::seller::{logout, own_listings};
use crate::i18n::{fill, use_i18n, SellerTexts};
use crate::routes::AppPath;
use crate::seller::drafts::{self, use_outbox};
use crate::session::use_session;

/// The label of a listing's status.
pub(super) fn status_label(s: &'static SellerTexts, status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Draft => s.status_draft,
        ListingStatus::Published => s.status_published,
        ListingStatus::Unpublished => s.status_unpublished,
    }
}

/// Shown instead of a seller page when nobody is signed in.
#[component]
pub(super) fn SignInFirst() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel">
            <h1>{move || i18n.s().dashboard_title}</h1>
            <p class="lead">{move || i18n.s().must_sign_in}</p>
            <A href=AppPath::SignIn { staff: false }.href() attr:class="button primary">{move || i18n.t().nav_sign_in}</A>
        </section>
    }
}

#[component]
pub fn SellerPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.checked() || session.me().is_some()
            fallback=move || view! { <p class="panel muted" role="status">{move || use_i18n().t().loading}</p> }>
            <Show when=move || session.me().is_some() fallback=SignInFirst>
                <Dashboard/>
            </Show>
        </Show>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let outbox = use_outbox();
    let listings = LocalResource::new(move || {
        // Refetch after the outbox sent something.
        outbox.last_sent.track();
        own_listings()
    });
    let seller_id = move || session.me().map(|m| m.seller.id).unwrap_or_default();
    let local = move || {
        outbox.waiting.track();
        drafts::all(&seller_id())
    };
    let sign_out = move |_| {
        let csrf = session.csrf().unwrap_or_default();
        spawn_local(async move {
            let _ = logout(&csrf).await;
            session.signed_out();
        });
    };
    let name = move || session.me().map(|m| m.seller.name).unwrap_or_default();

    view! {
        <section class="panel seller-dashboard">
            <div class="dashboard-head">
                <div>
                    <crate::components::PageTitle title=Signal::derive(move || i18n.s().dashboard_title.to_string())/>
                    <h1>{move || i18n.s().dashboard_title}</h1>
                    <p class="muted">{move || fill(i18n.s().signed_in_as, &[&name()])}</p>
                </div>
                <div class="dashboard-actions">
                    <A href=AppPath::SellerEditor { id: None }.href() attr:class="button primary">{move || i18n.s().new_listing}</A>
                    <A href=AppPath::SellerInbox.href() attr:class="button secondary">{move || i18n.q().inbox_title}</A>
                    <button type="button" class="button secondary" on:click=sign_out>{move || i18n.s().sign_out}</button>
                </div>
            </div>
            <super::cooperative::ConsentPanel/>
            <super::notice_settings::NoticeSettingsPanel/>
            <HeldListings listings=listings/>
            <p class="notice outbox" role="status" hidden=move || { outbox.waiting.get() == 0 }>
                {move || fill(i18n.s().outbox_waiting, &[&outbox.waiting.get()])}
            </p>
            <p class="notice success" role="status" hidden=move || { outbox.last_sent.get() == 0 || outbox.waiting.get() > 0 }>
                {move || i18n.s().outbox_sent}
            </p>
            <ul class="listing-rows" aria-label=move || i18n.s().local_only>
                <For each=local key=|d| d.product.id.clone() let:draft>
                    <ListingRow product=draft.product.clone() local=true pending=draft.pending.is_some()/>
                </For>
            </ul>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.s().loading_listings}</p> }>
                {move || Suspend::new(async move {
                    match listings.await {
                        Ok(list) if list.is_empty() && drafts::all(&seller_id()).is_empty() => view! {
                            <div class="empty-state"><p>{move || i18n.s().no_listings}</p></div>
                        }.into_any(),
                        Ok(list) => {
                            // A local draft of a server listing replaces its row.
                            let list: Vec<Product> = list.into_iter()
                                .filter(|p| drafts::load_own(&p.id, &seller_id()).is_none())
                                .collect();
                            view! {
                                <ul class="listing-rows">
                                    {list.into_iter().map(|p| view! { <ListingRow product=p local=false pending=false/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(err) => {
                            let said = crate::i18n::Said::Refusal(err);
                            view! { <p class="notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One listing in the seller's (or, for an operator, a member's) list.
#[component]
pub(super) fn ListingRow(
    product: Product,
    /// Exists only on this phone (never reached the server, or has unsent changes).
    local: bool,
    /// Waiting in the outbox.
    pending: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let edit = crate::seller::workspace::use_workspace()
        .editor_page(Some(&product.id))
        .href();
    let view_href = (product.status == ListingStatus::Published && !local)
        .then(|| AppPath::Product { id: &product.id }.href());
    let thumb = product.photos.first().map(|p| p.thumb.clone());
    let price = product.base_price().map(|r| format_rupiah(r.0));
    let status = product.status;
    let name = if product.name_id.trim().is_empty() {
        "—".to_string()
    } else {
        product.name_id.clone()
    };
    view! {
        <li class="listing-row">
            {match thumb {
                Some(src) => view! { <img src=src alt="" width="64" height="48" loading="lazy"/> }.into_any(),
                None => view! { <span class="thumb-placeholder" aria-hidden="true"></span> }.into_any(),
            }}
            <div class="listing-row-main">
                <strong>{name}</strong>
                <span class="muted">{price}</span>
                <span class="chips">
                    <span class=format!("chip status-{status:?}").to_lowercase()>{move || status_label(i18n.s(), status)}</span>
                    {pending.then(|| view! { <span class="chip waiting">{move || i18n.s().status_waiting}</span> })}
                    {(local && !pending).then(|| view! { <span class="chip local">{move || i18n.s().local_only}</span> })}
                </span>
            </div>
            <div class="listing-row-actions">
                <A href=edit attr:class="button secondary small">{move || i18n.s().edit}</A>
                {view_href.map(|href| view! { <A href=href attr:class="link">{move || i18n.s().view_in_catalog}</A> })}
            </div>
        </li>
    }
}

/// The seller's listings staff hid, each with the reason and the way to ask for another
/// look once fixed. Nothing shows while none is hidden.
#[component]
fn HeldListings(
    /// The seller's listings, for the names.
    listings: LocalResource<Result<Vec<etalase_model::Product>, crate::api::ApiError>>,
) -> impl IntoView {
    use crate::api::seller::{holds, request_review};
    let i18n = use_i18n();
    let session = use_session();
    let held = LocalResource::new(holds);
    let asked = RwSignal::new(Vec::<String>::new());
    let name_of = move |id: &str| {
        listings
            .get()
            .and_then(|r| r.ok())
            .and_then(|list| list.into_iter().find(|p| p.id == id))
            .map(|p| p.name(i18n.lang()).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    view! {
        {move || held.get().and_then(|r| r.ok()).filter(|h| !h.is_empty()).map(|list| view! {
            <section class="notice error held-listings" aria-labelledby="held-heading">
                <h2 id="held-heading">{move || i18n.m().held_notice}</h2>
                <ul>
                    {list.into_iter().map(|hold| {
                        let id = hold.product_id.clone();
                        let id2 = id.clone();
                        let reason = hold.reason.clone();
                        let already = hold.review_requested;
                        let ask = move |_| {
                            let csrf = session.csrf().unwrap_or_default();
                            let id = id2.clone();
                            spawn_local(async move {
                                if request_review(&csrf, &id).await.is_ok() {
                                    asked.update(|a| a.push(id));
                                }
                            });
                        };
                        let done = {
                            let id = id.clone();
                            move || already || asked.with(|a| a.contains(&id))
                        };
                        let done2 = done.clone();
                        view! {
                            <li>
                                <p><strong>{let id = id.clone(); move || name_of(&id)}</strong></p>
                                <p>{move || fill(i18n.m().held_reason, &[&reason.get(i18n.lang())])}</p>
                                <A href=AppPath::SellerEditor { id: Some(&id) }.href() attr:class="button secondary small">{move || i18n.s().edit}</A>
                                <button type="button" class="button primary small" hidden=done on:click=ask>{move || i18n.m().ask_review}</button>
                                <p class="muted" role="status" hidden=move || !done2()>{move || i18n.m().review_sent}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
