//! The worker's side of the protocol in `etalase_photo::protocol`.

use etalase_photo::protocol::{
    FromWorker, BYTES, LARGE, MEDIUM, OPTIONS, THUMB, WARM, WASM_MEMORY, WORKER_FAILED,
};
use etalase_photo::{
    fit, process, process_rgba, warm_up, Options, PhotoError, ProcessedPhoto, Stage,
};
use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, DedicatedWorkerGlobalScope, ImageBitmap, MessageEvent, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d,
};

/// Installs the message handler, then says "ready": a wasm worker drops messages that arrive
/// before its handler exists, so the app waits for this.
pub fn start() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&FromWorker::Ready, Vec::new());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts the JSON part plus `buffers`, which are transferred (moved, not copied).
fn post(message: &FromWorker, buffers: Vec<(&str, ArrayBuffer)>) {
    post_with(message, buffers, &[]);
}

/// [`post`] with `extra` properties beside the serde part (see the protocol's optional
/// extras).
fn post_with(message: &FromWorker, buffers: Vec<(&str, ArrayBuffer)>, extra: &[(&str, JsValue)]) {
    let json = serde_json::to_string(message).unwrap_or_default();
    let Ok(value) = JSON::parse(&json) else {
        return;
    };
    for (key, extra) in extra {
        let _ = Reflect::set(&value, &(*key).into(), extra);
    }
    let transfer = Array::new();
    for (key, buffer) in buffers {
        let _ = Reflect::set(&value, &key.into(), &buffer);
        transfer.push(&buffer);
    }
    let _ = scope().post_message_with_transfer(&value, &transfer);
}

fn post_error(id: u32, code: &str, detail: String) {
    let code = code.to_owned();
    post(&FromWorker::Error { id, code, detail }, Vec::new());
}

fn post_done(id: u32, photo: ProcessedPhoto) {
    // Copies out of wasm memory into buffers the app then owns.
    let large = Uint8Array::from(photo.large.as_slice()).buffer();
    let medium = Uint8Array::from(photo.medium.as_slice()).buffer();
    let thumb = Uint8Array::from(photo.thumb.as_slice()).buffer();
    let done = FromWorker::Done {
        id,
        meta: photo.meta,
        coach: photo.coach,
    };
    let memory = JsValue::from_f64(wasm_memory_bytes());
    post_with(
        &done,
        vec![(LARGE, large), (MEDIUM, medium), (THUMB, thumb)],
        &[(WASM_MEMORY, memory)],
    );
}

/// The wasm memory's size: it only ever grows, so this is the peak so far.
fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<ArrayBuffer>()
        .byte_length()
        .into()
}

/// The request's optional [`OPTIONS`] (a benchmark's other recipe), else the catalogue's.
fn request_options(data: &JsValue) -> Result<Options, String> {
    let value = Reflect::get(data, &OPTIONS.into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    let json = JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    serde_json::from_str(&json).map_err(|e| format!("bad {OPTIONS} {json}: {e}"))
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    let id = Reflect::get(&data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map(|v| v as u32);
    let warm = Reflect::get(&data, &WARM.into()).is_ok_and(|v| v.is_truthy());
    if let (Some(id), true) = (id, warm) {
        return match warm_up() {
            Ok(photo) => post_done(id, photo),
            Err(error) => post_error(id, error.code(), error.to_string()),
        };
    }
    let buffer = Reflect::get(&data, &BYTES.into())
        .ok()
        .and_then(|v| v.dyn_into::<ArrayBuffer>().ok());
    let (Some(id), Some(buffer)) = (id, buffer) else {
        let id = id.unwrap_or(0);
        post_error(
            id,
            WORKER_FAILED,
            "request needs {id, bytes: ArrayBuffer} or {id, warm: true}".into(),
        );
        return;
    };
    let options = match request_options(&data) {
        Ok(options) => options,
        Err(detail) => return post_error(id, WORKER_FAILED, detail),
    };
    let mut on_stage = |stage: Stage| post(&FromWorker::Progress { id, stage }, Vec::new());
    let bytes = Uint8Array::new(&buffer).to_vec();
    let result = process(&bytes, &options, &mut on_stage);
    drop(bytes);
    match result {
        Ok(photo) => post_done(id, photo),
        Err(error @ (PhotoError::Heic | PhotoError::UnsupportedFormat)) => {
            wasm_bindgen_futures::spawn_local(async move {
                match browser_decode(id, &buffer, &options).await {
                    Ok(Ok(photo)) => post_done(id, photo),
                    // The browser read it, but our rules refused it (too large…): say why.
                    Ok(Err(refused)) => post_error(id, refused.code(), refused.to_string()),
                    // The browser cannot read it either: the original reason stands.
                    Err(_) => post_error(id, error.code(), error.to_string()),
                }
            });
        }
        Err(error) => post_error(id, error.code(), error.to_string()),
    }
}

/// Decodes with the browser (HEIC on Safari, GIF, AVIF, BMP…), shrinks on a canvas, and runs
/// the rest of the pipeline on the pixels. The outer error means the browser could not decode.
async fn browser_decode(
    id: u32,
    buffer: &ArrayBuffer,
    options: &Options,
) -> Result<Result<ProcessedPhoto, PhotoError>, JsValue> {
    let blob = Blob::new_with_buffer_source_sequence(&Array::of1(buffer))?;
    let bitmap: ImageBitmap = JsFuture::from(scope().create_image_bitmap_with_blob(&blob)?)
        .await?
        .dyn_into()?;
    let (source_w, source_h) = (bitmap.width(), bitmap.height());
    // Only the long edge matters here; the pixel rules run again in `process_rgba`.
    let (w, h) = fit(source_w, source_h, options.max_edge);
    if w == 0 || h == 0 {
        return Ok(Err(PhotoError::Empty));
    }
    let canvas = OffscreenCanvas::new(w, h)?;
    let context: OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    // Not in web-sys' stable API; "high" asks for a proper filter instead of bilinear.
    Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into())?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w.into(), h.into())?;
    bitmap.close();
    let rgba = context
        .get_image_data(0.0, 0.0, w.into(), h.into())?
        .data()
        .0;
    let mut on_stage = |stage: Stage| post(&FromWorker::Progress { id, stage }, Vec::new());
    let result = process_rgba(w, h, rgba, options, &mut on_stage).map(|mut photo| {
        photo.meta.source_width = source_w;
        photo.meta.source_height = source_h;
        // The pipeline saw the canvas's shrunk copy; "too small" is about the original.
        photo.coach = photo
            .coach
            .map(|c| c.with_long_edge(source_w.max(source_h)));
        photo
    });
    Ok(result)
}
