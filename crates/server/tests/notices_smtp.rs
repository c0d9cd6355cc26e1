//! E-mail notices end to end: the real server binary sends through a real SMTP server on
//! loopback (aiosmtpd, started by the test command), and the received messages are parsed
//! and read as a mail client would. Also: a server killed with SIGKILL between sending a
//! notice and marking it sent sends it again after the restart, under the same Message-ID,
//! and never loses it; one killed after marking never sends it again.

mod common;

use std::time::Duration;

use common::smtp::{smtpd, unique, Smtpd};
use common::{browser, Server};
use etalase_model::inquiry::{PurchaseInquiry, PurchaseItem};
use etalase_model::{demo_catalog, Catalog, Lang, ListingStatus};
use serde_json::{json, Value};

const SITE: &str = "https://etalase.test";
const FROM: &str = "Etalase Desa <pemberitahuan@etalase.test>";

fn mail_env(smtpd: &Smtpd) -> Vec<(&'static str, String)> {
    vec![
        ("ETALASE_SMTP_URL", smtpd.url.clone()),
        ("ETALASE_MAIL_FROM", FROM.into()),
        ("ETALASE_PUBLIC_URL", SITE.into()),
    ]
}

fn start(data: &std::path::Path, env: &[(&'static str, String)]) -> Server {
    let dist = data.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Server::start_with_env(&data.join("data"), &dist, &env)
}

/// A purchase from `buyer` in `lang` for one published product of each seller named.
fn purchase(catalog: &Catalog, sellers: &[&str], buyer: &str, lang: Lang) -> PurchaseInquiry {
    let mut form = common::purchase("Hotel Tepian Mahakam");
    form.email = buyer.into();
    form.lang = lang;
    form.items = sellers
        .iter()
        .map(|seller| {
            let p = catalog
                .products
                .iter()
                .find(|p| p.seller_id == *seller && p.status == ListingStatus::Published)
                .expect("a published product");
            PurchaseItem {
                product_id: p.id.clone(),
                quantity: p.moq.max(1),
                unit: p.unit,
            }
        })
        .collect();
    form
}

async fn send(server: &Server, key: &str, form: &PurchaseInquiry) -> Value {
    let res = reqwest::Client::new()
        .post(server.url("/api/inquiries"))
        .header("idempotency-key", key)
        .json(&json!({"kind": "purchase", "purchase": form}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    res.json().await.unwrap()
}

#[tokio::test]
async fn buyers_and_sellers_get_their_notices_in_their_language() {
    let Some(smtpd) = smtpd("buyers_and_sellers_get_their_notices_in_their_language") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &mail_env(&smtpd));
    let catalog = demo_catalog();

    // A demo seller gives an address for their notices.
    let seller = browser();
    let res = seller
        .post(server.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0812 0000 0001", "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    let seller_id = me["seller"]["id"].as_str().unwrap().to_string();
    let settings: Value = seller
        .get(server.url("/api/seller/notices"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["email"], "");
    assert_eq!(settings["email_enabled"], true);
    let put = |email: String| {
        seller
            .put(server.url("/api/seller/notices"))
            .header("x-csrf-token", &csrf)
            .json(&json!({ "email": email }))
            .send()
    };
    let refused = put("bukan alamat".into()).await.unwrap();
    assert_eq!(refused.status(), 422);
    let seller_mail = format!("{}@desa.test", unique("penjual"));
    let saved = put(format!("  {seller_mail} ")).await.unwrap();
    assert_eq!(saved.status(), 200);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["email"], seller_mail.as_str());

    // An English-speaking buyer asks this seller and another (who gave no address).
    let other = catalog
        .sellers
        .iter()
        .find(|s| s.id != seller_id && catalog.products.iter().any(|p| p.seller_id == s.id))
        .unwrap();
    let buyer = format!("{}@hotel.test", unique("buyer-en"));
    let form = purchase(&catalog, &[&seller_id, &other.id], &buyer, Lang::En);
    let created = send(&server, "notices-en-0001", &form).await;
    // A retry of the same submission sends no second receipt.
    send(&server, "notices-en-0001", &form).await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["tracking_token"].as_str().unwrap();
    let tracking = format!("{SITE}/permintaan/lacak/{token}");

    let receipt = &smtpd.wait_for(&buyer, 1).await[0];
    assert_eq!(
        receipt.subject,
        format!("Your inquiry was received: {reference}")
    );
    assert_eq!(receipt.from, "pemberitahuan@etalase.test");
    assert_eq!(receipt.content_type, "multipart/alternative");
    for body in [&receipt.text, &receipt.html] {
        assert!(body.contains(&tracking), "{body}");
        assert!(body.contains(&other.name), "{body}");
    }
    assert!(
        receipt.message_id.ends_with("@etalase.test"),
        "{}",
        receipt.message_id
    );

    let notice = &smtpd.wait_for(&seller_mail, 1).await[0];
    assert_eq!(
        notice.subject,
        format!("Permintaan baru dari Hotel Tepian Mahakam ({reference})")
    );
    assert!(notice.text.contains(&format!("{SITE}/penjual/permintaan")));
    // Nothing private of the buyer's: not their tracking link, not their contacts.
    for body in [&notice.text, &notice.html] {
        assert!(!body.contains(token), "{body}");
        assert!(!body.contains(&buyer) && !body.contains("7777"), "{body}");
    }

    // The seller answers, then quotes; the buyer hears of both, in English.
    let res = seller
        .post(server.url(&format!("/api/seller/inquiries/{reference}")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"reply": "Stok siap, dikirim Senin."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    // A bare move to "quoted" is refused: a price is a quote.
    let res = seller
        .post(server.url(&format!("/api/seller/inquiries/{reference}")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"status": "quoted"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = seller
        .post(server.url(&format!("/api/seller/inquiries/{reference}/quote")))
        .header("x-csrf-token", &csrf)
        .json(
            &json!({"unit_price_idr": 24_000, "quantity": 40, "unit": "pack", "moq": 20,
                      "lead_time_days": 3, "valid_until": "2027-01-31"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let mails = smtpd.wait_for(&buyer, 3).await;
    let business = &catalog.seller(&seller_id).unwrap().name;
    let answer = mails
        .iter()
        .find(|m| m.subject.contains("answered"))
        .unwrap_or_else(|| panic!("{mails:?}"));
    assert_eq!(
        answer.subject,
        format!("{business} answered inquiry {reference}")
    );
    assert!(answer.text.contains("Stok siap, dikirim Senin.") && answer.text.contains(&tracking));
    let quoted = mails
        .iter()
        .find(|m| m.subject.starts_with("Quotation from"))
        .unwrap_or_else(|| panic!("{mails:?}"));
    assert_eq!(
        quoted.subject,
        format!("Quotation from {business} for {reference}")
    );
    assert!(quoted.text.contains("Rp 24.000 / pack") && quoted.text.contains("Rp 960.000"));
    assert!(quoted.html.contains(&tracking));

    // An Indonesian buyer's receipt is Indonesian.
    let buyer_id = format!("{}@hotel.test", unique("buyer-id"));
    let created = send(
        &server,
        "notices-id-0001",
        &purchase(&catalog, &[&seller_id], &buyer_id, Lang::Id),
    )
    .await;
    let receipt = &smtpd.wait_for(&buyer_id, 1).await[0];
    assert_eq!(
        receipt.subject,
        format!(
            "Permintaan Anda diterima: {}",
            created["reference"].as_str().unwrap()
        )
    );

    // Nothing more arrives: one receipt per inquiry, one notice per event.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtpd.messages_to(&buyer).len(), 3);
    assert_eq!(smtpd.messages_to(&seller_mail).len(), 2);
    assert_eq!(smtpd.messages_to(&buyer_id).len(), 1);
}

/// Kill -9 in the one window that matters: the relay has the message, the row is not yet
/// marked. After the restart the notice goes again, with the same Message-ID (mail services
/// fold the two); a notice marked before the kill never goes again.
#[tokio::test]
async fn a_server_killed_between_sending_and_marking_sends_again_under_the_same_id() {
    let Some(smtpd) =
        smtpd("a_server_killed_between_sending_and_marking_sends_again_under_the_same_id")
    else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let catalog = demo_catalog();
    let seller = &catalog.products[0].seller_id;
    let mut env = mail_env(&smtpd);
    env.push(("ETALASE_NOTICE_LEASE_MS", "500".into()));
    let mut paused = env.clone();
    paused.push(("ETALASE_NOTICE_TEST_PAUSE_MS", "30000".into()));

    let mut server = start(data.path(), &paused);
    let buyer = format!("{}@hotel.test", unique("kill"));
    send(
        &server,
        "notices-kill-0001",
        &purchase(&catalog, &[seller], &buyer, Lang::Id),
    )
    .await;
    let first = smtpd.wait_for(&buyer, 1).await;
    server.child.kill().unwrap(); // SIGKILL, mid-pause: sent, not marked.
    server.child.wait().unwrap();

    let server = start(data.path(), &env);
    let both = smtpd.wait_for(&buyer, 2).await;
    assert_eq!(both[0].message_id, both[1].message_id, "{both:?}");
    assert_eq!(both[0].message_id, first[0].message_id);
    assert_eq!(both[0].subject, both[1].subject);

    // Marked now: a second SIGKILL and restart sends nothing more.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let _server = start(data.path(), &env);
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(smtpd.messages_to(&buyer).len(), 2);
}

#[tokio::test]
async fn a_cooperatives_operator_hears_of_their_members_new_inquiries() {
    let Some(smtpd) = smtpd("a_cooperatives_operator_hears_of_their_members_new_inquiries") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &mail_env(&smtpd));
    let catalog: Catalog = serde_json::from_value(server.catalog().await).unwrap();

    // Sepatin's operator gives an address; a refusal first (not an address), and the
    // seller's endpoint is not theirs.
    let operator = browser();
    let me: Value = operator
        .post(server.url("/api/staff/login"))
        .json(&json!({"whatsapp": "0812 0000 0900", "password": "desa-demo-2026"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    let cooperative = me["staff"]["cooperative"].as_str().unwrap().to_string();
    let put = |email: &str| {
        operator
            .put(server.url("/api/staff/notices"))
            .header("x-csrf-token", &csrf)
            .json(&json!({ "email": email }))
            .send()
    };
    assert_eq!(put("koperasi@").await.unwrap().status(), 422);
    let address = format!("{}@koperasi.test", unique("operator"));
    let saved: Value = put(&address).await.unwrap().json().await.unwrap();
    assert_eq!(saved, json!({"email": address, "email_enabled": true}));

    // A hotel asks a member and a seller of no cooperative.
    let member = catalog
        .sellers
        .iter()
        .find(|s| s.village_slug == cooperative && s.cooperative.is_some())
        .expect("a member of the demo operator's cooperative");
    let loner = catalog
        .sellers
        .iter()
        .find(|s| {
            s.cooperative.is_none()
                && catalog
                    .products
                    .iter()
                    .any(|p| p.seller_id == s.id && p.status == ListingStatus::Published)
        })
        .expect("a seller outside any cooperative");
    let buyer = format!("{}@hotel.test", unique("buyer-coop"));
    let created = send(
        &server,
        "notices-coop-0001",
        &purchase(&catalog, &[&member.id, &loner.id], &buyer, Lang::En),
    )
    .await;
    let reference = created["reference"].as_str().unwrap();
    let mails = smtpd.wait_for(&address, 1).await;
    assert_eq!(mails.len(), 1, "one, for the member only: {mails:?}");
    let mail = &mails[0];
    assert_eq!(
        mail.subject,
        format!(
            "Permintaan baru untuk anggota {} ({reference})",
            member.name
        )
    );
    assert!(mail.text.contains(&format!(
        "{SITE}/penjual/koperasi/anggota/{}/permintaan",
        member.id
    )));
    for body in [&mail.text, &mail.html] {
        assert!(!body.contains(&buyer), "no buyer's contact: {body}");
        assert!(
            !body.contains(&loner.name),
            "nothing of the other seller: {body}"
        );
    }
    // The buyer's receipt went too, so the operator's is not the only mail of it.
    smtpd.wait_for(&buyer, 1).await;
}
