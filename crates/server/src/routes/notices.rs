//! Notices: a seller's address for them (`/api/seller/notices`), the browsers they get push
//! notices in (`/api/seller/push`: `PUT` turns push on for the browser that sends its
//! subscription, `DELETE` off again), and the notices that failed, for the district's
//! admins (`/api/staff/notices/failed`).

use axum::extract::State;
use axum::Json;
use etalase_model::api::{
    FailedNoticeView, NoticeSettings, NoticeSettingsView, OperatorNoticesView, PushEndpoint,
    PushSubscriptionBody,
};
use etalase_model::rules::{FieldError, Rule};

use crate::auth::session::SignedIn;
use crate::auth::staff::{Admin, Operator};
use crate::error::{ApiError, ErrorBody};
use crate::extract::Body;
use crate::push::subscription::Subscription;
use crate::store::PushSubscriptionRecord;
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
        (status = 200, description = "Where the seller's notices go, whether e-mail is on, and push", body = NoticeSettingsView),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<NoticeSettingsView>, ApiError> {
    let email = state
        .store
        .notice_email(signed_in.seller_id.clone())
        .await?;
    Ok(Json(view(&state, &signed_in.seller_id, email).await?))
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
    Ok(Json(view(&state, &signed_in.seller_id, email).await?))
}

/// The seller's settings as they are now (`email` as just read or written).
async fn view(
    state: &AppState,
    seller_id: &str,
    email: Option<String>,
) -> Result<NoticeSettingsView, ApiError> {
    let devices = state
        .store
        .push_subscriptions(seller_id.to_string())
        .await?
        .len();
    Ok(NoticeSettingsView {
        email: email.unwrap_or_default(),
        email_enabled: state.config.mail.is_some(),
        push_key: state.push_key.as_deref().unwrap_or_default().to_string(),
        push_devices: u32::try_from(devices).unwrap_or(u32::MAX),
    })
}

/// `PUT /api/seller/push`.
#[utoipa::path(
    put,
    path = "/seller/push",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = PushSubscriptionBody,
    responses(
        (status = 200, description = "Push is on for this browser; the settings as they are now", body = NoticeSettingsView),
        (status = 400, description = "`malformed`: not a subscription", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: push is off on this server", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: `push_subscription` (an unknown push service, or keys that are not keys)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn subscribe(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(body): Body<PushSubscriptionBody>,
) -> Result<Json<NoticeSettingsView>, ApiError> {
    if state.push_key.is_none() {
        return Err(ApiError::NotFound);
    }
    if let Err(e) = Subscription::parse(
        &body.endpoint,
        &body.keys.p256dh,
        &body.keys.auth,
        state.push_endpoints,
    ) {
        tracing::info!(seller = %signed_in.seller_id, error = %e, "push subscription refused");
        return Err(ApiError::Invalid(vec![FieldError::new(
            "endpoint",
            Rule::PushSubscription,
        )]));
    }
    state
        .store
        .save_push_subscription(
            signed_in.seller_id.clone(),
            PushSubscriptionRecord {
                endpoint: body.endpoint,
                p256dh: body.keys.p256dh,
                auth: body.keys.auth,
            },
        )
        .await?;
    tracing::info!(seller = %signed_in.seller_id, "push turned on for a browser");
    settings(&state, &signed_in.seller_id).await
}

/// `DELETE /api/seller/push`.
#[utoipa::path(
    delete,
    path = "/seller/push",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = PushEndpoint,
    responses(
        (status = 200, description = "Push is off for this browser (it may have been already)", body = NoticeSettingsView),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(body): Body<PushEndpoint>,
) -> Result<Json<NoticeSettingsView>, ApiError> {
    // Only the seller's own: one seller cannot turn off another's phone.
    let removed = state
        .store
        .remove_push_subscription(Some(signed_in.seller_id.clone()), body.endpoint)
        .await?;
    if removed {
        tracing::info!(seller = %signed_in.seller_id, "push turned off for a browser");
    }
    settings(&state, &signed_in.seller_id).await
}

async fn settings(state: &AppState, seller_id: &str) -> Result<Json<NoticeSettingsView>, ApiError> {
    let email = state.store.notice_email(seller_id.to_string()).await?;
    Ok(Json(view(state, seller_id, email).await?))
}

/// `GET /api/staff/notices`: the operator's address for their members' new inquiries.
#[utoipa::path(
    get,
    path = "/staff/notices",
    tag = "cooperative",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Where the operator's notices go, and whether e-mail is on", body = OperatorNoticesView),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not an operator", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_operator(
    State(state): State<AppState>,
    operator: Operator,
) -> Result<Json<OperatorNoticesView>, ApiError> {
    let email = state.store.staff_notice_email(operator.profile.id).await?;
    Ok(Json(OperatorNoticesView {
        email: email.unwrap_or_default(),
        email_enabled: state.config.mail.is_some(),
    }))
}

/// `PUT /api/staff/notices`: sets (or, empty, clears) it.
#[utoipa::path(
    put,
    path = "/staff/notices",
    tag = "cooperative",
    security(("staff_cookie" = [], "csrf_header" = [])),
    request_body = NoticeSettings,
    responses(
        (status = 200, description = "The settings as they are now", body = OperatorNoticesView),
        (status = 400, description = "`malformed`: not a settings body", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an operator", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: `email` is not an address", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_operator(
    State(state): State<AppState>,
    operator: Operator,
    Body(settings): Body<NoticeSettings>,
) -> Result<Json<OperatorNoticesView>, ApiError> {
    let email = settings
        .checked_email()
        .map_err(|e| ApiError::Invalid(vec![e]))?;
    state
        .store
        .set_staff_notice_email(operator.profile.id.clone(), email.clone())
        .await?;
    tracing::info!(staff = %operator.profile.id, on = email.is_some(), "operator's notice address changed");
    Ok(Json(OperatorNoticesView {
        email: email.unwrap_or_default(),
        email_enabled: state.config.mail.is_some(),
    }))
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
