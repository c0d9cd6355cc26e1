//! Buyers' inquiries: purchase requests and export RFQs, stored durably and split per seller.
//!
//! `POST /api/inquiries` answers `201` only after SQLite has committed the inquiry to disk
//! (WAL, `synchronous=FULL`), with a reference (`PQ-2026-000123`) and a private tracking
//! token. The `Idempotency-Key` header makes a double click or a retry after a timeout
//! return the same inquiry (`200`) instead of a duplicate.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use etalase_model::api::{Created, DecisionBody, InquiryBody, SellerContact, Tracked, TrackedPart};
use etalase_model::inquiry::{
    check_decision, split_by_seller, InquiryKind, InquiryLine, InquiryStatus, QuoteDecision,
};
use etalase_model::rules::{FieldError, Rule};
use etalase_model::{check_export, check_purchase};
use serde::{Deserialize, Serialize};

use crate::auth::random_hex;
use crate::auth::session::ClientIp;
use crate::clock::today_in_kalimantan;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::inbox;
use crate::notices;
use crate::store::{AnswerOutcome, NewInquiry, QuoteAnswer};
use crate::AppState;

/// The header a client sets once per form submission and repeats on retries.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// `POST /api/inquiries`.
#[utoipa::path(
    post,
    path = "/inquiries",
    tag = "inquiries",
    params(
        ("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{8,100}$",
            description = "Chosen once per form submission and repeated on retries: a repeat \
                answers 200 with the inquiry the first request stored"),
    ),
    request_body(content = InquiryBody,
        description = "`purchase` when `kind` is `purchase`, `export` when it is `export`"),
    responses(
        (status = 201, description = "Stored durably", body = Created),
        (status = 200, description = "The same `Idempotency-Key` was sent before: that inquiry", body = Created),
        (status = 400, description = "`malformed`: not an inquiry body", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`idempotency_key` when the header is missing or malformed)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many new inquiries from this address", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Body(body): Body<InquiryBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|k| {
            (8..=100).contains(&k.len())
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .ok_or_else(|| ApiError::Invalid(vec![FieldError::new("idempotency_key", Rule::Required)]))?
        .to_string();
    let now = std::time::Instant::now();
    if let Some(wait) = state.inquiry_limiter.wait(&ip, now) {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    let today = today_in_kalimantan();
    if !body.website.is_empty() {
        // A bot: look like success, store nothing.
        tracing::info!("honeypot filled; inquiry dropped");
        return Ok((
            StatusCode::CREATED,
            Json(Created {
                reference: etalase_model::inquiry::format_reference(body.kind, today.year(), 0),
                tracking_token: random_hex(16),
                tracking_url: String::new(),
            }),
        ));
    }
    let snapshot = state.snapshots.current();
    let exists = |id: &str| snapshot.owners.contains_key(id);
    let owner = |id: &str| snapshot.owners.get(id).cloned();
    let (doc, parts) = match body.kind {
        InquiryKind::Purchase => {
            let form = body.purchase.unwrap_or_default();
            ApiError::check(check_purchase(&form, today, exists))?;
            (to_json(&form)?, parts_per_seller(&form.items, owner)?)
        }
        InquiryKind::Export => {
            let form = body.export.unwrap_or_default();
            ApiError::check(check_export(&form, today, exists))?;
            (to_json(&form)?, parts_per_seller(&form.items, owner)?)
        }
    };
    // The snapshot says whom each seller sells through (the memberships').
    let sellers: Vec<notices::facts::Asked> = parts
        .iter()
        .map(|(id, _, lines)| {
            let seller = snapshot.catalog.seller(id);
            notices::facts::Asked {
                id: id.clone(),
                name: seller.map_or(id.clone(), |s| s.name.clone()),
                lines: *lines,
                member: seller.is_some_and(|s| s.cooperative.is_some()),
            }
        })
        .collect();
    let stored = state
        .store
        .create_inquiry(NewInquiry {
            kind: body.kind,
            year: today.year(),
            idempotency_key: key,
            tracking_token: random_hex(16),
            doc,
            parts: parts
                .into_iter()
                .map(|(id, items, _)| (id, items))
                .collect(),
            created_at: None,
            notices: notices::facts::for_new_inquiry(&sellers),
        })
        .await?;
    if stored.created {
        state.notices.now();
    }
    let status = if stored.created {
        // Only new inquiries count: a retry of the same one is not spam.
        state.inquiry_limiter.record(ip, now);
        tracing::info!(reference = %stored.reference, "inquiry stored");
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Created {
            tracking_url: format!("/permintaan/lacak/{}", stored.tracking_token),
            reference: stored.reference,
            tracking_token: stored.tracking_token,
        }),
    ))
}

