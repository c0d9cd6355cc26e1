//! The API description and the server must not drift apart.
//!
//! 1. Routing: every (method, path) the document declares reaches a handler of the real
//!    router (not the API's fallback, not a 405), every other method on those paths is a
//!    405, and the route table registers nothing except through `routes!` (which describes
//!    what it routes).
//! 2. Shapes: real answers of the real binary on loopback validate against the schemas the
//!    document gives for their status, so a serde rename, a new field or an `Option` that the
//!    description gets wrong fails here before a client notices.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::Server;
use etalase_server::routes::{self, NoRoute};
use etalase_server::snapshot::Snapshots;
use etalase_server::store::sqlite::SqliteStore;
use etalase_server::store::Store;
use etalase_server::{app, AppState, Config};
use reqwest::Client;
use serde_json::{json, Value};
use tower::ServiceExt;

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// `(method, path)` of every operation the document declares, path as written there.
fn declared(doc: &Value) -> Vec<(String, String)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if item.get(method).is_some() {
                ops.push((method.to_string(), path.clone()));
            }
        }
    }
    ops
}

/// A concrete URL for a templated path, with plausible parameter values.
fn concrete(path: &str) -> String {
    path.replace("{token}", "0123456789abcdef0123456789abcdef")
        .replace("{reference}", "PQ-2026-000001")
        .replace("{id}", "kerupuk-baru")
        .replace("{slug}", "pt-contoh-tambang-kaltim")
}

async fn in_process_app() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = SqliteStore::open(&data).unwrap();
    store
        .seed_catalog_if_empty(etalase_model::demo_catalog())
        .await
        .unwrap();
    let snapshots = Snapshots::load(&store, data.join("catalog"), Default::default())
        .await
        .unwrap();
    let config = Config::for_test(data, dir.path().join("dist"));
    (app(AppState::new(Arc::new(store), config, snapshots)), dir)
}

#[tokio::test]
async fn every_declared_operation_is_routed_and_nothing_else_is() {
    let doc = serde_json::to_value(routes::document()).unwrap();
    let ops = declared(&doc);
    assert!(ops.len() >= 17, "the document lists the API: {ops:?}");
    let (router, _dir) = in_process_app().await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        assert!(path.starts_with("/api/"), "{path} is under /api");
        for method in METHODS {
            let req = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(concrete(path))
                .body(Body::empty())
                .unwrap();
            let res = router.clone().oneshot(req).await.unwrap();
            let routed = res.extensions().get::<NoRoute>().is_none()
                && res.status() != StatusCode::METHOD_NOT_ALLOWED;
            if item.get(method).is_some() {
                assert!(
                    routed,
                    "{method} {path} is declared but not routed ({})",
                    res.status()
                );
            } else {
                assert_eq!(
                    res.status(),
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is served but not declared"
                );
            }
        }
    }
}

/// A route added with a plain `.route` would be served without a description, and the test
/// above cannot find a path it does not know: so the table itself is checked.
#[test]
fn the_route_table_registers_only_described_routes() {
    let source = include_str!("../src/routes/mod.rs");
    // The API's route functions: `api_routes` and the route groups it merges.
    let body: String = [
        "pub fn api_routes",
        "fn upload_routes",
        "fn idm_table_routes",
    ]
    .iter()
    .map(|name| {
        let start = source
            .find(name)
            .unwrap_or_else(|| panic!("{name} in routes/mod.rs"));
        &source[start..start + source[start..].find("\n}\n").unwrap()]
    })
    .collect();
    assert!(
        !body.contains(".route("),
        "api_routes must register handlers with .routes(routes!(…)), not .route(…)"
    );
    // One handler per item of each `routes!(a, b)` (handlers of one path share an entry).
    let registered: usize = body
        .split("routes!(")
        .skip(1)
        .map(|rest| {
            rest[..rest.find(')').unwrap()]
                .split(',')
                .filter(|h| !h.trim().is_empty())
                .count()
        })
        .sum();
    let doc = serde_json::to_value(routes::document()).unwrap();
    assert_eq!(
        registered,
        declared(&doc).len(),
        "one described operation per routes!(…) entry"
    );
}

