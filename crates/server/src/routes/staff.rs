//! Sign-in, sign-out and "who am I" for staff: cooperative operators and facilitators.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::api::StaffMe;
use etalase_model::rules::{check_sign_in, normalize_whatsapp, SignIn};

use crate::auth::authenticate;
use crate::auth::session::{self, ClientIp};
use crate::auth::staff::{start_session, SignedInStaff, STAFF_COOKIE};
use crate::error::{ApiError, ErrorBody};
use crate::extract::Body;
use crate::AppState;

#[utoipa::path(
    post,
    path = "/staff/login",
    tag = "staff",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in", body = StaffMe,
            headers(("Set-Cookie" = String, description = "`etalase_staff=…; HttpOnly; SameSite=Lax`"))),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`wrong_credentials`", body = ErrorBody),
        (status = 403, description = "`csrf`: `Origin` names another site; `account_disabled`: deactivated by the district", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Body(form): Body<SignIn>,
) -> Result<Response, ApiError> {
    session::check_same_origin(&headers)?;
    ApiError::check(check_sign_in(&form))?;
    let whatsapp = normalize_whatsapp(&form.whatsapp).expect("checked above");
    // The same limiter as sellers': guessing a staff password is no cheaper.
    let lookup = async {
        let account = state.store.staff_by_whatsapp(whatsapp.clone()).await?;
        Ok(account.map(|a| ((a.profile, a.active), a.password_hash)))
    };
    let (profile, active) =
        authenticate(&state, &whatsapp, ip, form.password.clone(), lookup).await?;
    // Told only to whoever knows the password, so it reveals nothing about a number.
    if !active {
        return Err(ApiError::AccountDisabled);
    }

    start_session(&state, profile, &headers, StatusCode::OK).await
}

#[utoipa::path(
    post,
    path = "/staff/logout",
    tag = "staff",
    security(("staff_cookie" = [], "csrf_header" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    staff: SignedInStaff,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    state.store.delete_staff_session(staff.token_hash).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            session::cleared_named_cookie(STAFF_COOKIE, &headers),
        )],
    )
        .into_response())
}

#[utoipa::path(
    get,
    path = "/staff/me",
    tag = "staff",
    security((), ("staff_cookie" = [])),
    responses(
        (status = 200, description = "The signed-in staff member and their CSRF token, or `null`", body = Option<StaffMe>),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn me(staff: Result<SignedInStaff, ApiError>) -> Result<Json<Option<StaffMe>>, ApiError> {
    match staff {
        Ok(s) => Ok(Json(Some(StaffMe {
            staff: s.profile,
            csrf_token: s.csrf_token,
        }))),
        Err(ApiError::SignInRequired) => Ok(Json(None)),
        Err(other) => Err(other),
    }
}
