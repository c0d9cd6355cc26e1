//! The app's handle on the photo Web Worker (`crates/photo-worker`): hand it a seller's file,
//! get back the catalogue's JPEGs, with progress on the way.
//!
//! The worker is its own wasm module, so buyers never download image code: it starts when the
//! editor opens ([`PhotoWorker::warm`]) or on the first photo, never on a buyer's page. One photo is processed at a time (later calls wait their
//! turn), since two 12 MP decodes at once could double the worker's memory. A worker that
//! reported an error, crashed, or was abandoned mid-photo is terminated and the next photo gets
//! a fresh one: wasm memory never shrinks, and a trapped module cannot be trusted.
//!
//! Independent of Leptos: a page wraps [`PhotoWorker::process`] in its own signals.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use etalase_photo::protocol::{
    FromWorker, BYTES, LARGE, MEDIUM, READ_FAILED, THUMB, WARM, WORKER_FAILED,
};
pub use etalase_photo::{Coaching, PhotoHint, PhotoMeta, Stage};
use futures::channel::mpsc;
use futures::lock::Mutex;
use futures::StreamExt;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where Trunk puts the worker's loader (unhashed, served with revalidation). Absolute: the
/// app's routes (`/produk/…`) would make a relative URL point into them.
pub const WORKER_URL: &str = "/worker_loader.js";

/// How long a worker may take to start, or to finish one photo, before it is presumed stuck
/// and replaced. A 12 MP photo takes well under a second on a laptop and a few on a cheap phone.
const START_TIMEOUT_MS: i32 = 30_000;
const PHOTO_TIMEOUT_MS: i32 = 120_000;

/// A processed photo: its three JPEGs (upright, no metadata) as bytes ready to upload or show.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessedPhoto {
    /// At most 1600 px on the long edge, aiming for 330 KB (`etalase_photo::LARGE_TARGET_BYTES`).
    pub large: Vec<u8>,
    /// At most 800 px on the long edge, for phones.
    pub medium: Vec<u8>,
    /// At most 400 px on the long edge.
    pub thumb: Vec<u8>,
    pub meta: PhotoMeta,
    /// The photo coach's measures and hints (`None` from a worker older than the coach).
    pub coach: Option<Coaching>,
}

/// Why a photo could not be processed. `code` is one of `etalase_photo::PhotoError::CODES`,
/// [`WORKER_FAILED`] or [`READ_FAILED`]: translate it; `detail` is English, for the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoFailure {
    pub code: String,
    pub detail: String,
}

impl PhotoFailure {
    fn worker(detail: impl Into<String>) -> Self {
        PhotoFailure {
            code: WORKER_FAILED.to_owned(),
            detail: detail.into(),
        }
    }
}

/// Cheap to clone; clones share one worker and one queue.
#[derive(Clone)]
pub struct PhotoWorker {
    inner: Rc<Inner>,
}

struct Inner {
    url: String,
    /// Held for the whole of one photo: the queue.
    turn: Mutex<()>,
    /// The worker between photos; taken out while one is in progress.
    idle: RefCell<Option<Running>>,
    next_id: Cell<u32>,
}

impl Default for PhotoWorker {
    fn default() -> Self {
        PhotoWorker::new()
    }
}

impl PhotoWorker {
    /// A handle for the app's worker ([`WORKER_URL`]); nothing starts until the first photo.
    pub fn new() -> Self {
        PhotoWorker::with_url(WORKER_URL)
    }

    /// A handle for a worker script elsewhere (tests, a different base path).
    pub fn with_url(url: &str) -> Self {
        PhotoWorker {
            inner: Rc::new(Inner {
                url: url.to_owned(),
                turn: Mutex::new(()),
                idle: RefCell::new(None),
                next_id: Cell::new(1),
            }),
        }
    }

