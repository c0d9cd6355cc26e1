//! The notices' outbox: written with its event or not at all, claimed with a lease, finished
//! once, and the failed ones listed for staff.

use std::collections::HashSet;

use etalase_server::store::{NoticeChannel, NoticeOutcome};

use super::*;

const LEASE: i64 = 60_000;
const T0: i64 = 1_800_000_000_000;

/// Claims everything due at `now` and returns the keys.
async fn claim_keys(e: &Fresh, now: i64) -> Vec<String> {
    let mut keys: Vec<String> = e
        .store
        .claim_notices(now, LEASE, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.key)
        .collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn an_inquirys_notices_are_written_with_it_once_and_never_without_it() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());

        // A part for a seller the store does not have fails the whole inquiry: no notice of
        // it may be left to send.
        let broken = e
            .store
            .create_inquiry(inquiry("kabar-0", &[a, "nobody"]))
            .await;
        assert!(broken.is_err(), "{on}: {broken:?}");
        assert!(
            claim_keys(&e, T0).await.is_empty(),
            "{on}: nothing of the failed inquiry"
        );

        let stored = e
            .store
            .create_inquiry(inquiry("kabar-1", &[a, b]))
            .await
            .unwrap();
        // The same submission again (a retry) adds nothing.
        e.store
            .create_inquiry(inquiry("kabar-1", &[a, b]))
            .await
            .unwrap();
        let claimed = e.store.claim_notices(T0, LEASE, 100).await.unwrap();
        assert_eq!(
            claimed.len(),
            5,
            "{on}: receipt, and an e-mail and a push per seller: {claimed:?}"
        );
        let pushes = claimed
            .iter()
            .filter(|n| n.channel == NoticeChannel::Push)
            .count();
        assert_eq!(pushes, 2, "{on}");
        for n in &claimed {
            assert_eq!(n.reference, stored.reference, "{on}");
            assert_eq!(n.tracking_token, stored.tracking_token, "{on}");
            assert_eq!(n.kind, "purchase", "{on}");
            assert_eq!(n.attempt, 1, "{on}");
            let doc: serde_json::Value = serde_json::from_str(&n.doc).unwrap();
            assert_eq!(doc["organisation"], "kabar-1", "{on}");
        }
        let sellers: HashSet<_> = claimed.iter().filter_map(|n| n.seller_id.clone()).collect();
        assert_eq!(
            sellers,
            HashSet::from([a.to_string(), b.to_string()]),
            "{on}"
        );
        assert!(
            claimed.iter().all(|n| n.seller_email.is_none()),
            "{on}: no addresses yet"
        );
    }
}

#[tokio::test]
async fn a_claim_holds_until_its_lease_ends_and_a_stale_claim_cannot_finish() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let a = demo.sellers[0].id.as_str();
        e.store
            .create_inquiry(inquiry("sewa-1", &[a]))
            .await
            .unwrap();
        let first = e.store.claim_notices(T0, LEASE, 100).await.unwrap();
        assert_eq!(first.len(), 3, "{on}: receipt, seller's e-mail and push");
        assert!(
            claim_keys(&e, T0 + LEASE - 1).await.is_empty(),
            "{on}: nobody else takes a claimed notice"
        );
        // The sender was killed: after the lease, the notices are due again.
        let second = e.store.claim_notices(T0 + LEASE, LEASE, 100).await.unwrap();
        assert_eq!(second.len(), 3, "{on}");
        assert!(second.iter().all(|n| n.attempt == 2), "{on}: {second:?}");

        // The first claim's late answer changes nothing; the second's counts.
        let receipt = second.iter().find(|n| n.seller_id.is_none()).unwrap();
        e.store
            .finish_notice(receipt.id, 1, NoticeOutcome::Failed("stale".into()))
            .await
            .unwrap();
        assert!(e.store.failed_notices(10).await.unwrap().is_empty(), "{on}");
        e.store
            .finish_notice(receipt.id, 2, NoticeOutcome::Sent)
            .await
            .unwrap();
        let later = claim_keys(&e, T0 + 10 * LEASE).await;
        assert_eq!(
            later.len(),
            2,
            "{on}: only the unfinished ones come back: {later:?}"
        );
        assert!(
            later[0].ends_with(&format!("seller:{a}:email")),
            "{on}: {later:?}"
        );
        assert!(
            later[1].ends_with(&format!("seller:{a}:push")),
            "{on}: {later:?}"
        );
    }
}

