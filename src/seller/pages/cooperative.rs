//! The cooperative operator's pages: `/penjual/koperasi` (members, adding one) and
//! `/penjual/koperasi/anggota/:seller/…` (a member's listings and the editor, acting for
//! them through a member [`Workspace`]).

use etalase_model::cooperative::{ListingChange, Member};
use etalase_model::rules::{check_new_member, FieldError, NewMember};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;

use super::dashboard::{status_label, ListingRow};
use crate::api::seller::{history, listings_at};
use crate::api::staff::{self, AddedMember};
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::use_catalog;
use crate::components::{error_for, focus_field, PageMeta, TextField};
use crate::i18n::{fill, use_i18n, Said};
use crate::routes::AppPath;
use crate::seller::drafts::{self, use_outbox};
use crate::seller::staff_session::use_staff_session;
use crate::seller::workspace::{use_workspace, MemberRef, Workspace};
use crate::session::use_session;
use crate::storage;

/// localStorage key of the last member list, so a member's drafts open without signal.
const MEMBERS_KEY: &str = "etalase.members";

/// The members, from the server, else the copy kept from the last time.
async fn load_members() -> Result<Vec<Member>, ApiError> {
    match staff::members().await {
        Ok(list) => {
            if let Ok(json) = serde_json::to_string(&list) {
                storage::set(MEMBERS_KEY, &json);
            }
            Ok(list)
        }
        Err(ApiError::Network) => storage::get(MEMBERS_KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .ok_or(ApiError::Network),
        Err(other) => Err(other),
    }
}

/// Shown instead of an operator page when no operator is signed in.
#[component]
fn OperatorsOnly() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel">
            <h1>{move || i18n.c().coop_title}</h1>
            <p class="lead">{move || i18n.c().operator_only}</p>
            <A href=AppPath::SignIn { staff: true }.href() attr:class="button primary">{move || i18n.c().staff_sign_in}</A>
        </section>
    }
}

/// `/penjual/koperasi`
#[component]
pub fn CooperativePage() -> impl IntoView {
    let staff = use_staff_session();
    let is_operator = move || {
        staff
            .me()
            .is_some_and(|m| m.staff.role == etalase_model::cooperative::StaffRole::Operator)
    };
    view! {
        <Show when=move || staff.checked() || staff.me().is_some()
            fallback=move || view! { <p class="panel muted" role="status">{move || use_i18n().t().loading}</p> }>
            <Show when=is_operator fallback=OperatorsOnly>
                <Members/>
            </Show>
        </Show>
    }
}

