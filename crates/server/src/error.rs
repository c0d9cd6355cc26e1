//! The one mapping from failures to HTTP responses. Internal causes are logged, never sent:
//! a client sees a stable error code and a message it can show.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::store::StoreError;

/// Every way a request can fail, as the HTTP edge sees it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("storage unavailable")]
    Store(#[from] StoreError),
    #[error("internal error")]
    Internal(String),
}

/// The JSON error envelope every endpoint uses.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    /// Stable, machine-readable code; the app maps it to Indonesian or English text.
    pub code: &'static str,
    /// A short English description for logs and API users.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::Store(err) => {
                tracing::error!(error = %err, "store failure");
                (StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        (
            status,
            Json(ErrorBody {
                code,
                message: self.to_string(),
            }),
        )
            .into_response()
    }
}
