//! Cooperative operators acting for their members, against the real binary on a real SQLite
//! file: staff sign-in, adding a member and the claim link, listing and uploading for a
//! member with the change recorded as the operator's, the member's claim and consent, and
//! who may call every endpoint involved (one table).

mod common;

use common::{jpeg, send_inquiry, Server};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const OPERATOR_A: &str = "0812 0000 0900"; // demo operator of Sepatin's cooperative
const FACILITATOR: &str = "0812 0000 0901";
const DEMO_PASSWORD: &str = "desa-demo-2026";
const MEMBER: &str = "kerupuk-sepatin-jaya"; // demo member of Sepatin with an account
const MEMBER_WHATSAPP: &str = "0812 0000 0001";

/// A signed-in browser: cookies and the CSRF token of its session.
#[derive(Clone)]
struct Caller {
    http: Client,
    csrf: Option<String>,
}

impl Caller {
    fn anonymous() -> Caller {
        Caller {
            http: Client::new(),
            csrf: None,
        }
    }

    async fn staff(server: &Server, whatsapp: &str, password: &str) -> Caller {
        Caller::sign_in(server, "/api/staff/login", whatsapp, password).await
    }

    async fn seller(server: &Server, whatsapp: &str, password: &str) -> Caller {
        Caller::sign_in(server, "/api/auth/login", whatsapp, password).await
    }

