//! A seller's listings, their history, and uploaded photos.

use std::time::Duration;

use etalase_model::cooperative::{ActorKind, ListingChange};
use etalase_server::store::{SaveOutcome, UploadRecord};

use super::*;

/// Long enough for any engine's clock to tell two saves apart.
const TICK: Duration = Duration::from_millis(15);

/// A seller of their own, with no listings yet.
async fn fresh_seller(e: &Fresh, id: &str, number: &str) -> Seller {
    let seller = new_seller(id, &format!("Toko {id}"), number, "sepatin");
    assert!(e
        .store
        .create_account(seller.clone(), "hash".into())
        .await
        .unwrap());
    seller
}

/// "Newest change first": a resave moves a listing to the top.
#[tokio::test]
async fn seller_listings_show_the_most_recent_change_first() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        let s = fresh_seller(&e, "toko-ani", "+6281299990001").await;
        assert!(
            e.store
                .seller_listings(s.id.clone())
                .await
                .unwrap()
                .is_empty(),
            "{on}"
        );
        let ids = || async {
            e.store
                .seller_listings(s.id.clone())
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        };
        for id in ["x", "y", "z"] {
            let p = listing(id, &s, ListingStatus::Draft, day(2026, 1, 2));
            e.store.save_listing(p, seller_actor(&s)).await.unwrap();
            tokio::time::sleep(TICK).await;
        }
        assert_eq!(ids().await, ["z", "y", "x"], "{on}");
        let y = listing("y", &s, ListingStatus::Published, day(2026, 1, 2));
        e.store.save_listing(y, seller_actor(&s)).await.unwrap();
        assert_eq!(ids().await, ["y", "z", "x"], "{on}: resaved to the top");
        let listings = e.store.seller_listings(s.id.clone()).await.unwrap();
        assert_eq!(listings[0].status, ListingStatus::Published, "{on}");
        assert!(
            listings.iter().all(|p| p.seller_id == s.id),
            "{on}: drafts included, nobody else's"
        );
    }
}

#[tokio::test]
async fn save_listing_reports_the_previous_status_and_keeps_the_creation_day() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        let s = fresh_seller(&e, "toko-ani", "+6281299990001").await;
        let first = listing("x", &s, ListingStatus::Draft, day(2026, 1, 2));
        assert_eq!(
            e.store
                .save_listing(first.clone(), seller_actor(&s))
                .await
                .unwrap(),
            SaveOutcome::Saved {
                previous: None,
                created: day(2026, 1, 2)
            },
            "{on}: new"
        );
        let mut edited = listing("x", &s, ListingStatus::Published, day(2026, 5, 5));
        edited.name_id = "Nama baru".into();
        assert_eq!(
            e.store
                .save_listing(edited.clone(), seller_actor(&s))
                .await
                .unwrap(),
            SaveOutcome::Saved {
                previous: Some(ListingStatus::Draft),
                created: day(2026, 1, 2)
            },
            "{on}: the first save's day stays"
        );
        let stored = e.store.seller_listings(s.id.clone()).await.unwrap();
        assert_eq!(
            stored,
            [Product {
                created: day(2026, 1, 2),
                ..edited.clone()
            }],
            "{on}: stored with the kept day, the rest replaced"
        );
        let hidden = Product {
            status: ListingStatus::Unpublished,
            ..edited
        };
        assert!(
            matches!(
                e.store
                    .save_listing(hidden, seller_actor(&s))
                    .await
                    .unwrap(),
                SaveOutcome::Saved {
                    previous: Some(ListingStatus::Published),
                    ..
                }
            ),
            "{on}"
        );
    }
}

