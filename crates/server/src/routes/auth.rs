//! Registration, sign-in, sign-out and "who am I" for sellers.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::api::Me;
use etalase_model::rules::{
    check_claim, check_registration, check_sign_in, new_id, normalize_whatsapp, Claim, FieldError,
    Registration, Rule, SignIn,
};
use etalase_model::Seller;

use crate::auth::session::{self, ClientIp, SignedIn};
use crate::auth::{authenticate, password, random_hex};
use crate::error::{ApiError, ErrorBody};
use crate::extract::Body;
use crate::store::SessionRecord;
use crate::AppState;

/// `POST /api/auth/register`: creates a seller and signs them in.
#[utoipa::path(
    post,
    path = "/auth/register",
    tag = "auth",
    request_body = Registration,
    responses(
        (status = 201, description = "Registered and signed in", body = Me,
            headers(("Set-Cookie" = String, description = "`etalase_session=…; HttpOnly; SameSite=Lax`"))),
        (status = 400, description = "`malformed`: not a registration form", body = ErrorBody),
        (status = 403, description = "`csrf`: `Origin` names another site", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`already_registered` on `whatsapp`)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(form): Body<Registration>,
) -> Result<Response, ApiError> {
    session::check_same_origin(&headers)?;
    let village = state
        .store
        .village_exists(form.village_slug.clone())
        .await?;
    ApiError::check(check_registration(&form, |_| village))?;
    let whatsapp = normalize_whatsapp(&form.whatsapp).expect("checked above");
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Internal)?;
    let seller = Seller {
        id: new_id(&form.business_name, &random_hex(3)),
        name: form.business_name.trim().to_string(),
        whatsapp,
        village_slug: form.village_slug.clone(),
        cooperative: None,
        verified: None,
    };
    if !state.store.create_account(seller.clone(), hash).await? {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "whatsapp",
            Rule::AlreadyRegistered,
        )]));
    }
    tracing::info!(seller = %seller.id, "seller registered");
    start_session(&state, seller, &headers, StatusCode::CREATED).await
}

/// `POST /api/auth/login`.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in", body = Me,
            headers(("Set-Cookie" = String, description = "`etalase_session=…; HttpOnly; SameSite=Lax`"))),
        (status = 400, description = "`malformed`: not a sign-in form", body = ErrorBody),
        (status = 401, description = "`wrong_credentials`", body = ErrorBody),
        (status = 403, description = "`csrf`: `Origin` names another site; `account_disabled`: suspended by the district", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many failed attempts for this number or address", body = ErrorBody,
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
    let lookup = async {
        let account = state.store.account_by_whatsapp(whatsapp.clone()).await?;
        Ok(account.map(|a| (a.seller_id, a.password_hash)))
    };
    let seller_id = authenticate(&state, &whatsapp, ip, form.password.clone(), lookup).await?;
    // Told only to whoever knows the password, so it reveals nothing about a number.
    if state.store.suspension(seller_id.clone()).await?.is_some() {
        return Err(ApiError::AccountDisabled);
    }
    let seller = state
        .store
        .seller(seller_id.clone())
        .await?
        .ok_or_else(|| ApiError::Internal(format!("account without seller {seller_id}")))?;
    start_session(&state, seller, &headers, StatusCode::OK).await
}

/// `POST /api/auth/logout`: forgets the session on both sides.
/// `POST /api/auth/claim`: a member added by their cooperative sets a password with the
/// token from their WhatsApp link, and is signed in. A link works once.
#[utoipa::path(
    post,
    path = "/auth/claim",
    tag = "auth",
    request_body = Claim,
    responses(
        (status = 201, description = "Claimed and signed in", body = Me,
            headers(("Set-Cookie" = String, description = "`etalase_session=…; HttpOnly; SameSite=Lax`"))),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 403, description = "`csrf`: `Origin` names another site", body = ErrorBody),
        (status = 404, description = "`not_found`: unknown or already used link", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn claim(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(form): Body<Claim>,
) -> Result<Response, ApiError> {
    session::check_same_origin(&headers)?;
    ApiError::check(check_claim(&form))?;
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Internal)?;
    let seller_id = state
        .store
        .claim_member(session::token_hash(form.token.trim()), hash)
        .await?
        .ok_or(ApiError::NotFound)?;
    let seller = state
        .store
        .seller(seller_id.clone())
        .await?
        .ok_or_else(|| ApiError::Internal(format!("claimed seller {seller_id} is gone")))?;
    tracing::info!(seller = %seller.id, "member claimed the account");
    start_session(&state, seller, &headers, StatusCode::CREATED).await
}

#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared",
            headers(("Set-Cookie" = String, description = "`etalase_session=; Max-Age=0`"))),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`: missing or wrong `x-csrf-token`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    state.store.delete_session(signed_in.token_hash).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::cleared_cookie(&headers))],
    )
        .into_response())
}

/// `GET /api/auth/me`: `null` when nobody is signed in. Not a 401: every visitor's first page
/// asks this, and a signed-out visitor is the normal case, not an error.
#[utoipa::path(
    get,
    path = "/auth/me",
    tag = "auth",
    security((), ("session_cookie" = [])),
    responses(
        (status = 200, description = "The signed-in seller and their CSRF token, or `null`", body = Option<Me>),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn me(
    State(state): State<AppState>,
    signed_in: Result<SignedIn, ApiError>,
) -> Result<Json<Option<Me>>, ApiError> {
    let signed_in = match signed_in {
        Ok(s) => s,
        Err(ApiError::SignInRequired) => return Ok(Json(None)),
        Err(other) => return Err(other),
    };
    let Some(seller) = state.store.seller(signed_in.seller_id).await? else {
        return Ok(Json(None));
    };
    Ok(Json(Some(Me {
        seller,
        csrf_token: signed_in.csrf_token,
    })))
}

async fn start_session(
    state: &AppState,
    seller: Seller,
    headers: &HeaderMap,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let token = random_hex(32);
    let csrf_token = random_hex(16);
    state
        .store
        .create_session(
            session::token_hash(&token),
            SessionRecord {
                seller_id: seller.id.clone(),
                csrf_token: csrf_token.clone(),
                expires_at: session::unix_now() + session::SESSION_SECONDS,
            },
        )
        .await?;
    Ok((
        status,
        [
            (header::SET_COOKIE, session::session_cookie(&token, headers)),
            (header::CACHE_CONTROL, "no-store".parse().expect("static")),
        ],
        Json(Me { seller, csrf_token }),
    )
        .into_response())
}
