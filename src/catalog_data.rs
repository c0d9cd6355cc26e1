//! The catalog, loaded once per visit and shared by every page that shows listings. Its
//! search index is built in the search worker (`crate::search_worker`), off this thread,
//! and searched here; until it comes the server's search answers, and should the worker
//! not start, the index is built here when a search first needs it. A catalog too large
//! for a phone to search (`CardIndex::searched_by_server`) is searched by the server
//! alone, page by page as the reader scrolls.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use etalase_model::api::{SearchPage, SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX};
use etalase_model::{AppArea, Catalog, CatalogQuery, Category, Date, SearchIndex};
use leptos::leptos_dom::helpers::{set_timeout, set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::routes::AppPath;
use crate::search_worker::client::{self as search_worker, Event};

/// A loaded catalog and the way to search it.
pub struct CatalogData {
    pub catalog: Catalog,
    /// The search index: the worker's, or built on this thread if the worker cannot help.
    index: OnceLock<SearchIndex>,
    remote: Remote,
    /// Listing id → position, for the server's answers; made when one first comes.
    positions: OnceLock<HashMap<u64, usize>>,
    pub from_cache: bool,
    /// Every search with words goes to the server: no index is built on the phone.
    pub searched_by_server: bool,
}

/// The search worker's state, as signals a page's results follow.
#[derive(Clone, Default)]
struct Remote {
    /// The catalog version whose index the worker has sent, once it has.
    indexed: ArcRwSignal<Option<String>>,
    /// That index's bytes, until the catalog takes them.
    received: Arc<Mutex<Option<IndexBytes>>>,
    /// The index is built on this thread: the seller's app (whose pages seldom search, on
    /// phones better spared a worker) or a worker that could not help.
    on_page: ArcRwSignal<bool>,
    /// The server's answer to a query, asked for while the worker builds its index (or
    /// always, for a catalog searched by the server): its pages so far, or its failure.
    server: ArcRwSignal<Option<ServerAnswer>>,
    /// The query and offset last asked of the server; an answer to another is dropped.
    server_asked: Arc<Mutex<Option<(CatalogQuery, usize)>>>,
}

/// What the server answered for one query.
#[derive(Clone)]
struct ServerAnswer {
    query: CatalogQuery,
    /// Its pages so far, in order.
    pages: Vec<Arc<SearchPage>>,
    /// The last request (the first page, or the one after `pages`) failed: offline, say.
    failed: bool,
}

/// A catalog version and its search index's bytes.
type IndexBytes = (String, Vec<u8>);

/// The results the server worked out: the listings of its pages so far as positions in
/// the catalog, or that it could not be reached.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServerResults {
    pub listings: Vec<usize>,
    pub total: usize,
    pub facets: Vec<(Category, usize)>,
    /// The last request failed (with `listings` empty: the first page); what came stays,
    /// and [`CatalogData::retry_server`] asks again.
    pub failed: bool,
}

impl Remote {
    fn on_event(&self, event: Event) {
        match event {
            Event::Indexed { version, index, .. } => {
                // For the page-load benchmark (tests/bench/page_metrics.mjs) and DevTools.
                api::mark("search-ready");
                *self.received.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some((version.clone(), index));
                self.indexed.set(Some(version))
            }
            Event::Failed(detail) => self.fail(&detail),
        }
    }

    fn fail(&self, detail: &str) {
        web_sys::console::warn_1(&format!("search worker: {detail}").into());
        self.on_page.set(true);
    }
}

/// What a search found, wherever it was answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Searched here: every listing matching the words, best first, as positions in the
    /// catalog (the query's filters are still to apply).
    Here(Arc<Vec<usize>>),
    /// The server's answer so far, filters applied.
    Server(ServerResults),
    /// No answer yet: the worker is building its index, or the server is asked.
    Pending,
    /// The server could not be reached and nothing else will answer (a catalog searched by
    /// the server); [`CatalogData::retry_server`] asks again.
    Failed,
}

impl CatalogData {
    /// Searches `query` where it can be answered now: here, with the worker's index; while
    /// that is built (or always, for a catalog searched by the server) by the server. Whoever
    /// calls this in a reactive scope is woken when the answer changes.
    pub fn search(&self, query: &CatalogQuery) -> Found {
        if let Some(hits) = self.hits_for(&query.q) {
            return Found::Here(hits);
        }
        if self.search_ready() {
            return Found::Pending;
        }
        match self.server_results(query) {
            Some(results) if !(results.failed && results.listings.is_empty()) => {
                Found::Server(results)
            }
            Some(_) if self.searched_by_server => Found::Failed,
            // Offline while the worker builds: its answer comes later instead.
            _ => Found::Pending,
        }
    }

