//! The seller's inbox: listing, reading and answering their parts.

use etalase_model::inquiry::IllegalTransition;
use etalase_server::store::UpdateOutcome;
use InquiryStatus::*;

use super::*;

/// A basket over two sellers, sent (backdated) on 2026-06-30.
async fn two_seller_inquiry(e: &Fresh) -> (String, String, String) {
    let demo = seed_demo(e).await;
    let (a, b) = (demo.sellers[0].id.clone(), demo.sellers[1].id.clone());
    let stored = e
        .store
        .create_inquiry(NewInquiry {
            doc: r#"{"organisation":"Hotel","items":[{"product_id":"x"},{"product_id":"y"}]}"#
                .into(),
            parts: vec![(a.clone(), items(&["x"])), (b.clone(), items(&["y"]))],
            created_at: Some("2026-06-30T17:00:00.000Z".into()),
            ..inquiry("store-test-1", &[])
        })
        .await
        .unwrap();
    (stored.reference, a, b)
}

/// An inquiry under `key` for `sellers`, backdated to `at`; answers its reference.
async fn sent_at(e: &Fresh, key: &str, sellers: &[&str], at: &str) -> String {
    e.store
        .create_inquiry(NewInquiry {
            created_at: Some(at.into()),
            ..inquiry(key, sellers)
        })
        .await
        .unwrap()
        .reference
}

/// The references on a page, in its order.
fn refs(inbox: &etalase_server::store::Inbox) -> Vec<String> {
    inbox.parts.iter().map(|p| p.reference.clone()).collect()
}

