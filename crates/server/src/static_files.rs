//! Serving the built app: real files from `dist/`, precompressed `.br`/`.gz` siblings when
//! present, and the HTML shell of the app (buyer's or seller's) for any path a client-side router owns.
//!
//! Cache policy follows the file names Trunk writes: names carrying a content hash never
//! change, so browsers may keep them for a year; everything else (index.html, the worker
//! files Trunk does not hash) must be revalidated so a deploy is seen at once.

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use etalase_model::AppArea;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Long-lived caching for content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Revalidate every time (cheap with `Last-Modified`/`ETag`): for files whose name is stable.
pub const REVALIDATE: &str = "no-cache";

/// A router that serves `dist` with cache headers; paths that are no file go to the
/// seller's shell or, for the buyer's app, to `shop` (which writes each page).
pub fn router(dist: &Path, shop: Router) -> Router {
    let shells = dist.to_path_buf();
    let spa = tower::service_fn(move |req: Request| {
        let shells = shells.clone();
        let shop = shop.clone();
        async move {
            Ok::<_, Infallible>(if AppArea::of(req.uri().path()) == AppArea::Shop {
                match shop.oneshot(req).await {
                    Ok(res) => res,
                    Err(never) => match never {},
                }
            } else {
                spa_fallback(&shells, req).await
            })
        }
    });
    let files = ServeDir::new(dist)
        // `/` is the home page, written by `shop` like every other page.
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

/// Paths without a file extension are client-side routes and get the HTML shell of the app
/// that owns them (`AppArea`: the buyer's `index.html` or the seller's `penjual.html`); a
/// missing file with an extension (`/logo.png`) is a real 404, so broken asset links stay
/// visible.
async fn spa_fallback(dist: &Path, req: Request) -> Response {
    let path = req.uri().path();
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let shell = dist.join(AppArea::of(path).shell());
    match ServeFile::new(shell)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await
    {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    }
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let hashed = is_content_hashed(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
}

/// True for Trunk's hashed output such as `app-1f2e3d4c5b6a7988_bg.wasm` or
/// `main-0123456789abcdef.css`: the file stem ends in `-` plus at least 12 hex digits (Trunk prints a u64 without zero padding)
/// (optionally followed by wasm-bindgen's `_bg`).
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => hash.len() >= 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn recognises_trunk_hashes_only() {
        assert!(is_content_hashed("/app-1f2e3d4c5b6a7988_bg.wasm"));
        assert!(is_content_hashed("/app-1f2e3d4c5b6a7988.js"));
        assert!(is_content_hashed("/main-0123456789abcdef.css"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/worker_loader.js"));
        assert!(!is_content_hashed("/worker_bg.wasm"));
        assert!(!is_content_hashed("/produk/kerupuk-udang"));
        assert!(!is_content_hashed("/app-notahash_bg.wasm"));
    }
}
