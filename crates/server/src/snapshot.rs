//! The catalog as a static, versioned JSON document.
//!
//! Buyers read far more than sellers write, so the catalog is rendered once per change, not
//! per request: serialised, hashed (the hash is its version and ETag), compressed with brotli
//! and gzip ahead of time, kept in memory and written to `data/catalog/` so any static host
//! or CDN could serve the same bytes. Files are written to a temp name, synced and renamed,
//! so a reader never sees half a file.
//!
//! A rebuild after a listing change runs in its own task, never inside the seller's request:
//! the API's timeout cancels a request, and a cancelled rebuild once left a new file on disk
//! while buyers kept the old catalog in memory. It publishes first with fast brotli, then
//! swaps in a smaller encoding of the same version when that is ready (quality 11 takes
//! about 1 s on the 80 KB demo catalog and 170 s on 10,000 listings, so large catalogs get 9).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use bytes::Bytes;
use etalase_model::{CardIndex, Catalog, Category, SearchIndex};
use sha2::{Digest, Sha256};

use crate::config::Publishing;
use crate::store::{Store, StoreError};

/// Brotli quality for the first publication after a change: 1.3 s for 10,000 listings.
const QUICK_QUALITY: u32 = 5;
/// Up to this size of JSON the catalog is worth brotli's slowest, smallest setting.
const SMALL_CATALOG: usize = 512 * 1024;

/// The brotli quality a catalog of `json_len` bytes is finally served with.
fn final_quality(json_len: usize) -> u32 {
    if json_len <= SMALL_CATALOG {
        11
    } else {
        9
    }
}

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
    /// A demo photo's name (its file name without `-{width}.jpg`) → its product's category:
    /// the demo route draws only the catalog's own photos.
    pub demo_photos: HashMap<String, Category>,
    /// Product id → seller id of every published product, to split inquiries per seller.
    pub owners: HashMap<String, String>,
    /// Product id → Indonesian name, for the sellers' inquiry export.
    pub names: HashMap<String, String>,
    /// Village slug → the name of its cooperative, for messages sent in its name.
    pub cooperatives: HashMap<String, String>,
    /// The catalog itself, which the public pages are written from.
    pub catalog: Arc<Catalog>,
    /// Its card index (`CardIndex`, JSON), what the catalog pages need first, encoded as
    /// the catalog is.
    pub index: Encoded,
    /// Product id → the path of its first photo's thumbnail, for the cards' photo route.
    pub thumbs: HashMap<String, String>,
    /// The search index of `catalog`, for the server's search (`/api/catalog/search`).
    pub search: Arc<SearchIndex>,
}

/// A JSON document and its compressed encodings.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub json: Bytes,
    pub brotli: Bytes,
    pub gzip: Bytes,
}

impl Encoded {
    fn new(json: Vec<u8>, quality: Option<u32>) -> Encoded {
        let brotli = compress_brotli(&json, quality.unwrap_or(final_quality(json.len())));
        let gzip = compress_gzip(&json);
        Encoded {
            json: json.into(),
            brotli: brotli.into(),
            gzip: gzip.into(),
        }
    }
}

