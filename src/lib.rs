//! Etalase Desa's browser app: a Leptos single-page app rendered on the client.
//!
//! `app` holds the two root components (buyer's and seller's app, separate wasm bundles) and
//! the app-wide context; `routes` every page's address and the routers' tables; `buyer/` and
//! `seller/` the pages and state only one app uses; the rest is shared by both:
//! `components/` reusable widgets, `i18n` every user-visible string, `api` the only module
//! that knows server URLs, the catalog, sessions and storage. Business rules come from
//! `etalase-model`, shared with the server.

pub mod api;
pub mod app;
pub mod buyer;
pub mod catalog_data;
pub mod components;
pub mod event_loop;
pub mod i18n;
pub mod intl;
pub mod retry_waiting;
pub mod routes;
pub mod search_worker;
pub mod seller;
pub mod session;
pub mod signed_in;
pub mod storage;

/// Every line of code in `src/` (comment lines left out) outside the files and folders in
/// `skip` (relative to `src/`), as (file, line number, line): for the tests that keep a kind
/// of string to one module.
#[cfg(test)]
fn code_lines(skip: &[&str]) -> Vec<(String, usize, String)> {
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    let mut lines = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if skip
            .iter()
            .any(|s| name == *s || name.starts_with(&format!("{s}/")))
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file is readable");
        for (i, line) in text.lines().enumerate() {
            if !line.trim_start().starts_with("//") {
                lines.push((name.clone(), i + 1, line.to_string()));
            }
        }
    }
    lines
}

/// Mounts `root` (the buyer's or the seller's app) on `<body>`, replacing the loading
/// placeholder from the HTML shell.
pub fn mount<V: leptos::prelude::IntoView + 'static>(root: fn() -> V) {
    console_error_panic_hook::set_once();
    register_service_worker();
    let first_view = leptos::prelude::document()
        .get_element_by_id("boot")
        .filter(|splash| {
            // A bare loading placeholder goes now; a page the server wrote stays until the
            // app has drawn its own (`retire_first_view_once_shown`).
            let written = splash.class_list().contains("with-first-view");
            if !written {
                splash.remove();
            }
            written
        })
        .is_some();
    if first_view {
        // The written page is painted before the app starts: on a fast load the app could
        // otherwise draw and replace it before the browser ever showed it, and the page's
        // first paint would wait for the whole app. Not in a frame's callback (as the second
        // of two frames did): that also put the app's first layout in the mount's task,
        // 100–140 ms of a phone's main thread at 4× CPU, against about 90 and 35 apart.
        event_loop::after_next_paint(move || leptos::mount::mount_to_body(root));
    } else {
        leptos::mount::mount_to_body(root);
    }
}

/// Removes the page the server wrote, which the app (mounted hidden behind it, see
/// `.with-first-view` in style/main.css) replaces once it has drawn the same page from the
/// catalog, so the reader sees one page, not a loading state in between.
pub fn retire_first_view() {
    if let Some(first) = leptos::prelude::document().get_element_by_id("boot") {
        first.remove();
        api::mark("takeover");
    }
}

/// Retires the first view in the animation frame (before the paint) in which `mark`, an
/// element of the app's page, is in the document; gives up after about ten seconds, when
/// the page must have been replaced by another.
pub fn retire_first_view_once_shown(mark: web_sys::Element) {
    fn check(mark: web_sys::Element, frames_left: u32) {
        if mark.is_connected() {
            retire_first_view();
        } else if frames_left > 0 {
            leptos::prelude::request_animation_frame(move || check(mark, frames_left - 1));
        }
    }
    if leptos::prelude::document()
        .get_element_by_id("boot")
        .is_some()
    {
        check(mark, 600);
    }
}

/// Installs `/sw.js`, which keeps the app shell and the last catalog for offline visits.
/// Failure (old browser, private mode) only means no offline support.
fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("/sw.js");
    }
}
