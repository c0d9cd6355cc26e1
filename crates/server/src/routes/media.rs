//! `GET /media/u/{sha256}.jpg`: uploaded photos; `/media/c/…`: a card's photo by its
//! listing; `GET /media/demo/{name}-{400|800|1600}.jpg`: demo pictures (named by their product, or
//! like uploads by a hash in the synthetic catalogs), drawn on first request and then kept
//! on disk, so starting the server stays instant.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::{demo_images, snapshot::write_atomic, AppState};

pub async fn get_demo_photo(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let (id, width) = parse_name(&file).ok_or(ApiError::NotFound)?;
    // Only photos of the current catalog: the name cannot make the server draw (or store)
    // arbitrary files.
    let category = state
        .snapshots
        .demo_photo_category(id)
        .ok_or(ApiError::NotFound)?;
    let path = demo_images::photos_dir(&state.config.data_dir).join(&file);
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let id = id.to_string();
            tokio::task::spawn_blocking(move || {
                let bytes = demo_images::render_jpeg(&id, category, width);
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                // A cache: failing to store it only costs a redraw next time.
                if let Err(err) = write_atomic(&path, &bytes) {
                    tracing::warn!(error = %err, "could not cache demo photo");
                }
                bytes
            })
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
        }
    };
    let mut res = bytes.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(res)
}

/// `GET /media/c/{product}-{key}.jpg`: a card's photo, by its listing and the short key of
/// its thumbnail (`etalase_model::photo_key`), so the card index need not carry each
/// photo's 64-digit name. The listing's current thumbnail is served; kept for good when the
/// key is the current photo's, revalidated when the photo changed since the index.
pub async fn get_card_photo(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let (id, key) = file
        .strip_suffix(".jpg")
        .and_then(|stem| stem.rsplit_once('-'))
        .ok_or(ApiError::NotFound)?;
    let thumb = state
        .snapshots
        .current()
        .thumbs
        .get(id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    let mut res = if let Some(upload) = thumb.strip_prefix("/media/u/") {
        get_upload(State(state), Path(upload.to_string())).await?
    } else if let Some(demo) = thumb.strip_prefix("/media/demo/") {
        get_demo_photo(State(state), Path(demo.to_string())).await?
    } else {
        return Err(ApiError::NotFound);
    };
    let cache = if etalase_model::catalog::photo_key(&thumb) == key {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(res)
}

/// `GET /media/u/{sha256}.jpg`: a stored upload. The name is the content's hash, so the
/// response never changes: cache it forever.
pub async fn get_upload(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let valid = file.strip_suffix(".jpg").is_some_and(|hash| {
        hash.len() == 64
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if !valid {
        return Err(ApiError::NotFound);
    }
    let hash = &file[..64];
    let data = state
        .blobs
        .get(hash)
        .await
        .map_err(|e| ApiError::from_blob("reading upload", e))?
        .ok_or(ApiError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        data,
    )
        .into_response())
}

/// `kerupuk-udang-sepatin-250g-400.jpg` → (`kerupuk-udang-sepatin-250g`, 400).
fn parse_name(file: &str) -> Option<(&str, u32)> {
    let stem = file.strip_suffix(".jpg")?;
    let (id, width) = stem.rsplit_once('-')?;
    let width: u32 = width.parse().ok()?;
    demo_images::WIDTHS.contains(&width).then_some((id, width))
}

#[cfg(test)]
mod tests {
    use super::parse_name;

    #[test]
    fn names() {
        assert_eq!(
            parse_name("madu-kelulut-1600.jpg"),
            Some(("madu-kelulut", 1600))
        );
        assert_eq!(
            parse_name("madu-kelulut-800.jpg"),
            Some(("madu-kelulut", 800))
        );
        assert_eq!(parse_name("madu-kelulut-1200.jpg"), None);
        assert_eq!(parse_name("madu-kelulut-400.png"), None);
    }
}
