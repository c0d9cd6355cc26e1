//! The scale-out store: PostgreSQL, shared by any number of identical server replicas.
//!
//! Chosen with `DATABASE_URL=postgres://…`. Everything a request needs lives in the
//! database, not in a replica: sessions, staff sessions, CSRF tokens, inquiry numbers (a
//! sequence), idempotency keys (a unique constraint). A replica may be killed at any moment;
//! a `201` it gave was committed with `synchronous_commit` as the server has it (on by
//! default: on disk).
//!
//! Each call takes a connection from a pool (deadpool). Writes that read before they write
//! lock what they read (`FOR UPDATE`, or a transaction-scoped advisory lock for a rule no
//! constraint can state), because, unlike SQLite's single writer, two replicas really do
//! write at once. PostgreSQL's own group commit batches the fsyncs of concurrent commits,
//! so there is no writer thread here.

mod blobs;
mod changes;
mod cooperative;
mod inquiry;

pub use blobs::PgBlobs;

use std::time::Duration;

use async_trait::async_trait;
use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};
use etalase_model::{Catalog, ListingStatus, Product, Seller};
use serde::de::DeserializeOwned;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;

use super::codec::{parse_doc, parse_status, partnership_status_text, status_text, to_json};
use super::{
    migrations, Account, Actor, Inbox, InboxPage, NewInquiry, NewMemberRecord, PartUpdate,
    SaveOutcome, SessionRecord, StaffAccount, StaffSessionRecord, Store, StoreError, StoreHealth,
    StoredInquiry, TrackedInquiry, UpdateOutcome, UploadRecord,
};
use crate::store::DemandRow;

/// The variable that selects this store: `postgres://user:password@host:port/db`.
pub const DATABASE_URL_ENV: &str = "DATABASE_URL";

/// Connections per replica. Two replicas at the default stay well inside PostgreSQL's
/// default `max_connections` (100); `ETALASE_PG_POOL` changes it.
pub const DEFAULT_POOL_SIZE: usize = 16;

/// How long a request waits for a free connection (or for a new one to open) before it is
/// refused as busy, like SQLite's busy timeout.
pub const POOL_WAIT: Duration = Duration::from_secs(5);

/// The advisory lock the migrating replica holds, so replicas starting together apply each
/// migration once: the others wait, then find nothing left to do.
const MIGRATION_LOCK: i64 = 0x4554_414c_4153_4531; // "ETALASE1"

