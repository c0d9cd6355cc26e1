//! The seller's inbox: their parts of inquiries, paged and counted, read marks and answers.

use deadpool_postgres::GenericClient;
use etalase_model::inquiry::InquiryStatus;

use super::inquiries::{part_events, part_quotes};
use super::{count, read_snapshot, PgStore};
use crate::store::codec::parse_inquiry_status;
use crate::store::{
    next_status, Inbox, InboxPage, InboxPart, PartUpdate, StoreError, UpdateOutcome,
};

pub(super) async fn seller_inbox(
    store: &PgStore,
    seller_id: String,
    page: InboxPage,
) -> Result<Inbox, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = read_snapshot(&mut client).await?;
    let unread: i64 = tx
        .query_one(
            "SELECT count(*) FROM inquiry_parts WHERE seller_id = $1 AND read_at IS NULL",
            &[&seller_id],
        )
        .await?
        .get(0);
    let counted: Vec<(String, u32)> = tx
        .query(
            "SELECT status, count(*) FROM inquiry_parts WHERE seller_id = $1 GROUP BY status",
            &[&seller_id],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), count(r.get(1))))
        .collect();
    // One beyond the page says whether more follow; LIMIT NULL is no limit.
    let fetch = page.limit.map(|l| i64::from(l) + 1);
    let ids: Vec<i64> = tx
        .query(
            "SELECT p.inquiry_id FROM inquiry_parts p
             JOIN inquiries i ON i.id = p.inquiry_id
             WHERE p.seller_id = $1 AND ($2::text IS NULL OR p.status = $2)
               AND ($3::text IS NULL OR (i.created_at, i.id) <
                    (SELECT c.created_at, c.id FROM inquiries c
                     JOIN inquiry_parts cp ON cp.inquiry_id = c.id AND cp.seller_id = $1
                     WHERE c.reference = $3))
             ORDER BY i.created_at DESC, i.id DESC
             LIMIT $4",
            &[
                &seller_id,
                &page.status.map(|s| s.slug()),
                &page.before,
                &fetch,
            ],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut parts = Vec::with_capacity(ids.len());
    for id in ids {
        parts.push(inbox_part(&tx, id, &seller_id).await?);
    }
    tx.commit().await?;
    Ok(Inbox::from_rows(count(unread), counted, parts, page.limit))
}

pub(super) async fn mark_part_read(
    store: &PgStore,
    seller_id: String,
    reference: String,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    let changed = client
        .execute(
            "UPDATE inquiry_parts SET read_at = coalesce(read_at, etalase_now())
             WHERE seller_id = $1
               AND inquiry_id = (SELECT id FROM inquiries WHERE reference = $2)",
            &[&seller_id, &reference],
        )
        .await?;
    Ok(changed == 1)
}

pub(super) async fn update_part(
    store: &PgStore,
    update: PartUpdate,
) -> Result<UpdateOutcome, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    // The row lock makes the status checked the status written over, even with two
    // replicas answering the same part at once.
    let Some(found) = tx
        .query_opt(
            "SELECT p.inquiry_id, p.status FROM inquiry_parts p
             JOIN inquiries i ON i.id = p.inquiry_id
             WHERE i.reference = $1 AND p.seller_id = $2
             FOR UPDATE OF p",
            &[&update.reference, &update.seller_id],
        )
        .await?
    else {
        return Ok(UpdateOutcome::NotFound);
    };
    let id: i64 = found.get(0);
    let current = parse_inquiry_status(&update.reference, found.get(1))?;
    let next = match next_status(current, update.status, update.reply.is_some()) {
        Ok(next) => next,
        Err(illegal) => return Ok(UpdateOutcome::Illegal(illegal)),
    };
    let at: String = tx
        .query_one("SELECT coalesce($1::text, etalase_now())", &[&update.at])
        .await?
        .get(0);
    let event: i64 = tx
        .query_one(
            "INSERT INTO inquiry_events
               (inquiry_id, seller_id, at, actor, from_status, to_status, reply)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING id",
            &[
                &id,
                &update.seller_id,
                &at,
                &update.actor,
                &next.map(|_| current.slug()),
                &next.map(InquiryStatus::slug),
                &update.reply,
            ],
        )
        .await?
        .get(0);
    super::notices::insert_notices(&tx, id, Some(event), &update.notices).await?;
    tx.execute(
        "UPDATE inquiry_parts
         SET status = coalesce($3, status), updated_at = $4,
             read_at = coalesce(read_at, $4)
         WHERE inquiry_id = $1 AND seller_id = $2",
        &[&id, &update.seller_id, &next.map(InquiryStatus::slug), &at],
    )
    .await?;
    let part = inbox_part(&tx, id, &update.seller_id).await?;
    tx.commit().await?;
    Ok(UpdateOutcome::Updated(Box::new(part)))
}

/// One seller's part of inquiry `id`, with its history.
pub(super) async fn inbox_part(
    client: &impl GenericClient,
    id: i64,
    seller_id: &str,
) -> Result<InboxPart, StoreError> {
    let r = client
        .query_one(
            "SELECT i.reference, i.kind, i.created_at, i.doc, p.status, p.items,
                    p.read_at IS NOT NULL, p.updated_at
             FROM inquiry_parts p JOIN inquiries i ON i.id = p.inquiry_id
             WHERE p.inquiry_id = $1 AND p.seller_id = $2",
            &[&id, &seller_id],
        )
        .await?;
    Ok(InboxPart {
        reference: r.get(0),
        kind: r.get(1),
        created_at: r.get(2),
        doc: r.get(3),
        status: r.get(4),
        items: r.get(5),
        read: r.get(6),
        updated_at: r.get(7),
        events: part_events(client, id, seller_id).await?,
        quotes: part_quotes(client, id, seller_id).await?,
    })
}
