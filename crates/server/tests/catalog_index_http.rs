//! The card index and details on demand, over HTTP from the real binary: the index holds
//! every published listing of the catalog with what its card shows, under the catalog's
//! version; a listing's details at an address naming that version are cached for good; a
//! card's photo by its short key is the listing's thumbnail.

mod common;

use common::Server;
use etalase_model::catalog::{card_photo_path, photo_key};
use etalase_model::{CardIndex, Catalog, ListingStatus, Product};

#[tokio::test]
async fn the_index_the_details_and_the_card_photos_agree_with_the_catalog() {
    let (server, _data) = Server::start_fresh();
    let http = reqwest::Client::new();
    let res = http.get(server.url("/api/catalog")).send().await.unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let catalog: Catalog = res.json().await.unwrap();

    let res = http
        .get(server.url("/api/catalog/index"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], etag.as_str(), "one version for both");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let index: CardIndex = res.json().await.unwrap();
    assert_eq!(index.version, catalog.version);
    let cards = index.to_catalog().unwrap();
    let published: Vec<&Product> = catalog
        .products
        .iter()
        .filter(|p| p.status == ListingStatus::Published)
        .collect();
    assert!(!published.is_empty());
    assert_eq!(
        cards.products.iter().map(|p| &p.id).collect::<Vec<_>>(),
        published.iter().map(|p| &p.id).collect::<Vec<_>>()
    );
    let not_modified = http
        .get(server.url("/api/catalog/index"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);

    // Details on demand, for good at the version's address.
    let first = published[0];
    let res = http
        .get(server.url(&format!(
            "/api/catalog/products/{}?v={}",
            first.id, catalog.version
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let details: Product = res.json().await.unwrap();
    assert_eq!(&details, first);
    let stale = http
        .get(server.url(&format!("/api/catalog/products/{}?v=0000", first.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.headers()["cache-control"], "no-cache");
    for missing in ["nothing-like-this", "../catalog"] {
        let res = http
            .get(server.url(&format!("/api/catalog/products/{missing}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{missing}");
    }
    if let Some(draft) = catalog
        .products
        .iter()
        .find(|p| p.status != ListingStatus::Published)
    {
        let res = http
            .get(server.url(&format!("/api/catalog/products/{}", draft.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "an unpublished listing is not public");
    }

    // The card's photo is the listing's thumbnail.
    let card = &cards.products[0];
    assert_eq!(
        card.photos[0].thumb,
        card_photo_path(&first.id, &photo_key(&first.photos[0].thumb))
    );
    let by_key = http
        .get(server.url(&card.photos[0].thumb))
        .send()
        .await
        .unwrap();
    assert_eq!(by_key.status(), 200);
    assert_eq!(by_key.headers()["content-type"], "image/jpeg");
    assert_eq!(
        by_key.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let by_key = by_key.bytes().await.unwrap();
    let direct = http
        .get(server.url(&first.photos[0].thumb))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(by_key, direct);
    let old_key = http
        .get(server.url(&card_photo_path(&first.id, "00000000")))
        .send()
        .await
        .unwrap();
    assert_eq!(old_key.status(), 200, "a changed photo still shows");
    assert_eq!(old_key.headers()["cache-control"], "no-cache");
    let nobody = http
        .get(server.url("/media/c/nothing-like-this-00000000.jpg"))
        .send()
        .await
        .unwrap();
    assert_eq!(nobody.status(), 404);
}
