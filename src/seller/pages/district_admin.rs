//! `/penjual/dpmd`: the district admin's page: staff accounts (deactivate, reactivate) and
//! the audit log of every staff change.

use etalase_model::api::StaffAccountView;
use etalase_model::moderation::AuditEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use etalase_model::cooperative::StaffRole;
use etalase_model::district::{check_cooperative, check_invite, CooperativeDetails, NewInvite};
use etalase_model::rules::FieldError;
use etalase_model::Village;

use super::staff_gate::StaffGate;
use crate::api::staff::{self, InviteCreated};
use crate::catalog_data::use_catalog;
use crate::components::{error_for, focus_field, TextField};
use crate::i18n::fill;
use crate::i18n::{use_i18n, Said};
use crate::intl::format_time;
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;

/// Bumped after every change made on this page, so the audit log below shows it.
#[derive(Clone, Copy)]
struct Changed(RwSignal<u32>);

#[component]
pub fn DistrictAdminPage() -> impl IntoView {
    provide_context(Changed(RwSignal::new(0)));
    let i18n = use_i18n();
    view! {
        <StaffGate title=Signal::derive(move || i18n.m().admin_title.to_string())
            description=Signal::derive(move || i18n.m().admin_meta.to_string())
            refusal=Signal::derive(move || i18n.m().admin_only.to_string())
            allowed=StaffRole::is_admin>
            <Accounts/>
            <InviteStaff/>
            <EditCooperative/>
            <FailedNotices/>
            <Audit/>
        </StaffGate>
    }
}

