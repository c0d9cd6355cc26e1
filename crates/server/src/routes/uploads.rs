//! Photo uploads: the browser sends finished JPEGs (already resized, upright and stripped
//! in its worker); the server re-checks them and stores each under its SHA-256.
//!
//! Content addressing makes uploads idempotent: a retry after a dropped connection, or the
//! same photo on two listings, names the same file, and an existing file is never
//! rewritten. Files are written to a temp name, synced and renamed, so a crash never leaves
//! a half-written photo under a real name.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_model::api::Uploaded;
use etalase_photo::verify_and_measure;
use sha2::{Digest, Sha256};

use crate::auth::owner::Owner;
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::store::UploadRecord;
use crate::AppState;

/// The largest file the server keeps (the browser aims at 330 KB for 1600 px).
pub const MAX_UPLOAD_BYTES: usize = 1_000_000;
/// The longest side the server keeps, matching the browser pipeline's large rendition.
pub const MAX_EDGE: u32 = 1600;

/// `POST /api/uploads` with an `image/jpeg` body.
#[utoipa::path(
    post,
    path = "/uploads",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body(content = crate::openapi::Jpeg, content_type = "image/jpeg",
        description = "A finished JPEG: at most 1 MB and 1600 px on its longest side, upright, no metadata"),
    responses(
        (status = 201, description = "Stored", body = Uploaded),
        (status = 200, description = "The same photo was stored before", body = Uploaded),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 422, description = "The photo check's code: `empty`, `not_jpeg`, `too_big`, `too_large`, `corrupt`, `metadata`, …", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn upload_photo(
    State(state): State<AppState>,
    owner: Owner,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Uploaded>), ApiError> {
    let seller_id = owner.seller.id;
    let body = body.map_err(|e| ApiError::Photo {
        code: ErrorCode::PhotoTooBig,
        detail: e.body_text(),
    })?;
    let bytes = body.clone();
    // The same check as before, and the photo coach's verdict for the facilitators' figures
    // (the browser already showed the seller its hints).
    let ((width, height), measures) =
        tokio::task::spawn_blocking(move || verify_and_measure(&bytes, MAX_EDGE, MAX_UPLOAD_BYTES))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .map_err(ApiError::photo)?;

    let sha256: String = Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let created = state
        .blobs
        .put(&sha256, body.clone())
        .await
        .map_err(|e| ApiError::from_blob("writing upload", e))?;
    state
        .store
        .record_upload(UploadRecord {
            sha256: sha256.clone(),
            seller_id,
            bytes: body.len() as u64,
            width,
            height,
            good_photo: measures.as_ref().map(etalase_photo::coach::good_photo),
        })
        .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Uploaded {
            path: format!("/media/u/{sha256}.jpg"),
            sha256,
            bytes: body.len() as u64,
            width,
            height,
        }),
    ))
}

/// The cooperative's operator, for a member: the same handler, described at its own path.
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
    state: State<AppState>,
    owner: Owner,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Uploaded>), ApiError> {
    upload_photo(state, owner, body).await
}
