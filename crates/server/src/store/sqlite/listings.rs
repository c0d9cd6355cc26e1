//! A seller's listings and their history (who saved what, when).

use etalase_model::cooperative::ListingChange;
use etalase_model::{ListingStatus, Product};
use rusqlite::{params, Connection, OptionalExtension};

use super::{load_docs, write_transaction, SqliteStore};
use crate::store::codec::{actor_text, parse_actor, parse_status, status_text, to_json};
use crate::store::{Actor, SaveOutcome, StoreError};

pub(super) async fn seller_listings(
    store: &SqliteStore,
    seller_id: String,
) -> Result<Vec<Product>, StoreError> {
    store
        .with_conn(move |conn| {
            load_docs(
                conn,
                "SELECT id, doc FROM products WHERE seller_id = ?1
                 ORDER BY updated_at DESC, rowid DESC",
                [seller_id],
            )
        })
        .await
}

pub(super) async fn save_listing(
    store: &SqliteStore,
    product: Product,
    actor: Actor,
) -> Result<SaveOutcome, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let mut product = product;
            let existing: Option<(String, String, String)> = tx
                .prepare_cached("SELECT seller_id, status, doc FROM products WHERE id = ?1")?
                .query_row([&product.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let previous = match existing {
                Some((owner, ..)) if owner != product.seller_id => {
                    return Ok(SaveOutcome::NotOwner)
                }
                Some((_, status, doc)) => {
                    // A listing keeps the day it was first saved.
                    if let Ok(old) = serde_json::from_str::<Product>(&doc) {
                        product.created = old.created;
                    }
                    Some(parse_status(&status))
                }
                None => None,
            };
            tx.execute(
                "INSERT INTO products (id, seller_id, status, doc) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc,
                   updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                params![
                    product.id,
                    product.seller_id,
                    status_text(product.status),
                    to_json(&product)?
                ],
            )?;
            record_listing_event(&tx, &product.id, &actor, product.status)?;
            tx.commit()?;
            Ok(SaveOutcome::Saved {
                previous,
                created: product.created,
            })
        })
        .await
}

pub(super) async fn listing_history(
    store: &SqliteStore,
    seller_id: String,
    product_id: String,
) -> Result<Vec<ListingChange>, StoreError> {
    store
        .with_conn(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT e.at, e.actor, e.actor_name, e.status FROM listing_events e
                 JOIN products p ON p.id = e.product_id
                 WHERE e.product_id = ?1 AND p.seller_id = ?2 ORDER BY e.id",
            )?;
            let rows = stmt.query_map(params![product_id, seller_id], |r| {
                let actor: String = r.get(1)?;
                let status: String = r.get(3)?;
                Ok(ListingChange {
                    at: r.get(0)?,
                    actor: parse_actor(&actor),
                    actor_name: r.get(2)?,
                    status: parse_status(&status),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
}

/// Records a save in the listing's history, in the caller's transaction.
fn record_listing_event(
    conn: &Connection,
    product_id: &str,
    actor: &Actor,
    status: ListingStatus,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO listing_events (product_id, actor, actor_id, actor_name, status)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        product_id,
        actor_text(actor.kind),
        actor.id,
        actor.name,
        status_text(status)
    ])?;
    Ok(())
}
