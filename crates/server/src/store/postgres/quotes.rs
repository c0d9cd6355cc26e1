//! Quotations on PostgreSQL: as SQLite's (`sqlite/quotes.rs`), with the part's row locked
//! for the check and the write, so two replicas cannot both decide one part.

use deadpool_postgres::GenericClient;
use etalase_model::inquiry::InquiryStatus;

use super::inbox::inbox_part;
use super::PgStore;
use crate::store::codec::parse_inquiry_status;
use crate::store::sqlite::EXPIRED;
use crate::store::{
    next_status, AnswerOutcome, ExpiredPart, NewNotice, NewQuote, OpenPart, QuoteAnswer,
    StoreError, StoredQuote, UpdateOutcome,
};

/// The part's inquiry id and stage, its row locked until the transaction ends, and then its
/// latest revision. Two statements on purpose: under READ COMMITTED a statement that waited
/// for the lock still sees its own older snapshot in a subquery, while the next statement
/// sees what the transaction it waited for committed (a revision sent meanwhile).
async fn lock_part(
    client: &impl GenericClient,
    column: &str,
    key: &str,
    seller_id: &str,
) -> Result<Option<(i64, String, Option<i32>)>, StoreError> {
    let Some(row) = client
        .query_opt(
            &format!(
                "SELECT p.inquiry_id, p.status
                 FROM inquiry_parts p JOIN inquiries i ON i.id = p.inquiry_id
                 WHERE i.{column} = $1 AND p.seller_id = $2
                 FOR UPDATE OF p"
            ),
            &[&key, &seller_id],
        )
        .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.get(0);
    let latest: Option<i32> = client
        .query_one(
            "SELECT max(revision) FROM quotes WHERE inquiry_id = $1 AND seller_id = $2",
            &[&id, &seller_id],
        )
        .await?
        .get(0);
    Ok(Some((id, row.get(1), latest)))
}

pub(super) async fn send_quote(
    store: &PgStore,
    quote: NewQuote,
) -> Result<UpdateOutcome, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let Some((id, status, latest)) =
        lock_part(&tx, "reference", &quote.reference, &quote.seller_id).await?
    else {
        return Ok(UpdateOutcome::NotFound);
    };
    let current = parse_inquiry_status(&quote.reference, &status)?;
    if current != InquiryStatus::Quoted {
        if let Err(illegal) = next_status(current, Some(InquiryStatus::Quoted), false) {
            return Ok(UpdateOutcome::Illegal(illegal));
        }
    }
    let at: String = tx
        .query_one("SELECT coalesce($1::text, etalase_now())", &[&quote.at])
        .await?
        .get(0);
    tx.execute(
        "INSERT INTO quotes (inquiry_id, seller_id, revision, actor, doc, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &id,
            &quote.seller_id,
            &(latest.unwrap_or(0) + 1),
            &quote.actor,
            &quote.doc,
            &at,
        ],
    )
    .await?;
    let quoted = InquiryStatus::Quoted;
    record_move(
        &tx,
        id,
        &quote.seller_id,
        &quote.actor,
        (current, quoted),
        (None, None),
        Some(&at),
        &quote.notices,
    )
    .await?;
    // Answering reads it, as a reply does.
    tx.execute(
        "UPDATE inquiry_parts SET read_at = coalesce(read_at, $3)
         WHERE inquiry_id = $1 AND seller_id = $2",
        &[&id, &quote.seller_id, &at],
    )
    .await?;
    let part = inbox_part(&tx, id, &quote.seller_id).await?;
    tx.commit().await?;
    Ok(UpdateOutcome::Updated(Box::new(part)))
}

pub(super) async fn answer_quote(
    store: &PgStore,
    answer: QuoteAnswer,
) -> Result<AnswerOutcome, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let Some((id, status, latest)) = lock_part(
        &tx,
        "tracking_token",
        &answer.tracking_token,
        &answer.seller_id,
    )
    .await?
    else {
        return Ok(AnswerOutcome::NotFound);
    };
    if status != InquiryStatus::Quoted.slug()
        || latest.and_then(|l| u32::try_from(l).ok()) != Some(answer.revision)
    {
        return Ok(AnswerOutcome::Stale);
    }
    record_move(
        &tx,
        id,
        &answer.seller_id,
        &answer.actor,
        (InquiryStatus::Quoted, answer.status),
        (answer.reason.as_deref(), None),
        None,
        &answer.notices,
    )
    .await?;
    tx.commit().await?;
    Ok(AnswerOutcome::Answered)
}

