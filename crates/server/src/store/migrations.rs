//! Schema migrations, applied in order at start. Each entry is one transaction; the applied
//! count lives in SQLite's `user_version`, so a restart resumes where it stopped and a
//! failure leaves the previous schema intact.
//!
//! Append only: never edit a migration that has shipped.

/// The SQLite schema, one migration per entry.
pub const SQLITE: &[&str] = &[
    // 1: bookkeeping for the server itself.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;",
];
