//! The one mapping from failures to HTTP responses. Internal causes are logged, never sent:
//! a client sees a stable error code and a message it can show.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::rules::FieldError;
use serde::Serialize;

use crate::store::StoreError;

/// Every way a request can fail, as the HTTP edge sees it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    SignInRequired,
    #[error("wrong WhatsApp number or password")]
    WrongCredentials,
    /// Missing or wrong CSRF token, or a cross-site sign-in attempt.
    #[error("request refused: missing or wrong CSRF token")]
    Csrf,
    /// The resource exists but belongs to another seller.
    #[error("this belongs to another seller")]
    NotOwner,
    /// Signed in as staff, but the endpoint is for the other role (a facilitator on an
    /// operator's endpoint, or the reverse).
    #[error("your account's role may not do this")]
    WrongRole,
    /// Input broke shared rules; each field's problem goes back to the form.
    #[error("some fields are not valid")]
    Invalid(Vec<FieldError>),
    /// The request did not complete in time (a stalled connection).
    #[error("request took too long")]
    Timeout,
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// An uploaded photo failed the server's re-check; `code` is the photo crate's.
    #[error("photo refused: {detail}")]
    Photo { code: &'static str, detail: String },
    /// The request could not be read: not JSON, not the shape the endpoint takes, a bad
    /// path or query. The message says where (`items[0].quantity: invalid type …`).
    #[error("malformed request: {0}")]
    Malformed(String),
    /// A JSON endpoint was sent something that does not say it is JSON.
    #[error("expected a body with Content-Type: application/json")]
    UnsupportedMediaType,
    /// The body is larger than the endpoint accepts.
    #[error("request body too large")]
    BodyTooLarge,
    #[error("{}", store_message(.0))]
    Store(#[from] StoreError),
    /// A file could not be written for lack of room (disk full, quota, file-size limit).
    #[error("storage full: the server cannot store this now")]
    StorageFull,
    #[error("internal error")]
    Internal(String),
}

/// The JSON error envelope every endpoint uses.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable, machine-readable code; the app maps it to Indonesian or English text:
    /// `not_found`, `sign_in_required`, `wrong_credentials`, `csrf`, `not_owner`, `invalid`,
    /// `rate_limited`, `malformed`, `unsupported_media_type`, `body_too_large`,
    /// `store_unavailable`, `internal`, or for a refused photo one of the photo check's codes
    /// (`empty`, `heic`, `unsupported`, `too_large`, `too_big`, `corrupt`, `not_jpeg`,
    /// `metadata`, `invalid_pixels`, `encode`).
    #[schema(value_type = String, example = "invalid")]
    pub code: &'static str,
    /// A short English description for logs and API users.
    pub message: String,
    /// Per-field problems for `invalid` (422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(required = false)]
    pub fields: Vec<FieldError>,
    /// Seconds to wait, for `rate_limited` (429) and `store_busy` (503); also in the
    /// `Retry-After` header.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub retry_after: Option<u64>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::SignInRequired => (StatusCode::UNAUTHORIZED, "sign_in_required"),
            ApiError::WrongCredentials => (StatusCode::UNAUTHORIZED, "wrong_credentials"),
            ApiError::Csrf => (StatusCode::FORBIDDEN, "csrf"),
            ApiError::NotOwner => (StatusCode::FORBIDDEN, "not_owner"),
            ApiError::WrongRole => (StatusCode::FORBIDDEN, "wrong_role"),
            ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ApiError::Timeout => (StatusCode::REQUEST_TIMEOUT, "timeout"),
            ApiError::Photo { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, *code),
            ApiError::Store(StoreError::Full(cause)) => {
                tracing::error!(%cause, "store full");
                (StatusCode::INSUFFICIENT_STORAGE, "storage_full")
            }
            ApiError::StorageFull => (StatusCode::INSUFFICIENT_STORAGE, "storage_full"),
            ApiError::Store(StoreError::Busy(cause)) => {
                tracing::warn!(%cause, "store busy");
                (StatusCode::SERVICE_UNAVAILABLE, "store_busy")
            }
            ApiError::Malformed(_) => (StatusCode::BAD_REQUEST, "malformed"),
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
            ApiError::Store(err) => {
                tracing::error!(error = %err, "store failure");
                (StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let message = self.to_string();
        let (fields, retry_after) = match self {
            ApiError::Invalid(fields) => (fields, None),
            ApiError::RateLimited { retry_after_secs } => (Vec::new(), Some(retry_after_secs)),
            // Whoever held the lock is usually done within seconds.
            ApiError::Store(StoreError::Busy(_)) => (Vec::new(), Some(BUSY_RETRY_SECS)),
            _ => (Vec::new(), None),
        };
        let mut response = (
            status,
            Json(ErrorBody {
                code,
                message,
                fields,
                retry_after,
            }),
        )
            .into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// `Retry-After` for `store_busy`.
const BUSY_RETRY_SECS: u64 = 2;

/// The client's message for a store failure: the causes it can act on are named, the rest
/// is "unavailable" (details go to the log).
fn store_message(err: &StoreError) -> &'static str {
    match err {
        StoreError::Full(_) => "storage full: the server cannot store this now",
        StoreError::Busy(_) => "the database is busy; try again in a few seconds",
        _ => "storage unavailable",
    }
}

impl ApiError {
    /// `StorageFull` for a write that failed for lack of room, `Internal` otherwise.
    pub fn from_write(context: &str, err: std::io::Error) -> ApiError {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded => {
                tracing::error!(error = %err, context, "no room to write");
                ApiError::StorageFull
            }
            _ => ApiError::Internal(format!("{context}: {err}")),
        }
    }

    /// A photo store's failure: a full disk as such, the database's as the store's.
    pub fn from_blob(context: &str, err: crate::blobs::BlobError) -> ApiError {
        match err {
            crate::blobs::BlobError::Io(e) => ApiError::from_write(context, e),
            crate::blobs::BlobError::Store(e) => ApiError::Store(e),
        }
    }

    /// `Invalid` if `fields` is not empty.
    pub fn check(fields: Vec<FieldError>) -> Result<(), ApiError> {
        if fields.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(fields))
        }
    }
}
