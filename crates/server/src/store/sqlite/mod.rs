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
//!
//! The `Store` methods live by topic (`accounts`, `catalog`, `listings`, `cooperative`,
//! `inquiries`, `inbox`, `insights`, `uploads`; the same names as PostgreSQL's), each a
//! function of the store that the trait impl below calls. This file keeps the connections,
//! the writer and the migrations; [`backup`] is the database half of `etalase-server backup`.

mod accounts;
pub mod backup;
mod catalog;
mod cooperative;
mod district;
mod idm;
mod inbox;
mod inquiries;
mod insights;
mod listings;
mod moderation;
mod notices;
mod partnerships;
mod push;
mod quotes;
pub(in crate::store) use quotes::EXPIRED;
mod uploads;
mod writer;

#[cfg(test)]
mod tests;

pub use writer::{GroupCommitStats, MAX_BATCH};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};
use etalase_model::{Catalog, Partner, Partnership, Product, Seller, Village};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::de::DeserializeOwned;

use etalase_model::api::{ModerationQueue, StaffAccountView};
use etalase_model::district::CooperativeDetails;
use etalase_model::idm::IdmRecord;
use etalase_model::moderation::{AuditEntry, ListingHold, Notice, Report, Verification};

use super::{
    migrations, Account, Actor, AnswerOutcome, AuditActor, ClaimedNotice, DemandRow, ExpiredPart,
    FailedNotice, Inbox, InboxPage, InviteRecord, NewInquiry, NewMemberRecord, NewQuote,
    NoticeOutcome, OpenPart, PartUpdate, PartnershipRefusal, PushSubscriptionRecord, QuoteAnswer,
    SaveOutcome, SessionRecord, StaffAccount, StaffSessionRecord, Store, StoreError, StoreHealth,
    StoredInquiry, TrackedInquiry, UpdateOutcome, UploadRecord,
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
    // Foreign keys are off while migrating, so a migration can rebuild a table others
    // refer to (SQLite's way to change a constraint), and checked before each commit, so
    // none commits a dangling reference. The pragma is a no-op inside a transaction, hence
    // out here.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let applied = apply_migrations(conn, current);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    applied
}