/// `GET /api/inquiries/track/{token}`: the buyer's view of their inquiry, with each seller's
/// contact and replies. The token is the only key (32 hex digits), so an unknown one is a
/// plain 404.
#[utoipa::path(
    get,
    path = "/inquiries/track/{token}",
    tag = "inquiries",
    params(
        ("token" = String, Path, pattern = "^[0-9a-f]{32}$", description = "The private tracking token from the 201 answer (32 hex digits)"),
    ),
    responses(
        (status = 200, description = "The inquiry, each seller's part, contact and replies", body = Tracked),
        (status = 400, description = "`malformed`: the path is not valid text", body = ErrorBody),
        (status = 404, description = "`not_found`: no inquiry has this token", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn track(
    State(state): State<AppState>,
    PathParam(token): PathParam<String>,
) -> Result<Json<Tracked>, ApiError> {
    tracked(&state, token).await.map(Json)
}

/// `{token}` and `{seller_id}` of a decision's path.
#[derive(Debug, Deserialize)]
pub struct DecisionPath {
    token: String,
    seller_id: String,
}

/// `POST /api/inquiries/track/{token}/parts/{seller_id}/decision`: the buyer accepts or
/// declines the seller's latest quote (the part becomes won or lost; the seller is told).
/// The token is the buyer's key, as for the tracking page.
#[utoipa::path(
    post,
    path = "/inquiries/track/{token}/parts/{seller_id}/decision",
    tag = "inquiries",
    params(
        ("token" = String, Path, pattern = "^[0-9a-f]{32}$", description = "The private tracking token"),
        ("seller_id" = String, Path, description = "The seller whose quote is answered"),
    ),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "The inquiry as it now is", body = Tracked),
        (status = 400, description = "`malformed`: not a decision", body = ErrorBody),
        (status = 404, description = "`not_found`: no such inquiry or no part of it for this seller", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: `reason` of a decline; `revision`: `quote_changed` (a newer revision, none, or already answered) or `quote_lapsed`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    PathParam(DecisionPath { token, seller_id }): PathParam<DecisionPath>,
    Body(body): Body<DecisionBody>,
) -> Result<Json<Tracked>, ApiError> {
    ApiError::check(check_decision(&body.decision))?;
    let before = tracked(&state, token.clone()).await?;
    let part = before
        .parts
        .iter()
        .find(|p| p.seller_id == seller_id)
        .ok_or(ApiError::NotFound)?;
    let refuse = |rule| Err(ApiError::Invalid(vec![FieldError::new("revision", rule)]));
    match part.quotes.last() {
        Some(latest)
            if latest.revision == body.revision && part.status == InquiryStatus::Quoted =>
        {
            if latest.quote.has_lapsed(today_in_kalimantan()) {
                return refuse(Rule::QuoteLapsed);
            }
        }
        _ => return refuse(Rule::QuoteChanged),
    }
    let reason = match &body.decision {
        QuoteDecision::Accept => None,
        QuoteDecision::Decline { reason } => Some(reason.trim().to_string()),
    };
    let accepted = body.decision == QuoteDecision::Accept;
    let outcome = state
        .store
        .answer_quote(QuoteAnswer {
            tracking_token: token.clone(),
            notices: notices::facts::for_decision(&seller_id, accepted, reason.as_deref()),
            seller_id,
            revision: body.revision,
            status: body.decision.status(),
            actor: before.form.contact().0.to_string(),
            reason,
        })
        .await?;
    match outcome {
        AnswerOutcome::Answered => {
            state.notices.now();
            tracing::info!(reference = %before.reference, accepted, "quote answered");
            tracked(&state, token).await.map(Json)
        }
        AnswerOutcome::NotFound => Err(ApiError::NotFound),
        AnswerOutcome::Stale => refuse(Rule::QuoteChanged),
    }
}

/// The buyer's view of the inquiry with tracking token `token`.
async fn tracked(state: &AppState, token: String) -> Result<Tracked, ApiError> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let found = state
        .store
        .inquiry_by_token(token)
        .await?
        .ok_or(ApiError::NotFound)?;
    let kind: InquiryKind = inbox::parse_slug(&found.kind)?;
    Ok(Tracked {
        form: inbox::stored_form(kind, &found.doc)?,
        parts: found
            .parts
            .into_iter()
            .map(|part| {
                Ok(TrackedPart {
                    lines: inbox::stored_lines(kind, &part.items)?,
                    seller: part.seller.map(|s| SellerContact {
                        village_name: part.village_name.unwrap_or_else(|| s.village_slug.clone()),
                        village: s.village_slug,
                        id: s.id,
                        name: s.name,
                        whatsapp: s.whatsapp,
                    }),
                    seller_id: part.seller_id,
                    status: inbox::parse_slug(&part.status)?,
                    updated_at: part.updated_at,
                    events: part
                        .events
                        .into_iter()
                        .map(inbox::event)
                        .collect::<Result<_, _>>()?,
                    quotes: inbox::quote_revisions(part.quotes)?,
                })
            })
            .collect::<Result<_, ApiError>>()?,
        reference: found.reference,
        created_at: found.created_at,
    })
}

/// The basket split per seller: each part's lines as JSON for the store, and how many.
fn parts_per_seller<T: InquiryLine + Clone + Serialize>(
    items: &[T],
    owner: impl Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String, usize)>, ApiError> {
    split_by_seller(items.to_vec(), owner)
        .map_err(|e| ApiError::Invalid(vec![e.into()]))?
        .into_iter()
        .map(|part| Ok((part.seller_id, to_json(&part.items)?, part.items.len())))
        .collect()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))
}
