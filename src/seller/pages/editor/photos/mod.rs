//! Photos of a listing: pick from the phone, process in the photo worker (upright, small, no
//! GPS), upload with progress and retries, then reorder, choose the cover, remove.
//!
//! When the worker's photo coach has hints (cut off, too dark, washed out, blurry, too
//! small), the photo's row shows them beside its thumbnail with a retake tip, as a quiet
//! status note: the upload goes on regardless. A good photo gets no note. The worker is
//! started and warmed up when the editor opens, so the first photo does not wait for it.

use etalase_model::rules::MAX_PHOTOS;
use etalase_model::Photo;
use etalase_photo::{PhotoHint, Stage};
use leptos::leptos_dom::helpers::set_timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::seller::{upload_photo, Base, Uploaded};
use crate::api::ApiError;
use crate::i18n::seller::photo_hint;
use crate::i18n::{fill, use_i18n, Said, SellerTexts};
use crate::seller::drafts::Draft;
use crate::seller::photo_client::PhotoWorker;
use crate::seller::workspace::use_workspace;

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
/// Waits between upload attempts on a dropped connection.
const BACKOFF_SECONDS: [u32; 5] = [2, 4, 8, 16, 30];

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
        let upload_to = workspace.csrf().map(|csrf| (workspace.api(), csrf));
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

