//! `/penjual/moderasi`: what waits for a facilitator or admin: visitors' reports (hide the
//! listing with a reason, or dismiss them), hidden listings (restore; those whose seller
//! asked for a review first), and, for admins, suspended sellers.

use etalase_model::api::{HeldListing, ModerationQueue, ReportView, SuspendedSeller};
use etalase_model::moderation::{check_notice, Notice};
use etalase_model::rules::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::staff_gate::StaffGate;
use crate::api::staff;
use crate::api::ApiError;
use crate::i18n::{fill, use_i18n, Said};
use crate::intl::format_time;
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;
use etalase_model::cooperative::StaffRole;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffGate title=Signal::derive(move || i18n.m().moderation_title.to_string())
            description=Signal::derive(move || i18n.m().moderation_meta.to_string())
            refusal=Signal::derive(move || i18n.m().moderation_only.to_string())
            allowed=StaffRole::may_moderate>
            <Queue/>
        </StaffGate>
    }
}

/// What the last action did, or why it failed: one live region for the page.
#[derive(Clone)]
enum Outcome {
    Done(fn(&'static crate::i18n::ModerationTexts) -> &'static str),
    Failed(ApiError),
}

#[component]
fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let queue = LocalResource::new(staff::moderation_queue);
    let outcome = RwSignal::new(None::<Outcome>);
    let is_admin = move || staff.me().is_some_and(|m| m.staff.role.is_admin());
    let name = move || staff.me().map(|m| m.staff.name).unwrap_or_default();
    // Runs one staff action, then reloads the queue.
    let act = move |done: fn(&'static crate::i18n::ModerationTexts) -> &'static str,
                    call: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(), ApiError>>>,
    >| {
        spawn_local(async move {
            match call.await {
                Ok(()) => outcome.set(Some(Outcome::Done(done))),
                Err(err) => outcome.set(Some(Outcome::Failed(err))),
            }
            queue.refetch();
        });
    };
    let said = move || {
        outcome.get().map(|o| match o {
            Outcome::Done(pick) => (false, pick(i18n.m()).to_string()),
            Outcome::Failed(err) => (true, Said::Refusal(err).render(i18n.s())),
        })
    };
    view! {
        <section class="panel moderation">
            <div class="dashboard-head">
                <div>
                    <crate::components::PageTitle title=Signal::derive(move || i18n.m().moderation_title.to_string())/>
                    <h1>{move || i18n.m().moderation_title}</h1>
                    <p class="muted">{move || fill(i18n.m().signed_in_as, &[&name()])}</p>
                </div>
                <div class="dashboard-actions">
                    <A href=AppPath::Facilitator.href() attr:class="button secondary">{move || i18n.c().facilitator_title}</A>
                    <A href=AppPath::IdmImport.href() attr:class="button secondary">{move || i18n.m().idm_link}</A>
                    <A href=AppPath::Partnerships.href() attr:class="button secondary">{move || i18n.m().ships_link}</A>
                    <Show when=is_admin>
                        <A href=AppPath::DistrictAdmin.href() attr:class="button secondary">{move || i18n.m().admin_link}</A>
                    </Show>
                </div>
            </div>
            <p class="notice" class:error=move || said().is_some_and(|(e, _)| e) class:success=move || said().is_some_and(|(e, _)| !e)
                role="status" hidden=move || said().is_none()>
                {move || said().map(|(_, text)| text)}
            </p>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.m().loading}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(q) => view! { <QueueBody queue=q act=act is_admin=is_admin()/> }.into_any(),
                        Err(err) => {
                            let said = Said::Refusal(err);
                            view! { <p class="notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn QueueBody(
    queue: ModerationQueue,
    act: impl Fn(
            fn(&'static crate::i18n::ModerationTexts) -> &'static str,
            std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>,
        ) + Copy
        + Send
        + Sync
        + 'static,
    is_admin: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let ModerationQueue {
        reports,
        held,
        suspended,
    } = queue;
    let (n_reports, n_held, n_suspended) = (reports.len(), held.len(), suspended.len());
    view! {
        <section aria-labelledby="reports-heading">
            <h2 id="reports-heading">{move || fill(i18n.m().reports_title, &[&n_reports])}</h2>
            {if reports.is_empty() {
                view! { <p class="muted">{move || i18n.m().no_reports}</p> }.into_any()
            } else {
                view! {
                    <ul class="moderation-list">
                        {reports.into_iter().map(|r| view! { <ReportItem report=r act=act is_admin=is_admin/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="held-heading">
            <h2 id="held-heading">{move || fill(i18n.m().held_title, &[&n_held])}</h2>
            {if held.is_empty() {
                view! { <p class="muted">{move || i18n.m().no_held}</p> }.into_any()
            } else {
                view! {
                    <ul class="moderation-list">
                        {held.into_iter().map(|h| view! { <HeldItem held=h act=act/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {is_admin.then(|| view! {
            <section aria-labelledby="suspended-heading">
                <h2 id="suspended-heading">{move || fill(i18n.m().suspended_title, &[&n_suspended])}</h2>
                {if suspended.is_empty() {
                    view! { <p class="muted">{move || i18n.m().no_suspended}</p> }.into_any()
                } else {
                    view! {
                        <ul class="moderation-list">
                            {suspended.into_iter().map(|s| view! { <SuspendedItem seller=s act=act/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
    }
}

/// A report, with hiding (a reason in both languages), dismissing and, for admins,
/// suspending the seller.
#[component]
fn ReportItem(
    report: ReportView,
    act: impl Fn(
            fn(&'static crate::i18n::ModerationTexts) -> &'static str,
            std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>,
        ) + Copy
        + Send
        + Sync
        + 'static,
    is_admin: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    // Which form is open: hiding the listing or suspending the seller.
    let form = RwSignal::new(None::<bool>);
    let ReportView {
        product_id,
        product_name,
        seller_id,
        seller_name,
        reason,
        text,
        at,
        ..
    } = report;
    let pid = product_id.clone();
    let dismiss = move |_| {
        let csrf = staff.csrf().unwrap_or_default();
        let pid = pid.clone();
        act(
            |m| m.done_dismissed,
            Box::pin(async move { staff::dismiss_reports(&csrf, &pid).await }),
        );
    };
    let (pid, sid) = (product_id.clone(), seller_id.clone());
    let on_notice = move |notice: Notice| {
        let csrf = staff.csrf().unwrap_or_default();
        let (pid, sid) = (pid.clone(), sid.clone());
        if form.get_untracked() == Some(true) {
            act(
                |m| m.done_suspended,
                Box::pin(async move { staff::set_suspended(&csrf, &sid, Some(&notice)).await }),
            );
        } else {
            act(
                |m| m.done_hidden,
                Box::pin(async move { staff::hold_listing(&csrf, &pid, &notice).await }),
            );
        }
    };
    view! {
        <li class="moderation-item">
            <p><strong>{product_name}</strong>" · "{seller_name}</p>
            <p><span class="chip">{move || reason.label(i18n.lang())}</span>" "
                <span class="muted">{let at = at.clone(); move || format_time(&at, i18n.lang())}</span></p>
            {(!text.is_empty()).then(|| view! { <blockquote>{text.clone()}</blockquote> })}
            <div class="row-actions">
                <A href=AppPath::Product { id: &product_id }.href() attr:class="button secondary small">{move || i18n.m().open_product}</A>
                <button type="button" class="button primary small" on:click=move |_| form.set(Some(false))>{move || i18n.m().hide}</button>
                <button type="button" class="button secondary small" on:click=dismiss>{move || i18n.m().dismiss}</button>
                {is_admin.then(|| view! {
                    <button type="button" class="button danger small" on:click=move |_| form.set(Some(true))>{move || i18n.m().suspend}</button>
                })}
            </div>
            <Show when=move || form.get().is_some()>
                <NoticeForm
                    submit_label=Signal::derive(move || if form.get() == Some(true) { i18n.m().confirm_suspend } else { i18n.m().confirm_hide })
                    on_send=on_notice.clone() on_cancel=move || form.set(None)/>
            </Show>
        </li>
    }
}

/// The reason staff give, in Indonesian and English, checked by the model's rule before it
/// is sent.
#[component]
fn NoticeForm(
    submit_label: Signal<&'static str>,
    on_send: impl Fn(Notice) + Clone + Send + Sync + 'static,
    on_cancel: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = RwSignal::new(String::new());
    let en = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let uid = format!("n{}", js_sys::Math::random().to_bits() % 1_000_000);
    let err = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|f| f.field == field)
                    .map(|f| f.rule.message(i18n.lang()))
            })
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let notice = Notice {
            id: id.get_untracked(),
            en: en.get_untracked(),
        };
        let found = check_notice(&notice);
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            on_send(notice);
        }
    };
    let cancel = on_cancel.clone();
    let (id_field, en_field) = (format!("{uid}-id"), format!("{uid}-en"));
    let (id_err, en_err) = (format!("{uid}-id-error"), format!("{uid}-en-error"));
    view! {
        <form class="form notice-form" on:submit=submit novalidate>
            <p class="muted">{move || i18n.m().reason_hint}</p>
            <div class="field" class:has-error=move || err("id")().is_some()>
                <label for=id_field.clone()>{move || i18n.m().reason_id}</label>
                <textarea id=id_field rows="2" maxlength="500" aria-describedby=id_err.clone()
                    aria-invalid=move || err("id")().map(|_| "true")
                    on:input=move |ev| id.set(event_target_value(&ev))></textarea>
                <p class="field-error" id=id_err role="alert" hidden=move || err("id")().is_none()>{err("id")}</p>
            </div>
            <div class="field" class:has-error=move || err("en")().is_some()>
                <label for=en_field.clone()>{move || i18n.m().reason_en}</label>
                <textarea id=en_field rows="2" maxlength="500" aria-describedby=en_err.clone()
                    aria-invalid=move || err("en")().map(|_| "true")
                    on:input=move |ev| en.set(event_target_value(&ev))></textarea>
                <p class="field-error" id=en_err role="alert" hidden=move || err("en")().is_none()>{err("en")}</p>
            </div>
            <div class="row-actions">
                <button type="submit" class="button primary small">{move || submit_label.get()}</button>
                <button type="button" class="button secondary small" on:click=move |_| cancel()>{move || i18n.m().cancel}</button>
            </div>
        </form>
    }
}

#[component]
fn HeldItem(
    held: HeldListing,
    act: impl Fn(
            fn(&'static crate::i18n::ModerationTexts) -> &'static str,
            std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>,
        ) + Copy
        + Send
        + Sync
        + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let HeldListing {
        hold,
        product_name,
        seller_name,
        ..
    } = held;
    let pid = hold.product_id.clone();
    let restore = move |_| {
        let csrf = staff.csrf().unwrap_or_default();
        let pid = pid.clone();
        act(
            |m| m.done_restored,
            Box::pin(async move { staff::release_listing(&csrf, &pid).await }),
        );
    };
    let reason = hold.reason.clone();
    let at = hold.at.clone();
    view! {
        <li class="moderation-item">
            <p><strong>{product_name}</strong>" · "{seller_name}</p>
            {hold.review_requested.then(|| view! { <p><span class="chip attention">{move || i18n.m().review_requested}</span></p> })}
            <p>{move || fill(i18n.m().held_reason, &[&reason.get(i18n.lang())])}</p>
            <p class="muted">{move || fill(i18n.m().hidden_since, &[&format_time(&at, i18n.lang())])}</p>
            <div class="row-actions">
                <button type="button" class="button primary small" on:click=restore>{move || i18n.m().restore}</button>
            </div>
        </li>
    }
}

#[component]
fn SuspendedItem(
    seller: SuspendedSeller,
    act: impl Fn(
            fn(&'static crate::i18n::ModerationTexts) -> &'static str,
            std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>,
        ) + Copy
        + Send
        + Sync
        + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let sid = seller.seller_id.clone();
    let reinstate = move |_| {
        let csrf = staff.csrf().unwrap_or_default();
        let sid = sid.clone();
        act(
            |m| m.done_reinstated,
            Box::pin(async move { staff::set_suspended(&csrf, &sid, None).await }),
        );
    };
    let reason = seller.reason.clone();
    view! {
        <li class="moderation-item">
            <p><strong>{seller.seller_name.clone()}</strong></p>
            <p>{move || fill(i18n.m().held_reason, &[&reason.get(i18n.lang())])}</p>
            <div class="row-actions">
                <button type="button" class="button primary small" on:click=reinstate>{move || i18n.m().reinstate}</button>
            </div>
        </li>
    }
}
