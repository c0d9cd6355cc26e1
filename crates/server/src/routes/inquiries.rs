//! Buyers' inquiries: purchase requests and export RFQs, stored durably and split per seller.
//!
//! `POST /api/inquiries` answers `201` only after SQLite has committed the inquiry to disk
//! (WAL, `synchronous=FULL`), with a reference (`PQ-2026-000123`) and a private tracking
//! token. The `Idempotency-Key` header makes a double click or a retry after a timeout
//! return the same inquiry (`200`) instead of a duplicate.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use etalase_model::inquiry::{
    split_by_seller, ExportInquiry, InquiryKind, InquiryLine, PurchaseInquiry,
};
use etalase_model::rules::{FieldError, Rule};
use etalase_model::{check_export, check_purchase};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::random_hex;
use crate::auth::session::ClientIp;
use crate::clock::today_in_kalimantan;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam};
use crate::routes::inbox::EventView;
use crate::store::NewInquiry;
use crate::AppState;

/// The header a client sets once per form submission and repeats on retries.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// The request body: one of the two forms, plus a honeypot.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct InquiryBody {
    pub kind: InquiryKind,
    #[serde(default)]
    pub purchase: Option<PurchaseInquiry>,
    #[serde(default)]
    pub export: Option<ExportInquiry>,
    /// Hidden in the form; people leave it empty, form-filling bots do not.
    #[serde(default)]
    #[schema(max_length = 0)]
    pub website: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub reference: String,
    pub tracking_token: String,
    /// The buyer's private page for this inquiry.
    pub tracking_url: String,
}

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
    let stored = state
        .store
        .create_inquiry(NewInquiry {
            kind: body.kind,
            year: today.year(),
            idempotency_key: key,
            tracking_token: random_hex(16),
            doc,
            parts,
            created_at: None,
        })
        .await?;
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

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Tracked {
    #[schema(example = "PQ-2026-000123")]
    pub reference: String,
    #[schema(value_type = InquiryKind)]
    pub kind: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// The buyer's form as sent (a purchase inquiry or an export RFQ, by `kind`).
    #[schema(schema_with = crate::openapi::inquiry_doc_schema)]
    pub inquiry: Value,
    pub parts: Vec<TrackedPart>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TrackedPart {
    pub seller_id: String,
    /// Who answers this part; the WhatsApp number lets the buyer's page open a chat.
    pub seller: Option<SellerContact>,
    #[schema(value_type = etalase_model::InquiryStatus)]
    pub status: String,
    /// This seller's lines of the basket.
    #[schema(schema_with = crate::openapi::inquiry_items_schema)]
    pub items: Value,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// The seller's replies and status moves, oldest first.
    pub events: Vec<EventView>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SellerContact {
    pub id: String,
    pub name: String,
    pub whatsapp: String,
    /// The village's slug, as everywhere in the catalog.
    pub village: String,
    /// The village's name, for a page without the catalog at hand.
    pub village_name: String,
}

/// `GET /api/inquiries/track/{token}`: the buyer's view of their inquiry, with each seller's
/// contact and replies. The token is the only key (32 hex digits), so an unknown one is a
/// plain 404.
#[utoipa::path(
    get,
    path = "/inquiries/track/{token}",
    tag = "inquiries",
    params(
        ("token" = String, Path, description = "The private tracking token from the 201 answer (32 hex digits)"),
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
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let found = state
        .store
        .inquiry_by_token(token)
        .await?
        .ok_or(ApiError::NotFound)?;
    let parse = |text: &str| {
        serde_json::from_str::<Value>(text).map_err(|e| ApiError::Internal(e.to_string()))
    };
    Ok(Json(Tracked {
        inquiry: parse(&found.doc)?,
        parts: found
            .parts
            .into_iter()
            .map(|part| {
                Ok(TrackedPart {
                    items: parse(&part.items)?,
                    seller: part.seller.map(|s| SellerContact {
                        village_name: part.village_name.unwrap_or_else(|| s.village_slug.clone()),
                        village: s.village_slug,
                        id: s.id,
                        name: s.name,
                        whatsapp: s.whatsapp,
                    }),
                    seller_id: part.seller_id,
                    status: part.status,
                    updated_at: part.updated_at,
                    events: part.events.into_iter().map(EventView::from).collect(),
                })
            })
            .collect::<Result<_, ApiError>>()?,
        reference: found.reference,
        kind: found.kind,
        created_at: found.created_at,
    }))
}

/// The basket split per seller, each part's lines as JSON for the store.
fn parts_per_seller<T: InquiryLine + Clone + Serialize>(
    items: &[T],
    owner: impl Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, ApiError> {
    split_by_seller(items.to_vec(), owner)
        .map_err(|e| ApiError::Invalid(vec![e.into()]))?
        .into_iter()
        .map(|part| Ok((part.seller_id, to_json(&part.items)?)))
        .collect()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))
}
