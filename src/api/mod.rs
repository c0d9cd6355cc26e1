//! The only module that knows the server's URLs and wire formats. Pages call these
//! functions and get typed values or an [`ApiError`] they can show in either language.

use etalase_model::api::ErrorBody;
pub use etalase_model::api::{ErrorCode, Health};
use etalase_model::catalog::Step;
use etalase_model::{Catalog, CatalogSteps};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{Deserialize, Serialize};

use crate::event_loop::next_task;
use crate::storage;
use wasm_bindgen::JsCast;

pub mod inquiry;
pub mod report;
pub mod seller;
pub mod staff;

/// Where the card index is.
const INDEX_URL: &str = "/api/catalog/index";
/// localStorage key of the whole catalog the app kept before the card index.
const OLD_CATALOG_KEY: &str = "etalase.catalog";

/// Why a call to the server failed, in terms the UI can explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No connection, DNS failure, or the request was cut off.
    Network,
    /// The server answered with an unexpected status.
    Status(u16),
    /// The body was not what this version of the app expects.
    Decode,
    /// The server refused the input; each field's broken rule, for the form.
    Invalid(Vec<etalase_model::rules::FieldError>),
    /// Too many attempts; wait this many seconds.
    RateLimited(u64),
    /// Any other refusal, by the server's stable code.
    Refused(ErrorCode),
}