    async fn sign_in(server: &Server, path: &str, whatsapp: &str, password: &str) -> Caller {
        let http = common::browser();
        let res = http
            .post(server.url(path))
            .json(&json!({"whatsapp": whatsapp, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path} as {whatsapp}");
        let body: Value = res.json().await.unwrap();
        Caller {
            http,
            csrf: Some(body["csrf_token"].as_str().unwrap().to_string()),
        }
    }

    fn request(&self, server: &Server, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, server.url(path));
        if let Some(csrf) = &self.csrf {
            req = req.header("x-csrf-token", csrf);
        }
        req
    }
}

/// Creates a staff account with the binary's `staff add`, as the district's admin would.
fn staff_add(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(["staff", "add", "--data-dir"])
        .arg(data)
        .args(args)
        .env("ETALASE_STAFF_PASSWORD", "koperasi-pantuan-2026")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn listing(name: &str, photo: Option<&str>) -> Value {
    let demo = etalase_model::demo_catalog();
    let mut doc = serde_json::to_value(&demo.products[0]).unwrap();
    doc["name_id"] = json!(name);
    doc["status"] = json!("published");
    if let Some(path) = photo {
        doc["photos"] = json!([{ "thumb": path, "large": path, "alt_id": "Amplang", "alt_en": "Amplang", "width": 640, "height": 480 }]);
    }
    doc
}

#[tokio::test]
async fn an_operator_lists_for_a_new_member_who_claims_the_account_and_can_withdraw() {
    let (server, dir) = Server::start_fresh();
    let operator = Caller::staff(&server, OPERATOR_A, DEMO_PASSWORD).await;

    let me: Value = operator
        .request(&server, Method::GET, "/api/staff/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["staff"]["role"], "operator");
    assert_eq!(me["staff"]["cooperative"], "sepatin");

    // The demo members of Sepatin's cooperative, one with an account and one without.
    let members: Value = operator
        .request(&server, Method::GET, "/api/coop/members")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let find = |members: &Value, id: &str| -> Value {
        members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["seller"]["id"] == id)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(find(&members, MEMBER)["membership"]["claimed"], true);
    assert_eq!(
        find(&members, "kub-nelayan-sepatin")["membership"]["claimed"],
        false
    );
    assert!(members
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["membership"]["cooperative"] == "sepatin"));

    // A new member by name and number; the claim link is theirs to open.
    let res = operator
        .request(&server, Method::POST, "/api/coop/members")
        .json(&json!({"business_name": "Amplang Ibu Rahmah", "whatsapp": "0813 5000 7001"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let added: Value = res.json().await.unwrap();
    let member_id = added["member"]["seller"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(added["member"]["seller"]["village_slug"], "sepatin");
    let claim_url = added["claim_url"].as_str().unwrap();
    assert!(
        claim_url.starts_with(&format!("{}/masuk/klaim/", server.base)),
        "{claim_url}"
    );
    assert!(added["whatsapp_url"]
        .as_str()
        .unwrap()
        .starts_with("https://wa.me/6281350007001?text="));
    let token = claim_url.rsplit('/').next().unwrap().to_string();
    let again = operator
        .request(&server, Method::POST, "/api/coop/members")
        .json(&json!({"business_name": "Amplang Ibu Rahmah", "whatsapp": "081350007001"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 422, "the same number twice");
    let body: Value = again.json().await.unwrap();
    assert_eq!(
        body["fields"][0]["rule"]["rule"], "already_registered",
        "{body}"
    );

    // A photo and a published listing for the member, made by the operator.
    let res = operator
        .request(
            &server,
            Method::POST,
            &format!("/api/coop/members/{member_id}/uploads"),
        )
        .header("content-type", "image/jpeg")
        .body(jpeg(640, 480))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let photo: Value = res.json().await.unwrap();
    let photo_path = photo["path"].as_str().unwrap().to_string();
    let listing_path = format!("/api/coop/members/{member_id}/listings/amplang-ibu-rahmah");
    let res = operator
        .request(&server, Method::PUT, &listing_path)
        .json(&listing("Amplang Ikan Pipih Ibu Rahmah", Some(&photo_path)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());

    // Buyers see it, sold through the cooperative.
    let catalog = server.catalog().await;
    let product = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "amplang-ibu-rahmah")
        .expect("published listing in the catalog");
    assert_eq!(product["seller_id"], member_id.as_str());
    let seller = catalog["sellers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == member_id.as_str())
        .unwrap();
    assert_eq!(seller["cooperative"], "Koperasi Desa Merah Putih Sepatin");

    // The member claims the account once, and sees the operator's change in the history.
    let member = common::browser();
    let claim = |password: &'static str| {
        member
            .post(server.url("/api/auth/claim"))
            .json(&json!({"token": token, "password": password}))
            .send()
    };
    let res = claim("rahmah-amplang-2026").await.unwrap();
    assert_eq!(res.status(), 201);
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["seller"]["id"], member_id.as_str());
    let member_csrf = me["csrf_token"].as_str().unwrap().to_string();
    assert_eq!(
        claim("another-password-1").await.unwrap().status(),
        404,
        "a link works once"
    );

    let mut edited = listing("Amplang Ikan Pipih Ibu Rahmah 250 g", Some(&photo_path));
    edited["moq"] = json!(20);
    let res = member
        .put(server.url("/api/seller/listings/amplang-ibu-rahmah"))
        .header("x-csrf-token", &member_csrf)
        .json(&edited)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let history: Value = member
        .get(server.url("/api/seller/listings/amplang-ibu-rahmah/history"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entries: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap(),
                e["actor_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("operator", "Rahmawati (operator koperasi, demo)"),
            ("seller", "Amplang Ibu Rahmah")
        ]
    );

    // The member withdraws the cooperative's right to act: the operator is locked out.
    let res = member
        .put(server.url("/api/seller/cooperative"))
        .header("x-csrf-token", &member_csrf)
        .json(&json!({"operator_may_act": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let membership: Value = res.json().await.unwrap();
    assert_eq!(
        membership,
        json!({"cooperative": "sepatin", "operator_may_act": false, "claimed": true})
    );
    let res = operator
        .request(&server, Method::PUT, &listing_path)
        .json(&listing("Diubah operator", None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let kept: Value = member
        .get(server.url("/api/seller/listings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        kept[0]["name_id"], "Amplang Ikan Pipih Ibu Rahmah 250 g",
        "nothing changed"
    );
    drop(dir);
}

/// One request and the status each caller must get:
/// [anonymous, operator of Sepatin, operator of Muara Pantuan, the member as seller, facilitator].
struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    expect: [u16; 5],
}

fn case(method: Method, path: impl Into<String>, body: Option<Value>, expect: [u16; 5]) -> Case {
    Case {
        method,
        path: path.into(),
        body,
        expect,
    }
}

#[tokio::test]
async fn who_may_act_for_a_member_on_every_cooperative_endpoint() {
    let (server, dir) = Server::start_fresh();
    let data = dir.path().join("data");
    let out = staff_add(
        &data,
        &[
            "--role",
            "operator",
            "--cooperative",
            "muara-pantuan",
            "--name",
            "Operator Pantuan",
            "--whatsapp",
            "0812 5555 0101",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("operator-pantuan-0101"));
    let refused = staff_add(
        &data,
        &[
            "--role",
            "operator",
            "--cooperative",
            "atlantis",
            "--name",
            "X",
            "--whatsapp",
            "0812 5555 0102",
        ],
    );
    assert!(
        !refused.status.success(),
        "an unknown cooperative is refused"
    );

    let callers = [
        Caller::anonymous(),
        Caller::staff(&server, OPERATOR_A, DEMO_PASSWORD).await,
        Caller::staff(&server, "0812 5555 0101", "koperasi-pantuan-2026").await,
        Caller::seller(&server, MEMBER_WHATSAPP, DEMO_PASSWORD).await,
        Caller::staff(&server, FACILITATOR, DEMO_PASSWORD).await,
    ];
    // An inquiry for the member, to answer.
    let res = send_inquiry(&Client::new(), &server, "coop-matrix-1", "Hotel Koperasi")
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let reference = res.json::<Value>().await.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let listing_id = etalase_model::demo_catalog()
        .products
        .iter()
        .find(|p| p.seller_id == MEMBER)
        .unwrap()
        .id
        .clone();

    let on_behalf = format!("/api/coop/members/{MEMBER}");
    let cases = [
        case(
            Method::GET,
            "/api/coop/members",
            None,
            [401, 200, 200, 401, 403],
        ),
        case(
            Method::POST,
            "/api/coop/members",
            Some(json!({"business_name": "Anggota Baru", "whatsapp": "NUMBER"})),
            [401, 201, 201, 401, 403],
        ),
        case(
            Method::GET,
            format!("{on_behalf}/listings"),
            None,
            [401, 200, 404, 401, 403],
        ),
        case(
            Method::PUT,
            format!("{on_behalf}/listings/matrix-amplang"),
            Some(listing("Amplang Matriks", None)),
            [401, 201, 404, 401, 403],
        ),
        case(
            Method::GET,
            format!("{on_behalf}/listings/{listing_id}/history"),
            None,
            [401, 200, 404, 401, 403],
        ),
        case(
            Method::POST,
            format!("{on_behalf}/uploads"),
            None,
            [401, 201, 404, 401, 403],
        ),
        case(
            Method::GET,
            format!("{on_behalf}/inquiries"),
            None,
            [401, 200, 404, 401, 403],
        ),
        case(
            Method::POST,
            format!("{on_behalf}/inquiries/{reference}"),
            Some(json!({"reply": "Stok ada, Bu."})),
            [401, 200, 404, 401, 403],
        ),
        case(
            Method::GET,
            "/api/seller/cooperative",
            None,
            [401, 401, 401, 200, 401],
        ),
        case(
            Method::PUT,
            "/api/seller/cooperative",
            Some(json!({"operator_may_act": true})),
            [401, 401, 401, 200, 401],
        ),
        case(
            Method::GET,
            format!("/api/seller/listings/{listing_id}/history"),
            None,
            [401, 401, 401, 200, 401],
        ),
        // The facilitators' report: facilitators only.
        case(
            Method::GET,
            "/api/facilitator/report",
            None,
            [401, 403, 403, 401, 200],
        ),
        case(
            Method::GET,
            "/api/facilitator/report.csv",
            None,
            [401, 403, 403, 401, 200],
        ),
        // Another cooperative's member, reached by Sepatin's operator: the same 404.
        case(
            Method::GET,
            "/api/coop/members/pokdakan-muara-pantuan/listings",
            None,
            [401, 404, 200, 401, 403],
        ),
    ];
    let names = [
        "anonymous",
        "operator A",
        "operator B",
        "member",
        "facilitator",
    ];
    let mut number = 7100;
    let mut failures = Vec::new();
    for c in &cases {
        for (who, caller) in callers.iter().enumerate() {
            let mut req = caller.request(&server, c.method.clone(), &c.path);
            if c.path.ends_with("/uploads") {
                number += 1;
                req = req
                    .header("content-type", "image/jpeg")
                    .body(jpeg(64 + number % 50, 48));
            } else if let Some(body) = &c.body {
                number += 1;
                let text = body
                    .to_string()
                    .replace("NUMBER", &format!("0813 5000 {number}"));
                req = req.header("content-type", "application/json").body(text);
            }
            let got = req.send().await.unwrap().status();
            if got != StatusCode::from_u16(c.expect[who]).unwrap() {
                failures.push(format!(
                    "{} {} as {}: {got}, expected {}",
                    c.method, c.path, names[who], c.expect[who]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");

    // A write without the staff session's CSRF token is refused like a seller's.
    let no_csrf = Caller {
        http: callers[1].http.clone(),
        csrf: None,
    };
    let res = no_csrf
        .request(
            &server,
            Method::PUT,
            &format!("{on_behalf}/listings/matrix-amplang"),
        )
        .json(&listing("Tanpa token", None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // The buyer's tracking page names the member and the operator who answered.
    let history: Value = callers[1]
        .request(&server, Method::GET, &format!("{on_behalf}/inquiries"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let part = history["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["reference"] == reference.as_str())
        .unwrap();
    let actor = part["events"][0]["by"].as_str().unwrap();
    assert_eq!(
        actor,
        "UD Kerupuk Udang Sepatin Jaya · Rahmawati (operator koperasi, demo)"
    );
}

#[tokio::test]
async fn a_facilitator_sees_each_village_and_the_developing_ones_without_listings() {
    let (server, _dir) = Server::start_fresh();
    let facilitator = Caller::staff(&server, FACILITATOR, DEMO_PASSWORD).await;
    let report: Value = facilitator
        .request(&server, Method::GET, "/api/facilitator/report")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let demo = etalase_model::demo_catalog();
    let villages = report["villages"].as_array().unwrap();
    // Every village of the region, the demo's and the gazetteer's others alike.
    assert_eq!(villages.len(), 237);
    for d in &demo.villages {
        assert!(
            villages.iter().any(|v| v["slug"] == d.slug.as_str()),
            "{}",
            d.slug
        );
    }
    let published = |slug: &str| {
        demo.products
            .iter()
            .filter(|p| {
                p.village_slug == slug && p.status == etalase_model::ListingStatus::Published
            })
            .count()
    };
    for v in villages {
        let slug = v["slug"].as_str().unwrap();
        assert_eq!(v["listings"], published(slug), "{slug}");
        // A village without IDM figures is not guessed to be developing.
        let developing = v["idm_status"]
            .as_str()
            .is_some_and(|s| ["sangat_tertinggal", "tertinggal", "berkembang"].contains(&s));
        let listed = report["to_coach"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == slug);
        assert_eq!(listed, developing && published(slug) == 0, "{slug}");
    }
    // The demo inquiries reached Sepatin's sellers in the last 90 days.
    let sepatin = villages.iter().find(|v| v["slug"] == "sepatin").unwrap();
    assert!(sepatin["inquiries_90"].as_u64().unwrap() > 0, "{sepatin}");
    let kecamatan = report["kecamatan"].as_array().unwrap();
    let total: u64 = kecamatan
        .iter()
        .map(|k| k["listings"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total as usize,
        demo.products
            .iter()
            .filter(|p| p.status == etalase_model::ListingStatus::Published)
            .count()
    );

    let res = facilitator
        .request(&server, Method::GET, "/api/facilitator/report.csv")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let text = res.text().await.unwrap();
    assert!(text.starts_with("\u{feff}kecamatan,desa,"));
    assert_eq!(text.lines().count(), villages.len() + 1);
}