    /// The listings matching `query`'s words, best first, as positions in `catalog`, or
    /// `None` while the worker builds the index (whoever called this in a reactive scope
    /// is woken when it comes) and always for a catalog searched by the server. A query
    /// without words matches every listing, in order.
    fn hits_for(&self, query: &str) -> Option<Arc<Vec<usize>>> {
        if !SearchIndex::has_words(query) {
            return Some(Arc::new((0..self.catalog.products.len()).collect()));
        }
        if self.searched_by_server {
            return None;
        }
        let index = self.index.get().or_else(|| self.adopt_worker_index());
        let index = match index {
            Some(index) => index,
            None if self.remote.on_page.get() => self.local_index(),
            None => return None,
        };
        Some(Arc::new(
            index.search(query).into_iter().map(|(i, _)| i).collect(),
        ))
    }

    /// The worker's index, if it has sent the one of this catalog (read once, kept).
    fn adopt_worker_index(&self) -> Option<&SearchIndex> {
        let version = self.remote.indexed.get()?;
        if version != self.catalog.version {
            return None;
        }
        let received = self
            .remote
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let (_, bytes) = received.filter(|(v, _)| *v == version)?;
        match SearchIndex::from_bytes(&bytes) {
            // Built from this catalog's own JSON, so its positions are this catalog's.
            Ok(index) if index.len() == self.catalog.products.len() => {
                Some(self.index.get_or_init(|| index))
            }
            Ok(_) => {
                self.remote.fail("its index has another number of listings");
                None
            }
            Err(e) => {
                self.remote.fail(&e.to_string());
                None
            }
        }
    }

    /// Whether searches are answered here now (the worker's index has come, or the page
    /// builds its own); before, and always for a catalog searched by the server, the
    /// server's search answers.
    fn search_ready(&self) -> bool {
        !self.searched_by_server
            && (self.index.get().is_some()
                || self.remote.on_page.get()
                || self
                    .remote
                    .indexed
                    .with(|v| v.as_ref() == Some(&self.catalog.version)))
    }

    /// The server's results for `query` so far, or `None` until it answers (asked now).
    /// For the seconds a phone's worker takes to build its index, words typed meanwhile or
    /// an address with a search in it are answered by the server rather than not at all;
    /// a catalog searched by the server is answered so always.
    fn server_results(&self, query: &CatalogQuery) -> Option<ServerResults> {
        let answer = self.remote.server.with(|answer| {
            answer
                .as_ref()
                .filter(|a| a.query == *query)
                .map(|a| (a.pages.clone(), a.failed))
        });
        let Some((pages, failed)) = answer else {
            self.ask_server(query, 0);
            return None;
        };
        let Some(last) = pages.last() else {
            return Some(ServerResults {
                failed,
                ..ServerResults::default()
            });
        };
        let products = &self.catalog.products;
        // By the ids' hashes: no copy of 100,000 ids on a phone's thread.
        let positions = self.positions.get_or_init(|| {
            products
                .iter()
                .enumerate()
                .map(|(i, p)| (id_hash(&p.id), i))
                .collect()
        });
        let position = |id: &String| match positions.get(&id_hash(id)) {
            Some(&i) if products[i].id == *id => Some(i),
            // Two ids of one hash: looked for one by one.
            _ => products.iter().position(|p| p.id == *id),
        };
        Some(ServerResults {
            listings: pages
                .iter()
                .flat_map(|page| &page.listings)
                .filter_map(|l| position(&l.product.id))
                .collect(),
            total: last.total,
            facets: last.facets.iter().map(|f| (f.category, f.count)).collect(),
            failed,
        })
    }

    /// Asks the server for the page of `query` after those it has answered, if there is
    /// one: the reader has scrolled to the end of what came.
    pub fn more_from_server(&self, query: &CatalogQuery) {
        let next = self.remote.server.with_untracked(|answer| {
            let pages = &answer.as_ref().filter(|a| a.query == *query)?.pages;
            let shown: usize = pages.iter().map(|p| p.listings.len()).sum();
            (shown < pages.last()?.total).then_some(shown)
        });
        if let Some(offset) = next {
            self.ask_server(query, offset);
        }
    }

    /// Asks again for what failed of `query`'s answer: its first page, or the next.
    pub fn retry_server(&self, query: &CatalogQuery) {
        *self
            .remote
            .server_asked
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = None;
        let kept = self.remote.server.with_untracked(|answer| {
            answer
                .as_ref()
                .is_some_and(|a| a.query == *query && !a.pages.is_empty())
        });
        if kept {
            self.remote.server.update(|answer| {
                if let Some(answer) = answer {
                    answer.failed = false;
                }
            });
            self.more_from_server(query);
        } else {
            self.remote.server.set(None);
            // Asked at once: nothing may be tracking the answer's absence to ask for it.
            self.ask_server(query, 0);
        }
    }

