//! Storing inquiries (idempotent, numbered by a sequence) and the buyer's tracking page.

use deadpool_postgres::GenericClient;
use etalase_model::{Seller, Village};

use super::{read_snapshot, PgStore};
use crate::store::codec::parse_doc;
use crate::store::{
    BuyerPart, NewInquiry, PartEvent, StoreError, StoredInquiry, StoredQuote, TrackedInquiry,
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
pub(super) async fn create_inquiry(
    store: &PgStore,
    inquiry: NewInquiry,
) -> Result<StoredInquiry, StoreError> {
    let client = store.pool.get().await?;
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
             ), notices AS (
               INSERT INTO outbox (key, channel, inquiry_id, seller_id, notice, due_at)
               SELECT n.key, n.channel, inquiry.id, n.seller_id, n.notice, 0
               FROM inquiry,
                    unnest($10::text[], $11::text[], $12::text[], $13::text[])
                      AS n(key, channel, seller_id, notice)
               ON CONFLICT (key) DO NOTHING
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
    // The notices go in the same statement, so in the same transaction as the inquiry.
    let keys: Vec<String> = inquiry.notices.iter().map(|n| n.key(next, None)).collect();
    let channels: Vec<&str> = inquiry.notices.iter().map(|n| n.channel.slug()).collect();
    let notice_sellers: Vec<Option<&str>> = inquiry
        .notices
        .iter()
        .map(|n| n.seller_id.as_deref())
        .collect();
    let notices: Vec<&str> = inquiry.notices.iter().map(|n| n.notice.as_str()).collect();
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
                &keys,
                &channels,
                &notice_sellers,
                &notices,
            ],
        )
        .await?
        .get(0);
    if inserted == 0 {
        return earlier(&client, &inquiry.idempotency_key)
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

pub(super) async fn inquiry_by_token(
    store: &PgStore,
    token: String,
) -> Result<Option<TrackedInquiry>, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = read_snapshot(&mut client).await?;
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
            quotes: part_quotes(&tx, id, &seller_id).await?,
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

/// A part's history, oldest first: the buyer's tracking page and the seller's inbox show it.
pub(super) async fn part_events(
    client: &impl GenericClient,
    id: i64,
    seller_id: &str,
) -> Result<Vec<PartEvent>, StoreError> {
    Ok(client
        .query(
            "SELECT at, actor, from_status, to_status, reply, reason FROM inquiry_events
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
            reason: r.get(5),
        })
        .collect())
}

/// A part's quote revisions, oldest first.
pub(super) async fn part_quotes(
    client: &impl GenericClient,
    id: i64,
    seller_id: &str,
) -> Result<Vec<StoredQuote>, StoreError> {
    Ok(client
        .query(
            "SELECT revision, actor, doc, sent_at FROM quotes
             WHERE inquiry_id = $1 AND seller_id = $2 ORDER BY revision",
            &[&id, &seller_id],
        )
        .await?
        .iter()
        .map(|r| StoredQuote {
            revision: u32::try_from(r.get::<_, i32>(0)).unwrap_or(0),
            actor: r.get(1),
            doc: r.get(2),
            sent_at: r.get(3),
        })
        .collect())
}
