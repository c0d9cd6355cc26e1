//! The sender: claims due notices from the outbox, delivers each, and records the outcome.
//!
//! Delivery is at least once. A notice is claimed with a lease; a sender killed after the
//! relay accepted a message but before marking it leaves the row to be claimed again when
//! the lease runs out, and the message goes again with the **same Message-ID** (made from
//! the row's key), which mail services fold into the first. That window (milliseconds
//! between the relay's "250" and our commit) is the only one in which a recipient can see
//! a message twice; no notice is lost to a crash or restart, and a notice marked sent is
//! never sent again. Exactly once is not possible over SMTP, which has no way to ask the
//! relay whether it already has a message. A push message sent again carries its notice's
//! tag, and the phone shows it in place of the first.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

use super::letters::{letter, push_message, Letter, NotSent};
use crate::config::MailConfig;
use crate::push::client::{PushError, Pusher};
use crate::push::subscription::{Endpoints, Subscription};
use crate::store::{ClaimedNotice, NoticeChannel, NoticeOutcome, Store};

/// Tries before a notice counts as failed (about an hour of backoff in all).
pub const MAX_ATTEMPTS: u32 = 8;
/// How long one message may take at the relay before it counts as failed for now.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// Notices claimed at once; they are sent one after another.
const BATCH: usize = 4;
/// How long a claim lasts before another sender may take the notice: the whole batch at the
/// relay's timeout, and a margin, so a slow relay never lets a second sender in.
const DEFAULT_LEASE: Duration = Duration::from_secs(BATCH as u64 * 30 + 60);
/// How often the outbox is looked at without a wake-up (other replicas' notices, retries).
const POLL: Duration = Duration::from_secs(15);

/// Wakes the sender when a handler has written notices, so they go within milliseconds.
#[derive(Clone, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    pub fn now(&self) {
        self.0.notify_one();
    }
}

/// Why the mail relay could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error("ETALASE_SMTP_URL is not a usable SMTP URL: {0}")]
    Url(String),
    #[error("ETALASE_MAIL_FROM is not an address: {0}")]
    From(String),
}

/// The SMTP relay and the sender's address.
pub struct Mail {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mail {
    pub fn new(config: &MailConfig) -> Result<Mail, MailSetupError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|e| MailSetupError::Url(e.to_string()))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailSetupError::From(e.to_string()))?;
        Ok(Mail { transport, from })
    }

    async fn send(&self, message_id: String, letter: Letter) -> Result<(), Failure> {
        let mut message = Message::builder().from(self.from.clone());
        for to in &letter.to {
            let to: Mailbox = to
                .parse()
                .map_err(|e| Failure::Permanent(format!("recipient {to:?}: {e}")))?;
            message = message.to(to);
        }
        let message = message
            .subject(letter.email.subject)
            .message_id(Some(message_id))
            .multipart(MultiPart::alternative_plain_html(
                letter.email.text,
                letter.email.html,
            ))
            .map_err(|e| Failure::Permanent(format!("building the message: {e}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(Failure::Permanent(e.to_string())),
            Err(e) => Err(Failure::Transient(e.to_string())),
        }
    }
}

enum Failure {
    /// The relay refused it (5xx) or it cannot be written: trying again will not help.
    Permanent(String),
    /// The relay was unreachable or busy (4xx, timeouts): try later.
    Transient(String),
}

/// `<notice.{key}.{inquiry}@{domain}>`, the key's `:` as `.`: the same notice always has the
/// same id; `inquiry` (the start of its private token) keeps another database's notice of
/// the same numbers (a reset demo, a staging copy) from looking like this one.
pub fn message_id(key: &str, inquiry: &str, domain: &str) -> String {
    let local: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '.'
            }
        })
        .collect();
    let inquiry: String = inquiry
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("<notice.{local}.{inquiry}@{domain}>")
}

