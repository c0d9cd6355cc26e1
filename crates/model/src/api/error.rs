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
    /// The account was suspended (a seller) or deactivated (staff) by the district.
    AccountDisabled,
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

    /// The code as it is spelled on the wire, for a message that names it. (A match rather
    /// than serde: the app would otherwise carry a JSON value serializer for this alone.)
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::WrongCredentials => "wrong_credentials",
            ErrorCode::Csrf => "csrf",
            ErrorCode::NotOwner => "not_owner",
            ErrorCode::WrongRole => "wrong_role",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::Invalid => "invalid",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Malformed => "malformed",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::StorageFull => "storage_full",
            ErrorCode::StoreBusy => "store_busy",
            ErrorCode::StoreUnavailable => "store_unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::PhotoEmpty => "empty",
            ErrorCode::PhotoHeic => "heic",
            ErrorCode::PhotoUnsupported => "unsupported",
            ErrorCode::PhotoTooLarge => "too_large",
            ErrorCode::PhotoTooBig => "too_big",
            ErrorCode::PhotoCorrupt => "corrupt",
            ErrorCode::PhotoIncomplete => "incomplete",
            ErrorCode::PhotoNotJpeg => "not_jpeg",
            ErrorCode::PhotoMetadata => "metadata",
            ErrorCode::PhotoInvalidPixels => "invalid_pixels",
            ErrorCode::PhotoEncode => "encode",
        }
    }

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
        for (_, code) in ErrorCode::PHOTO {
            assert_eq!(code.as_str(), code.photo().unwrap());
        }
        assert_eq!(ErrorCode::NotFound.photo(), None);
    }

    #[test]
    fn every_code_is_spelled_as_serde_spells_it() {
        let all = [
            ErrorCode::NotFound,
            ErrorCode::SignInRequired,
            ErrorCode::WrongCredentials,
            ErrorCode::Csrf,
            ErrorCode::NotOwner,
            ErrorCode::WrongRole,
            ErrorCode::AccountDisabled,
            ErrorCode::Invalid,
            ErrorCode::RateLimited,
            ErrorCode::Timeout,
            ErrorCode::Malformed,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::BodyTooLarge,
            ErrorCode::StorageFull,
            ErrorCode::StoreBusy,
            ErrorCode::StoreUnavailable,
            ErrorCode::Internal,
        ];
        for code in all.into_iter().chain(ErrorCode::PHOTO.map(|(_, c)| c)) {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                code.as_str(),
                "{code:?}"
            );
        }
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
