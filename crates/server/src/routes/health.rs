//! `GET /api/health`: is this process up and can it use its database right now?
//! Load balancers and the test harness poll it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

use crate::AppState;

#[derive(Debug, Serialize)]
pub struct Health {
    /// `ok` or `degraded`.
    pub status: &'static str,
    /// The server's crate version.
    pub version: &'static str,
    pub database: DatabaseHealth,
}

#[derive(Debug, Serialize)]
pub struct DatabaseHealth {
    pub ok: bool,
    pub engine: Option<&'static str>,
    pub schema_version: Option<usize>,
}

/// 200 when the database answers, 503 otherwise (so a proxy takes the replica out).
pub async fn get_health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let version = env!("CARGO_PKG_VERSION");
    match state.store.health().await {
        Ok(h) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
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
                    status: "degraded",
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
