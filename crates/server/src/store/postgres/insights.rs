//! Demand: one plain row per inquiry part, for `insights.rs` and the facilitators' report
//! to aggregate outside the database.

use super::PgStore;
use crate::store::codec::parse_doc;
use crate::store::{DemandLine, DemandRow, StoreError};

pub(super) async fn demand_rows(store: &PgStore) -> Result<Vec<DemandRow>, StoreError> {
    let client = store.pool.get().await?;
    client
        .query(
            "SELECT i.id, i.kind, i.created_at,
                    i.doc::jsonb->>'destination_country',
                    s.village_slug, p.items, p.status,
                    (SELECT q.doc FROM quotes q
                     WHERE q.inquiry_id = p.inquiry_id AND q.seller_id = p.seller_id
                     ORDER BY q.revision DESC LIMIT 1)
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
            let lines: Vec<DemandLine> = parse_doc(&inquiry_id.to_string(), r.get(5))?;
            Ok(DemandRow {
                inquiry_id,
                kind: r.get(1),
                created_at: r.get(2),
                destination_country: r.get(3),
                village_slug: r.get(4),
                product_ids: lines.iter().map(|l| l.product_id.clone()).collect(),
                status: r.get(6),
                lines,
                latest_quote: r.get(7),
            })
        })
        .collect()
}
