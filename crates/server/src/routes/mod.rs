//! The whole route table in one place, and its OpenAPI description. Handlers live in one
//! module per resource; none imports another (shared work lives in crate modules such as
//! [`crate::inbox`], and [`crate::auth::owner`] lets the cooperative's paths reuse the
//! seller's handlers).

mod admin;
mod auth;
mod catalog;
mod coop;
mod district;
mod facilitator;
mod health;
mod idm;
mod inbox;
mod inquiries;
mod insights;
mod listings;
mod market;
mod media;
mod moderation;
mod notices;
mod partnerships;
mod staff;
mod uploads;

use axum::extract::DefaultBodyLimit;
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::{openapi, security, static_files, AppState};

/// Longest time an API request (body included) may take, uploads aside.
const API_TIMEOUT: Duration = Duration::from_secs(30);
/// A phone on 2G sends a 1 MB photo in about two minutes; give it room, not forever.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(300);
/// Photos are decoded in full to be checked: a few at a time keep the CPU for everyone else.
const MAX_CONCURRENT_UPLOADS: usize = 4;
const MAX_CONCURRENT_API: usize = 512;

/// The JSON API, relative to `/api`. Each handler's method and path come from its
/// `#[utoipa::path]` attribute, so this one list builds both the router and the OpenAPI
/// document ([`document`]). Add routes with `.routes(routes!(…))` only: a plain
/// `.route` would serve an undescribed endpoint (the `openapi_drift` test looks for one).
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::get_health))
        .routes(routes!(get_openapi))
        .routes(routes!(auth::register))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::claim))
        .routes(routes!(staff::login))
        .routes(routes!(staff::logout))
        .routes(routes!(staff::me))
        .routes(routes!(coop::list_members, coop::add_member))
        .routes(routes!(listings::member_listings))
        .routes(routes!(listings::put_member_listing))
        .routes(routes!(listings::member_listing_history))
        .routes(routes!(inbox::member_inquiries))
        .routes(routes!(inbox::answer_member_inquiry))
        .routes(routes!(inbox::quote_member_inquiry))
        .routes(routes!(facilitator::report))
        .routes(routes!(facilitator::report_csv))
        .routes(routes!(market::map))
        .routes(routes!(market::map_csv))
        .routes(routes!(inquiries::create))
        .routes(routes!(inquiries::track))
        .routes(routes!(insights::get_insights))
        .routes(routes!(inbox::list))
        .routes(routes!(inbox::export_csv))
        .routes(routes!(inbox::update))
        .routes(routes!(inbox::mark_read))
        .routes(routes!(inbox::quote))
        .routes(routes!(inquiries::decide))
        .routes(routes!(listings::list_own))
        .routes(routes!(listings::put_listing))
        .routes(routes!(listings::history))
        .routes(routes!(listings::get_membership, listings::put_membership))
        .routes(routes!(moderation::report))
        .routes(routes!(moderation::queue))
        .routes(routes!(moderation::hold, moderation::release))
        .routes(routes!(moderation::dismiss))
        .routes(routes!(moderation::verify, moderation::unverify))
        .routes(routes!(moderation::seller_holds))
        .routes(routes!(moderation::request_review))
        .routes(routes!(admin::accounts))
        .routes(routes!(admin::set_active))
        .routes(routes!(admin::audit))
        .routes(routes!(notices::get_settings, notices::put_settings))
        .routes(routes!(notices::subscribe, notices::unsubscribe))
        .routes(routes!(notices::get_operator, notices::put_operator))
        .routes(routes!(notices::failed))
        .routes(routes!(admin::suspend, admin::reinstate))
        .routes(routes!(idm::enter_year))
        .routes(routes!(district::save_cooperative))
        .routes(routes!(district::invite))
        .routes(routes!(district::show_invite))
        .routes(routes!(district::claim_invite))
        .routes(routes!(idm::history))
        .routes(routes!(partnerships::put_partner))
        .routes(routes!(partnerships::put_partnership))
        .routes(routes!(partnerships::end_partnership))
        // Not with the catalog's snapshot routes below: a search is work per request, so it
        // waits its turn and times out like the rest of the API.
        .routes(routes!(catalog::search))
        // Forms and listings are small; nothing else needs the 2 MB default. A request
        // that has not finished in 30 s (a stalled phone, a slow-loris client) gets 408.
        .layer(DefaultBodyLimit::max(256 * 1024))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            API_TIMEOUT,
        ))
        .merge(upload_routes())
        .merge(idm_table_routes())
        // Back-pressure: excess requests wait instead of exhausting memory or connections.
        .layer(ConcurrencyLimitLayer::new(MAX_CONCURRENT_API))
        .layer(middleware::map_response(envelope_layer_errors))
        // Added after the layers above, so it has none of them: the catalog is every
        // visit's first API call and the hottest route, a stored snapshot answered without
        // reading a body or waiting on anything, for which a timeout, a concurrency limit
        // and an error envelope cost time per request and protect nothing.
        .routes(routes!(catalog::get_catalog))
        .routes(routes!(catalog::get_index))
        .routes(routes!(catalog::get_product))
        .fallback(no_such_endpoint)
}

