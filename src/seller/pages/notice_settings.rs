//! The dashboard's "E-mail notices" panel: where a seller's notices of new inquiries and of
//! buyers' answers to their quotes go, and whether this site sends e-mail at all; below it,
//! the phone's push notices (`push_settings.rs`), from the same settings.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::seller::{
    notice_settings, set_notice_settings, NoticeSettings, NoticeSettingsView,
};
use crate::api::ApiError;
use crate::components::TextField;
use crate::i18n::{use_i18n, Said};
use crate::session::use_session;

#[component]
pub fn NoticeSettingsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let s = move || i18n.s();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let enabled = RwSignal::new(None::<bool>);
    let message = RwSignal::new(None::<Said>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let settings = RwSignal::new(None::<NoticeSettingsView>);
    spawn_local(async move {
        match notice_settings().await {
            Ok(found) => {
                email.set(found.email.clone());
                enabled.set(Some(found.email_enabled));
                settings.set(Some(found));
            }
            Err(refusal) => message.set(Some(Said::Refusal(refusal))),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = session.csrf() else { return };
        let wanted = NoticeSettings {
            email: email.get_untracked(),
        };
        // The shared rule first: a typo is named before anything is sent.
        if let Err(field) = wanted.checked_email() {
            error.set(Some(field.rule.message(i18n.lang())));
            return;
        }
        error.set(None);
        message.set(None);
        busy.set(true);
        spawn_local(async move {
            match set_notice_settings(&csrf, &wanted).await {
                Ok(saved) => {
                    email.set(saved.email.clone());
                    enabled.set(Some(saved.email_enabled));
                    settings.set(Some(saved));
                    message.set(Some(Said::Text(|t| t.saved_server)));
                }
                Err(ApiError::Invalid(fields)) => {
                    error.set(fields.first().map(|f| f.rule.message(i18n.lang())));
                }
                Err(other) => message.set(Some(Said::Refusal(other))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="notice-settings" aria-labelledby="notices-heading">
            <h2 id="notices-heading" class="small-heading">{move || s().notices_heading}</h2>
            <p class="muted small">{move || s().notices_lead}</p>
            <p class="notice info" hidden=move || enabled.get() != Some(false)>{move || s().notices_off}</p>
            <form class="notice-settings-form" on:submit=save novalidate>
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
        <super::push_settings::PushPanel settings/>
    }
}