/// PostgreSQL-backed [`Store`].
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    /// This process's name in catalog notices.
    replica: String,
    /// Bumped when another replica changed the public catalog.
    catalog_changes: tokio::sync::watch::Receiver<u64>,
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(err: tokio_postgres::Error) -> StoreError {
        let cause = match err.as_db_error() {
            Some(db) => format!("{} ({})", db.message(), db.code().code()),
            None => err.to_string(),
        };
        match err.code() {
            Some(code) if *code == SqlState::DISK_FULL => StoreError::Full(cause),
            // Nothing was written and the same request may succeed on a retry.
            Some(code)
                if [
                    SqlState::T_R_SERIALIZATION_FAILURE,
                    SqlState::T_R_DEADLOCK_DETECTED,
                    SqlState::LOCK_NOT_AVAILABLE,
                    SqlState::TOO_MANY_CONNECTIONS,
                    SqlState::ADMIN_SHUTDOWN,
                    SqlState::CANNOT_CONNECT_NOW,
                ]
                .contains(code) =>
            {
                StoreError::Busy(cause)
            }
            // A connection lost mid-call: the server restarts or fails over.
            None if err.is_closed() => StoreError::Busy(cause),
            _ => StoreError::Database(cause),
        }
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(err: deadpool_postgres::PoolError) -> StoreError {
        match err {
            deadpool_postgres::PoolError::Backend(e) => e.into(),
            deadpool_postgres::PoolError::Timeout(_) => {
                StoreError::Busy(format!("no database connection within {POOL_WAIT:?}"))
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/db`), applies pending
    /// migrations under the migration lock, and proves a query answers.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let pool_size = std::env::var("ETALASE_PG_POOL")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_POOL_SIZE);
        PgStore::connect_with(url, pool_size).await
    }

    /// [`PgStore::connect`] with the pool size chosen by the caller.
    pub async fn connect_with(url: &str, pool_size: usize) -> Result<PgStore, StoreError> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Database(format!("invalid DATABASE_URL: {e}")))?;
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Database(format!("connection pool: {e}")))?;
        let (changed, catalog_changes) = tokio::sync::watch::channel(0);
        let store = PgStore {
            pool,
            replica: changes::replica_id(),
            catalog_changes,
        };
        // Listening before the first catalog is read, so no change after it is missed.
        let (ready, listening) = tokio::sync::oneshot::channel();
        tokio::spawn(changes::listen(
            config,
            store.replica.clone(),
            changed,
            ready,
        ));
        store.migrate().await?;
        if tokio::time::timeout(POOL_WAIT, listening).await.is_err() {
            tracing::warn!("not yet listening for other replicas' catalog changes");
        }
        Ok(store)
    }

    /// The photo store in the same database, for replicas to share.
    pub fn blobs(&self) -> PgBlobs {
        PgBlobs {
            pool: self.pool.clone(),
        }
    }

    /// Applies every migration above the recorded version, each in its own transaction,
    /// holding the migration lock on one session throughout.
    async fn migrate(&self) -> Result<usize, StoreError> {
        let mut client = self.pool.get().await?;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        let applied = apply_migrations(&mut client).await;
        // A pooled session keeps its advisory locks, so release it even on failure.
        let unlocked = client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await;
        let applied = applied?;
        unlocked?;
        Ok(applied)
    }
}

async fn apply_migrations(client: &mut deadpool_postgres::Object) -> Result<usize, StoreError> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )",
        )
        .await?;
    let current: i32 = client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            &[],
        )
        .await?
        .get(0);
    for (i, sql) in migrations::POSTGRES
        .iter()
        .enumerate()
        .skip(current as usize)
    {
        let version = i + 1;
        let fail = |e: tokio_postgres::Error| StoreError::Migration {
            version,
            reason: StoreError::from(e).to_string(),
        };
        let tx = client.transaction().await.map_err(fail)?;
        tx.batch_execute(sql).await.map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&(version as i32)],
        )
        .await
        .map_err(fail)?;
        tx.commit().await.map_err(fail)?;
        tracing::info!(version, "applied PostgreSQL migration");
    }
    Ok(migrations::POSTGRES.len())
}

/// A read-only transaction that sees one moment, for reads of several queries that must
/// agree with each other (a catalog, an inquiry and its parts).
async fn read_snapshot(
    client: &mut deadpool_postgres::Object,
) -> Result<deadpool_postgres::Transaction<'_>, StoreError> {
    Ok(client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?)
}

/// Runs a `SELECT key, doc::text` query and parses every doc.
async fn load_docs<T: DeserializeOwned>(
    client: &impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<T>, StoreError> {
    client
        .query(sql, params)
        .await?
        .iter()
        .map(|row| parse_doc(row.get(0), row.get(1)))
        .collect()
}

/// A row count as the model counts it.
fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[async_trait]
impl Store for PgStore {
    fn catalog_changes(&self) -> Option<tokio::sync::watch::Receiver<u64>> {
        Some(self.catalog_changes.clone())
    }

    async fn health(&self) -> Result<StoreHealth, StoreError> {
        let client = self.pool.get().await?;
        let version: i32 = client
            .query_one(
                "SELECT coalesce(max(version), 0) FROM schema_migrations",
                &[],
            )
            .await?
            .get(0);
        Ok(StoreHealth {
            engine: "postgres",
            schema_version: version as usize,
        })
    }

    async fn seed_catalog_if_empty(&self, catalog: Catalog) -> Result<bool, StoreError> {
        let mut client = self.pool.get().await?;
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

    async fn load_public_catalog(&self) -> Result<Catalog, StoreError> {
        let mut client = self.pool.get().await?;
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
        let products = load_docs(
            &tx,
            "SELECT id, doc::text FROM products WHERE status = $1 ORDER BY seq",
            &[&status_text(ListingStatus::Published)],
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
        })
    }

    async fn village_exists(&self, slug: String) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
        Ok(client
            .query_opt("SELECT 1 FROM villages WHERE slug = $1", &[&slug])
            .await?
            .is_some())
    }

    async fn create_account(
        &self,
        seller: Seller,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute(
            "INSERT INTO sellers (id, village_slug, doc) VALUES ($1, $2, $3::text::jsonb)",
            &[&seller.id, &seller.village_slug, &to_json(&seller)?],
        )
        .await?;
        // The unique number decides, also between two replicas signing up the same number
        // at once; the loser's seller row goes with its rolled-back transaction.
        let added = tx
            .execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES ($1, $2, $3)
                 ON CONFLICT (whatsapp) DO NOTHING",
                &[&seller.id, &seller.whatsapp, &password_hash],
            )
            .await?;
        if added != 1 {
            return Ok(false);
        }
        // The public catalog lists every seller.
        changes::notify(&tx, None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn attach_account(
        &self,
        seller_id: String,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
        let added = client
            .execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&seller_id, &whatsapp, &password_hash],
            )
            .await?;
        Ok(added == 1)
    }

    async fn account_by_whatsapp(&self, whatsapp: String) -> Result<Option<Account>, StoreError> {
        let client = self.pool.get().await?;
        Ok(client
            .query_opt(
                "SELECT seller_id, password_hash FROM accounts WHERE whatsapp = $1",
                &[&whatsapp],
            )
            .await?
            .map(|r| Account {
                seller_id: r.get(0),
                password_hash: r.get(1),
            }))
    }

    async fn create_session(
        &self,
        token_hash: String,
        session: SessionRecord,
    ) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client
            .execute(
                "INSERT INTO sessions (token_hash, seller_id, csrf_token, expires_at)
                 VALUES ($1, $2, $3, $4)",
                &[
                    &token_hash,
                    &session.seller_id,
                    &session.csrf_token,
                    &session.expires_at,
                ],
            )
            .await?;
        Ok(())
    }

    async fn session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        let client = self.pool.get().await?;
        let stmt = client
            .prepare_cached(
                "SELECT seller_id, csrf_token, expires_at FROM sessions
                 WHERE token_hash = $1 AND expires_at > $2",
            )
            .await?;
        Ok(client
            .query_opt(&stmt, &[&token_hash, &now])
            .await?
            .map(|r| SessionRecord {
                seller_id: r.get(0),
                csrf_token: r.get(1),
                expires_at: r.get(2),
            }))
    }

    async fn delete_session(&self, token_hash: String) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client
            .execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])
            .await?;
        Ok(())
    }

    async fn seller(&self, id: String) -> Result<Option<Seller>, StoreError> {
        let client = self.pool.get().await?;
        Ok(load_docs(
            &client,
            "SELECT id, doc::text FROM sellers WHERE id = $1",
            &[&id],
        )
        .await?
        .pop())
    }

    async fn seller_listings(&self, seller_id: String) -> Result<Vec<Product>, StoreError> {
        let client = self.pool.get().await?;
        load_docs(
            &client,
            "SELECT id, doc::text FROM products WHERE seller_id = $1
             ORDER BY updated_at DESC, seq DESC",
            &[&seller_id],
        )
        .await
    }

    async fn save_listing(
        &self,
        product: Product,
        actor: Actor,
    ) -> Result<SaveOutcome, StoreError> {
        let mut client = self.pool.get().await?;
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
        cooperative::record_listing_event(&tx, &product.id, &actor, product.status).await?;
        if product.status == ListingStatus::Published || previous == Some(ListingStatus::Published)
        {
            changes::notify(&tx, Some(&self.replica)).await?;
        }
        tx.commit().await?;
        Ok(SaveOutcome::Saved {
            previous,
            created: product.created,
        })
    }

    async fn listing_history(
        &self,
        seller_id: String,
        product_id: String,
    ) -> Result<Vec<ListingChange>, StoreError> {
        let client = self.pool.get().await?;
        cooperative::listing_history(&client, &seller_id, &product_id).await
    }

    async fn create_staff(
        &self,
        profile: StaffProfile,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
        cooperative::create_staff(&client, &profile, &whatsapp, &password_hash).await
    }

    async fn staff_by_whatsapp(
        &self,
        whatsapp: String,
    ) -> Result<Option<StaffAccount>, StoreError> {
        let client = self.pool.get().await?;
        cooperative::staff_by_whatsapp(&client, &whatsapp).await
    }

    async fn staff(&self, id: String) -> Result<Option<StaffProfile>, StoreError> {
        let client = self.pool.get().await?;
        cooperative::staff(&client, &id).await
    }

    async fn create_staff_session(
        &self,
        token_hash: String,
        session: StaffSessionRecord,
    ) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        cooperative::create_staff_session(&client, &token_hash, &session).await
    }

    async fn staff_session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<StaffSessionRecord>, StoreError> {
        let client = self.pool.get().await?;
        cooperative::staff_session(&client, &token_hash, now).await
    }

    async fn delete_staff_session(&self, token_hash: String) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client
            .execute(
                "DELETE FROM staff_sessions WHERE token_hash = $1",
                &[&token_hash],
            )
            .await?;
        Ok(())
    }

    async fn add_member(&self, member: NewMemberRecord) -> Result<bool, StoreError> {
        let mut client = self.pool.get().await?;
        cooperative::add_member(&mut client, &member).await
    }

    async fn join_cooperative(&self, seller_ids: Vec<String>) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        cooperative::join_cooperative(&client, &seller_ids).await
    }

    async fn membership(&self, seller_id: String) -> Result<Option<Membership>, StoreError> {
        let client = self.pool.get().await?;
        cooperative::membership(&client, &seller_id).await
    }

    async fn cooperative_members(&self, cooperative: String) -> Result<Vec<Member>, StoreError> {
        let client = self.pool.get().await?;
        cooperative::cooperative_members(&client, &cooperative).await
    }

    async fn claim_member(
        &self,
        claim_token_hash: String,
        password_hash: String,
    ) -> Result<Option<String>, StoreError> {
        let mut client = self.pool.get().await?;
        cooperative::claim_member(&mut client, &claim_token_hash, &password_hash).await
    }

    async fn set_operator_may_act(
        &self,
        seller_id: String,
        allowed: bool,
    ) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
        let changed = client
            .execute(
                "UPDATE memberships SET operator_may_act = $2 WHERE seller_id = $1",
                &[&seller_id, &allowed],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn record_upload(&self, upload: UploadRecord) -> Result<(), StoreError> {
        let client = self.pool.get().await?;
        client
            .execute(
                "INSERT INTO uploads (sha256, seller_id, bytes, width, height, good_photo)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
                &[
                    &upload.sha256,
                    &upload.seller_id,
                    &i64::try_from(upload.bytes).unwrap_or(i64::MAX),
                    &i32::try_from(upload.width).unwrap_or(i32::MAX),
                    &i32::try_from(upload.height).unwrap_or(i32::MAX),
                    &upload.good_photo,
                ],
            )
            .await?;
        Ok(())
    }

    async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError> {
        let mut client = self.pool.get().await?;
        inquiry::create(&mut client, &inquiry).await
    }

    async fn inquiry_by_token(&self, token: String) -> Result<Option<TrackedInquiry>, StoreError> {
        let mut client = self.pool.get().await?;
        inquiry::by_token(&mut client, &token).await
    }

    async fn seller_inbox(&self, seller_id: String, page: InboxPage) -> Result<Inbox, StoreError> {
        let mut client = self.pool.get().await?;
        inquiry::seller_inbox(&mut client, &seller_id, &page).await
    }

    async fn mark_part_read(
        &self,
        seller_id: String,
        reference: String,
    ) -> Result<bool, StoreError> {
        let client = self.pool.get().await?;
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

    async fn update_part(&self, update: PartUpdate) -> Result<UpdateOutcome, StoreError> {
        let mut client = self.pool.get().await?;
        inquiry::update_part(&mut client, &update).await
    }

    async fn photo_verdicts(&self) -> Result<Vec<(String, bool)>, StoreError> {
        let client = self.pool.get().await?;
        Ok(client
            .query(
                "SELECT sha256, good_photo FROM uploads WHERE good_photo IS NOT NULL",
                &[],
            )
            .await?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    async fn demand_rows(&self) -> Result<Vec<DemandRow>, StoreError> {
        let client = self.pool.get().await?;
        inquiry::demand_rows(&client).await
    }
}
