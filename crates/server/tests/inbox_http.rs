//! Inquiries after sending, over HTTP against the real binary and a real SQLite file: the
//! seller inbox (only one's own part of a basket), answers and status moves, the CSV, the
//! buyer's tracking page with replies, insights, and the demo inquiries.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{browser, register, Seller, Server};
use etalase_model::inquiry::{
    ExportInquiry, ExportItem, InquiryUnit, PurchaseInquiry, PurchaseItem,
};
use etalase_model::Date;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

fn today() -> Date {
    Date::from_days_since_epoch(
        (SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            + 8 * 3600)
            / 86_400,
    )
}

fn days(n: i64) -> Option<Date> {
    Some(Date::from_days_since_epoch(today().days_since_epoch() + n))
}

/// Publishes a listing (a copy of the first demo product under a new id and name).
async fn publish(server: &Server, seller: &Seller, id: &str, name: &str) {
    let demo = etalase_model::demo_catalog();
    let mut doc = serde_json::to_value(&demo.products[0]).unwrap();
    doc["name_id"] = json!(name);
    doc["status"] = json!("published");
    let res = seller
        .http
        .put(server.url(&format!("/api/seller/listings/{id}")))
        .header("x-csrf-token", &seller.csrf)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}

/// Sends an inquiry; answers reference and tracking token.
async fn send(server: &Server, key: &str, body: Value) -> (String, String) {
    let res = Client::new()
        .post(server.url("/api/inquiries"))
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let created: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{created}");
    (
        created["reference"].as_str().unwrap().to_string(),
        created["tracking_token"].as_str().unwrap().to_string(),
    )
}

