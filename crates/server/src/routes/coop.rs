//! A cooperative operator's members: who they are, and adding a member business. Acting for
//! a member (their listings, photos and inquiries) goes through the seller's own handlers,
//! which resolve the member with [`Owner`](crate::auth::owner::Owner): only a member of this
//! operator's cooperative who has not withdrawn consent, anyone else `404`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use etalase_model::api::AddedMember;
use etalase_model::cooperative::{claim_links, Member, Membership};
use etalase_model::rules::{
    check_new_member, new_id, normalize_whatsapp, FieldError, NewMember, Rule,
};
use etalase_model::Seller;

use crate::auth::random_hex;
use crate::auth::session::token_hash;
use crate::auth::staff::Operator;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Body;
use crate::store::NewMemberRecord;
use crate::AppState;

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
        verified: None,
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
        &crate::extract::public_origin(&headers),
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
