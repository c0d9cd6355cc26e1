//! The whole route table in one place. Handlers live in one module per resource.

mod auth;
mod catalog;
mod health;
pub mod inbox;
mod inquiries;
mod insights;
mod listings;
mod media;
pub mod uploads;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post, put};
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
        .route("/auth/register", post(auth::register))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/inquiries", post(inquiries::create))
        .route("/inquiries/track/{token}", get(inquiries::track))
        .route("/insights", get(insights::get_insights))
        .route("/seller/inquiries", get(inbox::list))
        .route("/seller/inquiries.csv", get(inbox::export_csv))
        .route("/seller/inquiries/{reference}", post(inbox::update))
        .route("/seller/inquiries/{reference}/read", post(inbox::mark_read))
        .route("/seller/listings", get(listings::list_own))
        .route("/seller/listings/{id}", put(listings::put_listing))
        .route(
            "/uploads",
            // Room for the largest accepted photo plus slack, so an oversized one gets the
            // photo check's clear message rather than a bare 413.
            post(uploads::upload_photo).layer(DefaultBodyLimit::max(2 * uploads::MAX_UPLOAD_BYTES)),
        )
        // Forms and listings are small; nothing else needs the 2 MB default.
        .layer(DefaultBodyLimit::max(256 * 1024))
        .fallback(|| async { ApiError::NotFound });

    Router::new()
        .nest("/api", api)
        .route("/media/demo/{file}", get(media::get_demo_photo))
        .route("/media/u/{file}", get(uploads::get_upload))
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
