//! Durable storage behind one interface.
//!
//! Handlers hold an `Arc<dyn Store>`; the embedded SQLite implementation is the default
//! ([`sqlite::SqliteStore`]). A PostgreSQL implementation plugs in by implementing the same
//! trait, so nothing above this module names a database.

mod codec;
pub mod migrations;
pub mod postgres;
pub mod sqlite;

use async_trait::async_trait;
use etalase_model::cooperative::{ActorKind, ListingChange, Member, Membership, StaffProfile};
use etalase_model::inquiry::{IllegalTransition, InquiryStatus};
use etalase_model::{Catalog, ListingStatus, Product, Seller};

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

/// A seller's sign-in credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub seller_id: String,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// A signed-in browser, found by the SHA-256 of its cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub seller_id: String,
    /// Sent back by the app in a header on every state-changing request.
    pub csrf_token: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A staff member's sign-in credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub profile: StaffProfile,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// A signed-in staff browser, found by the SHA-256 of its cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSessionRecord {
    pub staff_id: String,
    pub csrf_token: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Who is saving a listing, recorded in its history in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    /// Seller or staff id.
    pub id: String,
    /// The name shown in the history.
    pub name: String,
}

/// A member added by an operator, not yet claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMemberRecord {
    pub seller: Seller,
    /// The operator's cooperative (village slug).
    pub cooperative: String,
    pub added_by: String,
    /// SHA-256 of the claim link's token.
    pub claim_token_hash: String,
}

/// A stored photo file, by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub sha256: String,
    pub seller_id: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// Whether the photo coach found nothing to improve; `None` if it did not measure.
    pub good_photo: Option<bool>,
}

/// What saving a listing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Stored; `previous` is the status before (`None` for a new listing), so the caller
    /// knows whether the public catalog changed.
    Saved {
        previous: Option<ListingStatus>,
        /// The listing's creation day (kept from the first save).
        created: etalase_model::Date,
    },
    /// The id belongs to another seller's listing; nothing was written.
    NotOwner,
}

/// An inquiry to store: the form as JSON and one part per seller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInquiry {
    pub kind: etalase_model::InquiryKind,
    /// Reference year (the seq is the row id).
    pub year: u16,
    pub idempotency_key: String,
    /// Unguessable; the buyer's private tracking link.
    pub tracking_token: String,
    pub doc: String,
    /// Seller id and that seller's lines as JSON.
    pub parts: Vec<(String, String)>,
    /// UTC timestamp (`2026-11-23T10:00:00.000Z`); `None` is the moment of the commit. Only
    /// demo data backdates, so the insights have months to show.
    pub created_at: Option<String>,
}

/// A stored inquiry as its sender sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInquiry {
    pub reference: String,
    pub tracking_token: String,
    /// False when the idempotency key had already been used: this is the earlier inquiry.
    pub created: bool,
}

/// An inquiry found by its tracking token.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedInquiry {
    pub reference: String,
    pub kind: String,
    pub created_at: String,
    pub doc: String,
    pub parts: Vec<BuyerPart>,
}

/// One seller's part as the buyer sees it: who answers, where it stands, what was said.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyerPart {
    pub seller_id: String,
    /// `None` only if the seller row is gone (it never is deleted today).
    pub seller: Option<Seller>,
    /// The seller's village by name, for the buyer who does not know the slug.
    pub village_name: Option<String>,
    pub status: String,
    /// The part's lines as JSON.
    pub items: String,
    pub updated_at: String,
    pub events: Vec<PartEvent>,
}

/// One entry of a part's history: a status change, a reply, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartEvent {
    /// UTC, `2026-11-23T10:00:00.000Z`.
    pub at: String,
    /// The acting seller's business name when it happened: history keeps the name the buyer
    /// saw, even if the seller renames later.
    pub actor: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub reply: Option<String>,
}

/// One seller's part of an inquiry, with what the seller needs to answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxPart {
    pub reference: String,
    pub kind: String,
    pub created_at: String,
    /// The buyer's whole form as JSON, every seller's lines included: the HTTP edge keeps
    /// only this seller's ([`InboxPart::items`]).
    pub doc: String,
    pub status: String,
    /// This seller's lines as JSON.
    pub items: String,
    pub read: bool,
    pub updated_at: String,
    /// Oldest first.
    pub events: Vec<PartEvent>,
}

/// Which page of a seller's inbox to read. The default is the whole inbox (the CSV).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxPage {
    /// Only parts at this stage.
    pub status: Option<InquiryStatus>,
    /// Only parts of inquiries older than this one: the last reference of the page before.
    /// A cursor rather than an offset, so an inquiry arriving between two pages neither
    /// repeats a part nor skips one. A reference without a part for this seller gives an
    /// empty page.
    pub before: Option<String>,
    /// At most this many parts.
    pub limit: Option<u32>,
}

