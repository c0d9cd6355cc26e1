//! When the phone tries again to send what waits in its outboxes (listing drafts, buyer
//! inquiries).

use std::time::Duration;

use leptos::prelude::*;

/// How often waiting work is tried again. The `online` event only fires when the phone's
/// network interface changes: a weak signal that recovers, or a page opened from the
/// service worker's copy while offline, never sees one.
const EVERY: Duration = Duration::from_secs(10);

/// Calls `flush` whenever the browser comes back online, and every [`EVERY`] while
/// `waiting()` says something waits. `flush` must tolerate being called while a previous
/// flush is still sending. Lives as long as the app.
pub fn retry_waiting(waiting: impl Fn() -> bool + 'static, flush: impl Fn() + Clone + 'static) {
    let on_online = flush.clone();
    std::mem::forget(window_event_listener(leptos::ev::online, move |_| {
        on_online()
    }));
    set_interval(
        move || {
            if waiting() {
                flush();
            }
        },
        EVERY,
    );
}
