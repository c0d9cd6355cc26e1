//! `/api/seller/inquiries…`: the signed-in seller's inbox over HTTP. What a page, an answer
//! and the CSV are is [`crate::inbox`]'s, shared with the cooperative's routes.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::api::{InboxQuery, InboxView, PartView, UpdateBody};
use etalase_model::inquiry::Quote;
use serde::Deserialize;

use crate::auth::owner::Owner;
use crate::auth::session::SignedIn;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam, QueryParams};
use crate::inbox;
use crate::store::InboxPage;
use crate::AppState;

/// `{reference}` of an inquiry's path (the cooperative's paths also name the member).
#[derive(Debug, Deserialize)]
pub struct ReferencePath {
    reference: String,
}

/// `GET /api/seller/inquiries[?status=new&before=PQ-…&limit=20]`: a page of the signed-in
/// seller's parts, newest first.
#[utoipa::path(
    get,
    path = "/seller/inquiries",
    tag = "seller",
    security(("session_cookie" = [])),
    params(InboxQuery),
    responses(
        (status = 200, description = "A page of the seller's parts of inquiries, newest first, with the whole inbox's unread and per-stage counts", body = InboxView),
        (status = 400, description = "`malformed`: the query string", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 422, description = "`invalid`: `status` names no stage, `before` is no reference, or `limit` is outside 1–100", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    owner: Owner,
    QueryParams(query): QueryParams<InboxQuery>,
) -> Result<Json<InboxView>, ApiError> {
    inbox::page(&state, owner.seller.id, query).await.map(Json)
}

/// `POST /api/seller/inquiries/{reference}/read`: the seller opened it.
#[utoipa::path(
    post,
    path = "/seller/inquiries/{reference}/read",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("reference" = String, Path, pattern = "^(PQ|RFQ)-[0-9]{4}-[0-9]{6,}$", description = "The inquiry's reference, e.g. `PQ-2026-000123`"),
    ),
    responses(
        (status = 204, description = "Marked read"),
        (status = 400, description = "`malformed`: the path is not valid text", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: no part of this inquiry is the seller's", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathParam(reference): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    if state
        .store
        .mark_part_read(signed_in.seller_id, reference)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// `POST /api/seller/inquiries/{reference}`: a reply, a status move or both. Answers with
/// the part as it now is.
#[utoipa::path(
    post,
    path = "/seller/inquiries/{reference}",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("reference" = String, Path, pattern = "^(PQ|RFQ)-[0-9]{4}-[0-9]{6,}$", description = "The inquiry's reference, e.g. `PQ-2026-000123`"),
    ),
    request_body = UpdateBody,
    responses(
        (status = 200, description = "The part as it now is", body = PartView),
        (status = 400, description = "`malformed`: not an update body", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: no part of this inquiry is the seller's", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`illegal_status_move` on `status`)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    owner: Owner,
    PathParam(ReferencePath { reference }): PathParam<ReferencePath>,
    Body(body): Body<UpdateBody>,
) -> Result<Json<PartView>, ApiError> {
    let by = owner.answered_by();
    inbox::answer(&state, owner.seller.id, by, reference, body)
        .await
        .map(Json)
}

/// `GET /api/seller/inquiries.csv`: every line of the seller's parts, for a spreadsheet.
#[utoipa::path(
    get,
    path = "/seller/inquiries.csv",
    tag = "seller",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "One row per line of the seller's parts, UTF-8 with a byte-order mark",
            content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"permintaan-….csv\"`"))),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn export_csv(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Response, ApiError> {
    let all = state
        .store
        .seller_inbox(signed_in.seller_id.clone(), InboxPage::default())
        .await?;
    let snapshot = state.snapshots.current();
    let body = inbox::inbox_csv(&all.parts, |id| snapshot.names.get(id).cloned())?;
    let file: String = signed_in
        .seller_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"permintaan-{file}.csv\""))
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

// The cooperative's operator, for a member: the same handlers, described at their own paths.
// Reading a member's inbox marks nothing read: the unread badge stays the member's.

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
    state: State<AppState>,
    owner: Owner,
    query: QueryParams<InboxQuery>,
) -> Result<Json<InboxView>, ApiError> {
    list(state, owner, query).await
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
        ("reference" = String, Path, pattern = "^(PQ|RFQ)-[0-9]{4}-[0-9]{6,}$", description = "The inquiry's reference"),
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
    state: State<AppState>,
    owner: Owner,
    path: PathParam<ReferencePath>,
    body: Body<UpdateBody>,
) -> Result<Json<PartView>, ApiError> {
    update(state, owner, path, body).await
}

/// `POST /api/seller/inquiries/{reference}/quote`: sends a quote for the seller's part (the
/// next revision; the part moves to quoted). The buyer is told by e-mail.
#[utoipa::path(
    post,
    path = "/seller/inquiries/{reference}/quote",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("reference" = String, Path, pattern = "^(PQ|RFQ)-[0-9]{4}-[0-9]{6,}$", description = "The inquiry's reference, e.g. `PQ-2026-000123`"),
    ),
    request_body = Quote,
    responses(
        (status = 200, description = "The part as it now is, its quotes included", body = PartView),
        (status = 400, description = "`malformed`: not a quote", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: no part of this inquiry is the seller's", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`illegal_status_move` on `status` when the part is won, lost or closed)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn quote(
    State(state): State<AppState>,
    owner: Owner,
    PathParam(ReferencePath { reference }): PathParam<ReferencePath>,
    Body(quote): Body<Quote>,
) -> Result<Json<PartView>, ApiError> {
    let by = owner.answered_by();
    inbox::quote(&state, owner.seller.id, by, reference, quote)
        .await
        .map(Json)
}

/// `POST /api/coop/members/{seller_id}/inquiries/{reference}/quote`: quotes for a member.
#[utoipa::path(
    post,
    path = "/coop/members/{seller_id}/inquiries/{reference}/quote",
    tag = "cooperative",
    security(("staff_cookie" = [], "csrf_header" = [])),
    params(
        ("seller_id" = String, Path, description = "The member's seller id"),
        ("reference" = String, Path, pattern = "^(PQ|RFQ)-[0-9]{4}-[0-9]{6,}$", description = "The inquiry's reference"),
    ),
    request_body = Quote,
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
pub async fn quote_member_inquiry(
    state: State<AppState>,
    owner: Owner,
    path: PathParam<ReferencePath>,
    body: Body<Quote>,
) -> Result<Json<PartView>, ApiError> {
    quote(state, owner, path, body).await
}
