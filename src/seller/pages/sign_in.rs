//! `/masuk`: sign in or register as a seller, or sign in as cooperative staff;
//! `/masuk/klaim/:token`: a member added by their cooperative sets a password.

use etalase_model::rules::{
    check_claim, check_registration, check_sign_in, Claim, FieldError, Registration, SignIn,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::seller::{claim, login, register, Me};
use crate::api::staff::login as staff_login;
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::use_catalog;
use crate::components::focus_field;
use crate::components::{error_for, PageMeta, TextField};
use crate::i18n::{use_i18n, Said, SellerTexts};
use crate::routes::{AppPath, STAFF_QUERY};
use crate::seller::pages::village_picker::VillagePicker;
use crate::seller::staff_session::use_staff_session;
use crate::session::use_session;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    SignIn,
    Register,
    /// A cooperative operator or village facilitator.
    Staff,
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let staff = use_staff_session();
    // `/masuk?staf=1` (the operator pages' sign-in link) opens the staff tab.
    let wants_staff = use_query_map().with_untracked(|q| q.get(STAFF_QUERY).is_some());
    let mode = RwSignal::new(if wants_staff {
        Mode::Staff
    } else {
        Mode::SignIn
    });
    let business_name = RwSignal::new(String::new());
    let whatsapp = RwSignal::new(String::new());
    let village = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let show_password = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let catalog = use_catalog().0;

    // Already signed in: this page has nothing to do.
    let nav = navigate.clone();
    Effect::new(move |_| {
        if session.me().is_some() && session.checked() {
            nav(&AppPath::SellerDashboard.href(), Default::default());
        }
    });

    // Choosing a village answers its field's error at once (the picker folds into the
    // village chosen, which a stale "required" beside it would contradict); other fields keep
    // theirs until the next send.
    Effect::new(move |before: Option<String>| {
        let now = village.get();
        if before.is_some_and(|b| b != now) {
            errors.update(|e| e.retain(|f| f.field != "village_slug"));
        }
        now
    });

    let village_known = move |slug: &str| {
        catalog.with_untracked(|c| {
            c.as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_none_or(|data| data.catalog.village(slug).is_some())
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        message.set(None);
        let current = mode.get_untracked();
        let found = match current {
            Mode::SignIn | Mode::Staff => check_sign_in(&SignIn {
                whatsapp: whatsapp.get_untracked(),
                password: password.get_untracked(),
            }),
            Mode::Register => check_registration(
                &Registration {
                    business_name: business_name.get_untracked(),
                    whatsapp: whatsapp.get_untracked(),
                    village_slug: village.get_untracked(),
                    password: password.get_untracked(),
                },
                village_known,
            ),
        };
        if !found.is_empty() {
            focus_field(&found[0].field);
            errors.set(found);
            message.set(Some(Said::Text(|s| s.form_has_errors)));
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            if current == Mode::Staff {
                let result = staff_login(&SignIn {
                    whatsapp: whatsapp.get_untracked(),
                    password: password.get_untracked(),
                })
                .await;
                busy.set(false);
                match result {
                    Ok(me) => {
                        let home = super::staff_invite::staff_home(me.staff.role);
                        staff.signed_in(me);
                        navigate(&home.href(), Default::default());
                    }
                    Err(err) => message.set(Some(Said::Refusal(err))),
                }
                return;
            }
            let result: Result<Me, ApiError> = match current {
                Mode::SignIn | Mode::Staff => {
                    login(&SignIn {
                        whatsapp: whatsapp.get_untracked(),
                        password: password.get_untracked(),
                    })
                    .await
                }
                Mode::Register => {
                    register(&Registration {
                        business_name: business_name.get_untracked(),
                        whatsapp: whatsapp.get_untracked(),
                        village_slug: village.get_untracked(),
                        password: password.get_untracked(),
                    })
                    .await
                }
            };
            busy.set(false);
            match result {
                Ok(me) => {
                    session.signed_in(me);
                    navigate(&AppPath::SellerDashboard.href(), Default::default());
                }
                Err(err) => {
                    if let ApiError::Invalid(fields) = &err {
                        if let Some(first) = fields.first() {
                            focus_field(&first.field);
                        }
                        errors.set(fields.clone());
                    }
                    message.set(Some(Said::Refusal(err)));
                }
            }
        });
    };

    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    let tab = move |which: Mode, label: fn(&'static SellerTexts) -> &'static str| {
        view! {
            <button type="button" role="tab" class="tab"
                aria-selected=move || (mode.get() == which).to_string()
                on:click=move |_| { mode.set(which); errors.set(Vec::new()); message.set(None); }>
                {move || label(i18n.s())}
            </button>
        }
    };
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.s().auth_title.to_string())
            description=Signal::derive(move || i18n.s().auth_lead.to_string())
        />
        <section class="panel auth-panel">
            <h1>{move || i18n.s().auth_title}</h1>
            <p class="lead">{move || i18n.s().auth_lead}</p>
            <div class="tabs" role="tablist">
                {tab(Mode::SignIn, |s| s.tab_sign_in)}
                {tab(Mode::Register, |s| s.tab_register)}
                <button type="button" role="tab" class="tab"
                    aria-selected=move || (mode.get() == Mode::Staff).to_string()
                    on:click=move |_| { mode.set(Mode::Staff); errors.set(Vec::new()); message.set(None); }>
                    {move || i18n.c().tab_staff}
                </button>
            </div>
            <Show when=move || mode.get() == Mode::Staff>
                <p class="muted staff-lead">{move || i18n.c().staff_lead}</p>
            </Show>
            <form class="form" on:submit=submit novalidate>
                <Show when=move || mode.get() == Mode::Register>
                    <TextField name="business_name" label=Signal::derive(move || i18n.s().field_business_name)
                        value=business_name on_input=move |v| business_name.set(v)
                        error=err("business_name") hint=Signal::derive(move || i18n.s().business_name_hint)
                        autocomplete="organization"/>
                </Show>
                <TextField name="whatsapp" label=Signal::derive(move || i18n.s().field_whatsapp)
                    value=whatsapp on_input=move |v| whatsapp.set(v) error=err("whatsapp")
                    hint=Signal::derive(move || i18n.s().whatsapp_hint)
                    kind="tel" autocomplete="tel" inputmode="tel"/>
                <Show when=move || mode.get() == Mode::Register>
                    <VillagePicker value=village error=err("village_slug")/>
                </Show>
                <TextField name="password" label=Signal::derive(move || i18n.s().field_password)
                    value=password on_input=move |v| password.set(v) error=err("password")
                    hint=Signal::derive(move || i18n.s().password_hint)
                    input_type=Signal::derive(move || if show_password.get() { "text" } else { "password" })
                    autocomplete=if mode.get_untracked() == Mode::Register { "new-password" } else { "current-password" }/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || show_password.get()
                        on:change=move |ev| show_password.set(event_target_checked(&ev))/>
                    {move || i18n.s().show_password}
                </label>
                <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                    {move || message.get().map(|m| m.render(i18n.s()))}
                </p>
                <button type="submit" class="button primary wide" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() {
                        i18n.s().submitting
                    } else if mode.get() == Mode::Register {
                        i18n.s().submit_register
                    } else {
                        i18n.s().submit_sign_in
                    }}
                </button>
            </form>
        </section>
    }
}

/// `/masuk/klaim/:token`: the page a member's WhatsApp link opens. They choose a password
/// and are signed in to their own account, which their cooperative made for them.
#[component]
pub fn ClaimPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
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
            let result = claim(&form).await;
            busy.set(false);
            match result {
                Ok(me) => {
                    session.signed_in(me);
                    navigate(&AppPath::SellerDashboard.href(), Default::default());
                }
                Err(ApiError::Refused(ErrorCode::NotFound)) => {
                    message.set(Some(i18n.c().claim_used.to_string()));
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
            title=Signal::derive(move || i18n.c().claim_title.to_string())
            description=Signal::derive(move || i18n.c().claim_lead.to_string())
        />
        <section class="panel auth-panel">
            <h1>{move || i18n.c().claim_title}</h1>
            <p class="lead">{move || i18n.c().claim_lead}</p>
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
                    {move || if busy.get() { i18n.s().submitting } else { i18n.c().claim_submit }}
                </button>
            </form>
        </section>
    }
}
