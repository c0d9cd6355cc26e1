use std::sync::Arc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::catalog_data::{use_catalog, CatalogData};
use crate::i18n::use_i18n;

/// Renders `render` once the catalog is loaded: a skeleton while loading, an error with a
/// retry button when the server is unreachable and nothing is saved, and a notice when the
/// saved copy is shown offline.
#[component]
pub fn WithCatalog<F, V>(
    /// Builds the page from the loaded catalog.
    render: F,
    /// How many placeholder cards the skeleton shows.
    #[prop(default = 6)]
    skeleton_cards: usize,
) -> impl IntoView
where
    F: Fn(Arc<CatalogData>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let resource = use_catalog().0;
    let fallback = move || view! { <Skeleton cards=skeleton_cards/> };
    view! {
        <Suspense fallback=fallback>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => {
                            let offline = data.from_cache.then(|| view! {
                                <p class="notice offline" role="status">{move || i18n.t().offline_cached}</p>
                            });
                            view! { {offline} {render(data)} }.into_any()
                        }
                        Err(err) => view! { <LoadError err=err on_retry=move || resource.refetch()/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Grey placeholder cards in the shape of the results, so the layout does not jump.
#[component]
fn Skeleton(
    /// Number of placeholder cards.
    cards: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{move || i18n.t().loading}</p>
            <div class="card-grid">
                {(0..cards).map(|_| view! {
                    <div class="card skeleton-card" aria-hidden="true">
                        <div class="sk sk-img"></div>
                        <div class="sk sk-line"></div>
                        <div class="sk sk-line short"></div>
                    </div>
                }).collect_view()}
            </div>
        </div>
    }
}

/// Why loading failed, in the reader's language, with a way to try again.
#[component]
pub fn LoadError<R>(
    /// What went wrong.
    err: ApiError,
    /// Called when the reader asks to try again.
    on_retry: R,
) -> impl IntoView
where
    R: Fn() + 'static,
{
    let i18n = use_i18n();
    let detail = move || match err {
        ApiError::Network => i18n.t().error_network,
        _ => i18n.t().error_server,
    };
    view! {
        <div class="panel load-error" role="alert">
            <h2>{move || i18n.t().load_error}</h2>
            <p>{detail}</p>
            <button type="button" class="button primary" on:click=move |_| on_retry()>
                {move || i18n.t().retry}
            </button>
        </div>
    }
}
