//! The embedded default store: one SQLite file in the data directory, in WAL mode.
//!
//! rusqlite is synchronous, so every call runs on Tokio's blocking pool. One connection
//! behind a mutex serialises writers, which SQLite does anyway; WAL lets readers of other
//! processes (backups) proceed meanwhile.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use rusqlite::Connection;

use super::{migrations, Store, StoreError, StoreHealth};

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
