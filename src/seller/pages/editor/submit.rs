//! The editor's buttons and what they do: save as a draft, publish, unpublish (checked with
//! the shared rules first; queued in the outbox without a connection), show the preview,
//! and the message that says how the last press went.

use etalase_model::rules::{check_listing, FieldError};
use etalase_model::{ListingStatus, Product};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::catalog_data::use_catalog;
use crate::components::focus_field;
use crate::i18n::{use_i18n, Said, SellerTexts};
use crate::routes::show_url;
use crate::seller::drafts::{self, send, use_outbox, Draft, SendResult};
use crate::seller::workspace::use_workspace;

/// A message under the editor's buttons.
#[derive(Clone)]
enum Notice {
    Ok(Said),
    Waiting(Said),
    Problem(Said),
}

#[component]
pub(super) fn EditorActions(
    draft: RwSignal<Draft>,
    /// The listing as the server last returned it; `None` until it has it.
    server_copy: RwSignal<Option<Product>>,
    /// Whether the seller has tried to save: the form shows its errors from then on.
    attempted: RwSignal<bool>,
    /// What the server refused at the last save, shown beside the form's own checks.
    server_errors: RwSignal<Vec<FieldError>>,
    /// Photos still being processed or uploaded; saving waits for them.
    photos_busy: RwSignal<bool>,
    preview: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let catalog = use_catalog().0;
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    // Stored, so `act` stays `Copy` for the several buttons that call it.
    let ws_store = StoredValue::new(use_workspace());
    let act = move |status: ListingStatus| {
        if busy.get_untracked() {
            return;
        }
        if photos_busy.get_untracked() {
            notice.set(Some(Notice::Problem(Said::Text(|s| s.photos_busy))));
            return;
        }
        attempted.set(true);
        server_errors.set(Vec::new());
        let current = draft.get_untracked();
        let problems = check_listing(&current.outgoing(status));
        if let Some(first) = problems.first() {
            focus_field(&first.field);
            notice.set(Some(Notice::Problem(Said::Text(|s| s.form_has_errors))));
            return;
        }
        busy.set(true);
        notice.set(None);
        let workspace = ws_store.get_value();
        spawn_local(async move {
            let old_id = current.product.id.clone();
            let result = send(&workspace, current.clone(), status).await;
            busy.set(false);
            match result {
                SendResult::Sent(saved) => {
                    let saved = *saved;
                    let new_id = saved.id.clone();
                    server_copy.set(Some(saved.clone()));
                    let mut fresh = Draft::from_server(saved);
                    fresh.made_by = workspace.operator_id();
                    draft.set(fresh);
                    notice.set(Some(Notice::Ok(Said::Text(match status {
                        ListingStatus::Published => |s| s.published_ok,
                        ListingStatus::Unpublished => |s| s.unpublished_ok,
                        ListingStatus::Draft => |s| s.saved_server,
                    }))));
                    catalog.refetch();
                    if new_id != old_id {
                        show_url(workspace.editor_page(Some(&new_id)));
                    }
                }
                SendResult::Queued => {
                    let queued = drafts::load(&current.outgoing(status).id);
                    if let Some(queued) = queued.clone() {
                        draft.set(queued);
                    }
                    outbox.recount();
                    notice.set(Some(Notice::Waiting(Said::Text(|s| s.queued_offline))));
                    if let Some(q) = queued.filter(|q| q.product.id != old_id) {
                        show_url(workspace.editor_page(Some(&q.product.id)));
                    }
                }
                SendResult::Refused(error) => {
                    if let ApiError::Invalid(fields) = &error {
                        if let Some(first) = fields.first() {
                            focus_field(&first.field);
                        }
                        server_errors.set(fields.clone());
                    }
                    notice.set(Some(Notice::Problem(Said::Refusal(error))));
                }
            }
        });
    };
    let status_now = move || draft.with(|d| d.product.status);

    view! {
        <div class="editor-actions">
            <p class="form-message" role="status" aria-live="polite"
                class:ok=move || matches!(notice.get(), Some(Notice::Ok(_)))
                class:waiting=move || matches!(notice.get(), Some(Notice::Waiting(_)))
                class:problem=move || matches!(notice.get(), Some(Notice::Problem(_)))
                hidden=move || notice.with(Option::is_none)>
                {move || notice.get().map(|n| match n { Notice::Ok(t) | Notice::Waiting(t) | Notice::Problem(t) => t.render(i18n.s()) })}
            </p>
            <div class="editor-buttons">
                <button type="button" class="button secondary" aria-pressed=move || preview.get().to_string()
                    on:click=move |_| preview.update(|p| *p = !*p)>
                    {move || if preview.get() { i18n.s().close_preview } else { i18n.s().preview }}
                </button>
                <Show when=move || status_now() != ListingStatus::Published
                    fallback=move || view! {
                        <button type="button" class="button secondary" disabled=move || busy.get()
                            on:click=move |_| act(ListingStatus::Unpublished)>{move || i18n.s().unpublish}</button>
                        <button type="button" class="button primary" disabled=move || busy.get()
                            on:click=move |_| act(ListingStatus::Published)>{move || i18n.s().saved_server_button()}</button>
                    }>
                    <button type="button" class="button secondary" disabled=move || busy.get()
                        on:click=move |_| act(ListingStatus::Draft)>{move || i18n.s().save_draft}</button>
                    <button type="button" class="button primary" disabled=move || busy.get()
                        aria-busy=move || busy.get().to_string()
                        on:click=move |_| act(ListingStatus::Published)>{move || i18n.s().publish}</button>
                </Show>
            </div>
        </div>
    }
}

impl SellerTexts {
    /// The main button on an already published listing: publishing again saves changes.
    fn saved_server_button(&self) -> &'static str {
        self.save_changes
    }
}
