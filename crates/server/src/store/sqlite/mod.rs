//! The embedded default store: one SQLite file in the data directory, in WAL mode.
//!
//! rusqlite is synchronous. Writes go to one thread that owns the write connection
//! ([`writer`]): it commits the inquiries that arrive together in one transaction (group
//! commit: one fsync for many acknowledged inquiries) and runs every other write between
//! those commits. Reads run on Tokio's blocking pool on a second connection behind a mutex;
//! WAL lets them, and readers of other processes (backups), proceed while the writer commits.
//!
//! `ETALASE_GROUP_COMMIT=0` (or `off`) turns group commit off: every call, inquiries included,
//! then runs on the one mutex-guarded connection with a transaction (and an fsync) of its own,
//! as before group commit. It exists as the in-run reference of the inquiry benchmark
//! (`cargo xtask bench-server`); nothing else should need it.

mod cooperative;
mod writer;

pub use writer::{GroupCommitStats, MAX_BATCH};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use etalase_model::inquiry::InquiryStatus;
use etalase_model::{Catalog, ListingStatus, Product, Seller, Village};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::de::DeserializeOwned;

use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};

use super::codec::{
    parse_doc, parse_inquiry_status, parse_status, partnership_status_text, status_text, to_json,
};
use super::{
    migrations, next_status, Account, Actor, BuyerPart, DemandRow, Inbox, InboxPage, InboxPart,
    NewInquiry, NewMemberRecord, PartEvent, PartUpdate, SaveOutcome, SessionRecord, StaffAccount,
    StaffSessionRecord, Store, StoreError, StoreHealth, StoredInquiry, TrackedInquiry,
    UpdateOutcome, UploadRecord,
};

/// SQLite's spelling of "now" in the one timestamp format the schema uses.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "etalase.sqlite3";

/// SQLite-backed [`Store`].
#[derive(Clone)]
pub struct SqliteStore {
    /// Reads; with group commit off, writes too.
    conn: Arc<Mutex<Connection>>,
    /// The single writer thread; `None` when group commit is off.
    writer: Option<writer::Writer>,
    path: PathBuf,
}

/// The environment variable that turns group commit off (`0`, `off`, `false` or `no`).
/// Read once, when the store opens; unset means on.
pub const GROUP_COMMIT_ENV: &str = "ETALASE_GROUP_COMMIT";

/// How long a write waits for another process's lock (a backup, a maintenance shell)
/// before the request is refused as busy.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let extended = match &err {
            rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
            _ => 0,
        };
        let cause = format!("{err} (code {extended})");
        match err.sqlite_error_code() {
            // SQLite says FULL for ENOSPC and for a short write; a write refused outright
            // for a quota (EDQUOT) or a file-size limit (EFBIG) comes back as IOERR_WRITE.
            // A failing disk does too: the log keeps the code, the client learns that
            // nothing was stored.
            Some(ErrorCode::DiskFull) => StoreError::Full(cause),
            _ if extended == rusqlite::ffi::SQLITE_IOERR_WRITE => StoreError::Full(cause),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy(cause),
            _ => StoreError::Database(cause),
        }
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations.
    /// Group commit is on unless [`GROUP_COMMIT_ENV`] turns it off.
    pub fn open(data_dir: &Path) -> Result<SqliteStore, StoreError> {
        let off = std::env::var(GROUP_COMMIT_ENV).is_ok_and(|v| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "0" | "off" | "false" | "no"
            )
        });
        if off {
            tracing::warn!(
                "{GROUP_COMMIT_ENV}={}: group commit is off, one transaction per write",
                std::env::var(GROUP_COMMIT_ENV).unwrap_or_default()
            );
        }
        SqliteStore::open_with(data_dir, !off)
    }

    /// [`SqliteStore::open`] with group commit chosen by the caller, not the environment.
    pub fn open_with(data_dir: &Path, group_commit: bool) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            StoreError::Database(format!(
                "cannot create data dir {}: {e}",
                data_dir.display()
            ))
        })?;
        // SQLite would open a read-only directory's database read-only and fail on the
        // first write; say what is wrong before serving anything.
        let probe = data_dir.join(".write-test");
        std::fs::write(&probe, b"")
            .and_then(|()| std::fs::remove_file(&probe))
            .map_err(|e| {
                StoreError::Database(format!(
                    "data dir {} is not writable: {e}",
                    data_dir.display()
                ))
            })?;
        let path = data_dir.join(DB_FILE);
        let mut conn = connect(&path)?;
        migrate(&mut conn)?;
        let writer = if group_commit {
            let conn = connect(&path)?;
            // Each inquiry of a group commit has its own savepoint, and SQLite copies every
            // page a savepoint changes into a sub-journal, which spills to a temp file past
            // 64 KB unless temp storage is in memory; that file's writes were a quarter of
            // the writer's time. The sub-journal only serves ROLLBACK TO inside an open
            // transaction, so durability is untouched.
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            Some(writer::Writer::start(conn)?)
        } else {
            None
        };
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
            writer,
            path,
        })
    }

    /// What group commit has done so far; `None` when it is off.
    pub fn group_commit_stats(&self) -> Option<GroupCommitStats> {
        self.writer.as_ref().map(writer::Writer::stats)
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

    /// Runs a write: on the writer thread, between group commits; with group commit off,
    /// like a read. `f` opens and commits its own transaction.
    async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        match &self.writer {
            Some(writer) => writer.exec(f).await,
            None => self.with_conn(f).await,
        }
    }
}

