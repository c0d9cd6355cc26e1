//! The one error envelope every endpoint answers with, and its codes. The app matches on
//! [`ErrorCode`] to word a refusal in either language; a code added on the server and not
//! named here does not compile.

use serde::{Deserialize, Serialize};

use crate::rules::FieldError;

/// `{code, message, fields?, retry_after?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// A short English description for logs and API users; the app words the code instead.
    pub message: String,
    /// Per-field problems for `invalid` (422).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub fields: Vec<FieldError>,
    /// Seconds to wait, for `rate_limited` (429) and `store_busy` (503); also in the
    /// `Retry-After` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub retry_after: Option<u64>,
}

/// Stable, machine-readable reasons. Changing a spelling breaks deployed apps' wording:
/// add codes instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    SignInRequired,
    WrongCredentials,
    /// Missing or wrong CSRF token, or a cross-site sign-in attempt.
    Csrf,
    /// The resource exists but belongs to another seller.
    NotOwner,
    /// Signed in as staff, but with the other role.
    WrongRole,
    /// Input broke shared rules; `fields` says which.
    Invalid,
    RateLimited,
    /// The request did not complete in time (a stalled connection).
    Timeout,
    /// Not JSON, or not the shape the endpoint takes; the message says where.
    Malformed,
    UnsupportedMediaType,
    BodyTooLarge,
    /// No room to store this now (disk, quota).
    StorageFull,
    /// Another process holds the database's write lock; retry after `retry_after`.
    StoreBusy,
    StoreUnavailable,
    Internal,
    // A refused photo upload, by the photo check's code (`etalase_photo::PhotoError::code`).
    #[serde(rename = "empty")]
    PhotoEmpty,
    #[serde(rename = "heic")]
    PhotoHeic,
    #[serde(rename = "unsupported")]
    PhotoUnsupported,
    #[serde(rename = "too_large")]
    PhotoTooLarge,
    #[serde(rename = "too_big")]
    PhotoTooBig,
    #[serde(rename = "corrupt")]
    PhotoCorrupt,
    #[serde(rename = "incomplete")]
    PhotoIncomplete,
    #[serde(rename = "not_jpeg")]
    PhotoNotJpeg,
    #[serde(rename = "metadata")]
    PhotoMetadata,
    #[serde(rename = "invalid_pixels")]
    PhotoInvalidPixels,
    #[serde(rename = "encode")]
    PhotoEncode,
}

impl ErrorCode {
    /// The photo codes, in the photo check's spelling.
    const PHOTO: [(&'static str, ErrorCode); 11] = [
        ("empty", ErrorCode::PhotoEmpty),
        ("heic", ErrorCode::PhotoHeic),
        ("unsupported", ErrorCode::PhotoUnsupported),
        ("too_large", ErrorCode::PhotoTooLarge),
        ("too_big", ErrorCode::PhotoTooBig),
        ("corrupt", ErrorCode::PhotoCorrupt),
        ("incomplete", ErrorCode::PhotoIncomplete),
        ("not_jpeg", ErrorCode::PhotoNotJpeg),
        ("metadata", ErrorCode::PhotoMetadata),
        ("invalid_pixels", ErrorCode::PhotoInvalidPixels),
        ("encode", ErrorCode::PhotoEncode),
    ];

    /// The code for a photo check's refusal (`etalase_photo::PhotoError::code`), which the
    /// browser's worker and the server's re-check share.
    pub fn from_photo(code: &str) -> Option<ErrorCode> {
        Self::PHOTO
            .iter()
            .find(|(spelled, _)| *spelled == code)
            .map(|(_, c)| *c)
    }

    /// The photo check's spelling, for a photo code; `None` for the others.
    pub fn photo(self) -> Option<&'static str> {
        Self::PHOTO
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(spelled, _)| *spelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_codes_are_spelled_as_the_photo_check_spells_them() {
        for (spelled, code) in ErrorCode::PHOTO {
            assert_eq!(serde_json::to_value(code).unwrap(), spelled);
            assert_eq!(ErrorCode::from_photo(spelled), Some(code));
            assert_eq!(code.photo(), Some(spelled));
        }
        assert_eq!(ErrorCode::from_photo("not_found"), None);
        assert_eq!(ErrorCode::NotFound.photo(), None);
    }

    #[test]
    fn the_envelope_reads_what_the_server_writes() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"rate_limited","message":"slow","retry_after":30}"#)
                .unwrap();
        assert_eq!(body.code, ErrorCode::RateLimited);
        assert_eq!(body.retry_after, Some(30));
        assert!(body.fields.is_empty());
        let text = serde_json::to_string(&ErrorBody {
            code: ErrorCode::SignInRequired,
            message: "sign in first".into(),
            fields: Vec::new(),
            retry_after: None,
        })
        .unwrap();
        assert_eq!(
            text,
            r#"{"code":"sign_in_required","message":"sign in first"}"#
        );
    }
}
