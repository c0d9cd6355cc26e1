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
//!
//! The `Store` methods live by topic (`accounts`, `catalog`, `listings`, `cooperative`,
//! `inquiries`, `inbox`, `insights`, `uploads`; the same names as SQLite's), each a function
//! of the store that the trait impl below calls. This file keeps the pool and the
//! migrations; `changes` tells the other replicas of catalog changes, `blobs` is the shared
//! photo store.

mod accounts;
mod blobs;
mod catalog;
mod changes;
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
mod uploads;

pub use blobs::PgBlobs;

use std::time::Duration;

use async_trait::async_trait;
use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use etalase_model::api::{ModerationQueue, StaffAccountView};
use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};
use etalase_model::district::CooperativeDetails;
use etalase_model::idm::IdmRecord;
use etalase_model::moderation::{AuditEntry, ListingHold, Notice, Report, Verification};
use etalase_model::{Catalog, Partner, Partnership, Product, Seller, Village};
use serde::de::DeserializeOwned;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;

use super::codec::parse_doc;

use super::{
    migrations, Account, Actor, AnswerOutcome, AuditActor, ClaimedNotice, DemandRow, ExpiredPart,
    FailedNotice, Inbox, InboxPage, InviteRecord, NewInquiry, NewMemberRecord, NewQuote,
    NoticeOutcome, OpenPart, PartUpdate, PartnershipRefusal, PushSubscriptionRecord, QuoteAnswer,
    SaveOutcome, SessionRecord, StaffAccount, StaffSessionRecord, Store, StoreError, StoreHealth,
    StoredInquiry, TrackedInquiry, UpdateOutcome, UploadRecord,
};

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
