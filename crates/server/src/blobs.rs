//! Where uploaded photos live: content-addressed blobs (the name is the SHA-256 of the
//! bytes) behind one interface, so one server keeps them in its data directory and several
//! replicas share them.
//!
//! A blob never changes once written, so any copy is as good as the original: the shared
//! store may be fronted by each replica's disk as a cache with no invalidation at all.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use bytes::Bytes;

use crate::snapshot::write_atomic;
use crate::store::StoreError;

/// Where uploaded photos live under the data directory (served as `/media/u/<sha256>.jpg`).
pub fn uploads_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("media").join("u")
}

/// A blob store's failure.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// The local directory could not be read or written (full disk, permissions).
    #[error("photo file: {0}")]
    Io(#[from] std::io::Error),
    /// The shared store's database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Content-addressed photo storage. `sha256` is always 64 lowercase hex digits, checked by
/// the caller.
#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores `bytes` under `sha256` unless already there; `Ok(true)` if this call added
    /// it. When it returns, the blob is durable.
    async fn put(&self, sha256: &str, bytes: Bytes) -> Result<bool, BlobError>;

    /// The blob, or `None` if no such blob was stored.
    async fn get(&self, sha256: &str) -> Result<Option<Bytes>, BlobError>;
}

/// Blobs as files `<sha256>.jpg` in one directory: the embedded default, and the cache in
/// front of a shared store.
#[derive(Debug, Clone)]
pub struct LocalBlobs {
    dir: PathBuf,
}

impl LocalBlobs {
    pub fn new(dir: PathBuf) -> LocalBlobs {
        LocalBlobs { dir }
    }

    fn file(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.jpg"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait]
impl BlobStore for LocalBlobs {
    async fn put(&self, sha256: &str, bytes: Bytes) -> Result<bool, BlobError> {
        let dir = self.dir.clone();
        let file = self.file(sha256);
        Ok(
            tokio::task::spawn_blocking(move || -> std::io::Result<bool> {
                // An existing file is never rewritten: same name, same bytes.
                if file.is_file() {
                    return Ok(false);
                }
                std::fs::create_dir_all(&dir)?;
                write_atomic(&file, &bytes)?;
                Ok(true)
            })
            .await
            .map_err(|e| StoreError::Task(e.to_string()))??,
        )
    }

    async fn get(&self, sha256: &str) -> Result<Option<Bytes>, BlobError> {
        match tokio::fs::read(self.file(sha256)).await {
            Ok(data) => Ok(Some(Bytes::from(data))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// A shared store with this replica's disk in front: reads are served from the disk once a
/// blob has been seen, writes go to the shared store first (that is what makes them
/// durable for every replica) and then to the disk.
pub struct CachedBlobs<S> {
    shared: S,
    cache: LocalBlobs,
}

impl<S: BlobStore> CachedBlobs<S> {
    pub fn new(shared: S, cache: LocalBlobs) -> CachedBlobs<S> {
        CachedBlobs { shared, cache }
    }

    /// Copies a blob into the cache; a failure only costs the next read a trip to the
    /// shared store, so it is logged, not returned.
    async fn remember(&self, sha256: &str, bytes: Bytes) {
        if let Err(e) = self.cache.put(sha256, bytes).await {
            tracing::warn!(error = %e, sha256, "could not cache a photo on local disk");
        }
    }
}

#[async_trait]
impl<S: BlobStore> BlobStore for CachedBlobs<S> {
    async fn put(&self, sha256: &str, bytes: Bytes) -> Result<bool, BlobError> {
        let added = self.shared.put(sha256, bytes.clone()).await?;
        self.remember(sha256, bytes).await;
        Ok(added)
    }

    async fn get(&self, sha256: &str) -> Result<Option<Bytes>, BlobError> {
        if let Ok(Some(bytes)) = self.cache.get(sha256).await {
            return Ok(Some(bytes));
        }
        let found = self.shared.get(sha256).await?;
        if let Some(bytes) = &found {
            self.remember(sha256, bytes.clone()).await;
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    const HASH: &str = "0000000000000000000000000000000000000000000000000000000000000001";

    #[tokio::test]
    async fn local_blobs_keep_the_first_copy_and_know_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path().join("u"));
        assert_eq!(blobs.get(HASH).await.unwrap(), None);
        assert!(blobs.put(HASH, Bytes::from_static(b"one")).await.unwrap());
        assert!(!blobs.put(HASH, Bytes::from_static(b"two")).await.unwrap());
        assert_eq!(blobs.get(HASH).await.unwrap().unwrap(), &b"one"[..]);
    }

    /// Counts the shared store's reads, to see the cache answer.
    struct Counting {
        inner: LocalBlobs,
        gets: Arc<AtomicUsize>,
    }

    #[async_trait]
    impl BlobStore for Counting {
        async fn put(&self, sha256: &str, bytes: Bytes) -> Result<bool, BlobError> {
            self.inner.put(sha256, bytes).await
        }
        async fn get(&self, sha256: &str) -> Result<Option<Bytes>, BlobError> {
            self.gets.fetch_add(1, Ordering::SeqCst);
            self.inner.get(sha256).await
        }
    }

    #[tokio::test]
    async fn a_replica_reads_another_replicas_photo_once_from_the_shared_store() {
        let dir = tempfile::tempdir().unwrap();
        let gets = Arc::new(AtomicUsize::new(0));
        let shared = || Counting {
            inner: LocalBlobs::new(dir.path().join("shared")),
            gets: Arc::clone(&gets),
        };
        let a = CachedBlobs::new(shared(), LocalBlobs::new(dir.path().join("a")));
        let b = CachedBlobs::new(shared(), LocalBlobs::new(dir.path().join("b")));
        assert!(a.put(HASH, Bytes::from_static(b"photo")).await.unwrap());
        assert!(!b.put(HASH, Bytes::from_static(b"photo")).await.unwrap());

        let other = "f".repeat(64);
        shared()
            .put(&other, Bytes::from_static(b"x"))
            .await
            .unwrap();
        assert_eq!(b.get(&other).await.unwrap().unwrap(), &b"x"[..]);
        assert_eq!(b.get(&other).await.unwrap().unwrap(), &b"x"[..]);
        assert_eq!(
            gets.load(Ordering::SeqCst),
            1,
            "the second read is the cache's"
        );
        assert_eq!(b.get(&"e".repeat(64)).await.unwrap(), None);
    }
}
