//! The buyer's public pages as HTML: every URL of the shop answers the app's shell with
//! that page's `<head>` (title, description, link previews, JSON-LD) and its first view
//! written in, from the same catalog snapshot the JSON comes from. The app then takes over.
//! Unknown and no-longer-listed items answer a real 404. Also `/sitemap.xml` and
//! `/robots.txt`.

mod head;
mod language;
mod route;
mod sitemap;
mod view;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use etalase_model::{split_path_language, Lang};
use sha2::{Digest, Sha256};

pub use route::ShopRoute;

use crate::extract::public_origin;
use crate::AppState;

/// Where the first view goes in `index.html`: the loading placeholder, which the app
/// removes once its own page is shown.
const SLOT_OPEN: &str = "<div id=\"boot\"";

/// A page's answer depends on the remembered language, the browser's, and where the visitor
/// came from (a redirect to the other language's twin, see `language`).
const VARY: &str = "accept-language, cookie, referer";

/// Trunk's inline module that starts the app, and what a written page puts first in it: wait
/// for the page's `load` (its visible photos; the rest are lazy). The page is readable
/// without the app, so on a phone's slow link the app's 390 KB of wasm comes after the
/// photos the reader is looking at rather than sharing the link with them (and Lighthouse's
/// simulated LCP no longer counts the wasm download).
const LOADER_OPEN: &str = "<script type=\"module\">";
const START_AFTER_LOAD: &str = "\nawait new Promise((loaded) => document.readyState === 'complete' ? loaded() : addEventListener('load', loaded, { once: true }));";

/// Answers any path of the buyer's app.
pub async fn shop_page(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let headers = req.headers();
    let origin = public_origin(headers);
    let snapshot = state.snapshots.current();
    match path.as_str() {
        "/sitemap.xml" => {
            return text_response(
                "application/xml; charset=utf-8",
                sitemap::sitemap(&snapshot.catalog, &origin),
            )
        }
        "/robots.txt" => {
            return text_response("text/plain; charset=utf-8", sitemap::robots(&origin))
        }
        _ => {}
    }
    if path.rsplit('/').next().unwrap_or("").contains('.') {
        // A missing file (`/logo.png`) is a plain 404, so broken asset links stay visible.
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let shell_path = state.config.dist_dir.join("index.html");
    let shell = match tokio::fs::read_to_string(&shell_path).await {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, shell = %shell_path.display(), "no app shell to write pages into");
            return (StatusCode::NOT_FOUND, "the app is not built").into_response();
        }
    };
    if state.config.bare_pages {
        let mut res = Html(shell).into_response();
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(crate::static_files::REVALIDATE),
        );
        return res;
    }
    let (lang, page_path) = split_path_language(&path);
    let route = match ShopRoute::parse(page_path) {
        // Only public pages have an English twin.
        route if lang == Lang::En && !route.is_public() => ShopRoute::Unknown,
        route => route,
    };
    let decision = if route.is_public() {
        language::decide(headers, lang, &origin)
    } else {
        language::Decision::Stay
    };
    if let language::Decision::Redirect(to) = decision {
        let query = req
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let location = format!("{}{query}", to.page_path(page_path));
        let mut res = Redirect::to(&location).into_response();
        res.headers_mut()
            .insert(header::VARY, HeaderValue::from_static(VARY));
        return res;
    }
    // The page depends on the catalog, the shell (a deploy), the origin it names, the URL
    // and the day (certificates lapse at midnight).
    let today = crate::clock::today_in_kalimantan();
    let etag = etag(
        &snapshot.version,
        &[
            &shell,
            &origin,
            &path,
            req.uri().query().unwrap_or(""),
            &today.to_string(),
        ],
    );
    if if_none_match(headers, &etag) {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag);
        if let language::Decision::Remember(lang) = decision {
            res.headers_mut()
                .insert(header::SET_COOKIE, language::remember(lang));
        }
        return res;
    }
    let page = view::view(
        &snapshot.catalog,
        route,
        lang,
        page_path,
        &origin,
        today,
        req.uri().query().is_some_and(|q| !q.is_empty()),
    );
    let mut html = write_into_shell(&shell, &page.head.html(), &page.body);
    if lang != Lang::Id {
        html = html.replacen(
            "<html lang=\"id\"",
            &format!("<html lang=\"{}\"", lang.tag()),
            1,
        );
    }
    let status = if page.found {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::static_files::REVALIDATE),
    );
    h.insert(header::ETAG, etag);
    h.insert(header::VARY, HeaderValue::from_static(VARY));
    if let language::Decision::Remember(lang) = decision {
        h.insert(header::SET_COOKIE, language::remember(lang));
    }
    res
}

/// `shell` with its app started after the page's `load` event (see [`START_AFTER_LOAD`]).
/// The Content-Security-Policy hashes the result too, so it must be a pure function of the
/// shell.
pub fn start_after_load(shell: &str) -> String {
    match shell.find(LOADER_OPEN) {
        Some(at) => {
            let mut html = shell.to_string();
            html.insert_str(at + LOADER_OPEN.len(), START_AFTER_LOAD);
            html
        }
        None => shell.to_string(),
    }
}

fn text_response(content_type: &'static str, body: String) -> Response {
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

fn etag(version: &str, parts: &[&str]) -> HeaderValue {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let short: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{version}-{short}\"")).expect("hex is a valid header")
}

fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim().trim_start_matches("W/") == etag.to_str().unwrap_or(""))
}

/// The shell with the page's head in place of its generic title and description, and the
/// first view inside the loading placeholder.
pub fn write_into_shell(shell: &str, head: &str, body: &str) -> String {
    let mut html = shell.to_string();
    // The page is readable before the app: its photo and text should not share a phone's
    // slow link with the app's wasm, which the shell's module script fetches anyway.
    for hint in ["<link rel=\"preload\"", "<link rel=\"modulepreload\""] {
        while let Some(start) = html.find(hint) {
            match html[start..].find('>') {
                Some(len) => html.replace_range(start..=start + len, ""),
                None => break,
            }
        }
    }
    html = start_after_load(&html);
    let mut title_at = None;
    for (open, close) in [("<title>", "</title>"), ("<meta name=\"description\"", ">")] {
        if let Some(start) = html.find(open) {
            if let Some(len) = html[start..].find(close) {
                html.replace_range(start..start + len + close.len(), "");
                title_at.get_or_insert(start);
            }
        }
    }
    // A shell without `</head>` (its tags implied) gets the head where its title was.
    let at = html.find("</head>").or(title_at).unwrap_or(0);
    html.insert_str(at, head);
    // The placeholder becomes the page (`with-first-view`: its bar and "needs JavaScript"
    // note are hidden, the app mounts hidden behind it and removes it once drawn).
    if let Some(start) = html.find(SLOT_OPEN) {
        if let Some(gt) = html[start..].find('>') {
            html.replace_range(
                start..start + gt + 1,
                &format!("<div id=\"boot\" class=\"boot with-first-view\"><div class=\"first-view\">{body}</div>"),
            );
        }
    }
    html
}
