//! The notices' outbox on PostgreSQL: as SQLite's (`sqlite/notices.rs`), with replicas
//! claiming disjoint rows (`FOR UPDATE SKIP LOCKED`).

use deadpool_postgres::GenericClient;

use super::PgStore;
use crate::store::{
    ClaimedNotice, FailedNotice, NewNotice, NoticeChannel, NoticeOutcome, StoreError,
};

/// Writes `notices` inside the caller's transaction, due at once; a key already written is
/// left alone.
pub(super) async fn insert_notices(
    client: &impl GenericClient,
    inquiry_id: i64,
    event_id: Option<i64>,
    notices: &[NewNotice],
) -> Result<(), StoreError> {
    if notices.is_empty() {
        return Ok(());
    }
    let insert = client
        .prepare_cached(
            "INSERT INTO outbox (key, channel, inquiry_id, seller_id, notice, due_at)
             VALUES ($1, $2, $3, $4, $5, 0)
             ON CONFLICT (key) DO NOTHING",
        )
        .await?;
    for notice in notices {
        client
            .execute(
                &insert,
                &[
                    &notice.key(inquiry_id, event_id),
                    &notice.channel.slug(),
                    &inquiry_id,
                    &notice.seller_id,
                    &notice.notice,
                ],
            )
            .await?;
    }
    Ok(())
}

pub(super) async fn claim_notices(
    store: &PgStore,
    now_ms: i64,
    lease_ms: i64,
    limit: usize,
) -> Result<Vec<ClaimedNotice>, StoreError> {
    let client = store.pool.get().await?;
    let rows = client
        .query(
            "WITH due AS (
               SELECT id FROM outbox
               WHERE state IN ('pending', 'sending') AND due_at <= $1
               ORDER BY due_at, id LIMIT $3
               FOR UPDATE SKIP LOCKED
             ), claimed AS (
               UPDATE outbox o SET state = 'sending', attempts = o.attempts + 1, due_at = $2
               FROM due WHERE o.id = due.id
               RETURNING o.id, o.key, o.channel, o.notice, o.attempts, o.inquiry_id, o.seller_id
             )
             SELECT c.id, c.key, c.channel, c.notice, c.attempts, i.reference, i.kind,
                    i.tracking_token, i.doc, c.seller_id, a.email,
                    ARRAY(SELECT s.email
                          FROM memberships m
                          JOIN staff s ON s.role = 'operator' AND s.cooperative = m.cooperative
                          WHERE m.seller_id = c.seller_id AND s.active
                            AND s.email IS NOT NULL
                          ORDER BY s.email)
             FROM claimed c
             JOIN inquiries i ON i.id = c.inquiry_id
             LEFT JOIN accounts a ON a.seller_id = c.seller_id
             ORDER BY c.id",
            &[&now_ms, &now_ms.saturating_add(lease_ms), &(limit as i64)],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let attempts: i32 = r.get(4);
            Ok(ClaimedNotice {
                id: r.get(0),
                key: r.get(1),
                channel: channel(r.get(2))?,
                notice: r.get(3),
                attempt: u32::try_from(attempts).unwrap_or(0),
                reference: r.get(5),
                kind: r.get(6),
                tracking_token: r.get(7),
                doc: r.get(8),
                seller_id: r.get(9),
                seller_email: r.get(10),
                cooperative_emails: r.get(11),
            })
        })
        .collect()
}

fn channel(slug: &str) -> Result<NoticeChannel, StoreError> {
    NoticeChannel::from_slug(slug).ok_or_else(|| StoreError::Corrupt {
        id: "outbox".into(),
        reason: format!("unknown channel {slug:?}"),
    })
}

pub(super) async fn finish_notice(
    store: &PgStore,
    id: i64,
    attempt: u32,
    outcome: NoticeOutcome,
) -> Result<(), StoreError> {
    let (state, due_at, error) = match outcome {
        NoticeOutcome::Sent => ("sent", None, None),
        NoticeOutcome::Off(reason) => ("off", None, Some(reason)),
        NoticeOutcome::Retry { due_at_ms, error } => ("pending", Some(due_at_ms), Some(error)),
        NoticeOutcome::Failed(error) => ("failed", None, Some(error)),
    };
    let client = store.pool.get().await?;
    client
        .execute(
            "UPDATE outbox SET state = $3, due_at = coalesce($4, due_at),
                    last_error = coalesce($5, last_error),
                    done_at = CASE WHEN $4::bigint IS NULL THEN etalase_now() END
             WHERE id = $1 AND attempts = $2 AND state = 'sending'",
            &[
                &id,
                &i32::try_from(attempt).unwrap_or(i32::MAX),
                &state,
                &due_at,
                &error,
            ],
        )
        .await?;
    Ok(())
}

pub(super) async fn failed_notices(
    store: &PgStore,
    limit: usize,
) -> Result<Vec<FailedNotice>, StoreError> {
    let client = store.pool.get().await?;
    let rows = client
        .query(
            "SELECT o.key, o.channel, i.reference, o.attempts, o.created_at, o.done_at,
                    coalesce(o.last_error, '')
             FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id
             WHERE o.state = 'failed' ORDER BY o.id DESC LIMIT $1",
            &[&(limit as i64)],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let attempts: i32 = r.get(3);
            Ok(FailedNotice {
                key: r.get(0),
                channel: channel(r.get(1))?,
                reference: r.get(2),
                attempts: u32::try_from(attempts).unwrap_or(0),
                created_at: r.get(4),
                failed_at: r.get(5),
                error: r.get(6),
            })
        })
        .collect()
}

pub(super) async fn staff_notice_email(
    store: &PgStore,
    staff_id: String,
) -> Result<Option<String>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt("SELECT email FROM staff WHERE id = $1", &[&staff_id])
        .await?
        .and_then(|r| r.get(0)))
}

pub(super) async fn set_staff_notice_email(
    store: &PgStore,
    staff_id: String,
    email: Option<String>,
) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute(
            "UPDATE staff SET email = $2 WHERE id = $1",
            &[&staff_id, &email],
        )
        .await?;
    Ok(())
}

pub(super) async fn notice_email(
    store: &PgStore,
    seller_id: String,
) -> Result<Option<String>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            "SELECT email FROM accounts WHERE seller_id = $1",
            &[&seller_id],
        )
        .await?
        .and_then(|r| r.get(0)))
}

pub(super) async fn set_notice_email(
    store: &PgStore,
    seller_id: String,
    email: Option<String>,
) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute(
            "UPDATE accounts SET email = $2 WHERE seller_id = $1",
            &[&seller_id, &email],
        )
        .await?;
    Ok(())
}