#[tokio::test]
async fn retries_wait_their_turn_and_failures_are_listed() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let a = demo.sellers[0].id.as_str();
        let stored = e
            .store
            .create_inquiry(inquiry("coba-1", &[a]))
            .await
            .unwrap();
        let claimed = e.store.claim_notices(T0, LEASE, 100).await.unwrap();
        let receipt = claimed.iter().find(|n| n.seller_id.is_none()).unwrap();
        for seller in claimed.iter().filter(|n| n.seller_id.is_some()) {
            e.store
                .finish_notice(seller.id, 1, NoticeOutcome::Off("no address".into()))
                .await
                .unwrap();
        }
        e.store
            .finish_notice(
                receipt.id,
                1,
                NoticeOutcome::Retry {
                    due_at_ms: T0 + 30_000,
                    error: "421 try later".into(),
                },
            )
            .await
            .unwrap();
        assert!(
            claim_keys(&e, T0 + 29_999).await.is_empty(),
            "{on}: not before its time"
        );
        let again = e
            .store
            .claim_notices(T0 + 30_000, LEASE, 100)
            .await
            .unwrap();
        assert_eq!(again.len(), 1, "{on}: the retry, not the one that is off");
        assert_eq!(again[0].attempt, 2, "{on}");
        e.store
            .finish_notice(
                again[0].id,
                2,
                NoticeOutcome::Failed("550 no such user".into()),
            )
            .await
            .unwrap();
        let failed = e.store.failed_notices(10).await.unwrap();
        assert_eq!(failed.len(), 1, "{on}");
        assert_eq!(failed[0].reference, stored.reference, "{on}");
        assert_eq!(failed[0].attempts, 2, "{on}");
        assert_eq!(failed[0].error, "550 no such user", "{on}");
        assert!(
            failed[0].failed_at.as_deref().is_some_and(is_utc_millis),
            "{on}"
        );
        assert!(
            claim_keys(&e, T0 + 100 * LEASE).await.is_empty(),
            "{on}: done is done"
        );
    }
}

#[tokio::test]
async fn an_answer_tells_the_buyer_and_a_seller_address_is_read_when_sending() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let a = &demo.sellers[0];
        assert!(e
            .store
            .attach_account(a.id.clone(), a.whatsapp.clone(), "h".into())
            .await
            .unwrap());
        assert_eq!(
            e.store.notice_email(a.id.clone()).await.unwrap(),
            None,
            "{on}"
        );
        let stored = e
            .store
            .create_inquiry(inquiry("jawab-1", &[&a.id]))
            .await
            .unwrap();
        for n in e.store.claim_notices(T0, LEASE, 100).await.unwrap() {
            e.store
                .finish_notice(n.id, 1, NoticeOutcome::Sent)
                .await
                .unwrap();
        }
        // Bookkeeping tells nobody; a reply tells the buyer, once per answer.
        e.store
            .update_part(answer(
                &a.id,
                &stored.reference,
                Some(InquiryStatus::Replied),
                None,
            ))
            .await
            .unwrap();
        assert!(claim_keys(&e, T0).await.is_empty(), "{on}");
        for text in ["Ada stok", "Harga Rp 85.000/kg"] {
            e.store
                .update_part(answer(&a.id, &stored.reference, None, Some(text)))
                .await
                .unwrap();
        }
        let replies = e.store.claim_notices(T0, LEASE, 100).await.unwrap();
        assert_eq!(replies.len(), 2, "{on}: one per answer");
        assert!(
            replies.iter().all(|n| n.key.ends_with(":buyer:email")),
            "{on}"
        );
        assert_ne!(replies[0].key, replies[1].key, "{on}");

        // The seller's address: set, read back, and joined to their next notice.
        e.store
            .set_notice_email(a.id.clone(), Some("ud@sepatin.example".into()))
            .await
            .unwrap();
        assert_eq!(
            e.store.notice_email(a.id.clone()).await.unwrap().as_deref(),
            Some("ud@sepatin.example"),
            "{on}"
        );
        e.store
            .create_inquiry(inquiry("jawab-2", &[&a.id]))
            .await
            .unwrap();
        let next = e.store.claim_notices(T0, LEASE, 100).await.unwrap();
        let to_seller = next.iter().find(|n| n.seller_id.is_some()).unwrap();
        assert_eq!(
            to_seller.seller_email.as_deref(),
            Some("ud@sepatin.example"),
            "{on}"
        );
        e.store.set_notice_email(a.id.clone(), None).await.unwrap();
        assert_eq!(
            e.store.notice_email(a.id.clone()).await.unwrap(),
            None,
            "{on}"
        );
    }
}