/// The photo coach's advice on one processed photo: its thumbnail, what a retake would
/// improve and how. A status, not an alert: the upload is already under way.
#[component]
fn CoachNote(
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

/// An object URL for JPEG bytes, to show a processed photo before it is uploaded.
fn jpeg_url(bytes: &[u8]) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// The editor's photo worker, started on first use; `None` once the editor has closed.
fn shared_worker(worker: StoredValue<Option<PhotoWorker>, LocalStorage>) -> Option<PhotoWorker> {
    worker.try_update_value(|w| w.get_or_insert_with(PhotoWorker::new).clone())
}

/// Starts and warms the photo worker when the browser is idle after the editor opens, so the
/// seller's first photo is processed as fast as the later ones (`PhotoWorker::warm`); not when
/// the listing already has all its photos.
fn warm_when_idle(worker: StoredValue<Option<PhotoWorker>, LocalStorage>, room_for_photos: bool) {
    /// Idle time may not come for long on a busy page (headless Chromium gave the editor none
    /// for over five seconds), so the warm-up starts after this at the latest.
    const AT_THE_LATEST_MS: u32 = 2_000;
    if !room_for_photos {
        return;
    }
    let start = move || {
        if let Some(pipeline) = shared_worker(worker) {
            spawn_local(async move { pipeline.warm().await });
        }
    };
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(AT_THE_LATEST_MS);
    let callback = Closure::once_into_js(start);
    let requested = web_sys::window().is_some_and(|window| {
        window
            .request_idle_callback_with_options(callback.unchecked_ref(), &options)
            .is_ok()
    });
    if !requested {
        // No `requestIdleCallback` (Safari).
        set_timeout(start, std::time::Duration::from_millis(500));
    }
}

fn revoke_preview(job: &Job) {
    if let Some(url) = &job.preview {
        let _ = web_sys::Url::revoke_object_url(url);
    }
}

/// Processes one file in the worker and uploads both renditions, updating its job.
async fn process_one(
    key: u32,
    file: web_sys::File,
    draft: RwSignal<Draft>,
    worker: StoredValue<Option<PhotoWorker>, LocalStorage>,
    upload_to: Option<(Base, String)>,
    set_job: impl Fn(u32, Phase, f32) + Copy + 'static,
    set_coach: impl Fn(u32, Vec<PhotoHint>, Option<String>) + Copy + 'static,
) {
    let Some(pipeline) = shared_worker(worker) else {
        return;
    };
    set_job(key, Phase::Processing(Stage::Decode), 0.0);
    let processed = pipeline
        .process(&file, move |stage| {
            set_job(
                key,
                Phase::Processing(stage),
                stage.progress_at_start() * PROCESS_SHARE,
            )
        })
        .await;
    let processed = match processed {
        Ok(p) => p,
        Err(failure) => {
            web_sys::console::warn_1(&format!("photo {}: {}", failure.code, failure.detail).into());
            set_job(key, Phase::Failed(Said::Photo(failure.code)), 0.0);
            return;
        }
    };
    // Advice only: shown at once, while the upload below goes on whatever it says.
    if let Some(coach) = processed.coach.as_ref().filter(|c| !c.is_good()) {
        set_coach(key, coach.hints.clone(), jpeg_url(&processed.thumb));
    }
    let Some((base, csrf)) = upload_to else {
        return;
    };
    let large_len = processed.large.len() as f64;
    let total = large_len + processed.thumb.len() as f64;
    let large =
        match upload_with_retry(key, &base, &csrf, &processed.large, 0.0, total, set_job).await {
            Ok(up) => up,
            Err(err) => return set_job(key, Phase::Failed(Said::Refusal(err)), PROCESS_SHARE),
        };
    let thumb = match upload_with_retry(
        key,
        &base,
        &csrf,
        &processed.thumb,
        large_len,
        total,
        set_job,
    )
    .await
    {
        Ok(up) => up,
        Err(err) => return set_job(key, Phase::Failed(Said::Refusal(err)), PROCESS_SHARE),
    };
    draft.update(|d| {
        let alt_id = d.product.name_id.clone();
        let alt_en = d.product.name_en.clone();
        d.product.photos.push(Photo {
            thumb: thumb.path,
            large: large.path,
            alt_id,
            alt_en,
            width: large.width,
            height: large.height,
        });
    });
    set_job(key, Phase::Done, 1.0);
}

/// Uploads with exponential backoff on network failures, showing the countdown. Refusals
/// (a photo the server rejects, an ended session) are not retried.
async fn upload_with_retry(
    key: u32,
    base: &Base,
    csrf: &str,
    bytes: &[u8],
    already: f64,
    total: f64,
    set_job: impl Fn(u32, Phase, f32) + Copy + 'static,
) -> Result<Uploaded, ApiError> {
    let mut attempt = 0;
    loop {
        set_job(key, Phase::Uploading, upload_progress(already, total));
        let result = upload_photo(base, csrf, bytes, move |sent, _| {
            set_job(
                key,
                Phase::Uploading,
                upload_progress(already + sent, total),
            )
        })
        .await;
        match result {
            Ok(up) => return Ok(up),
            Err(ApiError::Network) if attempt < BACKOFF_SECONDS.len() => {
                let wait = BACKOFF_SECONDS[attempt];
                attempt += 1;
                for left in (1..=wait).rev() {
                    set_job(key, Phase::Retrying(left), upload_progress(already, total));
                    sleep_ms(1000).await;
                }
            }
            Err(err) => return Err(err),
        }
    }
}

fn upload_progress(sent: f64, total: f64) -> f32 {
    let share = if total > 0.0 {
        (sent / total).clamp(0.0, 1.0)
    } else {
        0.0
    };
    PROCESS_SHARE + (1.0 - PROCESS_SHARE) * share as f32
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The listing's photos in order; the first is the cover.
#[component]
fn PhotoGrid(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || draft.with(|d| d.product.photos.len());
    let swap = move |a: usize, b: usize| {
        draft.update(|d| {
            if a < d.product.photos.len() && b < d.product.photos.len() {
                d.product.photos.swap(a, b);
            }
        })
    };
    view! {
        <ol class="photo-grid" hidden=move || { count() == 0 }>
            <For each=move || draft.with(|d| d.product.photos.iter().cloned().enumerate().collect::<Vec<_>>())
                key=|(i, p)| (*i, p.thumb.clone()) let:item>
                {
                    let (i, photo) = item;
                    view! {
                        <li class="photo-tile">
                            <img src=photo.thumb.clone() width="200" height="150" loading="lazy"
                                alt=move || fill(i18n.s().photo_alt, &[&(i + 1), &count()])/>
                            {(i == 0).then(|| view! { <span class="badge cover">{move || i18n.s().photo_cover}</span> })}
                            <div class="tile-actions">
                                {(i > 0).then(|| view! {
                                    <button type="button" class="icon-button" on:click=move |_| swap(0, i)
                                        >{move || i18n.s().make_cover}</button>
                                    <button type="button" class="icon-button" on:click=move |_| swap(i - 1, i)
                                        aria-label=move || format!("{} ({})", i18n.s().move_earlier, i + 1)>"←"</button>
                                })}
                                {(i + 1 < count()).then(|| view! {
                                    <button type="button" class="icon-button" on:click=move |_| swap(i, i + 1)
                                        aria-label=move || format!("{} ({})", i18n.s().move_later, i + 1)>"→"</button>
                                })}
                                <button type="button" class="icon-button danger"
                                    on:click=move |_| draft.update(|d| { if i < d.product.photos.len() { d.product.photos.remove(i); } })
                                    aria-label=move || format!("{} ({})", i18n.s().remove, i + 1)>"✕"</button>
                            </div>
                        </li>
                    }
                }
            </For>
        </ol>
    }
}
