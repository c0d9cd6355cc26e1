//! The catalog: seeding an empty database, what buyers see, and villages.

use std::collections::HashSet;

use etalase_model::{Catalog, Seller, Village};

use super::{changes, cooperative, load_docs, moderation, read_snapshot, PgStore};
use crate::store::codec::{partnership_status_text, status_text, to_json};
use crate::store::{is_known, StoreError};

pub(super) async fn seed_catalog_if_empty(
    store: &PgStore,
    catalog: Catalog,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    // Replicas starting together on an empty database: one seeds, the others wait here
    // and then find products.
    tx.batch_execute("LOCK TABLE products IN EXCLUSIVE MODE")
        .await?;
    let products: i64 = tx
        .query_one("SELECT count(*) FROM products", &[])
        .await?
        .get(0);
    if products > 0 {
        return Ok(false);
    }
    for v in &catalog.villages {
        tx.execute(
            "INSERT INTO villages (slug, doc) VALUES ($1, $2::text::jsonb)
             ON CONFLICT (slug) DO UPDATE SET doc = excluded.doc",
            &[&v.slug, &to_json(v)?],
        )
        .await?;
    }
    for s in &catalog.sellers {
        tx.execute(
            "INSERT INTO sellers (id, village_slug, doc) VALUES ($1, $2, $3::text::jsonb)
             ON CONFLICT (id) DO UPDATE SET village_slug = excluded.village_slug,
               doc = excluded.doc",
            &[&s.id, &s.village_slug, &to_json(s)?],
        )
        .await?;
    }
    // One statement for all products (10,000 in the benchmarks' catalog); `unnest`
    // keeps the catalog's order, which `seq` then records.
    let mut ids = Vec::with_capacity(catalog.products.len());
    let mut sellers = Vec::with_capacity(catalog.products.len());
    let mut statuses = Vec::with_capacity(catalog.products.len());
    let mut docs = Vec::with_capacity(catalog.products.len());
    for p in &catalog.products {
        ids.push(p.id.clone());
        sellers.push(p.seller_id.clone());
        statuses.push(status_text(p.status).to_owned());
        docs.push(to_json(p)?);
    }
    tx.execute(
        "INSERT INTO products (id, seller_id, status, doc)
         SELECT id, seller_id, status, doc::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
              AS t(id, seller_id, status, doc, n)
         ORDER BY n",
        &[&ids, &sellers, &statuses, &docs],
    )
    .await?;
    for p in &catalog.partners {
        tx.execute(
            "INSERT INTO partners (slug, doc) VALUES ($1, $2::text::jsonb)
             ON CONFLICT (slug) DO UPDATE SET doc = excluded.doc",
            &[&p.slug, &to_json(p)?],
        )
        .await?;
    }
    for ship in &catalog.partnerships {
        tx.execute(
            "INSERT INTO partnerships (id, partner_slug, status, doc)
             VALUES ($1, $2, $3, $4::text::jsonb)",
            &[
                &ship.id,
                &ship.partner_slug,
                &partnership_status_text(ship.status),
                &to_json(ship)?,
            ],
        )
        .await?;
        for v in &ship.village_slugs {
            tx.execute(
                "INSERT INTO partnership_villages (partnership_id, village_slug)
                 VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&ship.id, v],
            )
            .await?;
        }
    }
    changes::notify(&tx, None).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn load_public_catalog(store: &PgStore) -> Result<Catalog, StoreError> {
    let mut client = store.pool.get().await?;
    // One snapshot for the whole read, so a catalog never mixes two moments.
    let tx = read_snapshot(&mut client).await?;
    let villages = load_docs(
        &tx,
        "SELECT slug, doc::text FROM villages ORDER BY slug",
        &[],
    )
    .await?;
    let mut sellers: Vec<Seller> =
        load_docs(&tx, "SELECT id, doc::text FROM sellers ORDER BY id", &[]).await?;
    // Whom a seller sells through is the memberships' to say, not the document's.
    let mut via = cooperative::cooperative_names(&tx).await?;
    for seller in &mut sellers {
        seller.cooperative = via.remove(&seller.id);
    }
    let suspended: HashSet<String> = tx
        .query("SELECT seller_id FROM suspensions", &[])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    sellers.retain(|s| !suspended.contains(&s.id));
    let products = load_docs(
        &tx,
        &format!(
            "SELECT p.id, p.doc::text FROM products p WHERE {} ORDER BY p.seq",
            moderation::PUBLIC_PRODUCT
        ),
        &[],
    )
    .await?;
    let partners = load_docs(
        &tx,
        "SELECT slug, doc::text FROM partners ORDER BY slug",
        &[],
    )
    .await?;
    let partnerships = load_docs(
        &tx,
        "SELECT id, doc::text FROM partnerships ORDER BY seq",
        &[],
    )
    .await?;
    tx.commit().await?;
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
}

pub(super) async fn add_missing_villages(
    store: &PgStore,
    villages: Vec<Village>,
) -> Result<usize, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let known: HashSet<String> = tx
        .query("SELECT doc->>'code' FROM villages WHERE doc ? 'code'", &[])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut added = 0;
    for v in villages.iter().filter(|v| !is_known(&known, v)) {
        added += tx
            .execute(
                "INSERT INTO villages (slug, doc) VALUES ($1, $2::text::jsonb)
                 ON CONFLICT (slug) DO NOTHING",
                &[&v.slug, &to_json(v)?],
            )
            .await? as usize;
    }
    if added > 0 {
        // Villages are in the public catalog: the other replicas rebuild theirs.
        changes::notify(&tx, None).await?;
    }
    tx.commit().await?;
    Ok(added)
}

pub(super) async fn village_exists(store: &PgStore, slug: String) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt("SELECT 1 FROM villages WHERE slug = $1", &[&slug])
        .await?
        .is_some())
}
