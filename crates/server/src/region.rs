//! The villages this server's district serves: the region's part of the committed gazetteer
//! (`--region`, Kutai Kartanegara by default), added to the store at every start, demo or
//! not. A fresh `--no-demo` server can therefore take registrations at once, and a newer
//! gazetteer adds villages without touching the ones the store already describes.

use etalase_model::gazetteer::Gazetteer;

use crate::store::{Store, StoreError};

/// Adds the region's villages the store lacks; returns how many.
pub async fn add_villages(store: &dyn Store, region: &str) -> Result<usize, StoreError> {
    let villages = Gazetteer::east_kalimantan()
        .region(region)
        // `Config` refuses a region the gazetteer does not have.
        .map_err(|e| StoreError::Database(format!("region {region}: {e}")))?
        .catalog_villages();
    let total = villages.len();
    let added = store.add_missing_villages(villages).await?;
    tracing::info!(region, total, added, "villages of the region");
    Ok(added)
}
