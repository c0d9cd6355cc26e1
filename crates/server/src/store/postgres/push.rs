//! Push subscriptions and server secrets on PostgreSQL: as SQLite's (`sqlite/push.rs`).

use super::PgStore;
use crate::store::{PushSubscriptionRecord, StoreError, PUSH_DEVICES_MAX};

pub(super) async fn server_secret(
    store: &PgStore,
    name: String,
    candidate: String,
) -> Result<String, StoreError> {
    let client = store.pool.get().await?;
    // Two replicas starting at once: one insert wins, both read the winner.
    client
        .execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            &[&name, &candidate],
        )
        .await?;
    Ok(client
        .query_one("SELECT value FROM meta WHERE key = $1", &[&name])
        .await?
        .get(0))
}

pub(super) async fn push_subscriptions(
    store: &PgStore,
    seller_id: String,
) -> Result<Vec<PushSubscriptionRecord>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query(
            "SELECT endpoint, p256dh, auth FROM push_subscriptions
             WHERE seller_id = $1 ORDER BY created_at DESC, endpoint",
            &[&seller_id],
        )
        .await?
        .iter()
        .map(|r| PushSubscriptionRecord {
            endpoint: r.get(0),
            p256dh: r.get(1),
            auth: r.get(2),
        })
        .collect())
}

pub(super) async fn save_push_subscription(
    store: &PgStore,
    seller_id: String,
    sub: PushSubscriptionRecord,
) -> Result<(), StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute(
        "INSERT INTO push_subscriptions (endpoint, seller_id, p256dh, auth)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (endpoint) DO UPDATE
           SET seller_id = excluded.seller_id, p256dh = excluded.p256dh,
               auth = excluded.auth, created_at = etalase_now()",
        &[&sub.endpoint, &seller_id, &sub.p256dh, &sub.auth],
    )
    .await?;
    tx.execute(
        "DELETE FROM push_subscriptions WHERE seller_id = $1 AND endpoint NOT IN
           (SELECT endpoint FROM push_subscriptions WHERE seller_id = $1
            ORDER BY created_at DESC, endpoint LIMIT $2)",
        &[&seller_id, &(PUSH_DEVICES_MAX as i64)],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn remove_push_subscription(
    store: &PgStore,
    seller_id: Option<String>,
    endpoint: String,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    let removed = client
        .execute(
            "DELETE FROM push_subscriptions
             WHERE endpoint = $1 AND ($2::text IS NULL OR seller_id = $2)",
            &[&endpoint, &seller_id],
        )
        .await?;
    Ok(removed > 0)
}