impl InboxPage {
    /// The whole inbox at one stage.
    pub fn only(status: InquiryStatus) -> InboxPage {
        InboxPage {
            status: Some(status),
            ..InboxPage::default()
        }
    }
}

/// A page of a seller's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbox {
    /// Unread parts of the whole inbox, whatever the filter: it is the badge on the menu.
    pub unread: u32,
    /// Parts of the whole inbox at each stage, every stage listed (zero included), in
    /// [`InquiryStatus::ALL`]'s order: the filter tabs' counts, whatever page this is.
    pub counts: Vec<(InquiryStatus, u32)>,
    /// Newest inquiry first.
    pub parts: Vec<InboxPart>,
    /// Whether older parts (under the same filter) follow this page.
    pub more: bool,
}

impl Inbox {
    /// Builds the page from up to `limit + 1` parts read (the one beyond the page tells
    /// whether more follow) and the stores' `(status slug, count)` rows.
    pub(crate) fn from_rows(
        unread: u32,
        counted: impl IntoIterator<Item = (String, u32)>,
        mut parts: Vec<InboxPart>,
        limit: Option<u32>,
    ) -> Inbox {
        let counted: Vec<(String, u32)> = counted.into_iter().collect();
        let counts = InquiryStatus::ALL
            .into_iter()
            .map(|s| {
                let n = counted
                    .iter()
                    .filter(|(slug, _)| slug == s.slug())
                    .map(|(_, n)| n)
                    .sum();
                (s, n)
            })
            .collect();
        let more = limit.is_some_and(|l| parts.len() > l as usize);
        if let Some(l) = limit {
            parts.truncate(l as usize);
        }
        Inbox {
            unread,
            counts,
            parts,
            more,
        }
    }
}

/// A seller's answer to their part: a status move, a reply, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartUpdate {
    pub seller_id: String,
    pub reference: String,
    /// The seller's business name, recorded with the event.
    pub actor: String,
    pub status: Option<InquiryStatus>,
    /// Already trimmed and checked; `None` for a status change alone.
    pub reply: Option<String>,
    /// UTC timestamp; `None` is now. Only demo data backdates its history.
    pub at: Option<String>,
}

/// What answering a part did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateOutcome {
    Updated(InboxPart),
    /// No such reference, or no part of it for this seller: the same answer, so nobody
    /// learns what other sellers were asked.
    NotFound,
    /// The stored status does not allow the move; nothing was written.
    Illegal(IllegalTransition),
}

/// One seller part as demand statistics need it: nothing that names the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandRow {
    /// Counts are of distinct inquiries, so parts of one basket share this.
    pub inquiry_id: i64,
    pub kind: String,
    pub created_at: String,
    /// Export RFQs only.
    pub destination_country: Option<String>,
    /// The village of the part's seller.
    pub village_slug: String,
    pub product_ids: Vec<String>,
}

/// The status a part moves to when its seller answers. Every [`Store`] applies this inside
/// the transaction that writes the answer, against the status it has just re-read, so two
/// answers at once cannot both move the part from the same stage.
///
/// A requested status must be a legal move; a reply alone to a new part answers it
/// (`replied`). `Ok(None)`: the status stays.
pub fn next_status(
    current: InquiryStatus,
    requested: Option<InquiryStatus>,
    replied: bool,
) -> Result<Option<InquiryStatus>, IllegalTransition> {
    match requested {
        Some(next) => current.transition(next).map(Some),
        None if replied && current == InquiryStatus::New => Ok(Some(InquiryStatus::Replied)),
        None => Ok(None),
    }
}

/// What `/api/health` reports about the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreHealth {
    /// Engine name, e.g. `sqlite`.
    pub engine: &'static str,
    /// Schema version after migrations.
    pub schema_version: usize,
}

/// The operations the server needs from a database.
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

    /// The coach's verdict on every measured uploaded photo, by content hash.
    async fn photo_verdicts(&self) -> Result<Vec<(String, bool)>, StoreError>;

    /// Every seller part, for the demand insights.
    async fn demand_rows(&self) -> Result<Vec<DemandRow>, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use InquiryStatus::*;

    #[test]
    fn a_reply_alone_answers_only_a_new_part() {
        assert_eq!(next_status(New, None, true), Ok(Some(Replied)));
        assert_eq!(
            next_status(Quoted, None, true),
            Ok(None),
            "a revised quote stays quoted"
        );
        assert_eq!(next_status(Replied, None, true), Ok(None));
        assert_eq!(next_status(New, None, false), Ok(None));
        assert_eq!(next_status(New, Some(Quoted), true), Ok(Some(Quoted)));
        assert_eq!(
            next_status(New, Some(Won), true),
            Err(IllegalTransition { from: New, to: Won })
        );
        assert!(next_status(Won, Some(Closed), false).is_err(), "final");
        assert!(
            next_status(Quoted, Some(Quoted), true).is_err(),
            "staying is no move"
        );
    }
}
