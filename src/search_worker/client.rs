//! The page's handle on the search worker: one per page, started with the catalog's load;
//! it hands the worker the card index and gets the built search index back.
//! Messages sent before the worker's "ready" wait here (a wasm worker drops what arrives
//! before its handler exists). A worker that cannot start (its script missing, no module
//! workers, no "ready" in [`START_TIMEOUT_MS`]) reports [`Event::Failed`], and the page
//! searches on its own thread as before.

use std::cell::RefCell;

use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::protocol::{FromWorker, ToWorker, INDEX, JSON_BYTES, MSG};

/// Where Trunk puts the worker's loader (unhashed, served with revalidation).
pub const WORKER_URL: &str = "/search-worker_loader.js";

/// How long the worker may take to say "ready" (fetching and compiling its wasm) before
/// the page stops waiting for it.
pub const START_TIMEOUT_MS: i32 = 10_000;

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The search index of catalog `version` (`SearchIndex::to_bytes`).
    Indexed {
        version: String,
        listings: usize,
        took_ms: f64,
        index: Vec<u8>,
    },
    /// The worker cannot help (it did not start, crashed, or could not read the index).
    Failed(String),
}

struct Running {
    worker: Worker,
    /// Which start this is: a timer of an earlier worker must not end this one.
    generation: u32,
    ready: bool,
    /// Messages (with the buffer each moves) sent before the worker's "ready".
    waiting: Vec<(JsValue, ArrayBuffer)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    static STARTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Starts the worker (ending any before); its events go to `on_event`.
pub fn start(on_event: impl Fn(Event) + 'static) {
    stop();
    let generation = STARTS.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let on_event = std::rc::Rc::new(on_event);
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = match Worker::new_with_options(WORKER_URL, &options) {
        Ok(worker) => worker,
        Err(e) => return on_event(Event::Failed(describe(&e))),
    };
    let events = on_event.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let message = Reflect::get(&data, &MSG.into())
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str::<FromWorker>(&json).ok());
        match message {
            Some(FromWorker::Ready) => flush(),
            Some(FromWorker::Indexed {
                version,
                listings,
                took_ms,
            }) => {
                let index = Reflect::get(&data, &INDEX.into())
                    .ok()
                    .and_then(|v| v.dyn_into::<ArrayBuffer>().ok())
                    .map(|b| Uint8Array::new(&b).to_vec())
                    .unwrap_or_default();
                events(Event::Indexed {
                    version,
                    listings,
                    took_ms,
                    index,
                })
            }
            Some(FromWorker::Failed { detail }) => events(Event::Failed(detail)),
            None => events(Event::Failed(
                "unreadable message from the search worker".into(),
            )),
        }
    });
    let events = on_event.clone();
    // `error`: the script or its wasm failed to load, or the wasm trapped.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let detail = match event.dyn_ref::<ErrorEvent>() {
            Some(error) => error.message(),
            None => format!("search worker {} event", event.type_()),
        };
        // This closure belongs to the worker being ended: dropped later, not while it runs.
        if let Some(running) = RUNNING.with(|slot| slot.borrow_mut().take()) {
            running.worker.terminate();
            leptos::leptos_dom::helpers::set_timeout(
                move || drop(running),
                std::time::Duration::ZERO,
            );
        }
        events(Event::Failed(detail));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    RUNNING.with(|slot| {
        *slot.borrow_mut() = Some(Running {
            worker,
            generation,
            ready: false,
            waiting: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        })
    });
    leptos::leptos_dom::helpers::set_timeout(
        move || {
            let stuck = RUNNING.with(|slot| {
                slot.borrow()
                    .as_ref()
                    .is_some_and(|r| r.generation == generation && !r.ready)
            });
            if stuck {
                stop();
                on_event(Event::Failed(format!("no ready in {START_TIMEOUT_MS} ms")));
            }
        },
        std::time::Duration::from_millis(START_TIMEOUT_MS as u64),
    );
}

/// Ends the worker, if one runs.
pub fn stop() {
    if let Some(running) = RUNNING.with(|slot| slot.borrow_mut().take()) {
        running.worker.terminate();
    }
}

/// Hands the worker the card index's JSON (the buffer is moved to it, not copied).
pub fn index(json: ArrayBuffer) {
    let value = Object::new();
    let _ = Reflect::set(&value, &MSG.into(), &ToWorker::Index.to_json().into());
    let _ = Reflect::set(&value, &JSON_BYTES.into(), &json);
    RUNNING.with(|slot| {
        if let Some(running) = slot.borrow_mut().as_mut() {
            if running.ready {
                let _ = running
                    .worker
                    .post_message_with_transfer(&value, &js_sys::Array::of1(&json));
            } else {
                running.waiting.push((value.into(), json));
            }
        }
    });
}

/// The worker said "ready": what waited goes now, in order.
fn flush() {
    RUNNING.with(|slot| {
        if let Some(running) = slot.borrow_mut().as_mut() {
            running.ready = true;
            for (value, buffer) in running.waiting.drain(..) {
                let _ = running
                    .worker
                    .post_message_with_transfer(&value, &js_sys::Array::of1(&buffer));
            }
        }
    });
}

fn describe(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| value.dyn_ref::<js_sys::Error>().map(|e| e.message().into()))
        .unwrap_or_else(|| format!("{value:?}"))
}
