//! Running a query: search, then filter, count facets and sort in one pass.

use std::collections::{HashMap, HashSet};

use super::{CatalogQuery, Sort};
use crate::catalog::{Catalog, Category, ListingStatus, Product, Village};
use crate::search::{normalize, SearchIndex};
use crate::Date;

/// Runs `query` over the published listings of `catalog`: search, filter, sort. Returns
/// product indices. `index` must have been built from this `catalog`; `today` decides which
/// certificates still count.
pub fn run_query(
    catalog: &Catalog,
    index: &SearchIndex,
    query: &CatalogQuery,
    today: Date,
) -> Vec<usize> {
    run_query_with_facets(catalog, index, query, today).0
}

/// Per category, how many listings the query would find with that category chosen: the other
/// filters apply, the category filter does not, so the menu can show `Madu (12)` next to the
/// current choice. Every category is listed, in menu order.
pub fn facet_counts(
    catalog: &Catalog,
    index: &SearchIndex,
    query: &CatalogQuery,
    today: Date,
) -> Vec<(Category, usize)> {
    run_query_with_facets(catalog, index, query, today).1
}

/// [`run_query`] and [`facet_counts`] from one search.
pub fn run_query_with_facets(
    catalog: &Catalog,
    index: &SearchIndex,
    query: &CatalogQuery,
    today: Date,
) -> (Vec<usize>, Vec<(Category, usize)>) {
    run_query_on_hits(
        catalog,
        index.search(&query.q).into_iter().map(|(i, _)| i),
        query,
        today,
    )
}

/// [`run_query_with_facets`] given the search's answer for `query.q`: `matches` are positions
/// in `catalog.products`, best first, as [`SearchIndex::search`] returns them (without the
/// scores, which only ordered them). An index elsewhere (the app's search worker, the
/// server) answers the words; this filters, counts and sorts.
pub fn run_query_on_hits(
    catalog: &Catalog,
    matches: impl IntoIterator<Item = usize>,
    query: &CatalogQuery,
    today: Date,
) -> (Vec<usize>, Vec<(Category, usize)>) {
    let filter = Filter::new(catalog, query, today);
    let mut counts = [0usize; Category::ALL.len()];
    let mut hits: Vec<usize> = Vec::new();
    for i in matches {
        let Some(p) = catalog.products.get(i) else {
            continue;
        };
        if !filter.matches(p) {
            continue;
        }
        counts[p.category as usize] += 1;
        if query.category.is_none_or(|c| c == p.category) {
            hits.push(i);
        }
    }
    let price = |i: usize| catalog.products[i].base_price();
    // Stable sorts: equal keys keep their relevance order.
    match query.sort {
        Sort::Relevance => {}
        Sort::PriceAsc => hits.sort_by_key(|&i| (price(i).is_none(), price(i))),
        Sort::PriceDesc => hits.sort_by_key(|&i| (price(i).is_none(), std::cmp::Reverse(price(i)))),
        Sort::Newest => hits.sort_by_key(|&i| std::cmp::Reverse(catalog.products[i].created)),
        Sort::DevelopingFirst => hits.sort_by_key(|&i| {
            // `None` (no figures) after every status.
            let status = filter
                .villages
                .get(catalog.products[i].village_slug.as_str())
                .and_then(|v| v.idm_status);
            (status.is_none(), status)
        }),
    }
    let facets = Category::ALL
        .into_iter()
        .map(|c| (c, counts[c as usize]))
        .collect();
    (hits, facets)
}

/// The query's filters, with place names normalised once.
struct Filter<'a> {
    query: &'a CatalogQuery,
    today: Date,
    villages: HashMap<&'a str, &'a Village>,
    kabupaten: Option<String>,
    kecamatan: Option<String>,
    village: Option<String>,
    /// Villages with a signed or running partnership; empty unless the query asks for
    /// partner-backed listings.
    backed: HashSet<&'a str>,
    /// Sellers who sell through the asked cooperative; empty unless the query names one.
    members: HashSet<&'a str>,
    /// Sellers with a verification, when the query asks for them.
    verified: HashSet<&'a str>,
}

impl<'a> Filter<'a> {
    fn new(catalog: &'a Catalog, query: &'a CatalogQuery, today: Date) -> Filter<'a> {
        let norm = |s: &Option<String>| s.as_deref().map(normalize).filter(|s| !s.is_empty());
        Filter {
            query,
            today,
            villages: catalog
                .villages
                .iter()
                .map(|v| (v.slug.as_str(), v))
                .collect(),
            kabupaten: norm(&query.kabupaten),
            kecamatan: norm(&query.kecamatan),
            village: norm(&query.village),
            backed: if query.partner_backed {
                catalog.backed_village_slugs()
            } else {
                HashSet::new()
            },
            members: match &query.cooperative {
                Some(slug) => catalog.cooperative_members(slug).collect(),
                None => HashSet::new(),
            },
            verified: if query.verified {
                catalog
                    .sellers
                    .iter()
                    .filter(|s| s.verified.is_some())
                    .map(|s| s.id.as_str())
                    .collect()
            } else {
                HashSet::new()
            },
        }
    }

    /// Everything but the category.
    fn matches(&self, p: &Product) -> bool {
        let q = self.query;
        if p.status != ListingStatus::Published {
            return false;
        }
        if q.max_moq.is_some_and(|m| p.moq > m)
            || q.max_lead_days.is_some_and(|d| p.lead_time_days > d)
            || (q.export_ready && !p.export_ready)
            || (q.partner_backed && !self.backed.contains(p.village_slug.as_str()))
            || (q.cooperative.is_some() && !self.members.contains(p.seller_id.as_str()))
            || (q.verified && !self.verified.contains(p.seller_id.as_str()))
        {
            return false;
        }
        if q.price_min.is_some() || q.price_max.is_some() {
            let Some(price) = p.base_price() else {
                return false;
            };
            if q.price_min.is_some_and(|min| price < min)
                || q.price_max.is_some_and(|max| price > max)
            {
                return false;
            }
        }
        if q.certificate
            .is_some_and(|kind| !p.has_valid_certificate(kind, self.today))
        {
            return false;
        }
        let needs_village = self.kabupaten.is_some()
            || self.kecamatan.is_some()
            || self.village.is_some()
            || !q.idm.is_empty();
        if needs_village {
            let Some(v) = self.villages.get(p.village_slug.as_str()) else {
                return false;
            };
            let same = |want: &Option<String>, have: &str| {
                want.as_deref().is_none_or(|w| w == normalize(have))
            };
            if !same(&self.kabupaten, &v.kabupaten) || !same(&self.kecamatan, &v.kecamatan) {
                return false;
            }
            if let Some(w) = &self.village {
                if *w != normalize(&v.slug) && *w != normalize(&v.name) {
                    return false;
                }
            }
            if !q.idm.is_empty() && !v.idm_status.is_some_and(|s| q.idm.contains(&s)) {
                return false;
            }
        }
        true
    }
}
