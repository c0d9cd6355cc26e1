//! The listing editor: every field of a listing, photos, preview, save, publish. This file
//! finds the draft to open; `form` is the editor, one file (or folder, for `photos`) per
//! section of the form beside it, and `submit` its buttons.
//!
//! The draft lives in a signal and is written to the phone's storage on every change (see
//! `drafts`), so nothing typed is lost. Checks are the shared rules, shown once the seller
//! first tries to save, and then updated live as they fix each field.

mod basics;
mod bindings;
mod certificates;
mod export;
mod form;
mod photos;
mod prices;
mod submit;
mod supply;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use super::dashboard::SignInFirst;
use crate::api::seller::listings_at;
use crate::api::ApiError;
use crate::catalog_data::today;
use crate::components::NotFoundPanel;
use crate::i18n::{use_i18n, Said};
use crate::routes::NEW_LISTING;
use crate::seller::drafts::{self, Draft};
use crate::seller::workspace::use_workspace;
use form::Editor;

#[component]
pub fn ListingEditorPage() -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <Show when=move || workspace.signed_in() fallback=SignInFirst>
            <EditorLoader/>
        </Show>
    }
}

/// Finds the draft to edit: on this phone first (it is the newest), else on the server.
/// `baru` starts a new draft and moves to its own URL, so a reload reopens the same one.
#[component]
fn EditorLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    let workspace = use_workspace();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ws = workspace.clone();
    let seller_id = move || ws.seller_id().unwrap_or_default();
    // `baru` only names a fresh draft and moves on; the editor opens at the draft's own URL.
    Effect::new(move |_| {
        if id.get() == NEW_LISTING {
            let draft = Draft::new(today(), &seller_id());
            drafts::save(&draft);
            navigate(
                &workspace.editor_page(Some(&draft.product.id)).href(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let listings_url = use_workspace().api().listings();
    let seller_id = move || use_workspace().seller_id().unwrap_or_default();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        let listings_url = listings_url.clone();
        let seller_id = seller_id();
        async move {
            if id == NEW_LISTING {
                return Ok(Loaded::Redirecting);
            }
            if let Some(draft) = drafts::load_own(&id, &seller_id) {
                return Ok(Loaded::Found(Box::new(draft)));
            }
            let list = listings_at(&listings_url).await?;
            Ok::<_, ApiError>(match list.into_iter().find(|p| p.id == id) {
                Some(p) => Loaded::Found(Box::new(Draft::from_server(p))),
                None => Loaded::Missing,
            })
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(Loaded::Found(draft)) => view! { <Editor initial=*draft/> }.into_any(),
                    Ok(Loaded::Redirecting) => ().into_any(),
                    Ok(Loaded::Missing) => view! { <NotFoundPanel message=|t| t.not_found_body/> }.into_any(),
                    Err(err) => {
                        let said = Said::Refusal(err);
                        view! { <p class="panel notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[derive(Clone)]
enum Loaded {
    Redirecting,
    Found(Box<Draft>),
    Missing,
}
