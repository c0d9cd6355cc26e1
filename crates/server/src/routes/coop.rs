//! A cooperative operator acting for its members: adding member businesses, listing and
//! editing their products, uploading their photos and answering their inquiries.
//!
//! Every handler reaches a member only through [`member`], which asks the one rule
//! ([`Membership::lets_operator_of`]): a member of this operator's cooperative who has not
//! withdrawn consent. Anyone else, including another cooperative's member, is `404`, so an
//! operator cannot learn who belongs to other cooperatives. Changes are recorded with the
//! operator as actor.

use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use bytes::Bytes;
use etalase_model::api::{AddedMember, Uploaded};
use etalase_model::cooperative::{claim_links, ActorKind, ListingChange, Member, Membership};
use etalase_model::rules::{
    check_new_member, new_id, normalize_whatsapp, FieldError, NewMember, Rule,
};
use etalase_model::{Product, Seller};

use super::inbox::{self, InboxQuery, InboxView, PartView, UpdateBody};
use super::listings;
use super::uploads;
use crate::auth::random_hex;
use crate::auth::session::token_hash;
use crate::auth::staff::Operator;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam, QueryParams};
use crate::store::{Actor, NewMemberRecord};
use crate::AppState;

/// The member `seller_id`, if this operator may act for them.
async fn member(
    state: &AppState,
    operator: &Operator,
    seller_id: &str,
) -> Result<Seller, ApiError> {
    let allowed = state
        .store
        .membership(seller_id.to_string())
        .await?
        .is_some_and(|m| m.lets_operator_of(&operator.cooperative));
    if !allowed {
        return Err(ApiError::NotFound);
    }
    state
        .store
        .seller(seller_id.to_string())
        .await?
        .ok_or(ApiError::NotFound)
}

fn operator_actor(operator: &Operator) -> Actor {
    Actor {
        kind: ActorKind::Operator,
        id: operator.profile.id.clone(),
        name: operator.profile.name.clone(),
    }
}

/// `GET /api/coop/members`: the operator's cooperative's members, by name.
#[utoipa::path(
    get,
    path = "/coop/members",
    tag = "cooperative",
    security(("staff_cookie" = [])),
    responses(
        (status = 200, description = "Members with their consent and listing counts", body = Vec<Member>),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`: not an operator", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn list_members(
    State(state): State<AppState>,
    operator: Operator,
) -> Result<Json<Vec<Member>>, ApiError> {
    Ok(Json(
        state
            .store
            .cooperative_members(operator.cooperative)
            .await?,
    ))
}

/// `POST /api/coop/members`: adds a member business of the operator's village.
#[utoipa::path(
    post,
    path = "/coop/members",
    tag = "cooperative",
    security(("staff_cookie" = [], "csrf_header" = [])),
    request_body = NewMember,
    responses(
        (status = 201, description = "Added; send `whatsapp_url` to the member", body = AddedMember),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`, or `wrong_role`: not an operator", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`already_registered` on `whatsapp`)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn add_member(
    State(state): State<AppState>,
    operator: Operator,
    headers: HeaderMap,
    Body(form): Body<NewMember>,
) -> Result<(StatusCode, Json<AddedMember>), ApiError> {
    ApiError::check(check_new_member(&form))?;
    let whatsapp = normalize_whatsapp(&form.whatsapp).expect("checked above");
    let name = form.business_name.trim().to_string();
    let seller = Seller {
        id: new_id(&name, &random_hex(3)),
        name,
        whatsapp,
        village_slug: operator.cooperative.clone(),
        cooperative: None,
    };
    let token = random_hex(24);
    let added = state
        .store
        .add_member(NewMemberRecord {
            seller: seller.clone(),
            cooperative: operator.cooperative.clone(),
            added_by: operator.profile.id.clone(),
            claim_token_hash: token_hash(&token),
        })
        .await?;
    if !added {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "whatsapp",
            Rule::AlreadyRegistered,
        )]));
    }
    tracing::info!(seller = %seller.id, operator = %operator.profile.id, "member added");
    let cooperative_name = state
        .snapshots
        .current()
        .cooperatives
        .get(&operator.cooperative)
        .cloned()
        .unwrap_or_else(|| operator.cooperative.clone());
    let (claim_url, whatsapp_url) = claim_links(
        &origin(&headers),
        &seller.whatsapp,
        &token,
        &seller.name,
        &cooperative_name,
    );
    Ok((
        StatusCode::CREATED,
        Json(AddedMember {
            member: Member {
                seller,
                membership: Membership {
                    cooperative: operator.cooperative,
                    operator_may_act: true,
                    claimed: false,
                },
                listings: 0,
                published: 0,
            },
            claim_url,
            whatsapp_url,
        }),
    ))
}

