//! Uploaded photos' records (the files themselves are the blob store's) and the photo
//! coach's verdicts on them.

use rusqlite::params;

use super::SqliteStore;
use crate::store::{StoreError, UploadRecord};

pub(super) async fn record_upload(
    store: &SqliteStore,
    upload: UploadRecord,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            conn.execute(
                "INSERT INTO uploads (sha256, seller_id, bytes, width, height, good_photo)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO NOTHING",
                params![
                    upload.sha256,
                    upload.seller_id,
                    upload.bytes as i64,
                    upload.width,
                    upload.height,
                    upload.good_photo
                ],
            )?;
            Ok(())
        })
        .await
}

pub(super) async fn photo_verdicts(store: &SqliteStore) -> Result<Vec<(String, bool)>, StoreError> {
    store
        .with_conn(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT sha256, good_photo FROM uploads WHERE good_photo IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
}
