//! Whose listings, photos and inquiries a request acts on.
//!
//! On `/api/seller/…` that is the signed-in seller. On `/api/coop/members/{seller_id}/…`
//! it is that member, for a signed-in operator whom the one rule
//! ([`Membership::lets_operator_of`]) lets act: a member of the operator's cooperative who
//! has not withdrawn consent. Anyone else, another cooperative's member included, is `404`,
//! so an operator cannot learn who belongs to other cooperatives. Resolving it once here
//! lets the cooperative's routes call the seller's own handlers.
//!
//! [`Membership::lets_operator_of`]: etalase_model::cooperative::Membership::lets_operator_of

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use etalase_model::cooperative::ActorKind;
use etalase_model::Seller;

use super::session::SignedIn;
use super::staff::Operator;
use crate::error::ApiError;
use crate::store::Actor;
use crate::AppState;

/// The path parameter that marks a cooperative's route.
const MEMBER_PARAM: &str = "seller_id";

/// The seller acted for, and who acts: the seller, or their cooperative's operator.
#[derive(Debug, Clone)]
pub struct Owner {
    pub seller: Seller,
    pub actor: Actor,
}

impl Owner {
    /// The name a buyer sees on an answer: the seller's, or `member · operator`.
    pub fn answered_by(&self) -> String {
        match self.actor.kind {
            ActorKind::Seller => self.seller.name.clone(),
            ActorKind::Operator => format!("{} · {}", self.seller.name, self.actor.name),
        }
    }
}

impl FromRequestParts<AppState> for Owner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Owner, ApiError> {
        let member = RawPathParams::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|params| {
                params
                    .iter()
                    .find(|(name, _)| *name == MEMBER_PARAM)
                    .map(|(_, value)| value.to_owned())
            });
        let Some(seller_id) = member else {
            let signed_in = SignedIn::from_request_parts(parts, state).await?;
            let seller = state
                .store
                .seller(signed_in.seller_id)
                .await?
                .ok_or(ApiError::SignInRequired)?;
            let actor = Actor {
                kind: ActorKind::Seller,
                id: seller.id.clone(),
                name: seller.name.clone(),
            };
            return Ok(Owner { seller, actor });
        };
        let operator = Operator::from_request_parts(parts, state).await?;
        let allowed = state
            .store
            .membership(seller_id.clone())
            .await?
            .is_some_and(|m| m.lets_operator_of(&operator.cooperative));
        if !allowed {
            return Err(ApiError::NotFound);
        }
        let seller = state
            .store
            .seller(seller_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Owner {
            seller,
            actor: Actor {
                kind: ActorKind::Operator,
                id: operator.profile.id,
                name: operator.profile.name,
            },
        })
    }
}
