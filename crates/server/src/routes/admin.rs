//! What only the district's admins do: staff accounts (deactivating one ends its sessions
//! at once), suspending sellers, and reading the audit log of every staff change.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_model::api::{ActiveBody, StaffAccountView};
use etalase_model::moderation::{check_notice, AuditEntry, Notice};
use etalase_model::rules::{FieldError, Rule};

use crate::auth::staff::Admin;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::store::AuditActor;
use crate::AppState;

/// The audit log's page: the latest changes, enough for a district's month.
const AUDIT_PAGE: u32 = 500;

/// `GET /api/staff/accounts`: every staff account, admins first.
#[utoipa::path(
    get,
    path = "/staff/accounts",
    tag = "admin",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Staff accounts", body = Vec<StaffAccountView>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not an admin", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn accounts(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<Vec<StaffAccountView>>, ApiError> {
    Ok(Json(state.store.staff_accounts().await?))
}

/// `PUT /api/staff/accounts/{id}/active`: deactivates a staff account (signed out at once,
/// cannot sign in) or reactivates it. An admin cannot deactivate themselves, so the
/// district is never left without one by a slip.
#[utoipa::path(
    put,
    path = "/staff/accounts/{id}/active",
    tag = "admin",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The staff account's id")),
    request_body = ActiveBody,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no such account", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: one's own account", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn set_active(
    State(state): State<AppState>,
    admin: Admin,
    PathParam(id): PathParam<String>,
    Body(body): Body<ActiveBody>,
) -> Result<StatusCode, ApiError> {
    if id == admin.profile.id && !body.active {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "active",
            Rule::OwnAccount,
        )]));
    }
    let by = AuditActor::from(&admin.profile);
    if !state
        .store
        .set_staff_active(id.clone(), body.active, by)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    tracing::info!(staff = %id, active = body.active, admin = %admin.profile.id, "staff account changed");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/staff/audit`: the latest staff changes, newest first.
#[utoipa::path(
    get,
    path = "/staff/audit",
    tag = "admin",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Who changed what, and when", body = Vec<AuditEntry>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not an admin", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(state.store.audit_log(AUDIT_PAGE).await?))
}

/// `PUT /api/staff/sellers/{id}/suspension`: suspends a seller with a reason: their
/// listings leave the catalog and they are signed out and cannot sign in.
#[utoipa::path(
    put,
    path = "/staff/sellers/{id}/suspension",
    tag = "admin",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The seller's id")),
    request_body = Notice,
    responses(
        (status = 204, description = "Suspended"),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no such seller", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn suspend(
    State(state): State<AppState>,
    admin: Admin,
    PathParam(id): PathParam<String>,
    Body(reason): Body<Notice>,
) -> Result<StatusCode, ApiError> {
    ApiError::check(check_notice(&reason))?;
    change_suspension(&state, &admin, id, Some(reason)).await
}

/// `DELETE /api/staff/sellers/{id}/suspension`: lifts a suspension.
#[utoipa::path(
    delete,
    path = "/staff/sellers/{id}/suspension",
    tag = "admin",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The seller's id")),
    responses(
        (status = 204, description = "Reinstated"),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`: the seller is not suspended", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn reinstate(
    State(state): State<AppState>,
    admin: Admin,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    change_suspension(&state, &admin, id, None).await
}

async fn change_suspension(
    state: &AppState,
    admin: &Admin,
    id: String,
    reason: Option<Notice>,
) -> Result<StatusCode, ApiError> {
    let suspending = reason.is_some();
    let by = AuditActor::from(&admin.profile);
    if !state.store.suspend_seller(id.clone(), reason, by).await? {
        return Err(ApiError::NotFound);
    }
    tracing::info!(seller = %id, suspending, admin = %admin.profile.id, "suspension changed");
    state.snapshots.publish_change(&state.store, &id).await;
    Ok(StatusCode::NO_CONTENT)
}
