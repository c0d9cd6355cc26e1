//! Inquiries over HTTP against the real binary and a real SQLite file: idempotent retries,
//! 422 shapes, tracking, the honeypot, and durability across `kill -9`.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{purchase, Server};
use etalase_model::inquiry::PurchaseInquiry;
use reqwest::Client;
use serde_json::{json, Value};

async fn send(
    http: &Client,
    server: &Server,
    key: &str,
    form: &PurchaseInquiry,
) -> reqwest::Result<reqwest::Response> {
    http.post(server.url("/api/inquiries"))
        .header("idempotency-key", key)
        .json(&json!({"kind": "purchase", "purchase": form}))
        .send()
        .await
}

#[tokio::test]
async fn idempotent_201_tracking_422_and_honeypot() {
    let (server, _data) = Server::start_fresh();
    let http = Client::new();

    let res = send(&http, &server, "key-aaaaaaaa", &purchase("Hotel Mahakam"))
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let first: Value = res.json().await.unwrap();
    let reference = first["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("PQ-20"), "{reference}");
    // The demo inquiries come first, so only the step from one reference to the next is known.
    let seq = |reference: &str| -> u32 { reference.rsplit('-').next().unwrap().parse().unwrap() };
    let token = first["tracking_token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 32);

    // A double click or a retry after a timeout: the same inquiry, not a second one.
    let res = send(&http, &server, "key-aaaaaaaa", &purchase("Hotel Mahakam"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let again: Value = res.json().await.unwrap();
    assert_eq!(again["reference"], first["reference"]);
    assert_eq!(again["tracking_token"], first["tracking_token"]);

    // The tracking page: one part per seller, each new.
    let tracked: Value = http
        .get(server.url(&format!("/api/inquiries/track/{token}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["reference"], reference.as_str());
    assert_eq!(tracked["inquiry"]["organisation"], "Hotel Mahakam");
    let parts = tracked["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2, "split per seller");
    assert!(parts.iter().all(|p| p["status"] == "new"));
    assert_ne!(parts[0]["seller_id"], parts[1]["seller_id"]);
    let res = http
        .get(server.url(&format!("/api/inquiries/track/{}", "0".repeat(32))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Invalid input: 422 with every field's rule; a missing key is refused too.
    let res = send(&http, &server, "key-bbbbbbbb", &PurchaseInquiry::default())
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let fields = common::field_names(&body);
    assert!(
        fields.contains(&"organisation") && fields.contains(&"email") && fields.contains(&"items"),
        "{fields:?}"
    );
    let mut unknown = purchase("Hotel Mahakam");
    unknown.items[0].product_id = "tidak-ada".into();
    let res = send(&http, &server, "key-cccccccc", &unknown)
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "items.0.product_id");
    let res = http
        .post(server.url("/api/inquiries"))
        .json(&json!({"kind": "purchase", "purchase": purchase("Hotel Mahakam")}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);

    // The honeypot: looks accepted, stores nothing (the next real one is the next number).
    let res = http
        .post(server.url("/api/inquiries"))
        .header("idempotency-key", "key-dddddddd")
        .json(&json!({"kind": "purchase", "purchase": purchase("Bot"), "website": "http://spam.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let res = send(&http, &server, "key-eeeeeeee", &purchase("Hotel Senyiur"))
        .await
        .unwrap();
    let second: Value = res.json().await.unwrap();
    assert_eq!(
        seq(second["reference"].as_str().unwrap()),
        seq(&reference) + 1
    );

    // Spam: the 11th new inquiry from one address within 10 minutes gets a clear 429.
    for i in 3..=10 {
        let res = send(
            &http,
            &server,
            &format!("key-spam-{i:04}"),
            &purchase("Hotel"),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), 201, "inquiry {i}");
    }
    let res = send(&http, &server, "key-spam-0011", &purchase("Hotel"))
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "rate_limited");
}

/// Every inquiry that got a 201 is on disk: the server is killed with SIGKILL at random
/// moments while a client keeps sending, then restarted on the same data directory.
#[tokio::test]
async fn acknowledged_inquiries_survive_kill_9() {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let dir = data.path().join("data");
    let http = Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut acknowledged: Vec<(String, String, String, String)> = Vec::new();
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut sent = 0u32;

    for round in 0..4 {
        // The durability test sends far more than one buyer would: lift the spam limit.
        let server = Server::start_with_env(&dir, &dist, &[("ETALASE_INQUIRY_LIMIT", "100000")]);
        // 40–240 ms of traffic, then SIGKILL, wherever the server is.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let deadline = tokio::time::Instant::now() + Duration::from_millis(40 + (seed >> 33) % 200);
        let mut server = server;
        loop {
            sent += 1;
            let key = format!("durable-{round}-{sent:06}");
            let organisation = format!("Hotel {sent}");
            let form = purchase(&organisation);
            let request = send(&http, &server, &key, &form);
            tokio::select! {
                res = request => {
                    if let Ok(res) = res {
                        if res.status() == 201 {
                            let body: Value = res.json().await.unwrap();
                            acknowledged.push((
                                key,
                                organisation,
                                body["reference"].as_str().unwrap().to_string(),
                                body["tracking_token"].as_str().unwrap().to_string(),
                            ));
                        }
                    }
                }
                _ = tokio::time::sleep_until(deadline) => {}
            }
            if tokio::time::Instant::now() >= deadline {
                break;
            }
        }
        server.child.kill().unwrap(); // SIGKILL: no shutdown, no flush
        server.child.wait().unwrap();
    }
    assert!(
        acknowledged.len() >= 4,
        "only {} inquiries acknowledged",
        acknowledged.len()
    );

    // The file as the last kill left it, recovered from its WAL by a plain SQLite open:
    // sound, and no inquiry without its two parts (a half-committed basket).
    {
        let db = rusqlite::Connection::open(dir.join("etalase.sqlite3")).unwrap();
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let partial: i64 = db
            .query_row(
                "SELECT count(*) FROM inquiries i WHERE idempotency_key LIKE 'durable-%'
                 AND (SELECT count(*) FROM inquiry_parts p WHERE p.inquiry_id = i.id) != 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0, "an inquiry is stored whole or not at all");
    }
    let server = Server::start_with_env(&dir, &dist, &[("ETALASE_INQUIRY_LIMIT", "100000")]);
    for (key, organisation, reference, token) in &acknowledged {
        let res = http
            .get(server.url(&format!("/api/inquiries/track/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{reference} lost after kill -9");
        let tracked: Value = res.json().await.unwrap();
        assert_eq!(tracked["reference"], reference.as_str());
        assert_eq!(
            tracked["inquiry"]["organisation"],
            organisation.as_str(),
            "{reference} intact"
        );
        assert_eq!(tracked["parts"].as_array().unwrap().len(), 2);
        // A retry after the crash still finds the same inquiry.
        let res = send(&http, &server, key, &purchase(organisation))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.json::<Value>().await.unwrap()["reference"],
            reference.as_str()
        );
    }
    eprintln!(
        "kill -9: faults injected 4, requests {sent}, acknowledged {}, records checked {} \
         (integrity ok, no partial inquiry), lost 0",
        acknowledged.len(),
        acknowledged.len()
    );
}
