//! Web Push end to end: the real server binary sends a seller's new inquiry to a push
//! service on loopback (this test's own HTTP endpoint, standing in for FCM or Mozilla's),
//! and the test reads it as the seller's browser would: the VAPID token checked against the
//! key the browser subscribed with, the body decrypted (RFC 8291) with the subscription's
//! private key. A push service answering 410 makes the server forget the browser; the
//! VAPID key survives a restart.

mod common;

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use common::{browser, Server};
use etalase_model::{demo_catalog, ListingStatus};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde_json::{json, Value};
use web_push_native::p256::SecretKey;
use web_push_native::Auth;

/// One request the push service received.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

/// A push service on loopback: records what it receives, answers with `status`.
#[derive(Default)]
struct PushService {
    received: Mutex<Vec<Received>>,
    arrived: tokio::sync::Notify,
    status: AtomicU16,
}

impl PushService {
    async fn start() -> (Arc<PushService>, String) {
        let service = Arc::new(PushService {
            status: AtomicU16::new(201),
            ..PushService::default()
        });
        let app = axum::Router::new()
            .route("/push/{device}", axum::routing::post(receive))
            .with_state(Arc::clone(&service));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (service, base)
    }

    /// Waits for request number `n` (1-based).
    async fn nth(&self, n: usize) -> Received {
        tokio::time::timeout(Duration::from_secs(30), async {
            loop {
                let notified = self.arrived.notified();
                if let Some(r) = self.received.lock().unwrap().get(n - 1) {
                    return r.clone();
                }
                notified.await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("push number {n} never arrived"))
    }
}

async fn receive(
    State(service): State<Arc<PushService>>,
    axum::extract::Path(device): axum::extract::Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    service.received.lock().unwrap().push(Received {
        path: format!("/push/{device}"),
        headers,
        body,
    });
    service.arrived.notify_waiters();
    StatusCode::from_u16(service.status.load(Ordering::SeqCst)).unwrap()
}

/// A browser's subscription keys: its private key stays here, to decrypt with.
struct Device {
    secret: SecretKey,
    auth: [u8; 16],
    endpoint: String,
}

impl Device {
    fn new(endpoint: String) -> Device {
        let secret = loop {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).unwrap();
            if let Ok(key) = SecretKey::from_slice(&bytes) {
                break key;
            }
        };
        let mut auth = [0u8; 16];
        getrandom::fill(&mut auth).unwrap();
        Device {
            secret,
            auth,
            endpoint,
        }
    }

    /// `PushSubscription.toJSON()`.
    fn subscription(&self) -> Value {
        use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
        json!({
            "endpoint": self.endpoint,
            "keys": {
                "p256dh": B64.encode(self.secret.public_key().to_encoded_point(false).as_bytes()),
                "auth": B64.encode(self.auth),
            }
        })
    }

    fn decrypt(&self, body: &[u8]) -> Value {
        let plain = web_push_native::decrypt(
            body.to_vec(),
            &self.secret,
            &Auth::clone_from_slice(&self.auth),
        )
        .expect("the message decrypts with the subscription's key");
        serde_json::from_slice(&plain).unwrap()
    }
}

/// Checks the VAPID header: an ES256 token for `audience`, signed by `server_key`.
fn check_vapid(headers: &HeaderMap, server_key: &str, audience: &str) {
    let header = headers["authorization"].to_str().unwrap();
    let (token, k) = header
        .strip_prefix("vapid t=")
        .and_then(|rest| rest.split_once(", k="))
        .unwrap_or_else(|| panic!("not a VAPID header: {header}"));
    assert_eq!(
        k, server_key,
        "signed with the key the browser subscribed with"
    );
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let verifying = VerifyingKey::from_sec1_bytes(&B64.decode(k).unwrap()).unwrap();
    let signature = Signature::from_slice(&B64.decode(parts[2]).unwrap()).unwrap();
    verifying
        .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
        .expect("the token's signature verifies");
    let claims: Value = serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["aud"], audience);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let exp = claims["exp"].as_u64().unwrap();
    assert!(exp > now && exp <= now + 24 * 3600, "exp {exp}, now {now}");
}

