//! The worker's side: builds the search index of each card index it is sent.

use etalase_model::{CardIndex, SearchIndex};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{FromWorker, ToWorker, INDEX, JSON_BYTES, MSG};

/// Installs the message handler, then says "ready".
pub fn start() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&FromWorker::Ready, None);
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromWorker, index: Option<ArrayBuffer>) {
    let value = Object::new();
    let _ = Reflect::set(&value, &MSG.into(), &message.to_json().into());
    let transfer = Array::new();
    if let Some(index) = index {
        let _ = Reflect::set(&value, &INDEX.into(), &index);
        transfer.push(&index);
    }
    let _ = scope().post_message_with_transfer(&value, &transfer);
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    let get = |key: &str| {
        Reflect::get(&data, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let message = get(MSG).and_then(|json| serde_json::from_str::<ToWorker>(&json).ok());
    match message {
        Some(ToWorker::Index) => {
            let json = Reflect::get(&data, &JSON_BYTES.into())
                .ok()
                .and_then(|v| v.dyn_into::<ArrayBuffer>().ok())
                .map(|b| Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            index(json)
        }
        None => post(
            &FromWorker::Failed {
                detail: "not a search worker message".into(),
            },
            None,
        ),
    }
}

fn index(json: Vec<u8>) {
    let started = js_sys::Date::now();
    let catalog = serde_json::from_slice::<CardIndex>(&json)
        .map_err(|e| e.to_string())
        .and_then(|index| index.to_catalog().map_err(|e| e.to_string()));
    drop(json);
    match catalog {
        Ok(catalog) => {
            let bytes = SearchIndex::build(&catalog).to_bytes();
            // Copied out of wasm memory once, then moved (not copied) to the page.
            let buffer = Uint8Array::from(bytes.as_slice()).buffer();
            let indexed = FromWorker::Indexed {
                version: catalog.version,
                listings: catalog.products.len(),
                took_ms: js_sys::Date::now() - started,
            };
            post(&indexed, Some(buffer));
        }
        Err(detail) => post(&FromWorker::Failed { detail }, None),
    }
}
