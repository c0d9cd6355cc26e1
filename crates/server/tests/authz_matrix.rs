//! Who may do what, for every endpoint, in one table: an anonymous visitor, seller A (who
//! owns the listing, the inquiry part and the photo named in the requests) and seller B.
//! Also the headers and limits every response carries. Against the real binary on a real
//! SQLite file.

mod common;

use common::{jpeg, register, Seller, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anonymous,
    A,
    B,
}

/// One request and the status each caller must get.
struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    anonymous: u16,
    a: u16,
    b: u16,
}

fn case(method: Method, path: impl Into<String>, body: Option<Value>, expect: [u16; 3]) -> Case {
    let [anonymous, a, b] = expect;
    Case {
        method,
        path: path.into(),
        body,
        anonymous,
        a,
        b,
    }
}

async fn call(server: &Server, who: Option<&Seller>, c: &Case, csrf: bool) -> StatusCode {
    let http = who.map_or_else(Client::new, |s| s.http.clone());
    let mut req = http.request(c.method.clone(), server.url(&c.path));
    if let (Some(s), true) = (who, csrf) {
        req = req.header("x-csrf-token", &s.csrf);
    }
    if c.path == "/api/inquiries" {
        req = req.header("idempotency-key", format!("matrix-{}", rand_key()));
    }
    if c.path == "/api/uploads" {
        req = req.header("content-type", "image/jpeg").body(jpeg(64, 48));
    } else if let Some(body) = &c.body {
        req = req.json(body);
    }
    req.send().await.unwrap().status()
}

fn rand_key() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn purchase(product_id: &str) -> Value {
    let today = etalase_model::Date::from_days_since_epoch(
        (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            + 8 * 3600)
            / 86_400,
    );
    let wanted = etalase_model::Date::from_days_since_epoch(today.days_since_epoch() + 10);
    json!({
        "kind": "purchase",
        "purchase": {
            "organisation": "Hotel Matrix", "contact_name": "Rina", "email": "rina@hotel.example",
            "whatsapp": "0813 5000 1234", "city": "Samarinda",
            "items": [{"product_id": product_id, "quantity": 20, "unit": "pack"}],
            "recurrence": "one_time", "wanted_by": wanted.to_string(), "note": ""
        }
    })
}

