//! The seller's inbox: their parts of inquiries, paged and counted, read marks and answers.

use etalase_model::inquiry::InquiryStatus;
use rusqlite::{params, Connection, OptionalExtension};

use super::inquiries::{part_events, part_quotes};
use super::{write_transaction, SqliteStore, NOW};
use crate::store::codec::parse_inquiry_status;
use crate::store::{
    next_status, Inbox, InboxPage, InboxPart, PartUpdate, StoreError, UpdateOutcome,
};

pub(super) async fn seller_inbox(
    store: &SqliteStore,
    seller_id: String,
    page: InboxPage,
) -> Result<Inbox, StoreError> {
    store
        .with_conn(move |conn| {
            // One read transaction, so the counts and the page are of one moment even when
            // the group-commit writer (its own connection) commits an inquiry in between.
            let conn = conn.transaction()?;
            let unread: u32 = conn
                .prepare_cached(
                    "SELECT count(*) FROM inquiry_parts WHERE seller_id = ?1 AND read_at IS NULL",
                )?
                .query_row([&seller_id], |r| r.get(0))?;
            let counted: Vec<(String, u32)> = conn
                .prepare_cached(
                    "SELECT status, count(*) FROM inquiry_parts WHERE seller_id = ?1
                     GROUP BY status",
                )?
                .query_map([&seller_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            // One beyond the page says whether more follow; -1 is SQLite's "no limit".
            let fetch = page.limit.map_or(-1, |l| i64::from(l) + 1);
            let ids: Vec<i64> = conn
                .prepare_cached(
                    "SELECT p.inquiry_id FROM inquiry_parts p
                     JOIN inquiries i ON i.id = p.inquiry_id
                     WHERE p.seller_id = ?1 AND (?2 IS NULL OR p.status = ?2)
                       AND (?3 IS NULL OR (i.created_at, i.id) <
                            (SELECT c.created_at, c.id FROM inquiries c
                             JOIN inquiry_parts cp ON cp.inquiry_id = c.id AND cp.seller_id = ?1
                             WHERE c.reference = ?3))
                     ORDER BY i.created_at DESC, i.id DESC
                     LIMIT ?4",
                )?
                .query_map(
                    params![seller_id, page.status.map(|s| s.slug()), page.before, fetch],
                    |r| r.get(0),
                )?
                .collect::<Result<_, _>>()?;
            let parts = ids
                .into_iter()
                .map(|id| inbox_part(&conn, id, &seller_id))
                .collect::<Result<Vec<_>, StoreError>>()?;
            conn.commit()?;
            Ok(Inbox::from_rows(unread, counted, parts, page.limit))
        })
        .await
}

pub(super) async fn mark_part_read(
    store: &SqliteStore,
    seller_id: String,
    reference: String,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let changed = conn.execute(
                &format!(
                    "UPDATE inquiry_parts SET read_at = coalesce(read_at, {NOW})
                     WHERE seller_id = ?1
                       AND inquiry_id = (SELECT id FROM inquiries WHERE reference = ?2)"
                ),
                params![seller_id, reference],
            )?;
            Ok(changed == 1)
        })
        .await
}

pub(super) async fn update_part(
    store: &SqliteStore,
    update: PartUpdate,
) -> Result<UpdateOutcome, StoreError> {
    store
        .write(move |conn| {
            // IMMEDIATE takes the write lock before the read, so the status checked is the
            // status written over, even with another process on the same file.
            let tx = write_transaction(conn)?;
            let found: Option<(i64, String)> = tx
                .prepare_cached(
                    "SELECT p.inquiry_id, p.status FROM inquiry_parts p
                     JOIN inquiries i ON i.id = p.inquiry_id
                     WHERE i.reference = ?1 AND p.seller_id = ?2",
                )?
                .query_row(params![update.reference, update.seller_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let Some((id, current)) = found else {
                return Ok(UpdateOutcome::NotFound);
            };
            let current = parse_inquiry_status(&update.reference, &current)?;
            let next = match next_status(current, update.status, update.reply.is_some()) {
                Ok(next) => next,
                Err(illegal) => return Ok(UpdateOutcome::Illegal(illegal)),
            };
            let at: String =
                tx.query_row(&format!("SELECT coalesce(?1, {NOW})"), [&update.at], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "INSERT INTO inquiry_events
                   (inquiry_id, seller_id, at, actor, from_status, to_status, reply)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    update.seller_id,
                    at,
                    update.actor,
                    next.map(|_| current.slug()),
                    next.map(InquiryStatus::slug),
                    update.reply
                ],
            )?;
            let event = tx.last_insert_rowid();
            super::notices::insert_notices(&tx, id, Some(event), &update.notices)?;
            tx.execute(
                "UPDATE inquiry_parts
                 SET status = coalesce(?3, status), updated_at = ?4,
                     read_at = coalesce(read_at, ?4)
                 WHERE inquiry_id = ?1 AND seller_id = ?2",
                params![id, update.seller_id, next.map(InquiryStatus::slug), at],
            )?;
            let part = inbox_part(&tx, id, &update.seller_id)?;
            tx.commit()?;
            Ok(UpdateOutcome::Updated(Box::new(part)))
        })
        .await
}

/// One seller's part of inquiry `id`, with its history.
pub(super) fn inbox_part(
    conn: &Connection,
    id: i64,
    seller_id: &str,
) -> Result<InboxPart, StoreError> {
    let mut part = conn
        .prepare_cached(
            "SELECT i.reference, i.kind, i.created_at, i.doc, p.status, p.items,
                    p.read_at IS NOT NULL, p.updated_at
             FROM inquiry_parts p JOIN inquiries i ON i.id = p.inquiry_id
             WHERE p.inquiry_id = ?1 AND p.seller_id = ?2",
        )?
        .query_row(params![id, seller_id], |r| {
            Ok(InboxPart {
                reference: r.get(0)?,
                kind: r.get(1)?,
                created_at: r.get(2)?,
                doc: r.get(3)?,
                status: r.get(4)?,
                items: r.get(5)?,
                read: r.get(6)?,
                updated_at: r.get(7)?,
                events: Vec::new(),
                quotes: Vec::new(),
            })
        })?;
    part.events = part_events(conn, id, seller_id)?;
    part.quotes = part_quotes(conn, id, seller_id)?;
    Ok(part)
}
