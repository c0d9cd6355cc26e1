//! Online backup: a consistent copy of the database and the uploaded photos, taken while the
//! server runs (`etalase-server backup --data-dir data --to DIR`).
//!
//! The database is copied with SQLite's online backup API in one step, that is inside one
//! read transaction: the copy is the database as of one commit, and the server keeps
//! writing meanwhile (WAL readers do not block the writer). That part, and reading the copy
//! back, is [`crate::store::sqlite::backup`]'s, as all SQL is the store's; this file names
//! no database crate (`tests/layering.rs` checks). Photos are copied after the database, so
//! every photo the copied database records is already on disk to be copied (the server
//! writes a photo's file before its row). They are content-addressed and never change, so a
//! second backup into the same directory copies only the new ones; each copy is checked
//! against its name (its SHA-256) and written to a temp name, synced and renamed.
//!
//! The backup directory has the data directory's layout, so restoring is pointing
//! `--data-dir` at it (or copying it into place). The catalog snapshot and the demo photos are
//! not copied: the server rebuilds both. `manifest.json` says when, what schema, how many
//! rows and photos; its presence is what lets a later backup reuse the directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::blobs::uploads_dir;
use crate::config::{walk_args, ConfigError};
use crate::snapshot::write_atomic;
use crate::store::sqlite::{backup as database, DB_FILE};
use crate::store::StoreError;

/// The manifest's file name inside a backup directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The manifest layout; bumped if it changes incompatibly.
const FORMAT: u32 = 1;

pub const USAGE: &str = "\
etalase-server backup: copy the database and photos while the server runs

  --data-dir DIR   the server's data directory (env ETALASE_DATA_DIR, default ./data)
  --to DIR         the backup directory: new, empty, or an earlier backup to refresh
";

/// What a backup contains; written to `manifest.json` and printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// UTC, when the database copy was taken.
    pub created_at: String,
    /// The server version that took it.
    pub server_version: String,
    /// The database's schema version (migrations applied); a newer server migrates it.
    pub schema_version: usize,
    pub database: DatabaseCopy,
    pub counts: Counts,
    pub photos: PhotoCopy,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseCopy {
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
    /// `PRAGMA integrity_check` on the copy.
    pub integrity: String,
}

/// Rows in the copied database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub villages: u64,
    pub sellers: u64,
    pub accounts: u64,
    pub products: u64,
    pub uploads: u64,
    pub inquiries: u64,
    pub inquiry_parts: u64,
    pub inquiry_events: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoCopy {
    /// Photo files in the backup, each checked against its SHA-256 name.
    pub count: u64,
    pub bytes: u64,
    /// Copied this time (the rest were already in the backup).
    pub copied: u64,
}

/// Why a backup failed. Nothing half-done replaces an earlier backup's files.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no database at {0}: is --data-dir the server's data directory?")]
    NoDatabase(PathBuf),
    #[error("{0} is not empty and is not an earlier backup (no {MANIFEST_FILE}): refusing to write into it")]
    NotABackup(PathBuf),
    #[error("the backup directory must not be the data directory")]
    SameDirectory,
    #[error("{0}")]
    Database(#[from] StoreError),
    #[error("the copied database failed its integrity check: {0}")]
    Integrity(String),
    #[error("photo {name}: {reason}")]
    Photo { name: String, reason: String },
    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },
}

/// Reads `backup` subcommand flags (after the word `backup`): data dir and target.
pub fn parse_args(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<(PathBuf, PathBuf), ConfigError> {
    let mut data_dir = env("ETALASE_DATA_DIR").unwrap_or_else(|| "data".into());
    let mut to = None;
    walk_args(args, |mut flag| {
        match flag.name() {
            "--data-dir" => data_dir = flag.value()?,
            "--to" => to = Some(flag.value()?),
            _ => return Err(flag.unknown()),
        }
        Ok(())
    })?;
    let to = to.ok_or_else(|| ConfigError::MissingValue {
        flag: "--to".into(),
    })?;
    Ok((data_dir.into(), to.into()))
}

/// Backs up `data_dir` into `to` (created if missing; refreshed if it is an earlier backup).
pub fn backup(data_dir: &Path, to: &Path) -> Result<Manifest, BackupError> {
    let started = Instant::now();
    let source = data_dir.join(DB_FILE);
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source));
    }
    prepare_target(data_dir, to)?;
    let created_at = crate::clock::iso_utc(crate::clock::unix_now());
    let (schema_version, counts, uploaded, integrity) = copy_database(&source, to)?;
    let database = describe_file(&to.join(DB_FILE))?;
    let photos = copy_photos(&uploads_dir(data_dir), &uploads_dir(to), &uploaded)?;
    let manifest = Manifest {
        format: FORMAT,
        created_at,
        server_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        database: DatabaseCopy {
            file: DB_FILE.into(),
            bytes: database.0,
            sha256: database.1,
            integrity,
        },
        counts,
        photos,
        duration_ms: started.elapsed().as_millis() as u64,
    };
    let json = serde_json::to_vec_pretty(&manifest).expect("manifest serialises");
    write_atomic(&to.join(MANIFEST_FILE), &json).map_err(io_err("writing the manifest"))?;
    Ok(manifest)
}

