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
    // A generated listing's demo photo is drawn like the demo's own.
    let first = generated
        .products
        .iter()
        .find(|p| p.status == etalase_model::ListingStatus::Published)
        .unwrap();
    let photo = reqwest::get(server.url(&format!("/media/demo/{}-400.jpg", first.id)))
        .await
        .unwrap();
    assert_eq!(photo.status(), 200);
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
