//! Uploaded photos' records (the photos themselves are in [`super::PgBlobs`]) and the photo
//! coach's verdicts on them.

use super::PgStore;
use crate::store::{StoreError, UploadRecord};

pub(super) async fn record_upload(store: &PgStore, upload: UploadRecord) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute(
            "INSERT INTO uploads (sha256, seller_id, bytes, width, height, good_photo)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
            &[
                &upload.sha256,
                &upload.seller_id,
                &i64::try_from(upload.bytes).unwrap_or(i64::MAX),
                &i32::try_from(upload.width).unwrap_or(i32::MAX),
                &i32::try_from(upload.height).unwrap_or(i32::MAX),
                &upload.good_photo,
            ],
        )
        .await?;
    Ok(())
}

pub(super) async fn photo_verdicts(store: &PgStore) -> Result<Vec<(String, bool)>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query(
            "SELECT sha256, good_photo FROM uploads WHERE good_photo IS NOT NULL",
            &[],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}
