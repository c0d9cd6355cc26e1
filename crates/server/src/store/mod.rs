//! Durable storage behind one interface.
//!
//! Handlers hold an `Arc<dyn Store>`; the embedded SQLite implementation is the default
//! ([`sqlite::SqliteStore`]). A PostgreSQL implementation plugs in by implementing the same
//! trait, so nothing above this module names a database.

pub mod migrations;
pub mod sqlite;

use async_trait::async_trait;
use etalase_model::Catalog;

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
}
