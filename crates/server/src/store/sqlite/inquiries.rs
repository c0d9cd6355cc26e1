//! Storing inquiries (idempotent, numbered without gaps) and the buyer's tracking page.

use etalase_model::{Seller, Village};
use rusqlite::{params, Connection, OptionalExtension};

use super::{write_transaction, SqliteStore};
use crate::store::codec::parse_doc;
use crate::store::{
    BuyerPart, NewInquiry, PartEvent, StoreError, StoredInquiry, StoredQuote, TrackedInquiry,
};

/// With group commit, the writer batches the inquiry with others (see [`super::writer`]);
/// without, it is one transaction of its own.
pub(super) async fn create_inquiry(
    store: &SqliteStore,
    inquiry: NewInquiry,
) -> Result<StoredInquiry, StoreError> {
    match &store.writer {
        Some(writer) => writer.create_inquiry(inquiry).await,
        None => {
            store
                .with_conn(move |conn| {
                    let tx = write_transaction(conn)?;
                    let stored = insert_inquiry(&tx, &inquiry)?;
                    tx.commit()?;
                    Ok(stored)
                })
                .await
        }
    }
}

pub(super) async fn inquiry_by_token(
    store: &SqliteStore,
    token: String,
) -> Result<Option<TrackedInquiry>, StoreError> {
    store
        .with_conn(move |conn| {
            let found: Option<(i64, String, String, String, String)> = conn
                .prepare_cached(
                    "SELECT id, reference, kind, created_at, doc FROM inquiries
                     WHERE tracking_token = ?1",
                )?
                .query_row([token], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()?;
            let Some((id, reference, kind, created_at, doc)) = found else {
                return Ok(None);
            };
            type Row = (
                String,
                String,
                String,
                String,
                Option<String>,
                Option<String>,
            );
            let rows: Vec<Row> = conn
                .prepare_cached(
                    "SELECT p.seller_id, p.status, p.items, p.updated_at, s.doc, v.doc
                     FROM inquiry_parts p
                     LEFT JOIN sellers s ON s.id = p.seller_id
                     LEFT JOIN villages v ON v.slug = s.village_slug
                     WHERE p.inquiry_id = ?1 ORDER BY p.rowid",
                )?
                .query_map([id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })?
                .collect::<Result<_, _>>()?;
            let parts = rows
                .into_iter()
                .map(|(seller_id, status, items, updated_at, seller, village)| {
                    let seller: Option<Seller> =
                        seller.map(|d| parse_doc(&seller_id, &d)).transpose()?;
                    let village: Option<Village> =
                        village.map(|d| parse_doc(&seller_id, &d)).transpose()?;
                    Ok(BuyerPart {
                        events: part_events(conn, id, &seller_id)?,
                        quotes: part_quotes(conn, id, &seller_id)?,
                        seller_id,
                        seller,
                        village_name: village.map(|v| v.name),
                        status,
                        items,
                        updated_at,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(Some(TrackedInquiry {
                reference,
                kind,
                created_at,
                doc,
                parts,
            }))
        })
        .await
}

/// Writes one inquiry and its parts inside the caller's (already begun) write transaction,
/// or finds the earlier inquiry with the same idempotency key, which may have been written
/// earlier in this very transaction. Commits nothing.
pub(super) fn insert_inquiry(
    conn: &Connection,
    inquiry: &NewInquiry,
) -> Result<StoredInquiry, StoreError> {
    let earlier: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT reference, tracking_token FROM inquiries WHERE idempotency_key = ?1",
        )?
        .query_row([&inquiry.idempotency_key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((reference, tracking_token)) = earlier {
        return Ok(StoredInquiry {
            reference,
            tracking_token,
            created: false,
        });
    }
    let next: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM inquiries")?
        .query_row([], |r| r.get(0))?;
    let reference = etalase_model::inquiry::format_reference(
        inquiry.kind,
        inquiry.year,
        u32::try_from(next).unwrap_or(u32::MAX),
    );
    conn.prepare_cached(
        "INSERT INTO inquiries
           (id, reference, kind, idempotency_key, tracking_token, doc, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                 coalesce(?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
    )?
    .execute(params![
        next,
        reference,
        inquiry.kind.slug(),
        inquiry.idempotency_key,
        inquiry.tracking_token,
        inquiry.doc,
        inquiry.created_at
    ])?;
    let mut part = conn.prepare_cached(
        "INSERT INTO inquiry_parts (inquiry_id, seller_id, status, items, updated_at)
         SELECT ?1, ?2, 'new', ?3, created_at FROM inquiries WHERE id = ?1",
    )?;
    for (seller_id, items) in &inquiry.parts {
        part.execute(params![next, seller_id, items])?;
    }
    super::notices::insert_notices(conn, next, None, &inquiry.notices)?;
    Ok(StoredInquiry {
        reference,
        tracking_token: inquiry.tracking_token.clone(),
        created: true,
    })
}

/// A part's history, oldest first: the buyer's tracking page and the seller's inbox show it.
pub(super) fn part_events(
    conn: &Connection,
    id: i64,
    seller_id: &str,
) -> Result<Vec<PartEvent>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT at, actor, from_status, to_status, reply, reason FROM inquiry_events
             WHERE inquiry_id = ?1 AND seller_id = ?2 ORDER BY at, id",
        )?
        .query_map(params![id, seller_id], |r| {
            Ok(PartEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                from_status: r.get(2)?,
                to_status: r.get(3)?,
                reply: r.get(4)?,
                reason: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// A part's quote revisions, oldest first.
pub(super) fn part_quotes(
    conn: &Connection,
    id: i64,
    seller_id: &str,
) -> Result<Vec<StoredQuote>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT revision, actor, doc, sent_at FROM quotes
             WHERE inquiry_id = ?1 AND seller_id = ?2 ORDER BY revision",
        )?
        .query_map(params![id, seller_id], |r| {
            Ok(StoredQuote {
                revision: r.get(0)?,
                actor: r.get(1)?,
                doc: r.get(2)?,
                sent_at: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}
