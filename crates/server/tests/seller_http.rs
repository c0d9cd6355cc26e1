//! Seller accounts, listings and uploads over HTTP against the real binary and a real
//! SQLite file: what a browser does, including the attacks it must not allow.

mod common;

use common::{jpeg, Server};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// A browser-like client: keeps cookies, sends JSON.
fn browser() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

async fn register(
    http: &Client,
    server: &Server,
    name: &str,
    whatsapp: &str,
) -> (StatusCode, Value) {
    let res = http
        .post(server.url("/api/auth/register"))
        .json(&json!({
            "business_name": name,
            "whatsapp": whatsapp,
            "village_slug": "sepatin",
            "password": "amplang-enak-2026",
        }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

/// The signed-in seller's listings, as the dashboard loads them.
async fn own_listings(client: &Client, server: &Server) -> Vec<Value> {
    client
        .get(server.url("/api/seller/listings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A listing document as the editor sends it, built from a demo listing.
fn listing(status: &str) -> Value {
    let demo = etalase_model::demo_catalog();
    let mut doc = serde_json::to_value(&demo.products[0]).unwrap();
    doc["name_id"] = json!("Amplang Ikan Belida Uji");
    doc["status"] = json!(status);
    doc
}

#[tokio::test]
async fn register_sign_in_edit_own_listings_only_and_upload_photos() {
    let (server, data) = Server::start_fresh();
    let alice = browser();

    // Registration normalises the number, signs in and hands the app its CSRF token.
    let res = alice
        .post(server.url("/api/auth/register"))
        .json(&json!({
            "business_name": "KUB Bunga Tanjung",
            "whatsapp": "0812-3456-7890",
            "village_slug": "sepatin",
            "password": "amplang-enak-2026",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("etalase_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["seller"]["whatsapp"], "+6281234567890");
    assert!(me["seller"]["id"]
        .as_str()
        .unwrap()
        .starts_with("kub-bunga-tanjung-"));
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    assert_eq!(csrf.len(), 32);

    // The same number cannot register twice; bad input gets every field's rule.
    let (status, body) = register(&browser(), &server, "Lain", "+62 812 3456 7890").await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"],
        json!([{"field": "whatsapp", "rule": {"rule": "already_registered"}}])
    );
    let res = browser()
        .post(server.url("/api/auth/register"))
        .json(&json!({"business_name": "", "whatsapp": "021 555", "village_slug": "atlantis", "password": "short"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let fields = common::field_names(&body);
    assert_eq!(
        fields,
        ["business_name", "whatsapp", "village_slug", "password"]
    );

    // Writes need the CSRF header even with a valid cookie.
    let id = "amplang-belida-uji-a1b2c3";
    let put = |client: &Client, token: Option<&str>, doc: Value| {
        let mut req = client
            .put(server.url(&format!("/api/seller/listings/{id}")))
            .json(&doc);
        if let Some(token) = token {
            req = req.header("x-csrf-token", token);
        }
        req.send()
    };
    let res = put(&alice, None, listing("published")).await.unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "csrf");
    let res = put(&alice, Some("0".repeat(32).as_str()), listing("published"))
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // Create, then the same PUT again (an outbox retry) updates the same row.
    let res = put(&alice, Some(&csrf), listing("draft")).await.unwrap();
    assert_eq!(res.status(), 201);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(
        saved["seller_id"], me["seller"]["id"],
        "owner comes from the session"
    );
    assert_eq!(saved["village_slug"], "sepatin");
    let res = put(&alice, Some(&csrf), listing("published"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let own: Vec<Value> = own_listings(&alice, &server).await;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["status"], "published");

    // Published means in the public catalog at once.
    let catalog: Value = browser()
        .get(server.url("/api/catalog"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == id));

    // Invalid listings are refused with the shared rules.
    let mut bad = listing("published");
    bad["export_ready"] = json!(true);
    bad["name_en"] = json!("");
    let res = put(&alice, Some(&csrf), bad).await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "name_en");
    assert_eq!(body["fields"][0]["rule"]["rule"], "english_for_export");

    // Seller B can neither overwrite nor see A's listing.
    let bob = browser();
    let (status, bob_me) = register(&bob, &server, "UD Terasi Muara", "0813 1111 2222").await;
    assert_eq!(status, 201);
    let bob_csrf = bob_me["csrf_token"].as_str().unwrap().to_string();
    let mut hijack = listing("published");
    hijack["name_id"] = json!("Diambil alih");
    let res = put(&bob, Some(&bob_csrf), hijack).await.unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "not_owner");
    let bobs: Vec<Value> = own_listings(&bob, &server).await;
    assert!(bobs.is_empty());
    let own: Vec<Value> = own_listings(&alice, &server).await;
    assert_eq!(
        own[0]["name_id"], "Amplang Ikan Belida Uji",
        "A's listing untouched"
    );
    // B's CSRF token is no good with A's cookie.
    let res = put(&alice, Some(&bob_csrf), listing("published"))
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // Uploads: re-checked, content-addressed, idempotent, immutable.
    let photo = jpeg(1200, 900);
    let upload = |client: &Client, token: &str, body: Vec<u8>| {
        client
            .post(server.url("/api/uploads"))
            .header("content-type", "image/jpeg")
            .header("x-csrf-token", token)
            .body(body)
            .send()
    };
    let res = upload(&alice, &csrf, photo.clone()).await.unwrap();
    assert_eq!(res.status(), 201);
    let up: Value = res.json().await.unwrap();
    assert_eq!(
        (up["width"].as_u64(), up["height"].as_u64()),
        (Some(1200), Some(900))
    );
    let path = up["path"].as_str().unwrap().to_string();
    let res = upload(&alice, &csrf, photo.clone()).await.unwrap();
    assert_eq!(res.status(), 200, "same bytes again: nothing new written");
    assert_eq!(res.json::<Value>().await.unwrap()["path"], path.as_str());
    let files: Vec<_> = std::fs::read_dir(data.path().join("data/media/u"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "one file, no temp leftovers");
    let res = browser().get(server.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), photo.as_slice());

    let res = upload(&alice, &csrf, jpeg(2000, 1000)).await.unwrap();
    assert_eq!(res.status(), 422, "larger than 1600 px");
    let mut damaged = photo.clone();
    damaged.truncate(photo.len() / 3);
    let res = upload(&alice, &csrf, damaged.clone()).await.unwrap();
    assert_eq!(res.status(), 422, "truncated JPEG");
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "incomplete");
    // Crafted: cut short, then given its end-of-image marker back, which most decoders
    // accept and show grey from the cut down.
    damaged.extend_from_slice(&[0xFF, 0xD9]);
    let res = upload(&alice, &csrf, damaged).await.unwrap();
    assert_eq!(res.status(), 422, "truncated JPEG with its end marker");
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "incomplete");
    let res = upload(&alice, &csrf, b"GIF89a not a jpeg".to_vec())
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = upload(&alice, &csrf, vec![0xff; 1_500_000]).await.unwrap();
    assert_eq!(res.status(), 422, "over 1 MB");
    let res = browser()
        .post(server.url("/api/uploads"))
        .body(photo.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    // Sign out ends the session on the server too.
    let res = alice
        .post(server.url("/api/auth/logout"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = alice.get(server.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        Value::Null,
        "signed out"
    );
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account_and_refuses_other_origins() {
    let (server, _data) = Server::start_fresh();
    let (status, _) = register(&browser(), &server, "KWT Melati", "0815 5555 6666").await;
    assert_eq!(status, 201);
    let login = |password: &str| {
        browser()
            .post(server.url("/api/auth/login"))
            .json(&json!({"whatsapp": "+62 815 5555 6666", "password": password}))
            .send()
    };
    let res = login("amplang-enak-2026").await.unwrap();
    assert_eq!(res.status(), 200);
    for _ in 0..5 {
        let res = login("tebak-tebakan").await.unwrap();
        assert_eq!(res.status(), 401);
        assert_eq!(
            res.json::<Value>().await.unwrap()["code"],
            "wrong_credentials"
        );
    }
    let res = login("amplang-enak-2026").await.unwrap();
    assert_eq!(res.status(), 429, "locked even with the right password");
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");

    // An unknown number is answered like a wrong password.
    let res = browser()
        .post(server.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0819 0000 0000", "password": "whatever-123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    let res = browser()
        .post(server.url("/api/auth/login"))
        .header("origin", "https://evil.example")
        .json(&json!({"whatsapp": "0819 0000 0000", "password": "whatever-123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn the_demo_seller_can_sign_in_and_sees_their_listings() {
    let (server, _data) = Server::start_fresh();
    let demo = etalase_model::demo_catalog();
    let seller = &demo.sellers[0];
    let http = browser();
    let res = http
        .post(server.url("/api/auth/login"))
        .json(&json!({"whatsapp": seller.whatsapp, "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let own: Vec<Value> = own_listings(&http, &server).await;
    let expected = demo
        .products
        .iter()
        .filter(|p| p.seller_id == seller.id)
        .count();
    assert!(expected > 0);
    assert_eq!(own.len(), expected);
}
