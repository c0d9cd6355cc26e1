//! What every handler can reach: the store and the configuration, cheap to clone.

use std::sync::Arc;

use crate::auth::rate_limit::SignInLimiter;
use crate::snapshot::Snapshots;
use crate::store::Store;
use crate::Config;

/// Shared application state. The store is a trait object so handlers never know which
/// database sits behind it.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    /// The published catalog snapshot.
    pub snapshots: Arc<Snapshots>,
    pub sign_in_limiter: Arc<SignInLimiter>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config, snapshots: Snapshots) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            snapshots: Arc::new(snapshots),
            sign_in_limiter: Arc::new(SignInLimiter::default()),
        }
    }
}
