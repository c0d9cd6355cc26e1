//! Partners and partnerships, recorded by district staff (facilitators and admins): a
//! partner saved under its slug, a partnership under its id, a partnership ended. Each is
//! checked with the model's rules, stored with its audit row, and the catalog republished
//! before the answer, so the partner and village pages show it at once.

use axum::extract::State;
use axum::Json;
use etalase_model::api::{EndPartnershipBody, PartnerBody, PartnershipBody};
use etalase_model::rules::{check_partner, check_partnership, FieldError, Rule};
use etalase_model::{Partner, Partnership};

use crate::auth::staff::Moderator;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::store::{AuditActor, PartnershipRefusal};
use crate::AppState;

/// `PUT /api/staff/partners/{slug}`: adds a partner, or changes the one with this slug.
#[utoipa::path(
    put,
    path = "/staff/partners/{slug}",
    tag = "partnerships",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("slug" = String, Path, description = "The partner's slug, e.g. `pt-contoh-tambang-kaltim` (lowercase words joined by dashes)")),
    request_body = PartnerBody,
    responses(
        (status = 200, description = "Stored and published", body = Partner),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`slug`, `name`, `website`)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_partner(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(slug): PathParam<String>,
    Body(body): Body<PartnerBody>,
) -> Result<Json<Partner>, ApiError> {
    let partner = body.into_partner(&slug);
    ApiError::check(check_partner(&partner))?;
    let by = AuditActor::from(&moderator.profile);
    let stored = state.store.save_partner(partner, by).await?;
    state.snapshots.publish_change(&state.store, &slug).await;
    Ok(Json(stored))
}

/// `PUT /api/staff/partnerships/{id}`: adds a partnership, or changes the one with this
/// id (its villages replaced by the ones given).
#[utoipa::path(
    put,
    path = "/staff/partnerships/{id}",
    tag = "partnerships",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The partnership's id, chosen by the client (lowercase words joined by dashes), so a retry lands on the same row")),
    request_body = PartnershipBody,
    responses(
        (status = 200, description = "Stored and published", body = Partnership),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`; `unknown_partner` on `partner_slug`, `unknown_village` on `village_slugs.{i}`. Nothing is stored", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_partnership(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(id): PathParam<String>,
    Body(body): Body<PartnershipBody>,
) -> Result<Json<Partnership>, ApiError> {
    let ship = body.into_partnership(&id);
    ApiError::check(check_partnership(&ship))?;
    let villages = ship.village_slugs.clone();
    let by = AuditActor::from(&moderator.profile);
    let stored = state
        .store
        .save_partnership(ship, by)
        .await?
        .map_err(|refusal| refused(refusal, &villages))?;
    state.snapshots.publish_change(&state.store, &id).await;
    Ok(Json(stored))
}

/// `POST /api/staff/partnerships/{id}/end`: the partnership is finished, ending in the
/// year given. Its villages keep it as history; it no longer backs their products.
#[utoipa::path(
    post,
    path = "/staff/partnerships/{id}/end",
    tag = "partnerships",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The partnership's id")),
    request_body = EndPartnershipBody,
    responses(
        (status = 200, description = "Ended and published", body = Partnership),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not a facilitator or admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no partnership has this id", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: `end_year` out of range or before the start year", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn end_partnership(
    State(state): State<AppState>,
    moderator: Moderator,
    PathParam(id): PathParam<String>,
    Body(body): Body<EndPartnershipBody>,
) -> Result<Json<Partnership>, ApiError> {
    let by = AuditActor::from(&moderator.profile);
    let ended = state
        .store
        .end_partnership(id.clone(), body.end_year, by)
        .await?
        .map_err(|refusal| refused(refusal, &[]))?;
    state.snapshots.publish_change(&state.store, &id).await;
    Ok(Json(ended))
}

/// A store's refusal as the answer: the field that caused it, or 404.
fn refused(refusal: PartnershipRefusal, villages: &[String]) -> ApiError {
    match refusal {
        PartnershipRefusal::NotFound => ApiError::NotFound,
        PartnershipRefusal::Invalid(fields) => ApiError::Invalid(fields),
        PartnershipRefusal::UnknownPartner => {
            ApiError::Invalid(vec![FieldError::new("partner_slug", Rule::UnknownPartner)])
        }
        PartnershipRefusal::UnknownVillages(unknown) => ApiError::Invalid(
            villages
                .iter()
                .enumerate()
                .filter(|(_, v)| unknown.contains(v))
                .map(|(i, _)| FieldError::new(format!("village_slugs.{i}"), Rule::UnknownVillage))
                .collect(),
        ),
    }
}
