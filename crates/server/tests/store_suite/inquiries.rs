//! Storing inquiries (idempotency, references, concurrency), the buyer's tracking page and
//! the demand rows.

use std::collections::HashSet;

use etalase_model::inquiry::parse_reference;
use etalase_server::store::{StoredInquiry, UpdateOutcome};

use super::*;

#[tokio::test]
async fn a_repeated_idempotency_key_returns_the_first_inquiry() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());
        let first = inquiry("kunci-1", &[a]);
        let stored = e.store.create_inquiry(first.clone()).await.unwrap();
        assert!(stored.created, "{on}");
        assert_eq!(stored.tracking_token, first.tracking_token, "{on}");
        let reference = parse_reference(&stored.reference)
            .unwrap_or_else(|err| panic!("{on}: {} {err}", stored.reference));
        assert_eq!(
            (reference.kind, reference.year),
            (InquiryKind::Purchase, 2026),
            "{on}"
        );

        // A retry with the same key: whatever else it says, the first inquiry answers.
        let retry = NewInquiry {
            tracking_token: "token-lain".into(),
            doc: serde_json::json!({ "organisation": "lain", "items": [] }).to_string(),
            ..inquiry("kunci-1", &[b])
        };
        let again = e.store.create_inquiry(retry).await.unwrap();
        assert_eq!(
            again,
            StoredInquiry {
                created: false,
                ..stored.clone()
            },
            "{on}: the earlier inquiry, its token included"
        );
        assert_eq!(
            e.store.inquiry_by_token("token-lain".into()).await.unwrap(),
            None,
            "{on}: the retry's token was not stored"
        );
        let tracked = e
            .store
            .inquiry_by_token(first.tracking_token.clone())
            .await
            .unwrap()
            .unwrap();
        assert_json_eq(&tracked.doc, &first.doc, on);
        assert_eq!(tracked.parts.len(), 1, "{on}");
        assert!(
            e.store
                .seller_inbox(b.into(), InboxPage::default())
                .await
                .unwrap()
                .parts
                .is_empty(),
            "{on}: the retry's seller was never asked"
        );

        // Another kind, another prefix.
        let rfq = e
            .store
            .create_inquiry(NewInquiry {
                kind: InquiryKind::Export,
                year: 2027,
                ..inquiry("kunci-2", &[a])
            })
            .await
            .unwrap();
        let reference = parse_reference(&rfq.reference).unwrap();
        assert_eq!(
            (reference.kind, reference.year),
            (InquiryKind::Export, 2027),
            "{on}: {}",
            rfq.reference
        );
        assert_ne!(rfq.reference, stored.reference, "{on}");
    }
}

/// Many buyers at once: each gets an inquiry of their own under a reference of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_inquiries_with_distinct_keys_get_distinct_references() {
    const N: usize = 40;
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.clone(), demo.sellers[1].id.clone());
        let tasks: Vec<_> = (0..N)
            .map(|i| {
                let store = Arc::clone(&e.store);
                let job = NewInquiry {
                    kind: if i % 3 == 0 {
                        InquiryKind::Export
                    } else {
                        InquiryKind::Purchase
                    },
                    ..inquiry(&format!("serentak-{i:03}"), &[&a, &b])
                };
                tokio::spawn(async move {
                    (job.tracking_token.clone(), store.create_inquiry(job).await)
                })
            })
            .collect();
        let mut references = HashSet::new();
        for task in tasks {
            let (token, outcome) = task.await.unwrap();
            let stored = outcome.unwrap_or_else(|err| panic!("{on}: {err}"));
            assert!(stored.created, "{on}: {token}");
            assert_eq!(stored.tracking_token, token, "{on}");
            assert!(
                references.insert(stored.reference.clone()),
                "{on}: {} given twice",
                stored.reference
            );
            let tracked = e.store.inquiry_by_token(token).await.unwrap().unwrap();
            assert_eq!(tracked.reference, stored.reference, "{on}");
            assert_eq!(tracked.parts.len(), 2, "{on}: both parts, whole");
        }
        let inbox = e
            .store
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(inbox.parts.len(), N, "{on}");
        assert_eq!(inbox.unread as usize, N, "{on}");
        let listed: HashSet<_> = inbox.parts.into_iter().map(|p| p.reference).collect();
        assert_eq!(listed, references, "{on}");
    }
}

