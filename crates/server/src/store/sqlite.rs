//! The embedded default store: one SQLite file in the data directory, in WAL mode.
//!
//! rusqlite is synchronous, so every call runs on Tokio's blocking pool. One connection
//! behind a mutex serialises writers, which SQLite does anyway; WAL lets readers of other
//! processes (backups) proceed meanwhile.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use etalase_model::{Catalog, ListingStatus, Product, Seller};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;

use super::{
    migrations, Account, NewInquiry, SaveOutcome, SessionRecord, Store, StoreError, StoreHealth,
    StoredInquiry, TrackedInquiry, UploadRecord,
};

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "etalase.sqlite3";

/// SQLite-backed [`Store`].
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        StoreError::Database(err.to_string())
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations.
    pub fn open(data_dir: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            StoreError::Database(format!(
                "cannot create data dir {}: {e}",
                data_dir.display()
            ))
        })?;
        let path = data_dir.join(DB_FILE);
        let mut conn = Connection::open(&path)?;
        // WAL: readers never block the writer. synchronous=FULL: a commit is on disk when
        // it returns, so an acknowledged write survives a power cut, not just a crash.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
            path,
        })
    }

    /// Where the database file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection on the blocking pool.
    async fn with_conn<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock poisons it; the connection itself is still
            // consistent (SQLite rolled back), so keep using it.
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }
}

/// Applies every migration above the stored `user_version`, each in its own transaction.
fn migrate(conn: &mut Connection) -> Result<usize, StoreError> {
    let current: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (i, sql) in migrations::SQLITE.iter().enumerate().skip(current) {
        let version = i + 1;
        let fail = |e: rusqlite::Error| StoreError::Migration {
            version,
            reason: e.to_string(),
        };
        let tx = conn.transaction().map_err(fail)?;
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
        tracing::info!(version, "applied migration");
    }
    Ok(migrations::SQLITE.len())
}

#[async_trait]
impl Store for SqliteStore {
    async fn health(&self) -> Result<StoreHealth, StoreError> {
        self.with_conn(|conn| {
            let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            conn.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))?;
            Ok(StoreHealth {
                engine: "sqlite",
                schema_version: version,
            })
        })
        .await
    }

    async fn seed_catalog_if_empty(&self, catalog: Catalog) -> Result<bool, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
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
            tx.commit()?;
            Ok(true)
        })
        .await
    }

    async fn load_public_catalog(&self) -> Result<Catalog, StoreError> {
        self.with_conn(|conn| {
            let villages = load_docs(conn, "SELECT slug, doc FROM villages ORDER BY slug", [])?;
            let sellers = load_docs(conn, "SELECT id, doc FROM sellers ORDER BY id", [])?;
            let products = load_docs(
                conn,
                "SELECT id, doc FROM products WHERE status = ?1 ORDER BY rowid",
                [status_text(ListingStatus::Published)],
            )?;
            Ok(Catalog {
                version: String::new(),
                products,
                sellers,
                villages,
                fx: None,
            })
        })
        .await
    }

    async fn village_exists(&self, slug: String) -> Result<bool, StoreError> {
        self.with_conn(move |conn| {
            Ok(conn
                .prepare_cached("SELECT 1 FROM villages WHERE slug = ?1")?
                .exists([slug])?)
        })
        .await
    }

    async fn create_account(
        &self,
        seller: Seller,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let taken = tx
                .prepare_cached("SELECT 1 FROM accounts WHERE whatsapp = ?1")?
                .exists([&seller.whatsapp])?;
            if taken {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO sellers (id, village_slug, doc) VALUES (?1, ?2, ?3)",
                params![seller.id, seller.village_slug, to_json(&seller)?],
            )?;
            tx.execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES (?1, ?2, ?3)",
                params![seller.id, seller.whatsapp, password_hash],
            )?;
            tx.commit()?;
            Ok(true)
        })
        .await
    }

    async fn attach_account(
        &self,
        seller_id: String,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        self.with_conn(move |conn| {
            let added = conn.execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![seller_id, whatsapp, password_hash],
            )?;
            Ok(added == 1)
        })
        .await
    }

    async fn account_by_whatsapp(&self, whatsapp: String) -> Result<Option<Account>, StoreError> {
        self.with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT seller_id, password_hash FROM accounts WHERE whatsapp = ?1",
                )?
                .query_row([whatsapp], |r| {
                    Ok(Account {
                        seller_id: r.get(0)?,
                        password_hash: r.get(1)?,
                    })
                })
                .optional()?)
        })
        .await
    }

    async fn create_session(
        &self,
        token_hash: String,
        session: SessionRecord,
    ) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            conn.execute(
                "INSERT INTO sessions (token_hash, seller_id, csrf_token, expires_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    token_hash,
                    session.seller_id,
                    session.csrf_token,
                    session.expires_at
                ],
            )?;
            Ok(())
        })
        .await
    }

    async fn session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        self.with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT seller_id, csrf_token, expires_at FROM sessions
                     WHERE token_hash = ?1 AND expires_at > ?2",
                )?
                .query_row(params![token_hash, now], |r| {
                    Ok(SessionRecord {
                        seller_id: r.get(0)?,
                        csrf_token: r.get(1)?,
                        expires_at: r.get(2)?,
                    })
                })
                .optional()?)
        })
        .await
    }

    async fn delete_session(&self, token_hash: String) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
            Ok(())
        })
        .await
    }

    async fn seller(&self, id: String) -> Result<Option<Seller>, StoreError> {
        self.with_conn(move |conn| {
            Ok(load_docs(conn, "SELECT id, doc FROM sellers WHERE id = ?1", [id])?.pop())
        })
        .await
    }

    async fn seller_listings(&self, seller_id: String) -> Result<Vec<Product>, StoreError> {
        self.with_conn(move |conn| {
            load_docs(
                conn,
                "SELECT id, doc FROM products WHERE seller_id = ?1
                 ORDER BY updated_at DESC, rowid DESC",
                [seller_id],
            )
        })
        .await
    }

    async fn save_listing(&self, product: Product) -> Result<SaveOutcome, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
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
            tx.commit()?;
            Ok(SaveOutcome::Saved {
                previous,
                created: product.created,
            })
        })
        .await
    }

    async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let earlier: Option<(String, String)> = tx
                .prepare_cached(
                    "SELECT reference, tracking_token FROM inquiries WHERE idempotency_key = ?1",
                )?
                .query_row([&inquiry.idempotency_key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((reference, tracking_token)) = earlier {
                return Ok(StoredInquiry {
                    reference,
                    tracking_token,
                    created: false,
                });
            }
            let next: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM inquiries", [], |r| {
                    r.get(0)
                })?;
            let reference = etalase_model::inquiry::format_reference(
                inquiry.kind,
                inquiry.year,
                u32::try_from(next).unwrap_or(u32::MAX),
            );
            tx.execute(
                "INSERT INTO inquiries (id, reference, kind, idempotency_key, tracking_token, doc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    next,
                    reference,
                    inquiry.kind.slug(),
                    inquiry.idempotency_key,
                    inquiry.tracking_token,
                    inquiry.doc
                ],
            )?;
            for (seller_id, items) in &inquiry.parts {
                tx.execute(
                    "INSERT INTO inquiry_parts (inquiry_id, seller_id, status, items)
                     VALUES (?1, ?2, 'new', ?3)",
                    params![next, seller_id, items],
                )?;
            }
            tx.commit()?;
            Ok(StoredInquiry {
                reference,
                tracking_token: inquiry.tracking_token,
                created: true,
            })
        })
        .await
    }

    async fn inquiry_by_token(&self, token: String) -> Result<Option<TrackedInquiry>, StoreError> {
        self.with_conn(move |conn| {
            let found: Option<(i64, String, String, String)> = conn
                .prepare_cached(
                    "SELECT id, reference, kind, doc FROM inquiries WHERE tracking_token = ?1",
                )?
                .query_row([token], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            let Some((id, reference, kind, doc)) = found else {
                return Ok(None);
            };
            let mut stmt = conn.prepare_cached(
                "SELECT seller_id, status, items FROM inquiry_parts WHERE inquiry_id = ?1
                 ORDER BY rowid",
            )?;
            let parts = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some(TrackedInquiry {
                reference,
                kind,
                doc,
                parts,
            }))
        })
        .await
    }

    async fn record_upload(&self, upload: UploadRecord) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            conn.execute(
                "INSERT INTO uploads (sha256, seller_id, bytes, width, height)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO NOTHING",
                params![
                    upload.sha256,
                    upload.seller_id,
                    upload.bytes as i64,
                    upload.width,
                    upload.height
                ],
            )?;
            Ok(())
        })
        .await
    }
}

