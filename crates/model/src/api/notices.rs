//! Notices: a seller's settings for them, and what staff see of the ones that failed.

use serde::{Deserialize, Serialize};

use crate::inquiry::{is_email, EMAIL_MAX_CHARS};
use crate::rules::{FieldError, Rule};

/// `PUT /api/seller/notices`: where a seller's notices of new inquiries go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSettings {
    /// An e-mail address for new inquiries; empty: none.
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
}

impl NoticeSettings {
    /// The trimmed address (`None` when empty), or why it cannot be used.
    pub fn checked_email(&self) -> Result<Option<String>, FieldError> {
        let email = self.email.trim();
        if email.is_empty() {
            Ok(None)
        } else if email.chars().count() > EMAIL_MAX_CHARS as usize {
            Err(FieldError::new(
                "email",
                Rule::TooLong {
                    max: EMAIL_MAX_CHARS,
                },
            ))
        } else if !is_email(email) {
            Err(FieldError::new("email", Rule::Email))
        } else {
            Ok(Some(email.to_string()))
        }
    }
}

/// `GET /api/seller/notices`: the seller's settings, and whether this site sends e-mail at
/// all (without a mail relay configured, an address is kept but nothing is sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSettingsView {
    /// Empty: none given.
    pub email: String,
    pub email_enabled: bool,
    /// The site's VAPID public key (base64url, an uncompressed P-256 point): the browser's
    /// `applicationServerKey`. Empty: push is off on this server.
    pub push_key: String,
    /// How many of the seller's browsers receive push notices.
    pub push_devices: u32,
}

/// `GET /api/staff/notices`: a cooperative operator's address for their members' new
/// inquiries (`PUT` takes [`NoticeSettings`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorNoticesView {
    /// Empty: none given.
    pub email: String,
    pub email_enabled: bool,
}

/// `PUT /api/seller/push`: a browser's push subscription, as `PushSubscription.toJSON()`
/// gives it. The server checks the endpoint and keys (`push_subscription`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushSubscriptionBody {
    /// The push service's address for this browser.
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub endpoint: String,
    pub keys: PushKeys,
}

/// The browser's keys for RFC 8291 message encryption, base64url.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushKeys {
    /// Its P-256 public key (65 bytes).
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub p256dh: String,
    /// Its authentication secret (16 bytes).
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub auth: String,
}

/// `DELETE /api/seller/push`: stop sending to this browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushEndpoint {
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub endpoint: String,
}

/// A notice that could not be delivered (`GET /api/staff/notices/failed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FailedNoticeView {
    /// The inquiry it was about.
    pub reference: String,
    /// `email` or `push`.
    pub channel: String,
    /// What it was (`receipt`, `seller:…`, `buyer`), from its key.
    pub key: String,
    pub attempts: u32,
    pub created_at: String,
    pub failed_at: Option<String>,
    /// The relay's or the sender's last word.
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_address_is_trimmed_empty_clears_it_and_a_bad_one_is_refused() {
        let settings = |email: &str| NoticeSettings {
            email: email.into(),
        };
        assert_eq!(settings("").checked_email(), Ok(None));
        assert_eq!(settings("   ").checked_email(), Ok(None));
        assert_eq!(
            settings(" ud@sepatin.id ").checked_email(),
            Ok(Some("ud@sepatin.id".into()))
        );
        assert_eq!(
            settings("ud@").checked_email().unwrap_err().rule,
            Rule::Email
        );
        let long = format!("{}@sepatin.id", "a".repeat(300));
        assert!(matches!(
            settings(&long).checked_email().unwrap_err().rule,
            Rule::TooLong { .. }
        ));
    }
}
