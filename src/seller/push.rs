//! This browser's push subscription: asking the seller's permission, subscribing with the
//! server's key, unsubscribing. Browser glue only; the dashboard panel that explains it
//! first is `pages/notice_settings.rs`, and `public/sw.js` shows what arrives.

use etalase_model::api::PushSubscriptionBody;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{NotificationPermission, PushSubscription, ServiceWorkerRegistration};

/// Where this browser stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushState {
    /// No Push API here (an old browser, or Safari on an iPhone outside a Home Screen app).
    Unsupported,
    /// The seller (or the browser) blocked notifications for the site.
    Blocked,
    Off,
    /// Subscribed: the subscription to give the server.
    On(PushSubscriptionBody),
}

/// Why turning push on did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushFailure {
    Unsupported,
    /// Permission refused or dismissed.
    Blocked,
    /// The browser's push service could not be reached or refused (often: no Google Play
    /// services, or no connection).
    Service,
    /// The app is still being kept on this phone (its worker installing) after a minute.
    NotReady,
}

fn supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    ["PushManager", "Notification", "ServiceWorkerRegistration"]
        .iter()
        .all(|name| js_sys::Reflect::has(&window, &JsValue::from_str(name)).unwrap_or(false))
}

/// The service worker's registration once it has an active worker, or an error after
/// `limit_ms`: `ready` never settles where the worker could not be installed (a private
/// window, storage refused), and the panel must not wait for ever.
async fn ready_within(limit_ms: i32) -> Result<ServiceWorkerRegistration, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let ready = window.navigator().service_worker().ready()?;
    let timeout = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, limit_ms);
    });
    let first = js_sys::Promise::race(&js_sys::Array::of2(&ready, &timeout));
    JsFuture::from(first).await?.dyn_into()
}

/// The registration as it is now, active or still installing. A first visit on weak data
/// installs for a long while (the worker keeps both app shells first), and the browser
/// supports push all the same: waiting for `ready` here told such a seller their browser
/// could not receive notifications.
async fn registration_now() -> Option<ServiceWorkerRegistration> {
    let container = web_sys::window()?.navigator().service_worker();
    let found = JsFuture::from(container.get_registration()).await.ok()?;
    found.dyn_into().ok()
}

/// Whether the registration has a worker that can subscribe and receive pushes.
fn is_active(registration: &ServiceWorkerRegistration) -> bool {
    registration.active().is_some()
}

async fn existing(registration: &ServiceWorkerRegistration) -> Option<PushSubscription> {
    let promise = registration.push_manager().ok()?.get_subscription().ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// `PushSubscription.toJSON()`, as the server takes it.
fn body_of(subscription: &PushSubscription) -> Option<PushSubscriptionBody> {
    let json = subscription.to_json().ok()?;
    let text = js_sys::JSON::stringify(&json).ok()?;
    serde_json::from_str(&String::from(text)).ok()
}

/// Where this browser stands now (reads; asks nothing).
pub async fn current() -> PushState {
    if !supported() {
        return PushState::Unsupported;
    }
    if web_sys::Notification::permission() == NotificationPermission::Denied {
        return PushState::Blocked;
    }
    let registration = match registration_now().await {
        Some(registration) => registration,
        // Not registered yet (the app registers it as it starts): give it a moment, then
        // take it as it is; none at all means the browser would not keep a worker.
        None => match ready_within(5_000).await {
            Ok(registration) => registration,
            Err(_) => match registration_now().await {
                Some(registration) => registration,
                None => return PushState::Unsupported,
            },
        },
    };
    match existing(&registration).await.as_ref().and_then(body_of) {
        Some(body) if web_sys::Notification::permission() == NotificationPermission::Granted => {
            PushState::On(body)
        }
        _ => PushState::Off,
    }
}

/// Asks permission (the browser's own prompt) and subscribes with `server_key` (the VAPID
/// public key, base64url). Subscribing needs the worker active: while it is still being
/// installed, `waiting` is called (for the page to say so) and this waits up to a minute.
pub async fn turn_on(
    server_key: &str,
    waiting: impl FnOnce(),
) -> Result<PushSubscriptionBody, PushFailure> {
    if !supported() {
        return Err(PushFailure::Unsupported);
    }
    let asked = web_sys::Notification::request_permission().map_err(|_| PushFailure::Blocked)?;
    let answer = JsFuture::from(asked)
        .await
        .map_err(|_| PushFailure::Blocked)?;
    if answer.as_string().as_deref() != Some("granted") {
        return Err(PushFailure::Blocked);
    }
    let installing = registration_now().await.is_some_and(|r| !is_active(&r));
    if installing {
        waiting();
    }
    let registration = ready_within(if installing { 60_000 } else { 5_000 })
        .await
        .map_err(|_| {
            if installing {
                PushFailure::NotReady
            } else {
                PushFailure::Unsupported
            }
        })?;
    let manager = registration
        .push_manager()
        .map_err(|_| PushFailure::Unsupported)?;
    let mut key = base64url_bytes(server_key).ok_or(PushFailure::Service)?;
    let options = web_sys::PushSubscriptionOptionsInit::new();
    options.set_user_visible_only(true);
    options.set_application_server_key_opt_u8_slice(Some(&mut key));
    let subscribed = manager
        .subscribe_with_options(&options)
        .map_err(|_| PushFailure::Service)?;
    let subscription: PushSubscription = JsFuture::from(subscribed)
        .await
        .map_err(|_| PushFailure::Service)?
        .dyn_into()
        .map_err(|_| PushFailure::Service)?;
    body_of(&subscription).ok_or(PushFailure::Service)
}

/// Unsubscribes this browser; the endpoint it had, for the server to forget.
pub async fn turn_off() -> Option<String> {
    let registration = registration_now().await?;
    let subscription = existing(&registration).await?;
    let endpoint = subscription.endpoint();
    if let Ok(promise) = subscription.unsubscribe() {
        // Forgotten by the server either way; a failure here leaves a subscription the
        // push service will report gone.
        let _ = JsFuture::from(promise).await;
    }
    Some(endpoint)
}

/// base64url (padded or not) to bytes, with the browser's `atob`.
fn base64url_bytes(text: &str) -> Option<Vec<u8>> {
    let mut standard: String = text
        .trim()
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let padding = (4 - standard.len() % 4) % 4;
    standard.push_str(&"==="[..padding]);
    let binary = web_sys::window()?.atob(&standard).ok()?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}
