//! The only module that knows the server's URLs and wire formats. Pages call these
//! functions and get typed values or an [`ApiError`] they can show in either language.

use etalase_model::api::ErrorBody;
pub use etalase_model::api::{ErrorCode, Health};
use etalase_model::Catalog;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{Deserialize, Serialize};

use crate::storage;

pub mod inquiry;
pub mod report;
pub mod seller;
pub mod staff;

/// localStorage key of the last catalog that loaded, for offline use.
const CATALOG_CACHE_KEY: &str = "etalase.catalog";

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

/// A catalog and where it came from.
pub struct LoadedCatalog {
    pub catalog: Catalog,
    /// True when the server could not be reached and the saved copy is shown.
    pub from_cache: bool,
}

/// `GET /api/catalog`. The browser revalidates with the ETag (a 304 costs no body); the
/// last good copy is kept in localStorage so a buyer who loses signal still has the catalog.
pub async fn catalog() -> Result<LoadedCatalog, ApiError> {
    match fetch_catalog_text().await {
        Ok((text, from_saved_copy)) => {
            let catalog = serde_json::from_str(&text).map_err(|_| ApiError::Decode)?;
            storage::set(CATALOG_CACHE_KEY, &text);
            Ok(LoadedCatalog {
                catalog,
                from_cache: from_saved_copy,
            })
        }
        Err(err) => storage::get(CATALOG_CACHE_KEY)
            .and_then(|text| serde_json::from_str(&text).ok())
            .map(|catalog| LoadedCatalog {
                catalog,
                from_cache: true,
            })
            .ok_or(err),
    }
}

/// The body, and whether the service worker answered with its saved copy because the
/// network failed (public/sw.js marks those with `x-etalase-offline`).
async fn fetch_catalog_text() -> Result<(String, bool), ApiError> {
    let res = Request::get("/api/catalog")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !res.ok() {
        return Err(ApiError::Status(res.status()));
    }
    let saved = res.headers().get("x-etalase-offline").is_some();
    Ok((res.text().await.map_err(|_| ApiError::Network)?, saved))
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