/// Reads a backup's manifest.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let text = fs::read(dir.join(MANIFEST_FILE)).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Creates `to`, or checks that it is empty or an earlier backup.
fn prepare_target(data_dir: &Path, to: &Path) -> Result<(), BackupError> {
    fs::create_dir_all(to).map_err(io_err(&format!("creating {}", to.display())))?;
    let same = fs::canonicalize(data_dir).ok() == fs::canonicalize(to).ok();
    if same {
        return Err(BackupError::SameDirectory);
    }
    let empty = fs::read_dir(to)
        .map_err(io_err(&format!("reading {}", to.display())))?
        .next()
        .is_none();
    if !empty && read_manifest(to).is_none_or(|m| m.format != FORMAT) {
        return Err(BackupError::NotABackup(to.to_path_buf()));
    }
    Ok(())
}

/// Copies the database as of one commit into `to/etalase.sqlite3` (temp name, then rename)
/// as a self-contained file (rollback journal, no `-wal`), checks it, and reads its schema
/// version, row counts and recorded uploads.
fn copy_database(
    source: &Path,
    to: &Path,
) -> Result<(usize, Counts, Vec<String>, String), BackupError> {
    let tmp = to.join(format!(".{DB_FILE}.tmp"));
    for stale in [tmp.clone(), to.join(format!(".{DB_FILE}.tmp-journal"))] {
        remove_if_present(&stale)?;
    }
    database::snapshot_to(source, &tmp)?;
    let integrity = database::integrity_check(&tmp)?;
    if integrity != "ok" {
        return Err(BackupError::Integrity(integrity));
    }
    let contents = database::contents(&tmp)?;
    let rows = contents.rows;
    let counts = Counts {
        villages: rows.villages,
        sellers: rows.sellers,
        accounts: rows.accounts,
        products: rows.products,
        uploads: rows.uploads,
        inquiries: rows.inquiries,
        inquiry_parts: rows.inquiry_parts,
        inquiry_events: rows.inquiry_events,
    };
    fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io_err("syncing the database copy"))?;
    // A `-wal` left by a server once run on this directory belongs to the old file and
    // would be replayed onto the new one.
    for suffix in ["-wal", "-shm", "-journal"] {
        remove_if_present(&to.join(format!("{DB_FILE}{suffix}")))?;
    }
    fs::rename(&tmp, to.join(DB_FILE)).map_err(io_err("renaming the database copy"))?;
    fs::File::open(to)
        .and_then(|d| d.sync_all())
        .map_err(io_err("syncing the backup directory"))?;
    Ok((contents.schema_version, counts, contents.uploads, integrity))
}

/// Copies every photo of `from` missing in `to`, checking each against its name; then
/// checks that every photo the database records is in `to`.
fn copy_photos(from: &Path, to: &Path, recorded: &[String]) -> Result<PhotoCopy, BackupError> {
    fs::create_dir_all(to).map_err(io_err(&format!("creating {}", to.display())))?;
    let mut names: Vec<String> = match fs::read_dir(from) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            // Only finished photos: temp files start with a dot.
            .filter(|n| photo_hash(n).is_some())
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_err(&format!("reading {}", from.display()))(e)),
    };
    names.sort();
    let mut copy = PhotoCopy {
        count: 0,
        bytes: 0,
        copied: 0,
    };
    for name in &names {
        let hash = photo_hash(name).unwrap_or_default();
        let target = to.join(name);
        let existing = fs::read(&target).ok().filter(|b| sha256_hex(b) == hash);
        let bytes = match existing {
            Some(bytes) => bytes,
            None => {
                let bytes =
                    fs::read(from.join(name)).map_err(io_err(&format!("reading photo {name}")))?;
                if sha256_hex(&bytes) != hash {
                    return Err(BackupError::Photo {
                        name: name.clone(),
                        reason: "its content does not match its name (damaged on disk)".into(),
                    });
                }
                write_atomic(&target, &bytes).map_err(io_err(&format!("copying photo {name}")))?;
                copy.copied += 1;
                bytes
            }
        };
        copy.count += 1;
        copy.bytes += bytes.len() as u64;
    }
    for hash in recorded {
        if !to.join(format!("{hash}.jpg")).is_file() {
            return Err(BackupError::Photo {
                name: format!("{hash}.jpg"),
                reason: "recorded in the database but missing from the data directory".into(),
            });
        }
    }
    Ok(copy)
}

