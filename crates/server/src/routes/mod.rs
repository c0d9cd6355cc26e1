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
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::{openapi, static_files, AppState};

/// The JSON API, relative to `/api`. Each handler's method and path come from its
/// `#[utoipa::path]` attribute, so this one list builds both the router and the OpenAPI
/// document ([`openapi::document`]). Add routes with `.routes(routes!(…))` only: a plain
/// `.route` would serve an undescribed endpoint (the `openapi_drift` test looks for one).
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::get_health))
        .routes(routes!(openapi::get_openapi))
        .routes(routes!(catalog::get_catalog))
        .routes(routes!(auth::register))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(inquiries::create))
        .routes(routes!(inquiries::track))
        .routes(routes!(insights::get_insights))
        .routes(routes!(inbox::list))
        .routes(routes!(inbox::export_csv))
        .routes(routes!(inbox::update))
        .routes(routes!(inbox::mark_read))
        .routes(routes!(listings::list_own))
        .routes(routes!(listings::put_listing))
        .routes(
            // Room for the largest accepted photo plus slack, so an oversized one gets the
            // photo check's clear message rather than a bare 413.
            routes!(uploads::upload_photo)
                .layer(DefaultBodyLimit::max(2 * uploads::MAX_UPLOAD_BYTES)),
        )
        // Forms and listings are small; nothing else needs the 2 MB default.
        .layer(DefaultBodyLimit::max(256 * 1024))
        .fallback(no_such_endpoint)
}

/// Marks the answer of the API's fallback, so a test driving the router can tell "no such
/// route" from a handler's own 404 (an unknown tracking token, say). Never sent on the wire.
#[derive(Debug, Clone, Copy)]
pub struct NoRoute;

async fn no_such_endpoint() -> Response {
    let mut response = ApiError::NotFound.into_response();
    response.extensions_mut().insert(NoRoute);
    response
}

/// Builds the application: JSON API under `/api`, the app everywhere else.
pub fn app(state: AppState) -> Router {
    let (api, _) = api_routes().split_for_parts();

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
