//! The district's own measure of its villages, the Indeks Desa Membangun: a facilitator or
//! admin previews the ministry's table (every bad row said, nothing stored), imports it
//! once it is clean, or enters one village's year by hand; anyone reads a village's years.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use etalase_model::api::{
    IdmEntryBody, IdmHistory, IdmImportBody, IdmImportDone, IdmImportPreview,
};
use etalase_model::idm::{normalize_village_code, preview_import, IdmRecord, ImportPreview};
use etalase_model::rules::{FieldError, Rule};

use crate::auth::staff::Moderator;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::store::AuditActor;
use crate::AppState;

/// Code → name of every village this server has (the region's, from the gazetteer).
async fn village_names(state: &AppState) -> Result<HashMap<String, String>, ApiError> {
    let catalog = state.store.load_public_catalog().await?;
    Ok(catalog
        .villages
        .into_iter()
        .filter_map(|v| v.code.map(|code| (code, v.name)))
        .collect())
}

async fn preview(
    state: &AppState,
    csv: &str,
) -> Result<(IdmImportPreview, Option<Vec<IdmRecord>>), ApiError> {
    let names = village_names(state).await?;
    let parsed: Result<ImportPreview, _> =
        preview_import(csv, |code| names.get(code).map(String::as_str));
    let records = parsed.as_ref().ok().and_then(ImportPreview::records);
    Ok((IdmImportPreview::new(&parsed), records))
}

/// `POST /api/staff/idm/preview`: what importing this table would store, row by row.
#[utoipa::path(
    post,
    path = "/staff/idm/preview",
    tag = "idm",
    security(("staff_cookie" = [], "csrf_header" = [])),
    request_body = IdmImportBody,
    responses(
        (status = 200, description = "The preview; `refused` when the file as a whole is not a table of IDM figures", body = IdmImportPreview),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn preview_table(
    State(state): State<AppState>,
    _moderator: Moderator,
    Body(body): Body<IdmImportBody>,
) -> Result<Json<IdmImportPreview>, ApiError> {
    Ok(Json(preview(&state, &body.csv).await?.0))
}

/// `POST /api/staff/idm/import`: stores a clean table. Each year in it replaces what was
/// stored for that year; a table with any bad row stores nothing.
#[utoipa::path(
    post,
    path = "/staff/idm/import",
    tag = "idm",
    security(("staff_cookie" = [], "csrf_header" = [])),
    request_body = IdmImportBody,
    responses(
        (status = 200, description = "Stored", body = IdmImportDone),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: the table has bad rows (see its preview)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn import_table(
    State(state): State<AppState>,
    moderator: Moderator,
    Body(body): Body<IdmImportBody>,
) -> Result<Json<IdmImportDone>, ApiError> {
    let (checked, records) = preview(&state, &body.csv).await?;
    let Some(records) = records.filter(|_| checked.can_commit) else {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "csv",
            Rule::ImportHasProblems,
        )]));
    };
    let by = AuditActor::from(&moderator.profile);
    let rows = state.store.import_idm(records, by).await?;
    tracing::info!(rows, years = ?checked.years, staff = %moderator.profile.id, "IDM imported");
    state
        .snapshots
        .publish_change(&state.store, "idm import")
        .await;
    Ok(Json(IdmImportDone {
        years: checked.years,
        rows,
    }))
}

/// `PUT /api/staff/villages/{code}/idm`: one village's year, entered by hand; the status
/// follows from the score.
#[utoipa::path(
    put,
    path = "/staff/villages/{code}/idm",
    tag = "idm",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("code" = String, Path, description = "The Kemendagri village code, e.g. `64.02.04.2001`")),
    request_body = IdmEntryBody,
    responses(
        (status = 200, description = "Stored", body = IdmRecord),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no village has this code", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn enter_year(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(code): PathParam<String>,
    Body(body): Body<IdmEntryBody>,
) -> Result<Json<IdmRecord>, ApiError> {
    let code = normalize_village_code(&code).ok_or(ApiError::NotFound)?;
    ApiError::check(body.check())?;
    let record = body.record(&code);
    let by = AuditActor::from(&moderator.profile);
    if !state.store.save_idm(record.clone(), by).await? {
        return Err(ApiError::NotFound);
    }
    state.snapshots.publish_change(&state.store, &code).await;
    Ok(Json(record))
}

/// `GET /api/villages/{code}/idm`: a village's IDM years, oldest first, for its page.
#[utoipa::path(
    get,
    path = "/villages/{code}/idm",
    tag = "idm",
    params(("code" = String, Path, description = "The Kemendagri village code")),
    responses(
        (status = 200, description = "The village's years; empty without figures", body = IdmHistory),
        (status = 404, description = "`not_found`: not a village code", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    PathParam(code): PathParam<String>,
) -> Result<impl IntoResponse, ApiError> {
    let code = normalize_village_code(&code).ok_or(ApiError::NotFound)?;
    let records = state.store.idm_history(code.clone()).await?;
    // Figures change a few times a year; a minute of caching costs nothing.
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=60")],
        Json(IdmHistory {
            village_code: code,
            records,
        }),
    ))
}
