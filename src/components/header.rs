use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{LangSwitch, SearchBox};
use crate::i18n::use_i18n;
use crate::routes::AppPath;
use crate::session::use_session;

/// Site header: brand, search entry point, language switch and main navigation. It stays
/// while pages change, so its links to public pages follow the language.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The seller's app has the outbox (and keeps the count current); the buyer's app only
    // reads how many drafts wait, so the badge still shows where they are.
    let outbox = use_context::<crate::seller::drafts::Outbox>();
    let drafts_waiting = move || match outbox {
        Some(outbox) => outbox.waiting.get(),
        None => session
            .seller_id()
            .map_or(0, |id| crate::seller::drafts::waiting(&id)),
    };
    let inquiries = crate::buyer::inquiry_outbox::use_inquiry_outbox();
    let inquiries_waiting = move || inquiries.waiting.with(Vec::len);
    view! {
        <header class="site-header">
            <div class="header-top">
                <A href=move || AppPath::HOME.href_in(i18n.lang()) attr:class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-text">
                        <span class="brand-name">"Etalase Desa"</span>
                        <span class="brand-tagline">{move || i18n.t().brand_tagline}</span>
                    </span>
                </A>
                <LangSwitch/>
            </div>
            <SearchBox/>
            <nav class="main-nav" aria-label=move || i18n.t().nav_label>
                <A href=move || AppPath::HOME.href_in(i18n.lang()) exact=true>{move || i18n.t().nav_catalog}</A>
                <A href=AppPath::Inquiry { product: None }.href()>
                    {move || i18n.t().nav_inquiry}
                    <span class="outbox-count" hidden=move || { inquiries_waiting() == 0 }
                        aria-label=move || i18n.q().waiting_short>{inquiries_waiting}</span>
                </A>
                <A href=AppPath::SellerDashboard.href()>{move || i18n.t().nav_sellers}</A>
                <A href=move || AppPath::Insights.href_in(i18n.lang())>{move || i18n.t().nav_insights}</A>
                <A href=move || AppPath::About.href_in(i18n.lang())>{move || i18n.t().nav_about}</A>
                <Show when=move || session.me().is_some()
                    fallback=move || view! { <A href=AppPath::SignIn { staff: false }.href() attr:class="nav-sign-in">{move || i18n.t().nav_sign_in}</A> }>
                    <A href=AppPath::SellerDashboard.href() attr:class="nav-sign-in">
                        {move || i18n.s().dashboard_title}
                        <span class="outbox-count" hidden=move || { drafts_waiting() == 0 }
                            aria-label=move || i18n.s().status_waiting>{drafts_waiting}</span>
                    </A>
                </Show>
            </nav>
        </header>
    }
}
