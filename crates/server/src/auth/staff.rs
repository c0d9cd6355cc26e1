//! Staff sessions: cooperative operators, village facilitators and the district's admins.
//!
//! Staff sign in apart from sellers, with a cookie of their own, so an operator who is
//! also a member on the same phone never mixes up whose account a change is made from.
//! The extractors check the CSRF header on writes exactly as [`super::session::SignedIn`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::api::StaffMe;
use etalase_model::cooperative::{StaffProfile, StaffRole};

use super::random_hex;
use super::session::{self, check_csrf, cookie_value, token_hash, unix_now};
use crate::error::ApiError;
use crate::store::StaffSessionRecord;
use crate::AppState;

/// The staff session cookie's name.
pub const STAFF_COOKIE: &str = "etalase_staff";

/// A request from a signed-in operator or facilitator.
#[derive(Debug, Clone)]
pub struct SignedInStaff {
    pub profile: StaffProfile,
    pub csrf_token: String,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for SignedInStaff {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<SignedInStaff, ApiError> {
        let token = cookie_value(&parts.headers, STAFF_COOKIE).ok_or(ApiError::SignInRequired)?;
        let token_hash = token_hash(token);
        let record = state
            .store
            .staff_session(token_hash.clone(), unix_now())
            .await?
            .ok_or(ApiError::SignInRequired)?;
        check_csrf(parts, &record.csrf_token)?;
        let profile = state
            .store
            .staff(record.staff_id)
            .await?
            .ok_or(ApiError::SignInRequired)?;
        Ok(SignedInStaff {
            profile,
            csrf_token: record.csrf_token,
            token_hash,
        })
    }
}

/// A signed-in cooperative operator and the cooperative (village slug) it runs.
#[derive(Debug, Clone)]
pub struct Operator {
    pub profile: StaffProfile,
    pub cooperative: String,
}

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Operator, ApiError> {
        let staff = SignedInStaff::from_request_parts(parts, state).await?;
        match (staff.profile.role, staff.profile.cooperative.clone()) {
            (StaffRole::Operator, Some(cooperative)) => Ok(Operator {
                profile: staff.profile,
                cooperative,
            }),
            _ => Err(ApiError::WrongRole),
        }
    }
}

/// A signed-in village facilitator.
#[derive(Debug, Clone)]
pub struct Facilitator {
    pub profile: StaffProfile,
}

impl FromRequestParts<AppState> for Facilitator {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Facilitator, ApiError> {
        let staff = SignedInStaff::from_request_parts(parts, state).await?;
        if staff.profile.role == StaffRole::Facilitator {
            Ok(Facilitator {
                profile: staff.profile,
            })
        } else {
            Err(ApiError::WrongRole)
        }
    }
}

/// A signed-in facilitator or admin: who reviews reports and hides listings.
#[derive(Debug, Clone)]
pub struct Moderator {
    pub profile: StaffProfile,
}

impl FromRequestParts<AppState> for Moderator {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Moderator, ApiError> {
        let staff = SignedInStaff::from_request_parts(parts, state).await?;
        if staff.profile.role.may_moderate() {
            Ok(Moderator {
                profile: staff.profile,
            })
        } else {
            Err(ApiError::WrongRole)
        }
    }
}

/// A signed-in admin of the district.
#[derive(Debug, Clone)]
pub struct Admin {
    pub profile: StaffProfile,
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Admin, ApiError> {
        let staff = SignedInStaff::from_request_parts(parts, state).await?;
        if staff.profile.role.is_admin() {
            Ok(Admin {
                profile: staff.profile,
            })
        } else {
            Err(ApiError::WrongRole)
        }
    }
}

/// Signs `profile` in: a new session row, its HttpOnly cookie, and the CSRF token in the
/// answer (a sign-in, or an invitation just claimed).
pub async fn start_session(
    state: &AppState,
    profile: StaffProfile,
    headers: &HeaderMap,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let token = random_hex(32);
    let csrf_token = random_hex(16);
    state
        .store
        .create_staff_session(
            token_hash(&token),
            StaffSessionRecord {
                staff_id: profile.id.clone(),
                csrf_token: csrf_token.clone(),
                expires_at: unix_now() + session::SESSION_SECONDS,
            },
        )
        .await?;
    tracing::info!(staff = %profile.id, role = ?profile.role, "staff signed in");
    Ok((
        status,
        [
            (
                header::SET_COOKIE,
                session::named_cookie(STAFF_COOKIE, &token, headers),
            ),
            (header::CACHE_CONTROL, "no-store".parse().expect("static")),
        ],
        Json(StaffMe {
            staff: profile,
            csrf_token,
        }),
    )
        .into_response())
}
