//! Etalase Desa's browser app: a Leptos single-page app rendered on the client.
//!
//! `app` holds the two root components (buyer's and seller's app, separate wasm bundles),
//! their routes and app-wide context; `pages/` has one module per route;
//! `components/` reusable widgets; `i18n` every user-visible string; `api` is the only
//! module that knows server URLs. Business rules come from `etalase-model`, shared with
//! the server.

pub mod api;
pub mod app;
pub mod catalog_data;
pub mod components;
pub mod drafts;
pub mod i18n;
pub mod inquiry_outbox;
pub mod intl;
pub mod pages;
pub mod photo_client;
pub mod retry_waiting;
pub mod routes;
pub mod session;
pub mod signed_in;
pub mod staff_session;
pub mod storage;
pub mod workspace;

/// Mounts `root` (the buyer's or the seller's app) on `<body>`, replacing the loading
/// placeholder from the HTML shell.
pub fn mount<V: leptos::prelude::IntoView + 'static>(root: fn() -> V) {
    console_error_panic_hook::set_once();
    if let Some(splash) = leptos::prelude::document().get_element_by_id("boot") {
        splash.remove();
    }
    register_service_worker();
    leptos::mount::mount_to_body(root);
}

/// Installs `/sw.js`, which keeps the app shell and the last catalog for offline visits.
/// Failure (old browser, private mode) only means no offline support.
fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("/sw.js");
    }
}
