use leptos::prelude::*;

use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/permintaan`: purchase inquiries and export RFQs.
#[component]
pub fn InquiryPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.t().inquiry_title.to_string())
            description=Signal::derive(move || i18n.t().inquiry_lead.to_string())
        />
        <section class="panel">
            <h1>{move || i18n.t().inquiry_title}</h1>
            <p class="lead">{move || i18n.t().inquiry_lead}</p>
            <p class="muted">{move || i18n.t().coming_soon}</p>
        </section>
    }
}