/// A double-tapped send arriving twice at the same moment: one row, one reference, and every
/// copy is told about the same inquiry (exactly one as the one that created it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_copies_of_one_inquiry_store_one_row() {
    const N: usize = 16;
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let a = demo.sellers[0].id.clone();
        let tasks: Vec<_> = (0..N)
            .map(|i| {
                let store = Arc::clone(&e.store);
                let job = NewInquiry {
                    tracking_token: format!("token-salinan-{i:02}"),
                    ..inquiry("kunci-sama", &[&a])
                };
                tokio::spawn(async move { store.create_inquiry(job).await })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(
                task.await
                    .unwrap()
                    .unwrap_or_else(|err| panic!("{on}: {err}")),
            );
        }
        let winners: Vec<_> = outcomes.iter().filter(|o| o.created).collect();
        assert_eq!(winners.len(), 1, "{on}: {outcomes:?}");
        let winner = winners[0].clone();
        assert!(
            outcomes
                .iter()
                .all(|o| o.reference == winner.reference
                    && o.tracking_token == winner.tracking_token),
            "{on}: {outcomes:?}"
        );
        for i in 0..N {
            let token = format!("token-salinan-{i:02}");
            let found = e.store.inquiry_by_token(token.clone()).await.unwrap();
            assert_eq!(
                found.is_some(),
                token == winner.tracking_token,
                "{on}: only the stored copy's token tracks"
            );
        }
        let inbox = e
            .store
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(inbox.parts.len(), 1, "{on}: one row");
        assert_eq!(e.store.demand_rows().await.unwrap().len(), 1, "{on}");
    }
}

/// "Atomically": a part naming no seller fails the whole inquiry.
#[tokio::test]
async fn an_inquiry_for_an_unknown_seller_stores_nothing() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let a = demo.sellers[0].id.as_str();
        let bad = inquiry("buruk", &[a, "tidak-ada"]);
        assert!(e.store.create_inquiry(bad.clone()).await.is_err(), "{on}");
        assert_eq!(
            e.store.inquiry_by_token(bad.tracking_token).await.unwrap(),
            None,
            "{on}"
        );
        assert!(
            e.store
                .seller_inbox(a.into(), InboxPage::default())
                .await
                .unwrap()
                .parts
                .is_empty(),
            "{on}: not even the good part"
        );
        assert!(e.store.demand_rows().await.unwrap().is_empty(), "{on}");
        // The key was not used up.
        let good = e
            .store
            .create_inquiry(inquiry("buruk", &[a]))
            .await
            .unwrap();
        assert!(good.created, "{on}");
    }
}

