//! `GET /api/health`: is this process up and can it use its database right now?
//! Load balancers and the test harness poll it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_model::api::{DatabaseHealth, Health, HealthStatus};

use crate::AppState;

/// 200 when the database answers, 503 otherwise (so a proxy takes the replica out).
#[utoipa::path(
    get,
    path = "/health",
    tag = "meta",
    responses(
        (status = 200, description = "Up, and the database answers", body = Health),
        (status = 503, description = "Up, but the database does not answer", body = Health),
    )
)]
pub async fn get_health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let version = env!("CARGO_PKG_VERSION").to_owned();
    match state.store.health().await {
        Ok(h) => (
            StatusCode::OK,
            Json(Health {
                status: HealthStatus::Ok,
                version,
                database: DatabaseHealth {
                    ok: true,
                    engine: Some(h.engine.to_owned()),
                    schema_version: u64::try_from(h.schema_version).ok(),
                },
            }),
        ),
        Err(err) => {
            tracing::error!(error = %err, "health check: database failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: HealthStatus::Degraded,
                    version,
                    database: DatabaseHealth {
                        ok: false,
                        engine: None,
                        schema_version: None,
                    },
                }),
            )
        }
    }
}