/// Validates answers against the document the server itself serves.
struct Spec(Value);

impl Spec {
    async fn fetch(server: &Server) -> Spec {
        let res = reqwest::get(server.url("/api/openapi.json")).await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/json");
        let doc: Value = res.json().await.unwrap();
        assert_eq!(
            doc,
            serde_json::to_value(routes::document()).unwrap(),
            "served document = generated document"
        );
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        Spec(doc)
    }

    /// Panics unless `status` is declared for the operation and `body` fits its schema.
    fn check(&self, method: &str, path: &str, status: u16, body: &Value) {
        let errors = self.errors(method, path, status, body);
        assert!(
            errors.is_empty(),
            "{method} {path} {status} does not match the document:\n{}\nbody: {body:#}",
            errors.join("\n")
        );
    }

    /// What is wrong with `body` as the answer `status` of an operation.
    fn errors(&self, method: &str, path: &str, status: u16, body: &Value) -> Vec<String> {
        let response = &self.0["paths"][path][method]["responses"][status.to_string()];
        assert!(
            response.is_object(),
            "{method} {path} answered {status}, which the document does not declare"
        );
        let mut schema = response["content"]["application/json"]["schema"].clone();
        assert!(
            schema.is_object(),
            "{method} {path} {status} has a JSON schema"
        );
        // Let `#/components/…` references resolve inside the schema document.
        schema["components"] = self.0["components"].clone();
        let validator = jsonschema::draft202012::options()
            .build(&schema)
            .unwrap_or_else(|e| panic!("{method} {path} {status}: bad schema: {e}"));
        validator
            .iter_errors(body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }
}

async fn call(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let body = if status == 204 {
        Value::Null
    } else {
        res.json().await.unwrap()
    };
    (status, body)
}

#[tokio::test]
async fn real_answers_match_the_document() {
    let (server, _data) = Server::start_fresh();
    let spec = Spec::fetch(&server).await;
    let anon = Client::new();

    let (status, body) = call(anon.get(server.url("/api/health")).send().await.unwrap()).await;
    spec.check("get", "/api/health", status, &body);
    // The validator does reject what the document does not allow.
    let mut wrong = body.clone();
    wrong["status"] = json!("fine");
    wrong["database"]["ok"] = json!("yes");
    assert_eq!(spec.errors("get", "/api/health", 200, &wrong).len(), 2);
    let (status, body) = call(anon.get(server.url("/api/catalog")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    spec.check("get", "/api/catalog", status, &body);
    let product = body["products"][0].clone();
    let (status, body) = call(anon.get(server.url("/api/insights")).send().await.unwrap()).await;
    spec.check("get", "/api/insights", status, &body);
    let (status, body) = call(anon.get(server.url("/api/auth/me")).send().await.unwrap()).await;
    assert_eq!((status, &body), (200, &Value::Null));
    spec.check("get", "/api/auth/me", status, &body);

    // An inquiry: 422 with fields, then 201, then its tracking page.
    let inquiry = |body: Value| {
        anon.post(server.url("/api/inquiries"))
            .header("idempotency-key", "drift-test-0001")
            .json(&body)
    };
    let (status, body) = call(
        inquiry(json!({"kind": "purchase", "purchase": {
            "organisation": "", "contact_name": "", "email": "x", "whatsapp": "1", "city": "",
            "items": [], "recurrence": "one_time", "wanted_by": null, "note": ""
        }}))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(!body["fields"].as_array().unwrap().is_empty());
    spec.check("post", "/api/inquiries", status, &body);
    let (status, body) = call(inquiry(json!({"kind": "purchase", "purchase": {
        "organisation": "Hotel Mahakam", "contact_name": "Dewi Lestari",
        "email": "purchasing@hotel-mahakam.example", "whatsapp": "0812 7777 8888",
        "city": "Samarinda", "recurrence": "weekly", "note": "",
        "items": [{"product_id": product["id"], "quantity": product["moq"], "unit": product["unit"]}],
        "wanted_by": serde_json::to_value(etalase_model::Date::from_days_since_epoch(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64 / 86_400 + 14
        )).unwrap(),
    }})).send().await.unwrap())
    .await;
    assert_eq!(status, 201, "{body}");
    spec.check("post", "/api/inquiries", status, &body);
    let token = body["tracking_token"].as_str().unwrap();
    let (status, body) = call(
        anon.get(server.url(&format!("/api/inquiries/track/{token}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    spec.check("get", "/api/inquiries/track/{token}", status, &body);
    let (status, body) = call(
        anon.get(server.url("/api/inquiries/track/nope"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    spec.check("get", "/api/inquiries/track/{token}", status, &body);

    // Signed out, a seller endpoint is a 401 envelope; a malformed body a 400 or 415 one.
    let (status, body) = call(
        anon.get(server.url("/api/seller/inquiries"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    spec.check("get", "/api/seller/inquiries", status, &body);
    let (status, body) = call(
        anon.post(server.url("/api/auth/login"))
            .header("content-type", "application/json")
            .body("{\"whatsapp\": 1")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("malformed")));
    spec.check("post", "/api/auth/login", status, &body);
    let (status, body) = call(
        anon.post(server.url("/api/auth/login"))
            .body("x")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    spec.check("post", "/api/auth/login", status, &body);

    // The demo seller: me, listings, inbox, an answer.
    let seller = Client::builder().cookie_store(true).build().unwrap();
    let (status, body) = call(
        seller
            .post(server.url("/api/auth/login"))
            .json(&json!({"whatsapp": "0812 0000 0001", "password": "desa-demo-2026"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    spec.check("post", "/api/auth/login", status, &body);
    let csrf = body["csrf_token"].as_str().unwrap().to_string();
    let (status, body) = call(seller.get(server.url("/api/auth/me")).send().await.unwrap()).await;
    assert!(body.is_object());
    spec.check("get", "/api/auth/me", status, &body);
    let (status, body) = call(
        seller
            .get(server.url("/api/seller/listings"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    spec.check("get", "/api/seller/listings", status, &body);
    let (status, body) = call(
        seller
            .get(server.url("/api/seller/inquiries"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    spec.check("get", "/api/seller/inquiries", status, &body);
    let reference = body["parts"][0]["reference"]
        .as_str()
        .expect("demo inquiries")
        .to_string();
    let (status, body) = call(
        seller
            .post(server.url(&format!("/api/seller/inquiries/{reference}")))
            .header("x-csrf-token", &csrf)
            .json(&json!({"reply": "Stok ada, kirim minggu depan."}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    spec.check("post", "/api/seller/inquiries/{reference}", status, &body);
    let (status, body) = call(
        seller
            .post(server.url(&format!("/api/seller/inquiries/{reference}")))
            .json(&json!({"reply": "no token"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("csrf")));
    spec.check("post", "/api/seller/inquiries/{reference}", status, &body);
    let res = seller
        .get(server.url("/api/seller/inquiries.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let declared =
        &spec.0["paths"]["/api/seller/inquiries.csv"]["get"]["responses"]["200"]["content"];
    assert!(declared.get("text/csv").is_some());
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
}

/// Regression: axum's own extractors answered unreadable input in plain text (`400`, `413`,
/// `415`, `422` with a `text/plain` body), which no client of the JSON envelope can read and
/// which broke the document's promise; schemathesis's content-type check flags exactly this.
#[tokio::test]
async fn unreadable_input_answers_in_the_error_envelope() {
    let (router, _dir) = in_process_app().await;
    let send = |method: &str, uri: &str, content_type: Option<&str>, body: Vec<u8>| {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let req = req.body(Body::from(body)).unwrap();
        let router = router.clone();
        async move {
            let res = router.oneshot(req).await.unwrap();
            let status = res.status().as_u16();
            let ct = res.headers()["content-type"].to_str().unwrap().to_string();
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            let body: Value = serde_json::from_slice(&bytes).expect("a JSON envelope");
            (status, ct, body["code"].as_str().unwrap().to_string())
        }
    };
    let json = Some("application/json");
    let cases = [
        (
            send("POST", "/api/auth/login", json, b"{\"whatsapp\": ".to_vec()).await,
            400,
            "malformed",
        ),
        (
            send(
                "POST",
                "/api/auth/login",
                json,
                b"{\"whatsapp\": 1}".to_vec(),
            )
            .await,
            400,
            "malformed",
        ),
        (
            send(
                "POST",
                "/api/auth/login",
                Some("text/plain"),
                b"{}".to_vec(),
            )
            .await,
            415,
            "unsupported_media_type",
        ),
        (
            send("POST", "/api/auth/login", None, Vec::new()).await,
            415,
            "unsupported_media_type",
        ),
        (
            send("POST", "/api/auth/login", json, vec![b' '; 300 * 1024]).await,
            413,
            "body_too_large",
        ),
        (
            send("GET", "/api/inquiries/track/%FF%FE", None, Vec::new()).await,
            400,
            "malformed",
        ),
    ];
    for ((status, content_type, code), want_status, want_code) in cases {
        assert_eq!((status, code.as_str()), (want_status, want_code));
        assert_eq!(content_type, "application/json");
    }
}

/// The document states the rules' numbers and patterns (the `schema` attributes take only
/// literals, so this holds them to the rules' constants), and whatever a pattern admits the
/// rule accepts: a client that follows the description is not refused for the shape of a
/// field.
#[test]
fn the_schema_states_the_rules() {
    use etalase_model::rules::{
        normalize_whatsapp, BUSINESS_NAME_MAX, NOT_BLANK_PATTERN, PASSWORD_MAX_CHARS,
        PASSWORD_MIN_CHARS, WHATSAPP_PATTERN,
    };
    let doc = serde_json::to_value(routes::document()).unwrap();
    let field = |schema: &str, field: &str| {
        doc["components"]["schemas"][schema]["properties"][field].clone()
    };
    for schema in ["Registration", "SignIn", "NewMember"] {
        assert_eq!(
            field(schema, "whatsapp")["pattern"],
            WHATSAPP_PATTERN,
            "{schema}"
        );
    }
    for schema in ["Registration", "NewMember"] {
        assert_eq!(
            field(schema, "business_name")["pattern"],
            NOT_BLANK_PATTERN,
            "{schema}"
        );
        assert_eq!(
            field(schema, "business_name")["maxLength"],
            BUSINESS_NAME_MAX,
            "{schema}"
        );
    }
    for schema in ["Registration", "Claim"] {
        assert_eq!(
            field(schema, "password")["minLength"],
            PASSWORD_MIN_CHARS,
            "{schema}"
        );
        assert_eq!(
            field(schema, "password")["maxLength"],
            PASSWORD_MAX_CHARS,
            "{schema}"
        );
    }
    assert_eq!(field("SignIn", "password")["maxLength"], PASSWORD_MAX_CHARS);
    assert_eq!(
        field("UpdateBody", "reply")["maxLength"],
        etalase_server::inbox::REPLY_MAX_CHARS
    );
    use etalase_model::inquiry::{MAX_ITEMS, MAX_QUANTITY, NOTE_MAX_CHARS};
    use etalase_model::rules::{DESCRIPTION_MAX, MAX_PHOTOS, MAX_TIERS, NAME_MAX, SHORT_TEXT_MAX};
    assert_eq!(field("Product", "name_id")["maxLength"], NAME_MAX);
    assert_eq!(field("Product", "name_en")["maxLength"], NAME_MAX);
    assert_eq!(
        field("Product", "description_id")["maxLength"],
        DESCRIPTION_MAX
    );
    assert_eq!(
        field("Product", "packaging_id")["maxLength"],
        SHORT_TEXT_MAX
    );
    assert_eq!(field("Product", "tiers")["maxItems"], MAX_TIERS);
    assert_eq!(field("Product", "photos")["maxItems"], MAX_PHOTOS);
    for form in ["PurchaseInquiry", "ExportInquiry"] {
        assert_eq!(field(form, "items")["maxItems"], MAX_ITEMS, "{form}");
        assert_eq!(field(form, "note")["maxLength"], NOTE_MAX_CHARS, "{form}");
    }
    for line in ["PurchaseItem", "ExportItem"] {
        assert_eq!(field(line, "quantity")["maximum"], MAX_QUANTITY, "{line}");
    }
    use etalase_model::rules::{
        PARTNERSHIP_DETAIL_MAX, PARTNERSHIP_VILLAGES_MAX, PARTNER_NAME_MAX, WEBSITE_MAX, YEAR_MAX,
        YEAR_MIN,
    };
    // An optional field's limit sits on its non-null alternative.
    let limit = |schema: &str, name: &str, key: &str| {
        let f = field(schema, name);
        let found = std::iter::once(&f)
            .chain(f["oneOf"].as_array().into_iter().flatten())
            .find_map(|s| s.get(key).cloned());
        found.unwrap_or_else(|| panic!("{schema}.{name} states {key}: {f}"))
    };
    assert_eq!(limit("PartnerBody", "name", "maxLength"), PARTNER_NAME_MAX);
    assert_eq!(limit("PartnerBody", "website", "maxLength"), WEBSITE_MAX);
    for text in ["detail_id", "detail_en"] {
        assert_eq!(
            limit("PartnershipBody", text, "maxLength"),
            PARTNERSHIP_DETAIL_MAX
        );
    }
    assert_eq!(
        limit("PartnershipBody", "village_slugs", "maxItems"),
        PARTNERSHIP_VILLAGES_MAX
    );
    for (schema, year) in [
        ("PartnershipBody", "start_year"),
        ("PartnershipBody", "end_year"),
        ("EndPartnershipBody", "end_year"),
    ] {
        assert_eq!(limit(schema, year, "minimum"), YEAR_MIN, "{schema}.{year}");
        assert_eq!(limit(schema, year, "maximum"), YEAR_MAX, "{schema}.{year}");
    }

    // Numbers spelled every way the pattern allows, from a fixed seed, and the same digits
    // as people type them (which the rule takes too).
    let pattern =
        jsonschema::validator_for(&json!({"type": "string", "pattern": WHATSAPP_PATTERN})).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for _ in 0..2_000 {
        let prefix = ["", "+62", "62", "0"][next(4) as usize];
        let digits: String = (0..8 + next(4))
            .map(|_| char::from(b'0' + next(10) as u8))
            .collect();
        let number = format!("{prefix}8{digits}");
        assert!(pattern.is_valid(&json!(number)), "{number:?} should match");
        assert!(
            normalize_whatsapp(&number).is_some(),
            "{number:?} matches but is refused"
        );
        let typed = format!("{prefix} 8{}-{}", &digits[..3], &digits[3..]);
        assert_eq!(
            normalize_whatsapp(&typed),
            normalize_whatsapp(&number),
            "{typed:?}"
        );
    }
    for refused in [
        "",
        "12345",
        "+1 415 555 0100",
        "0812",
        "+0812345678",
        "08123456789012345",
    ] {
        assert!(!pattern.is_valid(&json!(refused)), "{refused:?}");
    }
}