    /// Reads a picked file and processes it; see [`PhotoWorker::process_bytes`].
    pub async fn process(
        &self,
        file: &web_sys::File,
        on_stage: impl Fn(Stage),
    ) -> Result<ProcessedPhoto, PhotoFailure> {
        let bytes = JsFuture::from(file.array_buffer())
            .await
            .map_err(|e| PhotoFailure {
                code: READ_FAILED.to_owned(),
                detail: describe(&e),
            })?;
        self.process_bytes(bytes.unchecked_into(), on_stage).await
    }

    /// Starts the worker now, unless one is already waiting, and has it run the pipeline once
    /// on a small photo of its own (`etalase_photo::warm_up`): a fresh worker's wasm runs on
    /// V8's baseline compiler until its hot functions are optimised, which made the seller's
    /// first photo 1.55× slower than the browser's own path (BENCHMARKS.md, photo section).
    /// Call it when a page that takes photos opens. Takes its turn like a photo (one picked
    /// meanwhile waits for it); a failure is ignored, since the next photo starts a fresh
    /// worker anyway.
    pub async fn warm(&self) {
        let _turn = self.inner.turn.lock().await;
        if self.inner.idle.borrow().is_some() {
            // It has processed a photo or warmed up already.
            return;
        }
        let Ok(mut running) = Running::start(&self.inner.url).await else {
            return;
        };
        let id = self.inner.next_id.get();
        self.inner.next_id.set(id.wrapping_add(1));
        match running.warm(id).await {
            Ok(_) => *self.inner.idle.borrow_mut() = Some(running),
            Err(failure) => web_sys::console::warn_1(
                &format!("photo worker warm-up: {}: {}", failure.code, failure.detail).into(),
            ),
        }
    }

    /// Processes one photo file's bytes in the worker. `bytes` is *transferred* to the worker:
    /// afterwards it is empty here. `on_stage` is called as each stage starts (for a progress
    /// bar: [`Stage::progress_at_start`] and [`Stage::weight`]).
    ///
    /// Dropping the returned future abandons the photo and terminates its worker.
    pub async fn process_bytes(
        &self,
        bytes: ArrayBuffer,
        on_stage: impl Fn(Stage),
    ) -> Result<ProcessedPhoto, PhotoFailure> {
        let _turn = self.inner.turn.lock().await;
        let idle = self.inner.idle.borrow_mut().take();
        let mut running = match idle {
            Some(running) => running,
            None => Running::start(&self.inner.url).await?,
        };
        let id = self.inner.next_id.get();
        self.inner.next_id.set(id.wrapping_add(1));
        let outcome = running.run(id, bytes, &on_stage).await;
        // After any failure the worker is dropped (terminated); the next photo starts afresh.
        if outcome.is_ok() {
            *self.inner.idle.borrow_mut() = Some(running);
        }
        outcome
    }
}

enum Event {
    Message(JsValue),
    Crashed(String),
}

