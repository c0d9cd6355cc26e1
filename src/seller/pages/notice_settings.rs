//! The "E-mail notices" panels: where a seller's notices of new inquiries and of buyers'
//! answers to their quotes go (the dashboard; below it the phone's push notices,
//! `push_settings.rs`, from the same settings), and where a cooperative operator's notices
//! of their members' new inquiries go (the cooperative page). Both say when this site
//! sends no e-mail at all.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::seller::{
    notice_settings, set_notice_settings, NoticeSettings, NoticeSettingsView,
};
use crate::api::{staff, ApiError};
use crate::components::TextField;
use crate::i18n::{use_i18n, I18n, Said};
use crate::seller::staff_session::use_staff_session;
use crate::session::use_session;

/// One panel's state: the address as typed, whether e-mail is on (`None`: not read yet),
/// and what the form says.
#[derive(Clone, Copy)]
struct Address {
    email: RwSignal<String>,
    enabled: RwSignal<Option<bool>>,
    message: RwSignal<Option<Said>>,
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    /// Taken when the panel is built: handlers run outside any component's context.
    i18n: I18n,
}

impl Address {
    fn new() -> Address {
        Address {
            i18n: use_i18n(),
            email: RwSignal::new(String::new()),
            enabled: RwSignal::new(None),
            message: RwSignal::new(None),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// What was read or saved.
    fn show(&self, email: String, enabled: bool) {
        self.email.set(email);
        self.enabled.set(Some(enabled));
    }

    /// The settings to send, once the shared rule passes (a typo is named before anything
    /// is sent); `None` after saying why not.
    fn checked(&self) -> Option<NoticeSettings> {
        let wanted = NoticeSettings {
            email: self.email.get_untracked(),
        };
        if let Err(field) = wanted.checked_email() {
            self.error.set(Some(field.rule.message(self.i18n.lang())));
            return None;
        }
        self.error.set(None);
        self.message.set(None);
        self.busy.set(true);
        Some(wanted)
    }

    /// How a save ended.
    fn saved(&self, result: Result<(String, bool), ApiError>) {
        match result {
            Ok((email, enabled)) => {
                self.show(email, enabled);
                self.message.set(Some(Said::Text(|t| t.saved_server)));
            }
            Err(ApiError::Invalid(fields)) => {
                let lang = self.i18n.lang();
                self.error.set(fields.first().map(|f| f.rule.message(lang)));
            }
            Err(other) => self.message.set(Some(Said::Refusal(other))),
        }
        self.busy.set(false);
    }
}

/// The address form both panels show.
#[component]
fn AddressForm(
    address: Address,
    heading: Signal<&'static str>,
    lead: Signal<&'static str>,
    on_save: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = move || i18n.s();
    let Address {
        email,
        enabled,
        message,
        error,
        busy,
        ..
    } = address;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_save.run(());
    };
    view! {
        <section class="notice-settings" aria-labelledby="notices-heading">
            <h2 id="notices-heading" class="small-heading">{heading}</h2>
            <p class="muted small">{lead}</p>
            <p class="notice info" hidden=move || enabled.get() != Some(false)>{move || s().notices_off}</p>
            <form class="notice-settings-form" on:submit=submit novalidate>
                <TextField name="notice_email" kind="email" autocomplete="email"
                    label=Signal::derive(move || s().notices_email)
                    value=Signal::derive(move || email.get())
                    on_input=move |v| email.set(v)
                    error=Signal::derive(move || error.get())
                    hint=Signal::derive(move || s().notices_email_hint)/>
                <button type="submit" class="button secondary" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>{move || s().notices_save}</button>
                <p class="form-message" role="status" hidden=move || message.with(Option::is_none)>
                    {move || message.get().map(|m| m.render(s()))}
                </p>
            </form>
        </section>
    }
}

/// The seller's panel (dashboard), with push below it.
#[component]
pub fn NoticeSettingsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let address = Address::new();
    let settings = RwSignal::new(None::<NoticeSettingsView>);
    spawn_local(async move {
        match notice_settings().await {
            Ok(found) => {
                address.show(found.email.clone(), found.email_enabled);
                settings.set(Some(found));
            }
            Err(refusal) => address.message.set(Some(Said::Refusal(refusal))),
        }
    });
    let save = Callback::new(move |()| {
        let Some(csrf) = session.csrf() else { return };
        let Some(wanted) = address.checked() else {
            return;
        };
        spawn_local(async move {
            let result = set_notice_settings(&csrf, &wanted).await;
            if let Ok(saved) = &result {
                settings.set(Some(saved.clone()));
            }
            address.saved(result.map(|s| (s.email, s.email_enabled)));
        });
    });
    view! {
        <AddressForm address
            heading=Signal::derive(move || i18n.s().notices_heading)
            lead=Signal::derive(move || i18n.s().notices_lead)
            on_save=save/>
        <super::push_settings::PushPanel settings/>
    }
}

/// A cooperative operator's panel (cooperative page): their members' new inquiries.
#[component]
pub fn OperatorNoticesPanel() -> impl IntoView {
    let i18n = use_i18n();
    let staff_session = use_staff_session();
    let address = Address::new();
    spawn_local(async move {
        match staff::operator_notices().await {
            Ok(found) => address.show(found.email, found.email_enabled),
            Err(refusal) => address.message.set(Some(Said::Refusal(refusal))),
        }
    });
    let save = Callback::new(move |()| {
        let Some(csrf) = staff_session.csrf() else {
            return;
        };
        let Some(wanted) = address.checked() else {
            return;
        };
        spawn_local(async move {
            let result = staff::set_operator_notices(&csrf, &wanted).await;
            address.saved(result.map(|s| (s.email, s.email_enabled)));
        });
    });
    view! {
        <AddressForm address
            heading=Signal::derive(move || i18n.c().coop_notices_heading)
            lead=Signal::derive(move || i18n.c().coop_notices_lead)
            on_save=save/>
    }
}
