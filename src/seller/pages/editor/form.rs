//! The editor itself: holds the draft being edited, saves it on the phone at every change,
//! checks it with the shared rules, and lays out the form's sections, the preview and the
//! buttons.

use etalase_model::rules::{check_listing, FieldError};
use etalase_model::ListingStatus;
use leptos::prelude::*;
use leptos_router::components::A;

use super::super::cooperative::{ListingHistory, MemberBanner};
use super::super::dashboard::status_label;
use super::basics::BasicSection;
use super::certificates::CertificatesSection;
use super::export::ExportSection;
use super::photos::PhotoManager;
use super::prices::PriceSection;
use super::submit::EditorActions;
use super::supply::SupplySection;
use crate::catalog_data::use_catalog;
use crate::components::{field_error, PageMeta, ProductCard};
use crate::i18n::use_i18n;
use crate::seller::drafts::{self, use_outbox, Draft};
use crate::seller::workspace::use_workspace;

#[component]
pub(super) fn Editor(initial: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    // A draft an operator edits for a member is theirs to send, not the member's.
    let mut initial = initial;
    if let Some(operator) = workspace.operator_id() {
        initial.made_by = Some(operator);
    }
    let catalog = use_catalog().0;
    let server_copy = RwSignal::new(initial.on_server.then(|| initial.product.clone()));
    let draft = RwSignal::new(initial);
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let photos_busy = RwSignal::new(false);
    let preview = RwSignal::new(false);

    // Autosave: keep a local copy whenever the draft differs from what the server has.
    Effect::new(move |_| {
        draft.with(|d| {
            let unchanged =
                server_copy.with(|s| s.as_ref() == Some(&d.product)) && d.pending.is_none();
            if unchanged {
                drafts::remove(&d.product.id);
            } else {
                drafts::save(d);
            }
        });
    });

    // The outbox sent the draft this editor shows as waiting (the connection came back
    // while it was open, or it was opened as it waited): the editor follows, showing the
    // listing as the server now has it, with its history, no longer "waiting". A change
    // typed since is saved here still waiting, and sent on the outbox's next try.
    let outbox = use_outbox();
    Effect::new(move |first: Option<()>| {
        outbox.last_sent.track();
        if first.is_none() {
            return;
        }
        let Some(waiting) = draft.with_untracked(|d| d.pending.is_some().then(|| d.clone())) else {
            return;
        };
        let still_waiting = drafts::load(&waiting.product.id).is_some_and(|d| d.pending.is_some());
        if !still_waiting {
            let mut sent = Draft::from_server(waiting.product.clone());
            sent.made_by = waiting.made_by;
            server_copy.set(Some(waiting.product));
            draft.set(sent);
        }
    });

    // What publishing would check, live once the seller has tried once.
    let live_errors = Memo::new(move |_| {
        draft.with(|d| {
            let status = match d.product.status {
                ListingStatus::Published => ListingStatus::Published,
                _ => ListingStatus::Draft,
            };
            check_listing(&d.outgoing(status))
        })
    });
    let errors = Memo::new(move |_| {
        if !attempted.get() {
            return Vec::new();
        }
        let mut all = live_errors.get();
        all.extend(server_errors.get());
        all
    });
    let err = move |field: &'static str| field_error(errors, field);

    let member_name = workspace.member.clone().map(|m| m.name);
    // Stored, so the preview's closure stays `Copy`.
    let ws_store = StoredValue::new(workspace.clone());
    let status_now = move || draft.with(|d| d.product.status);
    let village_name = move || {
        let slug = ws_store
            .with_value(|w| w.village_slug())
            .unwrap_or_default();
        catalog
            .get()
            .and_then(|r| r.ok())
            .and_then(|data| data.catalog.village(&slug).map(|v| v.name.clone()))
            .unwrap_or(slug)
    };
    // "New" until the server has it (published here, or sent by the outbox).
    let title = move || {
        if server_copy.with(Option::is_none) {
            i18n.s().editor_new_title
        } else {
            i18n.s().editor_edit_title
        }
    };

    view! {
        <PageMeta title=Signal::derive(move || title().to_string()) description=Signal::derive(move || i18n.s().auth_lead.to_string())/>
        <section class="panel editor">
            <A href=workspace.listings_page().href() attr:class="back-link">{
                move || match &member_name {
                    Some(name) => crate::i18n::fill(i18n.c().back_to_member, &[name]),
                    None => i18n.s().back_to_products.to_string(),
                }
            }</A>
            {workspace.member.clone().map(|m| view! { <MemberBanner member=m/> })}
            <div class="editor-head">
                <h1>{title}</h1>
                <Show when=move || draft.with(|d| d.pending.is_some())
                    fallback=move || view! {
                        <span class=move || format!("chip status-{:?}", status_now()).to_lowercase()>
                            {move || status_label(i18n.s(), status_now())}
                        </span>
                    }>
                    <span class="chip waiting">{move || i18n.s().status_waiting}</span>
                </Show>
            </div>
            <p class="muted autosave" aria-live="polite">{move || i18n.s().draft_saved_local}</p>
            <form class="form editor-form" novalidate on:submit=|ev| ev.prevent_default()>
                <BasicSection draft=draft errors=errors/>
                <PriceSection draft=draft errors=errors/>
                <SupplySection draft=draft errors=errors/>
                <fieldset class="form-section">
                    <legend>{move || i18n.s().section_photos}</legend>
                    <PhotoManager draft=draft busy=photos_busy error=err("photos")/>
                </fieldset>
                <CertificatesSection draft=draft errors=errors/>
                <ExportSection draft=draft errors=errors/>
            </form>
            <Show when=move || preview.get()>
                <section class="preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{move || i18n.s().preview_heading}</h2>
                    <div class="preview-card">
                        {move || view! { <ProductCard product=draft.with(|d| d.outgoing(ListingStatus::Published)) village=village_name()/> }}
                    </div>
                </section>
            </Show>
            <EditorActions draft server_copy attempted server_errors photos_busy preview/>
            // Re-rendered after each save, so the entry just made shows up.
            {move || server_copy.get().map(|p| view! { <ListingHistory id=p.id/> })}
        </section>
    }
}
