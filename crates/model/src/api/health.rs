//! `GET /api/health`: is this server up and can it use its database right now? Load
//! balancers, the test harness and the about page ask.

use serde::{Deserialize, Serialize};

/// The answer, with `200` when the database answers and `503` when it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: HealthStatus,
    /// The server's crate version.
    pub version: String,
    pub database: DatabaseHealth,
}

/// `ok` when the database answers, `degraded` when it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
    Degraded,
}

/// The database's side; engine and schema version only while it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatabaseHealth {
    pub ok: bool,
    /// `sqlite` or `postgres`.
    #[cfg_attr(feature = "openapi", schema(example = "sqlite"))]
    pub engine: Option<String>,
    pub schema_version: Option<u64>,
}
