//! Keeping a public catalog trustworthy: visitors report listings, facilitators and admins
//! hide and restore them, staff who know a seller verify them, and a seller whose listing
//! was hidden reads why and asks for another look. Whatever changes what buyers see is
//! republished before the answer, so "hidden" means gone from the catalog at once.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use etalase_model::api::ModerationQueue;
use etalase_model::moderation::{
    check_notice, check_report, check_verify, normalize_nib, verifier_name, ListingHold, Notice,
    Report, Verification, VerifyBody,
};
use etalase_model::Seller;

use crate::auth::session::{self, ClientIp, SignedIn};
use crate::auth::staff::{Moderator, SignedInStaff};
use crate::clock::today_in_kalimantan;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::store::AuditActor;
use crate::AppState;

/// `POST /api/listings/{id}/reports`: anyone reports a listing they find in the catalog.
#[utoipa::path(
    post,
    path = "/listings/{id}/reports",
    tag = "moderation",
    params(("id" = String, Path, description = "The listing's id")),
    request_body = Report,
    responses(
        (status = 204, description = "Filed for the facilitators"),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 403, description = "`csrf`: `Origin` names another site", body = ErrorBody),
        (status = 404, description = "`not_found`: no such listing in the public catalog", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many reports from this address", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PathParam(id): PathParam<String>,
    Body(report): Body<Report>,
) -> Result<StatusCode, ApiError> {
    session::check_same_origin(&headers)?;
    ApiError::check(check_report(&report))?;
    let now = std::time::Instant::now();
    if let Some(wait) = state.report_limiter.wait(&ip, now) {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    if !state.store.report_listing(id.clone(), report).await? {
        return Err(ApiError::NotFound);
    }
    state.report_limiter.record(ip, now);
    tracing::info!(listing = %id, "listing reported");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/staff/moderation`: what waits for a facilitator or admin.
#[utoipa::path(
    get,
    path = "/staff/moderation",
    tag = "moderation",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Open reports, hidden listings, suspended sellers", body = ModerationQueue),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn queue(
    State(state): State<AppState>,
    _moderator: Moderator,
) -> Result<Json<ModerationQueue>, ApiError> {
    Ok(Json(state.store.moderation_queue().await?))
}

/// `PUT /api/staff/listings/{id}/hold`: hides a listing with a reason in both languages
/// (again: replaces the reason). Its open reports close.
#[utoipa::path(
    put,
    path = "/staff/listings/{id}/hold",
    tag = "moderation",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The listing's id")),
    request_body = Notice,
    responses(
        (status = 204, description = "Hidden; the catalog no longer has it"),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no such listing", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn hold(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(id): PathParam<String>,
    Body(reason): Body<Notice>,
) -> Result<StatusCode, ApiError> {
    ApiError::check(check_notice(&reason))?;
    let by = AuditActor::from(&moderator.profile);
    if !state.store.hold_listing(id.clone(), reason, by).await? {
        return Err(ApiError::NotFound);
    }
    tracing::info!(listing = %id, staff = %moderator.profile.id, "listing hidden");
    state.snapshots.publish_change(&state.store, &id).await;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/staff/listings/{id}/hold`: puts a hidden listing back (if published).
#[utoipa::path(
    delete,
    path = "/staff/listings/{id}/hold",
    tag = "moderation",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The listing's id")),
    responses(
        (status = 204, description = "Restored"),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 404, description = "`not_found`: the listing is not hidden", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn release(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    let by = AuditActor::from(&moderator.profile);
    if !state.store.release_listing(id.clone(), by).await? {
        return Err(ApiError::NotFound);
    }
    tracing::info!(listing = %id, staff = %moderator.profile.id, "listing restored");
    state.snapshots.publish_change(&state.store, &id).await;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/staff/listings/{id}/dismiss`: closes a listing's open reports, leaving it
/// in the catalog (the reports were unfounded).
#[utoipa::path(
    post,
    path = "/staff/listings/{id}/dismiss",
    tag = "moderation",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The listing's id")),
    responses(
        (status = 204, description = "Its open reports are closed"),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn dismiss(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    let by = AuditActor::from(&moderator.profile);
    state.store.dismiss_reports(id, by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /api/staff/sellers/{id}/verification`: vouches for a seller, with their NIB if
/// they have one. The operator of the seller's village's cooperative, a facilitator or an
/// admin may.
#[utoipa::path(
    put,
    path = "/staff/sellers/{id}/verification",
    tag = "moderation",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The seller's id")),
    request_body = VerifyBody,
    responses(
        (status = 200, description = "Verified; the seller as now published", body = Seller),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: an operator of another village", body = ErrorBody),
        (status = 404, description = "`not_found`: no such seller", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    staff: SignedInStaff,
    PathParam(id): PathParam<String>,
    Body(body): Body<VerifyBody>,
) -> Result<Json<Seller>, ApiError> {
    ApiError::check(check_verify(&body))?;
    let cooperative = may_verify(&state, &staff, &id).await?;
    let profile = &staff.profile;
    let verification = Verification {
        by: verifier_name(profile.role, &profile.name, cooperative.as_deref()),
        on: today_in_kalimantan(),
        nib: body.nib.as_deref().and_then(normalize_nib),
    };
    set_verification(&state, &staff, id, Some(verification)).await
}

/// `DELETE /api/staff/sellers/{id}/verification`: withdraws a verification.
#[utoipa::path(
    delete,
    path = "/staff/sellers/{id}/verification",
    tag = "moderation",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The seller's id")),
    responses(
        (status = 200, description = "Withdrawn; the seller as now published", body = Seller),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: an operator of another village", body = ErrorBody),
        (status = 404, description = "`not_found`: no such seller", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn unverify(
    State(state): State<AppState>,
    staff: SignedInStaff,
    PathParam(id): PathParam<String>,
) -> Result<Json<Seller>, ApiError> {
    may_verify(&state, &staff, &id).await?;
    set_verification(&state, &staff, id, None).await
}

/// Whether this staff member may vouch for seller `id`; the name of the operator's
/// cooperative, which the verification shows.
async fn may_verify(
    state: &AppState,
    staff: &SignedInStaff,
    id: &str,
) -> Result<Option<String>, ApiError> {
    let seller = state
        .store
        .seller(id.to_string())
        .await?
        .ok_or(ApiError::NotFound)?;
    let profile = &staff.profile;
    if !profile
        .role
        .may_verify(profile.cooperative.as_deref(), &seller.village_slug)
    {
        return Err(ApiError::WrongRole);
    }
    Ok(profile
        .cooperative
        .as_ref()
        .and_then(|slug| state.snapshots.current().cooperatives.get(slug).cloned()))
}

async fn set_verification(
    state: &AppState,
    staff: &SignedInStaff,
    id: String,
    verification: Option<Verification>,
) -> Result<Json<Seller>, ApiError> {
    let by = AuditActor::from(&staff.profile);
    let seller = state
        .store
        .verify_seller(id.clone(), verification, by)
        .await?
        .ok_or(ApiError::NotFound)?;
    tracing::info!(seller = %id, staff = %staff.profile.id, verified = seller.verified.is_some(), "verification changed");
    state.snapshots.publish_change(&state.store, &id).await;
    Ok(Json(seller))
}

/// `GET /api/seller/holds`: the seller's listings staff have hidden, and why.
#[utoipa::path(
    get,
    path = "/seller/holds",
    tag = "seller",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Hidden listings with the reason", body = Vec<ListingHold>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn seller_holds(
    State(state): State<AppState>,
    seller: SignedIn,
) -> Result<Json<Vec<ListingHold>>, ApiError> {
    Ok(Json(state.store.seller_holds(seller.seller_id).await?))
}

/// `POST /api/seller/listings/{id}/review`: the seller fixed a hidden listing and asks
/// staff to look again.
#[utoipa::path(
    post,
    path = "/seller/listings/{id}/review",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The listing's id")),
    responses(
        (status = 204, description = "Staff see the request first in their queue"),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: not a hidden listing of this seller", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn request_review(
    State(state): State<AppState>,
    seller: SignedIn,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    if !state.store.request_review(seller.seller_id, id).await? {
        return Err(ApiError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
