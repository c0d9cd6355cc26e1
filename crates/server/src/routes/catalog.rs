//! `GET /api/catalog`: the current catalog snapshot, precompressed, with an ETag so a
//! returning phone downloads nothing when nothing changed; `/api/catalog/index`, its card
//! index, the same way; `/api/catalog/products/{id}`, one listing's full data;
//! `/api/catalog/search`, a page of a query's results worked out here.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use etalase_model::api::{FacetCount, SearchListing, SearchPage, SearchParams};
use etalase_model::{run_query_on_hits, ListingStatus};

use crate::error::ApiError;
use crate::extract::QueryParams;
use crate::AppState;

/// Serves the snapshot in the best encoding the client accepts; 304 on a matching ETag.
#[utoipa::path(
    get,
    path = "/catalog",
    tag = "catalog",
    params(
        ("If-None-Match" = Option<String>, Header,
            description = "The `ETag` of a catalog the client already has"),
    ),
    responses(
        (status = 200, description = "The published catalog", body = etalase_model::Catalog,
            headers(
                ("ETag" = String, description = "Changes whenever the catalog does"),
                ("Cache-Control" = String, description = "`no-cache`: always revalidate"),
            )),
        (status = 304, description = "The client's copy (`If-None-Match`) is current",
            headers(("ETag" = String, description = "The current catalog's tag"))),
    )
)]
pub async fn get_catalog(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let snap = state.snapshots.current();
    let (json, brotli, gzip) = (&snap.json, &snap.brotli, &snap.gzip);
    serve(&headers, &snap.etag(), json, brotli, gzip)
}

/// `GET /api/catalog/index`: what the catalog pages need of every listing, a quarter of
/// the catalog's bytes (see `etalase_model::CardIndex`).
#[utoipa::path(
    get,
    path = "/catalog/index",
    tag = "catalog",
    params(
        ("If-None-Match" = Option<String>, Header,
            description = "The `ETag` of an index the client already has"),
    ),
    responses(
        (status = 200, description = "The card index of the published catalog (`CardIndex`: columns of the listings' card fields, sellers, villages, partners)",
            content_type = "application/json",
            headers(
                ("ETag" = String, description = "The catalog's version; changes whenever the catalog does"),
                ("Cache-Control" = String, description = "`no-cache`: always revalidate"),
            )),
        (status = 304, description = "The client's copy (`If-None-Match`) is current",
            headers(("ETag" = String, description = "The current index's tag"))),
    )
)]
pub async fn get_index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let snap = state.snapshots.current();
    let index = &snap.index;
    serve(
        &headers,
        &snap.etag(),
        &index.json,
        &index.brotli,
        &index.gzip,
    )
}

/// `?v=`: the catalog version the client's index is of.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct VersionQuery {
    /// Details of this version are cached for good; any other gets the current ones.
    pub v: Option<String>,
}

/// `GET /api/catalog/products/{id}`: a published listing's full data, fetched when it is
/// opened.
#[utoipa::path(
    get,
    path = "/catalog/products/{id}",
    tag = "catalog",
    params(
        ("id" = String, Path, description = "The listing's id"),
        VersionQuery,
    ),
    responses(
        (status = 200, description = "The listing as the catalog has it", body = etalase_model::Product,
            headers(
                ("ETag" = String, description = "The catalog's version"),
                ("Cache-Control" = String, description = "For good when `v` is the current version, else `no-cache`"),
            )),
        (status = 304, description = "The client's copy is current"),
        (status = 404, description = "`not_found`: no published listing has this id", body = crate::error::ErrorBody),
    )
)]
pub async fn get_product(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<VersionQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let snap = state.snapshots.current();
    let product = snap
        .catalog
        .product(&id)
        .filter(|p| p.status == ListingStatus::Published)
        .ok_or(ApiError::NotFound)?;
    // The address names the version: its answer never changes, so it is kept for good.
    let cache = if query.v.as_deref() == Some(snap.version.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok(tagged(&headers, &snap.etag(), cache, || {
        Json(product).into_response()
    }))
}

/// `GET /api/catalog/search`: one page of a query's results, found with the snapshot's
/// search index and filtered, counted and sorted by the model's code, as the app does with
/// its own copy of the index. It answers a phone whose index is still arriving, and any
/// client of a catalog too large to ship.
#[utoipa::path(
    get,
    path = "/catalog/search",
    tag = "catalog",
    params(SearchParams),
    responses(
        (status = 200, description = "The page, the total and the category counts", body = SearchPage),
        (status = 400, description = "`malformed`: `offset` or `limit` is not a number", body = crate::error::ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    QueryParams(params): QueryParams<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let snap = state.snapshots.current();
    let today = crate::clock::today_in_kalimantan();
    // A one-letter query over 100,000 listings is milliseconds of work: off the runtime's
    // threads, which serve everyone else's requests.
    let page = tokio::task::spawn_blocking(move || {
        let query = params.query();
        let catalog = &snap.catalog;
        let hits = snap.search.search(&query.q).into_iter().map(|(i, _)| i);
        let (found, facets) = run_query_on_hits(catalog, hits, &query, today);
        let listings = found[params.page(found.len())]
            .iter()
            .map(|&i| {
                let product = &catalog.products[i];
                SearchListing {
                    village_name: catalog
                        .village_of(product)
                        .map(|v| v.name.clone())
                        .unwrap_or_default(),
                    verified: catalog.seller_verified(product),
                    product: product.clone(),
                }
            })
            .collect();
        SearchPage {
            version: snap.version.clone(),
            total: found.len(),
            facets: facets
                .into_iter()
                .map(|(category, count)| FacetCount { category, count })
                .collect(),
            listings,
        }
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(page))
}

/// One document of the snapshot in the best encoding the client accepts; 304 on a
/// matching ETag.
fn serve(headers: &HeaderMap, etag: &str, json: &Bytes, brotli: &Bytes, gzip: &Bytes) -> Response {
    // Always revalidate: a 304 costs one small round trip and listings show up at once.
    let mut res = tagged(headers, etag, "no-cache", || {
        let accept = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let (body, encoding) = if accepts(accept, "br") {
            (brotli.clone(), Some("br"))
        } else if accepts(accept, "gzip") {
            (gzip.clone(), Some("gzip"))
        } else {
            (json.clone(), None)
        };
        let mut res = body.into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(enc) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
        }
        res
    });
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

/// `304` on a matching `If-None-Match`, else `body()`; either way with the ETag and
/// `cache` as `Cache-Control`.
fn tagged(
    headers: &HeaderMap,
    etag: &str,
    cache: &'static str,
    body: impl FnOnce() -> Response,
) -> Response {
    let mut res = if if_none_match(headers, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body()
    };
    let h = res.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_str(etag).expect("hex etag"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// Whether an Accept-Encoding list allows `coding` (absent or `q=0` means no).
fn accepts(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|part| {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let refused = it.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn accept_encoding_parsing() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("br;q=1.0, gzip;q=0.8", "gzip"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(!accepts("", "gzip"));
    }
}
