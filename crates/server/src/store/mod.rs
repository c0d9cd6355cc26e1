//! Durable storage behind one interface.
//!
//! Handlers hold an `Arc<dyn Store>`; the embedded SQLite implementation is the default
//! ([`sqlite::SqliteStore`]). A PostgreSQL implementation plugs in by implementing the same
//! trait, so nothing above this module names a database.

mod codec;
pub mod migrations;
pub mod postgres;
mod records;
pub mod sqlite;

use async_trait::async_trait;

use etalase_model::api::{ModerationQueue, StaffAccountView};
use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};
use etalase_model::district::CooperativeDetails;
use etalase_model::idm::IdmRecord;
use etalase_model::moderation::{AuditEntry, ListingHold, Notice, Report, Verification};
use etalase_model::{Catalog, Partner, Partnership, Product, Seller, Village};
pub use records::{
    next_status, Account, Actor, AnswerOutcome, AuditActor, BuyerPart, ClaimedNotice, DemandLine,
    DemandRow, ExpiredPart, FailedNotice, Inbox, InboxPage, InboxPart, InviteRecord, NewInquiry,
    NewMemberRecord, NewNotice, NewQuote, NoticeChannel, NoticeOutcome, OpenPart, PartEvent,
    PartUpdate, PartnershipRefusal, PushSubscriptionRecord, QuoteAnswer, SaveOutcome,
    SessionRecord, StaffAccount, StaffSessionRecord, StoreHealth, StoredInquiry, StoredQuote,
    TrackedInquiry, UpdateOutcome, UploadRecord,
};

/// Browsers one seller receives push notices in, at most (a phone, a tablet, a laptop…);
/// subscribing another drops the oldest.
pub const PUSH_DEVICES_MAX: usize = 5;

