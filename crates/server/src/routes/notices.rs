//! Notices: a seller's address for them (`/api/seller/notices`), and the ones that failed,
//! for the district's admins (`/api/staff/notices/failed`).

use axum::extract::State;
use axum::Json;
use etalase_model::api::{FailedNoticeView, NoticeSettings, NoticeSettingsView};

use crate::auth::session::SignedIn;
use crate::auth::staff::Admin;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Body;
use crate::AppState;

/// Failed notices listed at most.
const FAILED_PAGE: usize = 200;

/// `GET /api/seller/notices`.
#[utoipa::path(
    get,
    path = "/seller/notices",
    tag = "seller",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Where the seller's notices go, and whether e-mail is on", body = NoticeSettingsView),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<NoticeSettingsView>, ApiError> {
    let email = state.store.notice_email(signed_in.seller_id).await?;
    Ok(Json(view(&state, email)))
}

/// `PUT /api/seller/notices`: sets (or, empty, clears) the seller's address for notices.
#[utoipa::path(
    put,
    path = "/seller/notices",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = NoticeSettings,
    responses(
        (status = 200, description = "The settings as they are now", body = NoticeSettingsView),
        (status = 400, description = "`malformed`: not a settings body", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: `email` is not an address", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(settings): Body<NoticeSettings>,
) -> Result<Json<NoticeSettingsView>, ApiError> {
    let email = settings
        .checked_email()
        .map_err(|e| ApiError::Invalid(vec![e]))?;
    state
        .store
        .set_notice_email(signed_in.seller_id.clone(), email.clone())
        .await?;
    tracing::info!(seller = %signed_in.seller_id, on = email.is_some(), "notice address changed");
    Ok(Json(view(&state, email)))
}

fn view(state: &AppState, email: Option<String>) -> NoticeSettingsView {
    NoticeSettingsView {
        email: email.unwrap_or_default(),
        email_enabled: state.config.mail.is_some(),
    }
}

/// `GET /api/staff/notices/failed`: notices that could not be delivered, newest first.
#[utoipa::path(
    get,
    path = "/staff/notices/failed",
    tag = "admin",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Failed notices, newest first (at most 200)", body = Vec<FailedNoticeView>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not an admin", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn failed(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<Vec<FailedNoticeView>>, ApiError> {
    let failed = state.store.failed_notices(FAILED_PAGE).await?;
    Ok(Json(
        failed
            .into_iter()
            .map(|n| FailedNoticeView {
                reference: n.reference,
                channel: n.channel.slug().to_string(),
                key: n.key,
                attempts: n.attempts,
                created_at: n.created_at,
                failed_at: n.failed_at,
                error: n.error,
            })
            .collect(),
    ))
}
