//! Photos of a listing: pick from the phone, process in the photo worker (upright, small, no
//! GPS), upload with progress and retries, then reorder, choose the cover, remove.
//!
//! When the worker's photo coach has hints (cut off, too dark, washed out, blurry, too
//! small), the photo's row shows them beside its thumbnail with a retake tip, as a quiet
//! status note: the upload goes on regardless. A good photo gets no note. The worker is
//! started and warmed up when the editor opens, so the first photo does not wait for it.
//!
//! This file is the section and its list of photos in progress; `pipeline` takes one photo
//! through the worker and the upload, `coach` shows its note, `grid` the uploaded photos.

mod coach;
mod grid;
mod pipeline;

use etalase_model::rules::MAX_PHOTOS;
use etalase_photo::{PhotoHint, Stage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::i18n::{fill, use_i18n, Said, SellerTexts};
use crate::seller::drafts::Draft;
use crate::seller::photo_client::PhotoWorker;
use crate::seller::workspace::use_workspace;
use coach::CoachNote;
use grid::PhotoGrid;
use pipeline::{process_one, warm_when_idle};

/// Where one picked photo is.
#[derive(Clone, Debug)]
enum Phase {
    Queued,
    Processing(Stage),
    Uploading,
    /// Lost the connection; retrying after this many seconds.
    Retrying(u32),
    Done,
    Failed(Said),
}

#[derive(Clone, Debug)]
struct Job {
    key: u32,
    name: String,
    phase: Phase,
    /// 0–1 over the whole job: processing is the first 60 %, uploading the rest.
    progress: f32,
    /// The photo coach's hints, once processed; empty for a good photo.
    hints: Vec<PhotoHint>,
    /// An object URL of the processed thumbnail, shown beside the hints (revoked when the
    /// job leaves the list).
    preview: Option<String>,
}

const PROCESS_SHARE: f32 = 0.6;

fn phase_text(s: &'static SellerTexts, phase: &Phase) -> String {
    match phase {
        Phase::Queued => s.stage_queued.into(),
        Phase::Processing(Stage::Decode) => s.stage_decode.into(),
        Phase::Processing(Stage::Resize) => s.stage_resize.into(),
        Phase::Processing(Stage::Encode) => s.stage_encode.into(),
        Phase::Uploading => s.stage_upload.into(),
        Phase::Retrying(secs) => fill(s.stage_retry, &[secs]),
        Phase::Done => s.stage_done.into(),
        Phase::Failed(said) => said.render(s),
    }
}

#[component]
pub fn PhotoManager(
    draft: RwSignal<Draft>,
    /// True while photos are being processed or uploaded; publishing waits for it.
    busy: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let jobs = RwSignal::new(Vec::<Job>::new());
    let worker = StoredValue::new_local(None::<PhotoWorker>);
    let next_key = StoredValue::new(0u32);
    let photo_count = move || draft.with(|d| d.product.photos.len());

    let set_job = move |key: u32, phase: Phase, progress: f32| {
        jobs.update(|list| {
            if let Some(job) = list.iter_mut().find(|j| j.key == key) {
                job.phase = phase;
                job.progress = progress;
            }
        });
    };

    let set_coach = move |key: u32, hints: Vec<PhotoHint>, preview: Option<String>| {
        jobs.update(|list| {
            if let Some(job) = list.iter_mut().find(|j| j.key == key) {
                job.hints = hints;
                job.preview = preview;
            }
        });
    };
    on_cleanup(move || {
        jobs.with_untracked(|list| list.iter().for_each(revoke_preview));
    });
    warm_when_idle(
        worker,
        draft.with_untracked(|d| d.product.photos.len()) < MAX_PHOTOS,
    );

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let free = MAX_PHOTOS.saturating_sub(photo_count());
        let files: Vec<web_sys::File> = (0..list.length())
            .filter_map(|i| list.get(i))
            .take(free)
            .collect();
        // Allow picking the same file again after fixing it.
        input.set_value("");
        if files.is_empty() {
            return;
        }
        let mut batch = Vec::new();
        jobs.update(|list| {
            list.retain(|j| {
                let finished = matches!(j.phase, Phase::Done | Phase::Failed(_));
                if finished {
                    revoke_preview(j);
                }
                !finished
            });
            for file in &files {
                let key = next_key.get_value();
                next_key.set_value(key + 1);
                list.push(Job {
                    key,
                    name: file.name(),
                    phase: Phase::Queued,
                    progress: 0.0,
                    hints: Vec::new(),
                    preview: None,
                });
                batch.push((key, file.clone()));
            }
        });
        busy.set(true);
        // Where the photos go and under whose session: the seller's, or the operator's
        // for a member.
        let upload_to = workspace
            .csrf()
            .map(|csrf| (workspace.api().uploads(), csrf));
        spawn_local(async move {
            for (key, file) in batch {
                process_one(
                    key,
                    file,
                    draft,
                    worker,
                    upload_to.clone(),
                    set_job,
                    set_coach,
                )
                .await;
            }
            busy.set(false);
        });
    };

    let overall = move || {
        jobs.with(|list| {
            let total = list.len();
            let finished = list
                .iter()
                .filter(|j| matches!(j.phase, Phase::Done | Phase::Failed(_)))
                .count();
            let sum: f32 = list.iter().map(|j| j.progress).sum();
            (
                finished,
                total,
                if total == 0 { 0.0 } else { sum / total as f32 },
            )
        })
    };

    view! {
        <p class="hint">{move || i18n.s().photos_hint}</p>
        <p class="field-error" role="alert" hidden=move || error.get().is_none()>{move || error.get()}</p>
        <PhotoGrid draft=draft/>
        <div class="photo-jobs" hidden=move || jobs.with(Vec::is_empty)>
            <p class="overall" aria-live="polite">
                {move || {
                    let (finished, total, _) = overall();
                    fill(i18n.s().photos_overall, &[&(finished + 1).min(total), &total])
                }}
            </p>
            <progress class="overall-bar" max="100" value=move || (overall().2 * 100.0).round().to_string()
                aria-label=move || i18n.s().section_photos></progress>
            <ul class="job-list">
                <For each=move || jobs.get() key=|j| (j.key, format!("{:?}", j.phase), (j.progress * 100.0) as u32, j.hints.len()) let:job>
                    <li class="job" class:failed=matches!(job.phase, Phase::Failed(_)) data-phase=format!("{:?}", job.phase)>
                        <span class="job-name">{job.name.clone()}</span>
                        <progress max="100" value=(job.progress * 100.0).round().to_string()
                            aria-label=job.name.clone()></progress>
                        <span class="job-phase" role=if matches!(job.phase, Phase::Failed(_)) { "alert" } else { "status" }>
                            {let phase = job.phase.clone(); move || phase_text(i18n.s(), &phase)}
                            {(!matches!(job.phase, Phase::Failed(_))).then(|| format!(" · {}%", (job.progress * 100.0).round()))}
                        </span>
                        {(!job.hints.is_empty()).then(|| view! { <CoachNote hints=job.hints.clone() preview=job.preview.clone()/> })}
                    </li>
                </For>
            </ul>
        </div>
        <label class="button secondary file-button" class:disabled=move || { photo_count() >= MAX_PHOTOS }>
            <input type="file" id="f-photos" accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
                multiple class="visually-hidden" on:change=on_pick
                disabled=move || { photo_count() >= MAX_PHOTOS }/>
            {move || if photo_count() >= MAX_PHOTOS { i18n.s().photos_full } else { i18n.s().add_photos }}
        </label>
    }
}

fn revoke_preview(job: &Job) {
    if let Some(url) = &job.preview {
        let _ = web_sys::Url::revoke_object_url(url);
    }
}
