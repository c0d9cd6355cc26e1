//! Quotations over HTTP on the real binary: the rules' refusals, the buyer's answer to the
//! revision they saw, and the sellers' typical reply times the catalog publishes.

mod common;

use common::{browser, Server};
use etalase_model::inquiry::reply_time::{minutes_between, typical_reply_minutes};
use serde_json::{json, Value};

async fn sign_in_demo_seller(server: &Server) -> (reqwest::Client, String) {
    let http = browser();
    let res = http
        .post(server.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0812 0000 0001", "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    (http, me["csrf_token"].as_str().unwrap().to_string())
}

fn days_ahead(days: i64) -> String {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    etalase_model::Date::from_days_since_epoch(today + days).to_string()
}

#[tokio::test]
async fn a_quote_is_checked_revised_and_answered_once() {
    let (server, _data) = Server::start_fresh();
    let (seller, csrf) = sign_in_demo_seller(&server).await;
    let res = common::send_inquiry(
        &reqwest::Client::new(),
        &server,
        "quote-http-0001",
        "Hotel Q",
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap();
    let token = created["tracking_token"].as_str().unwrap();
    let quote_url = server.url(&format!("/api/seller/inquiries/{reference}/quote"));
    let quote = |price: u64, valid: String| {
        json!({"unit_price_idr": price, "quantity": 40, "unit": "pack", "moq": 20,
               "lead_time_days": 3, "valid_until": valid})
    };

    // Every rule's refusal at once, by field.
    let res = seller
        .post(&quote_url)
        .header("x-csrf-token", &csrf)
        .json(
            &json!({"unit_price_idr": 0, "quantity": 40, "unit": "pack", "moq": 50,
                      "valid_until": days_ahead(-1)}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let fields = common::field_names(&body);
    for field in ["unit_price_idr", "moq", "lead_time_days", "valid_until"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    // Without the CSRF header, nothing.
    let res = seller
        .post(&quote_url)
        .json(&quote(24_000, days_ahead(14)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    for price in [25_000, 24_000] {
        let res = seller
            .post(&quote_url)
            .header("x-csrf-token", &csrf)
            .json(&quote(price, days_ahead(14)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }
    let tracked: Value = reqwest::get(server.url(&format!("/api/inquiries/track/{token}")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let part = tracked["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !p["quotes"].as_array().unwrap().is_empty())
        .unwrap();
    let seller_id = part["seller_id"].as_str().unwrap();
    assert_eq!(part["status"], "quoted");
    assert_eq!(part["quotes"][1]["revision"], 2);
    assert_eq!(part["quotes"][1]["quote"]["unit_price_idr"], 24_000);

    let decide = |body: Value| {
        reqwest::Client::new()
            .post(server.url(&format!(
                "/api/inquiries/track/{token}/parts/{seller_id}/decision"
            )))
            .json(&body)
            .send()
    };
    // The revision the buyer saw first is no longer the offer.
    let res = decide(json!({"revision": 1, "decision": "accept"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["fields"][0]["rule"]["rule"], "quote_changed", "{body}");
    // A decline says why.
    let res = decide(json!({"revision": 2, "decision": "decline", "reason": " "}))
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = decide(json!({"revision": 2, "decision": "accept"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let after: Value = res.json().await.unwrap();
    let part = after["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["seller_id"] == seller_id)
        .unwrap();
    assert_eq!(part["status"], "won");
    assert_eq!(
        part["events"].as_array().unwrap().last().unwrap()["by"],
        "Hotel Q"
    );
    // Once.
    let res = decide(json!({"revision": 2, "decision": "decline", "reason": "x"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["fields"][0]["rule"]["rule"], "quote_changed", "{body}");
    let res = reqwest::Client::new()
        .post(server.url("/api/inquiries/track/00000000000000000000000000000000/parts/x/decision"))
        .json(&json!({"revision": 1, "decision": "accept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

/// The catalog's typical reply time of the demo seller is the median of their first answers
/// in the last 90 days, as their own inbox shows them.
#[tokio::test]
async fn the_catalog_publishes_the_median_first_answer_from_the_inbox_history() {
    let (server, _data) = Server::start_with_shell();
    let (seller, _) = sign_in_demo_seller(&server).await;
    let me: Value = seller
        .get(server.url("/api/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let seller_id = me["seller"]["id"].as_str().unwrap().to_string();
    let inbox: Value = seller
        .get(server.url("/api/seller/inquiries?limit=100"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let since = etalase_server::clock::iso_utc(etalase_server::clock::unix_now() - 90 * 86_400);
    let minutes: Vec<u32> = inbox["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["created_at"].as_str().unwrap() >= since.as_str())
        .filter_map(|p| {
            let first = p["events"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e.get("reason").is_none())
                .filter_map(|e| e["at"].as_str())
                .min()?;
            minutes_between(p["created_at"].as_str().unwrap(), first)
        })
        .collect();
    assert!(
        minutes.len() >= 3,
        "the demo history answers enough: {minutes:?}"
    );
    let expected = typical_reply_minutes(minutes).unwrap();
    let catalog = server.catalog().await;
    assert_eq!(
        catalog["reply_minutes"][&seller_id], expected,
        "{}",
        catalog["reply_minutes"]
    );
    // And the product page says it, in the first view.
    let product = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["seller_id"] == seller_id.as_str())
        .unwrap();
    let page = reqwest::get(server.url(&format!("/produk/{}", product["id"].as_str().unwrap())))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let line =
        etalase_model::inquiry::reply_time::reply_time_text(expected, etalase_model::Lang::Id);
    assert!(page.contains(&line), "{line}");
}
