//! The root component: app-wide context (language, metadata) and the route table.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{Footer, Header};
use crate::i18n::I18n;
use crate::pages::{
    AboutPage, HomePage, InboxPage, InquiryPage, InsightsPage, ListingEditorPage, NotFoundPage,
    ProductPage, SellerPage, SignInPage, TrackPage, VillagePage,
};

/// Moves focus to `<main>`. The router intercepts same-page anchors, so the browser's own
/// fragment jump (which would move focus) never happens; do it explicitly.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

/// The whole app. URLs are real paths (history API); the server answers any of them with
/// index.html, so a reload or a link shared on WhatsApp opens the same page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n::from_storage();
    i18n.sync_document_lang();
    provide_context(i18n);
    crate::catalog_data::provide_catalog();
    crate::session::provide_session();
    crate::drafts::provide_outbox();
    crate::inquiry_outbox::provide_inquiry_outbox();

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || i18n.t().skip_to_content}
            </a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/produk/:id") view=ProductPage/>
                    <Route path=path!("/desa/:slug") view=VillagePage/>
                    <Route path=path!("/penjual") view=SellerPage/>
                    <Route path=path!("/penjual/produk/:id") view=ListingEditorPage/>
                    <Route path=path!("/masuk") view=SignInPage/>
                    <Route path=path!("/penjual/permintaan") view=InboxPage/>
                    <Route path=path!("/permintaan") view=InquiryPage/>
                    <Route path=path!("/permintaan/lacak/:token") view=TrackPage/>
                    <Route path=path!("/wawasan") view=InsightsPage/>
                    <Route path=path!("/tentang") view=AboutPage/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
