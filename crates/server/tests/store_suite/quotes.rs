//! Quotations: revisions with their history, the buyer's answer to exactly the revision
//! they saw, and parts that close themselves.

use etalase_server::notices::facts::{for_decision, for_expiry, for_quote};
use etalase_server::store::{AnswerOutcome, ExpiredPart, NewQuote, QuoteAnswer, UpdateOutcome};
use InquiryStatus::*;

use super::*;

fn quote_doc(price: u64) -> String {
    serde_json::json!({
        "unit_price_idr": price, "quantity": 100, "unit": "kg", "moq": 50,
        "lead_time_days": 7, "valid_until": "2026-12-31",
    })
    .to_string()
}

fn new_quote(seller: &str, reference: &str, price: u64) -> NewQuote {
    let quote: etalase_model::inquiry::Quote = serde_json::from_str(&quote_doc(price)).unwrap();
    NewQuote {
        seller_id: seller.into(),
        reference: reference.into(),
        actor: format!("Nama {seller}"),
        doc: quote_doc(price),
        at: None,
        notices: for_quote(seller, &format!("Nama {seller}"), &quote),
    }
}

fn answer_to(token: &str, seller: &str, revision: u32, status: InquiryStatus) -> QuoteAnswer {
    QuoteAnswer {
        tracking_token: token.into(),
        seller_id: seller.into(),
        revision,
        status,
        actor: "Hotel".into(),
        reason: (status == Lost).then(|| "Terlalu mahal".into()),
        notices: for_decision(seller, status == Won, None),
    }
}

#[tokio::test]
async fn revisions_keep_their_history_and_the_buyer_answers_the_one_they_saw() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());
        let stored = e
            .store
            .create_inquiry(inquiry("harga-1", &[a, b]))
            .await
            .unwrap();
        let token = stored.tracking_token.as_str();
        for n in e.store.claim_notices(0, 1, 100).await.unwrap() {
            e.store
                .finish_notice(n.id, 1, etalase_server::store::NoticeOutcome::Sent)
                .await
                .unwrap();
        }

        // Nobody can answer a quote that does not exist.
        assert_eq!(
            e.store
                .answer_quote(answer_to(token, a, 1, Won))
                .await
                .unwrap(),
            AnswerOutcome::Stale,
            "{on}"
        );
        for price in [90_000, 85_000] {
            let out = e
                .store
                .send_quote(new_quote(a, &stored.reference, price))
                .await
                .unwrap();
            let UpdateOutcome::Updated(part) = out else {
                panic!("{on}: {out:?}")
            };
            assert_eq!(part.status, "quoted", "{on}");
        }
        let tracked = e
            .store
            .inquiry_by_token(token.into())
            .await
            .unwrap()
            .unwrap();
        let part = tracked.parts.iter().find(|p| p.seller_id == a).unwrap();
        let revisions: Vec<u32> = part.quotes.iter().map(|q| q.revision).collect();
        assert_eq!(revisions, [1, 2], "{on}");
        let prices: Vec<u64> = part
            .quotes
            .iter()
            .map(|q| {
                serde_json::from_str::<serde_json::Value>(&q.doc).unwrap()["unit_price_idr"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(prices, [90_000, 85_000], "{on}: both revisions kept");
        assert!(
            part.quotes.iter().all(|q| is_utc_millis(&q.sent_at)),
            "{on}"
        );
        assert_eq!(
            part.events.last().unwrap().to_status.as_deref(),
            Some("quoted"),
            "{on}"
        );
        // The other seller's part is untouched.
        let other = tracked.parts.iter().find(|p| p.seller_id == b).unwrap();
        assert!(other.quotes.is_empty() && other.status == "new", "{on}");

        // The buyer looked at revision 1: stale. Revision 2: won, once.
        assert_eq!(
            e.store
                .answer_quote(answer_to(token, a, 1, Won))
                .await
                .unwrap(),
            AnswerOutcome::Stale,
            "{on}"
        );
        assert_eq!(
            e.store
                .answer_quote(answer_to("nope", a, 2, Won))
                .await
                .unwrap(),
            AnswerOutcome::NotFound,
            "{on}"
        );
        assert_eq!(
            e.store
                .answer_quote(answer_to(token, a, 2, Won))
                .await
                .unwrap(),
            AnswerOutcome::Answered,
            "{on}"
        );
        assert_eq!(
            e.store
                .answer_quote(answer_to(token, a, 2, Lost))
                .await
                .unwrap(),
            AnswerOutcome::Stale,
            "{on}: decided is decided"
        );
        let tracked = e
            .store
            .inquiry_by_token(token.into())
            .await
            .unwrap()
            .unwrap();
        let part = tracked.parts.iter().find(|p| p.seller_id == a).unwrap();
        assert_eq!(part.status, "won", "{on}");
        let last = part.events.last().unwrap();
        assert_eq!(
            (last.actor.as_str(), last.to_status.as_deref()),
            ("Hotel", Some("won")),
            "{on}"
        );
        // A won part takes no new quote.
        assert!(
            matches!(
                e.store
                    .send_quote(new_quote(a, &stored.reference, 1))
                    .await
                    .unwrap(),
                UpdateOutcome::Illegal(_)
            ),
            "{on}"
        );
        assert_eq!(
            e.store
                .send_quote(new_quote(a, "PQ-2026-999999", 1))
                .await
                .unwrap(),
            UpdateOutcome::NotFound,
            "{on}"
        );
        // Notices: two quotes to the buyer, the decision to the seller, in their events' order.
        let keys: Vec<String> = e
            .store
            .claim_notices(0, 1, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.key)
            .collect();
        assert_eq!(keys.len(), 3, "{on}: {keys:?}");
        assert!(
            keys[0].ends_with(":buyer:email") && keys[2].ends_with(":seller:email"),
            "{on}: {keys:?}"
        );
    }
}

#[tokio::test]
async fn a_lapsed_part_closes_once_and_only_as_it_was_seen() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());
        let stored = e
            .store
            .create_inquiry(inquiry("tutup-1", &[a, b]))
            .await
            .unwrap();
        e.store
            .send_quote(new_quote(a, &stored.reference, 90_000))
            .await
            .unwrap();
        let open: Vec<_> = e
            .store
            .open_parts()
            .await
            .unwrap()
            .into_iter()
            .filter(|p| p.reference == stored.reference)
            .collect();
        assert_eq!(open.len(), 2, "{on}");
        let quoted = open.iter().find(|p| p.seller_id == a).unwrap();
        assert_eq!(quoted.status, "quoted", "{on}");
        assert_eq!(
            quoted.latest_quote.as_ref().map(|q| q.revision),
            Some(1),
            "{on}"
        );
        assert!(
            open.iter()
                .find(|p| p.seller_id == b)
                .unwrap()
                .latest_quote
                .is_none(),
            "{on}"
        );

        let expire = |revision_seen| ExpiredPart {
            reference: stored.reference.clone(),
            seller_id: a.into(),
            status_seen: Quoted,
            revision_seen,
            notices: for_expiry(a, "Nama"),
        };
        // Revised since it was seen: left open.
        e.store
            .send_quote(new_quote(a, &stored.reference, 80_000))
            .await
            .unwrap();
        assert!(!e.store.expire_part(expire(Some(1))).await.unwrap(), "{on}");
        assert!(e.store.expire_part(expire(Some(2))).await.unwrap(), "{on}");
        assert!(
            !e.store.expire_part(expire(Some(2))).await.unwrap(),
            "{on}: once"
        );
        let tracked = e
            .store
            .inquiry_by_token(stored.tracking_token.clone())
            .await
            .unwrap()
            .unwrap();
        let part = tracked.parts.iter().find(|p| p.seller_id == a).unwrap();
        assert_eq!(part.status, "closed", "{on}");
        assert_eq!(
            part.events.last().unwrap().reason.as_deref(),
            Some("expired"),
            "{on}"
        );
        assert!(
            !e.store
                .open_parts()
                .await
                .unwrap()
                .iter()
                .any(|p| p.reference == stored.reference && p.seller_id == a),
            "{on}"
        );
    }
}