#[tokio::test]
async fn every_endpoint_answers_each_caller_as_the_table_says() {
    let (server, _dir) = Server::start_fresh();
    let a = register(&server, "UMKM Matriks A", "081277700001").await;
    let b = register(&server, "UMKM Matriks B", "081277700002").await;

    // A's listing, published, and an inquiry for it.
    let demo = etalase_model::demo_catalog();
    let mut listing = serde_json::to_value(&demo.products[0]).unwrap();
    listing["name_id"] = json!("Kerupuk Matriks");
    listing["status"] = json!("published");
    let res = a
        .http
        .put(server.url("/api/seller/listings/kerupuk-matriks-a1"))
        .header("x-csrf-token", &a.csrf)
        .json(&listing)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = Client::new()
        .post(server.url("/api/inquiries"))
        .header("idempotency-key", "matrix-setup-0001")
        .json(&purchase("kerupuk-matriks-a1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap().to_string();
    let token = created["tracking_token"].as_str().unwrap().to_string();

    let get = Method::GET;
    let post = Method::POST;
    let put = Method::PUT;
    let table = [
        case(get.clone(), "/api/health", None, [200, 200, 200]),
        case(get.clone(), "/api/catalog", None, [200, 200, 200]),
        case(get.clone(), "/api/auth/me", None, [200, 200, 200]),
        case(get.clone(), "/api/insights", None, [200, 200, 200]),
        case(
            get.clone(),
            format!("/api/inquiries/track/{token}"),
            None,
            [200, 200, 200],
        ),
        case(
            get.clone(),
            format!("/api/inquiries/track/{}", "0".repeat(32)),
            None,
            [404, 404, 404],
        ),
        case(
            post.clone(),
            "/api/inquiries",
            Some(purchase("kerupuk-matriks-a1")),
            [201, 201, 201],
        ),
        case(get.clone(), "/api/seller/listings", None, [401, 200, 200]),
        case(
            put.clone(),
            "/api/seller/listings/kerupuk-matriks-a1",
            Some(listing.clone()),
            [401, 200, 403],
        ),
        case(post.clone(), "/api/uploads", None, [401, 201, 200]),
        case(get.clone(), "/api/seller/inquiries", None, [401, 200, 200]),
        case(
            get.clone(),
            "/api/seller/inquiries.csv",
            None,
            [401, 200, 200],
        ),
        case(
            post.clone(),
            format!("/api/seller/inquiries/{reference}/read"),
            None,
            [401, 204, 404],
        ),
        case(
            post.clone(),
            format!("/api/seller/inquiries/{reference}"),
            Some(json!({"status": null, "reply": "Stok ada."})),
            [401, 200, 404],
        ),
        case(get.clone(), "/api/no-such-endpoint", None, [404, 404, 404]),
    ];

    let mut checked = 0;
    for c in &table {
        for who in [Who::Anonymous, Who::A, Who::B] {
            let (seller, expected) = match who {
                Who::Anonymous => (None, c.anonymous),
                Who::A => (Some(&a), c.a),
                Who::B => (Some(&b), c.b),
            };
            let got = call(&server, seller, c, true).await;
            assert_eq!(got.as_u16(), expected, "{who:?} {} {}", c.method, c.path);
            checked += 1;
            // A state-changing call without the CSRF header is refused for a signed-in
            // caller, whatever the table says.
            if seller.is_some() && c.method != Method::GET && c.path.starts_with("/api/seller") {
                let got = call(&server, seller, c, false).await;
                assert_eq!(
                    got,
                    StatusCode::FORBIDDEN,
                    "{who:?} without CSRF {} {}",
                    c.method,
                    c.path
                );
                checked += 1;
            }
        }
    }
    eprintln!(
        "authorization matrix: {checked} requests checked, {} endpoints × 3 callers",
        table.len()
    );
}

#[tokio::test]
async fn security_headers_and_limits_hold_on_every_kind_of_response() {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><script type=\"module\">import init from '/app.js'; await init();</script>",
    )
    .unwrap();
    let server = Server::start(&data.path().join("data"), &dist);
    let http = Client::new();
    for path in [
        "/",
        "/permintaan",
        "/api/health",
        "/api/catalog",
        "/api/nothing",
    ] {
        let res = http.get(server.url(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(h.contains_key("permissions-policy"), "{path}");
    }

    // An upload far over the limit is refused from its declared length, before its body
    // is read: the server answers while the client has sent only 1 KB of the 50 MB.
    let res = Client::new()
        .post(server.url("/api/auth/register"))
        .json(
            &json!({"business_name": "UMKM Batas", "whatsapp": "081277700003",
                      "village_slug": "sepatin", "password": "amplang-enak-2026"}),
        )
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let me: Value = res.json().await.unwrap();
    let csrf = me["csrf_token"].as_str().unwrap();
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/uploads HTTP/1.1\r\nhost: {addr}\r\ncookie: {cookie}\r\nx-csrf-token: {csrf}\r\n\
         content-type: image/jpeg\r\ncontent-length: {}\r\n\r\n",
        50 * 1024 * 1024
    );
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    socket.write_all(head.as_bytes()).await.unwrap();
    socket.write_all(&[0xFF; 1024]).await.unwrap();
    let mut answer = vec![0u8; 256];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), socket.read(&mut answer))
        .await
        .expect("answered without waiting for the rest of the 50 MB")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("application/json"), "{answer}");

    // A form body over the API's limit is refused too.
    let res = http
        .post(server.url("/api/inquiries"))
        .header("idempotency-key", "matrix-large-0001")
        .header("content-type", "application/json")
        .body(vec![b' '; 300 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "body_too_large", "{body}");
}
