//! `GET /api/catalog/search` from the real binary over 2,000 generated listings: for every
//! query it answers what the app shows from the card index for the same query (the same
//! listings in the same order, the same total and category counts), pages through the
//! results without gaps or repeats, and refuses a malformed page with the API's error body.

mod common;

use common::Server;
use etalase_model::api::{ErrorBody, ErrorCode, SearchPage, SearchParams};
use etalase_model::{run_query_with_facets, CardIndex, CatalogQuery, Category, SearchIndex};

const QUERIES: &[&str] = &[
    "",
    "q=kerupuk+udang",
    "q=madu+kelulut&urut=harga-naik",
    "q=amplagn",
    "q=rumput+laut&ekspor=1",
    "kategori=madu",
    "q=kopi&kategori=kopi&urut=terbaru",
    "q=k",
    "harga_max=20000&urut=harga-turun",
    "idm=berkembang,tertinggal&urut=desa-berkembang",
    "terverifikasi=1&q=terasi",
    "q=zzzzqqq",
];

async fn page_of(http: &reqwest::Client, server: &Server, params: &SearchParams) -> SearchPage {
    http.get(server.url("/api/catalog/search"))
        .query(params)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_server_answers_what_the_app_finds_in_its_index() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let server = Server::start_with_env(
        &root.path().join("data"),
        &dist,
        &[("ETALASE_DEMO_LISTINGS", "2000")],
    );
    let http = reqwest::Client::new();
    // The app's side: the card index as the catalog it runs on, and its own search index.
    let index: CardIndex = http
        .get(server.url("/api/catalog/index"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cards = index.to_catalog().unwrap();
    let search = SearchIndex::build(&cards);
    let today = etalase_server::clock::today_in_kalimantan();

    let mut found_some = 0;
    for raw in QUERIES {
        let query = CatalogQuery::from_query_string(raw);
        let (expected, facets) = run_query_with_facets(&cards, &search, &query, today);
        let expected: Vec<&str> = expected
            .iter()
            .map(|&i| cards.products[i].id.as_str())
            .collect();
        let page = page_of(&http, &server, &SearchParams::for_query(&query, 96)).await;
        assert_eq!(page.version, cards.version, "{raw}");
        assert_eq!(page.total, expected.len(), "{raw}: total");
        let got: Vec<&str> = page
            .listings
            .iter()
            .map(|l| l.product.id.as_str())
            .collect();
        assert_eq!(got, expected[..expected.len().min(96)], "{raw}: first page");
        let counts: Vec<(Category, usize)> =
            page.facets.iter().map(|f| (f.category, f.count)).collect();
        assert_eq!(counts, facets, "{raw}: category counts");
        for listing in &page.listings {
            let village = cards.village_of(&listing.product).unwrap();
            assert_eq!(listing.village_name, village.name);
            assert_eq!(listing.verified, cards.seller_verified(&listing.product));
        }
        if !expected.is_empty() {
            found_some += 1;
        }
    }
    assert!(found_some >= QUERIES.len() - 2, "the queries find listings");

    // Paging through "q=k" meets every listing once, in order.
    let query = CatalogQuery::from_query_string("q=k");
    let (expected, _) = run_query_with_facets(&cards, &search, &query, today);
    assert!(expected.len() > 200, "{} listings for k", expected.len());
    let mut paged = Vec::new();
    let mut params = SearchParams::for_query(&query, 96);
    loop {
        params.offset = Some(paged.len());
        let page = page_of(&http, &server, &params).await;
        if page.listings.is_empty() {
            break;
        }
        assert!(page.listings.len() <= 96);
        paged.extend(page.listings.into_iter().map(|l| l.product.id));
    }
    let expected: Vec<String> = expected
        .iter()
        .map(|&i| cards.products[i].id.clone())
        .collect();
    assert_eq!(paged, expected);

    // More than a page's most is a page's most; a page that is not a number is refused.
    let mut huge = SearchParams::for_query(&query, 100_000);
    huge.offset = None;
    let big = page_of(&http, &server, &huge).await;
    assert_eq!(big.listings.len(), etalase_model::api::SEARCH_PAGE_MAX);
    let res = http
        .get(server.url("/api/catalog/search?limit=lots"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: ErrorBody = res.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::Malformed);
}
