//! Quotations: a seller's revisions, the buyer's answer, and parts that close themselves.
//! Each is one write transaction with its event and its notices.

use etalase_model::inquiry::InquiryStatus;
use rusqlite::{params, Connection, OptionalExtension};

use super::inbox::inbox_part;
use super::{write_transaction, SqliteStore, NOW};
use crate::store::codec::parse_inquiry_status;
use crate::store::{
    next_status, AnswerOutcome, ExpiredPart, NewNotice, NewQuote, OpenPart, QuoteAnswer,
    StoreError, StoredQuote, UpdateOutcome,
};

/// The reason recorded on a part that closed itself.
pub(in crate::store) const EXPIRED: &str = "expired";

pub(super) async fn send_quote(
    store: &SqliteStore,
    quote: NewQuote,
) -> Result<UpdateOutcome, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let Some((id, current)) = part_status(&tx, &quote.reference, &quote.seller_id)? else {
                return Ok(UpdateOutcome::NotFound);
            };
            let current = parse_inquiry_status(&quote.reference, &current)?;
            // A revision of a quote still open keeps the stage; otherwise the move must be
            // one the state machine allows (never out of won, lost or closed).
            if current != InquiryStatus::Quoted {
                if let Err(illegal) = next_status(current, Some(InquiryStatus::Quoted), false) {
                    return Ok(UpdateOutcome::Illegal(illegal));
                }
            }
            let at: String =
                tx.query_row(&format!("SELECT coalesce(?1, {NOW})"), [&quote.at], |r| {
                    r.get(0)
                })?;
            tx.prepare_cached(
                "INSERT INTO quotes (inquiry_id, seller_id, revision, actor, doc, sent_at)
                 SELECT ?1, ?2, coalesce(max(revision), 0) + 1, ?3, ?4, ?5
                 FROM quotes WHERE inquiry_id = ?1 AND seller_id = ?2",
            )?
            .execute(params![id, quote.seller_id, quote.actor, quote.doc, at])?;
            record_move(
                &tx,
                id,
                &quote.seller_id,
                &quote.actor,
                (current, InquiryStatus::Quoted),
                (None, None),
                Some(&at),
                &quote.notices,
            )?;
            // Answering reads it, as a reply does.
            tx.prepare_cached(
                "UPDATE inquiry_parts SET read_at = coalesce(read_at, ?3)
                 WHERE inquiry_id = ?1 AND seller_id = ?2",
            )?
            .execute(params![id, quote.seller_id, at])?;
            let part = inbox_part(&tx, id, &quote.seller_id)?;
            tx.commit()?;
            Ok(UpdateOutcome::Updated(Box::new(part)))
        })
        .await
}

/// How a part is named: by the buyer's private token, or by the inquiry's reference.
enum PartBy<'a> {
    TrackingToken(&'a str),
    Reference(&'a str),
}

/// A part's inquiry id, stage and latest quote revision, read inside the caller's write
/// transaction (so nothing moves between this and the move it decides).
fn part_now(
    tx: &rusqlite::Transaction<'_>,
    by: PartBy<'_>,
    seller_id: &str,
) -> Result<Option<(i64, String, Option<u32>)>, StoreError> {
    let (column, value) = match by {
        PartBy::TrackingToken(token) => ("tracking_token", token),
        PartBy::Reference(reference) => ("reference", reference),
    };
    Ok(tx
        .prepare_cached(&format!(
            "SELECT p.inquiry_id, p.status,
                    (SELECT max(revision) FROM quotes q
                     WHERE q.inquiry_id = p.inquiry_id AND q.seller_id = p.seller_id)
             FROM inquiry_parts p JOIN inquiries i ON i.id = p.inquiry_id
             WHERE i.{column} = ?1 AND p.seller_id = ?2"
        ))?
        .query_row(params![value, seller_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

pub(super) async fn answer_quote(
    store: &SqliteStore,
    answer: QuoteAnswer,
) -> Result<AnswerOutcome, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let found = part_now(
                &tx,
                PartBy::TrackingToken(&answer.tracking_token),
                &answer.seller_id,
            )?;
            let Some((id, status, latest)) = found else {
                return Ok(AnswerOutcome::NotFound);
            };
            if status != InquiryStatus::Quoted.slug() || latest != Some(answer.revision) {
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
            )?;
            tx.commit()?;
            Ok(AnswerOutcome::Answered)
        })
        .await
}

pub(super) async fn first_answers(
    store: &SqliteStore,
    since: String,
) -> Result<Vec<(String, String, String)>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(FIRST_ANSWERS_SQLITE)?
                .query_map([since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?)
        })
        .await
}

