//! Giving the browser's event loop its turn: long work is cut into tasks, and work that
//! can wait for the page to be painted waits for it.

use wasm_bindgen::{JsCast, JsValue};

/// Resolves in a later task of the event loop: a message posted to itself, which unlike a
/// zero timeout is not held back 4 ms once timeouts nest.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let (port, sender) = (channel.port1(), channel.port2());
        // The handler owns the channel, so it lives until its message arrives.
        let on_message = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
            drop(channel);
        });
        port.set_onmessage(Some(on_message.unchecked_ref()));
        let _ = sender.post_message(&JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `then` in a task of its own after the next frame has been painted: a task posted
/// from a frame's callback runs after that frame's paint.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        // Not Leptos's executor: this also runs before the app is mounted, which starts it.
        wasm_bindgen_futures::spawn_local(async move {
            next_task().await;
            then();
        })
    });
}
