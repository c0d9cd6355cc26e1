//! The district admin's part of the launch: each village cooperative's details, and the
//! one-time links that bring staff in (the invitee chooses their own password, so the
//! admin never knows it).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use etalase_model::api::{InviteCreated, InviteView};
use etalase_model::district::{
    check_cooperative, check_invite, invite_links, CooperativeDetails, NewInvite, INVITE_DAYS,
};
use etalase_model::rules::{check_claim, new_id, normalize_whatsapp, Claim, FieldError, Rule};
use etalase_model::Village;

use crate::auth::session::{self, token_hash, unix_now};
use crate::auth::staff::{start_session, Admin};
use crate::auth::{password, random_hex};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{public_origin, Body, PathParam};
use crate::store::{AuditActor, InviteRecord};
use crate::AppState;

/// `PUT /api/staff/cooperatives/{village}`: a village cooperative's name, legal number,
/// WhatsApp and address, as buyers and members see them.
#[utoipa::path(
    put,
    path = "/staff/cooperatives/{village}",
    tag = "admin",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("village" = String, Path, description = "The village's slug")),
    request_body = CooperativeDetails,
    responses(
        (status = 200, description = "Saved; the village as now published", body = Village),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no such village", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn save_cooperative(
    State(state): State<AppState>,
    admin: Admin,
    PathParam(village): PathParam<String>,
    Body(details): Body<CooperativeDetails>,
) -> Result<Json<Village>, ApiError> {
    ApiError::check(check_cooperative(&details))?;
    let by = AuditActor::from(&admin.profile);
    let saved = state
        .store
        .save_cooperative(village.clone(), details, by)
        .await?
        .ok_or(ApiError::NotFound)?;
    state.snapshots.publish_change(&state.store, &village).await;
    Ok(Json(saved))
}

/// `POST /api/staff/invites`: a link for an operator, facilitator or admin, valid for a
/// week and once, to send on WhatsApp.
#[utoipa::path(
    post,
    path = "/staff/invites",
    tag = "admin",
    security(("staff_cookie" = [], "csrf_header" = [])),
    request_body = NewInvite,
    responses(
        (status = 201, description = "The link to send", body = InviteCreated),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an admin", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (a number with a staff account is `already_registered`)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Body(mut invite): Body<NewInvite>,
) -> Result<(StatusCode, Json<InviteCreated>), ApiError> {
    let villages = state.snapshots.current();
    ApiError::check(check_invite(&invite, |slug| {
        villages.cooperatives.contains_key(slug)
    }))?;
    invite.whatsapp = normalize_whatsapp(&invite.whatsapp).expect("checked above");
    invite.name = invite.name.trim().to_string();
    invite.cooperative = invite.cooperative.filter(|c| !c.trim().is_empty());
    let token = random_hex(24);
    let expires_at = unix_now() + INVITE_DAYS * 24 * 3600;
    let (link, whatsapp_url) = invite_links(
        &public_origin(&headers),
        &invite.whatsapp,
        &token,
        &invite.name,
    );
    let record = InviteRecord {
        token_hash: token_hash(&token),
        invite,
        expires_at,
    };
    let by = AuditActor::from(&admin.profile);
    if !state.store.create_invite(record, by).await? {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "whatsapp",
            Rule::AlreadyRegistered,
        )]));
    }
    Ok((
        StatusCode::CREATED,
        Json(InviteCreated {
            link,
            whatsapp_url,
            expires_at: iso_utc(expires_at),
        }),
    ))
}

/// `GET /api/staff/invites/{token}`: whom a link invites, for the page where they choose
/// a password.
#[utoipa::path(
    get,
    path = "/staff/invites/{token}",
    tag = "admin",
    params(("token" = String, Path, description = "The link's one-time token")),
    responses(
        (status = 200, description = "The invitation", body = InviteView),
        (status = 404, description = "`not_found`: unknown, used or expired", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn show_invite(
    State(state): State<AppState>,
    PathParam(token): PathParam<String>,
) -> Result<Json<InviteView>, ApiError> {
    let record = state
        .store
        .invite(token_hash(token.trim()), unix_now())
        .await?
        .ok_or(ApiError::NotFound)?;
    let cooperatives = state.snapshots.current();
    let i = record.invite;
    Ok(Json(InviteView {
        cooperative_name: i
            .cooperative
            .as_ref()
            .and_then(|slug| cooperatives.cooperatives.get(slug).cloned()),
        name: i.name,
        role: i.role,
        expires_at: iso_utc(record.expires_at),
    }))
}

/// `POST /api/staff/invites/claim`: the invitee chooses a password; the account exists
/// from now on and they are signed in. A link works once.
#[utoipa::path(
    post,
    path = "/staff/invites/claim",
    tag = "admin",
    request_body = Claim,
    responses(
        (status = 201, description = "Account made and signed in", body = etalase_model::api::StaffMe,
            headers(("Set-Cookie" = String, description = "`etalase_staff=…; HttpOnly; SameSite=Lax`"))),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 403, description = "`csrf`: `Origin` names another site", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`invite_expired` for a used or expired link)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn claim_invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(form): Body<Claim>,
) -> Result<Response, ApiError> {
    session::check_same_origin(&headers)?;
    ApiError::check(check_claim(&form))?;
    let expired = || ApiError::Invalid(vec![FieldError::new("token", Rule::InviteExpired)]);
    let token = token_hash(form.token.trim());
    let record = state
        .store
        .invite(token.clone(), unix_now())
        .await?
        .ok_or_else(expired)?;
    let pass = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&pass))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Internal)?;
    let number = record.invite.whatsapp.trim_start_matches('+');
    let id = new_id(
        &record.invite.name,
        &number[number.len().saturating_sub(4)..],
    );
    let profile = state
        .store
        .claim_invite(token, unix_now(), id, hash)
        .await?
        .ok_or_else(expired)?;
    tracing::info!(staff = %profile.id, role = ?profile.role, "invitation claimed");
    start_session(&state, profile, &headers, StatusCode::CREATED).await
}

/// Unix seconds as `2026-12-12T10:00:00Z`.
fn iso_utc(secs: i64) -> String {
    let date = etalase_model::Date::from_days_since_epoch(secs.div_euclid(86_400));
    let rest = secs.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn unix_seconds_read_as_utc() {
        assert_eq!(super::iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso_utc(1_796_000_000), "2026-11-30T00:53:20Z");
    }
}
