//! The real SMTP server the test command starts on loopback (aiosmtpd, pinned in
//! `requirements-test.txt`), storing what it receives in a Maildir: `ETALASE_TEST_SMTP` is its
//! `host:port`, `ETALASE_TEST_MAILDIR` the Maildir. Tests share it, each writing to addresses
//! of its own. Without the variables the test is skipped with a note, unless
//! `ETALASE_REQUIRE_SMTP=1` (set by the test command) makes that a failure.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use mail_parser::MessageParser;

pub struct Smtpd {
    /// `smtp://host:port`, for `ETALASE_SMTP_URL`.
    pub url: String,
    pub maildir: PathBuf,
}

/// A received message, parsed.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
    /// `multipart/alternative`, as the server sends.
    pub content_type: String,
}

pub fn smtpd(test: &str) -> Option<Smtpd> {
    match (
        std::env::var("ETALASE_TEST_SMTP"),
        std::env::var("ETALASE_TEST_MAILDIR"),
    ) {
        (Ok(addr), Ok(maildir)) => Some(Smtpd {
            url: format!("smtp://{addr}"),
            maildir: maildir.into(),
        }),
        _ => {
            assert!(
                std::env::var("ETALASE_REQUIRE_SMTP").as_deref() != Ok("1"),
                "ETALASE_REQUIRE_SMTP=1 but ETALASE_TEST_SMTP or ETALASE_TEST_MAILDIR is not set"
            );
            eprintln!("note: ETALASE_TEST_SMTP not set, {test} skipped (cargo xtask test starts aiosmtpd)");
            None
        }
    }
}

impl Smtpd {
    /// Every message received so far for `to`.
    pub fn messages_to(&self, to: &str) -> Vec<Received> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(raw) = std::fs::read(entry.path()) else {
                    continue;
                };
                let Some(message) = MessageParser::default().parse(&raw) else {
                    continue;
                };
                let first = |list: Option<&mail_parser::Address>| {
                    list.and_then(|a| a.first())
                        .and_then(|a| a.address())
                        .unwrap_or_default()
                        .to_string()
                };
                let recipient = first(message.to());
                if recipient != to {
                    continue;
                }
                found.push(Received {
                    to: recipient,
                    from: first(message.from()),
                    subject: message.subject().unwrap_or_default().to_string(),
                    message_id: message.message_id().unwrap_or_default().to_string(),
                    text: message.body_text(0).unwrap_or_default().to_string(),
                    html: message.body_html(0).unwrap_or_default().to_string(),
                    content_type: message
                        .header_raw("Content-Type")
                        .and_then(|c| c.split(';').next())
                        .map(|c| c.trim().to_ascii_lowercase())
                        .unwrap_or_default(),
                });
            }
        }
        found
    }

    /// Waits (up to 20 s) until `to` has received at least `count` messages; returns them.
    pub async fn wait_for(&self, to: &str, count: usize) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let found = self.messages_to(to);
            if found.len() >= count {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{to} received {} of {count} messages: {found:?}",
                found.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A name no other test (or earlier run) uses, for addresses.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{}-{nanos}", std::process::id())
}