/// A village's IDM years (by Kemendagri code), oldest first.
pub async fn idm_history(village_code: &str) -> Result<etalase_model::api::IdmHistory, ApiError> {
    let url = format!(
        "/api/villages/{}/idm",
        String::from(js_sys::encode_uri_component(village_code))
    );
    let res = Request::get(&url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Asks the server whether it and its database are up.
pub async fn health() -> Result<Health, ApiError> {
    let res = Request::get("/api/health")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !res.ok() && res.status() != 503 {
        return Err(ApiError::Status(res.status()));
    }
    res.json().await.map_err(|_| ApiError::Decode)
}

/// `GET /api/catalog/index`: the card index (what the catalog pages need of every
/// listing, a quarter of the catalog's bytes), its JSON's bytes, and whether it is the offline
/// copy; [`decode_catalog`] makes it the catalog of card-sized listings the pages run on, and
/// a product page fetches its listing in full ([`product_details`]). The browser revalidates
/// with the ETag (a 304 costs no body). The last good copy is kept in the Cache API (4 MB
/// of JSON at 10,000 listings: localStorage's 5 MB could not hold the catalog), so a buyer
/// who loses signal still has it, with or without the service worker.
pub async fn catalog_json() -> Result<(js_sys::ArrayBuffer, bool), ApiError> {
    // The copy kept before the index (the whole catalog), now only taking room.
    storage::remove(OLD_CATALOG_KEY);
    match fetch_index().await {
        Ok((response, saved)) => {
            let json = array_buffer(&response).await?;
            if !saved {
                // A copy of the bytes (the buffer itself moves to the search worker), in a
                // response of their own: the server's headers (its `Vary`) stay out of the
                // cache's matching. Never a JavaScript or Rust string of 4 MB.
                let copy = js_sys::Uint8Array::new(&json).slice(0, json.byte_length());
                if let Ok(kept) = web_sys::Response::new_with_opt_buffer_source(Some(&copy)) {
                    offline_copy::keep(kept);
                }
            }
            Ok((json, saved))
        }
        Err(err) => Ok((offline_copy::read().await.ok_or(err)?, true)),
    }
}

async fn array_buffer(response: &web_sys::Response) -> Result<js_sys::ArrayBuffer, ApiError> {
    let promise = response.array_buffer().map_err(|_| ApiError::Network)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| ApiError::Network)?
        .dyn_into()
        .map_err(|_| ApiError::Decode)
}

/// The card index's JSON as the catalog of card-sized listings the pages run on, made a
/// slice at a time ([`CatalogSteps`]) in tasks of about [`TASK_MS`]: a keystroke or a tap
/// is answered between them, and no task of a phone's main thread runs long.
/// `opened` learns early, before the listings are made, whether the catalog's searches go
/// to the server (`CardIndex::searched_by_server`).
pub async fn decode_catalog(json: &[u8], opened: impl FnOnce(bool)) -> Result<Catalog, ApiError> {
    let decode = |e: etalase_model::catalog::StepError| {
        web_sys::console::warn_1(&format!("card index: {e}").into());
        ApiError::Decode
    };
    // The JSON's arrival and copies took a task: reading starts in the next one.
    next_task().await;
    let mut steps = CatalogSteps::new(json).map_err(decode)?;
    opened(steps.searched_by_server());
    next_task().await;
    let mut task = now();
    loop {
        let making = steps.making();
        if let Step::Done(catalog) = steps.step().map_err(decode)? {
            mark("index-expanded");
            // Drawing the page from it is a task of its own.
            next_task().await;
            return Ok(*catalog);
        }
        if !making && steps.making() {
            mark("index-decoded");
        }
        if now() - task > TASK_MS {
            next_task().await;
            task = now();
        }
    }
}

/// Main-thread time one task of [`decode_catalog`] takes before it lets the page answer
/// input: well under the 50 ms a task may take before a reader feels it.
const TASK_MS: f64 = 30.0;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A User Timing mark, for the page-load benchmark and DevTools' timeline.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The last good index, in the Cache API (`caches`, open to pages as to service workers).
mod offline_copy {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    const CACHE: &str = "etalase-data";

    async fn cache() -> Option<web_sys::Cache> {
        let caches = web_sys::window()?.caches().ok()?;
        JsFuture::from(caches.open(CACHE))
            .await
            .ok()?
            .dyn_into()
            .ok()
    }

    /// Stores it in the background: the catalog shows meanwhile.
    pub fn keep(response: web_sys::Response) {
        wasm_bindgen_futures::spawn_local(async move {
            let Some(cache) = cache().await else { return };
            // A full disk or a private window only means no offline copy.
            let _ = JsFuture::from(cache.put_with_str(super::INDEX_URL, &response)).await;
        });
    }

    pub async fn read() -> Option<js_sys::ArrayBuffer> {
        let cache = cache().await?;
        let found = JsFuture::from(cache.match_with_str(super::INDEX_URL))
            .await
            .ok()?;
        let response: web_sys::Response = found.dyn_into().ok()?;
        super::array_buffer(&response).await.ok()
    }
}

/// `GET /api/catalog/search`: `limit` listings of `query` from `offset` on, with its total
/// and category counts, worked out by the server (while the search worker builds its
/// index, and always for a catalog too large to search on the phone).
pub async fn search_page(
    query: &etalase_model::CatalogQuery,
    offset: usize,
    limit: usize,
) -> Result<etalase_model::api::SearchPage, ApiError> {
    let mut pairs = query.to_query_pairs();
    if offset > 0 {
        pairs.push(("offset", offset.to_string()));
    }
    pairs.push(("limit", limit.to_string()));
    let res = Request::get("/api/catalog/search")
        .query(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// A published listing's full data (`/api/catalog/products/{id}`), of the catalog
/// `version` the app holds: the browser keeps the answer, and the service worker serves it
/// offline once seen.
pub async fn product_details(id: &str, version: &str) -> Result<etalase_model::Product, ApiError> {
    let res = Request::get(&format!("/api/catalog/products/{id}"))
        .query([("v", version)])
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// The response, and whether the service worker answered with its saved copy because the
/// network failed (public/sw.js marks those with `x-etalase-offline`).
async fn fetch_index() -> Result<(web_sys::Response, bool), ApiError> {
    let res = Request::get(INDEX_URL)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !res.ok() {
        return Err(ApiError::Status(res.status()));
    }
    let saved = res.headers().get("x-etalase-offline").is_some();
    Ok((res.into(), saved))
}

/// Turns a non-2xx answer into the error the UI explains.
pub(crate) async fn refusal(res: Response) -> ApiError {
    let status = res.status();
    match res.json::<ErrorBody>().await {
        Ok(body) => ApiError::from(body),
        Err(_) => ApiError::Status(status),
    }
}

impl From<ErrorBody> for ApiError {
    fn from(body: ErrorBody) -> ApiError {
        match body.code {
            ErrorCode::Invalid => ApiError::Invalid(body.fields),
            ErrorCode::RateLimited => ApiError::RateLimited(body.retry_after.unwrap_or(60)),
            code => ApiError::Refused(code),
        }
    }
}

pub(crate) async fn json_or_refusal<T: for<'de> Deserialize<'de>>(
    res: Response,
) -> Result<T, ApiError> {
    if res.ok() {
        res.json().await.map_err(|_| ApiError::Decode)
    } else {
        Err(refusal(res).await)
    }
}

/// Ends the session at `url` (seller or staff); a session that already ended (`401`) is
/// as good as ended now.
pub(crate) async fn sign_out(url: &str, csrf: &str) -> Result<(), ApiError> {
    let res = Request::post(url)
        .header("x-csrf-token", csrf)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if res.ok() || res.status() == 401 {
        Ok(())
    } else {
        Err(refusal(res).await)
    }
}

/// Sends `body` as JSON and decodes the answer (or the refusal).
pub(crate) async fn send_json<B: Serialize, T: for<'de> Deserialize<'de>>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let res = request
        .json(body)
        .map_err(|_| ApiError::Decode)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

#[cfg(test)]
mod tests {
    /// The server's URLs are written only in `api/`, so a changed endpoint changes here.
    #[test]
    fn server_urls_are_spelled_only_here() {
        let found: Vec<String> = crate::code_lines(&["api"])
            .into_iter()
            .filter(|(_, _, line)| line.contains("/api/"))
            .map(|(file, n, line)| format!("src/{file}:{n}: {}", line.trim()))
            .collect();
        assert!(
            found.is_empty(),
            "server URLs outside src/api/:\n{}",
            found.join("\n")
        );
    }
}
