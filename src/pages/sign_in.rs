use leptos::prelude::*;

use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/masuk`: sign in.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.t().sign_in_title.to_string())
            description=Signal::derive(move || i18n.t().sign_in_lead.to_string())
        />
        <section class="panel">
            <h1>{move || i18n.t().sign_in_title}</h1>
            <p class="lead">{move || i18n.t().sign_in_lead}</p>
            <p class="muted">{move || i18n.t().coming_soon}</p>
        </section>
    }
}
