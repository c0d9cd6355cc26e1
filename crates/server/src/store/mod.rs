//! Durable storage behind one interface.
//!
//! Handlers hold an `Arc<dyn Store>`; the embedded SQLite implementation is the default
//! ([`sqlite::SqliteStore`]). A PostgreSQL implementation plugs in by implementing the same
//! trait, so nothing above this module names a database.

pub mod migrations;
pub mod sqlite;

use async_trait::async_trait;
use etalase_model::{Catalog, ListingStatus, Product, Seller};

/// A failure of the storage layer, categorised for the HTTP edge.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, read or written (disk full, read-only, corrupt…).
    #[error("database error: {0}")]
    Database(String),
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

/// A stored photo file, by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub sha256: String,
    pub seller_id: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedInquiry {
    pub reference: String,
    pub kind: String,
    pub doc: String,
    /// Seller id, status slug and lines as JSON, per part.
    pub parts: Vec<(String, String, String)>,
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
    /// `product.seller_id`; the ownership check and the write are one transaction.
    async fn save_listing(&self, product: Product) -> Result<SaveOutcome, StoreError>;

    /// Records who uploaded a photo file; a repeated upload of the same bytes is a no-op.
    async fn record_upload(&self, upload: UploadRecord) -> Result<(), StoreError>;

    /// Stores an inquiry and its parts in one transaction, committed to disk before it
    /// returns. A repeated idempotency key returns the first inquiry unchanged.
    async fn create_inquiry(&self, inquiry: NewInquiry) -> Result<StoredInquiry, StoreError>;

    async fn inquiry_by_token(&self, token: String) -> Result<Option<TrackedInquiry>, StoreError>;
}
