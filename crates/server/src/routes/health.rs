//! `GET /api/health`: is this process up and can it use its database right now?
//! Load balancers and the test harness poll it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

use crate::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: HealthStatus,
    /// The server's crate version.
    pub version: &'static str,
    pub database: DatabaseHealth,
}

/// `ok` when the database answers, `degraded` when it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
    Degraded,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DatabaseHealth {
    pub ok: bool,
    #[schema(value_type = Option<String>, example = "sqlite")]
    pub engine: Option<&'static str>,
    pub schema_version: Option<usize>,
}

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
    let version = env!("CARGO_PKG_VERSION");
    match state.store.health().await {
        Ok(h) => (
            StatusCode::OK,
            Json(Health {
                status: HealthStatus::Ok,
                version,
                database: DatabaseHealth {
                    ok: true,
                    engine: Some(h.engine),
                    schema_version: Some(h.schema_version),
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
