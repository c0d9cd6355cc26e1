//! The one mapping from failures to HTTP responses. Internal causes are logged, never sent:
//! a client sees a stable error code and a message it can show.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::rules::FieldError;

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
    /// The account was suspended or deactivated by the district; the password was right.
    #[error("this account is suspended")]
    AccountDisabled,
    /// Input broke shared rules; each field's problem goes back to the form.
    #[error("some fields are not valid")]
    Invalid(Vec<FieldError>),
    /// The request did not complete in time (a stalled connection).
    #[error("request took too long")]
    Timeout,
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// An uploaded photo failed the server's re-check; `code` is one of the photo codes.
    #[error("photo refused: {detail}")]
    Photo { code: ErrorCode, detail: String },
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

/// The envelope every endpoint answers with; defined once, with the app, in the model.
pub use etalase_model::api::{ErrorBody, ErrorCode};

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            ApiError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            ApiError::SignInRequired => (StatusCode::UNAUTHORIZED, ErrorCode::SignInRequired),
            ApiError::WrongCredentials => (StatusCode::UNAUTHORIZED, ErrorCode::WrongCredentials),
            ApiError::Csrf => (StatusCode::FORBIDDEN, ErrorCode::Csrf),
            ApiError::NotOwner => (StatusCode::FORBIDDEN, ErrorCode::NotOwner),
            ApiError::WrongRole => (StatusCode::FORBIDDEN, ErrorCode::WrongRole),
            ApiError::AccountDisabled => (StatusCode::FORBIDDEN, ErrorCode::AccountDisabled),
            ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Invalid),
            ApiError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited),
            ApiError::Timeout => (StatusCode::REQUEST_TIMEOUT, ErrorCode::Timeout),
            ApiError::Photo { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, *code),
            ApiError::Store(StoreError::Full(cause)) => {
                tracing::error!(%cause, "store full");
                (StatusCode::INSUFFICIENT_STORAGE, ErrorCode::StorageFull)
            }
            ApiError::StorageFull => (StatusCode::INSUFFICIENT_STORAGE, ErrorCode::StorageFull),
            ApiError::Store(StoreError::Busy(cause)) => {
                tracing::warn!(%cause, "store busy");
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::StoreBusy)
            }
            ApiError::Malformed(_) => (StatusCode::BAD_REQUEST, ErrorCode::Malformed),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
            ),
            ApiError::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::BodyTooLarge),
            ApiError::Store(err) => {
                tracing::error!(error = %err, "store failure");
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::StoreUnavailable)
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal)
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

    /// The photo check's refusal, by its code.
    pub fn photo(err: etalase_photo::PhotoError) -> ApiError {
        ApiError::Photo {
            // Every photo code has its `ErrorCode` (tested below); `Corrupt` is the fallback
            // a future code would fall into until it is named.
            code: ErrorCode::from_photo(err.code()).unwrap_or(ErrorCode::PhotoCorrupt),
            detail: err.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_photo::PhotoError;

    #[test]
    fn every_photo_code_has_its_error_code() {
        for code in PhotoError::CODES {
            let mapped = ErrorCode::from_photo(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(mapped.photo(), Some(code));
        }
    }
}
