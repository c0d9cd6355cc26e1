//! A seller's own listings: list, create or update (one idempotent PUT), publish and
//! unpublish (the `status` field of the same document).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_model::api::Consent;
use etalase_model::cooperative::{ListingChange, Membership};
use etalase_model::rules::{check_listing, FieldError, Rule};
use etalase_model::{ListingStatus, Product};
use serde::Deserialize;

use crate::auth::owner::Owner;
use crate::auth::session::SignedIn;
use crate::clock::today_in_kalimantan;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::store::SaveOutcome;
use crate::AppState;

/// `{id}` of a listing's path (the cooperative's paths also name the member).
#[derive(Debug, Deserialize)]
pub struct ListingPath {
    id: String,
}

/// A listing id the app may choose: lowercase letters, digits and dashes, at most 80.
fn check_listing_id(id: &str) -> Result<(), ApiError> {
    let id_ok = !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if id_ok {
        Ok(())
    } else {
        Err(ApiError::Invalid(vec![FieldError::new(
            "id",
            Rule::Required,
        )]))
    }
}

/// `GET /api/seller/listings`: every listing of the signed-in seller, drafts included.
#[utoipa::path(
    get,
    path = "/seller/listings",
    tag = "seller",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The seller's listings, drafts included", body = Vec<Product>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn list_own(
    State(state): State<AppState>,
    owner: Owner,
) -> Result<Json<Vec<Product>>, ApiError> {
    Ok(Json(state.store.seller_listings(owner.seller.id).await?))
}

