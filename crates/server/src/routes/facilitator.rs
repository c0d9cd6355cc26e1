//! `GET /api/facilitator/report[.csv]`: the village facilitators' figures per kecamatan and
//! village. Facilitators only: it is read-only, but it is a planning tool, not public data.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::auth::staff::Facilitator;
use crate::clock::today_in_kalimantan;
use crate::error::{ApiError, ErrorBody};
use crate::facilitator;
use crate::AppState;
use etalase_model::api::FacilitatorReport;

async fn build(state: &AppState) -> Result<FacilitatorReport, ApiError> {
    let catalog = state.store.load_public_catalog().await?;
    let demand = state.store.demand_rows().await?;
    let verdicts: HashMap<String, bool> = state.store.photo_verdicts().await?.into_iter().collect();
    // Uploaded photos are served as `/media/u/<sha256>.jpg`; demo photos are never measured.
    let good = |path: &str| {
        path.strip_prefix("/media/u/")
            .and_then(|f| f.strip_suffix(".jpg"))
            .and_then(|sha| verdicts.get(sha).copied())
    };
    Ok(facilitator::report(
        &catalog,
        &demand,
        good,
        today_in_kalimantan(),
    ))
}

#[utoipa::path(
    get,
    path = "/facilitator/report",
    tag = "staff",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Figures per village and kecamatan, and the developing villages with no listing", body = FacilitatorReport),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not a facilitator", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    _facilitator: Facilitator,
) -> Result<Json<FacilitatorReport>, ApiError> {
    build(&state).await.map(Json)
}

#[utoipa::path(
    get,
    path = "/facilitator/report.csv",
    tag = "staff",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "One row per village, UTF-8 with a byte-order mark", content_type = "text/csv", body = String),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not a facilitator", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn report_csv(
    State(state): State<AppState>,
    _facilitator: Facilitator,
) -> Result<Response, ApiError> {
    let report = build(&state).await?;
    let body = facilitator::csv(&report)
        .map_err(|e| ApiError::Internal(format!("facilitator csv: {e}")))?;
    let file = format!(
        "attachment; filename=\"etalase-desa-desa-{}.csv\"",
        today_in_kalimantan()
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
