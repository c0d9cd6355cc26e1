//! The database half of `etalase-server backup`: SQLite's online backup of the live file,
//! and reading the copy back to check it. `crate::backup` does the rest (the target
//! directory, temp names, syncs, photos, the manifest) and names no database crate.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::BUSY_TIMEOUT;
use crate::store::StoreError;

/// Copies the database at `source` into a new file at `target` as of one commit, while the
/// server goes on writing, and leaves the copy self-contained (rollback journal, no `-wal`)
/// with `synchronous=FULL`. The copy is not synced to disk; the caller does that.
pub fn snapshot_to(source: &Path, target: &Path) -> Result<(), StoreError> {
    // Read-write without create: a WAL reader may need to write the shared-memory index.
    let src = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(BUSY_TIMEOUT)?;
    let mut dst = Connection::open(target)?;
    {
        let backup = Backup::new(&src, &mut dst)?;
        // All pages in one step: one read transaction, so the copy is consistent and
        // never restarts because the server committed meanwhile.
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if waits < 100 => {
                    waits += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(StoreError::Busy(
                        "the database stayed locked for 5 s".into(),
                    ))
                }
            }
        }
    }
    let mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    debug_assert_eq!(mode, "delete");
    dst.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// `PRAGMA integrity_check` on the database at `path`: `ok`, or what is wrong.
pub fn integrity_check(path: &Path) -> Result<String, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
}

/// What a database copy holds, for the backup's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// Migrations applied (`user_version`).
    pub schema_version: usize,
    pub rows: RowCounts,
    /// The SHA-256 of every upload the database records.
    pub uploads: Vec<String>,
}

/// Rows per table; zero for a table an older schema does not have yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowCounts {
    pub villages: u64,
    pub sellers: u64,
    pub accounts: u64,
    pub products: u64,
    pub uploads: u64,
    pub inquiries: u64,
    pub inquiry_parts: u64,
    pub inquiry_events: u64,
}

/// Reads the schema version, row counts and recorded uploads of the database at `path`,
/// opened read-only.
pub fn contents(path: &Path) -> Result<Contents, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let schema_version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let count = |table: &str| -> Result<u64, StoreError> {
        // Tables of later migrations are absent in an old database: zero rows.
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as u64,
        )
    };
    let rows = RowCounts {
        villages: count("villages")?,
        sellers: count("sellers")?,
        accounts: count("accounts")?,
        products: count("products")?,
        uploads: count("uploads")?,
        inquiries: count("inquiries")?,
        inquiry_parts: count("inquiry_parts")?,
        inquiry_events: count("inquiry_events")?,
    };
    let uploads = if rows.uploads > 0 {
        conn.prepare("SELECT sha256 FROM uploads")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    Ok(Contents {
        schema_version,
        rows,
        uploads,
    })
}
