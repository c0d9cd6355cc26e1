//! `--demo-listings N` / `ETALASE_DEMO_LISTINGS`: the real binary seeds the demo data plus N
//! generated listings into an empty data dir and serves them in the catalog.

mod common;

use common::Server;

#[tokio::test]
async fn seeds_and_serves_the_demo_plus_generated_listings() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let data = root.path().join("data");
    let server = Server::start_with_env(&data, &dist, &[("ETALASE_DEMO_LISTINGS", "500")]);

    let catalog: serde_json::Value = reqwest::get(server.url("/api/catalog"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let products = catalog["products"].as_array().unwrap();
    let demo = etalase_model::demo_catalog();
    let demo_published = demo
        .products
        .iter()
        .filter(|p| p.status == etalase_model::ListingStatus::Published)
        .count();
    assert!(
        products.len() >= 500 && products.len() > demo_published + 450,
        "{} listings served",
        products.len()
    );
    let has = |id: &str| products.iter().any(|p| p["id"] == id);
    assert!(has(&demo.products[0].id), "the demo listings stay");
    let generated = etalase_model::synthetic_catalog(500, 42);
    assert!(
        generated
            .products
            .iter()
            .filter(|p| p.status == etalase_model::ListingStatus::Published)
            .all(|p| has(&p.id)),
        "every published generated listing is served"
    );
    // A generated listing's photos, named by a hash per rendition as uploads are, are
    // drawn like the demo's own; a name that is no photo of the catalog is not.
    let first = generated
        .products
        .iter()
        .find(|p| p.status == etalase_model::ListingStatus::Published)
        .unwrap();
    let thumb = &first.photos[0].thumb;
    assert!(thumb.len() > "/media/demo/-400.jpg".len() + 63, "{thumb}");
    for path in [thumb, &first.photos[0].large] {
        let photo = reqwest::get(server.url(path)).await.unwrap();
        assert_eq!(photo.status(), 200, "{path}");
        assert_eq!(photo.headers()["content-type"], "image/jpeg");
    }
    let stranger = reqwest::get(server.url(&format!("/media/demo/{}-400.jpg", "0".repeat(64))))
        .await
        .unwrap();
    assert_eq!(stranger.status(), 404);
    assert_eq!(server.terminate().code(), Some(0));

    // Seeding only happens into an empty database: a restart with another N changes nothing.
    let server = Server::start_with_env(&data, &dist, &[("ETALASE_DEMO_LISTINGS", "20")]);
    let again: serde_json::Value = reqwest::get(server.url("/api/catalog"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again["products"].as_array().unwrap().len(), products.len());
}

/// With 10,000 listings a save once waited for the catalog's re-render inside the request:
/// brotli at its slowest took longer than the API's 30 s timeout, the seller got `408`, and
/// the render, cancelled after writing `catalog.json` but before the swap, left buyers with
/// the old catalog. Now the save answers, and the catalog served and on disk both follow.
#[tokio::test]
async fn a_save_in_a_large_catalog_answers_and_the_catalog_follows() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let data = root.path().join("data");
    let server = Server::start_with_env(&data, &dist, &[("ETALASE_DEMO_LISTINGS", "10000")]);
    let http = reqwest::Client::new();
    let etag_of = |res: &reqwest::Response| res.headers()["etag"].to_str().unwrap().to_string();
    let before = etag_of(&http.get(server.url("/api/catalog")).send().await.unwrap());

    let seller = common::register(&server, "KUB Amplang Besar", "0812-7000-1000").await;
    let mut listing = serde_json::to_value(&etalase_model::demo_catalog().products[0]).unwrap();
    listing["name_id"] = serde_json::json!("Amplang Katalog Besar");
    listing["status"] = serde_json::json!("published");
    let res = seller
        .http
        .put(server.url("/api/seller/listings/amplang-katalog-besar"))
        .header("x-csrf-token", &seller.csrf)
        .json(&listing)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());

    // The re-render may finish after the answer; it must finish.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let (etag, catalog) = loop {
        let res = http.get(server.url("/api/catalog")).send().await.unwrap();
        let etag = etag_of(&res);
        if etag != before {
            break (etag, res.bytes().await.unwrap());
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the catalog never changed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    let parsed: serde_json::Value = serde_json::from_slice(&catalog).unwrap();
    assert_eq!(format!("\"{}\"", parsed["version"].as_str().unwrap()), etag);
    assert!(parsed["products"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "amplang-katalog-besar"));
    let on_disk =
        std::fs::read(etalase_server::snapshot::catalog_dir(&data).join("catalog.json")).unwrap();
    assert_eq!(on_disk, catalog, "the file on disk is the catalog served");
    assert_eq!(server.terminate().code(), Some(0));
}
