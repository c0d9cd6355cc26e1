//! `/penjual/dpmd`: the district admin's page: staff accounts (deactivate, reactivate) and
//! the audit log of every staff change.

use etalase_model::api::StaffAccountView;
use etalase_model::cooperative::StaffRole;
use etalase_model::moderation::AuditEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::staff;
use crate::components::PageMeta;
use crate::i18n::{use_i18n, Said};
use crate::intl::format_time;
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;

#[component]
pub fn DistrictAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let is_admin = move || staff.me().is_some_and(|m| m.staff.role.is_admin());
    view! {
        <PageMeta title=Signal::derive(move || i18n.m().admin_title.to_string())
            description=Signal::derive(move || i18n.m().admin_meta.to_string())/>
        <Show when=move || staff.checked() || staff.me().is_some()
            fallback=move || view! { <p class="panel muted" role="status">{move || i18n.m().loading}</p> }>
            <Show when=is_admin fallback=move || view! {
                <section class="panel">
                    <h1>{move || i18n.m().admin_title}</h1>
                    <p class="lead">{move || i18n.m().admin_only}</p>
                    <A href=AppPath::SignIn { staff: true }.href() attr:class="button primary">{move || i18n.c().staff_sign_in}</A>
                </section>
            }>
                <Accounts/>
                <Audit/>
            </Show>
        </Show>
    }
}

fn role_label(role: StaffRole, m: &'static crate::i18n::ModerationTexts) -> &'static str {
    match role {
        StaffRole::Operator => m.role_operator,
        StaffRole::Facilitator => m.role_facilitator,
        StaffRole::Admin => m.role_admin,
    }
}

#[component]
fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let accounts = LocalResource::new(staff::accounts);
    let failure = RwSignal::new(None::<Said>);
    let me = move || staff.me().map(|m| m.staff.id).unwrap_or_default();
    let toggle = move |id: String, active: bool| {
        let csrf = staff.csrf().unwrap_or_default();
        spawn_local(async move {
            match staff::set_active(&csrf, &id, active).await {
                Ok(()) => failure.set(None),
                Err(err) => failure.set(Some(Said::Refusal(err))),
            }
            accounts.refetch();
        });
    };
    view! {
        <section class="panel district-admin">
            <div class="dashboard-head">
                <h1>{move || i18n.m().admin_title}</h1>
                <div class="dashboard-actions">
                    <A href=AppPath::Moderation.href() attr:class="button secondary">{move || i18n.m().moderation_link}</A>
                </div>
            </div>
            <h2>{move || i18n.m().staff_title}</h2>
            <p class="notice error" role="alert" hidden=move || failure.with(|f| f.is_none())>
                {move || failure.get().map(|f| f.render(i18n.s()))}
            </p>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.m().loading}</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(list) => view! {
                            <ul class="staff-list">
                                {list.into_iter().map(|a: StaffAccountView| {
                                    let id = a.profile.id.clone();
                                    let active = a.active;
                                    let own = id == me();
                                    view! {
                                        <li class="staff-item" class:inactive=!active>
                                            <div>
                                                <p><strong>{a.profile.name.clone()}</strong></p>
                                                <p class="muted">
                                                    {move || role_label(a.profile.role, i18n.m())}
                                                    {a.profile.cooperative.clone().map(|c| format!(" · {c}"))}
                                                    {format!(" · {}", a.whatsapp)}
                                                </p>
                                            </div>
                                            <span class="chip">{move || if active { i18n.m().active } else { i18n.m().inactive }}</span>
                                            {(!own).then(|| view! {
                                                <button type="button" class="button secondary small"
                                                    on:click=move |_| toggle(id.clone(), !active)>
                                                    {move || if active { i18n.m().deactivate } else { i18n.m().reactivate }}
                                                </button>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
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
fn Audit() -> impl IntoView {
    let i18n = use_i18n();
    let log = LocalResource::new(staff::audit_log);
    view! {
        <section class="panel audit" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{move || i18n.m().audit_title}</h2>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.m().loading}</p> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Ok(entries) if entries.is_empty() => view! { <p class="muted">{move || i18n.m().no_audit}</p> }.into_any(),
                        Ok(entries) => view! {
                            <ol class="audit-list">
                                {entries.into_iter().map(|e: AuditEntry| {
                                    let at = e.at.clone();
                                    view! {
                                        <li>
                                            <span class="muted">{move || format_time(&at, i18n.lang())}</span>" "
                                            <strong>{e.actor_name.clone()}</strong>" · "
                                            {move || e.action.label(i18n.lang())}" · "
                                            <code>{e.subject.clone()}</code>
                                            {(!e.detail.is_empty()).then(|| format!(" · {}", e.detail))}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any(),
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
