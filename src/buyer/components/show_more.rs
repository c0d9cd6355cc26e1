use leptos::html::Button;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use crate::i18n::use_i18n;

/// How far below the screen the button may be when more results load by themselves, so
/// scrolling rarely reaches the end of what is rendered.
const AHEAD: &str = "0px 0px 700px 0px";

/// "Show more" at the end of a result list, which also presses itself when scrolled near.
///
/// A keystroke renders one page of cards, not everything a reader might scroll to; pages
/// after the first come as the reader scrolls (a wide screen fills itself at once). The
/// button stays for keyboard and screen-reader users, and where `IntersectionObserver` is
/// missing.
#[component]
pub fn ShowMore(
    /// Called for one more page.
    on_more: Callback<()>,
    /// Changes when the list is extended or replaced, so the observer looks again: the
    /// button may still be near the screen after a page was added.
    shown: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let button = NodeRef::<Button>::new();
    let observer =
        StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    Effect::new(move |_| {
        shown.track();
        let Some(el) = button.get() else { return };
        observer.update_value(|slot| {
            if slot.is_none() {
                let callback =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        let near = entries
                            .iter()
                            .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                            .any(|e| e.is_intersecting());
                        if near {
                            on_more.run(());
                        }
                    });
                let init = IntersectionObserverInit::new();
                init.set_root_margin(AHEAD);
                *slot = IntersectionObserver::new_with_options(
                    callback.as_ref().unchecked_ref(),
                    &init,
                )
                .ok()
                .map(|o| (o, callback));
            }
            if let Some((o, _)) = slot {
                // Observing again reports the current position once more.
                o.unobserve(&el);
                o.observe(&el);
            }
        });
    });
    on_cleanup(move || {
        observer.update_value(|slot| {
            if let Some((o, _)) = slot.take() {
                o.disconnect();
            }
        });
    });
    view! {
        <button node_ref=button type="button" class="button secondary show-more" on:click=move |_| on_more.run(())>
            {move || i18n.t().show_more}
        </button>
    }
}