impl Snapshot {
    /// Renders `catalog` with brotli at `quality` (`None`: the final quality for its size);
    /// its `version` is replaced by the hash of the content. Above `search_on_server_above`
    /// listings its card index tells phones to search through the server.
    pub fn render(
        mut catalog: Catalog,
        quality: Option<u32>,
        search_on_server_above: usize,
    ) -> Snapshot {
        catalog.version = String::new();
        let unversioned = serde_json::to_vec(&catalog).expect("catalog serialises");
        let mut index = CardIndex::from_catalog(&catalog);
        index.searched_by_server = index.len() > search_on_server_above;
        let mut digest = Sha256::new();
        digest.update(&unversioned);
        // The index says where searches go, so a change of it is a new version: a browser
        // revalidating its copy must not keep the old answer.
        digest.update([u8::from(index.searched_by_server)]);
        let digest = digest.finalize();
        let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        catalog.version = version.clone();
        index.version = version.clone();
        let categories = catalog
            .products
            .iter()
            .map(|p| (p.id.clone(), p.category))
            .collect();
        let demo_photos = catalog
            .products
            .iter()
            .flat_map(|p| {
                p.photos.iter().flat_map(move |photo| {
                    [
                        Some(&photo.thumb),
                        photo.medium.as_ref(),
                        Some(&photo.large),
                    ]
                    .into_iter()
                    .flatten()
                    .filter_map(|path| demo_photo_stem(path))
                    .map(move |stem| (stem.to_string(), p.category))
                })
            })
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
        let cooperatives = catalog
            .villages
            .iter()
            .map(|v| (v.slug.clone(), v.cooperative.clone()))
            .collect();
        let thumbs = catalog
            .products
            .iter()
            .filter_map(|p| Some((p.id.clone(), p.photos.first()?.thumb.clone())))
            .collect();
        let index = serde_json::to_vec(&index).expect("index serialises");
        let index = Encoded::new(index, quality);
        let json = serde_json::to_vec(&catalog).expect("catalog serialises");
        let brotli = compress_brotli(&json, quality.unwrap_or(final_quality(json.len())));
        let gzip = compress_gzip(&json);
        let search = Arc::new(SearchIndex::build(&catalog));
        let catalog = Arc::new(catalog);
        Snapshot {
            version,
            json: json.into(),
            brotli: brotli.into(),
            gzip: gzip.into(),
            categories,
            demo_photos,
            owners,
            names,
            cooperatives,
            catalog,
            index,
            thumbs,
            search,
        }
    }

