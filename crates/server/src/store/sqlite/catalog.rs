//! The catalog: seeding an empty database, what buyers see, and villages.

use etalase_model::{Catalog, Seller, Village};
use std::collections::HashSet;

use rusqlite::params;

use super::{cooperative, load_docs, moderation, write_transaction, SqliteStore};
use crate::store::codec::{partnership_status_text, status_text, to_json};
use crate::store::{is_known, StoreError};

pub(super) async fn seed_catalog_if_empty(
    store: &SqliteStore,
    catalog: Catalog,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let count: i64 = tx.query_row("SELECT count(*) FROM products", [], |r| r.get(0))?;
            if count > 0 {
                return Ok(false);
            }
            for v in &catalog.villages {
                tx.execute(
                    "INSERT OR REPLACE INTO villages (slug, doc) VALUES (?1, ?2)",
                    params![v.slug, to_json(v)?],
                )?;
            }
            for s in &catalog.sellers {
                tx.execute(
                    "INSERT OR REPLACE INTO sellers (id, village_slug, doc) VALUES (?1, ?2, ?3)",
                    params![s.id, s.village_slug, to_json(s)?],
                )?;
            }
            for p in &catalog.products {
                tx.execute(
                    "INSERT INTO products (id, seller_id, status, doc) VALUES (?1, ?2, ?3, ?4)",
                    params![p.id, p.seller_id, status_text(p.status), to_json(p)?],
                )?;
            }
            insert_partnerships(&tx, &catalog)?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

pub(super) async fn load_public_catalog(store: &SqliteStore) -> Result<Catalog, StoreError> {
    store
        .with_conn(|conn| {
            let villages = load_docs(conn, "SELECT slug, doc FROM villages ORDER BY slug", [])?;
            let mut sellers: Vec<Seller> =
                load_docs(conn, "SELECT id, doc FROM sellers ORDER BY id", [])?;
            // Whom a seller sells through is the memberships' to say, not the document's.
            let mut via = cooperative::cooperative_names(conn)?;
            let suspended: HashSet<String> = conn
                .prepare_cached("SELECT seller_id FROM suspensions")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for seller in &mut sellers {
                seller.cooperative = via.remove(&seller.id);
            }
            sellers.retain(|s| !suspended.contains(&s.id));
            let products = load_docs(
                conn,
                &format!(
                    "SELECT p.id, p.doc FROM products p WHERE {} ORDER BY p.rowid",
                    moderation::PUBLIC_PRODUCT
                ),
                [],
            )?;
            let partners = load_docs(conn, "SELECT slug, doc FROM partners ORDER BY slug", [])?;
            let partnerships =
                load_docs(conn, "SELECT id, doc FROM partnerships ORDER BY rowid", [])?;
            Ok(Catalog {
                version: String::new(),
                products,
                sellers,
                villages,
                fx: None,
                partners,
                partnerships,
                reply_minutes: Default::default(),
            })
        })
        .await
}

pub(super) async fn add_missing_villages(
    store: &SqliteStore,
    villages: Vec<Village>,
) -> Result<usize, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let known = known_codes(&tx)?;
            let mut added = 0;
            for v in villages.iter().filter(|v| !is_known(&known, v)) {
                added += tx.execute(
                    "INSERT OR IGNORE INTO villages (slug, doc) VALUES (?1, ?2)",
                    params![v.slug, to_json(v)?],
                )?;
            }
            tx.commit()?;
            Ok(added)
        })
        .await
}

/// The codes of the villages stored; a village's slug depends on the region chosen (a
/// namesake elsewhere lengthens it), its code does not.
fn known_codes(tx: &rusqlite::Transaction<'_>) -> Result<HashSet<String>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT json_extract(doc, '$.code') FROM villages WHERE json_extract(doc, '$.code') IS NOT NULL",
    )?;
    let codes = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    Ok(codes)
}

pub(super) async fn village_exists(store: &SqliteStore, slug: String) -> Result<bool, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached("SELECT 1 FROM villages WHERE slug = ?1")?
                .exists([slug])?)
        })
        .await
}

/// Writes the catalog's partners and partnerships (with one row per covered village, which
/// the foreign keys check) in the caller's transaction.
fn insert_partnerships(
    tx: &rusqlite::Transaction<'_>,
    catalog: &Catalog,
) -> Result<(), StoreError> {
    for p in &catalog.partners {
        tx.execute(
            "INSERT OR REPLACE INTO partners (slug, doc) VALUES (?1, ?2)",
            params![p.slug, to_json(p)?],
        )?;
    }
    for ship in &catalog.partnerships {
        tx.execute(
            "INSERT INTO partnerships (id, partner_slug, status, doc) VALUES (?1, ?2, ?3, ?4)",
            params![
                ship.id,
                ship.partner_slug,
                partnership_status_text(ship.status),
                to_json(ship)?
            ],
        )?;
        for v in &ship.village_slugs {
            tx.execute(
                "INSERT OR IGNORE INTO partnership_villages (partnership_id, village_slug)
                 VALUES (?1, ?2)",
                params![ship.id, v],
            )?;
        }
    }
    Ok(())
}
