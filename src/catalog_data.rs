//! The catalog, loaded once per visit and shared by every page that shows listings, with
//! its search index built once beside it.

use std::sync::Arc;

use etalase_model::{Catalog, CatalogQuery, Date, SearchIndex};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};

/// A loaded catalog with its search index.
pub struct CatalogData {
    pub catalog: Catalog,
    pub index: SearchIndex,
    pub from_cache: bool,
}

/// The catalog resource in context. Retrying refetches it.
#[derive(Clone, Copy)]
pub struct CatalogResource(pub LocalResource<Result<Arc<CatalogData>, ApiError>>);

/// Starts loading the catalog; call once in `App`.
pub fn provide_catalog() {
    let resource = LocalResource::new(|| async {
        let loaded = api::catalog().await?;
        let index = SearchIndex::build(&loaded.catalog);
        Ok(Arc::new(CatalogData {
            catalog: loaded.catalog,
            index,
            from_cache: loaded.from_cache,
        }))
    });
    provide_context(CatalogResource(resource));
}

pub fn use_catalog() -> CatalogResource {
    expect_context::<CatalogResource>()
}

/// Today's civil date in the browser's time zone (for certificate validity).
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|_| Date::from_days_since_epoch((now.get_time() / 86_400_000.0) as i64))
}

/// The catalog query in the URL, and a setter that writes a new one back.
///
/// The URL is the single source of truth, so a link shared on WhatsApp opens the same view
/// and back/forward restore it. `replace` is for typing (one history entry per search, not
/// per keystroke); filter changes push an entry.
pub fn use_catalog_query() -> (
    Memo<CatalogQuery>,
    impl Fn(CatalogQuery, bool) + Clone + 'static,
) {
    let location = use_location();
    let query = Memo::new(move |_| CatalogQuery::from_query_string(&location.search.get()));
    let navigate = use_navigate();
    let set = move |q: CatalogQuery, replace: bool| {
        let qs = q.to_query_string();
        let url = if qs.is_empty() {
            "/".to_string()
        } else {
            format!("/?{qs}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    (query, set)
}
