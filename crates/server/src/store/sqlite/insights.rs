//! Demand: one plain row per inquiry part, for `insights.rs` and the facilitators' report
//! to aggregate outside the database.

use super::SqliteStore;
use crate::store::codec::parse_doc;
use crate::store::{DemandRow, StoreError};

pub(super) async fn demand_rows(store: &SqliteStore) -> Result<Vec<DemandRow>, StoreError> {
    store
        .with_conn(|conn| {
            type Row = (i64, String, String, Option<String>, String, String);
            let rows: Vec<Row> = conn
                .prepare_cached(
                    "SELECT i.id, i.kind, i.created_at,
                            json_extract(i.doc, '$.destination_country'),
                            s.village_slug, p.items
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
                    ))
                })?
                .collect::<Result<_, _>>()?;
            rows.into_iter()
                .map(
                    |(inquiry_id, kind, created_at, destination_country, village_slug, items)| {
                        #[derive(serde::Deserialize)]
                        struct Line {
                            product_id: String,
                        }
                        let lines: Vec<Line> = parse_doc(&inquiry_id.to_string(), &items)?;
                        Ok(DemandRow {
                            inquiry_id,
                            kind,
                            created_at,
                            destination_country,
                            village_slug,
                            product_ids: lines.into_iter().map(|l| l.product_id).collect(),
                        })
                    },
                )
                .collect()
        })
        .await
}
