//! What every handler can reach: the store and the configuration, cheap to clone.

use std::sync::Arc;

use std::net::IpAddr;

use crate::auth::rate_limit::{inquiry_limiter, report_limiter, SignInLimiter, SlidingWindow};
use crate::blobs::uploads_dir;
use crate::blobs::{BlobStore, LocalBlobs};
use crate::notices::sender::Wake;
use crate::push::subscription::Endpoints;
use crate::snapshot::Snapshots;
use crate::store::Store;
use crate::Config;

/// Shared application state. The store is a trait object so handlers never know which
/// database sits behind it.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Uploaded photos: the data directory's, or the replicas' shared store.
    pub blobs: Arc<dyn BlobStore>,
    pub config: Arc<Config>,
    /// The published catalog snapshot.
    pub snapshots: Arc<Snapshots>,
    pub sign_in_limiter: Arc<SignInLimiter>,
    pub inquiry_limiter: Arc<SlidingWindow<IpAddr>>,
    pub report_limiter: Arc<SlidingWindow<IpAddr>>,
    /// Wakes the notices' sender after a handler wrote to the outbox.
    pub notices: Wake,
    /// The server's VAPID public key, which browsers subscribe with; `None`: push is off.
    pub push_key: Option<Arc<str>>,
    /// Which push endpoints subscriptions may name.
    pub push_endpoints: Endpoints,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config, snapshots: Snapshots) -> AppState {
        AppState {
            store,
            blobs: Arc::new(LocalBlobs::new(uploads_dir(&config.data_dir))),
            inquiry_limiter: Arc::new(inquiry_limiter(config.inquiry_limit)),
            report_limiter: Arc::new(report_limiter()),
            config: Arc::new(config),
            snapshots: Arc::new(snapshots),
            sign_in_limiter: Arc::new(SignInLimiter::default()),
            notices: Wake::default(),
            push_key: None,
            push_endpoints: Endpoints::from_env(),
        }
    }

    /// Turns push on: browsers subscribe with this public key.
    pub fn with_push_key(mut self, public_key: String) -> AppState {
        self.push_key = Some(public_key.into());
        self
    }

    /// Keeps photos in `blobs` instead of the data directory.
    pub fn with_blobs(mut self, blobs: Arc<dyn BlobStore>) -> AppState {
        self.blobs = blobs;
        self
    }
}
