use leptos::prelude::*;

use crate::api;
use crate::components::PageMeta;
use crate::i18n::use_i18n;

/// `/tentang`: what Etalase Desa is, and whether the server is healthy right now.
#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || i18n.t().about_title.to_string())
            description=Signal::derive(move || i18n.t().about_meta.to_string())
        />
        <section class="panel prose">
            <h1>{move || i18n.t().about_title}</h1>
            <p>{move || i18n.t().about_body}</p>
            <h2>{move || i18n.t().about_data_heading}</h2>
            <p>
                {move || i18n.t().about_data_body}" "
                <a href="https://github.com/fityannugroho/idn-area-data" rel="noopener">"idn-area-data"</a>
                " · "
                <a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="noopener">"ODbL 1.0"</a>
            </p>
        </section>
        <ServerStatus/>
    }
}

/// Live health of the server, with loading and error states.
#[component]
fn ServerStatus() -> impl IntoView {
    let i18n = use_i18n();
    let health = LocalResource::new(api::health);
    view! {
        <section class="panel" aria-live="polite">
            <h2>{move || i18n.t().server_status}</h2>
            <Suspense fallback=move || view! { <p class="muted">{i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match health.await {
                        Ok(h) if h.database.ok => view! {
                            <p class="status ok">{i18n.t().server_ok}" · v"{h.version}</p>
                        }.into_any(),
                        Ok(_) => view! { <p class="status bad">{i18n.t().server_degraded}</p> }.into_any(),
                        Err(err) => view! {
                            <p class="status bad" role="alert">
                                {if err == api::ApiError::Network { i18n.t().error_network } else { i18n.t().error_server }}
                            </p>
                            <button type="button" class="button secondary" on:click=move |_| health.refetch()>
                                {i18n.t().retry}
                            </button>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
