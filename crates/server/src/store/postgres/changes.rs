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

/// Tells every replica, when the caller's transaction commits (at once outside one), that
/// the public catalog changed. `from`: the replica that made the change and rebuilds by
/// itself (a listing save); `None` when the replica making it does not rebuild (a new
/// seller, a membership), so it must hear it too.
pub(super) async fn notify(
    client: &impl deadpool_postgres::GenericClient,
    from: Option<&str>,
) -> Result<(), crate::store::StoreError> {
    client
        .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &from.unwrap_or("")])
        .await?;
    Ok(())
}

/// A name for this process, sent with the notices of the changes it rebuilds for by itself,
/// so it can ignore those.
pub(super) fn replica_id() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the OS random generator is available");
    format!("{}-{}", std::process::id(), u64::from_le_bytes(bytes))
}

/// Listens until the process ends, bumping `changed` for every notice that is not `me`'s.
/// `ready` is told once the first `LISTEN` is in place: from then on no change is missed.
pub(super) async fn listen(
    config: tokio_postgres::Config,
    me: String,
    changed: watch::Sender<u64>,
    ready: tokio::sync::oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
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
                        if let Some(ready) = ready.take() {
                            let _ = ready.send(());
                        }
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