#[tokio::test]
async fn senders_at_once_claim_each_notice_once() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let sellers: Vec<&str> = demo.sellers.iter().take(6).map(|s| s.id.as_str()).collect();
        for n in 0..5 {
            e.store
                .create_inquiry(inquiry(&format!("serentak-{n}"), &sellers))
                .await
                .unwrap();
        }
        let claims = futures_join(&e).await;
        let mut all: Vec<String> = claims.into_iter().flatten().collect();
        let total = all.len();
        all.sort();
        all.dedup();
        // Per inquiry: the receipt, and an e-mail and a push for each of the six sellers.
        assert_eq!(total, 65, "{on}: every notice claimed");
        assert_eq!(all.len(), 65, "{on}: none twice");
    }
}

/// Four senders claiming in small batches at the same moment.
async fn futures_join(e: &Fresh) -> Vec<Vec<String>> {
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = std::sync::Arc::clone(&e.store);
        tasks.push(tokio::spawn(async move {
            let mut keys = Vec::new();
            loop {
                let batch = store.claim_notices(T0, LEASE, 3).await.unwrap();
                if batch.is_empty() {
                    return keys;
                }
                keys.extend(batch.into_iter().map(|n| n.key));
            }
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_members_inquiry_reaches_the_active_operators_of_their_cooperative_who_gave_an_address() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        add_sepatin_operator(&e, "+6281200000900").await;
        let member = demo
            .sellers
            .iter()
            .find(|s| s.village_slug == "sepatin")
            .expect("a demo seller of Sepatin")
            .clone();
        e.store
            .join_cooperative(vec![member.id.clone()])
            .await
            .unwrap();
        let loner = demo
            .sellers
            .iter()
            .find(|s| s.village_slug != "sepatin")
            .expect("a demo seller of another village");
        let mut new = inquiry("koperasi-1", &[&member.id, &loner.id]);
        new.notices = for_new_inquiry(&[
            Asked {
                id: member.id.clone(),
                name: member.name.clone(),
                lines: 1,
                member: true,
            },
            Asked {
                id: loner.id.clone(),
                name: loner.name.clone(),
                lines: 1,
                member: false,
            },
        ]);
        assert_eq!(
            e.store.staff_notice_email(OPERATOR.into()).await.unwrap(),
            None,
            "{on}"
        );
        e.store
            .set_staff_notice_email(OPERATOR.into(), Some("op@sepatin.example".into()))
            .await
            .unwrap();
        assert_eq!(
            e.store.staff_notice_email(OPERATOR.into()).await.unwrap(),
            Some("op@sepatin.example".into()),
            "{on}"
        );
        e.store.create_inquiry(new).await.unwrap();
        let claimed = e.store.claim_notices(T0, LEASE, 100).await.unwrap();
        let coop: Vec<_> = claimed
            .iter()
            .filter(|n| n.key.contains(":coop:"))
            .collect();
        assert_eq!(coop.len(), 1, "{on}: only the member's: {claimed:?}");
        assert_eq!(coop[0].seller_id.as_deref(), Some(member.id.as_str()));
        assert_eq!(coop[0].cooperative_emails, ["op@sepatin.example"], "{on}");
        let others = claimed
            .iter()
            .filter(|n| n.seller_id.as_deref() == Some(&loner.id));
        assert!(
            others.into_iter().all(|n| n.cooperative_emails.is_empty()),
            "{on}"
        );
    }
}