/// This server as the browser reached it (behind a TLS proxy: `X-Forwarded-Proto`).
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let tls = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if tls { "https" } else { "http" })
}

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
    State(state): State<AppState>,
    operator: Operator,
    PathParam(seller_id): PathParam<String>,
) -> Result<Json<Vec<Product>>, ApiError> {
    let seller = member(&state, &operator, &seller_id).await?;
    Ok(Json(state.store.seller_listings(seller.id).await?))
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
        ("id" = String, Path, description = "The listing's id"),
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
    State(state): State<AppState>,
    operator: Operator,
    PathParam((seller_id, id)): PathParam<(String, String)>,
    Body(product): Body<Product>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    listings::check_listing_id(&id)?;
    let seller = member(&state, &operator, &seller_id).await?;
    let actor = operator_actor(&operator);
    tracing::info!(seller = %seller.id, operator = %operator.profile.id, listing = %id, "listing saved by the cooperative");
    listings::save(&state, seller, id, product, actor).await
}

/// `GET /api/coop/members/{seller_id}/listings/{id}/history`
#[utoipa::path(
    get,
    path = "/coop/members/{seller_id}/listings/{id}/history",
    tag = "cooperative",
    security(("staff_cookie" = [])),
    params(
        ("seller_id" = String, Path, description = "The member's seller id"),
        ("id" = String, Path, description = "The listing's id"),
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
    State(state): State<AppState>,
    operator: Operator,
    PathParam((seller_id, id)): PathParam<(String, String)>,
) -> Result<Json<Vec<ListingChange>>, ApiError> {
    let seller = member(&state, &operator, &seller_id).await?;
    Ok(Json(state.store.listing_history(seller.id, id).await?))
}

/// `POST /api/coop/members/{seller_id}/uploads`: a photo for a member's listing.
#[utoipa::path(
    post,
    path = "/coop/members/{seller_id}/uploads",
    tag = "cooperative",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(("seller_id" = String, Path, description = "The member's seller id")),
    request_body(content = crate::openapi::Jpeg, content_type = "image/jpeg",
        description = "A finished JPEG, as the seller's own upload takes it"),
    responses(
        (status = 201, description = "Stored", body = Uploaded),
        (status = 200, description = "The same photo was stored before", body = Uploaded),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf` or `wrong_role`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "The photo check's code", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn upload_for_member(
    State(state): State<AppState>,
    operator: Operator,
    PathParam(seller_id): PathParam<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Uploaded>), ApiError> {
    let seller = member(&state, &operator, &seller_id).await?;
    uploads::store_photo(&state, seller.id, body).await
}

/// `GET /api/coop/members/{seller_id}/inquiries`: a member's inbox. Reading it as the
/// operator marks nothing read: the unread badge stays the member's.
#[utoipa::path(
    get,
    path = "/coop/members/{seller_id}/inquiries",
    tag = "cooperative",
    security(("staff_cookie" = [])),
    params(("seller_id" = String, Path, description = "The member's seller id"), InboxQuery),
    responses(
        (status = 200, description = "A page of the member's parts, newest first", body = InboxView),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`wrong_role`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid`: `status` names no stage, `before` is no reference, or `limit` is outside 1–100", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn member_inquiries(
    State(state): State<AppState>,
    operator: Operator,
    PathParam(seller_id): PathParam<String>,
    QueryParams(query): QueryParams<InboxQuery>,
) -> Result<Json<InboxView>, ApiError> {
    let seller = member(&state, &operator, &seller_id).await?;
    inbox::inbox_of(&state, seller.id, query).await.map(Json)
}

/// `POST /api/coop/members/{seller_id}/inquiries/{reference}`: answers for a member; the
/// buyer's history names the member and the operator.
#[utoipa::path(
    post,
    path = "/coop/members/{seller_id}/inquiries/{reference}",
    tag = "cooperative",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(
        ("seller_id" = String, Path, description = "The member's seller id"),
        ("reference" = String, Path, description = "The inquiry's reference"),
    ),
    request_body = UpdateBody,
    responses(
        (status = 200, description = "The part as it now is", body = PartView),
        (status = 400, description = "`malformed`", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf` or `wrong_role`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn answer_member_inquiry(
    State(state): State<AppState>,
    operator: Operator,
    PathParam((seller_id, reference)): PathParam<(String, String)>,
    Body(body): Body<UpdateBody>,
) -> Result<Json<PartView>, ApiError> {
    let seller = member(&state, &operator, &seller_id).await?;
    let actor = format!("{} · {}", seller.name, operator.profile.name);
    inbox::answer(&state, seller.id, actor, reference, body)
        .await
        .map(Json)
}
