//! `/masuk/undangan/:token`: a staff member invited by the district chooses their own
//! password and is signed in, landing where their role works.

use etalase_model::cooperative::StaffRole;
use etalase_model::rules::{check_claim, Claim, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::staff::{claim_invite, show_invite};
use crate::api::ApiError;
use crate::components::{error_for, focus_field, PageMeta, TextField};
use crate::i18n::{fill, use_i18n, Said};
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;

/// Where a role's work starts.
pub(super) fn staff_home(role: StaffRole) -> AppPath<'static> {
    match role {
        StaffRole::Operator => AppPath::CoopMembers,
        StaffRole::Facilitator => AppPath::Facilitator,
        StaffRole::Admin => AppPath::Moderation,
    }
}

pub(super) fn role_name(role: StaffRole, m: &'static crate::i18n::ModerationTexts) -> &'static str {
    match role {
        StaffRole::Operator => m.role_operator,
        StaffRole::Facilitator => m.role_facilitator,
        StaffRole::Admin => m.role_admin,
    }
}

#[component]
pub fn StaffInvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let navigate = use_navigate();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let shown = {
        let token = token.clone();
        LocalResource::new(move || {
            let token = token.clone();
            async move { show_invite(&token).await }
        })
    };
    let password = RwSignal::new(String::new());
    let show_password = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let form = Claim {
            token: token.clone(),
            password: password.get_untracked(),
        };
        let found = check_claim(&form);
        if let Some(first) = found.first() {
            focus_field(&first.field);
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        message.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = claim_invite(&form).await;
            busy.set(false);
            match result {
                Ok(me) => {
                    let home = staff_home(me.staff.role);
                    staff.signed_in(me);
                    navigate(&home.href(), Default::default());
                }
                Err(ApiError::Invalid(fields)) if fields.iter().any(|f| f.field == "token") => {
                    message.set(Some(i18n.m().accept_gone.to_string()));
                }
                Err(err) => {
                    if let ApiError::Invalid(fields) = &err {
                        errors.set(fields.clone());
                    }
                    message.set(Some(Said::Refusal(err).render(i18n.s())));
                }
            }
        });
    };
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.m().accept_title.to_string())
            description=Signal::derive(move || i18n.m().accept_title.to_string())
        />
        <section class="panel auth-panel">
            <h1>{move || i18n.m().accept_title}</h1>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.m().loading}</p> }>
                {move || Suspend::new(async move {
                    match shown.await {
                        Ok(invite) => {
                            let (name, role) = (invite.name.clone(), invite.role);
                            view! {
                                <p class="lead">{move || fill(i18n.m().accept_lead, &[&name, &role_name(role, i18n.m())])}</p>
                                {invite.cooperative_name.clone().map(|c| view! { <p class="muted">{move || fill(i18n.m().accept_for, &[&c])}</p> })}
                            }.into_any()
                        }
                        Err(_) => view! { <p class="notice error" role="alert">{move || i18n.m().accept_gone}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <form class="form" on:submit=submit novalidate>
                <TextField name="password" label=Signal::derive(move || i18n.s().field_password)
                    value=password on_input=move |v| password.set(v) error=err("password")
                    hint=Signal::derive(move || i18n.s().password_hint)
                    input_type=Signal::derive(move || if show_password.get() { "text" } else { "password" })
                    autocomplete="new-password"/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || show_password.get()
                        on:change=move |ev| show_password.set(event_target_checked(&ev))/>
                    {move || i18n.s().show_password}
                </label>
                <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                    {move || message.get()}
                </p>
                <button type="submit" class="button primary wide" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.s().submitting } else { i18n.m().accept_submit }}
                </button>
            </form>
        </section>
    }
}
