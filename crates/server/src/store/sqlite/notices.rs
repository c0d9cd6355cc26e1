//! The notices' outbox: rows written with their events (see `inquiries` and `inbox`), claimed
//! by the sender with a lease, and finished once.

use rusqlite::{params, Connection};

use super::{write_transaction, SqliteStore, NOW};
use crate::store::{
    ClaimedNotice, FailedNotice, NewNotice, NoticeChannel, NoticeOutcome, StoreError,
};

/// Writes `notices` of inquiry `inquiry_id` (and of its event `event_id`, for an answer)
/// inside the caller's transaction, due at once. A key already written is left alone.
pub(super) fn insert_notices(
    conn: &Connection,
    inquiry_id: i64,
    event_id: Option<i64>,
    notices: &[NewNotice],
) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO outbox (key, channel, inquiry_id, seller_id, notice, due_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 0)
         ON CONFLICT (key) DO NOTHING",
    )?;
    for notice in notices {
        insert.execute(params![
            notice.key(inquiry_id, event_id),
            notice.channel.slug(),
            inquiry_id,
            notice.seller_id,
            notice.notice,
        ])?;
    }
    Ok(())
}

pub(super) async fn claim_notices(
    store: &SqliteStore,
    now_ms: i64,
    lease_ms: i64,
    limit: usize,
) -> Result<Vec<ClaimedNotice>, StoreError> {
    // Look before taking the write lock: the sender polls, and an idle poll must never
    // queue on the one writer (or wait out another process's lock) for nothing.
    let due: bool = store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM outbox
                                    WHERE state IN ('pending', 'sending') AND due_at <= ?1)",
                )?
                .query_row([now_ms], |r| r.get(0))?)
        })
        .await?;
    if !due {
        return Ok(Vec::new());
    }
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let claimed = {
                let mut due = tx.prepare_cached(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, due_at = ?2
                     WHERE id IN (SELECT id FROM outbox
                                  WHERE state IN ('pending', 'sending') AND due_at <= ?1
                                  ORDER BY due_at, id LIMIT ?3)
                     RETURNING id",
                )?;
                let ids: Vec<i64> = due
                    .query_map(
                        params![now_ms, now_ms.saturating_add(lease_ms), limit as i64],
                        |r| r.get(0),
                    )?
                    .collect::<Result<_, _>>()?;
                let mut read = tx.prepare_cached(
                    "SELECT o.id, o.key, o.channel, o.notice, o.attempts, i.reference, i.kind,
                            i.tracking_token, i.doc, o.seller_id, a.email,
                            (SELECT group_concat(s.email, char(10))
                             FROM memberships m
                             JOIN staff s ON s.role = 'operator' AND s.cooperative = m.cooperative
                             WHERE m.seller_id = o.seller_id AND s.active = 1
                               AND s.email IS NOT NULL)
                     FROM outbox o
                     JOIN inquiries i ON i.id = o.inquiry_id
                     LEFT JOIN accounts a ON a.seller_id = o.seller_id
                     WHERE o.id = ?1",
                )?;
                let mut claimed = Vec::with_capacity(ids.len());
                for id in ids {
                    claimed.push(read.query_row([id], |r| {
                        let channel: String = r.get(2)?;
                        Ok(ClaimedNotice {
                            id: r.get(0)?,
                            key: r.get(1)?,
                            channel: NoticeChannel::from_slug(&channel)
                                .unwrap_or(NoticeChannel::Email),
                            notice: r.get(3)?,
                            attempt: r.get(4)?,
                            reference: r.get(5)?,
                            kind: r.get(6)?,
                            tracking_token: r.get(7)?,
                            doc: r.get(8)?,
                            seller_id: r.get(9)?,
                            seller_email: r.get(10)?,
                            cooperative_emails: lines(r.get(11)?),
                        })
                    })?);
                }
                claimed.sort_by_key(|n| n.id);
                claimed
            };
            tx.commit()?;
            Ok(claimed)
        })
        .await
}

pub(super) async fn finish_notice(
    store: &SqliteStore,
    id: i64,
    attempt: u32,
    outcome: NoticeOutcome,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            let (state, due_at, error) = match outcome {
                NoticeOutcome::Sent => ("sent", None, None),
                NoticeOutcome::Off(reason) => ("off", None, Some(reason)),
                NoticeOutcome::Retry { due_at_ms, error } => {
                    ("pending", Some(due_at_ms), Some(error))
                }
                NoticeOutcome::Failed(error) => ("failed", None, Some(error)),
            };
            conn.prepare_cached(&format!(
                "UPDATE outbox SET state = ?3, due_at = coalesce(?4, due_at),
                        last_error = coalesce(?5, last_error),
                        done_at = CASE WHEN ?4 IS NULL THEN {NOW} END
                 WHERE id = ?1 AND attempts = ?2 AND state = 'sending'"
            ))?
            .execute(params![id, attempt, state, due_at, error])?;
            Ok(())
        })
        .await
}

pub(super) async fn failed_notices(
    store: &SqliteStore,
    limit: usize,
) -> Result<Vec<FailedNotice>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT o.key, o.channel, i.reference, o.attempts, o.created_at, o.done_at,
                            coalesce(o.last_error, '')
                     FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id
                     WHERE o.state = 'failed' ORDER BY o.id DESC LIMIT ?1",
                )?
                .query_map([limit as i64], |r| {
                    let channel: String = r.get(1)?;
                    Ok(FailedNotice {
                        key: r.get(0)?,
                        channel: NoticeChannel::from_slug(&channel).unwrap_or(NoticeChannel::Email),
                        reference: r.get(2)?,
                        attempts: r.get(3)?,
                        created_at: r.get(4)?,
                        failed_at: r.get(5)?,
                        error: r.get(6)?,
                    })
                })?
                .collect::<Result<_, _>>()?)
        })
        .await
}

/// The addresses in a newline-joined list (`None`: none).
fn lines(joined: Option<String>) -> Vec<String> {
    let mut all: Vec<String> = joined
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    all.sort();
    all
}

pub(super) async fn staff_notice_email(
    store: &SqliteStore,
    staff_id: String,
) -> Result<Option<String>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached("SELECT email FROM staff WHERE id = ?1")?
                .query_map([staff_id], |r| r.get::<_, Option<String>>(0))?
                .next()
                .transpose()?
                .flatten())
        })
        .await
}

pub(super) async fn set_staff_notice_email(
    store: &SqliteStore,
    staff_id: String,
    email: Option<String>,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            conn.prepare_cached("UPDATE staff SET email = ?2 WHERE id = ?1")?
                .execute(params![staff_id, email])?;
            Ok(())
        })
        .await
}

pub(super) async fn notice_email(
    store: &SqliteStore,
    seller_id: String,
) -> Result<Option<String>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached("SELECT email FROM accounts WHERE seller_id = ?1")?
                .query_map([seller_id], |r| r.get::<_, Option<String>>(0))?
                .next()
                .transpose()?
                .flatten())
        })
        .await
}

pub(super) async fn set_notice_email(
    store: &SqliteStore,
    seller_id: String,
    email: Option<String>,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            conn.prepare_cached("UPDATE accounts SET email = ?2 WHERE seller_id = ?1")?
                .execute(params![seller_id, email])?;
            Ok(())
        })
        .await
}
