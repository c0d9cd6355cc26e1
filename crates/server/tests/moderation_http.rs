//! Trust and moderation against the real binary on a real SQLite file: who may call each
//! endpoint (admin, facilitator, operator, seller, anonymous: one table), and the paths a
//! district walks: a report, a hidden listing gone from the catalog and its seller reading
//! why, a verification buyers see, a suspended seller and a deactivated staff member who
//! can no longer get in, the IDM table imported with a bad row then clean, a partner's
//! programme recorded and ended, and the audit log of all of it.

mod common;

use common::Server;
use reqwest::{Client, Method};
use serde_json::{json, Value};

const OPERATOR: &str = "0812 0000 0900"; // Sepatin's cooperative
const FACILITATOR: &str = "0812 0000 0901";
const ADMIN: &str = "0812 0000 0902";
const SELLER: &str = "0812 0000 0001"; // kerupuk-sepatin-jaya
const PASSWORD: &str = "desa-demo-2026";

#[derive(Clone)]
struct Caller {
    name: &'static str,
    http: Client,
    csrf: Option<String>,
}

impl Caller {
    fn anonymous() -> Caller {
        Caller {
            name: "anonymous",
            http: Client::new(),
            csrf: None,
        }
    }

    async fn sign_in(server: &Server, name: &'static str, path: &str, whatsapp: &str) -> Caller {
        let http = common::browser();
        let res = http
            .post(server.url(path))
            .json(&json!({"whatsapp": whatsapp, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path} as {whatsapp}");
        let body: Value = res.json().await.unwrap();
        Caller {
            name,
            http,
            csrf: Some(body["csrf_token"].as_str().unwrap().to_string()),
        }
    }

    async fn call(
        &self,
        server: &Server,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self.http.request(method, server.url(path));
        if let Some(csrf) = &self.csrf {
            req = req.header("x-csrf-token", csrf);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

struct Everyone {
    anonymous: Caller,
    seller: Caller,
    operator: Caller,
    facilitator: Caller,
    admin: Caller,
}

impl Everyone {
    async fn sign_in(server: &Server) -> Everyone {
        Everyone {
            anonymous: Caller::anonymous(),
            seller: Caller::sign_in(server, "seller", "/api/auth/login", SELLER).await,
            operator: Caller::sign_in(server, "operator", "/api/staff/login", OPERATOR).await,
            facilitator: Caller::sign_in(server, "facilitator", "/api/staff/login", FACILITATOR)
                .await,
            admin: Caller::sign_in(server, "admin", "/api/staff/login", ADMIN).await,
        }
    }
}

fn notice() -> Value {
    json!({"id": "Foto tidak sesuai produk", "en": "The photos do not show this product"})
}

async fn catalog(server: &Server) -> Value {
    reqwest::get(server.url("/api/catalog"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn has_product(catalog: &Value, id: &str) -> bool {
    catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == id)
}

/// A published demo product of `seller`, and one of a seller outside Sepatin.
fn demo_ids() -> (String, String, String) {
    let demo = etalase_model::demo_catalog();
    let own = demo
        .products
        .iter()
        .find(|p| {
            p.seller_id == "kerupuk-sepatin-jaya"
                && p.status == etalase_model::ListingStatus::Published
        })
        .unwrap();
    let outside = demo
        .sellers
        .iter()
        .find(|s| s.village_slug != "sepatin")
        .unwrap();
    (
        own.id.clone(),
        "kerupuk-sepatin-jaya".into(),
        outside.id.clone(),
    )
}

#[tokio::test]
async fn who_may_moderate_verify_suspend_and_manage_staff() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    let (product, sepatin_seller, outside_seller) = demo_ids();
    let get = Method::GET;
    let put = Method::PUT;
    let delete = Method::DELETE;
    let post = Method::POST;
    // (method, path, body, [anonymous, seller, operator, facilitator, admin]). Calls run in
    // this order, so a row's success by one role sets up the next row.
    let rows: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
        (
            get.clone(),
            "/api/staff/moderation".into(),
            None,
            [401, 401, 403, 200, 200],
        ),
        (
            put.clone(),
            format!("/api/staff/listings/{product}/hold"),
            Some(notice()),
            [401, 401, 403, 204, 204],
        ),
        (
            delete.clone(),
            format!("/api/staff/listings/{product}/hold"),
            None,
            [401, 401, 403, 204, 404],
        ),
        (
            post.clone(),
            format!("/api/staff/listings/{product}/dismiss"),
            None,
            [401, 401, 403, 204, 204],
        ),
        (
            put.clone(),
            format!("/api/staff/sellers/{sepatin_seller}/verification"),
            Some(json!({})),
            [401, 401, 200, 200, 200],
        ),
        (
            put.clone(),
            format!("/api/staff/sellers/{outside_seller}/verification"),
            Some(json!({})),
            [401, 401, 403, 200, 200],
        ),
        (
            delete.clone(),
            format!("/api/staff/sellers/{outside_seller}/verification"),
            None,
            [401, 401, 403, 200, 200],
        ),
        (
            put.clone(),
            "/api/staff/sellers/no-such-seller/verification".into(),
            Some(json!({})),
            [401, 401, 404, 404, 404],
        ),
        (
            put.clone(),
            format!("/api/staff/sellers/{outside_seller}/suspension"),
            Some(notice()),
            [401, 401, 403, 403, 204],
        ),
        (
            delete.clone(),
            format!("/api/staff/sellers/{outside_seller}/suspension"),
            None,
            [401, 401, 403, 403, 204],
        ),
        (
            get.clone(),
            "/api/staff/accounts".into(),
            None,
            [401, 401, 403, 403, 200],
        ),
        (
            get.clone(),
            "/api/staff/audit".into(),
            None,
            [401, 401, 403, 403, 200],
        ),
        (
            put.clone(),
            "/api/staff/accounts/admin-dpmd-kukar-demo/active".into(),
            Some(json!({"active": false})),
            [401, 401, 403, 403, 422],
        ),
        (
            get.clone(),
            "/api/seller/holds".into(),
            None,
            [401, 200, 401, 401, 401],
        ),
        (
            post.clone(),
            format!("/api/seller/listings/{product}/review"),
            None,
            [401, 404, 401, 401, 401],
        ),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expect) in &rows {
        let callers = [
            &who.anonymous,
            &who.seller,
            &who.operator,
            &who.facilitator,
            &who.admin,
        ];
        for (caller, want) in callers.iter().zip(expect) {
            let (got, _) = caller
                .call(&server, method.clone(), path, body.clone())
                .await;
            if got != *want {
                wrong.push(format!(
                    "{method} {path} as {}: {got}, wanted {want}",
                    caller.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Reports are anyone's, and checked.
    let report = format!("/api/listings/{product}/reports");
    let (status, _) = who
        .anonymous
        .call(
            &server,
            post.clone(),
            &report,
            Some(json!({"reason": "scam"})),
        )
        .await;
    assert_eq!(status, 204);
    let (status, body) = who
        .anonymous
        .call(
            &server,
            post.clone(),
            &report,
            Some(json!({"reason": "other", "text": " "})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (422, Some("text"))
    );
    let (status, _) = who
        .anonymous
        .call(
            &server,
            post.clone(),
            "/api/listings/no-such/reports",
            Some(json!({"reason": "scam"})),
        )
        .await;
    assert_eq!(status, 404);
    // Writes without the CSRF header are refused for staff too.
    let (status, body) = Caller {
        csrf: None,
        ..who.facilitator.clone()
    }
    .call(
        &server,
        put.clone(),
        &format!("/api/staff/listings/{product}/hold"),
        Some(notice()),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("csrf")));
    // A reason must be given in both languages, and a NIB must be one.
    let (status, body) = who
        .facilitator
        .call(
            &server,
            put.clone(),
            &format!("/api/staff/listings/{product}/hold"),
            Some(json!({"id": "Palsu", "en": ""})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (422, Some("en"))
    );
    let (status, body) = who
        .facilitator
        .call(
            &server,
            put,
            &format!("/api/staff/sellers/{sepatin_seller}/verification"),
            Some(json!({"nib": "123"})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["rule"]["rule"].as_str()),
        (422, Some("nib_number"))
    );
    drop(server);
}

#[tokio::test]
async fn a_reported_listing_is_hidden_its_seller_reads_why_and_it_comes_back() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    let (product, _, _) = demo_ids();
    assert!(has_product(&catalog(&server).await, &product));

    let (status, _) = who
        .anonymous
        .call(
            &server,
            Method::POST,
            &format!("/api/listings/{product}/reports"),
            Some(json!({"reason": "misleading", "text": "Label halal palsu"})),
        )
        .await;
    assert_eq!(status, 204);
    let (_, queue) = who
        .facilitator
        .call(&server, Method::GET, "/api/staff/moderation", None)
        .await;
    assert_eq!(queue["reports"][0]["product_id"], product);
    assert_eq!(queue["reports"][0]["text"], "Label halal palsu");

    let hold = format!("/api/staff/listings/{product}/hold");
    let (status, _) = who
        .facilitator
        .call(&server, Method::PUT, &hold, Some(notice()))
        .await;
    assert_eq!(status, 204);
    assert!(
        !has_product(&catalog(&server).await, &product),
        "gone from the catalog at once"
    );
    let (status, _) = who
        .anonymous
        .call(
            &server,
            Method::POST,
            &format!("/api/listings/{product}/reports"),
            Some(json!({"reason": "scam"})),
        )
        .await;
    assert_eq!(status, 404, "a hidden listing is not there to report");

    let (_, holds) = who
        .seller
        .call(&server, Method::GET, "/api/seller/holds", None)
        .await;
    assert_eq!(holds[0]["product_id"], product);
    assert_eq!(holds[0]["reason"], notice());
    let (status, _) = who
        .seller
        .call(
            &server,
            Method::POST,
            &format!("/api/seller/listings/{product}/review"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (_, queue) = who
        .admin
        .call(&server, Method::GET, "/api/staff/moderation", None)
        .await;
    assert_eq!(queue["held"][0]["hold"]["review_requested"], true);
    assert!(
        queue["reports"].as_array().unwrap().is_empty(),
        "hiding closed the report"
    );

    let (status, _) = who.admin.call(&server, Method::DELETE, &hold, None).await;
    assert_eq!(status, 204);
    assert!(has_product(&catalog(&server).await, &product), "restored");

    let (_, log) = who
        .admin
        .call(&server, Method::GET, "/api/staff/audit", None)
        .await;
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["listing_restored", "listing_hidden"]);
    assert_eq!(log[1]["actor_name"], "Rahmat Hidayat (demo)");
    assert_eq!(log[1]["subject"], product);
}

#[tokio::test]
async fn buyers_see_who_verified_a_seller() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    let (_, seller, _) = demo_ids();
    let (status, body) = who
        .operator
        .call(
            &server,
            Method::PUT,
            &format!("/api/staff/sellers/{seller}/verification"),
            Some(json!({"nib": "9120 0012 3456 7"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let catalog = catalog(&server).await;
    let shown = catalog["sellers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == seller)
        .unwrap();
    assert_eq!(shown["verified"]["by"], "Koperasi Desa Merah Putih Sepatin");
    assert_eq!(shown["verified"]["nib"], "9120001234567");
    assert!(shown["verified"]["on"].as_str().unwrap().starts_with("20"));
}

#[tokio::test]
async fn a_suspended_seller_and_a_deactivated_facilitator_cannot_get_in() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    let (product, seller, _) = demo_ids();

    let (status, _) = who
        .admin
        .call(
            &server,
            Method::PUT,
            &format!("/api/staff/sellers/{seller}/suspension"),
            Some(notice()),
        )
        .await;
    assert_eq!(status, 204);
    let catalog_now = catalog(&server).await;
    assert!(!has_product(&catalog_now, &product));
    assert!(!catalog_now["sellers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == seller));
    let (_, me) = who
        .seller
        .call(&server, Method::GET, "/api/auth/me", None)
        .await;
    assert_eq!(me, Value::Null, "signed out at once");
    let (status, body) = Caller::anonymous()
        .call(
            &server,
            Method::POST,
            "/api/auth/login",
            Some(json!({"whatsapp": SELLER, "password": PASSWORD})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("account_disabled"))
    );
    let (status, body) = Caller::anonymous()
        .call(
            &server,
            Method::POST,
            "/api/auth/login",
            Some(json!({"whatsapp": SELLER, "password": "wrong-password"})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("wrong_credentials")),
        "without the password, a suspension is not revealed"
    );

    let (status, _) = who
        .admin
        .call(
            &server,
            Method::PUT,
            "/api/staff/accounts/fasilitator-kukar-demo/active",
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(status, 204);
    let (_, me) = who
        .facilitator
        .call(&server, Method::GET, "/api/staff/me", None)
        .await;
    assert_eq!(me, Value::Null, "the facilitator's session ended");
    let (status, body) = Caller::anonymous()
        .call(
            &server,
            Method::POST,
            "/api/staff/login",
            Some(json!({"whatsapp": FACILITATOR, "password": PASSWORD})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("account_disabled"))
    );
    let (_, accounts) = who
        .admin
        .call(&server, Method::GET, "/api/staff/accounts", None)
        .await;
    let facilitator = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["profile"]["id"] == "fasilitator-kukar-demo")
        .unwrap();
    assert_eq!(facilitator["active"], false);
    assert_eq!(accounts[0]["profile"]["role"], "admin");
}

#[tokio::test]
async fn reports_from_one_address_are_limited() {
    let (server, _data) = Server::start_fresh();
    let (product, _, _) = demo_ids();
    let anyone = Caller::anonymous();
    let path = format!("/api/listings/{product}/reports");
    for i in 0..etalase_model::moderation::REPORTS_PER_HOUR {
        let (status, _) = anyone
            .call(
                &server,
                Method::POST,
                &path,
                Some(json!({"reason": "scam"})),
            )
            .await;
        assert_eq!(status, 204, "report {i}");
    }
    let (status, body) = anyone
        .call(
            &server,
            Method::POST,
            &path,
            Some(json!({"reason": "scam"})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (429, Some("rate_limited")));
}

#[tokio::test]
async fn an_idm_table_with_a_bad_row_stores_nothing_until_it_is_fixed() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    // Sepatin and Loa Duri Ulu, real codes; the second row's status contradicts its score.
    let bad = "kode_desa;nama_desa;iks;ike;ikl;nilai_idm;status_idm;tahun\n\
               6402042001;Sepatin;0,7000;0,6500;0,6000;0,6500;BERKEMBANG;2025\n\
               6402032002;Loa Duri Ulu;0,8000;0,7500;0,7000;0,7500;MANDIRI;2025\n";
    let fixed = bad.replace(";MANDIRI;", ";MAJU;");
    let preview = "/api/staff/idm/preview";
    let import = "/api/staff/idm/import";
    for (caller, want) in [
        (&who.anonymous, 401),
        (&who.seller, 401),
        (&who.operator, 403),
        (&who.facilitator, 200),
        (&who.admin, 200),
    ] {
        let (got, _) = caller
            .call(&server, Method::POST, preview, Some(json!({"csv": bad})))
            .await;
        assert_eq!(got, want, "preview as {}", caller.name);
    }
    let (_, shown) = who
        .facilitator
        .call(&server, Method::POST, preview, Some(json!({"csv": bad})))
        .await;
    assert_eq!(
        (shown["good_rows"].as_u64(), shown["bad_rows"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(shown["can_commit"], false);
    assert_eq!(shown["rows"][1]["line"], 3);
    assert_eq!(
        shown["rows"][1]["problems"][0]["detail"]["problem"],
        "status_contradicts_score"
    );
    let (status, body) = who
        .facilitator
        .call(&server, Method::POST, import, Some(json!({"csv": bad})))
        .await;
    assert_eq!(
        (status, body["fields"][0]["rule"]["rule"].as_str()),
        (422, Some("import_has_problems"))
    );
    let (_, history) = who
        .anonymous
        .call(
            &server,
            Method::GET,
            "/api/villages/64.02.04.2001/idm",
            None,
        )
        .await;
    assert_eq!(history["records"], json!([]), "nothing stored");

    let (status, done) = who
        .facilitator
        .call(&server, Method::POST, import, Some(json!({"csv": fixed})))
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done, json!({"years": [2025], "rows": 2}));
    let (_, history) = who
        .anonymous
        .call(&server, Method::GET, "/api/villages/6402032002/idm", None)
        .await;
    assert_eq!(history["records"][0]["status"], "maju");
    let catalog = catalog(&server).await;
    let loa_duri_ulu = catalog["villages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["code"] == "64.02.03.2002")
        .unwrap();
    assert_eq!(loa_duri_ulu["idm_status"], "maju");

    // One year by hand: the status follows the score.
    let (status, saved) = who
        .admin
        .call(
            &server,
            Method::PUT,
            "/api/staff/villages/64.02.04.2001/idm",
            Some(json!({"year": 2026, "iks": 0.9, "ike": 0.85, "ikl": 0.8})),
        )
        .await;
    assert_eq!((status, saved["status"].as_str()), (200, Some("mandiri")));
    let (status, _) = who
        .operator
        .call(
            &server,
            Method::PUT,
            "/api/staff/villages/64.02.04.2001/idm",
            Some(json!({"year": 2026, "iks": 0.9, "ike": 0.85, "ikl": 0.8})),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = who
        .admin
        .call(
            &server,
            Method::PUT,
            "/api/staff/villages/64.99.99.2999/idm",
            Some(json!({"year": 2026, "iks": 0.9, "ike": 0.85, "ikl": 0.8})),
        )
        .await;
    assert_eq!(status, 404);
    let (_, log) = who
        .admin
        .call(&server, Method::GET, "/api/staff/audit", None)
        .await;
    assert_eq!(log[0]["action"], "idm_entered");
    assert_eq!(log[1]["action"], "idm_imported");
    assert_eq!(log[1]["subject"], "2025");
}

#[tokio::test]
async fn the_admin_invites_an_operator_who_chooses_a_password_and_edits_cooperatives() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    let invite = json!({"role": "operator", "cooperative": "loa-duri-ulu", "name": "Bu Sari", "whatsapp": "0813 5000 7001"});
    for (caller, want) in [
        (&who.anonymous, 401),
        (&who.seller, 401),
        (&who.operator, 403),
        (&who.facilitator, 403),
    ] {
        let (got, _) = caller
            .call(
                &server,
                Method::POST,
                "/api/staff/invites",
                Some(invite.clone()),
            )
            .await;
        assert_eq!(got, want, "invite as {}", caller.name);
    }
    let (status, body) = who
        .admin
        .call(
            &server,
            Method::POST,
            "/api/staff/invites",
            Some(json!({"role": "operator", "name": "X", "whatsapp": "0813 5000 7002"})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (422, Some("cooperative"))
    );
    let (status, created) = who
        .admin
        .call(
            &server,
            Method::POST,
            "/api/staff/invites",
            Some(invite.clone()),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let link = created["link"].as_str().unwrap();
    assert!(created["whatsapp_url"]
        .as_str()
        .unwrap()
        .starts_with("https://wa.me/6281350007001?text="));
    let token = link.rsplit('/').next().unwrap();
    assert!(link.ends_with(&format!("/masuk/undangan/{token}")));

    let (status, shown) = Caller::anonymous()
        .call(
            &server,
            Method::GET,
            &format!("/api/staff/invites/{token}"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(shown["name"], "Bu Sari");
    assert_eq!(shown["role"], "operator");
    assert_eq!(
        shown["cooperative_name"],
        "Koperasi Desa Merah Putih Loa Duri Ulu"
    );

    let claim = "/api/staff/invites/claim";
    let (status, _) = Caller::anonymous()
        .call(
            &server,
            Method::POST,
            claim,
            Some(json!({"token": token, "password": "pendek"})),
        )
        .await;
    assert_eq!(
        status, 422,
        "a short password is refused and the link still works"
    );
    let invitee = common::browser();
    let res = invitee
        .post(server.url(claim))
        .json(&json!({"token": token, "password": "koperasi-loa-duri-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let me: Value = invitee
        .get(server.url("/api/staff/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["staff"]["role"], "operator");
    assert_eq!(me["staff"]["cooperative"], "loa-duri-ulu");
    let (status, body) = Caller::anonymous()
        .call(
            &server,
            Method::POST,
            claim,
            Some(json!({"token": token, "password": "koperasi-loa-duri-2026"})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["rule"]["rule"].as_str()),
        (422, Some("invite_expired")),
        "a link works once"
    );
    let (status, _) = Caller::anonymous()
        .call(
            &server,
            Method::GET,
            &format!("/api/staff/invites/{token}"),
            None,
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = Caller::anonymous()
        .call(
            &server,
            Method::POST,
            "/api/staff/login",
            Some(json!({"whatsapp": "0813 5000 7001", "password": "koperasi-loa-duri-2026"})),
        )
        .await;
    assert_eq!(status, 200, "signs in with the password they chose");
    let (status, body) = who
        .admin
        .call(&server, Method::POST, "/api/staff/invites", Some(invite))
        .await;
    assert_eq!(
        (status, body["fields"][0]["rule"]["rule"].as_str()),
        (422, Some("already_registered"))
    );

    // The cooperative's details, as buyers see them.
    let details = json!({"name": "Koperasi Desa Merah Putih Loa Duri Ulu", "legal_number": "AHU-0099.AH.01.29.TAHUN 2026", "whatsapp": "0813 5000 7001", "address": "Jl. Poros Samarinda–Tenggarong km 12"});
    let path = "/api/staff/cooperatives/loa-duri-ulu";
    let (status, _) = who
        .facilitator
        .call(&server, Method::PUT, path, Some(details.clone()))
        .await;
    assert_eq!(status, 403);
    let (status, body) = who
        .admin
        .call(
            &server,
            Method::PUT,
            path,
            Some(json!({"name": "Koperasi", "whatsapp": "0541 1"})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (422, Some("whatsapp"))
    );
    let (status, _) = who
        .admin
        .call(
            &server,
            Method::PUT,
            "/api/staff/cooperatives/atlantis",
            Some(details.clone()),
        )
        .await;
    assert_eq!(status, 404);
    let (status, village) = who
        .admin
        .call(&server, Method::PUT, path, Some(details))
        .await;
    assert_eq!(status, 200);
    assert_eq!(village["cooperative_whatsapp"], "+6281350007001");
    let catalog = catalog(&server).await;
    let shown = catalog["villages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["slug"] == "loa-duri-ulu")
        .unwrap();
    assert_eq!(
        shown["cooperative_address"],
        "Jl. Poros Samarinda–Tenggarong km 12"
    );
    assert_eq!(
        shown["cooperative_legal_number"],
        "AHU-0099.AH.01.29.TAHUN 2026"
    );
    let (_, log) = who
        .admin
        .call(&server, Method::GET, "/api/staff/audit", None)
        .await;
    assert_eq!(log[0]["action"], "cooperative_saved");
    assert_eq!(log[1]["action"], "staff_invited");
}

fn mining_company() -> Value {
    json!({"name": "PT Contoh Tambang Kaltim", "kind": "company",
           "website": "https://contoh-tambang.example.co.id"})
}

fn csr_programme(villages: &[&str]) -> Value {
    json!({
        "partner_slug": "pt-contoh-tambang-kaltim",
        "village_slugs": villages,
        "programme": "umkm_coaching",
        "detail_id": "Pendampingan pembukuan dan pemasaran daring untuk UMKM.",
        "detail_en": "Coaching small businesses in bookkeeping and selling online.",
        "start_year": 2025,
        "status": "mou_signed",
        "mou_date": "2025-03-14",
        "end_year": 2027
    })
}

fn village_slug(catalog: &Value, name: &str) -> String {
    catalog["villages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("{name} in the catalog"))["slug"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn staff_record_a_csr_programme_and_buyers_see_it() {
    let (server, _data) = Server::start_fresh();
    let who = Everyone::sign_in(&server).await;
    let before = catalog(&server).await;
    let villages: Vec<String> = ["Sepatin", "Loa Duri Ulu", "Tani Baru"]
        .iter()
        .map(|n| village_slug(&before, n))
        .collect();
    let villages: Vec<&str> = villages.iter().map(String::as_str).collect();
    let partner = "/api/staff/partners/pt-contoh-tambang-kaltim";
    let ship = "/api/staff/partnerships/pt-contoh-tambang-kaltim-umkm-2025";
    let end = "/api/staff/partnerships/pt-contoh-tambang-kaltim-umkm-2025/end";
    // (method, path, body, [anonymous, seller, operator, facilitator, admin]), in order.
    let rows: Vec<(Method, &str, Value, [u16; 5])> = vec![
        (
            Method::PUT,
            partner,
            mining_company(),
            [401, 401, 403, 200, 200],
        ),
        (
            Method::PUT,
            ship,
            csr_programme(&villages),
            [401, 401, 403, 200, 200],
        ),
        (
            Method::POST,
            "/api/staff/partnerships/no-such-partnership/end",
            json!({"end_year": 2026}),
            [401, 401, 403, 404, 404],
        ),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expect) in &rows {
        let callers = [
            &who.anonymous,
            &who.seller,
            &who.operator,
            &who.facilitator,
            &who.admin,
        ];
        for (caller, want) in callers.iter().zip(expect) {
            let (got, _) = caller
                .call(&server, method.clone(), path, Some(body.clone()))
                .await;
            if got != *want {
                wrong.push(format!(
                    "{method} {path} as {}: {got}, wanted {want}",
                    caller.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Buyers see it at once: the partner, its website, the three villages.
    let after = catalog(&server).await;
    let listed = after["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "pt-contoh-tambang-kaltim")
        .expect("the partner is published");
    assert_eq!(listed["website"], "https://contoh-tambang.example.co.id");
    assert_eq!(listed["demo"], false);
    let published = after["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "pt-contoh-tambang-kaltim-umkm-2025")
        .expect("the partnership is published");
    assert_eq!(published["village_slugs"], json!(villages));
    assert_eq!(published["mou_date"], "2025-03-14");
    assert_eq!(published["status"], "mou_signed");
    assert_ne!(after["version"], before["version"]);

    // The model's rules, field by field, and what only the store knows.
    let (status, body) = who
        .facilitator
        .call(
            &server,
            Method::PUT,
            "/api/staff/partners/PT%20Contoh",
            Some(json!({"name": " ", "kind": "state_enterprise", "website": "contoh.co.id"})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<(&str, &str)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap(),
                f["rule"]["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("slug", "slug"),
            ("name", "required"),
            ("website", "website_url")
        ]
    );
    let mut backwards = csr_programme(&villages);
    backwards["end_year"] = json!(2024);
    backwards["village_slugs"] = json!([]);
    let (status, body) = who
        .facilitator
        .call(&server, Method::PUT, ship, Some(backwards))
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"][0]["field"], "village_slugs");
    assert_eq!(body["fields"][1]["field"], "end_year");
    assert_eq!(body["fields"][1]["rule"]["rule"], "end_before_start");
    let (status, body) = who
        .facilitator
        .call(
            &server,
            Method::PUT,
            ship,
            Some(csr_programme(&["sepatin", "atlantis"])),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"],
        json!([{"field": "village_slugs.1", "rule": {"rule": "unknown_village"}}])
    );
    let mut stranger = csr_programme(&villages);
    stranger["partner_slug"] = json!("pt-tidak-ada");
    let (status, body) = who
        .admin
        .call(&server, Method::PUT, ship, Some(stranger))
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"],
        json!([{"field": "partner_slug", "rule": {"rule": "unknown_partner"}}])
    );
    let (status, body) = who
        .facilitator
        .call(&server, Method::POST, end, Some(json!({"end_year": 2020})))
        .await;
    assert_eq!(
        (status, body["fields"][0]["rule"]["rule"].as_str()),
        (422, Some("end_before_start"))
    );
    let unchanged = catalog(&server).await;
    assert_eq!(unchanged["partnerships"], after["partnerships"]);

    // Ended: finished, with its end year; its villages keep it as history.
    let (status, ended) = who
        .facilitator
        .call(&server, Method::POST, end, Some(json!({"end_year": 2026})))
        .await;
    assert_eq!(status, 200, "{ended}");
    assert_eq!(
        (ended["status"].as_str(), ended["end_year"].as_u64()),
        (Some("finished"), Some(2026))
    );
    let last = catalog(&server).await;
    assert!(last["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "pt-contoh-tambang-kaltim-umkm-2025" && p["status"] == "finished"));

    // Admins read who did what; facilitators may not read the log.
    let (status, _) = who
        .facilitator
        .call(&server, Method::GET, "/api/staff/audit", None)
        .await;
    assert_eq!(status, 403);
    let (_, log) = who
        .admin
        .call(&server, Method::GET, "/api/staff/audit", None)
        .await;
    let recent: Vec<(&str, &str)> = log.as_array().unwrap()[..5]
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(recent[0].0, "partnership_ended");
    assert_eq!(recent[0].1, "mou-signed → finished, 2025–2026");
    assert_eq!(recent[1].0, "partnership_saved");
    assert!(recent[1].1.starts_with("updated: "), "{recent:?}");
    assert_eq!(recent[2].0, "partnership_saved");
    assert!(recent[2].1.starts_with("created: "), "{recent:?}");
    assert_eq!(recent[3].0, "partner_saved");
    assert!(recent[3].1.starts_with("updated: PT Contoh"));
    assert_eq!(recent[4].0, "partner_saved");
    assert!(recent[4].1.starts_with("created: PT Contoh"));
    // The facilitator ended it; the admin's save was the update before.
    assert_eq!(log[0]["actor_id"], "fasilitator-kukar-demo");
    assert_eq!(log[1]["actor_id"], "admin-dpmd-kukar-demo");
    assert_eq!(log[2]["actor_id"], "fasilitator-kukar-demo");
}
