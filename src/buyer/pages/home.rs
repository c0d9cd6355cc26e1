use std::sync::Arc;

use etalase_model::{run_query_on_hits, Category, Sort};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::buyer::components::{FilterPanel, ShowMore};
use crate::catalog_data::{today, use_catalog_query, use_typing, CatalogData, Found};
use crate::components::{focus_selector, load_waiting_photos, PageMeta, ProductCard, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::routes::AppPath;

/// Rows of cards a keystroke renders; more come as the reader scrolls ([`ShowMore`]).
/// Laying out and painting the new cards is most of the frame after a keystroke that
/// changes the results, so a phone renders what it can show soon, not more: four rows of
/// its two columns are under two screens. With twelve cards (six rows) the slowest
/// keystrokes at 4× CPU took a third longer, p95 176 against 131 ms in interleaved runs
/// (BENCHMARKS.md, page load and search keystrokes).
const ROWS: usize = 4;

/// Cards in one page of results: [`ROWS`] full rows at the grid's current column count, so
/// the last row is never half empty while more wait. The `matchMedia` lists are made once:
/// making them was most of this, and every keystroke asks again.
#[derive(Clone, Copy)]
struct PageSize(StoredValue<[Option<web_sys::MediaQueryList>; 2], LocalStorage>);

impl PageSize {
    fn new() -> Self {
        // The `.card-grid` breakpoints of style/main.css, widest first.
        let list = |query: &str| window().match_media(query).ok().flatten();
        Self(StoredValue::new_local([
            list("(min-width: 80rem)"),
            list("(min-width: 40rem)"),
        ]))
    }

    fn get(self) -> usize {
        let columns = self.0.with_value(|[wide, medium]| {
            let matches =
                |l: &Option<web_sys::MediaQueryList>| l.as_ref().is_some_and(|l| l.matches());
            if matches(wide) {
                4
            } else if matches(medium) {
                3
            } else {
                2
            }
        });
        columns * ROWS
    }
}

/// What the results show for a query.
#[derive(Debug, Clone, PartialEq, Default)]
struct Results {
    /// Positions in the catalog, in order: every listing found, or the server's first page.
    listings: Vec<usize>,
    /// Listings found in all.
    total: usize,
    facets: Vec<(Category, usize)>,
    /// The query's words are still being searched: what shows is the query before.
    pending: bool,
    /// The server, which searches this catalog, could not be reached.
    failed: bool,
    /// The server's next page could not be fetched: the listings shown are all that came.
    more_failed: bool,
}

/// `/`: the catalog with search, filters and sort, all in the URL.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let (query, _) = use_catalog_query();
    let browsing = move || query.with(|q| q.q.is_empty() && !q.has_filters());
    view! {
        // The page's one h1 is the hero's; while a search or a filter hides the hero, its
        // title stays for screen readers.
        <Show when=browsing fallback=move || view! {
            <h1 class="visually-hidden">{move || i18n.t().home_title}</h1>
        }>
            <section class="hero">
                <h1>{move || i18n.t().home_title}</h1>
                <p class="lead">{move || i18n.t().home_lead}</p>
                <div class="hero-actions">
                    <a class="button primary" href="#katalog">{move || i18n.t().home_cta_browse}</a>
                    <A href=AppPath::SellerDashboard.href() attr:class="button secondary">{move || i18n.t().home_cta_sell}</A>
                </div>
            </section>
        </Show>
        <section id="katalog" class="catalog" aria-labelledby="catalog-heading">
            <h2 id="catalog-heading" class="visually-hidden">{move || i18n.t().catalog_heading}</h2>
            <WithCatalog render=|data| view! { <CatalogView data=data/> }/>
        </section>
    }
}