/// A failure of the storage layer, categorised for the HTTP edge. `Clone`, because one
/// failed commit answers every request that shared it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, read or written (read-only, corrupt, I/O error…).
    #[error("database error: {0}")]
    Database(String),
    /// The disk, a quota or the process's file-size limit left no room for the write (or
    /// the disk refused it); nothing of it was committed. Reads still work.
    #[error("storage full: {0}")]
    Full(String),
    /// Another process held the database's write lock for longer than the store waits;
    /// nothing was written, and the same request may be retried.
    #[error("database busy: {0}")]
    Busy(String),
    /// A migration failed; the server must not start on a half-migrated schema.
    #[error("migration {version} failed: {reason}")]
    Migration { version: usize, reason: String },
    /// A stored document no longer parses as the model type (a bug or manual edit).
    #[error("corrupt stored document {id}: {reason}")]
    Corrupt { id: String, reason: String },
    /// A blocking task panicked or was cancelled.
    #[error("storage task failed: {0}")]
    Task(String),
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Changes to the public catalog made by other processes sharing this database; the
    /// value is bumped once per change (or per moment changes may have been missed). `None`
    /// when this process is the only writer, as with the embedded SQLite file.
    fn catalog_changes(&self) -> Option<tokio::sync::watch::Receiver<u64>> {
        None
    }

    /// Proves the database answers a query now (not just that it was opened once).
    async fn health(&self) -> Result<StoreHealth, StoreError>;

    /// Inserts `catalog` (villages, sellers, products) if the store has no products yet, in
    /// one transaction. Returns whether it seeded.
    async fn seed_catalog_if_empty(&self, catalog: Catalog) -> Result<bool, StoreError>;

    /// Everything a buyer may see: all villages and sellers, and the published products in
    /// a stable order. `version` and `fx` are left for the snapshot to fill in.
    async fn load_public_catalog(&self) -> Result<Catalog, StoreError>;

    /// Inserts every village whose code and slug the store does not have yet, leaving the
    /// ones it has as they are (the district's edits, the demo's stories, and the slug it was
    /// first known by); all in one transaction.
    /// Returns how many were added. Run at every start with the region's gazetteer, so a new
    /// edition of the data adds villages without touching known ones.
    async fn add_missing_villages(&self, villages: Vec<Village>) -> Result<usize, StoreError>;

    /// Whether `slug` names a village in the catalog.
    async fn village_exists(&self, slug: String) -> Result<bool, StoreError>;

    /// Creates a seller and their account in one transaction. `Ok(false)` if the WhatsApp
    /// number already has an account (nothing is written).
    async fn create_account(
        &self,
        seller: Seller,
        password_hash: String,
    ) -> Result<bool, StoreError>;

    /// Gives an existing seller (e.g. from the demo catalog) a sign-in. `Ok(false)` if the
    /// seller already has an account or the number is taken.
    async fn attach_account(
        &self,
        seller_id: String,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError>;

    /// The account registered under a normalised (`+62…`) WhatsApp number.
    async fn account_by_whatsapp(&self, whatsapp: String) -> Result<Option<Account>, StoreError>;

    async fn create_session(
        &self,
        token_hash: String,
        session: SessionRecord,
    ) -> Result<(), StoreError>;

    /// The session for a token hash, unless it expired before `now` (Unix seconds).
    async fn session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<SessionRecord>, StoreError>;

    async fn delete_session(&self, token_hash: String) -> Result<(), StoreError>;

    async fn seller(&self, id: String) -> Result<Option<Seller>, StoreError>;

    /// All of a seller's listings, drafts included, newest change first.
    async fn seller_listings(&self, seller_id: String) -> Result<Vec<Product>, StoreError>;

    /// Inserts or replaces `product` if it is new or already belongs to
    /// `product.seller_id`; the ownership check, the write and the history entry naming
    /// `actor` are one transaction.
    async fn save_listing(&self, product: Product, actor: Actor)
        -> Result<SaveOutcome, StoreError>;

    /// The saves of a seller's listing, oldest first; empty if it is not theirs.
    async fn listing_history(
        &self,
        seller_id: String,
        product_id: String,
    ) -> Result<Vec<ListingChange>, StoreError>;

    /// Creates an operator or facilitator. `Ok(false)` if the number is taken.
    async fn create_staff(
        &self,
        profile: StaffProfile,
        whatsapp: String,
        password_hash: String,
    ) -> Result<bool, StoreError>;

    async fn staff_by_whatsapp(&self, whatsapp: String)
        -> Result<Option<StaffAccount>, StoreError>;

    async fn staff(&self, id: String) -> Result<Option<StaffProfile>, StoreError>;

    async fn create_staff_session(
        &self,
        token_hash: String,
        session: StaffSessionRecord,
    ) -> Result<(), StoreError>;

    /// The staff session for a token hash, unless it expired before `now` (Unix seconds).
    async fn staff_session(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<StaffSessionRecord>, StoreError>;

    async fn delete_staff_session(&self, token_hash: String) -> Result<(), StoreError>;

    /// Creates a member's seller row and membership in one transaction. `Ok(false)` if any
    /// seller or account already has the number (nothing is written).
    async fn add_member(&self, member: NewMemberRecord) -> Result<bool, StoreError>;

    /// Makes each seller a member of their village's cooperative if they are not one yet
    /// (demo data; an existing member keeps their consent as it is). One transaction.
    async fn join_cooperative(&self, seller_ids: Vec<String>) -> Result<(), StoreError>;

    async fn membership(&self, seller_id: String) -> Result<Option<Membership>, StoreError>;

    /// A cooperative's members by name, with their listing counts.
    async fn cooperative_members(&self, cooperative: String) -> Result<Vec<Member>, StoreError>;

    /// Gives the member whose claim token hashes to `claim_token_hash` an account with
    /// `password_hash`, and forgets the token: a link works once. The member's seller id, or
    /// `None` for an unknown or used token.
    async fn claim_member(
        &self,
        claim_token_hash: String,
        password_hash: String,
    ) -> Result<Option<String>, StoreError>;

    /// Sets a member's consent to be acted for; `Ok(false)` if the seller is no member.
    async fn set_operator_may_act(
        &self,
        seller_id: String,
        allowed: bool,
    ) -> Result<bool, StoreError>;

    /// Every staff account, admins first, then by name.
    async fn staff_accounts(&self) -> Result<Vec<StaffAccountView>, StoreError>;

    /// Deactivates (ending every session of theirs at once) or reactivates a staff
    /// account, recorded in the audit log. `Ok(false)` if there is no such account.
    async fn set_staff_active(
        &self,
        staff_id: String,
        active: bool,
        by: AuditActor,
    ) -> Result<bool, StoreError>;

    /// Sets or withdraws a seller's verification, recorded in the audit log. The seller
    /// as now published, or `None` if there is no such seller.
    async fn verify_seller(
        &self,
        seller_id: String,
        verification: Option<Verification>,
        by: AuditActor,
    ) -> Result<Option<Seller>, StoreError>;

    /// Files a visitor's report on a listing. `Ok(false)` unless the listing is in the
    /// public catalog (published, not hidden, its seller not suspended).
    async fn report_listing(&self, product_id: String, report: Report) -> Result<bool, StoreError>;

    /// Open reports, hidden listings and suspended sellers, for staff.
    async fn moderation_queue(&self) -> Result<ModerationQueue, StoreError>;

    /// Takes a listing out of the public catalog with a reason (or replaces the reason),
    /// closing its open reports. `Ok(false)` if there is no such listing.
    async fn hold_listing(
        &self,
        product_id: String,
        reason: Notice,
        by: AuditActor,
    ) -> Result<bool, StoreError>;

    /// Puts a hidden listing back. `Ok(false)` if it was not hidden.
    async fn release_listing(&self, product_id: String, by: AuditActor)
        -> Result<bool, StoreError>;

    /// Closes a listing's open reports without hiding it; how many were open.
    async fn dismiss_reports(&self, product_id: String, by: AuditActor) -> Result<u32, StoreError>;

    /// The holds on a seller's own listings.
    async fn seller_holds(&self, seller_id: String) -> Result<Vec<ListingHold>, StoreError>;

    /// The seller asks staff to look at a hidden listing again (after fixing it).
    /// `Ok(false)` unless the listing is theirs and hidden.
    async fn request_review(
        &self,
        seller_id: String,
        product_id: String,
    ) -> Result<bool, StoreError>;

    /// Suspends a seller (their listings leave the catalog, their sessions end) with a
    /// reason, or lifts the suspension with `None`. `Ok(false)` if there is no such seller
    /// or, lifting, no suspension.
    async fn suspend_seller(
        &self,
        seller_id: String,
        reason: Option<Notice>,
        by: AuditActor,
    ) -> Result<bool, StoreError>;

    /// Why a seller is suspended, if they are.
    async fn suspension(&self, seller_id: String) -> Result<Option<Notice>, StoreError>;

    /// Stores IDM figures: every year in `records` is replaced by the rows given for it (a
    /// re-import of a year replaces that year), and each village whose figures changed
    /// shows its latest year's status and score in the catalog. Recorded in the audit log.
    /// How many rows were stored.
    async fn import_idm(&self, records: Vec<IdmRecord>, by: AuditActor) -> Result<u32, StoreError>;

    /// Stores (or replaces) one village's year. `Ok(false)` if no village has the code.
    async fn save_idm(&self, record: IdmRecord, by: AuditActor) -> Result<bool, StoreError>;

    /// A village's IDM years, oldest first.
    async fn idm_history(&self, village_code: String) -> Result<Vec<IdmRecord>, StoreError>;

    /// Sets a village cooperative's details on the village's published document. The
    /// village as now published, or `None` if there is no such village.
    async fn save_cooperative(
        &self,
        village_slug: String,
        details: CooperativeDetails,
        by: AuditActor,
    ) -> Result<Option<Village>, StoreError>;

    /// Stores an invitation. `Ok(false)` if a staff account already has the number.
    async fn create_invite(&self, invite: InviteRecord, by: AuditActor)
        -> Result<bool, StoreError>;

    /// The invitation whose token hashes to `token_hash`, unless used or expired at `now`.
    async fn invite(
        &self,
        token_hash: String,
        now: i64,
    ) -> Result<Option<InviteRecord>, StoreError>;

    /// Turns a valid invitation into a staff account with `password_hash`, once: the
    /// profile, or `None` for an unknown, used or expired link (or a number that has an
    /// account by now).
    async fn claim_invite(
        &self,
        token_hash: String,
        now: i64,
        id: String,
        password_hash: String,
    ) -> Result<Option<StaffProfile>, StoreError>;
    /// Inserts a partner or updates the one with its slug (a known partner keeps its
    /// `demo` flag; a new one is stored as given), recorded in the audit log. The partner
    /// as stored.
    async fn save_partner(&self, partner: Partner, by: AuditActor) -> Result<Partner, StoreError>;

    /// Inserts a partnership or updates the one with its id, replacing its villages (an
    /// updated partnership keeps its place in the catalog's order), recorded in the audit
    /// log. A refusal, with nothing written, if its partner or any village is unknown.
    async fn save_partnership(
        &self,
        partnership: Partnership,
        by: AuditActor,
    ) -> Result<Result<Partnership, PartnershipRefusal>, StoreError>;

    /// Ends a partnership: finished, ending in `end_year`, recorded in the audit log. A
    /// refusal, with nothing written, if there is no such partnership or the year is
    /// before its start (checked against the stored start, in the same transaction).
    async fn end_partnership(
        &self,
        id: String,
        end_year: u16,
        by: AuditActor,
    ) -> Result<Result<Partnership, PartnershipRefusal>, StoreError>;

    /// The latest `limit` staff changes, newest first.
    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;

    /// Records who uploaded a photo file; a repeated upload of the same bytes is a no-op.
    async fn record_upload(&self, upload: UploadRecord) -> Result<(), StoreError>;

    /// Stores an inquiry and its parts atomically, committed to disk before it returns. A
    /// repeated idempotency key returns the first inquiry unchanged, also when both copies
    /// arrive at the same moment. An implementation may commit several callers' inquiries
    /// together (SQLite's group commit does); each caller still gets its own outcome, and an
    /// `Ok` always means "on disk".
    async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError>;

    async fn inquiry_by_token(&self, token: String) -> Result<Option<TrackedInquiry>, StoreError>;

    /// A page of the seller's parts, newest inquiry first, with the inbox's unread and
    /// per-stage counts.
    async fn seller_inbox(&self, seller_id: String, page: InboxPage) -> Result<Inbox, StoreError>;

    /// Marks the seller's part of `reference` read (the first time only). `Ok(false)` if
    /// the seller has no such part.
    async fn mark_part_read(
        &self,
        seller_id: String,
        reference: String,
    ) -> Result<bool, StoreError>;

    /// Applies a seller's answer in one transaction: re-reads the status, checks the move
    /// with [`next_status`], records one event, marks the part read and touches its
    /// `updated_at`.
    async fn update_part(&self, update: PartUpdate) -> Result<UpdateOutcome, StoreError>;

    /// Sends the next revision of a seller's quote for their part of inquiry `reference`
    /// (the part moves to quoted, or stays there), with its event and the buyer's notice.
    async fn send_quote(&self, quote: NewQuote) -> Result<UpdateOutcome, StoreError>;

    /// Records the buyer's answer to a quote, if the part still waits for an answer to
    /// exactly that revision.
    async fn answer_quote(&self, answer: QuoteAnswer) -> Result<AnswerOutcome, StoreError>;

    /// Each part sent at or after `since` (a store timestamp) that its seller has answered:
    /// (seller id, when the inquiry was sent, the seller's first answer). Moves the site made
    /// itself (a lapse) are not answers.
    async fn first_answers(
        &self,
        since: String,
    ) -> Result<Vec<(String, String, String)>, StoreError>;

    /// Every part not yet decided (new, replied, quoted), with its latest quote: the
    /// expiry job applies the model's rule to them.
    async fn open_parts(&self) -> Result<Vec<OpenPart>, StoreError>;

    /// Closes a part as expired (reason `expired`), with its notices, if its stage and
    /// latest revision are still those seen. Whether it did.
    async fn expire_part(&self, part: ExpiredPart) -> Result<bool, StoreError>;

    /// Claims up to `limit` notices due at `now_ms` (Unix milliseconds), oldest first: each
    /// is `sending` until `now_ms + lease_ms`, then due again if its sender never finished
    /// it (killed between sending and marking: the notice is sent again, never lost).
    /// Replicas claim disjoint rows.
    async fn claim_notices(
        &self,
        now_ms: i64,
        lease_ms: i64,
        limit: usize,
    ) -> Result<Vec<ClaimedNotice>, StoreError>;

    /// Records what became of claim `attempt` of notice `id`; a stale claim changes nothing.
    async fn finish_notice(
        &self,
        id: i64,
        attempt: u32,
        outcome: NoticeOutcome,
    ) -> Result<(), StoreError>;

    /// The notices that failed for good, newest first.
    async fn failed_notices(&self, limit: usize) -> Result<Vec<FailedNotice>, StoreError>;

    /// The address a seller gave for notices (`None`: none, so e-mail notices are off).
    async fn notice_email(&self, seller_id: String) -> Result<Option<String>, StoreError>;

    /// Sets or clears it (already checked).
    async fn set_notice_email(
        &self,
        seller_id: String,
        email: Option<String>,
    ) -> Result<(), StoreError>;

    /// The address a cooperative operator gave for their members' new inquiries.
    async fn staff_notice_email(&self, staff_id: String) -> Result<Option<String>, StoreError>;

    /// Sets or clears it (already checked).
    async fn set_staff_notice_email(
        &self,
        staff_id: String,
        email: Option<String>,
    ) -> Result<(), StoreError>;

    /// The server's secret `name` from the `meta` table; on first use `candidate` is stored
    /// and returned (replicas starting together all get the one stored first).
    async fn server_secret(&self, name: String, candidate: String) -> Result<String, StoreError>;

    /// The browsers a seller receives push notices in, newest first.
    async fn push_subscriptions(
        &self,
        seller_id: String,
    ) -> Result<Vec<PushSubscriptionRecord>, StoreError>;

    /// Adds (or renews) a browser for a seller's push notices, keeping their newest
    /// [`PUSH_DEVICES_MAX`]. An endpoint belongs to one seller: the last who subscribed it.
    async fn save_push_subscription(
        &self,
        seller_id: String,
        subscription: PushSubscriptionRecord,
    ) -> Result<(), StoreError>;

    /// Removes a browser: the seller's own (`Some`), or any seller's when the push service
    /// reports it gone (`None`). Whether one was removed.
    async fn remove_push_subscription(
        &self,
        seller_id: Option<String>,
        endpoint: String,
    ) -> Result<bool, StoreError>;

    /// The coach's verdict on every measured uploaded photo, by content hash.
    async fn photo_verdicts(&self) -> Result<Vec<(String, bool)>, StoreError>;

    /// Every seller part, for the demand insights.
    async fn demand_rows(&self) -> Result<Vec<DemandRow>, StoreError>;
}

/// Whether the store already has `village`, by its code (its identity; the slug of the same
/// village differs between regions).
pub(crate) fn is_known(known_codes: &std::collections::HashSet<String>, village: &Village) -> bool {
    village
        .code
        .as_ref()
        .is_some_and(|c| known_codes.contains(c))
}
