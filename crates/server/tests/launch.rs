//! A real district's first start: `--no-demo` on an empty data directory. The region's
//! villages come from the committed gazetteer, so a seller can register at once; the
//! catalog shows no invented figures; `--region` chooses the district.

mod common;

use common::Server;
use serde_json::Value;

async fn catalog(server: &Server) -> Value {
    reqwest::get(server.url("/api/catalog"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn village<'a>(catalog: &'a Value, slug: &str) -> &'a Value {
    catalog["villages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["slug"] == slug)
        .unwrap_or_else(|| panic!("no village {slug}"))
}

#[tokio::test]
async fn without_the_demo_every_village_of_the_region_can_take_sellers() {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let dir = data.path().join("data");
    let server = Server::start_with_env(&dir, &dist, &[("ETALASE_DEMO", "0")]);

    let kukar = catalog(&server).await;
    assert_eq!(kukar["villages"].as_array().unwrap().len(), 237);
    assert_eq!(kukar["products"].as_array().unwrap().len(), 0);
    let loa_duri_ulu = village(&kukar, "loa-duri-ulu");
    assert_eq!(loa_duri_ulu["code"], "64.02.03.2002");
    assert_eq!(loa_duri_ulu["kecamatan"], "Loa Janan");
    assert_eq!(
        loa_duri_ulu["idm_status"],
        Value::Null,
        "no invented IDM status"
    );

    let http = common::browser();
    let res = http
        .post(server.url("/api/auth/register"))
        .json(&serde_json::json!({
            "business_name": "Amplang Loa Duri",
            "whatsapp": "0812 3456 7001",
            "village_slug": "loa-duri-ulu",
            "password": "amplang-enak-2026",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    server.terminate();

    // The whole province on the same data: more villages, and the seller is still there.
    let server = Server::start_with_env(
        &dir,
        &dist,
        &[("ETALASE_DEMO", "0"), ("ETALASE_REGION", "64")],
    );
    let kaltim = catalog(&server).await;
    assert_eq!(kaltim["villages"].as_array().unwrap().len(), 1038);
    let sellers = kaltim["sellers"].as_array().unwrap();
    assert!(sellers.iter().any(|s| s["village_slug"] == "loa-duri-ulu"));
    // A village known before keeps its slug even where the province has a namesake.
    assert_eq!(village(&kaltim, "loa-duri-ulu")["code"], "64.02.03.2002");
}

#[tokio::test]
async fn the_demo_tells_its_villages_stories_over_the_gazetteer() {
    let (server, _data) = Server::start_fresh();
    let c = catalog(&server).await;
    assert_eq!(c["villages"].as_array().unwrap().len(), 237);
    let sepatin = village(&c, "sepatin");
    assert_eq!(sepatin["code"], "64.02.04.2001");
    assert!(sepatin["idm_status"].is_string(), "the demo's figures");
    assert!(!sepatin["description_id"].as_str().unwrap().is_empty());
}
