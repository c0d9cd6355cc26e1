//! The whole route table in one place. Handlers live in one module per resource.

mod catalog;
mod health;
mod media;

use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::{static_files, AppState};

/// Builds the application: JSON API under `/api`, the app everywhere else.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(health::get_health))
        .route("/catalog", get(catalog::get_catalog))
        .fallback(|| async { ApiError::NotFound });

    Router::new()
        .nest("/api", api)
        .route("/media/demo/{file}", get(media::get_demo_photo))
        .with_state(state.clone())
        .merge(static_files::router(&state.config.dist_dir))
        // Precompressed files already carry Content-Encoding and are left alone.
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(TraceLayer::new_for_http())
}