/// One connection with the settings every connection of the store needs (`synchronous`,
/// `foreign_keys` and the busy timeout are per connection).
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    // WAL: readers never block the writer. synchronous=FULL: a commit is on disk when it
    // returns, so an acknowledged write survives a power cut, not just a crash.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Begins a transaction that will write. IMMEDIATE takes the write lock first, so waiting
/// for another process's lock honours the busy timeout: a DEFERRED transaction that has
/// read first cannot wait for the lock (SQLite answers BUSY at once, to avoid a deadlock),
/// and a locked database turned every such write into an instant 503.
fn write_transaction(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
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
        let tx = write_transaction(conn).map_err(fail)?;
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
        self.write(move |conn| {
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

    async fn load_public_catalog(&self) -> Result<Catalog, StoreError> {
        self.with_conn(|conn| {
            let villages = load_docs(conn, "SELECT slug, doc FROM villages ORDER BY slug", [])?;
            let mut sellers: Vec<Seller> =
                load_docs(conn, "SELECT id, doc FROM sellers ORDER BY id", [])?;
            // Whom a seller sells through is the memberships' to say, not the document's.
            let mut via = cooperative::cooperative_names(conn)?;
            for seller in &mut sellers {
                seller.cooperative = via.remove(&seller.id);
            }
            let products = load_docs(
                conn,
                "SELECT id, doc FROM products WHERE status = ?1 ORDER BY rowid",
                [status_text(ListingStatus::Published)],
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
        self.write(move |conn| {
            let tx = write_transaction(conn)?;
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
        self.write(move |conn| {
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
        self.write(move |conn| {
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
        self.write(move |conn| {
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

    async fn save_listing(
        &self,
        product: Product,
        actor: Actor,
    ) -> Result<SaveOutcome, StoreError> {
        self.write(move |conn| {
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
            cooperative::record_listing_event(&tx, &product.id, &actor, product.status)?;
            tx.commit()?;
            Ok(SaveOutcome::Saved {
                previous,
                created: product.created,
            })
        })
        .await
    }

    async fn listing_history(
        &self,
        seller_id: String,
        product_id: String,
    ) -> Result<Vec<ListingChange>, StoreError> {
        self.with_conn(move |conn| cooperative::listing_history(conn, &seller_id, &product_id))
            .await
    }

    async fn create_staff(
        &self,
        profile: StaffProfile,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        self.write(move |conn| cooperative::create_staff(conn, &profile, &whatsapp, &password_hash))
            .await
    }

    async fn staff_by_whatsapp(
        &self,
        whatsapp: String,
    ) -> Result<Option<StaffAccount>, StoreError> {
        self.with_conn(move |conn| cooperative::staff_by_whatsapp(conn, &whatsapp))
            .await
    }

    async fn staff(&self, id: String) -> Result<Option<StaffProfile>, StoreError> {
        self.with_conn(move |conn| cooperative::staff(conn, &id))
            .await
    }

    async fn create_staff_session(
        &self,
        token_hash: String,
        session: StaffSessionRecord,
    ) -> Result<(), StoreError> {
        self.write(move |conn| cooperative::create_staff_session(conn, &token_hash, &session))
            .await
    }

    async fn staff_session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<StaffSessionRecord>, StoreError> {
        self.with_conn(move |conn| cooperative::staff_session(conn, &token_hash, now))
            .await
    }

    async fn delete_staff_session(&self, token_hash: String) -> Result<(), StoreError> {
        self.write(move |conn| {
            conn.execute(
                "DELETE FROM staff_sessions WHERE token_hash = ?1",
                [token_hash],
            )?;
            Ok(())
        })
        .await
    }

    async fn add_member(&self, member: NewMemberRecord) -> Result<bool, StoreError> {
        self.write(move |conn| cooperative::add_member(conn, &member))
            .await
    }

    async fn join_cooperative(&self, seller_ids: Vec<String>) -> Result<(), StoreError> {
        self.write(move |conn| cooperative::join_cooperative(conn, &seller_ids))
            .await
    }

    async fn membership(&self, seller_id: String) -> Result<Option<Membership>, StoreError> {
        self.with_conn(move |conn| cooperative::membership(conn, &seller_id))
            .await
    }

    async fn cooperative_members(&self, cooperative: String) -> Result<Vec<Member>, StoreError> {
        self.with_conn(move |conn| cooperative::cooperative_members(conn, &cooperative))
            .await
    }

    async fn claim_member(
        &self,
        claim_token_hash: String,
        password_hash: String,
    ) -> Result<Option<String>, StoreError> {
        self.write(move |conn| cooperative::claim_member(conn, &claim_token_hash, &password_hash))
            .await
    }

    async fn set_operator_may_act(
        &self,
        seller_id: String,
        allowed: bool,
    ) -> Result<bool, StoreError> {
        self.write(move |conn| cooperative::set_operator_may_act(conn, &seller_id, allowed))
            .await
    }

    async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError> {
        match &self.writer {
            Some(writer) => writer.create_inquiry(inquiry).await,
            None => {
                self.with_conn(move |conn| {
                    let tx = write_transaction(conn)?;
                    let stored = insert_inquiry(&tx, &inquiry)?;
                    tx.commit()?;
                    Ok(stored)
                })
                .await
            }
        }
    }

    async fn inquiry_by_token(&self, token: String) -> Result<Option<TrackedInquiry>, StoreError> {
        self.with_conn(move |conn| {
            let found: Option<(i64, String, String, String, String)> = conn
                .prepare_cached(
                    "SELECT id, reference, kind, created_at, doc FROM inquiries
                     WHERE tracking_token = ?1",
                )?
                .query_row([token], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()?;
            let Some((id, reference, kind, created_at, doc)) = found else {
                return Ok(None);
            };
            type Row = (
                String,
                String,
                String,
                String,
                Option<String>,
                Option<String>,
            );
            let rows: Vec<Row> = conn
                .prepare_cached(
                    "SELECT p.seller_id, p.status, p.items, p.updated_at, s.doc, v.doc
                     FROM inquiry_parts p
                     LEFT JOIN sellers s ON s.id = p.seller_id
                     LEFT JOIN villages v ON v.slug = s.village_slug
                     WHERE p.inquiry_id = ?1 ORDER BY p.rowid",
                )?
                .query_map([id], |r| {
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
            let parts = rows
                .into_iter()
                .map(|(seller_id, status, items, updated_at, seller, village)| {
                    let seller: Option<Seller> =
                        seller.map(|d| parse_doc(&seller_id, &d)).transpose()?;
                    let village: Option<Village> =
                        village.map(|d| parse_doc(&seller_id, &d)).transpose()?;
                    Ok(BuyerPart {
                        events: part_events(conn, id, &seller_id)?,
                        seller_id,
                        seller,
                        village_name: village.map(|v| v.name),
                        status,
                        items,
                        updated_at,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(Some(TrackedInquiry {
                reference,
                kind,
                created_at,
                doc,
                parts,
            }))
        })
        .await
    }

    async fn seller_inbox(&self, seller_id: String, page: InboxPage) -> Result<Inbox, StoreError> {
        self.with_conn(move |conn| {
            // One read transaction, so the counts and the page are of one moment even when
            // the group-commit writer (its own connection) commits an inquiry in between.
            let conn = conn.transaction()?;
            let unread: u32 = conn
                .prepare_cached(
                    "SELECT count(*) FROM inquiry_parts WHERE seller_id = ?1 AND read_at IS NULL",
                )?
                .query_row([&seller_id], |r| r.get(0))?;
            let counted: Vec<(String, u32)> = conn
                .prepare_cached(
                    "SELECT status, count(*) FROM inquiry_parts WHERE seller_id = ?1
                     GROUP BY status",
                )?
                .query_map([&seller_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            // One beyond the page says whether more follow; -1 is SQLite's "no limit".
            let fetch = page.limit.map_or(-1, |l| i64::from(l) + 1);
            let ids: Vec<i64> = conn
                .prepare_cached(
                    "SELECT p.inquiry_id FROM inquiry_parts p
                     JOIN inquiries i ON i.id = p.inquiry_id
                     WHERE p.seller_id = ?1 AND (?2 IS NULL OR p.status = ?2)
                       AND (?3 IS NULL OR (i.created_at, i.id) <
                            (SELECT c.created_at, c.id FROM inquiries c
                             JOIN inquiry_parts cp ON cp.inquiry_id = c.id AND cp.seller_id = ?1
                             WHERE c.reference = ?3))
                     ORDER BY i.created_at DESC, i.id DESC
                     LIMIT ?4",
                )?
                .query_map(
                    params![seller_id, page.status.map(|s| s.slug()), page.before, fetch],
                    |r| r.get(0),
                )?
                .collect::<Result<_, _>>()?;
            let parts = ids
                .into_iter()
                .map(|id| inbox_part(&conn, id, &seller_id))
                .collect::<Result<Vec<_>, StoreError>>()?;
            conn.commit()?;
            Ok(Inbox::from_rows(unread, counted, parts, page.limit))
        })
        .await
    }

    async fn mark_part_read(
        &self,
        seller_id: String,
        reference: String,
    ) -> Result<bool, StoreError> {
        self.write(move |conn| {
            let changed = conn.execute(
                &format!(
                    "UPDATE inquiry_parts SET read_at = coalesce(read_at, {NOW})
                     WHERE seller_id = ?1
                       AND inquiry_id = (SELECT id FROM inquiries WHERE reference = ?2)"
                ),
                params![seller_id, reference],
            )?;
            Ok(changed == 1)
        })
        .await
    }

    async fn update_part(&self, update: PartUpdate) -> Result<UpdateOutcome, StoreError> {
        self.write(move |conn| {
            // IMMEDIATE takes the write lock before the read, so the status checked is the
            // status written over, even with another process on the same file.
            let tx = write_transaction(conn)?;
            let found: Option<(i64, String)> = tx
                .prepare_cached(
                    "SELECT p.inquiry_id, p.status FROM inquiry_parts p
                     JOIN inquiries i ON i.id = p.inquiry_id
                     WHERE i.reference = ?1 AND p.seller_id = ?2",
                )?
                .query_row(params![update.reference, update.seller_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let Some((id, current)) = found else {
                return Ok(UpdateOutcome::NotFound);
            };
            let current = parse_inquiry_status(&update.reference, &current)?;
            let next = match next_status(current, update.status, update.reply.is_some()) {
                Ok(next) => next,
                Err(illegal) => return Ok(UpdateOutcome::Illegal(illegal)),
            };
            let at: String =
                tx.query_row(&format!("SELECT coalesce(?1, {NOW})"), [&update.at], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "INSERT INTO inquiry_events
                   (inquiry_id, seller_id, at, actor, from_status, to_status, reply)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    update.seller_id,
                    at,
                    update.actor,
                    next.map(|_| current.slug()),
                    next.map(InquiryStatus::slug),
                    update.reply
                ],
            )?;
            tx.execute(
                "UPDATE inquiry_parts
                 SET status = coalesce(?3, status), updated_at = ?4,
                     read_at = coalesce(read_at, ?4)
                 WHERE inquiry_id = ?1 AND seller_id = ?2",
                params![id, update.seller_id, next.map(InquiryStatus::slug), at],
            )?;
            let part = inbox_part(&tx, id, &update.seller_id)?;
            tx.commit()?;
            Ok(UpdateOutcome::Updated(part))
        })
        .await
    }

    async fn demand_rows(&self) -> Result<Vec<DemandRow>, StoreError> {
        self.with_conn(|conn| {
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

    async fn photo_verdicts(&self) -> Result<Vec<(String, bool)>, StoreError> {
        self.with_conn(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT sha256, good_photo FROM uploads WHERE good_photo IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn record_upload(&self, upload: UploadRecord) -> Result<(), StoreError> {
        self.write(move |conn| {
            conn.execute(
                "INSERT INTO uploads (sha256, seller_id, bytes, width, height, good_photo)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO NOTHING",
                params![
                    upload.sha256,
                    upload.seller_id,
                    upload.bytes as i64,
                    upload.width,
                    upload.height,
                    upload.good_photo
                ],
            )?;
            Ok(())
        })
        .await
    }
}

/// Writes one inquiry and its parts inside the caller's (already begun) write transaction,
/// or finds the earlier inquiry with the same idempotency key, which may have been written
/// earlier in this very transaction. Commits nothing.
fn insert_inquiry(conn: &Connection, inquiry: &NewInquiry) -> Result<StoredInquiry, StoreError> {
    let earlier: Option<(String, String)> = conn
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
    let next: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM inquiries")?
        .query_row([], |r| r.get(0))?;
    let reference = etalase_model::inquiry::format_reference(
        inquiry.kind,
        inquiry.year,
        u32::try_from(next).unwrap_or(u32::MAX),
    );
    conn.prepare_cached(
        "INSERT INTO inquiries
           (id, reference, kind, idempotency_key, tracking_token, doc, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                 coalesce(?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
    )?
    .execute(params![
        next,
        reference,
        inquiry.kind.slug(),
        inquiry.idempotency_key,
        inquiry.tracking_token,
        inquiry.doc,
        inquiry.created_at
    ])?;
    let mut part = conn.prepare_cached(
        "INSERT INTO inquiry_parts (inquiry_id, seller_id, status, items, updated_at)
         SELECT ?1, ?2, 'new', ?3, created_at FROM inquiries WHERE id = ?1",
    )?;
    for (seller_id, items) in &inquiry.parts {
        part.execute(params![next, seller_id, items])?;
    }
    Ok(StoredInquiry {
        reference,
        tracking_token: inquiry.tracking_token.clone(),
        created: true,
    })
}

/// One seller's part of inquiry `id`, with its history.
fn inbox_part(conn: &Connection, id: i64, seller_id: &str) -> Result<InboxPart, StoreError> {
    let mut part = conn
        .prepare_cached(
            "SELECT i.reference, i.kind, i.created_at, i.doc, p.status, p.items,
                    p.read_at IS NOT NULL, p.updated_at
             FROM inquiry_parts p JOIN inquiries i ON i.id = p.inquiry_id
             WHERE p.inquiry_id = ?1 AND p.seller_id = ?2",
        )?
        .query_row(params![id, seller_id], |r| {
            Ok(InboxPart {
                reference: r.get(0)?,
                kind: r.get(1)?,
                created_at: r.get(2)?,
                doc: r.get(3)?,
                status: r.get(4)?,
                items: r.get(5)?,
                read: r.get(6)?,
                updated_at: r.get(7)?,
                events: Vec::new(),
            })
        })?;
    part.events = part_events(conn, id, seller_id)?;
    Ok(part)
}

/// A part's history, oldest first.
fn part_events(conn: &Connection, id: i64, seller_id: &str) -> Result<Vec<PartEvent>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT at, actor, from_status, to_status, reply FROM inquiry_events
             WHERE inquiry_id = ?1 AND seller_id = ?2 ORDER BY at, id",
        )?
        .query_map(params![id, seller_id], |r| {
            Ok(PartEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                from_status: r.get(2)?,
                to_status: r.get(3)?,
                reply: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
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

/// What is SQLite's own: WAL, migrations from old schemas, group commit, a panicking write,
/// an unwritable directory. The behaviour every engine shares is tested once for all of them
/// in `tests/store_suite.rs`.
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

    /// A database from before cooperatives (schema 5) keeps who sells through a cooperative:
    /// the sellers whose document named one become its members, able to be acted for.
    #[tokio::test]
    async fn sellers_of_schema_5_that_named_a_cooperative_become_members() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
            for (i, sql) in migrations::SQLITE.iter().take(5).enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", i + 1).unwrap();
            }
            let tx = conn.transaction().unwrap();
            tx.execute_batch(
                r#"INSERT INTO villages VALUES ('sepatin', '{"cooperative": "Koperasi Desa Merah Putih Sepatin"}');
                 INSERT INTO sellers VALUES ('via', 'sepatin', '{"cooperative": "Koperasi Desa Merah Putih Sepatin"}');
                 INSERT INTO sellers VALUES ('alone', 'sepatin', '{"cooperative": null}');"#,
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let store = SqliteStore::open(dir.path()).unwrap();
        let via = store.membership("via".into()).await.unwrap().unwrap();
        assert_eq!(via.cooperative, "sepatin");
        assert!(via.operator_may_act && !via.claimed);
        assert_eq!(store.membership("alone".into()).await.unwrap(), None);
    }

    /// A database from before the inbox (schema 4, with an inquiry in it) opens, gains the
    /// events table and shows its old part as unread and new.
    #[tokio::test]
    async fn an_inquiry_from_schema_4_reaches_the_inbox() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
            for (i, sql) in migrations::SQLITE.iter().take(4).enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", i + 1).unwrap();
            }
            let tx = conn.transaction().unwrap();
            tx.execute_batch(
                "INSERT INTO villages VALUES ('sepatin', '{}');
                 INSERT INTO sellers VALUES ('s1', 'sepatin', '{}');
                 INSERT INTO inquiries (id, reference, kind, idempotency_key, tracking_token, doc)
                   VALUES (1, 'PQ-2026-000001', 'purchase', 'k', 't', '{\"items\":[]}');
                 INSERT INTO inquiry_parts (inquiry_id, seller_id, status, items)
                   VALUES (1, 's1', 'new', '[]');",
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let store = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(
            store.health().await.unwrap().schema_version,
            migrations::SQLITE.len()
        );
        let inbox = store
            .seller_inbox("s1".into(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(inbox.unread, 1);
        assert_eq!(inbox.parts[0].reference, "PQ-2026-000001");
        assert!(inbox.parts[0].events.is_empty());
    }

    /// A purchase inquiry with one part per seller in `sellers`.
    fn inquiry(key: &str, token: &str, sellers: &[&str]) -> NewInquiry {
        NewInquiry {
            kind: etalase_model::InquiryKind::Purchase,
            year: 2026,
            idempotency_key: key.into(),
            tracking_token: token.into(),
            doc: format!(r#"{{"organisation":"{key}","items":[]}}"#),
            parts: sellers
                .iter()
                .map(|s| ((*s).to_string(), r#"[{"product_id":"x"}]"#.to_string()))
                .collect(),
            created_at: None,
        }
    }

    /// Inquiries that arrive while the writer is busy are committed together; in that one
    /// transaction a bad inquiry fails alone, and a repeated key finds its first copy.
    #[tokio::test]
    async fn one_group_commit_keeps_each_outcome_apart() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_with(dir.path(), true).unwrap();
        let demo = etalase_model::demo_catalog();
        store.seed_catalog_if_empty(demo.clone()).await.unwrap();
        let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());

        // Hold the writer until every inquiry below is queued behind it.
        let (release, held) = std::sync::mpsc::channel::<()>();
        let writer = store.writer.clone().unwrap();
        let blocker = tokio::spawn(async move {
            writer
                .exec(move |_| {
                    held.recv().ok();
                    Ok(())
                })
                .await
        });
        let jobs = vec![
            inquiry("good-0001", "token-good-0001", &[a, b]),
            inquiry("good-0002", "token-good-0002", &[a]),
            // A part for a seller that does not exist: the foreign key refuses it.
            inquiry("bad-seller-0001", "token-bad-0001", &[a, "tidak-ada"]),
            inquiry("dup-key-0001", "token-dup-first", &[b]),
            inquiry("good-0003", "token-good-0003", &[b, a]),
            // The same key again, in the same batch: the first copy, not a second row.
            inquiry("dup-key-0001", "token-dup-second", &[b]),
            // A tracking token already used in this batch: a unique constraint.
            inquiry("bad-token-0001", "token-good-0001", &[a]),
            inquiry("good-0004", "token-good-0004", &[a]),
        ];
        let tasks: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let store = store.clone();
                tokio::spawn(async move { store.create_inquiry(job).await })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        release.send(()).unwrap();
        blocker.await.unwrap().unwrap();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }

        let stats = store.group_commit_stats().unwrap();
        assert_eq!(
            (stats.batches, stats.largest_batch),
            (1, 8),
            "all eight in one transaction: {stats:?}"
        );
        let ok = |i: usize| outcomes[i].as_ref().unwrap().clone();
        for i in [0, 1, 4, 7] {
            assert!(ok(i).created, "{i}");
        }
        let err = outcomes[2].as_ref().unwrap_err();
        assert!(
            matches!(err, StoreError::Database(m) if m.contains("FOREIGN KEY")),
            "{err}"
        );
        let err = outcomes[6].as_ref().unwrap_err();
        assert!(
            matches!(err, StoreError::Database(m) if m.contains("UNIQUE")),
            "{err}"
        );
        let (first, second) = (ok(3), ok(5));
        assert!(first.created && !second.created);
        assert_eq!(first.reference, second.reference);
        assert_eq!(second.tracking_token, "token-dup-first");

        // On disk: the five good ones, whole, numbered without gaps; nothing of the bad.
        let mut references: Vec<String> = [0, 1, 3, 4, 7].map(|i| ok(i).reference).to_vec();
        references.sort();
        references.dedup();
        assert_eq!(references.len(), 5, "distinct references");
        let (rows, parts, bad): (i64, i64, i64) = store
            .with_conn(|c| {
                Ok(c.query_row(
                    "SELECT (SELECT count(*) FROM inquiries),
                            (SELECT count(*) FROM inquiry_parts),
                            (SELECT count(*) FROM inquiries WHERE idempotency_key LIKE 'bad-%')",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?)
            })
            .await
            .unwrap();
        assert_eq!((rows, parts, bad), (5, 2 + 1 + 1 + 2 + 1, 0));
        assert!(store
            .inquiry_by_token("token-bad-0001".into())
            .await
            .unwrap()
            .is_none());
        let tracked = store
            .inquiry_by_token("token-good-0003".into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(tracked.parts.len(), 2);
        assert_eq!(tracked.reference, ok(4).reference);
    }

    /// A panic inside a write is that write's failure only: the writer goes on.
    #[tokio::test]
    async fn a_panicking_write_does_not_stop_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_with(dir.path(), true).unwrap();
        store
            .seed_catalog_if_empty(etalase_model::demo_catalog())
            .await
            .unwrap();
        let writer = store.writer.clone().unwrap();
        let err = writer
            .exec(|conn| -> Result<(), StoreError> {
                let tx = write_transaction(conn)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('half', 'written')",
                    [],
                )?;
                panic!("bug in a write");
            })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Task(_)), "{err}");
        let seller = etalase_model::demo_catalog().sellers[0].id.clone();
        let stored = store
            .create_inquiry(inquiry("after-panic-1", "token-after-panic", &[&seller]))
            .await
            .unwrap();
        assert!(stored.created);
        let half: i64 = store
            .with_conn(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM meta WHERE key = 'half'", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .await
            .unwrap();
        assert_eq!(half, 0, "the panicking write was rolled back");
    }

    /// The reference mode (one transaction per inquiry) keeps the same promises.
    #[tokio::test]
    async fn without_group_commit_inquiries_are_stored_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_with(dir.path(), false).unwrap();
        assert!(store.group_commit_stats().is_none());
        let demo = etalase_model::demo_catalog();
        store.seed_catalog_if_empty(demo.clone()).await.unwrap();
        let a = demo.sellers[0].id.as_str();
        let first = store
            .create_inquiry(inquiry("solo-0001", "token-solo-1", &[a]))
            .await
            .unwrap();
        let again = store
            .create_inquiry(inquiry("solo-0001", "token-solo-2", &[a]))
            .await
            .unwrap();
        assert!(first.created && !again.created);
        assert_eq!(first.reference, again.reference);
        let err = store
            .create_inquiry(inquiry("solo-0002", "token-solo-3", &["tidak-ada"]))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Database(_)), "{err}");
        assert!(store
            .inquiry_by_token("token-solo-3".into())
            .await
            .unwrap()
            .is_none());
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
