//! Village partnerships: the real binary seeds the demo partners and partnerships into an
//! empty database, serves them in the public catalog, and still has them after a restart
//! (they live in SQLite, not in the seed).

mod common;

use common::Server;
use etalase_model::{Catalog, PartnershipStatus};

async fn catalog(server: &Server) -> Catalog {
    reqwest::get(server.url("/api/catalog"))
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_served_catalog_has_the_demo_partnerships_after_seeding_and_a_restart() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let data = root.path().join("data");
    let demo = etalase_model::demo_catalog();

    let server = Server::start(&data, &dist);
    let served = catalog(&server).await;
    assert_eq!(served.partnerships, demo.partnerships);
    let mut partners = demo.partners.clone();
    partners.sort_by(|a, b| a.slug.cmp(&b.slug));
    assert_eq!(served.partners, partners);
    assert!(served.partners.iter().all(|p| p.demo));
    assert_eq!(served.integrity_problems(), Vec::<String>::new());
    // The helpers work on what the app receives: Lung Anai is backed, its products marked.
    assert!(served.backed_village_slugs().contains("lung-anai"));
    let anyaman = served.products_of_village("lung-anai").next().unwrap();
    assert!(served.is_partner_backed(anyaman));
    assert!(served
        .partnerships
        .iter()
        .any(|p| p.status == PartnershipStatus::Finished));
    assert_eq!(server.terminate().code(), Some(0));

    let server = Server::start(&data, &dist);
    let again = catalog(&server).await;
    assert_eq!(again.partnerships, served.partnerships);
    assert_eq!(again.partners, served.partners);
    assert_eq!(again.version, served.version, "same content, same ETag");
    assert_eq!(server.terminate().code(), Some(0));
}
