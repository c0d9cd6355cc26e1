//! Demand: one plain row per inquiry part, for `insights.rs` and the facilitators' report
//! to aggregate outside the database.

use super::SqliteStore;
use crate::store::codec::parse_doc;
use crate::store::{DemandLine, DemandRow, StoreError};

pub(super) async fn demand_rows(store: &SqliteStore) -> Result<Vec<DemandRow>, StoreError> {
    store
        .with_conn(|conn| {
            type Row = (
                i64,
                String,
                String,
                Option<String>,
                String,
                String,
                String,
                Option<String>,
            );
            let rows: Vec<Row> = conn
                .prepare_cached(
                    "SELECT i.id, i.kind, i.created_at,
                            json_extract(i.doc, '$.destination_country'),
                            s.village_slug, p.items, p.status,
                            (SELECT q.doc FROM quotes q
                             WHERE q.inquiry_id = p.inquiry_id AND q.seller_id = p.seller_id
                             ORDER BY q.revision DESC LIMIT 1)
                     FROM inquiry_parts p
                     JOIN inquiries i ON i.id = p.inquiry_id
                     JOIN sellers s ON s.id = p.seller_id
                     ORDER BY i.id, p.rowid",
                )?
                .query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                })?
                .collect::<Result<_, _>>()?;
            rows.into_iter()
                .map(
                    |(
                        id,
                        kind,
                        created_at,
                        destination_country,
                        village_slug,
                        items,
                        status,
                        quote,
                    )| {
                        let lines: Vec<DemandLine> = parse_doc(&id.to_string(), &items)?;
                        Ok(DemandRow {
                            inquiry_id: id,
                            kind,
                            created_at,
                            destination_country,
                            village_slug,
                            product_ids: lines.iter().map(|l| l.product_id.clone()).collect(),
                            status,
                            lines,
                            latest_quote: quote,
                        })
                    },
                )
                .collect()
        })
        .await
}