/// The whole document: the fixed parts with every route of the table under `/api`.
pub fn document() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    OpenApiRouter::<AppState>::with_openapi(openapi::ApiDoc::openapi())
        .nest("/api", api_routes())
        .into_openapi()
}

/// The document as JSON, built once.
pub fn json() -> &'static str {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        document()
            .to_json()
            .expect("the API description serialises")
    })
}

/// `GET /api/openapi.json`: this description. Served from here, beside the table it
/// describes, so the description's fixed parts ([`openapi`]) need nothing of the routes.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    operation_id = "get_openapi",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API",
            content_type = "application/json", body = Object),
    )
)]
pub async fn get_openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}

/// Photo uploads, with their own body limit, timeout and concurrency.
fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(
            // Room for the largest accepted photo plus slack, so an oversized one gets the
            // photo check's clear message; beyond that, 413 from the declared length alone.
            routes!(uploads::upload_photo)
                .layer(DefaultBodyLimit::max(2 * uploads::MAX_UPLOAD_BYTES)),
        )
        .routes(
            routes!(uploads::upload_for_member)
                .layer(DefaultBodyLimit::max(2 * uploads::MAX_UPLOAD_BYTES)),
        )
        // A declared length over the limit is refused at once (413) instead of reading
        // megabytes over a phone's connection first.
        .layer(RequestBodyLimitLayer::new(2 * uploads::MAX_UPLOAD_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            UPLOAD_TIMEOUT,
        ))
        .layer(ConcurrencyLimitLayer::new(MAX_CONCURRENT_UPLOADS))
}

/// The ministry's IDM table for a whole regency is larger than a form: room for the
/// model's limit (2 MB of CSV, as JSON), nothing more.
fn idm_table_routes() -> OpenApiRouter<AppState> {
    let limit = etalase_model::api::IDM_IMPORT_BODY_MAX_BYTES;
    OpenApiRouter::new()
        .routes(routes!(idm::preview_table).layer(DefaultBodyLimit::max(limit)))
        .routes(routes!(idm::import_table).layer(DefaultBodyLimit::max(limit)))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            API_TIMEOUT,
        ))
}

/// Limits and timeouts answer from tower layers with a bare text body; give API clients
/// the same JSON envelope as every other error.
async fn envelope_layer_errors(res: Response) -> Response {
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE if !is_json => ApiError::BodyTooLarge.into_response(),
        StatusCode::REQUEST_TIMEOUT if !is_json => ApiError::Timeout.into_response(),
        _ => res,
    }
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

    let [csp_layer, nosniff, referrer, frames, opener, resources, permissions] =
        security::header_layers(security::content_security_policy(&state.config.dist_dir));
    Router::new()
        .nest("/api", api)
        .route("/media/demo/{file}", get(media::get_demo_photo))
        .route("/media/c/{file}", get(media::get_card_photo))
        .route("/media/u/{file}", get(media::get_upload))
        .with_state(state.clone())
        .merge(static_files::router(
            &state.config.dist_dir,
            // The buyer's pages, written from the catalog.
            Router::new()
                .fallback(crate::pages::shop_page)
                .with_state(state.clone()),
        ))
        // Precompressed files already carry Content-Encoding and are left alone.
        .layer(CompressionLayer::new())
        .layer(csp_layer)
        .layer(nosniff)
        .layer(referrer)
        .layer(frames)
        .layer(opener)
        .layer(resources)
        .layer(permissions)
        .layer(TraceLayer::new_for_http())
}