    /// Asks for `query`'s page at `offset`, unless that is what was last asked. Only the
    /// answer to the last request is kept: typing outruns the answers, and an older one
    /// arriving late must not replace a newer.
    fn ask_server(&self, query: &CatalogQuery, offset: usize) {
        let ask = (query.clone(), offset);
        {
            let mut asked = self
                .remote
                .server_asked
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if asked.as_ref() == Some(&ask) {
                return;
            }
            *asked = Some(ask.clone());
        }
        let (asked, answer) = (
            Arc::clone(&self.remote.server_asked),
            self.remote.server.clone(),
        );
        // A first page of what a phone shows in three screens: each listing comes whole
        // and is read on the page's thread.
        let limit = if offset == 0 {
            SEARCH_PAGE_DEFAULT
        } else {
            SEARCH_PAGE_MAX
        };
        leptos::task::spawn_local(async move {
            let page = api::search_page(&ask.0, ask.1, limit).await;
            if asked.lock().unwrap_or_else(|e| e.into_inner()).as_ref() != Some(&ask) {
                return;
            }
            let (query, offset) = ask;
            // A later page follows the pages before it, or is dropped: two requests for one
            // page (a retry pressed twice) must not add it twice.
            let mut pages = answer
                .with_untracked(|a| {
                    a.as_ref()
                        .filter(|a| a.query == query && offset > 0)
                        .map(|a| a.pages.clone())
                })
                .unwrap_or_default();
            let came: usize = pages.iter().map(|p| p.listings.len()).sum();
            if came != offset {
                return;
            }
            let failed = match page {
                Ok(page) => {
                    pages.push(Arc::new(page));
                    false
                }
                // What came stays; the page says so and offers to ask again.
                Err(_) => {
                    *asked.lock().unwrap_or_else(|e| e.into_inner()) = None;
                    true
                }
            };
            answer.set(Some(ServerAnswer {
                query,
                pages,
                failed,
            }));
        });
    }

    /// The index on this thread: 260–280 ms of wasm to build at 10,000 listings.
    fn local_index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(&self.catalog))
    }
}

/// The catalog resource in context. Retrying refetches it.
#[derive(Clone, Copy)]
pub struct CatalogResource(pub LocalResource<Result<Arc<CatalogData>, ApiError>>);

/// Starts loading the catalog, and in the buyer's app the search worker; call once per app.
pub fn provide_catalog(area: AppArea) {
    let resource = LocalResource::new(move || async move {
        let remote = Remote::default();
        if area == AppArea::Shop {
            let events = remote.clone();
            // Started first: its wasm loads while the index does.
            search_worker::start(move |event| events.on_event(event));
        } else {
            remote.on_page.set(true);
        }
        let result = async {
            let (json, from_cache) = api::catalog_json().await?;
            api::mark("index-received");
            // One copy into this wasm's memory; the buffer itself moves to the worker.
            let bytes = js_sys::Uint8Array::new(&json).to_vec();
            if area == AppArea::Shop {
                search_worker::index(json);
            }
            api::mark("index-sent");
            let mut searched_by_server = false;
            let catalog = api::decode_catalog(&bytes, |on_server| {
                searched_by_server = on_server;
                if on_server {
                    // Its index would not be used: the worker's time is the phone's too.
                    search_worker::stop();
                }
            })
            .await?;
            drop(bytes);
            if searched_by_server {
                // Searches are answered from now on (the page-load benchmark waits for
                // this mark, which the worker's index sets otherwise).
                api::mark("search-ready");
            }
            Ok(Arc::new(CatalogData {
                catalog,
                index: OnceLock::new(),
                remote,
                positions: OnceLock::new(),
                from_cache,
                searched_by_server,
            }))
        }
        .await;
        // The page drawn from it removes the server's first view (`PageMeta`); should a
        // page not, the first view still goes soon after, and at once on a failure (whose
        // message the app shows).
        if result.is_err() {
            crate::retire_first_view();
        } else {
            set_timeout(crate::retire_first_view, std::time::Duration::from_secs(2));
        }
        result
    });
    provide_context(CatalogResource(resource));
    provide_typed_query();
}

pub fn use_catalog() -> CatalogResource {
    expect_context::<CatalogResource>()
}