/// The stage of `seller`'s part of the inquiry tracked by `token`.
async fn stage(e: &Fresh, token: &str, seller: &str) -> String {
    let tracked = e
        .store
        .inquiry_by_token(token.into())
        .await
        .unwrap()
        .unwrap();
    tracked
        .parts
        .into_iter()
        .find(|p| p.seller_id == seller)
        .unwrap()
        .status
}

#[tokio::test]
async fn the_hourly_job_closes_lapsed_quotes_and_unanswered_rfqs_by_the_models_rule() {
    use etalase_model::inquiry::ExportInquiry;
    use etalase_server::expiry::{expire_lapsed, Tell};
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());
        // An RFQ valid until 2026-12-20: one seller quotes (valid until 2026-12-31), the
        // other never answers.
        let form = ExportInquiry {
            company: "Importer".into(),
            valid_until: Some(day(2026, 12, 20)),
            ..ExportInquiry::default()
        };
        let rfq = e
            .store
            .create_inquiry(NewInquiry {
                kind: InquiryKind::Export,
                doc: serde_json::to_string(&form).unwrap(),
                ..inquiry("rfq-lewat-1", &[a, b])
            })
            .await
            .unwrap();
        e.store
            .send_quote(new_quote(a, &rfq.reference, 90_000))
            .await
            .unwrap();
        let token = rfq.tracking_token.as_str();
        let name = |id: &str| format!("Nama {id}");
        let run = |today| expire_lapsed(e.store.as_ref(), today, name, Tell::Both);

        assert_eq!(
            run(day(2026, 12, 20)).await.unwrap(),
            0,
            "{on}: on its last day it is open"
        );
        assert_eq!(
            run(day(2026, 12, 21)).await.unwrap(),
            1,
            "{on}: the unanswered part"
        );
        assert_eq!(stage(&e, token, b).await, "closed", "{on}");
        assert_eq!(
            stage(&e, token, a).await,
            "quoted",
            "{on}: a quote outlives the RFQ's date"
        );
        assert_eq!(run(day(2026, 12, 31)).await.unwrap(), 0, "{on}");
        assert_eq!(run(day(2027, 1, 1)).await.unwrap(), 1, "{on}");
        assert_eq!(stage(&e, token, a).await, "closed", "{on}");
        assert_eq!(run(day(2027, 1, 2)).await.unwrap(), 0, "{on}: once");
    }
}