#[component]
fn Members() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let catalog = use_catalog().0;
    let refresh = RwSignal::new(0u32);
    let members = LocalResource::new(move || {
        refresh.track();
        load_members()
    });
    let me = move || staff.me();
    let cooperative_name = move || {
        let slug = me().and_then(|m| m.staff.cooperative).unwrap_or_default();
        catalog
            .get()
            .and_then(|r| r.ok())
            .and_then(|d| d.catalog.village(&slug).map(|v| v.cooperative.clone()))
            .unwrap_or(slug)
    };
    let sign_out = move |_| {
        let csrf = staff.csrf().unwrap_or_default();
        spawn_local(async move {
            let _ = staff::logout(&csrf).await;
            staff.signed_out();
        });
    };
    view! {
        <PageMeta title=Signal::derive(move || i18n.c().coop_title.to_string())
            description=Signal::derive(move || i18n.c().coop_meta.to_string())/>
        <section class="panel coop-dashboard">
            <div class="dashboard-head">
                <div>
                    <h1>{cooperative_name}</h1>
                    <p class="muted">{move || fill(i18n.c().operator_as, &[&me().map(|m| m.staff.name).unwrap_or_default()])}</p>
                </div>
                <div class="dashboard-actions">
                    <button type="button" class="button secondary" on:click=sign_out>{move || i18n.c().sign_out}</button>
                </div>
            </div>
            <AddMember on_added=move || refresh.update(|n| *n += 1)/>
            <super::notice_settings::OperatorNoticesPanel/>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.c().loading_members}</p> }>
                {move || Suspend::new(async move {
                    match members.await {
                        Ok(list) if list.is_empty() => view! {
                            <div class="empty-state"><p>{move || i18n.c().no_members}</p></div>
                        }.into_any(),
                        Ok(list) => {
                            let count = list.len();
                            view! {
                                <h2 class="members-heading">{move || fill(i18n.c().members_heading, &[&count])}</h2>
                                <ul class="member-rows">
                                    {list.into_iter().map(|m| view! { <MemberRow member=m/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(err) => {
                            let said = Said::Refusal(err);
                            view! { <p class="notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
            <VillageSellers/>
        </section>
    }
}

/// The village's sellers who registered on their own (not members): the operator may
/// verify them too, since the server lets an operator verify anyone of their village.
#[component]
fn VillageSellers() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let catalog = use_catalog().0;
    let sellers = move || {
        let slug = staff
            .me()
            .and_then(|m| m.staff.cooperative)
            .unwrap_or_default();
        catalog
            .get()
            .and_then(|r| r.ok())
            .map(|d| {
                d.catalog
                    .sellers
                    .iter()
                    .filter(|s| s.village_slug == slug && s.cooperative.is_none())
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    move || {
        let list = sellers();
        (!list.is_empty()).then(|| {
            let count = list.len();
            view! {
                <section class="village-sellers" aria-labelledby="village-sellers-heading">
                    <h2 id="village-sellers-heading" class="members-heading">{move || fill(i18n.c().village_sellers_heading, &[&count])}</h2>
                    <p class="muted small">{move || i18n.c().village_sellers_lead}</p>
                    <ul class="member-rows">
                        {list.into_iter().map(|seller| view! {
                            <li class="member-row">
                                <div class="member-main">
                                    <strong>{seller.name.clone()}</strong>
                                    <VerifyMember seller=seller/>
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The add-member form; after a success, the claim link to send on WhatsApp.
#[component]
fn AddMember(
    /// Called after a member was added, to reload the list.
    on_added: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let name = RwSignal::new(String::new());
    let whatsapp = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let added = RwSignal::new(None::<AddedMember>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let form = NewMember {
            business_name: name.get_untracked(),
            whatsapp: whatsapp.get_untracked(),
        };
        let found = check_new_member(&form);
        if let Some(first) = found.first() {
            focus_field(&first.field);
            errors.set(found);
            message.set(Some(Said::Text(|s| s.form_has_errors)));
            return;
        }
        errors.set(Vec::new());
        message.set(None);
        let Some(csrf) = staff.csrf() else { return };
        busy.set(true);
        spawn_local(async move {
            let result = staff::add_member(&csrf, &form).await;
            busy.set(false);
            match result {
                Ok(done) => {
                    name.set(String::new());
                    whatsapp.set(String::new());
                    added.set(Some(done));
                    on_added();
                }
                Err(err) => {
                    if let ApiError::Invalid(fields) = &err {
                        if let Some(first) = fields.first() {
                            focus_field(&first.field);
                        }
                        errors.set(fields.clone());
                    }
                    if err == ApiError::Refused(ErrorCode::SignInRequired) {
                        staff.signed_out();
                    }
                    message.set(Some(Said::Refusal(err)));
                }
            }
        });
    };
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    view! {
        <details class="add-member" open>
            <summary><h2>{move || i18n.c().add_member_title}</h2></summary>
            <p class="muted">{move || i18n.c().add_member_lead}</p>
            <form class="form add-member-form" on:submit=submit novalidate>
                <TextField name="business_name" label=Signal::derive(move || i18n.c().field_member_name)
                    value=name on_input=move |v| name.set(v) error=err("business_name")
                    autocomplete="off"/>
                <TextField name="whatsapp" label=Signal::derive(move || i18n.c().field_member_whatsapp)
                    value=whatsapp on_input=move |v| whatsapp.set(v) error=err("whatsapp")
                    hint=Signal::derive(move || i18n.s().whatsapp_hint)
                    kind="tel" inputmode="tel" autocomplete="off"/>
                <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                    {move || message.get().map(|m| m.render(i18n.s()))}
                </p>
                <button type="submit" class="button primary" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.c().adding } else { i18n.c().add_member_submit }}
                </button>
            </form>
            {move || added.get().map(|a| {
                let who = a.member.seller.name.clone();
                view! {
                    <div class="notice success claim-panel" role="status">
                        <p>{move || fill(i18n.c().member_added, &[&who])}</p>
                        <a class="button whatsapp" href=a.whatsapp_url.clone() target="_blank" rel="noopener">
                            {move || i18n.c().send_claim_whatsapp}
                        </a>
                        <label class="claim-link">
                            <span>{move || i18n.c().claim_link_label}</span>
                            <input type="text" readonly prop:value=a.claim_url.clone()
                                on:focus=|ev| {
                                    use wasm_bindgen::JsCast;
                                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                        input.select();
                                    }
                                }/>
                        </label>
                    </div>
                }
            })}
        </details>
    }
}

#[component]
fn MemberRow(member: Member) -> impl IntoView {
    let i18n = use_i18n();
    let m = &member.membership;
    let (claimed, allowed) = (m.claimed, m.operator_may_act);
    let (listings, published) = (member.listings, member.published);
    let href = AppPath::MemberListings {
        seller: &member.seller.id,
    }
    .href();
    view! {
        <li class="member-row" class:no-consent=!allowed>
            <div class="member-main">
                <strong>{member.seller.name.clone()}</strong>
                <span class="muted">{member.seller.whatsapp.clone()}</span>
                <span class="chips">
                    {if claimed {
                        view! { <span class="chip status-published">{move || i18n.c().chip_claimed}</span> }.into_any()
                    } else {
                        view! { <span class="chip local">{move || i18n.c().chip_unclaimed}</span> }.into_any()
                    }}
                    {(!allowed).then(|| view! { <span class="chip status-unpublished">{move || i18n.c().chip_no_consent}</span> })}
                </span>
                <span class="muted small">{move || fill(i18n.c().member_counts, &[&listings, &published])}</span>
                <VerifyMember seller=member.seller.clone()/>
            </div>
            {if allowed {
                view! { <A href=href attr:class="button secondary small">{move || i18n.c().manage_products}</A> }.into_any()
            } else {
                view! { <p class="muted small">{move || i18n.c().no_consent_note}</p> }.into_any()
            }}
        </li>
    }
}

/// `/penjual/koperasi/anggota/:seller`: finds the member and makes their workspace the
/// one the nested pages (list, editor) work in.
#[component]
pub fn MemberWorkspace() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let session = use_session();
    let params = use_params_map();
    // A memo: moving between the member's pages changes other params, and reloading the
    // member then would rebuild (and dispose) the page being used.
    let seller = Memo::new(move |_| params.with(|p| p.get("seller").unwrap_or_default()));
    let member = LocalResource::new(move || {
        let id = seller.get();
        async move {
            let list = load_members().await?;
            Ok::<_, ApiError>(
                list.into_iter()
                    .find(|m| m.seller.id == id && m.membership.operator_may_act),
            )
        }
    });
    view! {
        <Show when=move || staff.checked() || staff.me().is_some()
            fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
            <Show when=move || staff.me().is_some() fallback=OperatorsOnly>
                <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
                    {move || Suspend::new(async move {
                        match member.await {
                            Ok(Some(m)) => {
                                let member = MemberRef {
                                    seller_id: m.seller.id,
                                    name: m.seller.name,
                                    village_slug: m.seller.village_slug,
                                };
                                provide_context(Workspace::for_member(member, session, staff));
                                view! { <Outlet/> }.into_any()
                            }
                            Ok(None) => view! {
                                <section class="panel">
                                    <p class="notice error" role="alert">{move || i18n.c().member_not_found}</p>
                                    <A href=AppPath::CoopMembers.href() attr:class="button secondary">{move || i18n.c().back_to_members}</A>
                                </section>
                            }.into_any(),
                            Err(err) => {
                                let said = Said::Refusal(err);
                                view! { <p class="panel notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                            }
                        }
                    })}
                </Suspense>
            </Show>
        </Show>
    }
}

/// Says on every page of a member's workspace whose products these are.
#[component]
pub fn MemberBanner(member: MemberRef) -> impl IntoView {
    let i18n = use_i18n();
    let name = member.name;
    view! {
        <p class="notice info acting-for" role="note">
            {move || fill(i18n.c().acting_for, &[&name])}
        </p>
    }
}

/// `/penjual/koperasi/anggota/:seller`: the member's listings.
#[component]
pub fn MemberListings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let outbox = use_outbox();
    let url = workspace.api().listings();
    let listings = LocalResource::new(move || {
        outbox.last_sent.track();
        let url = url.clone();
        async move { listings_at(&url).await }
    });
    let seller_id = workspace.seller_id().unwrap_or_default();
    let local = {
        let seller_id = seller_id.clone();
        move || {
            outbox.waiting.track();
            drafts::all(&seller_id)
        }
    };
    let member = workspace.member.clone().expect("a member's workspace");
    let new_href = workspace.editor_page(None).href();
    let inbox_href = workspace.inbox_page().href();
    view! {
        <PageMeta title=Signal::derive({ let n = member.name.clone(); move || n.clone() })
            description=Signal::derive(move || i18n.c().coop_meta.to_string())/>
        <section class="panel seller-dashboard">
            <A href=AppPath::CoopMembers.href() attr:class="back-link">{move || i18n.c().back_to_members}</A>
            <div class="dashboard-head">
                <h1>{member.name.clone()}</h1>
                <div class="dashboard-actions">
                    <A href=new_href attr:class="button primary">{move || i18n.c().new_for_member}</A>
                    <A href=inbox_href attr:class="button secondary">{move || i18n.q().inbox_title}</A>
                </div>
            </div>
            <MemberBanner member=member.clone()/>
            <ul class="listing-rows">
                <For each=local key=|d| d.product.id.clone() let:draft>
                    <ListingRow product=draft.product.clone() local=true pending=draft.pending.is_some()/>
                </For>
            </ul>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.s().loading_listings}</p> }>
                {move || {
                    let seller_id = seller_id.clone();
                    Suspend::new(async move {
                        match listings.await {
                            Ok(list) if list.is_empty() && drafts::all(&seller_id).is_empty() => view! {
                                <div class="empty-state"><p>{move || i18n.s().no_listings}</p></div>
                            }.into_any(),
                            Ok(list) => {
                                let list: Vec<_> = list.into_iter()
                                    .filter(|p| drafts::load_own(&p.id, &seller_id).is_none())
                                    .collect();
                                view! {
                                    <ul class="listing-rows">
                                        {list.into_iter().map(|p| view! { <ListingRow product=p local=false pending=false/> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                            Err(err) => {
                                let said = Said::Refusal(err);
                                view! { <p class="notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// Who saved a listing when: the seller or their cooperative's operator.
#[component]
pub fn ListingHistory(
    /// The listing's id (only listings the server has get a history).
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = use_workspace().api().history(&id);
    let entries = LocalResource::new(move || {
        let url = url.clone();
        async move { history(&url).await }
    });
    view! {
        <details class="listing-history">
            <summary>{move || i18n.c().history_heading}</summary>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.c().history_none}</p> }.into_any(),
                        Ok(list) => view! {
                            <ol class="history-list">
                                {list.into_iter().rev().map(|e| view! { <HistoryEntry entry=e/> }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(err) => {
                            let said = Said::Refusal(err);
                            view! { <p class="notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </details>
    }
}

#[component]
fn HistoryEntry(entry: ListingChange) -> impl IntoView {
    let i18n = use_i18n();
    let at = entry.at.clone();
    let when = move || crate::intl::format_time(&at, i18n.lang());
    let role = entry.actor;
    let status = entry.status;
    view! {
        <li>
            <time datetime=entry.at.clone()>{when}</time>
            " · "<strong>{entry.actor_name.clone()}</strong>
            " ("{move || match role {
                etalase_model::cooperative::ActorKind::Operator => i18n.c().history_by_operator,
                etalase_model::cooperative::ActorKind::Seller => i18n.c().history_by_seller,
            }}") · "{move || status_label(i18n.s(), status)}
        </li>
    }
}

/// On a member's own dashboard: whether their cooperative may act for them, and the switch
/// to withdraw or give that permission. Nothing for sellers outside a cooperative.
#[component]
pub fn ConsentPanel() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalog = use_catalog().0;
    let membership = RwSignal::new(None::<etalase_model::cooperative::Membership>);
    let message = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(found) = crate::api::seller::membership().await {
            membership.set(found);
        }
    });
    let name = move || {
        let slug = membership.with(|m| m.as_ref().map(|m| m.cooperative.clone()))?;
        Some(
            catalog
                .get()
                .and_then(|r| r.ok())
                .and_then(|d| d.catalog.village(&slug).map(|v| v.cooperative.clone()))
                .unwrap_or(slug),
        )
    };
    let toggle = move |_| {
        let Some(now) = membership.get_untracked() else {
            return;
        };
        let Some(csrf) = session.csrf() else { return };
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            match crate::api::seller::set_consent(&csrf, !now.operator_may_act).await {
                Ok(updated) => membership.set(Some(updated)),
                Err(err) => message.set(Some(Said::Refusal(err))),
            }
            busy.set(false);
        });
    };
    view! {
        {move || membership.get().map(|m| {
            let allowed = m.operator_may_act;
            view! {
                <section class="notice info consent" aria-labelledby="consent-heading">
                    <h2 id="consent-heading" class="small-heading">{move || i18n.c().consent_heading}</h2>
                    <p>{move || {
                        let coop = name().unwrap_or_default();
                        fill(if allowed { i18n.c().consent_on } else { i18n.c().consent_off }, &[&coop])
                    }}</p>
                    <button type="button" class="button secondary small" disabled=move || busy.get()
                        aria-busy=move || busy.get().to_string() on:click=toggle>
                        {move || if allowed { i18n.c().consent_withdraw } else { i18n.c().consent_give }}
                    </button>
                    <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                        {move || message.get().map(|m| m.render(i18n.s()))}
                    </p>
                </section>
            }
        })}
    }
}

/// The operator vouches for a member they know (with the member's NIB, if any), or takes
/// it back; buyers then see "verified by" the cooperative.
#[component]
fn VerifyMember(seller: etalase_model::Seller) -> impl IntoView {
    use etalase_model::moderation::VerifyBody;
    let i18n = use_i18n();
    let staff = use_staff_session();
    let verified = RwSignal::new(seller.verified.clone());
    let nib = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let id = seller.id.clone();
    let change = move |verify: bool| {
        let csrf = staff.csrf().unwrap_or_default();
        let id = id.clone();
        let body = VerifyBody {
            nib: Some(nib.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        busy.set(true);
        spawn_local(async move {
            match staff::set_verified(&csrf, &id, verify.then_some(&body)).await {
                Ok(seller) => {
                    verified.set(seller.verified);
                    failure.set(None);
                }
                Err(err) => failure.set(Some(Said::Refusal(err))),
            }
            busy.set(false);
        });
    };
    let change2 = change.clone();
    let nib_id = format!("nib-{}", seller.id);
    view! {
        <div class="verify-member">
            {move || match verified.get() {
                Some(v) => {
                    let change = change2.clone();
                    view! {
                        <span class="chip status-published">{move || fill(i18n.m().verified, &[&v.by])}</span>
                        <button type="button" class="button secondary small" disabled=busy
                            on:click=move |_| change(false)>{move || i18n.m().unverify}</button>
                    }.into_any()
                }
                None => {
                    let change = change.clone();
                    let nib_id = nib_id.clone();
                    view! {
                        <label class="small" for=nib_id.clone()>{move || i18n.m().nib}</label>
                        <input id=nib_id inputmode="numeric" autocomplete="off" class="nib-input"
                            on:input=move |ev| nib.set(event_target_value(&ev)) prop:value=move || nib.get()/>
                        <button type="button" class="button secondary small" disabled=busy
                            on:click=move |_| change(true)>{move || i18n.m().verify}</button>
                    }.into_any()
                }
            }}
            <p class="field-error" role="alert" hidden=move || failure.with(|f| f.is_none())>
                {move || failure.get().map(|f| match f {
                    Said::Refusal(crate::api::ApiError::Invalid(fields)) => fields
                        .first()
                        .map(|f| f.rule.message(i18n.lang()))
                        .unwrap_or_default(),
                    other => other.render(i18n.s()),
                })}
            </p>
        </div>
    }
}
