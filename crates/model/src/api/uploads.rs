//! A stored photo, as `POST /api/uploads` (and the operator's upload for a member) answer.

use serde::{Deserialize, Serialize};

/// What the server stored for an uploaded JPEG. Content-addressed: the same bytes again give
/// the same answer (with `200` instead of `201`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Uploaded {
    /// URL path to put in a listing's `Photo` (`/media/u/<sha256>.jpg`).
    pub path: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Size of the stored file.
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
}
