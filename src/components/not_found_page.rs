use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageMeta;
use crate::i18n::use_i18n;
use crate::routes::AppPath;

/// Any unknown path: say so plainly and offer the way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.t().not_found_title.to_string())
            description=Signal::derive(move || i18n.t().not_found_body.to_string())
        />
        <section class="panel not-found">
            <p class="big-code" aria-hidden="true">"404"</p>
            <h1>{move || i18n.t().not_found_title}</h1>
            <p>{move || i18n.t().not_found_body}</p>
            <A href=AppPath::HOME.href() attr:class="button primary">{move || i18n.t().not_found_home}</A>
        </section>
    }
}
