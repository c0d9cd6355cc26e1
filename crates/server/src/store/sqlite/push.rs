//! The browsers sellers receive push notices in, and the server's secrets (its VAPID key).

use rusqlite::{params, OptionalExtension};

use super::{write_transaction, SqliteStore};
use crate::store::{PushSubscriptionRecord, StoreError, PUSH_DEVICES_MAX};

pub(super) async fn server_secret(
    store: &SqliteStore,
    name: String,
    candidate: String,
) -> Result<String, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            tx.prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
            )?
            .execute(params![name, candidate])?;
            let value: String = tx
                .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
                .query_row([&name], |r| r.get(0))?;
            tx.commit()?;
            Ok(value)
        })
        .await
}

pub(super) async fn push_subscriptions(
    store: &SqliteStore,
    seller_id: String,
) -> Result<Vec<PushSubscriptionRecord>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT endpoint, p256dh, auth FROM push_subscriptions
                     WHERE seller_id = ?1 ORDER BY created_at DESC, rowid DESC",
                )?
                .query_map([seller_id], |r| {
                    Ok(PushSubscriptionRecord {
                        endpoint: r.get(0)?,
                        p256dh: r.get(1)?,
                        auth: r.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?)
        })
        .await
}

pub(super) async fn save_push_subscription(
    store: &SqliteStore,
    seller_id: String,
    sub: PushSubscriptionRecord,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            // Renewing moves it to the front: delete and insert, so its rowid is newest.
            tx.prepare_cached("DELETE FROM push_subscriptions WHERE endpoint = ?1")?
                .execute([&sub.endpoint])?;
            tx.prepare_cached(
                "INSERT INTO push_subscriptions (endpoint, seller_id, p256dh, auth)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![sub.endpoint, seller_id, sub.p256dh, sub.auth])?;
            tx.prepare_cached(
                "DELETE FROM push_subscriptions WHERE seller_id = ?1 AND rowid NOT IN
                   (SELECT rowid FROM push_subscriptions WHERE seller_id = ?1
                    ORDER BY created_at DESC, rowid DESC LIMIT ?2)",
            )?
            .execute(params![seller_id, PUSH_DEVICES_MAX as i64])?;
            tx.commit()?;
            Ok(())
        })
        .await
}

pub(super) async fn remove_push_subscription(
    store: &SqliteStore,
    seller_id: Option<String>,
    endpoint: String,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let removed = conn
                .prepare_cached(
                    "DELETE FROM push_subscriptions
                     WHERE endpoint = ?1 AND (?2 IS NULL OR seller_id = ?2)
                     RETURNING 1",
                )?
                .query_row(params![endpoint, seller_id], |_| Ok(()))
                .optional()?;
            Ok(removed.is_some())
        })
        .await
}