/// `<64 hex>.jpg` → the hash; anything else (temp files) → `None`.
fn photo_hash(name: &str) -> Option<&str> {
    name.strip_suffix(".jpg").filter(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn describe_file(path: &Path) -> Result<(u64, String), BackupError> {
    let bytes = fs::read(path).map_err(io_err(&format!("reading {}", path.display())))?;
    Ok((bytes.len() as u64, sha256_hex(&bytes)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn remove_if_present(path: &Path) -> Result<(), BackupError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(&format!("removing {}", path.display()))(e)),
    }
}

fn io_err(context: &str) -> impl FnOnce(io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        context: context.to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;
    use crate::store::{Store, UploadRecord};

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn flags() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (data, to) = parse_args(args(&["--to", "b"]), no_env).unwrap();
        assert_eq!((data, to), (PathBuf::from("data"), PathBuf::from("b")));
        assert!(matches!(
            parse_args(args(&["--data-dir", "d"]), no_env),
            Err(ConfigError::MissingValue { .. })
        ));
        assert!(parse_args(args(&["--to", "b", "--port", "1"]), no_env).is_err());
    }

    #[tokio::test]
    async fn copies_database_and_photos_then_only_new_photos() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = SqliteStore::open(&data).unwrap();
        store
            .seed_catalog_if_empty(etalase_model::demo_catalog())
            .await
            .unwrap();
        let seller = etalase_model::demo_catalog().sellers[0].id.clone();
        let photo = |content: &[u8]| {
            let hash = sha256_hex(content);
            let path = uploads_dir(&data).join(format!("{hash}.jpg"));
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, content).unwrap();
            UploadRecord {
                sha256: hash,
                seller_id: seller.clone(),
                bytes: content.len() as u64,
                width: 1,
                height: 1,
                good_photo: None,
            }
        };
        store.record_upload(photo(b"one")).await.unwrap();
        fs::write(uploads_dir(&data).join(".x.jpg.1-0.tmp"), b"half").unwrap();

        let to = dir.path().join("backup");
        let first = backup(&data, &to).unwrap();
        assert_eq!(first.database.integrity, "ok");
        assert_eq!(first.schema_version, crate::store::migrations::SQLITE.len());
        assert_eq!((first.photos.count, first.photos.copied), (1, 1));
        assert_eq!(first.counts.uploads, 1);
        assert!(first.counts.products > 0);
        assert_eq!(read_manifest(&to), Some(first));
        assert_eq!(
            fs::read_dir(uploads_dir(&to)).unwrap().count(),
            1,
            "no temp file copied"
        );

        store.record_upload(photo(b"two")).await.unwrap();
        let second = backup(&data, &to).unwrap();
        assert_eq!((second.photos.count, second.photos.copied), (2, 1));
        assert!(
            !to.join(format!("{DB_FILE}-wal")).exists(),
            "self-contained"
        );

        // A photo damaged in the backup is copied again.
        let damaged = uploads_dir(&to).join(format!("{}.jpg", sha256_hex(b"two")));
        fs::write(&damaged, b"twx").unwrap();
        assert_eq!(backup(&data, &to).unwrap().photos.copied, 1);
        assert_eq!(fs::read(&damaged).unwrap(), b"two");
    }

    #[test]
    fn refuses_what_is_not_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let to = dir.path().join("elsewhere");
        assert!(matches!(
            backup(&data, &to),
            Err(BackupError::NoDatabase(_))
        ));
        SqliteStore::open(&data).unwrap();
        fs::create_dir_all(&to).unwrap();
        fs::write(to.join("notes.txt"), b"keep me").unwrap();
        let err = backup(&data, &to).unwrap_err();
        assert!(matches!(err, BackupError::NotABackup(_)), "{err}");
        assert_eq!(fs::read_dir(&to).unwrap().count(), 1, "nothing written");
        assert!(matches!(
            backup(&data, &data),
            Err(BackupError::SameDirectory)
        ));
    }
}
