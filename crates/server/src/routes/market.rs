//! `GET /api/staff/market[.csv]`: the export market map for the district (facilitators and
//! admins): what each destination asked of each product, what was quoted and won.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::api::{MarketMap, MarketQuery};

use crate::auth::staff::Moderator;
use crate::clock::today_in_kalimantan;
use crate::error::{ApiError, ErrorBody};
use crate::extract::QueryParams;
use crate::market;
use crate::AppState;

async fn build(state: &AppState, query: &MarketQuery) -> Result<MarketMap, ApiError> {
    let period = market::period(query, today_in_kalimantan()).map_err(ApiError::Invalid)?;
    let demand = state.store.demand_rows().await?;
    // The published catalog: its villages' kecamatan, products' names, and the USD rate.
    let catalog = state.snapshots.current().catalog.clone();
    Ok(market::market_map(&catalog, &demand, period))
}

#[utoipa::path(
    get,
    path = "/staff/market",
    tag = "staff",
    security(("staff_cookie" = [])),
    params(MarketQuery),
    responses(
        (status = 200, description = "Per destination country and product: inquiries, volume, quoted and won value", body = MarketMap),
        (status = 400, description = "`malformed`: the query is not text", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: neither a facilitator nor an admin", body = ErrorBody),
        (status = 422, description = "`invalid`: `from` or `to` is not a month (`YYYY-MM`), or `to` is before `from`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn map(
    State(state): State<AppState>,
    _staff: Moderator,
    QueryParams(query): QueryParams<MarketQuery>,
) -> Result<Json<MarketMap>, ApiError> {
    build(&state, &query).await.map(Json)
}

#[utoipa::path(
    get,
    path = "/staff/market.csv",
    tag = "staff",
    security(("staff_cookie" = [])),
    params(MarketQuery),
    responses(
        (status = 200, description = "One row per country and product, UTF-8 with a byte-order mark", content_type = "text/csv", body = String),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn map_csv(
    State(state): State<AppState>,
    _staff: Moderator,
    QueryParams(query): QueryParams<MarketQuery>,
) -> Result<Response, ApiError> {
    let map = build(&state, &query).await?;
    let body = market::csv(&map).map_err(|e| ApiError::Internal(format!("market csv: {e}")))?;
    let file = format!(
        "attachment; filename=\"etalase-desa-pasar-{}-{}.csv\"",
        map.from, map.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}
