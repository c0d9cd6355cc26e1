//! Public demand insights: counts of inquiries by category, village, destination and month,
//! so villages and the people who support them see what buyers ask for.

use axum::extract::State;
use axum::Json;

use crate::error::{ApiError, ErrorBody};
use crate::insights::{aggregate, Insights};
use crate::AppState;

/// `GET /api/insights`. Counts only; products no longer in the catalog count in every list
/// except the categories.
#[utoipa::path(
    get,
    path = "/insights",
    tag = "insights",
    responses(
        (status = 200, description = "Counts of inquiries by category, village, destination and month", body = Insights),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_insights(State(state): State<AppState>) -> Result<Json<Insights>, ApiError> {
    let rows = state.store.demand_rows().await?;
    let snapshot = state.snapshots.current();
    Ok(Json(aggregate(&rows, |id| {
        snapshot.categories.get(id).copied()
    })))
}