/// A started worker and the channel its events arrive on.
struct Running {
    worker: Worker,
    events: mpsc::UnboundedReceiver<Event>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Running {
    /// Starts a module worker and waits for its "ready".
    async fn start(url: &str) -> Result<Running, PhotoFailure> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(url, &options)
            .map_err(|e| PhotoFailure::worker(describe(&e)))?;
        let (sender, events) = mpsc::unbounded();
        let messages = sender.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let _ = messages.unbounded_send(Event::Message(event.data()));
        });
        // `error` (script failed to load, or the wasm trapped) and `messageerror`.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let detail = match event.dyn_ref::<ErrorEvent>() {
                Some(error) => error.message(),
                None => format!("worker {} event", event.type_()),
            };
            let _ = sender.unbounded_send(Event::Crashed(detail));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let mut running = Running {
            worker,
            events,
            _on_message: on_message,
            _on_error: on_error,
        };
        match running.next(START_TIMEOUT_MS).await? {
            FromWorker::Ready => Ok(running),
            other => Err(PhotoFailure::worker(format!(
                "expected ready, got {other:?}"
            ))),
        }
    }

    async fn run(
        &mut self,
        id: u32,
        bytes: ArrayBuffer,
        on_stage: &dyn Fn(Stage),
    ) -> Result<ProcessedPhoto, PhotoFailure> {
        let request = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&request, &key.into(), value);
        set("id", &id.into())
            .and_then(|_| set(BYTES, &bytes))
            .map_err(|e| PhotoFailure::worker(describe(&e)))?;
        self.worker
            .post_message_with_transfer(&request, &Array::of1(&bytes))
            .map_err(|e| PhotoFailure::worker(describe(&e)))?;
        self.answer(id, on_stage).await
    }

    /// Asks for the warm-up (the worker's own small photo) and waits for it.
    async fn warm(&mut self, id: u32) -> Result<ProcessedPhoto, PhotoFailure> {
        let request = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&request, &key.into(), value);
        set("id", &id.into())
            .and_then(|_| set(WARM, &true.into()))
            .map_err(|e| PhotoFailure::worker(describe(&e)))?;
        self.worker
            .post_message(&request)
            .map_err(|e| PhotoFailure::worker(describe(&e)))?;
        self.answer(id, &|_| {}).await
    }

    /// The worker's progress, then its `done` or `error`, for request `id`.
    async fn answer(
        &mut self,
        id: u32,
        on_stage: &dyn Fn(Stage),
    ) -> Result<ProcessedPhoto, PhotoFailure> {
        loop {
            let (message, data) = self.next_with_data(PHOTO_TIMEOUT_MS).await?;
            match message {
                FromWorker::Progress { id: got, stage } if got == id => on_stage(stage),
                FromWorker::Done {
                    id: got,
                    meta,
                    coach,
                } if got == id => {
                    let buffer = |key: &str| {
                        Reflect::get(&data, &key.into())
                            .ok()
                            .and_then(|v| v.dyn_into::<ArrayBuffer>().ok())
                            .map(|b| Uint8Array::new(&b).to_vec())
                            .ok_or_else(|| PhotoFailure::worker(format!("done without {key}")))
                    };
                    return Ok(ProcessedPhoto {
                        large: buffer(LARGE)?,
                        medium: buffer(MEDIUM)?,
                        thumb: buffer(THUMB)?,
                        meta,
                        coach,
                    });
                }
                FromWorker::Error {
                    id: got,
                    code,
                    detail,
                } if got == id => return Err(PhotoFailure { code, detail }),
                // Left over from an abandoned photo: not ours.
                _ => {}
            }
        }
    }

    async fn next(&mut self, timeout_ms: i32) -> Result<FromWorker, PhotoFailure> {
        self.next_with_data(timeout_ms).await.map(|(m, _)| m)
    }

    /// The next message, parsed, with the raw value (for its binary parts).
    async fn next_with_data(
        &mut self,
        timeout_ms: i32,
    ) -> Result<(FromWorker, JsValue), PhotoFailure> {
        let next = self.events.next();
        let timeout = sleep(timeout_ms);
        futures::pin_mut!(timeout);
        let event = match futures::future::select(next, timeout).await {
            futures::future::Either::Left((event, _)) => event,
            futures::future::Either::Right(_) => {
                return Err(PhotoFailure::worker(format!(
                    "no answer in {timeout_ms} ms"
                )))
            }
        };
        match event {
            Some(Event::Message(data)) => {
                // JSON drops the ArrayBuffers (to `{}`), leaving the serde part.
                let json = JSON::stringify(&data)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default();
                let message = serde_json::from_str(&json)
                    .map_err(|e| PhotoFailure::worker(format!("bad message {json}: {e}")))?;
                Ok((message, data))
            }
            Some(Event::Crashed(detail)) => Err(PhotoFailure::worker(detail)),
            None => Err(PhotoFailure::worker("worker channel closed")),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Detach the handlers before their closures are freed, then stop the thread.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
        self.worker.terminate();
    }
}

/// Resolves after `ms` milliseconds (never, if there is no window to time it).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
