//! One photo's way from the seller's file into the listing: the photo worker (started once
//! per editor, warmed up while the browser is idle) makes the catalogue's JPEGs, both are
//! uploaded with retries on a dropped connection, and the photo joins the draft.

use etalase_model::Photo;
use etalase_photo::{PhotoHint, Stage};
use leptos::leptos_dom::helpers::set_timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{Phase, PROCESS_SHARE};
use crate::api::seller::{upload_photo, Uploaded};
use crate::api::ApiError;
use crate::i18n::Said;
use crate::seller::drafts::Draft;
use crate::seller::photo_client::PhotoWorker;

/// Waits between upload attempts on a dropped connection.
const BACKOFF_SECONDS: [u32; 5] = [2, 4, 8, 16, 30];

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
pub(super) fn warm_when_idle(
    worker: StoredValue<Option<PhotoWorker>, LocalStorage>,
    room_for_photos: bool,
) {
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

/// Processes one file in the worker and uploads both renditions, updating its job.
pub(super) async fn process_one(
    key: u32,
    file: web_sys::File,
    draft: RwSignal<Draft>,
    worker: StoredValue<Option<PhotoWorker>, LocalStorage>,
    upload_to: Option<(String, String)>,
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
    let Some((url, csrf)) = upload_to else {
        return;
    };
    let large_len = processed.large.len() as f64;
    let medium_len = processed.medium.len() as f64;
    let total = large_len + medium_len + processed.thumb.len() as f64;
    let large =
        match upload_with_retry(key, &url, &csrf, &processed.large, 0.0, total, set_job).await {
            Ok(up) => up,
            Err(err) => return set_job(key, Phase::Failed(Said::Refusal(err)), PROCESS_SHARE),
        };
    let thumb = match upload_with_retry(
        key,
        &url,
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
    let medium = match upload_with_retry(
        key,
        &url,
        &csrf,
        &processed.medium,
        large_len + processed.thumb.len() as f64,
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
            medium: Some(medium.path),
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
    url: &str,
    csrf: &str,
    bytes: &[u8],
    already: f64,
    total: f64,
    set_job: impl Fn(u32, Phase, f32) + Copy + 'static,
) -> Result<Uploaded, ApiError> {
    let mut attempt = 0;
    loop {
        set_job(key, Phase::Uploading, upload_progress(already, total));
        let result = upload_photo(url, csrf, bytes, move |sent, _| {
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
