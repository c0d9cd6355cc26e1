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
