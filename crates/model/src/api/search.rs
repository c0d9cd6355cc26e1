//! The server's search, as `GET /api/catalog/search` answers: one page of a query's
//! results, worked out by the same `filter::run_query_on_hits` the app runs, for a client
//! that does not have the card index (yet, or at all: a catalog too large to ship).

use serde::{Deserialize, Serialize};

use crate::catalog::{Category, Product};

/// Most listings one page may ask for.
pub const SEARCH_PAGE_MAX: usize = 96;
/// Listings a page has when it does not say.
pub const SEARCH_PAGE_DEFAULT: usize = 24;

/// One page of a catalog query's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchPage {
    /// The catalog version the page is of (the card index's `ETag` without quotes).
    pub version: String,
    /// Listings the query finds in all.
    pub total: usize,
    /// Per category, how many it finds with that category chosen (the other filters
    /// apply), every category in menu order.
    pub facets: Vec<FacetCount>,
    /// The page's listings, in the query's order, starting at `offset`.
    pub listings: Vec<SearchListing>,
}

/// A category's count in [`SearchPage::facets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub category: Category,
    pub count: usize,
}

/// A listing on a results page, with what its card shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchListing {
    pub product: Product,
    /// Its village's name.
    pub village_name: String,
    /// Whether someone verified its seller.
    pub verified: bool,
}

/// `GET /api/catalog/search`'s parameters: the catalog page's own URL query (the keys of
/// `CatalogQuery::to_query_pairs`, read as leniently as the address bar's) and the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SearchParams {
    /// Search words, as typed (typos of one letter in words of five or more are found).
    #[cfg_attr(feature = "openapi", param(example = "kerupuk udang"))]
    pub q: Option<String>,
    /// A category's slug.
    pub kategori: Option<String>,
    pub kab: Option<String>,
    pub kec: Option<String>,
    /// A village's slug or name.
    pub desa: Option<String>,
    /// A certificate kind's slug; only listings with one valid today.
    pub sertifikat: Option<String>,
    /// Largest minimum order.
    pub moq: Option<String>,
    pub harga_min: Option<String>,
    pub harga_max: Option<String>,
    /// Longest lead time in days.
    pub waktu: Option<String>,
    /// `1`: export-ready listings only.
    pub ekspor: Option<String>,
    /// IDM statuses' slugs, comma-separated.
    pub idm: Option<String>,
    /// `1`: listings backed by a partnership only.
    pub mitra: Option<String>,
    /// A cooperative's village slug.
    pub koperasi: Option<String>,
    /// `1`: verified sellers only.
    pub terverifikasi: Option<String>,
    /// A sort's slug (`harga-naik`, …); relevance if absent.
    pub urut: Option<String>,
    /// Listings to skip (default 0).
    pub offset: Option<usize>,
    /// Listings to return (default 24, at most 96; more is read as 96).
    pub limit: Option<usize>,
}

impl SearchParams {
    /// The catalog query these parameters ask for.
    pub fn query(&self) -> crate::CatalogQuery {
        let pairs = [
            ("q", &self.q),
            ("kategori", &self.kategori),
            ("kab", &self.kab),
            ("kec", &self.kec),
            ("desa", &self.desa),
            ("sertifikat", &self.sertifikat),
            ("moq", &self.moq),
            ("harga_min", &self.harga_min),
            ("harga_max", &self.harga_max),
            ("waktu", &self.waktu),
            ("ekspor", &self.ekspor),
            ("idm", &self.idm),
            ("mitra", &self.mitra),
            ("koperasi", &self.koperasi),
            ("terverifikasi", &self.terverifikasi),
            ("urut", &self.urut),
        ];
        crate::CatalogQuery::from_query_pairs(
            pairs
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.as_deref()?))),
        )
    }

    /// The page's listings as a range of the results, `total` long.
    pub fn page(&self, total: usize) -> std::ops::Range<usize> {
        let limit = self
            .limit
            .unwrap_or(SEARCH_PAGE_DEFAULT)
            .min(SEARCH_PAGE_MAX);
        let start = self.offset.unwrap_or(0).min(total);
        start..start.saturating_add(limit).min(total)
    }

    /// The parameters that ask for `query`'s first `limit` listings.
    pub fn for_query(query: &crate::CatalogQuery, limit: usize) -> SearchParams {
        let mut params = SearchParams {
            limit: Some(limit),
            ..SearchParams::default()
        };
        for (k, v) in query.to_query_pairs() {
            let slot = match k {
                "q" => &mut params.q,
                "kategori" => &mut params.kategori,
                "kab" => &mut params.kab,
                "kec" => &mut params.kec,
                "desa" => &mut params.desa,
                "sertifikat" => &mut params.sertifikat,
                "moq" => &mut params.moq,
                "harga_min" => &mut params.harga_min,
                "harga_max" => &mut params.harga_max,
                "waktu" => &mut params.waktu,
                "ekspor" => &mut params.ekspor,
                "idm" => &mut params.idm,
                "mitra" => &mut params.mitra,
                "koperasi" => &mut params.koperasi,
                "terverifikasi" => &mut params.terverifikasi,
                "urut" => &mut params.urut,
                _ => continue,
            };
            *slot = Some(v);
        }
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CatalogQuery, Category, Sort};

    #[test]
    fn parameters_round_trip_every_key_of_the_catalog_query() {
        let query = CatalogQuery::from_query_string(
            "q=madu+kelulut&kategori=madu&kab=Kutai+Kartanegara&kec=Anggana&desa=sepatin\
             &sertifikat=halal&moq=50&harga_min=1000&harga_max=90000&waktu=7&ekspor=1\
             &idm=maju,mandiri&mitra=1&koperasi=sepatin&terverifikasi=1&urut=harga-naik",
        );
        assert_eq!(query.category, Some(Category::Madu));
        assert_eq!(query.sort, Sort::PriceAsc);
        assert!(query.verified && query.partner_backed && query.export_ready);
        let params = SearchParams::for_query(&query, 8);
        assert_eq!(params.query(), query);
        assert_eq!(params.limit, Some(8));
        // Every key the query writes has a field here: nothing is dropped on the way.
        assert_eq!(
            query.to_query_pairs().len(),
            serde_json::to_value(&params)
                .unwrap()
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, v)| !v.is_null() && *k != "limit" && *k != "offset")
                .count()
        );
    }

    #[test]
    fn a_page_stays_inside_the_results() {
        let p = |offset, limit| SearchParams {
            offset,
            limit,
            ..SearchParams::default()
        };
        assert_eq!(p(None, None).page(100), 0..24);
        assert_eq!(p(Some(90), None).page(100), 90..100);
        assert_eq!(p(Some(500), Some(10)).page(100), 100..100);
        assert_eq!(p(None, Some(10_000)).page(1000), 0..SEARCH_PAGE_MAX);
        assert_eq!(p(Some(usize::MAX), Some(usize::MAX)).page(5), 5..5);
    }
}
