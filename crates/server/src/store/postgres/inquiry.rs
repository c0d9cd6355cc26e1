//! PostgreSQL queries for inquiries: the idempotent insert, the buyer's tracking page, the
//! seller's inbox and answers, and the demand rows behind the insights.

use deadpool_postgres::GenericClient;
use etalase_model::inquiry::InquiryStatus;
use etalase_model::{Seller, Village};

use super::count;
use crate::store::codec::{parse_doc, parse_inquiry_status};
use crate::store::{
    next_status, BuyerPart, DemandRow, Inbox, InboxPage, InboxPart, NewInquiry, PartEvent,
    PartUpdate, StoreError, StoredInquiry, TrackedInquiry, UpdateOutcome,
};

/// Writes one inquiry and its parts, or finds the earlier one with the same idempotency
/// key. The key's unique constraint decides between replicas: a retry that reaches another
/// replica while the first is still committing waits for that commit, then reads its row.
/// The number comes from a sequence; a number drawn by a losing retry is skipped
/// (references are unique and increasing, not gapless).
///
/// Two round trips for a new inquiry: the number, then one statement that inserts the
/// inquiry and its parts and commits (a single statement is its own transaction, so the
/// parts never exist without their inquiry, nor the inquiry without them).
pub(super) async fn create(
    client: &mut deadpool_postgres::Object,
    inquiry: &NewInquiry,
) -> Result<StoredInquiry, StoreError> {
    let number = client
        .prepare_cached("SELECT nextval('inquiry_numbers')")
        .await?;
    let next: i64 = client.query_one(&number, &[]).await?.get(0);
    let reference = etalase_model::inquiry::format_reference(
        inquiry.kind,
        inquiry.year,
        u32::try_from(next).unwrap_or(u32::MAX),
    );
    let insert = client
        .prepare_cached(
            "WITH inquiry AS (
               INSERT INTO inquiries
                 (id, reference, kind, idempotency_key, tracking_token, doc, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, etalase_now()))
               ON CONFLICT (idempotency_key) DO NOTHING
               RETURNING id, created_at
             ), parts AS (
               INSERT INTO inquiry_parts (inquiry_id, seller_id, status, items, updated_at)
               SELECT inquiry.id, part.seller_id, 'new', part.items, inquiry.created_at
               FROM inquiry,
                    unnest($8::text[], $9::text[]) WITH ORDINALITY AS part(seller_id, items, n)
               ORDER BY part.n
               RETURNING 1
             )
             SELECT count(*) FROM inquiry",
        )
        .await?;
    let (sellers, items): (Vec<&str>, Vec<&str>) = inquiry
        .parts
        .iter()
        .map(|(seller, items)| (seller.as_str(), items.as_str()))
        .unzip();
    let inserted: i64 = client
        .query_one(
            &insert,
            &[
                &next,
                &reference,
                &inquiry.kind.slug(),
                &inquiry.idempotency_key,
                &inquiry.tracking_token,
                &inquiry.doc,
                &inquiry.created_at,
                &sellers,
                &items,
            ],
        )
        .await?
        .get(0);
    if inserted == 0 {
        return earlier(&*client, &inquiry.idempotency_key)
            .await?
            .ok_or_else(|| {
                StoreError::Database("idempotency key vanished after its conflict".into())
            });
    }
    Ok(StoredInquiry {
        reference,
        tracking_token: inquiry.tracking_token.clone(),
        created: true,
    })
}

async fn earlier(
    client: &impl GenericClient,
    key: &str,
) -> Result<Option<StoredInquiry>, StoreError> {
    let stmt = client
        .prepare_cached(
            "SELECT reference, tracking_token FROM inquiries WHERE idempotency_key = $1",
        )
        .await?;
    Ok(client
        .query_opt(&stmt, &[&key])
        .await?
        .map(|r| StoredInquiry {
            reference: r.get(0),
            tracking_token: r.get(1),
            created: false,
        }))
}