#[tokio::test]
async fn save_listing_refuses_another_sellers_listing_id() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        let owner = fresh_seller(&e, "toko-ani", "+6281299990001").await;
        let thief = fresh_seller(&e, "toko-budi", "+6281299990002").await;
        let mine = listing("x", &owner, ListingStatus::Published, day(2026, 1, 2));
        e.store
            .save_listing(mine.clone(), seller_actor(&owner))
            .await
            .unwrap();
        let mut theirs = listing("x", &thief, ListingStatus::Draft, day(2026, 2, 2));
        theirs.name_id = "Punya saya".into();
        assert_eq!(
            e.store
                .save_listing(theirs, seller_actor(&thief))
                .await
                .unwrap(),
            SaveOutcome::NotOwner,
            "{on}"
        );
        assert_eq!(
            e.store.seller_listings(owner.id.clone()).await.unwrap(),
            [mine],
            "{on}: unchanged"
        );
        assert!(
            e.store
                .seller_listings(thief.id.clone())
                .await
                .unwrap()
                .is_empty(),
            "{on}"
        );
        assert_eq!(
            e.store
                .listing_history(owner.id.clone(), "x".into())
                .await
                .unwrap()
                .len(),
            1,
            "{on}: no history entry for the refused save"
        );
    }
}

#[tokio::test]
async fn listing_history_records_each_save_with_its_actor_in_order() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        let s = fresh_seller(&e, "toko-ani", "+6281299990001").await;
        let operator = Actor {
            kind: ActorKind::Operator,
            id: "op-sepatin".into(),
            name: "Bu Operator".into(),
        };
        let saves = [
            (ListingStatus::Draft, seller_actor(&s)),
            (ListingStatus::Published, operator.clone()),
            (ListingStatus::Unpublished, seller_actor(&s)),
        ];
        for (status, actor) in saves.clone() {
            let p = listing("x", &s, status, day(2026, 1, 2));
            e.store.save_listing(p, actor).await.unwrap();
        }
        let history = e
            .store
            .listing_history(s.id.clone(), "x".into())
            .await
            .unwrap();
        let seen: Vec<_> = history
            .iter()
            .map(|c| (c.status, c.actor, c.actor_name.clone()))
            .collect();
        let expected: Vec<_> = saves
            .iter()
            .map(|(status, actor)| (*status, actor.kind, actor.name.clone()))
            .collect();
        assert_eq!(seen, expected, "{on}: oldest first");
        assert!(
            history.iter().all(|c: &ListingChange| is_utc_millis(&c.at)),
            "{on}: {history:?}"
        );
        assert!(
            history.windows(2).all(|w| w[0].at <= w[1].at),
            "{on}: {history:?}"
        );

        assert!(
            e.store
                .listing_history("toko-budi".into(), "x".into())
                .await
                .unwrap()
                .is_empty(),
            "{on}: empty for anyone but the owner"
        );
        assert!(
            e.store
                .listing_history(s.id.clone(), "tidak-ada".into())
                .await
                .unwrap()
                .is_empty(),
            "{on}"
        );
    }
}

/// Verdicts come in no documented order; they are compared sorted.
#[tokio::test]
async fn uploads_are_recorded_once_per_content_hash() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        assert!(e.store.photo_verdicts().await.unwrap().is_empty(), "{on}");
        let upload = |sha: char, good_photo: Option<bool>| UploadRecord {
            sha256: sha.to_string().repeat(64),
            seller_id: demo.sellers[0].id.clone(),
            bytes: 123_456,
            width: 1600,
            height: 1200,
            good_photo,
        };
        e.store
            .record_upload(upload('a', Some(true)))
            .await
            .unwrap();
        e.store
            .record_upload(upload('b', Some(false)))
            .await
            .unwrap();
        e.store.record_upload(upload('c', None)).await.unwrap();
        // The same bytes again (from another seller, with another verdict): a no-op.
        let again = UploadRecord {
            seller_id: demo.sellers[1].id.clone(),
            ..upload('a', Some(false))
        };
        e.store.record_upload(again).await.unwrap();
        e.store
            .record_upload(upload('c', Some(true)))
            .await
            .unwrap();

        let mut verdicts = e.store.photo_verdicts().await.unwrap();
        verdicts.sort();
        assert_eq!(
            verdicts,
            [("a".repeat(64), true), ("b".repeat(64), false)],
            "{on}: the first record stands; unmeasured photos have no verdict"
        );
    }
}