/// Today in WITA (UTC+8), East Kalimantan's day, which the server's date rules use (a
/// quote's validity, an RFQ's "valid until"): a buyer abroad sees the same answer the
/// server will give.
pub fn today_in_kalimantan() -> Date {
    let seconds = (js_sys::Date::now() / 1000.0) as i64;
    Date::from_days_since_epoch((seconds + 8 * 3600).div_euclid(86_400))
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

/// How long typing must pause before the URL follows the search box.
const URL_AFTER_TYPING: std::time::Duration = std::time::Duration::from_millis(350);

/// A search typed but not yet written to the URL, shared by the header's search box and the
/// catalog. Writing the URL is a router navigation plus `history.replaceState`, ≈ 7 ms of a
/// phone's main thread at full speed and four times that throttled, so typing updates the
/// results at once and the URL when typing pauses.
#[derive(Clone, Copy)]
struct TypedQuery {
    query: RwSignal<Option<CatalogQuery>>,
    /// Whether `query` holds a search being typed, changing only when typing starts or
    /// pauses (not on every keystroke as `query` does).
    typing: Memo<bool>,
    /// The pending URL write and its URL, cancelled by the next keystroke or any
    /// navigation, done at once when the search box loses focus.
    timer: StoredValue<Option<(TimeoutHandle, String)>, LocalStorage>,
}

fn provide_typed_query() {
    let query = RwSignal::new(None::<CatalogQuery>);
    provide_context(TypedQuery {
        query,
        typing: Memo::new(move |_| query.with(Option::is_some)),
        timer: StoredValue::new_local(None),
    });
}

/// True from a search keystroke until typing pauses and the URL follows: what the catalog
/// shows meanwhile is passing, so work that can wait (the result cards' photos) waits for
/// the pause. Always false outside the buyer's app, which is the only one with a search box.
pub fn use_typing() -> Signal<bool> {
    use_context::<TypedQuery>().map_or(Signal::stored(false), |t| t.typing.into())
}

impl TypedQuery {
    /// Cancels the pending URL write, returning its URL.
    fn cancel_write(self) -> Option<String> {
        let (handle, url) = self.timer.try_update_value(Option::take).flatten()?;
        handle.clear();
        Some(url)
    }
}

/// The catalog query (the URL's, or what is being typed), and a setter.
///
/// The URL is the source of truth, so a link shared on WhatsApp opens the same view and
/// back/forward restore it. `replace` is for typing: the results follow at once, the URL
/// (one history entry per search, not per keystroke) once typing pauses. Filter changes
/// push an entry at once.
pub fn use_catalog_query() -> (
    Memo<CatalogQuery>,
    impl Fn(CatalogQuery, bool) + Clone + 'static,
) {
    let location = use_location();
    let typed = use_context::<TypedQuery>();
    let query = Memo::new(move |_| {
        typed
            .and_then(|t| t.query.get())
            .unwrap_or_else(|| CatalogQuery::from_query_string(&location.search.get()))
    });
    let navigate = use_navigate();
    let set = move |q: CatalogQuery, replace: bool| {
        let url = catalog_url(&q);
        let navigate = navigate.clone();
        match typed {
            Some(t) if replace => {
                let _ = t.cancel_write();
                t.query.set(Some(q));
                let write = url.clone();
                let handle = set_timeout_with_handle(
                    move || navigate(&write, catalog_navigation(true)),
                    URL_AFTER_TYPING,
                );
                t.timer.set_value(handle.ok().map(|h| (h, url)));
            }
            _ => {
                if let Some(t) = typed {
                    let _ = t.cancel_write();
                }
                navigate(&url, catalog_navigation(replace));
            }
        }
    };
    (query, set)
}

/// Ends the typed state on any navigation (the pending write, back/forward, a link): the
/// URL is the truth again, and equal queries re-render nothing. Mounted once inside the
/// router, which owns the location, rather than once per [`use_catalog_query`] caller.
#[component]
pub fn TypedQueryFollowsUrl() -> impl IntoView {
    let location = use_location();
    if let Some(t) = use_context::<TypedQuery>() {
        Effect::new(move |prev: Option<()>| {
            location.search.track();
            if prev.is_some() {
                let _ = t.cancel_write();
                t.query.set(None);
            }
        });
    }
}

/// Writes a typed search to the URL now rather than when typing pauses: called when the
/// search box loses focus, which comes before a click on a result, so the catalog's history
/// entry holds the whole search when the reader comes back.
pub fn use_flush_typed_query() -> impl Fn() + Clone + 'static {
    let typed = use_context::<TypedQuery>();
    let navigate = use_navigate();
    move || {
        if let Some(url) = typed.and_then(TypedQuery::cancel_write) {
            navigate(&url, catalog_navigation(true));
        }
    }
}

/// A move within the catalog: the page stays where the reader scrolled it.
fn catalog_navigation(replace: bool) -> NavigateOptions {
    NavigateOptions {
        replace,
        scroll: false,
        ..Default::default()
    }
}

fn catalog_url(q: &CatalogQuery) -> String {
    AppPath::Catalog {
        query: &q.to_query_string(),
    }
    .href()
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}
