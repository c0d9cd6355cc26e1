//! Photos in PostgreSQL (`bytea`), shared by every replica. Photos are at most 1 MB, few
//! and written once, well within what a table serves; past that, an object store
//! (`object_store` over S3) implements the same [`BlobStore`].

use async_trait::async_trait;
use bytes::Bytes;
use deadpool_postgres::Pool;

use crate::blobs::{BlobError, BlobStore};
use crate::store::StoreError;

/// The shared photo store of a [`super::PgStore`]'s database.
#[derive(Clone)]
pub struct PgBlobs {
    pub(super) pool: Pool,
}

#[async_trait]
impl BlobStore for PgBlobs {
    async fn put(&self, sha256: &str, bytes: Bytes) -> Result<bool, BlobError> {
        let client = self.pool.get().await.map_err(StoreError::from)?;
        let added = client
            .execute(
                "INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&sha256, &bytes.as_ref()],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(added == 1)
    }

    async fn get(&self, sha256: &str) -> Result<Option<Bytes>, BlobError> {
        let client = self.pool.get().await.map_err(StoreError::from)?;
        Ok(client
            .query_opt("SELECT bytes FROM blobs WHERE sha256 = $1", &[&sha256])
            .await
            .map_err(StoreError::from)?
            .map(|r| Bytes::from(r.get::<_, Vec<u8>>(0))))
    }
}
