//! The worker's side: holds the search index of the last card index it was sent.

use std::cell::RefCell;

use etalase_model::{CardIndex, SearchIndex};
use js_sys::{Array, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{FromWorker, ToWorker, HITS, MSG, TEXT};

thread_local! {
    /// The catalog version and its index.
    static INDEX: RefCell<Option<(String, SearchIndex)>> = const { RefCell::new(None) };
}

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

fn post(message: &FromWorker, hits: Option<Uint32Array>) {
    let value = Object::new();
    let _ = Reflect::set(&value, &MSG.into(), &message.to_json().into());
    let transfer = Array::new();
    if let Some(hits) = hits {
        let _ = Reflect::set(&value, &HITS.into(), &hits);
        transfer.push(&hits.buffer());
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
        Some(ToWorker::Index) => index(get(TEXT).unwrap_or_default()),
        Some(ToWorker::Search { id, q }) => search(id, q),
        None => post(
            &FromWorker::Failed {
                detail: "not a search worker message".into(),
            },
            None,
        ),
    }
}

fn index(text: String) {
    let started = js_sys::Date::now();
    let catalog = serde_json::from_str::<CardIndex>(&text)
        .map_err(|e| e.to_string())
        .and_then(|index| index.to_catalog().map_err(|e| e.to_string()));
    drop(text);
    match catalog {
        Ok(catalog) => {
            let index = SearchIndex::build(&catalog);
            let indexed = FromWorker::Indexed {
                version: catalog.version.clone(),
                listings: catalog.products.len(),
                took_ms: js_sys::Date::now() - started,
            };
            INDEX.with(|slot| *slot.borrow_mut() = Some((catalog.version, index)));
            post(&indexed, None);
        }
        Err(detail) => post(&FromWorker::Failed { detail }, None),
    }
}

fn search(id: u32, q: String) {
    let answer = INDEX.with(|slot| {
        let slot = slot.borrow();
        let (version, index) = slot.as_ref()?;
        let hits: Vec<u32> = index
            .search(&q)
            .into_iter()
            .map(|(i, _)| i as u32)
            .collect();
        Some((version.clone(), Uint32Array::from(hits.as_slice())))
    });
    match answer {
        Some((version, hits)) => post(&FromWorker::Hits { id, q, version }, Some(hits)),
        None => post(
            &FromWorker::Failed {
                detail: "no index yet".into(),
            },
            None,
        ),
    }
}