/// When attempt `attempt` (1-based) failed for now, the next is due after this long:
/// 30 s, 1, 2, 4, 8, 16, 32 min…, at most an hour apart.
pub fn backoff(attempt: u32) -> Duration {
    let doubled = 30u64.saturating_mul(1u64 << attempt.saturating_sub(1).min(20));
    Duration::from_secs(doubled.min(3600))
}

/// The running sender's parts.
pub struct Sender {
    pub store: Arc<dyn Store>,
    pub mail: Option<Mail>,
    pub push: Option<Pusher>,
    /// The public address links point to, without a trailing slash.
    pub site: String,
    pub wake: Wake,
    pub lease: Duration,
    /// Test only (`ETALASE_NOTICE_TEST_PAUSE_MS`): waits this long between sending and
    /// marking, so a test can kill the process in the one window that matters.
    pub pause_after_send: Option<Duration>,
}

impl Sender {
    pub fn new(
        store: Arc<dyn Store>,
        mail: Option<Mail>,
        push: Option<Pusher>,
        site: String,
        wake: Wake,
    ) -> Sender {
        let ms = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .map(Duration::from_millis)
        };
        Sender {
            store,
            mail,
            push,
            site,
            wake,
            lease: ms("ETALASE_NOTICE_LEASE_MS").unwrap_or(DEFAULT_LEASE),
            pause_after_send: ms("ETALASE_NOTICE_TEST_PAUSE_MS"),
        }
    }

    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(self.run())
    }

    async fn run(self) {
        let domain = self
            .site
            .split("://")
            .nth(1)
            .and_then(|h| h.split([':', '/']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("etalase-desa")
            .to_string();
        loop {
            let lease_ms = i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX);
            let claimed = match self.store.claim_notices(now_ms(), lease_ms, BATCH).await {
                Ok(claimed) => claimed,
                Err(e) => {
                    tracing::warn!(error = %e, "could not read the notices' outbox");
                    Vec::new()
                }
            };
            if claimed.is_empty() {
                tokio::select! {
                    () = self.wake.0.notified() => {}
                    () = tokio::time::sleep(POLL) => {}
                }
                continue;
            }
            for notice in claimed {
                let outcome = self.deliver(&notice, &domain).await;
                if let Some(pause) = self.pause_after_send {
                    tokio::time::sleep(pause).await;
                }
                match &outcome {
                    NoticeOutcome::Sent => {
                        tracing::info!(key = %notice.key, "notice sent")
                    }
                    NoticeOutcome::Off(why) => {
                        tracing::info!(key = %notice.key, why, "notice not sent")
                    }
                    NoticeOutcome::Retry { error, .. } => {
                        tracing::warn!(key = %notice.key, attempt = notice.attempt, error, "notice failed; will retry")
                    }
                    NoticeOutcome::Failed(error) => {
                        tracing::error!(key = %notice.key, error, "notice failed for good")
                    }
                }
                if let Err(e) = self
                    .store
                    .finish_notice(notice.id, notice.attempt, outcome)
                    .await
                {
                    // The lease runs out and the notice is tried again.
                    tracing::warn!(key = %notice.key, error = %e, "could not record a notice's outcome");
                }
            }
        }
    }

    async fn deliver(&self, notice: &ClaimedNotice, domain: &str) -> NoticeOutcome {
        match notice.channel {
            NoticeChannel::Push => self.push(notice).await,
            NoticeChannel::Email => {
                let Some(mail) = &self.mail else {
                    return NoticeOutcome::Off(
                        "e-mail is off (ETALASE_SMTP_URL is not set)".into(),
                    );
                };
                let letter = match letter(notice, &self.site) {
                    Ok(letter) => letter,
                    Err(e @ NotSent::NoAddress(_)) => return NoticeOutcome::Off(e.to_string()),
                    Err(e @ NotSent::Unreadable(_)) => return NoticeOutcome::Failed(e.to_string()),
                };
                let id = message_id(&notice.key, &notice.tracking_token, domain);
                match mail.send(id, letter).await {
                    Ok(()) => NoticeOutcome::Sent,
                    Err(Failure::Permanent(error)) => NoticeOutcome::Failed(error),
                    Err(Failure::Transient(error)) => retry_later(notice, error),
                }
            }
        }
    }

    /// A push notice goes to every browser the seller turned push on in. It counts as sent
    /// when one browser's push service took it: retrying for another would show it twice
    /// on the first (push is the nudge; the e-mail and the inbox are the record).
    async fn push(&self, notice: &ClaimedNotice) -> NoticeOutcome {
        let Some(pusher) = &self.push else {
            return NoticeOutcome::Off("push is off on this server".into());
        };
        let message = match push_message(notice) {
            Ok(message) => message,
            Err(e @ NotSent::NoAddress(_)) => return NoticeOutcome::Off(e.to_string()),
            Err(e @ NotSent::Unreadable(_)) => return NoticeOutcome::Failed(e.to_string()),
        };
        let Some(seller_id) = notice.seller_id.clone() else {
            return NoticeOutcome::Failed("a push notice without its seller".into());
        };
        let subscriptions = match self.store.push_subscriptions(seller_id).await {
            Ok(subscriptions) => subscriptions,
            Err(e) => return retry_later(notice, format!("reading subscriptions: {e}")),
        };
        if subscriptions.is_empty() {
            return NoticeOutcome::Off("the seller has not turned push on".into());
        }
        let payload = serde_json::to_vec(&message).expect("a push message serialises");
        let (mut delivered, mut unavailable, mut refused) = (0u32, None, None);
        for stored in subscriptions {
            // Stored ones were checked when the browser subscribed; test endpoints are
            // only ever stored by a server that accepts them.
            let to = match Subscription::parse(
                &stored.endpoint,
                &stored.p256dh,
                &stored.auth,
                Endpoints::AlsoLoopback,
            ) {
                Ok(to) => to,
                Err(e) => {
                    refused = Some(e.to_string());
                    continue;
                }
            };
            match pusher.send(&to, &payload).await {
                Ok(()) => delivered += 1,
                Err(PushError::Gone(status)) => {
                    tracing::info!(status, "a browser's push subscription is gone; removing it");
                    if let Err(e) = self
                        .store
                        .remove_push_subscription(None, stored.endpoint)
                        .await
                    {
                        tracing::warn!(error = %e, "could not remove a gone push subscription");
                    }
                }
                Err(e @ PushError::Refused(_)) => refused = Some(e.to_string()),
                Err(e @ PushError::Unavailable(_)) => unavailable = Some(e.to_string()),
            }
        }
        match (delivered, unavailable, refused) {
            (1.., _, _) => NoticeOutcome::Sent,
            (0, Some(error), _) => retry_later(notice, error),
            (0, None, Some(error)) => NoticeOutcome::Failed(error),
            (0, None, None) => NoticeOutcome::Off(
                "the push service no longer knows the seller's browsers (removed)".into(),
            ),
        }
    }
}

/// Try again after the backoff, or give up after [`MAX_ATTEMPTS`].
fn retry_later(notice: &ClaimedNotice, error: String) -> NoticeOutcome {
    if notice.attempt >= MAX_ATTEMPTS {
        return NoticeOutcome::Failed(format!("gave up after {MAX_ATTEMPTS} tries: {error}"));
    }
    NoticeOutcome::Retry {
        due_at_ms: now_ms()
            .saturating_add(i64::try_from(backoff(notice.attempt).as_millis()).unwrap_or(i64::MAX)),
        error,
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_keeps_its_message_id_and_backs_off_up_to_an_hour() {
        assert_eq!(
            message_id(
                "12:3:seller:ud-sepatin:email",
                "eb3c1e1a60c61147e28b94bb8fd5156f",
                "etalase.example"
            ),
            "<notice.12.3.seller.ud-sepatin.email.eb3c1e1a@etalase.example>"
        );
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(7), Duration::from_secs(1920));
        assert_eq!(backoff(8), Duration::from_secs(3600));
        assert_eq!(backoff(40), Duration::from_secs(3600));
    }
}