#[component]
fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let accounts = LocalResource::new(staff::accounts);
    let failure = RwSignal::new(None::<Said>);
    let me = move || staff.me().map(|m| m.staff.id).unwrap_or_default();
    let changed = expect_context::<Changed>().0;
    let toggle = move |id: String, active: bool| {
        let csrf = staff.csrf().unwrap_or_default();
        spawn_local(async move {
            match staff::set_active(&csrf, &id, active).await {
                Ok(()) => {
                    failure.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(err) => failure.set(Some(Said::Refusal(err))),
            }
            accounts.refetch();
        });
    };
    view! {
        <section class="panel district-admin">
            <div class="dashboard-head">
                <crate::components::PageTitle title=Signal::derive(move || i18n.m().admin_title.to_string())/>
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
                                                    {move || super::staff_invite::role_name(a.profile.role, i18n.m())}
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

/// Notices that could not be delivered (a refused address, a relay down for hours): the
/// admin sees whom to tell another way.
#[component]
fn FailedNotices() -> impl IntoView {
    let i18n = use_i18n();
    let failed = LocalResource::new(staff::failed_notices);
    view! {
        <section class="panel failed-notices" aria-labelledby="failed-notices-heading">
            <h2 id="failed-notices-heading">{move || i18n.m().failed_notices_title}</h2>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.m().loading}</p> }>
                {move || Suspend::new(async move {
                    match failed.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.m().no_failed_notices}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="audit-list failed-list">
                                {list.into_iter().map(|n| {
                                    let at = n.failed_at.clone().unwrap_or(n.created_at.clone());
                                    view! {
                                        <li>
                                            <span class="muted">{move || format_time(&at, i18n.lang())}</span>" "
                                            <strong>{n.reference.clone()}</strong>" · "
                                            {n.channel.clone()}" · "
                                            {move || fill(i18n.m().failed_attempts, &[&n.attempts])}" · "
                                            <code>{n.error.clone()}</code>
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
    let changed = expect_context::<Changed>().0;
    let log = LocalResource::new(move || {
        changed.track();
        staff::audit_log()
    });
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

/// The region's villages by kecamatan, for choosing a cooperative.
fn villages_by_kecamatan(
    catalog: crate::catalog_data::CatalogResource,
) -> Vec<(String, Vec<Village>)> {
    let Some(Ok(data)) = catalog.0.get() else {
        return Vec::new();
    };
    let mut groups: Vec<(String, Vec<Village>)> = Vec::new();
    let mut villages = data.catalog.villages.clone();
    villages.sort_by(|a, b| (&a.kecamatan, &a.name).cmp(&(&b.kecamatan, &b.name)));
    for v in villages {
        match groups.last_mut() {
            Some((k, list)) if *k == v.kecamatan => list.push(v),
            _ => groups.push((v.kecamatan.clone(), vec![v])),
        }
    }
    groups
}

/// A native select of the villages, grouped by kecamatan: on a phone the system's own
/// list, which every screen reader knows.
#[component]
fn VillageSelect(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{move || label.get()}</label>
            <select id=id aria-describedby=error_id.clone() aria-invalid=move || error.get().map(|_| "true")
                on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                <option value="">{move || i18n.m().choose_village}</option>
                {move || villages_by_kecamatan(catalog).into_iter().map(|(kecamatan, list)| view! {
                    <optgroup label=kecamatan>
                        {list.into_iter().map(|v| view! { <option value=v.slug.clone()>{v.name.clone()}</option> }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id role="alert" hidden=move || error.get().is_none()>{move || error.get()}</p>
        </div>
    }
}

#[component]
fn InviteStaff() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let role = RwSignal::new(StaffRole::Operator);
    let cooperative = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let whatsapp = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<Said>);
    let made = RwSignal::new(None::<(String, InviteCreated)>);
    let changed = expect_context::<Changed>().0;
    let busy = RwSignal::new(false);
    let catalog = use_catalog().0;
    let known = move |slug: &str| {
        catalog
            .get_untracked()
            .and_then(|r| r.ok())
            .is_none_or(|data| data.catalog.village(slug).is_some())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let invite = NewInvite {
            role: role.get_untracked(),
            cooperative: Some(cooperative.get_untracked())
                .filter(|c| !c.is_empty() && role.get_untracked() == StaffRole::Operator),
            name: name.get_untracked(),
            whatsapp: whatsapp.get_untracked(),
        };
        let found = check_invite(&invite, known);
        if let Some(first) = found.first() {
            focus_field(&first.field);
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        failure.set(None);
        busy.set(true);
        let csrf = staff.csrf().unwrap_or_default();
        spawn_local(async move {
            match staff::create_invite(&csrf, &invite).await {
                Ok(created) => {
                    made.set(Some((invite.name.clone(), created)));
                    changed.update(|n| *n += 1);
                }
                Err(crate::api::ApiError::Invalid(fields)) => errors.set(fields),
                Err(err) => failure.set(Some(Said::Refusal(err))),
            }
            busy.set(false);
        });
    };
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    let roles = [
        StaffRole::Operator,
        StaffRole::Facilitator,
        StaffRole::Admin,
    ];
    view! {
        <section class="panel invite-staff" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || i18n.m().invite_title}</h2>
            <p class="muted">{move || i18n.m().invite_lead}</p>
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for="f-role">{move || i18n.m().field_role}</label>
                    <select id="f-role" on:change=move |ev| {
                        let picked = match event_target_value(&ev).as_str() {
                            "facilitator" => StaffRole::Facilitator,
                            "admin" => StaffRole::Admin,
                            _ => StaffRole::Operator,
                        };
                        role.set(picked);
                    }>
                        {roles.into_iter().map(|r| {
                            let value = match r { StaffRole::Operator => "operator", StaffRole::Facilitator => "facilitator", StaffRole::Admin => "admin" };
                            view! { <option value=value selected=move || role.get() == r>{move || super::staff_invite::role_name(r, i18n.m())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || role.get() == StaffRole::Operator>
                    <VillageSelect id="f-cooperative" label=Signal::derive(move || i18n.m().field_cooperative)
                        value=cooperative error=err("cooperative")/>
                </Show>
                <TextField name="name" label=Signal::derive(move || i18n.m().field_name)
                    value=name on_input=move |v| name.set(v) error=err("name") autocomplete="off"/>
                <TextField name="whatsapp" label=Signal::derive(move || i18n.m().field_whatsapp)
                    value=whatsapp on_input=move |v| whatsapp.set(v) error=err("whatsapp")
                    input_type=Signal::derive(|| "tel") autocomplete="off"/>
                <p class="form-message" role="alert" hidden=move || failure.with(Option::is_none)>
                    {move || failure.get().map(|f| f.render(i18n.s()))}
                </p>
                <button type="submit" class="button primary" disabled=move || busy.get()>{move || i18n.m().invite_submit}</button>
            </form>
            {move || made.get().map(|(who, created)| view! {
                <div class="notice success invite-made" role="status">
                    <p>{move || fill(i18n.m().invite_made, &[&who])}</p>
                    <a class="button whatsapp" href=created.whatsapp_url.clone() target="_blank" rel="noopener">{move || i18n.m().invite_send}</a>
                    <label class="small" for="invite-link">{move || i18n.m().invite_link_label}</label>
                    <input id="invite-link" readonly prop:value=created.link.clone() on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                            input.select();
                        }
                    }/>
                </div>
            })}
        </section>
    }
}

#[component]
fn EditCooperative() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let village = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let legal = RwSignal::new(String::new());
    let whatsapp = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<Result<(), Said>>);
    let changed = expect_context::<Changed>().0;
    let busy = RwSignal::new(false);
    // Choosing a village fills the form with what is published for it.
    let catalog = use_catalog().0;
    Effect::new(move |_| {
        let slug = village.get();
        let found = catalog
            .get_untracked()
            .and_then(|r| r.ok())
            .and_then(|data| data.catalog.village(&slug).cloned());
        if let Some(v) = found {
            name.set(v.cooperative.clone());
            legal.set(v.cooperative_legal_number.clone().unwrap_or_default());
            whatsapp.set(v.cooperative_whatsapp.clone().unwrap_or_default());
            address.set(v.cooperative_address.clone().unwrap_or_default());
            outcome.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let slug = village.get_untracked();
        if slug.is_empty() {
            errors.set(vec![FieldError::new(
                "village",
                etalase_model::rules::Rule::Required,
            )]);
            focus_field("village");
            return;
        }
        let details = CooperativeDetails {
            name: name.get_untracked(),
            legal_number: Some(legal.get_untracked()),
            whatsapp: Some(whatsapp.get_untracked()),
            address: Some(address.get_untracked()),
        };
        let found = check_cooperative(&details);
        if let Some(first) = found.first() {
            // This form's name and number fields are prefixed: the invitation form above
            // has fields of the same names.
            match first.field.as_str() {
                "name" | "whatsapp" => focus_field(&format!("coop_{}", first.field)),
                other => focus_field(other),
            }
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let csrf = staff.csrf().unwrap_or_default();
        spawn_local(async move {
            match staff::save_cooperative(&csrf, &slug, &details).await {
                Ok(_) => {
                    outcome.set(Some(Ok(())));
                    changed.update(|n| *n += 1);
                }
                Err(crate::api::ApiError::Invalid(fields)) => errors.set(fields),
                Err(err) => outcome.set(Some(Err(Said::Refusal(err)))),
            }
            busy.set(false);
        });
    };
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    view! {
        <section class="panel edit-cooperative" aria-labelledby="coop-edit-heading">
            <h2 id="coop-edit-heading">{move || i18n.m().coop_edit_title}</h2>
            <p class="muted">{move || i18n.m().coop_edit_lead}</p>
            <form class="form" on:submit=submit novalidate>
                <VillageSelect id="f-village" label=Signal::derive(move || i18n.m().field_village)
                    value=village error=err("village")/>
                <Show when=move || !village.get().is_empty()>
                    <TextField name="coop_name" label=Signal::derive(move || i18n.m().field_coop_name)
                        value=name on_input=move |v| name.set(v) error=err("name") autocomplete="off"/>
                    <TextField name="legal_number" label=Signal::derive(move || i18n.m().field_legal_number)
                        value=legal on_input=move |v| legal.set(v) error=err("legal_number") autocomplete="off"/>
                    <TextField name="coop_whatsapp" label=Signal::derive(move || i18n.m().field_coop_whatsapp)
                        value=whatsapp on_input=move |v| whatsapp.set(v) error=err("whatsapp")
                        input_type=Signal::derive(|| "tel") autocomplete="off"/>
                    <TextField name="address" label=Signal::derive(move || i18n.m().field_address)
                        value=address on_input=move |v| address.set(v) error=err("address") autocomplete="off"/>
                    <p class="notice success" role="status" hidden=move || !matches!(outcome.get(), Some(Ok(())))>
                        {move || i18n.m().coop_saved}
                    </p>
                    <p class="form-message" role="alert" hidden=move || !matches!(outcome.get(), Some(Err(_)))>
                        {move || match outcome.get() { Some(Err(said)) => said.render(i18n.s()), _ => String::new() }}
                    </p>
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.m().saving } else { i18n.m().save }}
                    </button>
                </Show>
            </form>
        </section>
    }
}
