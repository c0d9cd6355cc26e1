//! The two root components — the buyer's [`App`] and the seller's [`SellerApp`] — and the
//! shell they share (app-wide context, header, footer, skip link).
//!
//! They are separate wasm bundles (`src/main.rs`, `src/bin/seller.rs`) so buyers never
//! download the seller's code; `etalase_model::AppArea` says which one owns a path, and a
//! route one app does not have is handed to the other by a full page load ([`Elsewhere`]).
//! Their route tables are in [`crate::routes`].

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{RouteChildren, Router, Routes, RoutesProps};
use leptos_router::hooks::use_location;
use leptos_router::MatchNestedRoutes;

use etalase_model::AppArea;

use crate::catalog_data::TypedQueryFollowsUrl;
use crate::components::NotFoundPage;
use crate::components::{Footer, Header};
use crate::i18n::I18n;
use crate::routes::{seller_routes, shop_routes};

/// Moves focus to `<main>`. The router intercepts same-page anchors, so the browser's own
/// fragment jump (which would move focus) never happens; do it explicitly.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        crate::components::focus_element(main);
    }
}

/// Context every page of both apps reads; each root calls it first.
fn provide_app_context(area: AppArea) -> I18n {
    provide_meta_context();
    let i18n = I18n::start(area);
    i18n.sync_document_lang();
    provide_context(i18n);
    crate::catalog_data::provide_catalog(area);
    crate::session::provide_session();
    crate::buyer::inquiry_outbox::provide_inquiry_outbox();
    i18n
}

/// The page frame both apps share around their routes.
#[component]
fn Frame(i18n: I18n, children: Children) -> impl IntoView {
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || i18n.t().skip_to_content}
            </a>
            <TypedQueryFollowsUrl/>
            <Header/>
            <main id="main" tabindex="-1">{children()}</main>
            <Footer/>
        </Router>
    }
}

/// The buyer's app. URLs are real paths (history API); the server answers any of them with
/// its area's HTML shell, so a reload or a link shared on WhatsApp opens the same page.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_app_context(AppArea::Shop);
    // The page is built in a task after the one that set up the app and started the
    // catalog's load: the two in one task were the longest of a phone's load. The
    // server's written page shows meanwhile.
    let built = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::event_loop::next_task().await;
        built.set(true);
    });
    view! {
        <Show when=move || built.get()>
            <Frame i18n>
                {routes(AppArea::Shop, shop_routes)}
            </Frame>
        </Show>
    }
}

/// The seller's app: sign-in, dashboard, listing editor (with the photo worker) and inbox.
#[component]
pub fn SellerApp() -> impl IntoView {
    let i18n = provide_app_context(AppArea::Seller);
    crate::seller::staff_session::provide_staff_session();
    crate::seller::drafts::provide_outbox();
    view! {
        <Frame i18n>
            {routes(AppArea::Seller, seller_routes)}
        </Frame>
    }
}

/// The `<Routes>` of the app for `here`, from its table in [`crate::routes`] (written out
/// here because the `view!` macro only takes routes as literal `<Route>` children).
fn routes<Defs>(here: AppArea, defs: fn() -> Defs) -> impl IntoView
where
    Defs: MatchNestedRoutes + Clone + Send + 'static,
{
    Routes(
        RoutesProps::builder()
            .fallback(move || view! { <Elsewhere here/> })
            .children(RouteChildren::to_children(defs))
            .build(),
    )
}

/// A path this app has no route for: if the other app owns it, load that app (replacing
/// the history entry the router just pushed, so Back still works); otherwise it is a 404.
#[component]
fn Elsewhere(here: AppArea) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    if AppArea::of(&path) == here {
        return NotFoundPage().into_any();
    }
    let target = format!(
        "{path}{}{}",
        location.search.get_untracked(),
        location.hash.get_untracked()
    );
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(&target);
    }
    view! { <div class="boot-bar" role="progressbar" aria-busy="true"></div> }.into_any()
}
