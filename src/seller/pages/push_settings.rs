//! The dashboard's "Notifications on your phone" panel: explains what push does before the
//! browser asks, turns it on and off for this browser, and says plainly why it cannot be
//! (an old browser, notifications blocked, the push service unreachable).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::seller::{push_subscribe, push_unsubscribe, NoticeSettingsView};
use crate::api::ApiError;
use crate::i18n::seller::push::{texts, PushTexts};
use crate::i18n::{fill, use_i18n, Said};
use crate::seller::push::{current, turn_off, turn_on, PushFailure, PushState};
use crate::session::use_session;

/// What the panel last said.
#[derive(Clone, Debug)]
enum Told {
    Text(fn(&'static PushTexts) -> &'static str),
    Refusal(ApiError),
}

/// `settings`: the seller's notice settings as last read or written (the server's key and
/// how many of their browsers get push); `None` while loading.
#[component]
pub fn PushPanel(settings: RwSignal<Option<NoticeSettingsView>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang());
    let session = use_session();
    // `None`: still checking this browser.
    let state = RwSignal::new(None::<PushState>);
    let told = RwSignal::new(None::<Told>);
    let busy = RwSignal::new(false);

    // Read where this browser stands; a subscription the browser already has is given to
    // the server again, so one the push service renewed is never lost.
    Effect::new(move |checked: Option<bool>| {
        if checked == Some(true) {
            return true;
        }
        let Some(key) = settings.with(|s| s.as_ref().map(|s| s.push_key.clone())) else {
            return false;
        };
        spawn_local(async move {
            let found = current().await;
            if let (PushState::On(body), false, Some(csrf)) =
                (&found, key.is_empty(), session.csrf())
            {
                if let Ok(saved) = push_subscribe(&csrf, body).await {
                    settings.set(Some(saved));
                }
            }
            state.set(Some(found));
        });
        true
    });

    let on = move |_| {
        let Some(key) = settings.with_untracked(|s| s.as_ref().map(|s| s.push_key.clone())) else {
            return;
        };
        let Some(csrf) = session.csrf() else { return };
        busy.set(true);
        told.set(None);
        spawn_local(async move {
            let waiting = move || told.set(Some(Told::Text(|t| t.installing)));
            match turn_on(&key, waiting).await {
                Ok(body) => match push_subscribe(&csrf, &body).await {
                    Ok(saved) => {
                        settings.set(Some(saved));
                        state.set(Some(PushState::On(body)));
                        told.set(Some(Told::Text(|t| t.turned_on)));
                    }
                    Err(refusal) => told.set(Some(Told::Refusal(refusal))),
                },
                Err(failure) => {
                    let (now, why): (PushState, fn(&'static PushTexts) -> &'static str) =
                        match failure {
                            PushFailure::Unsupported => (PushState::Unsupported, |t| t.unsupported),
                            PushFailure::Blocked => (PushState::Blocked, |t| t.blocked),
                            PushFailure::Service => (PushState::Off, |t| t.service),
                            PushFailure::NotReady => (PushState::Off, |t| t.not_ready),
                        };
                    state.set(Some(now));
                    told.set(Some(Told::Text(why)));
                }
            }
            busy.set(false);
        });
    };
    let off = move |_| {
        let Some(csrf) = session.csrf() else { return };
        busy.set(true);
        told.set(None);
        spawn_local(async move {
            let endpoint = match state.get_untracked() {
                Some(PushState::On(body)) => Some(body.endpoint),
                _ => None,
            };
            let endpoint = turn_off().await.or(endpoint);
            let result = match endpoint {
                Some(endpoint) => push_unsubscribe(&csrf, endpoint).await.map(Some),
                None => Ok(None),
            };
            match result {
                Ok(saved) => {
                    if let Some(saved) = saved {
                        settings.set(Some(saved));
                    }
                    state.set(Some(PushState::Off));
                    told.set(Some(Told::Text(|t| t.turned_off)));
                }
                Err(refusal) => told.set(Some(Told::Refusal(refusal))),
            }
            busy.set(false);
        });
    };

    let server_off = move || settings.with(|s| s.as_ref().is_some_and(|s| s.push_key.is_empty()));
    let standing = move || -> Option<&'static str> {
        let t = t();
        if server_off() {
            return Some(t.server_off);
        }
        match state.get()? {
            PushState::Unsupported => Some(t.unsupported),
            PushState::Blocked => Some(t.blocked),
            PushState::On(_) => Some(t.on_here),
            PushState::Off => None,
        }
    };
    let devices = move || {
        settings
            .with(|s| s.as_ref().map(|s| s.push_devices))
            .filter(|n| *n > 0)
            .map(|n| fill(t().devices, &[&n.to_string()]))
    };
    let can_turn_on = move || !server_off() && matches!(state.get(), Some(PushState::Off));
    let can_turn_off = move || matches!(state.get(), Some(PushState::On(_)));
    view! {
        <section class="push-settings" aria-labelledby="push-heading">
            <h2 id="push-heading" class="small-heading">{move || t().heading}</h2>
            <p class="muted small">{move || t().lead}</p>
            <p class="muted small" role="status" hidden=move || state.with(Option::is_some) || server_off()>
                {move || t().checking}
            </p>
            <p class="notice info" hidden=move || standing().is_none()>{standing}</p>
            <p class="muted small" hidden=move || devices().is_none()>{devices}</p>
            <div class="push-actions">
                <button type="button" class="button secondary" on:click=on
                    hidden=move || !can_turn_on() disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>{move || t().turn_on}</button>
                <button type="button" class="button secondary" on:click=off
                    hidden=move || !can_turn_off() disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>{move || t().turn_off}</button>
            </div>
            <p class="form-message" role="status" hidden=move || told.with(Option::is_none)>
                {move || told.get().map(|said| match said {
                    Told::Text(pick) => pick(t()).to_string(),
                    Told::Refusal(refusal) => Said::Refusal(refusal).render(i18n.s()),
                })}
            </p>
        </section>
    }
}
