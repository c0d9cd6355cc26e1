//! The catalog as a static, versioned JSON document.
//!
//! Buyers read far more than sellers write, so the catalog is rendered once per change, not
//! per request: serialised, hashed (the hash is its version and ETag), compressed with brotli
//! and gzip ahead of time, kept in memory and written to `data/catalog/` so any static host
//! or CDN could serve the same bytes. Files are written to a temp name, synced and renamed,
//! so a reader never sees half a file.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use bytes::Bytes;
use etalase_model::{Catalog, Category, FxRate};
use sha2::{Digest, Sha256};

use crate::store::{Store, StoreError};

/// One rendered catalog, in each encoding.
#[derive(Debug)]
pub struct Snapshot {
    /// Content hash (16 hex digits); also `Catalog::version` inside the JSON.
    pub version: String,
    pub json: Bytes,
    pub brotli: Bytes,
    pub gzip: Bytes,
    /// Product id → category, for routes that must know whether a product is public.
    pub categories: HashMap<String, Category>,
    /// Product id → seller id of every published product, to split inquiries per seller.
    pub owners: HashMap<String, String>,
    /// Product id → Indonesian name, for the sellers' inquiry export.
    pub names: HashMap<String, String>,
}

impl Snapshot {
    /// Renders `catalog`; its `version` is replaced by the hash of the content.
    pub fn render(mut catalog: Catalog) -> Snapshot {
        catalog.version = String::new();
        let unversioned = serde_json::to_vec(&catalog).expect("catalog serialises");
        let digest = Sha256::digest(&unversioned);
        let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        catalog.version = version.clone();
        let categories = catalog
            .products
            .iter()
            .map(|p| (p.id.clone(), p.category))
            .collect();
        let owners = catalog
            .products
            .iter()
            .map(|p| (p.id.clone(), p.seller_id.clone()))
            .collect();
        let names = catalog
            .products
            .iter()
            .map(|p| (p.id.clone(), p.name_id.clone()))
            .collect();
        let json = serde_json::to_vec(&catalog).expect("catalog serialises");
        let brotli = compress_brotli(&json);
        let gzip = compress_gzip(&json);
        Snapshot {
            version,
            json: json.into(),
            brotli: brotli.into(),
            gzip: gzip.into(),
            categories,
            owners,
            names,
        }
    }

    /// The ETag header value (a quoted string).
    pub fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }
}

/// Why a snapshot could not be published.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the catalog snapshot: {0}")]
    Io(#[from] io::Error),
}

/// The current snapshot, swapped atomically when listings change.
pub struct Snapshots {
    current: RwLock<Arc<Snapshot>>,
    /// Serialises rebuilds, so a slow older render can never replace a newer one.
    rebuilding: tokio::sync::Mutex<()>,
    dir: PathBuf,
    fx: Option<FxRate>,
}

impl Snapshots {
    /// Builds the first snapshot from the store.
    pub async fn load(
        store: &dyn Store,
        dir: PathBuf,
        fx: Option<FxRate>,
    ) -> Result<Snapshots, SnapshotError> {
        let first = build(store, &dir, fx).await?;
        Ok(Snapshots {
            current: RwLock::new(Arc::new(first)),
            rebuilding: tokio::sync::Mutex::new(()),
            dir,
            fx,
        })
    }

    /// The snapshot to serve now.
    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The category of a published product, `None` if there is no such public product.
    pub fn catalog_category(&self, product_id: &str) -> Option<Category> {
        self.current().categories.get(product_id).copied()
    }

    /// Re-renders from the store after a listing changed. On failure the previous snapshot
    /// keeps being served.
    pub async fn rebuild(&self, store: &dyn Store) -> Result<Arc<Snapshot>, SnapshotError> {
        let _one_at_a_time = self.rebuilding.lock().await;
        let next = Arc::new(build(store, &self.dir, self.fx).await?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&next);
        Ok(next)
    }
}

async fn build(
    store: &dyn Store,
    dir: &Path,
    fx: Option<FxRate>,
) -> Result<Snapshot, SnapshotError> {
    let mut catalog = store.load_public_catalog().await?;
    catalog.fx = fx;
    let dir = dir.to_path_buf();
    let snapshot = tokio::task::spawn_blocking(move || -> io::Result<Snapshot> {
        let snapshot = Snapshot::render(catalog);
        fs::create_dir_all(&dir)?;
        write_atomic(
            &dir.join(format!("catalog-{}.json", snapshot.version)),
            &snapshot.json,
        )?;
        write_atomic(&dir.join("catalog.json"), &snapshot.json)?;
        Ok(snapshot)
    })
    .await
    .map_err(|e| io::Error::other(e.to_string()))??;
    tracing::info!(version = %snapshot.version, bytes = snapshot.json.len(), brotli = snapshot.brotli.len(), "catalog snapshot published");
    Ok(snapshot)
}

/// Writes `data` to `path` so that readers see either the old file or the whole new one:
/// temp file in the same directory, fsync, rename, fsync the directory.
///
/// The temp name is unique per call, not just per process: two uploads of the same photo at
/// once must not write into one temp file, or the first rename could publish the file while
/// the second is still rewriting it.
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(data)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn compress_brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("in-memory brotli");
    out
}

fn compress_gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(data).expect("in-memory gzip");
    gz.finish().expect("in-memory gzip")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_follows_content_and_encodings_round_trip() {
        let demo = etalase_model::demo_catalog();
        let a = Snapshot::render(demo.clone());
        let b = Snapshot::render(demo.clone());
        assert_eq!(a.version, b.version, "same content, same version");
        assert_eq!(a.version.len(), 16);
        let mut changed = demo;
        changed.products[0].moq += 1;
        assert_ne!(Snapshot::render(changed).version, a.version);

        let parsed: Catalog = serde_json::from_slice(&a.json).unwrap();
        assert_eq!(parsed.version, a.version);
        let mut unzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&a.gzip[..]),
            &mut unzipped,
        )
        .unwrap();
        assert_eq!(unzipped, a.json);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &a.brotli[..], &mut unbrotli).unwrap();
        assert_eq!(unbrotli, a.json);
        assert!(a.brotli.len() * 4 < a.json.len(), "brotli earns its keep");
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    /// Two uploads of one photo at once used to share a temp file: one rename published it
    /// while the other truncated and rewrote it, and the other's rename then failed.
    #[test]
    fn concurrent_writes_of_one_file_never_share_a_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.jpg");
        let data = vec![7u8; 256 * 1024];
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..20 {
                        write_atomic(&path, &data).unwrap();
                        assert_eq!(fs::read(&path).unwrap().len(), data.len(), "whole file");
                    }
                });
            }
        });
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