#[tokio::test]
async fn each_seller_reads_and_answers_only_their_part() {
    for e in engines().await {
        let on = e.name;
        let s = &e.store;
        let (reference, a, b) = two_seller_inquiry(&e).await;

        let inbox = s
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(inbox.unread, 1, "{on}");
        assert_eq!(inbox.parts.len(), 1, "{on}");
        let part = &inbox.parts[0];
        assert_eq!(part.reference, reference, "{on}");
        assert_eq!(part.kind, "purchase", "{on}");
        assert_eq!(part.status, "new", "{on}");
        assert!(!part.read, "{on}");
        assert_json_eq(&part.items, &items(&["x"]), on);
        assert_json_eq(
            &part.doc,
            r#"{"organisation":"Hotel","items":[{"product_id":"x"},{"product_id":"y"}]}"#,
            &format!("{on}: the whole form, every seller's lines"),
        );
        assert_eq!(
            part.created_at, "2026-06-30T17:00:00.000Z",
            "{on}: backdated"
        );
        assert_eq!(part.updated_at, part.created_at, "{on}");
        assert!(part.events.is_empty(), "{on}");

        assert!(
            s.mark_part_read(a.clone(), reference.clone())
                .await
                .unwrap(),
            "{on}"
        );
        assert_eq!(
            s.seller_inbox(a.clone(), InboxPage::default())
                .await
                .unwrap()
                .unread,
            0,
            "{on}"
        );
        assert_eq!(
            s.seller_inbox(b.clone(), InboxPage::default())
                .await
                .unwrap()
                .unread,
            1,
            "{on}: B's part untouched"
        );

        // A reply alone answers a new part.
        let UpdateOutcome::Updated(part) = s
            .update_part(answer(&a, &reference, None, Some("Ada")))
            .await
            .unwrap()
        else {
            panic!("{on}: A's part exists")
        };
        assert_eq!(part.status, "replied", "{on}");
        assert_eq!(part.events.len(), 1, "{on}");
        assert_eq!(part.events[0].actor, format!("Nama {a}"), "{on}");
        assert_eq!(
            (
                part.events[0].from_status.as_deref(),
                part.events[0].to_status.as_deref()
            ),
            (Some("new"), Some("replied")),
            "{on}"
        );
        assert!(part.updated_at > part.created_at, "{on}");

        // An illegal move writes nothing, not even the reply.
        let outcome = s
            .update_part(answer(&a, &reference, Some(New), Some("lagi")))
            .await
            .unwrap();
        assert!(
            matches!(outcome, UpdateOutcome::Illegal(_)),
            "{on}: {outcome:?}"
        );
        // Someone else's part is simply not there.
        let other = s
            .update_part(answer("bukan-penjual", &reference, Some(Quoted), None))
            .await
            .unwrap();
        assert_eq!(other, UpdateOutcome::NotFound, "{on}");
        assert_eq!(
            s.seller_inbox(a.clone(), InboxPage::default())
                .await
                .unwrap()
                .parts[0]
                .events
                .len(),
            1,
            "{on}"
        );

        // A reply after a move keeps the status; the event says so with null from/to.
        s.update_part(answer(&a, &reference, Some(Quoted), Some("Rp 1")))
            .await
            .unwrap();
        let UpdateOutcome::Updated(part) = s
            .update_part(answer(&a, &reference, None, Some("Rp 2")))
            .await
            .unwrap()
        else {
            panic!("{on}")
        };
        assert_eq!(part.status, "quoted", "{on}");
        assert_eq!(part.events[2].from_status, None, "{on}");
        assert_eq!(part.events[2].to_status, None, "{on}");
        assert_eq!(part.events[2].reply.as_deref(), Some("Rp 2"), "{on}");

        let filtered = s
            .seller_inbox(a.clone(), InboxPage::only(New))
            .await
            .unwrap();
        assert!(filtered.parts.is_empty(), "{on}");

        // The buyer sees both parts, with seller, village and A's history.
        let tracked = s
            .inquiry_by_token("token-store-test-1".into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(tracked.created_at, "2026-06-30T17:00:00.000Z", "{on}");
        assert_eq!(tracked.parts.len(), 2, "{on}");
        assert_eq!(tracked.parts[0].seller.as_ref().unwrap().id, a, "{on}");
        assert_eq!(
            tracked.parts[0].village_name.as_deref(),
            Some("Sepatin"),
            "{on}"
        );
        assert_eq!(tracked.parts[0].events.len(), 3, "{on}");
        assert!(tracked.parts[1].events.is_empty(), "{on}");
    }
}

/// "Newest inquiry first" is by the inquiry's creation time (backdated demo inquiries
/// included), not by the order they were stored.
#[tokio::test]
async fn the_inbox_lists_newest_inquiry_first_and_filters_by_status() {
    for e in engines().await {
        let on = e.name;
        let s = &e.store;
        let demo = seed_demo(&e).await;
        let a = demo.sellers[0].id.clone();
        let jan = sent_at(&e, "januari", &[&a], "2026-01-15T08:00:00.000Z").await;
        let mar = sent_at(&e, "maret", &[&a], "2026-03-15T08:00:00.000Z").await;
        let feb = sent_at(&e, "februari", &[&a], "2026-02-15T08:00:00.000Z").await;
        let inbox = s
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(refs(&inbox), [&*mar, &feb, &jan], "{on}");
        assert_eq!(inbox.unread, 3, "{on}");

        s.update_part(answer(&a, &feb, Some(Quoted), Some("Rp 10.000")))
            .await
            .unwrap();
        let quoted = s
            .seller_inbox(a.clone(), InboxPage::only(Quoted))
            .await
            .unwrap();
        assert_eq!(refs(&quoted), [feb.as_str()], "{on}");
        assert_eq!(quoted.unread, 2, "{on}: the badge counts the whole inbox");
        let new = s
            .seller_inbox(a.clone(), InboxPage::only(New))
            .await
            .unwrap();
        assert_eq!(refs(&new), [mar.as_str(), &jan], "{on}");
        assert_eq!(new.unread, 2, "{on}");
        let won = s
            .seller_inbox(a.clone(), InboxPage::only(Won))
            .await
            .unwrap();
        assert!(won.parts.is_empty(), "{on}");
        assert_eq!(won.unread, 2, "{on}");
        let other = s
            .seller_inbox(demo.sellers[1].id.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!((other.unread, other.parts.len()), (0, 0), "{on}");
    }
}

/// Pages follow a cursor: `before` is the last reference of the page before, ties on the
/// creation time go by the order stored, and an inquiry arriving between two pages does not
/// shift the next one. The counts and the unread badge are the whole inbox's on every page.
#[tokio::test]
async fn the_inbox_pages_by_cursor_with_whole_inbox_counts() {
    for e in engines().await {
        let on = e.name;
        let s = &e.store;
        let demo = seed_demo(&e).await;
        let (a, b) = (demo.sellers[0].id.clone(), demo.sellers[1].id.clone());
        // Five of A's, oldest first; the 2nd and 3rd were sent in the same millisecond.
        let mut sent = Vec::new();
        for (i, at) in [
            "2026-05-01T08:00:00.000Z",
            "2026-05-02T08:00:00.000Z",
            "2026-05-02T08:00:00.000Z",
            "2026-05-03T08:00:00.000Z",
            "2026-05-04T08:00:00.000Z",
        ]
        .into_iter()
        .enumerate()
        {
            sent.push(sent_at(&e, &format!("halaman-{i}"), &[&a], at).await);
        }
        // B's alone, newer than all of A's: its reference is no cursor for A.
        let b_only = sent_at(&e, "halaman-b", &[&b], "2026-05-05T08:00:00.000Z").await;
        let newest_first: Vec<&str> = sent.iter().rev().map(String::as_str).collect();
        s.update_part(answer(&a, &sent[3], Some(Quoted), None))
            .await
            .unwrap();
        s.mark_part_read(a.clone(), sent[4].clone()).await.unwrap();

        let page = |before: Option<&str>, limit: u32| InboxPage {
            status: None,
            before: before.map(Into::into),
            limit: Some(limit),
        };
        let mut walked = Vec::new();
        let mut before: Option<String> = None;
        let mut pages = 0;
        loop {
            let inbox = s
                .seller_inbox(a.clone(), page(before.as_deref(), 2))
                .await
                .unwrap();
            pages += 1;
            assert!(inbox.parts.len() <= 2, "{on}");
            // Answering marks a part read: two of A's five are read. The late arrival
            // (after page 1) is new and unread.
            let late = u32::from(pages > 1);
            assert_eq!(inbox.unread, 3 + late, "{on}: page {pages}");
            let expected: Vec<(InquiryStatus, u32)> = InquiryStatus::ALL
                .into_iter()
                .map(|st| match st {
                    New => (st, 4 + late),
                    Quoted => (st, 1),
                    _ => (st, 0),
                })
                .collect();
            assert_eq!(inbox.counts, expected, "{on}: page {pages}");
            walked.extend(refs(&inbox));
            if pages == 1 {
                // One arrives between the pages; it belongs to a fresh first page only.
                sent_at(&e, "halaman-baru", &[&a], "2026-05-06T08:00:00.000Z").await;
            }
            if !inbox.more {
                break;
            }
            before = inbox.parts.last().map(|p| p.reference.clone());
        }
        assert_eq!(walked, newest_first, "{on}: every part once, in order");
        assert_eq!(pages, 3, "{on}: 2 + 2 + 1");

        // A page exactly as long as what is left says no more follow.
        let last_two = s
            .seller_inbox(a.clone(), page(Some(newest_first[2]), 2))
            .await
            .unwrap();
        assert_eq!(refs(&last_two), &newest_first[3..], "{on}");
        assert!(!last_two.more, "{on}");

        // The filter and the cursor together.
        let new_only = s
            .seller_inbox(
                a.clone(),
                InboxPage {
                    status: Some(New),
                    before: Some(newest_first[0].into()),
                    limit: Some(10),
                },
            )
            .await
            .unwrap();
        assert_eq!(
            refs(&new_only),
            &newest_first[2..],
            "{on}: the quoted one left out"
        );

        // Someone else's reference, or none at all, is an empty page, not someone's data.
        for stranger in [b_only.as_str(), "PQ-1999-000001"] {
            let empty = s
                .seller_inbox(a.clone(), page(Some(stranger), 2))
                .await
                .unwrap();
            assert!(empty.parts.is_empty() && !empty.more, "{on}: {stranger}");
        }
        // No limit: the whole inbox (the CSV), the late arrival first.
        let all = s
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(all.parts.len(), 6, "{on}");
        assert!(!all.more, "{on}");
    }
}

/// `Ok(false)` only when the seller has no such part: marking a read part again is still
/// `Ok(true)` (the app opens an inquiry many times) and keeps the first reading.
#[tokio::test]
async fn mark_part_read_only_for_the_sellers_own_parts() {
    for e in engines().await {
        let on = e.name;
        let s = &e.store;
        let (reference, a, b) = two_seller_inquiry(&e).await;
        let c = etalase_model::demo_catalog().sellers[2].id.clone();
        assert!(
            !s.mark_part_read(a.clone(), "PQ-2026-999999".into())
                .await
                .unwrap(),
            "{on}: no such reference"
        );
        assert!(
            !s.mark_part_read(c.clone(), reference.clone())
                .await
                .unwrap(),
            "{on}: not C's inquiry"
        );
        assert!(
            s.mark_part_read(a.clone(), reference.clone())
                .await
                .unwrap(),
            "{on}"
        );
        assert!(
            s.mark_part_read(a.clone(), reference.clone())
                .await
                .unwrap(),
            "{on}: again"
        );
        let inbox = s
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(inbox.unread, 0, "{on}");
        assert!(inbox.parts[0].read, "{on}");
        assert_eq!(
            inbox.parts[0].status, "new",
            "{on}: reading answers nothing"
        );
        assert!(inbox.parts[0].events.is_empty(), "{on}");
        assert!(
            !s.seller_inbox(b, InboxPage::default()).await.unwrap().parts[0].read,
            "{on}"
        );
    }
}

#[tokio::test]
async fn update_part_follows_the_status_rules_and_refuses_without_writing() {
    for e in engines().await {
        let on = e.name;
        let s = &e.store;
        let (reference, a, _) = two_seller_inquiry(&e).await;

        assert_eq!(
            s.update_part(answer(&a, &reference, Some(Won), Some("deal?")))
                .await
                .unwrap(),
            UpdateOutcome::Illegal(IllegalTransition { from: New, to: Won }),
            "{on}"
        );
        let inbox = s
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap();
        assert_eq!(inbox.unread, 1, "{on}: a refused answer reads nothing");
        assert!(inbox.parts[0].events.is_empty(), "{on}");
        assert_eq!(inbox.parts[0].status, "new", "{on}");
        assert_eq!(
            s.update_part(answer(&a, "PQ-2026-999999", Some(Quoted), None))
                .await
                .unwrap(),
            UpdateOutcome::NotFound,
            "{on}"
        );

        // A status move without a reply is an event too, and marks the part read.
        let UpdateOutcome::Updated(part) = s
            .update_part(answer(&a, &reference, Some(Quoted), None))
            .await
            .unwrap()
        else {
            panic!("{on}")
        };
        assert_eq!(part.status, "quoted", "{on}");
        assert!(part.read, "{on}");
        let moved = &part.events[0];
        assert_eq!(
            (
                moved.from_status.as_deref(),
                moved.to_status.as_deref(),
                moved.reply.as_deref()
            ),
            (Some("new"), Some("quoted"), None),
            "{on}"
        );
        let UpdateOutcome::Updated(part) = s
            .update_part(answer(&a, &reference, Some(Won), None))
            .await
            .unwrap()
        else {
            panic!("{on}")
        };
        assert_eq!(part.status, "won", "{on}");
        assert_eq!(part.events.len(), 2, "{on}");
        assert_eq!(part.updated_at, part.events[1].at, "{on}");
        assert_eq!(
            s.update_part(answer(&a, &reference, Some(Closed), Some("tutup")))
                .await
                .unwrap(),
            UpdateOutcome::Illegal(IllegalTransition {
                from: Won,
                to: Closed
            }),
            "{on}: won is final"
        );
        assert_eq!(
            s.seller_inbox(a.clone(), InboxPage::only(Won))
                .await
                .unwrap()
                .parts[0]
                .events
                .len(),
            2,
            "{on}"
        );
    }
}

/// "Oldest first" is by the event's time: demo data backdates answers, and an answer
/// recorded later with an earlier time sorts before (SQLite orders by `at`, then insertion).
#[tokio::test]
async fn backdated_answers_keep_their_time_and_sort_oldest_first() {
    for e in engines().await {
        let on = e.name;
        let s = &e.store;
        let (reference, a, _) = two_seller_inquiry(&e).await;
        for (at, reply) in [
            ("2026-07-02T10:00:00.000Z", "kedua"),
            ("2026-07-01T10:00:00.000Z", "pertama"),
        ] {
            let update = PartUpdate {
                at: Some(at.into()),
                ..answer(&a, &reference, None, Some(reply))
            };
            assert!(
                matches!(
                    s.update_part(update).await.unwrap(),
                    UpdateOutcome::Updated(_)
                ),
                "{on}"
            );
        }
        let part = s
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap()
            .parts
            .remove(0);
        let events: Vec<_> = part
            .events
            .iter()
            .map(|ev| (ev.at.as_str(), ev.reply.as_deref()))
            .collect();
        assert_eq!(
            events,
            [
                ("2026-07-01T10:00:00.000Z", Some("pertama")),
                ("2026-07-02T10:00:00.000Z", Some("kedua")),
            ],
            "{on}"
        );
        assert_eq!(part.status, "replied", "{on}");
    }
}