pub(super) async fn first_answers(
    store: &PgStore,
    since: String,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let client = store.pool.get().await?;
    let rows = client
        .query(
            "SELECT e.seller_id, i.created_at, min(e.at)
             FROM inquiries i
             JOIN inquiry_events e ON e.inquiry_id = i.id AND e.reason IS NULL
             WHERE i.created_at >= $1
             GROUP BY e.inquiry_id, e.seller_id, i.created_at",
            &[&since],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

pub(super) async fn open_parts(store: &PgStore) -> Result<Vec<OpenPart>, StoreError> {
    let client = store.pool.get().await?;
    let rows = client
        .query(
            "SELECT i.reference, i.kind, i.doc, p.seller_id, p.status,
                    q.revision, q.actor, q.doc, q.sent_at
             FROM inquiry_parts p
             JOIN inquiries i ON i.id = p.inquiry_id
             LEFT JOIN quotes q ON q.inquiry_id = p.inquiry_id
                  AND q.seller_id = p.seller_id
                  AND q.revision = (SELECT max(revision) FROM quotes l
                                    WHERE l.inquiry_id = p.inquiry_id
                                      AND l.seller_id = p.seller_id)
             WHERE p.status IN ('new', 'replied', 'quoted')
             ORDER BY p.inquiry_id, p.seq",
            &[],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| OpenPart {
            reference: r.get(0),
            kind: r.get(1),
            doc: r.get(2),
            seller_id: r.get(3),
            status: r.get(4),
            latest_quote: r.get::<_, Option<i32>>(5).map(|revision| StoredQuote {
                revision: u32::try_from(revision).unwrap_or(0),
                actor: r.get(6),
                doc: r.get(7),
                sent_at: r.get(8),
            }),
        })
        .collect())
}

pub(super) async fn expire_part(store: &PgStore, part: ExpiredPart) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let Some((id, status, latest)) =
        lock_part(&tx, "reference", &part.reference, &part.seller_id).await?
    else {
        return Ok(false);
    };
    if status != part.status_seen.slug()
        || latest.and_then(|l| u32::try_from(l).ok()) != part.revision_seen
    {
        return Ok(false);
    }
    record_move(
        &tx,
        id,
        &part.seller_id,
        "Etalase Desa",
        (part.status_seen, InquiryStatus::Closed),
        (None, Some(EXPIRED)),
        None,
        &part.notices,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Moves a part (`from`, `to`) with its event (`reply`, `reason`; at `at`, or now) and the
/// event's notices.
#[allow(clippy::too_many_arguments)]
async fn record_move(
    client: &impl GenericClient,
    id: i64,
    seller_id: &str,
    actor: &str,
    (from, to): (InquiryStatus, InquiryStatus),
    (reply, reason): (Option<&str>, Option<&str>),
    at: Option<&str>,
    notices: &[NewNotice],
) -> Result<(), StoreError> {
    let row = client
        .query_one(
            "INSERT INTO inquiry_events
               (inquiry_id, seller_id, actor, from_status, to_status, reply, reason, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::text, etalase_now()))
             RETURNING id, at",
            &[
                &id,
                &seller_id,
                &actor,
                &from.slug(),
                &to.slug(),
                &reply,
                &reason,
                &at,
            ],
        )
        .await?;
    let event: i64 = row.get(0);
    let at: String = row.get(1);
    super::notices::insert_notices(client, id, Some(event), notices).await?;
    client
        .execute(
            "UPDATE inquiry_parts SET status = $3, updated_at = $4
             WHERE inquiry_id = $1 AND seller_id = $2",
            &[&id, &seller_id, &to.slug(), &at],
        )
        .await?;
    Ok(())
}