fn parse_status(text: &str) -> ListingStatus {
    match text {
        "published" => ListingStatus::Published,
        "unpublished" => ListingStatus::Unpublished,
        _ => ListingStatus::Draft,
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(format!("encoding: {e}")))
}

fn status_text(status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Draft => "draft",
        ListingStatus::Published => "published",
        ListingStatus::Unpublished => "unpublished",
    }
}

/// Runs a `SELECT key, doc` query and parses every doc.
fn load_docs<T: DeserializeOwned, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (id, doc) = row?;
        serde_json::from_str(&doc).map_err(|e| StoreError::Corrupt {
            id,
            reason: e.to_string(),
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn opens_in_wal_mode_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let health = store.health().await.unwrap();
        assert_eq!(health.schema_version, migrations::SQLITE.len());
        let mode: String = store
            .with_conn(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        // Reopening applies nothing twice (a second CREATE TABLE would fail).
        let again = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(
            again.health().await.unwrap().schema_version,
            migrations::SQLITE.len()
        );
        assert!(dir.path().join(DB_FILE).is_file());
    }

    #[tokio::test]
    async fn seeds_once_and_loads_only_published_products() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let demo = etalase_model::demo_catalog();
        assert!(store.seed_catalog_if_empty(demo.clone()).await.unwrap());
        assert!(
            !store.seed_catalog_if_empty(demo.clone()).await.unwrap(),
            "second seed is a no-op"
        );
        let loaded = store.load_public_catalog().await.unwrap();
        let published: Vec<_> = demo
            .products
            .iter()
            .filter(|p| p.status == ListingStatus::Published)
            .collect();
        assert_eq!(loaded.products.len(), published.len());
        assert!(
            loaded.products.len() < demo.products.len(),
            "demo has drafts to hide"
        );
        assert_eq!(
            loaded.products[0], *published[0],
            "documents round-trip unchanged"
        );
        assert_eq!(loaded.villages.len(), demo.villages.len());
        assert_eq!(loaded.sellers.len(), demo.sellers.len());
    }

    #[test]
    fn unwritable_data_dir_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, b"x").unwrap();
        let err = SqliteStore::open(&file.join("data"))
            .err()
            .expect("must fail");
        assert!(err.to_string().contains("cannot create data dir"), "{err}");
    }
}