    /// The same version, its brotli encoding redone at the final quality for its size;
    /// `None` if it already has it.
    fn refined(&self, quality_now: u32) -> Option<Snapshot> {
        let quality = final_quality(self.json.len());
        (quality != quality_now).then(|| Snapshot {
            version: self.version.clone(),
            json: self.json.clone(),
            brotli: compress_brotli(&self.json, quality).into(),
            gzip: self.gzip.clone(),
            categories: self.categories.clone(),
            demo_photos: self.demo_photos.clone(),
            owners: self.owners.clone(),
            names: self.names.clone(),
            cooperatives: self.cooperatives.clone(),
            catalog: Arc::clone(&self.catalog),
            index: Encoded {
                brotli: compress_brotli(&self.index.json, final_quality(self.index.json.len()))
                    .into(),
                ..self.index.clone()
            },
            thumbs: self.thumbs.clone(),
            search: Arc::clone(&self.search),
        })
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
/// How long a change's answer waits for the catalog to be republished with it.
const PUBLISH_WAIT: Duration = Duration::from_secs(5);

pub struct Snapshots {
    current: RwLock<Arc<Snapshot>>,
    /// Serialises rebuilds, so a slow older render can never replace a newer one.
    rebuilding: tokio::sync::Mutex<()>,
    /// How many rebuilds have been asked for. A rebuild that reads this before loading the
    /// store covers every request counted so far, so a burst of edits costs one or two renders.
    requested: AtomicU64,
    /// The newest request whose rebuild has finished, published or failed.
    settled: tokio::sync::watch::Sender<u64>,
    dir: PathBuf,
    publishing: Publishing,
}

impl Snapshots {
    /// Builds the first snapshot from the store, at its final quality: nothing is served yet.
    pub async fn load(
        store: &dyn Store,
        dir: PathBuf,
        publishing: Publishing,
    ) -> Result<Snapshots, SnapshotError> {
        let first = build(store, &dir, publishing, None).await?;
        Ok(Snapshots {
            current: RwLock::new(Arc::new(first)),
            rebuilding: tokio::sync::Mutex::new(()),
            requested: AtomicU64::new(0),
            settled: tokio::sync::watch::Sender::new(0),
            dir,
            publishing,
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

    /// The category of the product a demo photo (by name) belongs to.
    pub fn demo_photo_category(&self, stem: &str) -> Option<Category> {
        self.current().demo_photos.get(stem).copied()
    }

    /// Asks for a re-render from the store after a listing changed, in a task of its own
    /// that outlives the caller. Returns the request's number for [`Snapshots::settled`].
    /// On failure the previous snapshot keeps being served and the next change retries.
    pub fn request_rebuild(self: &Arc<Self>, store: Arc<dyn Store>) -> u64 {
        let request = self.requested.fetch_add(1, Ordering::SeqCst) + 1;
        let this = Arc::clone(self);
        tokio::spawn(async move { this.rebuild_covering(request, store.as_ref()).await });
        request
    }

    /// Rebuilds whenever the store reports that another process changed the catalog
    /// (replicas sharing PostgreSQL), so every replica serves the same version; does
    /// nothing for a store with a single writer.
    pub fn follow_changes(self: &Arc<Self>, store: Arc<dyn Store>) {
        let Some(mut changes) = store.catalog_changes() else {
            return;
        };
        let this = Arc::clone(self);
        tokio::spawn(async move {
            while changes.changed().await.is_ok() {
                this.request_rebuild(Arc::clone(&store));
            }
        });
    }

    /// Rebuilds after a change to what buyers see and waits a little for it: the person who
    /// made the change then sees it on their next look, and a large catalog that takes
    /// longer is published without holding their request open. `what` names the change
    /// in the log.
    pub async fn publish_change(self: &Arc<Self>, store: &Arc<dyn Store>, what: &str) {
        let request = self.request_rebuild(Arc::clone(store));
        if !self.settled(request, PUBLISH_WAIT).await {
            tracing::info!(what, "catalog still rebuilding; answered without waiting");
        }
    }

    /// Waits up to `within` for request `request` to be published (or to fail); whether it
    /// finished. Dropping this future leaves the rebuild running.
    pub async fn settled(&self, request: u64, within: Duration) -> bool {
        let mut settled = self.settled.subscribe();
        tokio::time::timeout(within, settled.wait_for(|done| *done >= request))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    async fn rebuild_covering(&self, request: u64, store: &dyn Store) {
        let quick = {
            let _one_at_a_time = self.rebuilding.lock().await;
            if *self.settled.borrow() >= request {
                return; // a rebuild that started after this request already covered it
            }
            let covers = self.requested.load(Ordering::SeqCst);
            let built = build(store, &self.dir, self.publishing, Some(QUICK_QUALITY)).await;
            let quick = match built {
                Ok(snapshot) => {
                    let snapshot = Arc::new(snapshot);
                    self.replace_if(|_| true, Arc::clone(&snapshot));
                    Some(snapshot)
                }
                Err(err) => {
                    tracing::error!(error = %err, "catalog snapshot rebuild failed");
                    None
                }
            };
            self.settled.send_if_modified(|done| {
                let newer = covers > *done;
                if newer {
                    *done = covers;
                }
                newer
            });
            quick
        };
        // Outside the lock, so the next change is published without waiting for this.
        let Some(quick) = quick else { return };
        if self.requested.load(Ordering::SeqCst) > *self.settled.borrow() {
            return; // another render is already due; refining this one is wasted work
        }
        let refine = tokio::task::spawn_blocking(move || quick.refined(QUICK_QUALITY)).await;
        if let Ok(Some(refined)) = refine {
            let version = refined.version.clone();
            self.replace_if(|now| now.version == version, Arc::new(refined));
        }
    }

    /// Swaps in `next` if the snapshot served now passes `keep_going`.
    fn replace_if(&self, keep_going: impl FnOnce(&Snapshot) -> bool, next: Arc<Snapshot>) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        if keep_going(&current) {
            *current = next;
        }
    }
}

async fn build(
    store: &dyn Store,
    dir: &Path,
    publishing: Publishing,
    quality: Option<u32>,
) -> Result<Snapshot, SnapshotError> {
    let mut catalog = store.load_public_catalog().await?;
    catalog.fx = publishing.fx;
    catalog.reply_minutes = reply_minutes(store).await?;
    let dir = dir.to_path_buf();
    let snapshot = tokio::task::spawn_blocking(move || -> io::Result<Snapshot> {
        let snapshot = Snapshot::render(catalog, quality, publishing.search_on_server_above);
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

/// Each seller's typical reply time over the window the model names, for those with enough
/// answers (`etalase_model::inquiry::reply_time`).
async fn reply_minutes(store: &dyn Store) -> Result<BTreeMap<String, u32>, StoreError> {
    use etalase_model::inquiry::reply_time::{
        minutes_between, typical_reply_minutes, REPLY_TIME_WINDOW_DAYS,
    };
    let since = crate::clock::iso_utc(crate::clock::unix_now() - REPLY_TIME_WINDOW_DAYS * 86_400);
    let mut per_seller: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (seller, sent, answered) in store.first_answers(since).await? {
        if let Some(minutes) = minutes_between(&sent, &answered) {
            per_seller.entry(seller).or_default().push(minutes);
        }
    }
    Ok(per_seller
        .into_iter()
        .filter_map(|(seller, minutes)| Some((seller, typical_reply_minutes(minutes)?)))
        .collect())
}

/// Where the published catalog files live under the data directory.
pub fn catalog_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("catalog")
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

/// Removes the temp files [`write_atomic`] left in `dir` when a process died between
/// creating and renaming them (a kill, a power cut), once they are older than
/// `older_than`; returns how many. Only old ones: replicas sharing a directory may be
/// writing theirs right now. A missing directory has none.
pub fn remove_stale_temp_files(dir: &Path, older_than: Duration) -> io::Result<usize> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let meta = entry.metadata()?;
        let age = meta.modified()?.elapsed().unwrap_or_default();
        if meta.is_file() && age >= older_than {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn compress_brotli(data: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
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

/// `/media/demo/{stem}-{width}.jpg` → `stem`.
pub fn demo_photo_stem(path: &str) -> Option<&str> {
    let file = path.strip_prefix("/media/demo/")?.strip_suffix(".jpg")?;
    Some(file.rsplit_once('-')?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_above_the_size_is_searched_through_the_server() {
        let demo = etalase_model::demo_catalog();
        let listings = CardIndex::from_catalog(&demo).len();
        let searched = |above: usize| {
            let index: CardIndex =
                serde_json::from_slice(&Snapshot::render(demo.clone(), Some(1), above).index.json)
                    .unwrap();
            index.searched_by_server
        };
        assert!(!searched(listings), "at the size, the phone searches");
        assert!(searched(listings - 1));
        assert!(searched(0));
        assert_ne!(
            Snapshot::render(demo.clone(), Some(1), 0).version,
            Snapshot::render(demo.clone(), Some(1), listings).version,
            "a browser's kept index must not pass for the other"
        );
    }

    #[test]
    fn version_follows_content_and_encodings_round_trip() {
        let demo = etalase_model::demo_catalog();
        let a = Snapshot::render(demo.clone(), None, usize::MAX);
        let b = Snapshot::render(demo.clone(), None, usize::MAX);
        assert_eq!(a.version, b.version, "same content, same version");
        assert_eq!(a.version.len(), 16);
        let mut changed = demo;
        changed.products[0].moq += 1;
        assert_ne!(
            Snapshot::render(changed, None, usize::MAX).version,
            a.version
        );

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

    fn seller_actor(product: &etalase_model::Product) -> crate::store::Actor {
        crate::store::Actor {
            kind: etalase_model::cooperative::ActorKind::Seller,
            id: product.seller_id.clone(),
            name: "Penjual uji".into(),
        }
    }

    /// A seller's save used to wait for the rebuild inside the request; the API timeout then
    /// cancelled it after the file was written but before the swap, so buyers kept the old
    /// catalog. The rebuild must finish and be served even when nobody waits for it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rebuild_nobody_waits_for_is_still_published_and_refined() {
        let dir = tempfile::tempdir().unwrap();
        let (store, snapshots) = seeded_snapshots(dir.path()).await;
        let before = snapshots.current();

        let mut product = store.load_public_catalog().await.unwrap().products[0].clone();
        product.moq += 7;
        store
            .save_listing(product.clone(), seller_actor(&product))
            .await
            .unwrap();
        let request = snapshots.request_rebuild(Arc::clone(&store));
        // The caller gives up at once, as a timed-out request does.
        let _gave_up = snapshots.settled(request, Duration::ZERO).await;
        assert!(snapshots.settled(request, Duration::from_secs(60)).await);

        let after = snapshots.current();
        assert_ne!(after.version, before.version);
        let served: Catalog = serde_json::from_slice(&after.json).unwrap();
        let moq = served
            .products
            .iter()
            .find(|p| p.id == product.id)
            .unwrap()
            .moq;
        assert_eq!(moq, product.moq, "the change is what is served");
        let on_disk = fs::read(dir.path().join("catalog").join("catalog.json")).unwrap();
        assert_eq!(on_disk, after.json, "memory and disk agree");

        // The quick encoding is replaced by the final one of the same version.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while snapshots.current().brotli.len() >= after.brotli.len() {
            assert!(std::time::Instant::now() < deadline, "never refined");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let refined = snapshots.current();
        assert_eq!(refined.version, after.version);
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &refined.brotli[..], &mut decoded).unwrap();
        assert_eq!(decoded, refined.json);
    }

    /// The demo catalog in a SQLite file under `dir`, and its snapshots published there.
    async fn seeded_snapshots(dir: &std::path::Path) -> (Arc<dyn Store>, Arc<Snapshots>) {
        let store = crate::store::sqlite::SqliteStore::open(dir).unwrap();
        crate::demo_seed::seed_if_empty(&store, None, crate::clock::unix_now())
            .await
            .unwrap();
        let store: Arc<dyn Store> = Arc::new(store);
        let snapshots = Snapshots::load(store.as_ref(), dir.join("catalog"), Publishing::default())
            .await
            .unwrap();
        (store, Arc::new(snapshots))
    }

    /// A burst of saves ends with the catalog of the last one, whatever order the renders ran in.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_changes_ends_at_the_last_one() {
        let dir = tempfile::tempdir().unwrap();
        let (store, snapshots) = seeded_snapshots(dir.path()).await;
        let mut product = store.load_public_catalog().await.unwrap().products[1].clone();
        let mut last = 0;
        for _ in 0..6 {
            product.moq += 1;
            store
                .save_listing(product.clone(), seller_actor(&product))
                .await
                .unwrap();
            last = snapshots.request_rebuild(Arc::clone(&store));
        }
        assert!(snapshots.settled(last, Duration::from_secs(60)).await);
        let served: Catalog = serde_json::from_slice(&snapshots.current().json).unwrap();
        let moq = served
            .products
            .iter()
            .find(|p| p.id == product.id)
            .unwrap()
            .moq;
        assert_eq!(moq, product.moq);
        let mut catalog = store.load_public_catalog().await.unwrap();
        catalog.reply_minutes = reply_minutes(store.as_ref()).await.unwrap();
        let fresh = Snapshot::render(catalog, None, usize::MAX);
        assert_eq!(snapshots.current().version, fresh.version);
    }

    #[test]
    fn stale_temp_files_are_removed_and_everything_else_stays() {
        let dir = tempfile::tempdir().unwrap();
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        let old_tmp = dir.path().join(".abc.jpg.41-0.tmp");
        let fresh_tmp = dir.path().join(".abc.jpg.42-1.tmp");
        let old_photo = dir.path().join("abc.jpg");
        for (path, old) in [(&old_tmp, true), (&fresh_tmp, false), (&old_photo, true)] {
            fs::write(path, b"bytes").unwrap();
            if old {
                fs::File::options()
                    .write(true)
                    .open(path)
                    .unwrap()
                    .set_modified(hour_ago)
                    .unwrap();
            }
        }
        let removed = remove_stale_temp_files(dir.path(), Duration::from_secs(600)).unwrap();
        assert_eq!(removed, 1);
        assert!(!old_tmp.exists(), "a temp file older than the limit goes");
        assert!(fresh_tmp.exists(), "a temp file being written stays");
        assert!(old_photo.exists(), "a published file stays, however old");
        let missing = dir.path().join("none");
        assert_eq!(
            remove_stale_temp_files(&missing, Duration::ZERO).unwrap(),
            0
        );
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