/// Results, toolbar and filters for a loaded catalog.
#[component]
fn CatalogView(
    /// The loaded catalog and its index.
    data: Arc<CatalogData>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (query, set_query) = use_catalog_query();
    let day = today();
    let d = Arc::clone(&data);
    let results = Memo::new(move |shown: Option<&Results>| {
        query.with(|q| match d.search(q) {
            Found::Here(hits) => {
                let (listings, facets) =
                    run_query_on_hits(&d.catalog, hits.iter().copied(), q, day);
                Results {
                    total: listings.len(),
                    listings,
                    facets,
                    pending: false,
                    failed: false,
                    more_failed: false,
                }
            }
            Found::Server(page) => Results {
                listings: page.listings,
                total: page.total,
                facets: page.facets,
                pending: false,
                failed: false,
                more_failed: page.failed,
            },
            // Say so, keeping what shows.
            Found::Failed => Results {
                pending: false,
                failed: true,
                more_failed: false,
                ..shown.cloned().unwrap_or_default()
            },
            // Until an answer comes, the results already shown stay.
            Found::Pending => Results {
                pending: true,
                failed: false,
                more_failed: false,
                ..shown.cloned().unwrap_or_default()
            },
        })
    });
    let hits = Memo::new(move |_| results.with(|r| r.listings.clone()));
    let counts = Signal::derive(move || results.with(|r| r.facets.clone()));
    let total = Memo::new(move |_| results.with(|r| r.total));
    let pending = Memo::new(move |_| results.with(|r| r.pending));
    let failed = Memo::new(move |_| results.with(|r| r.failed));
    let more_failed = Memo::new(move |_| results.with(|r| r.more_failed));
    let page_size = PageSize::new();
    let shown = RwSignal::new(page_size.get());
    // A new search starts from the top of the list again.
    Effect::new(move |_| {
        query.track();
        shown.set(page_size.get());
    });
    // The server sends a catalog it searches a page at a time: the reader scrolling past
    // what came asks for the next.
    let more_on_server = data.searched_by_server;
    let server_data = Arc::clone(&data);
    Effect::new(move |_| {
        if more_on_server && shown.get() > hits.with(Vec::len) {
            query.with_untracked(|q| server_data.more_from_server(q));
        }
    });
    let has_more = move || {
        let found = hits.with(Vec::len);
        found > shown.get()
            || (more_on_server && found < total.get() && !failed.get() && !more_failed.get())
    };
    let retry_data = Arc::clone(&data);
    // The retry buttons go as they are pressed: focus stays where the reader was, the
    // search box above the results, or the last listing that came before the ones asked.
    let retry = {
        let data = Arc::clone(&retry_data);
        move |_| {
            query.with_untracked(|q| data.retry_server(q));
            focus_selector("#site-search");
        }
    };
    let retry_more = move |_| {
        query.with_untracked(|q| retry_data.retry_server(q));
        focus_selector(".card-grid > li:last-child a");
    };
    let filters_open = RwSignal::new(false);
    // The filters are drawn in a task after the frame that shows the results: at 10,000
    // listings the two in one task held a phone's main thread for 150–240 ms (4× CPU), and
    // the results are what a reader looks at first (on a phone the filters are folded away
    // behind a button).
    let filters_drawn = RwSignal::new(false);
    crate::event_loop::after_next_paint(move || filters_drawn.set(true));

    let count_text = move || {
        let n = total.get();
        if n == 0 && pending.get() {
            i18n.t().loading.to_string()
        } else if n == 1 {
            i18n.t().results_count_one.to_string()
        } else {
            fill(i18n.t().results_count_many, &[&n])
        }
    };
    let set_sort = set_query.clone();
    let clear = move |_| {
        let q = query.get_untracked();
        set_query(
            etalase_model::CatalogQuery {
                q: q.q,
                sort: q.sort,
                ..Default::default()
            },
            false,
        );
    };
    let clear_all = StoredValue::new_local(clear);
    let active_filters = move || query.with(|q| q.has_filters());
    // Only a change of sort, not every keystroke, may touch the sort menu.
    let sort = Memo::new(move |_| query.with(|q| q.sort));

    // Keyed by product, so a keystroke that keeps a card on screen keeps its DOM too; a
    // plain list re-created all 24 cards (about 700 nodes) on every keystroke.
    let visible = Memo::new(move |_| {
        hits.with(|h| h.iter().take(shown.get()).copied().collect::<Vec<usize>>())
    });
    // A district that has just launched: no listing yet, so no filter to clear.
    let catalog_empty = data.catalog.products.is_empty();
    let cards_data = Arc::clone(&data);
    let card = move |i: usize| {
        let p = cards_data.catalog.products[i].clone();
        let village = cards_data
            .catalog
            .village_of(&p)
            .map(|v| v.name.clone())
            .unwrap_or_default();
        let verified = cards_data.catalog.seller_verified(&p);
        view! { <li><ProductCard product=p village=village verified=verified/></li> }
    };
    // Cards made while a search is typed wait with their photos (`PhotoLoad`); the pause
    // that writes the URL starts them.
    let grid = NodeRef::<leptos::html::Ul>::new();
    let typing = use_typing();
    Effect::new(move |_| {
        if let (false, Some(grid)) = (typing.get(), grid.get()) {
            load_waiting_photos(&grid);
        }
    });

    view! {
        // Here, not beside the hero: `PageMeta` tells the server's first view (which shows
        // the first listings) to give way, which it must not do for a skeleton.
        <PageMeta
            title=Signal::derive(move || i18n.t().nav_catalog.to_string())
            description=Signal::derive(move || i18n.t().home_meta.to_string())
        />
        <div class="catalog-layout">
            <aside class="filters" class:open=move || filters_open.get() id="filter-panel"
                aria-label=move || i18n.t().filters_heading>
                <div class="filters-head">
                    <h2>{move || i18n.t().filters_heading}</h2>
                    <Show when=active_filters>
                        <button type="button" class="link-button" on:click=move |ev| clear_all.with_value(|c| c(ev))>
                            {move || i18n.t().clear_filters}
                        </button>
                    </Show>
                </div>
                <Show when=move || filters_drawn.get()>
                    <FilterPanel data=Arc::clone(&data) category_counts=counts/>
                </Show>
                <button type="button" class="button primary filters-done" on:click=move |_| filters_open.set(false)>
                    {move || i18n.t().show_results}
                </button>
            </aside>
            <div class="results">
                <div class="toolbar">
                    <p class="result-count" role="status" aria-live="polite">{count_text}</p>
                    <button type="button" class="button secondary filters-toggle"
                        aria-controls="filter-panel"
                        aria-expanded=move || filters_open.get().to_string()
                        on:click=move |_| filters_open.update(|o| *o = !*o)>
                        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path d="M3 5h18l-7 8v6l-4 2v-8z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>
                        {move || i18n.t().filters_button}
                        <Show when=active_filters><span class="dot" aria-hidden="true"></span></Show>
                    </button>
                    <div class="sort">
                        <label for="sort">{move || i18n.t().sort_label}</label>
                        <select id="sort" on:change=move |ev| {
                            let mut q = query.get_untracked();
                            q.sort = Sort::from_slug(&event_target_value(&ev)).unwrap_or_default();
                            set_sort(q, false);
                        }>
                            {move || {
                                let lang = i18n.lang();
                                Sort::ALL.iter().map(|&s| view! {
                                    <option value=s.slug() prop:selected=move || sort.get() == s>{s.label(lang)}</option>
                                }).collect_view()
                            }}
                        </select>
                    </div>
                </div>
                <Show when=move || catalog_empty>
                    <div class="panel empty-state">
                        <h2>{move || i18n.t().catalog_empty_title}</h2>
                        <p>{move || i18n.t().catalog_empty_body}</p>
                        <a href=AppPath::SignIn { staff: false }.href() class="button primary">{move || i18n.t().catalog_empty_join}</a>
                    </div>
                </Show>
                <Show when=move || failed.get()>
                    <div class="panel empty-state" role="alert">
                        <h2>{move || i18n.t().search_offline_title}</h2>
                        <p>{move || i18n.t().search_offline_body}</p>
                        <button type="button" class="button primary" on:click=retry.clone()>
                            {move || i18n.t().retry}
                        </button>
                    </div>
                </Show>
                <Show when=move || !catalog_empty && !pending.get() && !failed.get() && hits.with(Vec::is_empty)>
                    <div class="panel empty-state">
                        <h2>{move || i18n.t().empty_title}</h2>
                        <p>{move || i18n.t().empty_body}</p>
                        <button type="button" class="button primary" on:click=move |ev| clear_all.with_value(|c| c(ev))>
                            {move || i18n.t().clear_filters}
                        </button>
                    </div>
                </Show>
                <ul class="card-grid" role="list" node_ref=grid aria-busy=move || pending.get().to_string()>
                    <For each=move || visible.get() key=|i| *i children=card/>
                </ul>
                <Show when=move || more_failed.get()>
                    <div class="notice error more-failed" role="alert">
                        <p>{move || i18n.t().search_more_failed}</p>
                        <button type="button" class="button secondary" on:click=retry_more.clone()>
                            {move || i18n.t().retry}
                        </button>
                    </div>
                </Show>
                <Show when=has_more>
                    <ShowMore on_more=Callback::new(move |()| shown.update(|n| *n += page_size.get())) shown=shown.into()/>
                </Show>
            </div>
        </div>
    }
}
