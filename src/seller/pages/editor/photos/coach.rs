//! The photo coach's note on a processed photo (cut off, too dark, washed out, blurry, too
//! small), shown in the photo's row while its upload goes on.

use etalase_photo::PhotoHint;
use leptos::prelude::*;

use crate::i18n::seller::photo_hint;
use crate::i18n::use_i18n;

/// The photo coach's advice on one processed photo: its thumbnail, what a retake would
/// improve and how. A status, not an alert: the upload is already under way.
#[component]
pub(super) fn CoachNote(
    /// The coach's hints, most important first (never empty here).
    hints: Vec<PhotoHint>,
    /// Object URL of the processed thumbnail.
    preview: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="coach" role="status">
            {preview.map(|src| view! {
                <img class="coach-thumb" src=src alt=move || i18n.s().coach_preview width="64" height="64"/>
            })}
            <div class="coach-body">
                <p class="coach-heading">{move || i18n.s().coach_heading}</p>
                <ul class="coach-hints">
                    {hints.into_iter().map(|hint| view! {
                        <li data-hint=format!("{hint:?}")>
                            <strong>{move || photo_hint(i18n.s(), hint).0}</strong>
                            " "
                            <span>{move || photo_hint(i18n.s(), hint).1}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="coach-kept">{move || i18n.s().coach_kept}</p>
            </div>
        </div>
    }
}