/// A purchase from a hotel for one published product of `seller_id`.
async fn ask(server: &Server, seller_id: &str, key: &str) -> String {
    let catalog = demo_catalog();
    let product = catalog
        .products
        .iter()
        .find(|p| p.seller_id == seller_id && p.status == ListingStatus::Published)
        .unwrap();
    let mut form = common::purchase("Hotel Tepian Mahakam");
    form.items[0].product_id = product.id.clone();
    form.items[0].quantity = product.moq.max(1);
    form.items[0].unit = product.unit;
    form.items.truncate(1);
    let res = reqwest::Client::new()
        .post(server.url("/api/inquiries"))
        .header("idempotency-key", key)
        .json(&json!({"kind": "purchase", "purchase": form}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let acked: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status} {acked}");
    acked["reference"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_new_inquiry_reaches_the_sellers_phone_encrypted_and_signed_and_a_gone_browser_is_forgotten(
) {
    let (service, push_base) = PushService::start().await;
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let server = Server::start_with_env(
        &data.path().join("data"),
        &dist,
        &[("ETALASE_PUSH_TEST_LOOPBACK", "1")],
    );

    let seller = browser();
    let me: Value = seller
        .post(server.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0812 0000 0001", "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    let seller_id = me["seller"]["id"].as_str().unwrap().to_string();
    let settings = |http: reqwest::Client, url: String| async move {
        http.get(url)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    };
    let before = settings(seller.clone(), server.url("/api/seller/notices")).await;
    let server_key = before["push_key"].as_str().unwrap().to_string();
    assert_eq!(B64.decode(&server_key).unwrap().len(), 65, "{before}");
    assert_eq!(before["push_devices"], 0);

    let phone = Device::new(format!("{push_base}/push/phone"));
    let subscribe = |body: Value, csrf: Option<&str>| {
        let mut req = seller.put(server.url("/api/seller/push")).json(&body);
        if let Some(csrf) = csrf {
            req = req.header("x-csrf-token", csrf);
        }
        req.send()
    };
    // Refused: without the CSRF token; an endpoint that is not a push service; bad keys.
    assert_eq!(
        subscribe(phone.subscription(), None)
            .await
            .unwrap()
            .status(),
        403
    );
    let mut elsewhere = phone.subscription();
    elsewhere["endpoint"] = json!("https://intranet.example/admin");
    let refused = subscribe(elsewhere, Some(&csrf)).await.unwrap();
    assert_eq!(refused.status(), 422);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(
        refused["fields"][0]["rule"]["rule"], "push_subscription",
        "{refused}"
    );
    let mut short_auth = phone.subscription();
    short_auth["keys"]["auth"] = json!("AAAA");
    assert_eq!(
        subscribe(short_auth, Some(&csrf)).await.unwrap().status(),
        422
    );
    let on = subscribe(phone.subscription(), Some(&csrf)).await.unwrap();
    assert_eq!(on.status(), 200);
    assert_eq!(on.json::<Value>().await.unwrap()["push_devices"], 1);

    // A hotel asks: the phone's push service receives the message.
    let reference = ask(&server, &seller_id, "push-test-1").await;
    let first = service.nth(1).await;
    assert_eq!(first.path, "/push/phone");
    assert_eq!(first.headers["content-encoding"], "aes128gcm");
    assert_eq!(first.headers["ttl"], "86400");
    assert_eq!(first.headers["urgency"], "high");
    check_vapid(&first.headers, &server_key, &push_base);
    let message = phone.decrypt(&first.body);
    assert_eq!(
        message["title"],
        format!("Permintaan baru: Hotel Tepian Mahakam ({reference})")
    );
    assert_eq!(message["url"], "/penjual/permintaan");
    assert!(message["tag"].as_str().unwrap().ends_with(":push"));
    let text = message.to_string();
    assert!(!text.contains("@"), "no buyer's contact in a push: {text}");
    // Another browser cannot read it.
    let stranger = Device::new(phone.endpoint.clone());
    assert!(web_push_native::decrypt(
        first.body.to_vec(),
        &stranger.secret,
        &Auth::clone_from_slice(&phone.auth)
    )
    .is_err());

    // The browser unsubscribed at the push service: 410. The server forgets it.
    service.status.store(410, Ordering::SeqCst);
    ask(&server, &seller_id, "push-test-2").await;
    service.nth(2).await;
    let mut devices = Value::Null;
    for _ in 0..100 {
        devices = settings(seller.clone(), server.url("/api/seller/notices")).await["push_devices"]
            .clone();
        if devices == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(devices, 0, "the gone subscription is removed");

    // Turning it off from the dashboard: the seller's own browser only.
    service.status.store(201, Ordering::SeqCst);
    let tablet = Device::new(format!("{push_base}/push/tablet"));
    assert_eq!(
        subscribe(tablet.subscription(), Some(&csrf))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["push_devices"],
        1
    );
    let off = seller
        .delete(server.url("/api/seller/push"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"endpoint": tablet.endpoint}))
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 200);
    assert_eq!(off.json::<Value>().await.unwrap()["push_devices"], 0);

    // The key browsers subscribed with survives a restart.
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
    let again = Server::start(&data.path().join("data"), &dist);
    let seller = browser();
    seller
        .post(again.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0812 0000 0001", "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap();
    let after = settings(seller, again.url("/api/seller/notices")).await;
    assert_eq!(after["push_key"], server_key);
}