/// `PUT /api/seller/listings/{id}`: creates or replaces a listing. The app names new
/// listings itself (`new_id`), so a publish retried from the offline outbox lands on the same
/// row instead of creating a twin. Who owns it, where it comes from and when it was created
/// are the server's to say, not the body's.
#[utoipa::path(
    put,
    path = "/seller/listings/{id}",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("id" = String, Path, pattern = "^[a-z0-9-]{1,80}$", description = "The listing's id: lowercase letters, digits and dashes, at most 80"),
    ),
    request_body(content = Product,
        description = "The listing; `id`, `seller_id`, `village_slug` and `created` are the server's to set and ignored"),
    responses(
        (status = 201, description = "Created", body = Product),
        (status = 200, description = "Replaced", body = Product),
        (status = 400, description = "`malformed`: not a listing", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `not_owner`: the id is another seller's listing", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_listing(
    State(state): State<AppState>,
    owner: Owner,
    PathParam(ListingPath { id }): PathParam<ListingPath>,
    Body(product): Body<Product>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    check_listing_id(&id)?;
    save(&state, owner, id, product).await
}

/// Saves `product` as listing `id` of the owner, recorded as the actor's change (the seller
/// or an operator acting for them), and republishes the catalog if the public part changed.
async fn save(
    state: &AppState,
    Owner { seller, actor }: Owner,
    id: String,
    mut product: Product,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    product.id = id;
    product.seller_id = seller.id;
    product.village_slug = seller.village_slug;
    product.created = today_in_kalimantan();
    ApiError::check(check_listing(&product))?;

    let actor_id = actor.id.clone();
    let previous = match state.store.save_listing(product.clone(), actor).await? {
        SaveOutcome::NotOwner => return Err(ApiError::NotOwner),
        SaveOutcome::Saved { previous, created } => {
            product.created = created;
            previous
        }
    };
    let public_changed =
        product.status == ListingStatus::Published || previous == Some(ListingStatus::Published);
    if public_changed {
        // The listing is saved either way; the rebuild runs in its own task.
        state
            .snapshots
            .publish_change(&state.store, &product.id)
            .await;
    }
    let status = if previous.is_none() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    tracing::info!(listing = %product.id, status = ?product.status, by = %actor_id, "listing saved");
    Ok((status, Json(product)))
}

/// `GET /api/seller/listings/{id}/history`: who saved the listing when, the seller or their
/// cooperative's operator.
#[utoipa::path(
    get,
    path = "/seller/listings/{id}/history",
    tag = "seller",
    security(("session_cookie" = [])),
    params(("id" = String, Path, pattern = "^[a-z0-9-]{1,80}$", description = "The listing's id")),
    responses(
        (status = 200, description = "Saves, oldest first; empty for another seller's listing", body = Vec<ListingChange>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    owner: Owner,
    PathParam(ListingPath { id }): PathParam<ListingPath>,
) -> Result<Json<Vec<ListingChange>>, ApiError> {
    Ok(Json(
        state.store.listing_history(owner.seller.id, id).await?,
    ))
}

/// `GET /api/seller/cooperative`: the signed-in seller's membership, or `null`.
#[utoipa::path(
    get,
    path = "/seller/cooperative",
    tag = "seller",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The membership, or `null` for a seller outside any cooperative", body = Option<Membership>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn get_membership(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Option<Membership>>, ApiError> {
    Ok(Json(state.store.membership(signed_in.seller_id).await?))
}

/// `PUT /api/seller/cooperative`: a member gives or withdraws the cooperative's right to act
/// for them. Only the member can: their own session, never the operator's.
#[utoipa::path(
    put,
    path = "/seller/cooperative",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = Consent,
    responses(
        (status = 200, description = "The membership as it is now", body = Membership),
        (status = 400, description = "`malformed`: not a consent body", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 404, description = "`not_found`: the seller is no cooperative's member", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_membership(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(consent): Body<Consent>,
) -> Result<Json<Membership>, ApiError> {
    let seller_id = signed_in.seller_id;
    if !state
        .store
        .set_operator_may_act(seller_id.clone(), consent.operator_may_act)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    tracing::info!(seller = %seller_id, allowed = consent.operator_may_act, "cooperative consent changed");
    let membership = state.store.membership(seller_id).await?;
    membership.map(Json).ok_or(ApiError::NotFound)
}

// The cooperative's operator, for a member: the same handlers, described at their own paths.

/// `GET /api/coop/members/{seller_id}/listings`: a member's listings, drafts included.
#[utoipa::path(
    get,
    path = "/coop/members/{seller_id}/listings",
    tag = "cooperative",
    security(("staff_cookie" = [])),
    params(("seller_id" = String, Path, description = "The member's seller id")),
    responses(
        (status = 200, description = "The member's listings", body = Vec<Product>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`", body = ErrorBody),
        (status = 404, description = "`not_found`: no member of this cooperative who allows it", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn member_listings(
    state: State<AppState>,
    owner: Owner,
) -> Result<Json<Vec<Product>>, ApiError> {
    list_own(state, owner).await
}

/// `PUT /api/coop/members/{seller_id}/listings/{id}`: creates or replaces a member's listing,
/// recorded as the operator's change.
#[utoipa::path(
    put,
    path = "/coop/members/{seller_id}/listings/{id}",
    tag = "cooperative",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(
        ("seller_id" = String, Path, description = "The member's seller id"),
        ("id" = String, Path, pattern = "^[a-z0-9-]{1,80}$", description = "The listing's id"),
    ),
    request_body(content = Product, description = "The listing, as the seller's own PUT takes it"),
    responses(
        (status = 201, description = "Created", body = Product),
        (status = 200, description = "Replaced", body = Product),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, `wrong_role`, or `not_owner`: the id is another seller's listing", body = ErrorBody),
        (status = 404, description = "`not_found`: no member of this cooperative who allows it", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn put_member_listing(
    state: State<AppState>,
    owner: Owner,
    path: PathParam<ListingPath>,
    body: Body<Product>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    put_listing(state, owner, path, body).await
}

/// `GET /api/coop/members/{seller_id}/listings/{id}/history`
#[utoipa::path(
    get,
    path = "/coop/members/{seller_id}/listings/{id}/history",
    tag = "cooperative",
    security(("staff_cookie" = [])),
    params(
        ("seller_id" = String, Path, description = "The member's seller id"),
        ("id" = String, Path, pattern = "^[a-z0-9-]{1,80}$", description = "The listing's id"),
    ),
    responses(
        (status = 200, description = "Saves, oldest first", body = Vec<ListingChange>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn member_listing_history(
    state: State<AppState>,
    owner: Owner,
    path: PathParam<ListingPath>,
) -> Result<Json<Vec<ListingChange>>, ApiError> {
    history(state, owner, path).await
}