async fn get_json(http: &Client, url: String) -> Value {
    let res = http.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// `POST /api/seller/inquiries/{reference}` with the seller's CSRF token.
async fn answer(
    server: &Server,
    seller: &Seller,
    reference: &str,
    body: Value,
) -> (StatusCode, Value) {
    let res = seller
        .http
        .post(server.url(&format!("/api/seller/inquiries/{reference}")))
        .header("x-csrf-token", &seller.csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

async fn mark_read(server: &Server, seller: &Seller, reference: &str) -> StatusCode {
    seller
        .http
        .post(server.url(&format!("/api/seller/inquiries/{reference}/read")))
        .header("x-csrf-token", &seller.csrf)
        .send()
        .await
        .unwrap()
        .status()
}

/// The count under `key` in one of the insights lists (0 if absent).
fn count(insights: &Value, list: &str, key: &str) -> u64 {
    insights[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .map_or(0, |c| c["count"].as_u64().unwrap())
}

/// The current month in WITA, as the insights key it.
fn this_month() -> String {
    let t = today();
    format!("{:04}-{:02}", t.year(), t.month())
}

#[tokio::test]
async fn sellers_answer_their_own_parts_and_buyers_see_the_replies() {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let server = Server::start_with_env(
        &data.path().join("data"),
        &dist,
        &[("ETALASE_INQUIRY_LIMIT", "1000")],
    );
    let a = register(&server, "KUB Amplang Uji Satu", "0812 4000 0001").await;
    let b = register(&server, "UD Terasi Uji Dua", "0812 4000 0002").await;
    publish(&server, &a, "amplang-uji-satu", "Amplang Uji Satu").await;
    publish(&server, &b, "terasi-uji-dua", "Terasi Uji Dua").await;
    let category =
        serde_json::to_value(etalase_model::demo_catalog().products[0].category).unwrap();
    let category = category.as_str().unwrap();
    let unit = etalase_model::demo_catalog().products[0].unit;
    let before = get_json(&Client::new(), server.url("/api/insights")).await;

    // A hotel's basket over A and B, with a formula where its name should be.
    let purchase = PurchaseInquiry {
        organisation: "=HYPERLINK(\"http://evil.example\",\"klik\")".into(),
        contact_name: "Dewi Lestari".into(),
        email: "purchasing@hotel.example".into(),
        whatsapp: "0812 7777 8888".into(),
        city: "Samarinda".into(),
        items: vec![
            PurchaseItem {
                product_id: "amplang-uji-satu".into(),
                quantity: 40,
                unit,
            },
            PurchaseItem {
                product_id: "terasi-uji-dua".into(),
                quantity: 30,
                unit,
            },
        ],
        wanted_by: days(14),
        note: "Kirim pagi, sebelum jam 7".into(),
        ..PurchaseInquiry::default()
    };
    let (basket, basket_token) = send(
        &server,
        "inbox-basket-1",
        json!({"kind": "purchase", "purchase": purchase}),
    )
    .await;
    // An importer's RFQ for A only.
    let rfq = ExportInquiry {
        company: "Zeewier Import B.V.".into(),
        contact_name: "Pieter de Vries".into(),
        email: "inkoop@zeewier.example".into(),
        phone: "+31 10 555 0100".into(),
        country: "NL".into(),
        items: vec![ExportItem {
            product_id: "amplang-uji-satu".into(),
            specification: "Retail packs".into(),
            quantity: 2,
            unit: InquiryUnit::Ton,
            target_price: None,
        }],
        destination_country: "NL".into(),
        required_by: days(60),
        valid_until: days(30),
        ..ExportInquiry::default()
    };
    let (only_a, only_a_token) = send(
        &server,
        "inbox-rfq-1",
        json!({"kind": "export", "export": rfq}),
    )
    .await;

    // A sees both, newest first, with only A's lines of the basket.
    let inbox = get_json(&a.http, server.url("/api/seller/inquiries")).await;
    assert_eq!(inbox["unread"], 2);
    let parts = inbox["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["reference"], only_a.as_str());
    assert_eq!(parts[0]["kind"], "export");
    assert_eq!(parts[1]["reference"], basket.as_str());
    assert_eq!(parts[1]["kind"], "purchase");
    assert_eq!(parts[1]["status"], "new");
    assert_eq!(parts[1]["read"], false);
    assert_eq!(parts[1]["events"], json!([]));
    assert_eq!(parts[1]["inquiry"]["contact_name"], "Dewi Lestari");
    assert_eq!(
        parts[1]["inquiry"]["items"],
        json!([{"product_id": "amplang-uji-satu", "quantity": 40, "unit": serde_json::to_value(unit).unwrap()}])
    );
    assert!(parts[1]["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(
        !inbox.to_string().contains("terasi-uji-dua"),
        "B's line never reaches A"
    );
    // B sees only the basket, with B's line.
    let b_inbox = get_json(&b.http, server.url("/api/seller/inquiries")).await;
    let b_parts = b_inbox["parts"].as_array().unwrap();
    assert_eq!(b_parts.len(), 1);
    assert_eq!(
        b_parts[0]["inquiry"]["items"][0]["product_id"],
        "terasi-uji-dua"
    );
    assert_eq!(b_parts[0]["inquiry"]["items"].as_array().unwrap().len(), 1);

    // Nobody else gets in; writes need the CSRF header; B cannot touch A's RFQ.
    let anonymous = Client::new();
    for path in ["/api/seller/inquiries", "/api/seller/inquiries.csv"] {
        let res = anonymous.get(server.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 401, "{path}");
    }
    let res = anonymous
        .post(server.url(&format!("/api/seller/inquiries/{basket}")))
        .json(&json!({"reply": "hai"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = a
        .http
        .post(server.url(&format!("/api/seller/inquiries/{basket}/read")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = a
        .http
        .post(server.url(&format!("/api/seller/inquiries/{basket}")))
        .json(&json!({"reply": "tanpa token"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(mark_read(&server, &b, &only_a).await, 404);
    let (status, body) = answer(
        &server,
        &b,
        &only_a,
        json!({"status": "replied", "reply": "murah"}),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
    assert_eq!(mark_read(&server, &a, "PQ-2026-999999").await, 404);
    let untouched = get_json(&a.http, server.url("/api/seller/inquiries")).await;
    assert_eq!(untouched["parts"][0]["status"], "new");
    assert_eq!(untouched["parts"][0]["events"], json!([]));

    // Reading: the badge counts down once; filters; an unknown filter is a 422.
    assert_eq!(mark_read(&server, &a, &basket).await, 204);
    assert_eq!(mark_read(&server, &a, &basket).await, 204);
    let inbox = get_json(&a.http, server.url("/api/seller/inquiries")).await;
    assert_eq!(inbox["unread"], 1);
    assert_eq!(inbox["parts"][1]["read"], true);
    assert_eq!(
        get_json(&b.http, server.url("/api/seller/inquiries")).await["unread"],
        1
    );
    let res = a
        .http
        .get(server.url("/api/seller/inquiries?status=bogus"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(common::field_names(&res.json().await.unwrap()), ["status"]);

    // Illegal moves and empty answers are refused with the field that is wrong.
    let (status, body) = answer(&server, &a, &basket, json!({"status": "won"})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"],
        json!([{"field": "status", "rule": {"rule": "illegal_status_move"}}])
    );
    let (status, body) = answer(
        &server,
        &a,
        &basket,
        json!({"status": null, "reply": "   "}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"],
        json!([{"field": "reply", "rule": {"rule": "required"}}])
    );
    let (status, body) = answer(&server, &a, &basket, json!({"reply": "x".repeat(2001)})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"][0]["rule"],
        json!({"rule": "too_long", "max": 2000})
    );

    // A reply alone answers a new part.
    let (status, part) = answer(
        &server,
        &a,
        &basket,
        json!({"status": null, "reply": "  Stok ada, bisa kirim Senin.  "}),
    )
    .await;
    assert_eq!(status, 200, "{part}");
    assert_eq!(part["status"], "replied");
    assert_eq!(part["reference"], basket.as_str());
    assert_eq!(part["inquiry"]["items"].as_array().unwrap().len(), 1);
    let events = part["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["by"], "KUB Amplang Uji Satu");
    assert_eq!(
        (&events[0]["from"], &events[0]["to"]),
        (&json!("new"), &json!("replied"))
    );
    assert_eq!(events[0]["reply"], "Stok ada, bisa kirim Senin.");

    // The RFQ: new → quoted (a quote, with the price) → won, then nothing moves any more.
    let today = etalase_server::clock::today_in_kalimantan();
    let valid = etalase_model::Date::from_days_since_epoch(today.days_since_epoch() + 30);
    let res = a
        .http
        .post(server.url(&format!("/api/seller/inquiries/{only_a}/quote")))
        .header("x-csrf-token", &a.csrf)
        .json(
            &json!({"unit_price_idr": 34_000, "unit_price_usd_cents": 210, "quantity": 500,
                      "unit": "kg", "moq": 100, "incoterm": "fob", "port": "Samarinda",
                      "lead_time_days": 14, "valid_until": valid.to_string()}),
        )
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let part: Value = res.json().await.unwrap();
    assert_eq!(status, 200, "{part}");
    assert_eq!(part["status"], "quoted");
    assert_eq!(part["read"], true, "answering reads it");
    let (status, part) = answer(
        &server,
        &a,
        &only_a,
        json!({"status": "won", "reply": null}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(part["status"], "won");
    let events = part["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[1],
        json!({"at": events[1]["at"], "by": "KUB Amplang Uji Satu", "from": "quoted", "to": "won", "reply": null})
    );
    assert!(events[0]["at"].as_str().unwrap() <= events[1]["at"].as_str().unwrap());
    for next in ["closed", "lost", "quoted", "won"] {
        let (status, body) = answer(&server, &a, &only_a, json!({"status": next})).await;
        assert_eq!(status, 422, "won → {next}");
        assert_eq!(common::field_names(&body), ["status"]);
    }
    assert_eq!(
        get_json(&a.http, server.url("/api/seller/inquiries?status=won")).await["parts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The buyer's pages: who answered, their WhatsApp, what they said and when.
    let tracked = get_json(
        &anonymous,
        server.url(&format!("/api/inquiries/track/{basket_token}")),
    )
    .await;
    assert!(tracked["created_at"].as_str().unwrap().ends_with('Z'));
    let parts = tracked["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    let part_a = parts
        .iter()
        .find(|p| p["seller_id"] == a.id.as_str())
        .unwrap();
    let part_b = parts
        .iter()
        .find(|p| p["seller_id"] == b.id.as_str())
        .unwrap();
    assert_eq!(part_a["seller"]["name"], "KUB Amplang Uji Satu");
    assert_eq!(part_a["seller"]["whatsapp"], "+6281240000001");
    assert_eq!(part_a["seller"]["village"], "sepatin");
    assert_eq!(part_a["seller"]["village_name"], "Sepatin");
    assert_eq!(part_a["status"], "replied");
    assert_eq!(part_a["events"][0]["reply"], "Stok ada, bisa kirim Senin.");
    assert_eq!(part_a["events"][0]["by"], "KUB Amplang Uji Satu");
    assert!(part_a["updated_at"].as_str().unwrap() > tracked["created_at"].as_str().unwrap());
    assert_eq!(part_b["status"], "new");
    assert_eq!(part_b["events"], json!([]));
    assert_eq!(part_b["updated_at"], tracked["created_at"]);
    assert_eq!(
        tracked["inquiry"]["items"].as_array().unwrap().len(),
        2,
        "the buyer sees the whole basket"
    );
    let tracked = get_json(
        &anonymous,
        server.url(&format!("/api/inquiries/track/{only_a_token}")),
    )
    .await;
    let events = tracked["parts"][0]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["to"], "quoted");
    assert_eq!(events[1]["to"], "won");
    let quote = &tracked["parts"][0]["quotes"][0]["quote"];
    assert_eq!(
        (&quote["unit_price_usd_cents"], &quote["port"]),
        (&json!(210), &json!("Samarinda"))
    );

    // The CSV: a BOM, one row per own line, formulas defused.
    let res = a
        .http
        .get(server.url("/api/seller/inquiries.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"permintaan-{}.csv\"", a.id).as_str()
    );
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf", "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header.join(","),
        "reference,kind,created_at,status,organisation,contact_name,email,phone,place,product_id,product_name,quantity,unit,wanted_by,incoterm,destination_port,note"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "B's line is not A's to export");
    let rfq_row = &rows[0];
    assert_eq!(&rfq_row[0], only_a.as_str());
    assert_eq!((&rfq_row[1], &rfq_row[3]), ("export", "won"));
    assert_eq!(&rfq_row[4], "Zeewier Import B.V.");
    assert_eq!(
        &rfq_row[7], "'+31 10 555 0100",
        "a leading + would be a formula"
    );
    assert_eq!(&rfq_row[8], "NL");
    assert_eq!(
        (&rfq_row[9], &rfq_row[10]),
        ("amplang-uji-satu", "Amplang Uji Satu")
    );
    assert_eq!((&rfq_row[11], &rfq_row[12]), ("2", "ton"));
    assert_eq!(&rfq_row[13], days(60).unwrap().to_string().as_str());
    assert_eq!(&rfq_row[14], "fob");
    let basket_row = &rows[1];
    assert_eq!(
        &basket_row[4],
        "'=HYPERLINK(\"http://evil.example\",\"klik\")"
    );
    assert_eq!(&basket_row[7], "0812 7777 8888");
    assert_eq!(&basket_row[8], "Samarinda");
    assert_eq!((&basket_row[11], &basket_row[12]), ("40", unit.slug()));
    assert_eq!(&basket_row[16], "Kirim pagi, sebelum jam 7");
    let b_csv = b
        .http
        .get(server.url("/api/seller/inquiries.csv"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let b_rows = csv::Reader::from_reader(&b_csv[3..]).records().count();
    assert_eq!(b_rows, 1);

    // Insights counted the two inquiries: once each, wherever they span.
    let after = get_json(&anonymous, server.url("/api/insights")).await;
    let diff = |list: &str, key: &str| count(&after, list, key) - count(&before, list, key);
    assert_eq!(
        after["total"].as_u64().unwrap() - before["total"].as_u64().unwrap(),
        2
    );
    assert_eq!(diff("by_country", "NL"), 1);
    assert_eq!(diff("by_country", "ID"), 1);
    assert_eq!(
        diff("by_village", "sepatin"),
        2,
        "the basket counts once for Sepatin"
    );
    assert_eq!(diff("by_category", category), 2);
    assert_eq!(diff("by_month", &this_month()), 2);
    let months: Vec<&str> = after["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(months.windows(2).all(|w| w[0] < w[1]), "{months:?}");
    let countries = after["by_country"].as_array().unwrap();
    assert!(countries
        .windows(2)
        .all(|w| w[0]["count"].as_u64() >= w[1]["count"].as_u64()));
    assert!(!after.to_string().contains("Dewi"), "no personal data");
}

#[tokio::test]
async fn demo_data_fills_the_inbox_and_the_insights() {
    let (server, _data) = Server::start_fresh();
    let insights = get_json(&Client::new(), server.url("/api/insights")).await;
    assert!(insights["total"].as_u64().unwrap() >= 25, "{insights}");
    for code in ["SG", "JP", "NL", "CN", "AE", "US", "MY", "ID"] {
        assert!(
            count(&insights, "by_country", code) > 0,
            "{code}: {insights}"
        );
    }
    assert!(
        insights["by_month"].as_array().unwrap().len() >= 6,
        "six months"
    );
    assert!(insights["by_category"].as_array().unwrap().len() >= 6);

    let demo = etalase_model::demo_catalog();
    let http = browser();
    let res = http
        .post(server.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0812 0000 0001", "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let inbox = get_json(&http, server.url("/api/seller/inquiries")).await;
    let parts = inbox["parts"].as_array().unwrap();
    assert!(parts.len() >= 5, "{}", parts.len());
    assert!(inbox["unread"].as_u64().unwrap() >= 1);
    let statuses: Vec<&str> = parts
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    for s in ["new", "won"] {
        assert!(statuses.contains(&s), "{s} in {statuses:?}");
    }
    let answered = parts
        .iter()
        .find(|p| !p["events"].as_array().unwrap().is_empty())
        .unwrap();
    assert_eq!(answered["events"][0]["by"], demo.sellers[0].name.as_str());
    let own: Vec<&str> = demo
        .products
        .iter()
        .filter(|p| p.seller_id == demo.sellers[0].id)
        .map(|p| p.id.as_str())
        .collect();
    for part in parts {
        for item in part["inquiry"]["items"].as_array().unwrap() {
            assert!(
                own.contains(&item["product_id"].as_str().unwrap()),
                "{item}"
            );
        }
    }
    let csv = http
        .get(server.url("/api/seller/inquiries.csv"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(csv::Reader::from_reader(&csv[3..]).records().count() >= parts.len());

    // The whole inbox fits the default page; the tabs' counts add up to it.
    assert_eq!(inbox["next"], Value::Null, "{} parts", parts.len());
    let counts = inbox["counts"].as_object().unwrap();
    assert_eq!(
        counts.keys().collect::<Vec<_>>(),
        ["closed", "lost", "new", "quoted", "replied", "won"],
        "every stage, zero included"
    );
    let counted: u64 = counts.values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(counted, parts.len() as u64);
    // Walking it two at a time by `next` gives the same parts in the same order, each page
    // with the whole inbox's counts.
    let mut walked = Vec::new();
    let mut url = server.url("/api/seller/inquiries?limit=2");
    loop {
        let page = get_json(&http, url.clone()).await;
        assert!(page["parts"].as_array().unwrap().len() <= 2);
        assert_eq!(page["counts"], inbox["counts"]);
        assert_eq!(page["unread"], inbox["unread"]);
        walked.extend(
            page["parts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["reference"].clone()),
        );
        match page["next"].as_str() {
            Some(next) => {
                assert_eq!(Some(&page["parts"][1]["reference"]), walked.last());
                url = server.url(&format!("/api/seller/inquiries?limit=2&before={next}"));
            }
            None => break,
        }
    }
    let all: Vec<Value> = parts.iter().map(|p| p["reference"].clone()).collect();
    assert_eq!(walked, all);
    // A filtered page counts the same; its parts are all at that stage.
    let won = get_json(
        &http,
        server.url("/api/seller/inquiries?status=won&limit=1"),
    )
    .await;
    assert_eq!(won["counts"], inbox["counts"]);
    assert_eq!(won["parts"][0]["status"], "won");
    assert_eq!(won["next"].is_string(), counts["won"].as_u64().unwrap() > 1);
    // A page size outside 1–100 is refused by name.
    for limit in ["0", "101"] {
        let res = http
            .get(server.url(&format!("/api/seller/inquiries?limit={limit}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{limit}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], "limit", "{body}");
    }
    // So is a cursor that is no reference; a reference in lower case is forgiven.
    let res = http
        .get(server.url("/api/seller/inquiries?before=PQ-2026-00001%00"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["fields"],
        json!([{"field": "before", "rule": {"rule": "inquiry_reference"}}])
    );
    let second = parts[1]["reference"].as_str().unwrap();
    let after_first = get_json(
        &http,
        server.url(&format!(
            "/api/seller/inquiries?before={}",
            parts[0]["reference"].as_str().unwrap().to_lowercase()
        )),
    )
    .await;
    assert_eq!(after_first["parts"][0]["reference"], second);
}
