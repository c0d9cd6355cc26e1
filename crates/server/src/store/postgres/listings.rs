//! A seller's listings and their history (who saved what, when).

use deadpool_postgres::GenericClient;
use etalase_model::cooperative::ListingChange;
use etalase_model::{ListingStatus, Product};

use super::{changes, load_docs, PgStore};
use crate::store::codec::{actor_text, parse_actor, parse_status, status_text, to_json};
use crate::store::{Actor, SaveOutcome, StoreError};

pub(super) async fn seller_listings(
    store: &PgStore,
    seller_id: String,
) -> Result<Vec<Product>, StoreError> {
    let client = store.pool.get().await?;
    load_docs(
        &client,
        "SELECT id, doc::text FROM products WHERE seller_id = $1
         ORDER BY updated_at DESC, seq DESC",
        &[&seller_id],
    )
    .await
}

pub(super) async fn save_listing(
    store: &PgStore,
    product: Product,
    actor: Actor,
) -> Result<SaveOutcome, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let mut product = product;
    let existing = tx
        .query_opt(
            "SELECT seller_id, status, doc::text FROM products WHERE id = $1 FOR UPDATE",
            &[&product.id],
        )
        .await?;
    let previous = match existing {
        Some(row) if row.get::<_, &str>(0) != product.seller_id => {
            return Ok(SaveOutcome::NotOwner)
        }
        Some(row) => {
            // A listing keeps the day it was first saved.
            if let Ok(old) = serde_json::from_str::<Product>(row.get(2)) {
                product.created = old.created;
            }
            Some(parse_status(row.get(1)))
        }
        None => None,
    };
    // The owner check is repeated in the upsert: a listing another seller created
    // between the read and this write (it did not exist to lock) is not taken over.
    let written = tx
        .execute(
            "INSERT INTO products (id, seller_id, status, doc)
             VALUES ($1, $2, $3, $4::text::jsonb)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc,
               updated_at = etalase_now()
             WHERE products.seller_id = excluded.seller_id",
            &[
                &product.id,
                &product.seller_id,
                &status_text(product.status),
                &to_json(&product)?,
            ],
        )
        .await?;
    if written != 1 {
        return Ok(SaveOutcome::NotOwner);
    }
    record_listing_event(&tx, &product.id, &actor, product.status).await?;
    if product.status == ListingStatus::Published || previous == Some(ListingStatus::Published) {
        changes::notify(&tx, Some(&store.replica)).await?;
    }
    tx.commit().await?;
    Ok(SaveOutcome::Saved {
        previous,
        created: product.created,
    })
}

pub(super) async fn listing_history(
    store: &PgStore,
    seller_id: String,
    product_id: String,
) -> Result<Vec<ListingChange>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query(
            "SELECT e.at, e.actor, e.actor_name, e.status FROM listing_events e
             JOIN products p ON p.id = e.product_id
             WHERE e.product_id = $1 AND p.seller_id = $2 ORDER BY e.id",
            &[&product_id, &seller_id],
        )
        .await?
        .iter()
        .map(|r| ListingChange {
            at: r.get(0),
            actor: parse_actor(r.get(1)),
            actor_name: r.get(2),
            status: parse_status(r.get(3)),
        })
        .collect())
}

/// Records a save in the listing's history, in the caller's transaction.
async fn record_listing_event(
    client: &impl GenericClient,
    product_id: &str,
    actor: &Actor,
    status: ListingStatus,
) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO listing_events (product_id, actor, actor_id, actor_name, status)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &product_id,
                &actor_text(actor.kind),
                &actor.id,
                &actor.name,
                &status_text(status),
            ],
        )
        .await?;
    Ok(())
}
