//! Telling every replica that the public catalog changed, so each rebuilds its snapshot
//! from the database and all serve the same version (the ETag is the content's hash).
//!
//! The write that changes the catalog sends `NOTIFY` inside its own transaction, so the
//! notice goes out exactly when the change commits, even if the replica dies a moment
//! later. Each replica listens on one connection of its own; after that connection is
//! lost and re-made, notices sent meanwhile are gone, so it asks for one rebuild then.

use std::time::Duration;

use tokio::sync::watch;
use tokio_postgres::{AsyncMessage, NoTls};

/// The channel name.
pub(super) const CHANNEL: &str = "etalase_catalog";

/// A name for this process, sent with its notices so it can ignore its own (it rebuilds
/// right after its own writes already).
pub(super) fn replica_id() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the OS random generator is available");
    format!("{}-{}", std::process::id(), u64::from_le_bytes(bytes))
}

/// Listens until the process ends, bumping `changed` for every other replica's notice.
pub(super) async fn listen(
    config: tokio_postgres::Config,
    me: String,
    changed: watch::Sender<u64>,
) {
    let mut first = true;
    let mut backoff = Duration::from_millis(200);
    loop {
        match config.connect(NoTls).await {
            Ok((client, mut connection)) => {
                let (notices, mut received) = tokio::sync::mpsc::unbounded_channel();
                let driver = tokio::spawn(async move {
                    while let Some(message) =
                        std::future::poll_fn(|cx| connection.poll_message(cx)).await
                    {
                        match message {
                            Ok(AsyncMessage::Notification(n)) => {
                                if notices.send(n.payload().to_owned()).is_err() {
                                    break;
                                }
                            }
                            Ok(_) => {}
                            Err(e) => {
                                tracing::warn!(error = %e, "catalog listener connection failed");
                                break;
                            }
                        }
                    }
                });
                match client.batch_execute(&format!("LISTEN {CHANNEL}")).await {
                    Ok(()) => {
                        backoff = Duration::from_millis(200);
                        if !first {
                            tracing::info!(
                                "catalog listener back; rebuilding in case a change was missed"
                            );
                            changed.send_modify(|n| *n += 1);
                        }
                        first = false;
                        while let Some(from) = received.recv().await {
                            if from != me {
                                changed.send_modify(|n| *n += 1);
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "could not LISTEN for catalog changes"),
                }
                driver.abort();
            }
            Err(e) => tracing::warn!(error = %e, "catalog listener cannot connect"),
        }
        if changed.is_closed() {
            return;
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}