pub(super) async fn by_token(
    client: &mut deadpool_postgres::Object,
    token: &str,
) -> Result<Option<TrackedInquiry>, StoreError> {
    let tx = super::read_snapshot(client).await?;
    let Some(found) = tx
        .query_opt(
            "SELECT id, reference, kind, created_at, doc FROM inquiries
             WHERE tracking_token = $1",
            &[&token],
        )
        .await?
    else {
        return Ok(None);
    };
    let id: i64 = found.get(0);
    let rows = tx
        .query(
            "SELECT p.seller_id, p.status, p.items, p.updated_at, s.doc::text, v.doc::text
             FROM inquiry_parts p
             LEFT JOIN sellers s ON s.id = p.seller_id
             LEFT JOIN villages v ON v.slug = s.village_slug
             WHERE p.inquiry_id = $1 ORDER BY p.seq",
            &[&id],
        )
        .await?;
    let mut parts = Vec::with_capacity(rows.len());
    for r in rows {
        let seller_id: String = r.get(0);
        let seller: Option<Seller> = r
            .get::<_, Option<&str>>(4)
            .map(|d| parse_doc(&seller_id, d))
            .transpose()?;
        let village: Option<Village> = r
            .get::<_, Option<&str>>(5)
            .map(|d| parse_doc(&seller_id, d))
            .transpose()?;
        parts.push(BuyerPart {
            events: part_events(&tx, id, &seller_id).await?,
            seller_id,
            seller,
            village_name: village.map(|v| v.name),
            status: r.get(1),
            items: r.get(2),
            updated_at: r.get(3),
        });
    }
    tx.commit().await?;
    Ok(Some(TrackedInquiry {
        reference: found.get(1),
        kind: found.get(2),
        created_at: found.get(3),
        doc: found.get(4),
        parts,
    }))
}

pub(super) async fn seller_inbox(
    client: &mut deadpool_postgres::Object,
    seller_id: &str,
    page: &InboxPage,
) -> Result<Inbox, StoreError> {
    let tx = super::read_snapshot(client).await?;
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
        parts.push(inbox_part(&tx, id, seller_id).await?);
    }
    tx.commit().await?;
    Ok(Inbox::from_rows(count(unread), counted, parts, page.limit))
}

pub(super) async fn update_part(
    client: &mut deadpool_postgres::Object,
    update: &PartUpdate,
) -> Result<UpdateOutcome, StoreError> {
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
    tx.execute(
        "INSERT INTO inquiry_events
           (inquiry_id, seller_id, at, actor, from_status, to_status, reply)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
    .await?;
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
    Ok(UpdateOutcome::Updated(part))
}

pub(super) async fn demand_rows(client: &impl GenericClient) -> Result<Vec<DemandRow>, StoreError> {
    #[derive(serde::Deserialize)]
    struct Line {
        product_id: String,
    }
    client
        .query(
            "SELECT i.id, i.kind, i.created_at,
                    i.doc::jsonb->>'destination_country',
                    s.village_slug, p.items
             FROM inquiry_parts p
             JOIN inquiries i ON i.id = p.inquiry_id
             JOIN sellers s ON s.id = p.seller_id
             ORDER BY i.id, p.seq",
            &[],
        )
        .await?
        .iter()
        .map(|r| {
            let inquiry_id: i64 = r.get(0);
            let lines: Vec<Line> = parse_doc(&inquiry_id.to_string(), r.get(5))?;
            Ok(DemandRow {
                inquiry_id,
                kind: r.get(1),
                created_at: r.get(2),
                destination_country: r.get(3),
                village_slug: r.get(4),
                product_ids: lines.into_iter().map(|l| l.product_id).collect(),
            })
        })
        .collect()
}

/// One seller's part of inquiry `id`, with its history.
async fn inbox_part(
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
    })
}

/// A part's history, oldest first.
async fn part_events(
    client: &impl GenericClient,
    id: i64,
    seller_id: &str,
) -> Result<Vec<PartEvent>, StoreError> {
    Ok(client
        .query(
            "SELECT at, actor, from_status, to_status, reply FROM inquiry_events
             WHERE inquiry_id = $1 AND seller_id = $2 ORDER BY at, id",
            &[&id, &seller_id],
        )
        .await?
        .iter()
        .map(|r| PartEvent {
            at: r.get(0),
            actor: r.get(1),
            from_status: r.get(2),
            to_status: r.get(3),
            reply: r.get(4),
        })
        .collect())
}
