//! The only module that knows the server's URLs and wire formats. Pages call these
//! functions and get typed values or an [`ApiError`] they can show in either language.

use gloo_net::http::Request;
use serde::Deserialize;

/// Why a call to the server failed, in terms the UI can explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No connection, DNS failure, or the request was cut off.
    Network,
    /// The server answered with an unexpected status.
    Status(u16),
    /// The body was not what this version of the app expects.
    Decode,
}

/// `GET /api/health`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: HealthDatabase,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct HealthDatabase {
    pub ok: bool,
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
