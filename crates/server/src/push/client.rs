//! Sends one push message to one browser's push service, and says what the service made
//! of it.

use std::time::Duration;

use super::subscription::Subscription;
use super::vapid::VapidKey;

/// How long the push service keeps a message for a phone that is off: a day, since a new
/// inquiry is still news tomorrow morning.
pub const MESSAGE_TTL: Duration = Duration::from_secs(24 * 3600);
/// How long one push service may take to answer.
const TIMEOUT: Duration = Duration::from_secs(15);

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// 404 or 410: the browser unsubscribed or the subscription expired. Remove it.
    #[error("the push service no longer knows this browser ({0})")]
    Gone(u16),
    /// Another 4xx: the request itself is wrong (too big, bad token); trying again will
    /// not help.
    #[error("the push service refused the message: {0}")]
    Refused(String),
    /// Unreachable, 429 or 5xx: try later.
    #[error("the push service is unavailable: {0}")]
    Unavailable(String),
}

/// The server's push sender: its key, its contact, and an HTTPS client.
pub struct Pusher {
    http: reqwest::Client,
    key: VapidKey,
    subject: String,
}

impl Pusher {
    /// `subject`: how a push service can reach the operator (`mailto:…` or `https://…`).
    pub fn new(key: VapidKey, subject: String) -> Result<Pusher, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            // Push services answer directly; following a redirect could lead anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Pusher { http, key, subject })
    }

    pub fn public_key(&self) -> String {
        self.key.public_key()
    }

    /// Encrypts `payload` for `to` (RFC 8291) and posts it with a VAPID token.
    pub async fn send(&self, to: &Subscription, payload: &[u8]) -> Result<(), PushError> {
        let request =
            web_push_native::WebPushBuilder::new(to.endpoint.clone(), to.public_key, to.auth)
                .with_valid_duration(MESSAGE_TTL)
                .build(payload.to_vec())
                .map_err(|e| PushError::Refused(format!("encrypting: {e}")))?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut request = reqwest::Request::try_from(request)
            .map_err(|e| PushError::Refused(format!("building the request: {e}")))?;
        let headers = request.headers_mut();
        let authorization = self.key.authorization(&to.origin(), now, &self.subject);
        headers.insert(
            reqwest::header::AUTHORIZATION,
            authorization
                .parse()
                .map_err(|_| PushError::Refused("the VAPID header is not a header".into()))?,
        );
        // A new inquiry is worth waking the phone for.
        headers.insert("urgency", reqwest::header::HeaderValue::from_static("high"));
        let response = self
            .http
            .execute(request)
            .await
            .map_err(|e| PushError::Unavailable(e.to_string()))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let code = status.as_u16();
        let said: String = response
            .text()
            .await
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        match code {
            404 | 410 => Err(PushError::Gone(code)),
            429 | 500..=599 => Err(PushError::Unavailable(format!("{status} {said}"))),
            _ => Err(PushError::Refused(format!("{status} {said}"))),
        }
    }
}