fn apply_migrations(conn: &mut Connection, current: usize) -> Result<usize, StoreError> {
    for (i, sql) in migrations::SQLITE.iter().enumerate().skip(current) {
        let version = i + 1;
        let fail = |e: rusqlite::Error| StoreError::Migration {
            version,
            reason: e.to_string(),
        };
        let tx = write_transaction(conn).map_err(fail)?;
        tx.execute_batch(sql).map_err(fail)?;
        let dangling: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()
            .map_err(fail)?;
        if let Some(table) = dangling {
            return Err(StoreError::Migration {
                version,
                reason: format!("a row of {table} refers to a missing row"),
            });
        }
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
        catalog::seed_catalog_if_empty(self, catalog).await
    }

    async fn load_public_catalog(&self) -> Result<Catalog, StoreError> {
        catalog::load_public_catalog(self).await
    }

    async fn add_missing_villages(&self, villages: Vec<Village>) -> Result<usize, StoreError> {
        catalog::add_missing_villages(self, villages).await
    }

    async fn village_exists(&self, slug: String) -> Result<bool, StoreError> {
        catalog::village_exists(self, slug).await
    }

    async fn create_account(
        &self,
        seller: Seller,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        accounts::create_account(self, seller, password_hash).await
    }

    async fn attach_account(
        &self,
        seller_id: String,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        accounts::attach_account(self, seller_id, whatsapp, password_hash).await
    }

    async fn account_by_whatsapp(&self, whatsapp: String) -> Result<Option<Account>, StoreError> {
        accounts::account_by_whatsapp(self, whatsapp).await
    }

    async fn create_session(
        &self,
        token_hash: String,
        session: SessionRecord,
    ) -> Result<(), StoreError> {
        accounts::create_session(self, token_hash, session).await
    }

    async fn session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        accounts::session(self, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: String) -> Result<(), StoreError> {
        accounts::delete_session(self, token_hash).await
    }

    async fn seller(&self, id: String) -> Result<Option<Seller>, StoreError> {
        accounts::seller(self, id).await
    }

    async fn seller_listings(&self, seller_id: String) -> Result<Vec<Product>, StoreError> {
        listings::seller_listings(self, seller_id).await
    }

    async fn save_listing(
        &self,
        product: Product,
        actor: Actor,
    ) -> Result<SaveOutcome, StoreError> {
        listings::save_listing(self, product, actor).await
    }

    async fn listing_history(
        &self,
        seller_id: String,
        product_id: String,
    ) -> Result<Vec<ListingChange>, StoreError> {
        listings::listing_history(self, seller_id, product_id).await
    }

    async fn create_staff(
        &self,
        profile: StaffProfile,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError> {
        accounts::create_staff(self, profile, whatsapp, password_hash).await
    }

    async fn staff_by_whatsapp(
        &self,
        whatsapp: String,
    ) -> Result<Option<StaffAccount>, StoreError> {
        accounts::staff_by_whatsapp(self, whatsapp).await
    }

    async fn staff(&self, id: String) -> Result<Option<StaffProfile>, StoreError> {
        accounts::staff(self, id).await
    }

    async fn create_staff_session(
        &self,
        token_hash: String,
        session: StaffSessionRecord,
    ) -> Result<(), StoreError> {
        accounts::create_staff_session(self, token_hash, session).await
    }

    async fn staff_session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<StaffSessionRecord>, StoreError> {
        accounts::staff_session(self, token_hash, now).await
    }

    async fn delete_staff_session(&self, token_hash: String) -> Result<(), StoreError> {
        accounts::delete_staff_session(self, token_hash).await
    }

    async fn add_member(&self, member: NewMemberRecord) -> Result<bool, StoreError> {
        cooperative::add_member(self, member).await
    }

    async fn join_cooperative(&self, seller_ids: Vec<String>) -> Result<(), StoreError> {
        cooperative::join_cooperative(self, seller_ids).await
    }

    async fn membership(&self, seller_id: String) -> Result<Option<Membership>, StoreError> {
        cooperative::membership(self, seller_id).await
    }

    async fn cooperative_members(&self, cooperative: String) -> Result<Vec<Member>, StoreError> {
        cooperative::cooperative_members(self, cooperative).await
    }

    async fn claim_member(
        &self,
        claim_token_hash: String,
        password_hash: String,
    ) -> Result<Option<String>, StoreError> {
        cooperative::claim_member(self, claim_token_hash, password_hash).await
    }

    async fn set_operator_may_act(
        &self,
        seller_id: String,
        allowed: bool,
    ) -> Result<bool, StoreError> {
        cooperative::set_operator_may_act(self, seller_id, allowed).await
    }

    async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError> {
        inquiries::create_inquiry(self, inquiry).await
    }

    async fn inquiry_by_token(&self, token: String) -> Result<Option<TrackedInquiry>, StoreError> {
        inquiries::inquiry_by_token(self, token).await
    }

    async fn seller_inbox(&self, seller_id: String, page: InboxPage) -> Result<Inbox, StoreError> {
        inbox::seller_inbox(self, seller_id, page).await
    }

    async fn mark_part_read(
        &self,
        seller_id: String,
        reference: String,
    ) -> Result<bool, StoreError> {
        inbox::mark_part_read(self, seller_id, reference).await
    }

    async fn update_part(&self, update: PartUpdate) -> Result<UpdateOutcome, StoreError> {
        inbox::update_part(self, update).await
    }

    async fn send_quote(&self, quote: NewQuote) -> Result<UpdateOutcome, StoreError> {
        quotes::send_quote(self, quote).await
    }

    async fn answer_quote(&self, answer: QuoteAnswer) -> Result<AnswerOutcome, StoreError> {
        quotes::answer_quote(self, answer).await
    }

    async fn first_answers(
        &self,
        since: String,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        quotes::first_answers(self, since).await
    }

    async fn open_parts(&self) -> Result<Vec<OpenPart>, StoreError> {
        quotes::open_parts(self).await
    }

    async fn expire_part(&self, part: ExpiredPart) -> Result<bool, StoreError> {
        quotes::expire_part(self, part).await
    }

    async fn claim_notices(
        &self,
        now_ms: i64,
        lease_ms: i64,
        limit: usize,
    ) -> Result<Vec<ClaimedNotice>, StoreError> {
        notices::claim_notices(self, now_ms, lease_ms, limit).await
    }

    async fn finish_notice(
        &self,
        id: i64,
        attempt: u32,
        outcome: NoticeOutcome,
    ) -> Result<(), StoreError> {
        notices::finish_notice(self, id, attempt, outcome).await
    }

    async fn failed_notices(&self, limit: usize) -> Result<Vec<FailedNotice>, StoreError> {
        notices::failed_notices(self, limit).await
    }

    async fn notice_email(&self, seller_id: String) -> Result<Option<String>, StoreError> {
        notices::notice_email(self, seller_id).await
    }

    async fn set_notice_email(
        &self,
        seller_id: String,
        email: Option<String>,
    ) -> Result<(), StoreError> {
        notices::set_notice_email(self, seller_id, email).await
    }

    async fn staff_notice_email(&self, staff_id: String) -> Result<Option<String>, StoreError> {
        notices::staff_notice_email(self, staff_id).await
    }

    async fn set_staff_notice_email(
        &self,
        staff_id: String,
        email: Option<String>,
    ) -> Result<(), StoreError> {
        notices::set_staff_notice_email(self, staff_id, email).await
    }

    async fn server_secret(&self, name: String, candidate: String) -> Result<String, StoreError> {
        push::server_secret(self, name, candidate).await
    }

    async fn push_subscriptions(
        &self,
        seller_id: String,
    ) -> Result<Vec<PushSubscriptionRecord>, StoreError> {
        push::push_subscriptions(self, seller_id).await
    }

    async fn save_push_subscription(
        &self,
        seller_id: String,
        subscription: PushSubscriptionRecord,
    ) -> Result<(), StoreError> {
        push::save_push_subscription(self, seller_id, subscription).await
    }

    async fn remove_push_subscription(
        &self,
        seller_id: Option<String>,
        endpoint: String,
    ) -> Result<bool, StoreError> {
        push::remove_push_subscription(self, seller_id, endpoint).await
    }

    async fn demand_rows(&self) -> Result<Vec<DemandRow>, StoreError> {
        insights::demand_rows(self).await
    }

    async fn photo_verdicts(&self) -> Result<Vec<(String, bool)>, StoreError> {
        uploads::photo_verdicts(self).await
    }

    async fn staff_accounts(&self) -> Result<Vec<StaffAccountView>, StoreError> {
        moderation::staff_accounts(self).await
    }

    async fn set_staff_active(
        &self,
        staff_id: String,
        active: bool,
        by: AuditActor,
    ) -> Result<bool, StoreError> {
        moderation::set_staff_active(self, staff_id, active, by).await
    }

    async fn verify_seller(
        &self,
        seller_id: String,
        verification: Option<Verification>,
        by: AuditActor,
    ) -> Result<Option<Seller>, StoreError> {
        moderation::verify_seller(self, seller_id, verification, by).await
    }

    async fn report_listing(&self, product_id: String, report: Report) -> Result<bool, StoreError> {
        moderation::report_listing(self, product_id, report).await
    }

    async fn moderation_queue(&self) -> Result<ModerationQueue, StoreError> {
        moderation::moderation_queue(self).await
    }

    async fn hold_listing(
        &self,
        product_id: String,
        reason: Notice,
        by: AuditActor,
    ) -> Result<bool, StoreError> {
        moderation::hold_listing(self, product_id, reason, by).await
    }

    async fn release_listing(
        &self,
        product_id: String,
        by: AuditActor,
    ) -> Result<bool, StoreError> {
        moderation::release_listing(self, product_id, by).await
    }

    async fn dismiss_reports(&self, product_id: String, by: AuditActor) -> Result<u32, StoreError> {
        moderation::dismiss_reports(self, product_id, by).await
    }

    async fn seller_holds(&self, seller_id: String) -> Result<Vec<ListingHold>, StoreError> {
        moderation::seller_holds(self, seller_id).await
    }

    async fn request_review(
        &self,
        seller_id: String,
        product_id: String,
    ) -> Result<bool, StoreError> {
        moderation::request_review(self, seller_id, product_id).await
    }

    async fn suspend_seller(
        &self,
        seller_id: String,
        reason: Option<Notice>,
        by: AuditActor,
    ) -> Result<bool, StoreError> {
        moderation::suspend_seller(self, seller_id, reason, by).await
    }

    async fn suspension(&self, seller_id: String) -> Result<Option<Notice>, StoreError> {
        moderation::suspension(self, seller_id).await
    }

    async fn import_idm(&self, records: Vec<IdmRecord>, by: AuditActor) -> Result<u32, StoreError> {
        idm::import_idm(self, records, by).await
    }

    async fn save_idm(&self, record: IdmRecord, by: AuditActor) -> Result<bool, StoreError> {
        idm::save_idm(self, record, by).await
    }

    async fn idm_history(&self, village_code: String) -> Result<Vec<IdmRecord>, StoreError> {
        idm::idm_history(self, village_code).await
    }

    async fn save_cooperative(
        &self,
        village_slug: String,
        details: CooperativeDetails,
        by: AuditActor,
    ) -> Result<Option<Village>, StoreError> {
        district::save_cooperative(self, village_slug, details, by).await
    }

    async fn create_invite(
        &self,
        invite: InviteRecord,
        by: AuditActor,
    ) -> Result<bool, StoreError> {
        district::create_invite(self, invite, by).await
    }

    async fn invite(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<InviteRecord>, StoreError> {
        district::invite(self, token_hash, now).await
    }

    async fn claim_invite(
        &self,
        token_hash: String,
        now: i64,
        id: String,
        password_hash: String,
    ) -> Result<Option<StaffProfile>, StoreError> {
        district::claim_invite(self, token_hash, now, id, password_hash).await
    }

    async fn save_partner(&self, partner: Partner, by: AuditActor) -> Result<Partner, StoreError> {
        partnerships::save_partner(self, partner, by).await
    }

    async fn save_partnership(
        &self,
        partnership: Partnership,
        by: AuditActor,
    ) -> Result<Result<Partnership, PartnershipRefusal>, StoreError> {
        partnerships::save_partnership(self, partnership, by).await
    }

    async fn end_partnership(
        &self,
        id: String,
        end_year: u16,
        by: AuditActor,
    ) -> Result<Result<Partnership, PartnershipRefusal>, StoreError> {
        partnerships::end_partnership(self, id, end_year, by).await
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        moderation::audit_log(self, limit).await
    }

    async fn record_upload(&self, upload: UploadRecord) -> Result<(), StoreError> {
        uploads::record_upload(self, upload).await
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