/// Parts come in the order the inquiry listed its sellers (not documented; SQLite keeps
/// insertion order and the buyer's page shows the basket's order).
#[tokio::test]
async fn the_buyer_sees_every_part_with_seller_village_and_events() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (&demo.sellers[0], &demo.sellers[2]);
        assert_ne!(a.village_slug, b.village_slug);
        let sent = NewInquiry {
            created_at: Some("2026-06-30T17:00:00.000Z".into()),
            ..inquiry("lacak", &[&b.id, &a.id])
        };
        let stored = e.store.create_inquiry(sent.clone()).await.unwrap();
        assert_eq!(
            e.store
                .inquiry_by_token("token-tidak-ada".into())
                .await
                .unwrap(),
            None,
            "{on}"
        );
        let UpdateOutcome::Updated(_) = e
            .store
            .update_part(answer(&a.id, &stored.reference, None, Some("Stok ada")))
            .await
            .unwrap()
        else {
            panic!("{on}: A's part exists")
        };

        let tracked = e
            .store
            .inquiry_by_token(sent.tracking_token.clone())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(tracked.reference, stored.reference, "{on}");
        assert_eq!(tracked.kind, "purchase", "{on}");
        assert_eq!(
            tracked.created_at, "2026-06-30T17:00:00.000Z",
            "{on}: backdated"
        );
        assert_json_eq(&tracked.doc, &sent.doc, on);
        let sellers: Vec<_> = tracked.parts.iter().map(|p| p.seller_id.as_str()).collect();
        assert_eq!(
            sellers,
            [b.id.as_str(), a.id.as_str()],
            "{on}: the basket's order"
        );

        let village = |slug: &str| {
            demo.villages
                .iter()
                .find(|v| v.slug == slug)
                .map(|v| v.name.clone())
        };
        for (part, (seller, lines)) in tracked.parts.iter().zip(&sent.parts) {
            let who = demo.sellers.iter().find(|s| &s.id == seller).unwrap();
            let shown = part.seller.as_ref().expect("the seller row exists");
            assert_eq!((&shown.id, &shown.name), (&who.id, &who.name), "{on}");
            assert_eq!(part.village_name, village(&who.village_slug), "{on}");
            assert_json_eq(&part.items, lines, on);
            assert!(is_utc_millis(&part.updated_at), "{on}: {}", part.updated_at);
        }
        let (b_part, a_part) = (&tracked.parts[0], &tracked.parts[1]);
        assert_eq!(b_part.status, "new", "{on}");
        assert!(b_part.events.is_empty(), "{on}");
        assert_eq!(
            b_part.updated_at, tracked.created_at,
            "{on}: an unanswered part was last touched when sent"
        );
        assert_eq!(a_part.status, "replied", "{on}");
        assert_eq!(a_part.events.len(), 1, "{on}");
        let event = &a_part.events[0];
        assert_eq!(event.actor, format!("Nama {}", a.id), "{on}");
        assert_eq!(event.reply.as_deref(), Some("Stok ada"), "{on}");
        assert_eq!(
            (event.from_status.as_deref(), event.to_status.as_deref()),
            (Some("new"), Some("replied")),
            "{on}"
        );
        assert!(is_utc_millis(&event.at), "{on}: {}", event.at);
        assert_eq!(a_part.updated_at, event.at, "{on}: touched by the answer");
    }
}

/// Rows come in no documented order (the insights count them); matched by content here.
#[tokio::test]
async fn demand_rows_give_one_row_per_part_without_the_buyer() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b, c) = (&demo.sellers[0], &demo.sellers[2], &demo.sellers[4]);
        assert!(e.store.demand_rows().await.unwrap().is_empty(), "{on}");
        let basket = NewInquiry {
            created_at: Some("2026-02-01T09:00:00.000Z".into()),
            parts: vec![
                (a.id.clone(), items(&["x", "y"])),
                (b.id.clone(), items(&["z"])),
            ],
            ..inquiry("permintaan", &[])
        };
        e.store.create_inquiry(basket).await.unwrap();
        let rfq = NewInquiry {
            kind: InquiryKind::Export,
            created_at: Some("2026-03-01T09:00:00.000Z".into()),
            doc: serde_json::json!({
                "organisation": "Importir",
                "destination_country": "JP",
                "items": [],
            })
            .to_string(),
            parts: vec![(c.id.clone(), items(&["w"]))],
            ..inquiry("rfq", &[])
        };
        e.store.create_inquiry(rfq).await.unwrap();

        let rows = e.store.demand_rows().await.unwrap();
        assert_eq!(rows.len(), 3, "{on}: one per part");
        let row = |product: &str| {
            rows.iter()
                .find(|r| r.product_ids.first().map(String::as_str) == Some(product))
                .unwrap_or_else(|| panic!("{on}: a row for {product}: {rows:?}"))
        };
        let (ra, rb, rc) = (row("x"), row("z"), row("w"));
        assert_eq!(ra.product_ids, ["x", "y"], "{on}");
        assert_eq!(
            ra.inquiry_id, rb.inquiry_id,
            "{on}: one basket, one inquiry"
        );
        assert_ne!(ra.inquiry_id, rc.inquiry_id, "{on}");
        assert_eq!(
            (
                ra.kind.as_str(),
                ra.created_at.as_str(),
                ra.destination_country.as_deref()
            ),
            ("purchase", "2026-02-01T09:00:00.000Z", None),
            "{on}"
        );
        assert_eq!(
            (
                rc.kind.as_str(),
                rc.created_at.as_str(),
                rc.destination_country.as_deref()
            ),
            ("export", "2026-03-01T09:00:00.000Z", Some("JP")),
            "{on}"
        );
        assert_eq!(
            [&ra.village_slug, &rb.village_slug, &rc.village_slug],
            [&a.village_slug, &b.village_slug, &c.village_slug],
            "{on}: the village of each part's seller"
        );
    }
}