/// The first event of each part that is the seller's (not the site's lapse).
const FIRST_ANSWERS_SQLITE: &str = "SELECT e.seller_id, i.created_at, min(e.at)
     FROM inquiries i
     JOIN inquiry_events e ON e.inquiry_id = i.id AND e.reason IS NULL
     WHERE i.created_at >= ?1
     GROUP BY e.inquiry_id, e.seller_id";

pub(super) async fn open_parts(store: &SqliteStore) -> Result<Vec<OpenPart>, StoreError> {
    store
        .with_conn(|conn| {
            Ok(conn
                .prepare_cached(
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
                     ORDER BY p.inquiry_id, p.rowid",
                )?
                .query_map([], |r| {
                    let revision: Option<u32> = r.get(5)?;
                    Ok(OpenPart {
                        reference: r.get(0)?,
                        kind: r.get(1)?,
                        doc: r.get(2)?,
                        seller_id: r.get(3)?,
                        status: r.get(4)?,
                        latest_quote: match revision {
                            Some(revision) => Some(StoredQuote {
                                revision,
                                actor: r.get(6)?,
                                doc: r.get(7)?,
                                sent_at: r.get(8)?,
                            }),
                            None => None,
                        },
                    })
                })?
                .collect::<Result<_, _>>()?)
        })
        .await
}

pub(super) async fn expire_part(
    store: &SqliteStore,
    part: ExpiredPart,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let found = part_now(&tx, PartBy::Reference(&part.reference), &part.seller_id)?;
            let Some((id, status, latest)) = found else {
                return Ok(false);
            };
            // Answered or revised since it was seen: it is not the part that lapsed.
            if status != part.status_seen.slug() || latest != part.revision_seen {
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
            )?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

/// The part's inquiry id and stage, by reference and seller.
fn part_status(
    conn: &Connection,
    reference: &str,
    seller_id: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT p.inquiry_id, p.status FROM inquiry_parts p
             JOIN inquiries i ON i.id = p.inquiry_id
             WHERE i.reference = ?1 AND p.seller_id = ?2",
        )?
        .query_row(params![reference, seller_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// Moves a part (`from`, `to`) with its event (`reply`, `reason`; at `at`, or now) and the
/// event's notices.
#[allow(clippy::too_many_arguments)]
fn record_move(
    conn: &Connection,
    id: i64,
    seller_id: &str,
    actor: &str,
    (from, to): (InquiryStatus, InquiryStatus),
    (reply, reason): (Option<&str>, Option<&str>),
    at: Option<&str>,
    notices: &[NewNotice],
) -> Result<(), StoreError> {
    let at: String = conn.query_row(&format!("SELECT coalesce(?1, {NOW})"), [at], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO inquiry_events
           (inquiry_id, seller_id, at, actor, from_status, to_status, reply, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        seller_id,
        at,
        actor,
        from.slug(),
        to.slug(),
        reply,
        reason
    ])?;
    let event = conn.last_insert_rowid();
    super::notices::insert_notices(conn, id, Some(event), notices)?;
    conn.prepare_cached(
        "UPDATE inquiry_parts SET status = ?3, updated_at = ?4
         WHERE inquiry_id = ?1 AND seller_id = ?2",
    )?
    .execute(params![id, seller_id, to.slug(), at])?;
    Ok(())
}
