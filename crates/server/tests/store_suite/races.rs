//! Writes that race: the check and the write of each must be one, on every engine. SQLite
//! runs writes one at a time; an engine that runs transactions side by side (PostgreSQL at
//! READ COMMITTED) must lock or re-check to give the same answers, and answer a lost race
//! as the trait documents it (`Ok(false)`, `NotOwner`, `Illegal`, `None`), not as an error.

use etalase_model::inquiry::IllegalTransition;
use etalase_server::store::{NewMemberRecord, SaveOutcome, UpdateOutcome};

use super::*;

const N: usize = 8;

/// Runs `N` copies of a write at once (copy `i` built by `job(i)`), outcomes in copy order.
async fn at_once<T, F, Fut>(e: &Fresh, job: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(Arc<dyn Store>, usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let tasks: Vec<_> = (0..N)
        .map(|i| tokio::spawn(job(Arc::clone(&e.store), i)))
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    outcomes
}

/// The guarantee [`etalase_server::store::next_status`] documents: two answers at once
/// cannot both move the part from the same stage.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_at_once_move_a_part_once() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let a = demo.sellers[0].id.clone();
        let stored = e
            .store
            .create_inquiry(inquiry("balapan", &[&a]))
            .await
            .unwrap();
        let outcomes = at_once(&e, |store, i| {
            let update = answer(&a, &stored.reference, Some(InquiryStatus::Quoted), None);
            let update = PartUpdate {
                reply: Some(format!("harga {i}")),
                ..update
            };
            async move { store.update_part(update).await.unwrap() }
        })
        .await;
        let moved = outcomes
            .iter()
            .filter(|o| matches!(o, UpdateOutcome::Updated(_)))
            .count();
        assert_eq!(moved, 1, "{on}: {outcomes:?}");
        let refused = IllegalTransition {
            from: InquiryStatus::Quoted,
            to: InquiryStatus::Quoted,
        };
        assert!(
            outcomes
                .iter()
                .all(|o| matches!(o, UpdateOutcome::Updated(_))
                    || *o == UpdateOutcome::Illegal(refused)),
            "{on}: the others see the stored move: {outcomes:?}"
        );
        let part = e
            .store
            .seller_inbox(a.clone(), InboxPage::default())
            .await
            .unwrap()
            .parts
            .remove(0);
        assert_eq!(part.status, "quoted", "{on}");
        assert_eq!(part.events.len(), 1, "{on}: one event, the winner's");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_number_registered_at_once_gives_one_account() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        let outcomes = at_once(&e, |store, i| async move {
            let seller = new_seller(&format!("toko-{i}"), "Toko", "+6281299990001", "sepatin");
            store.create_account(seller, format!("hash-{i}")).await
        })
        .await;
        let created: Vec<usize> = (0..N)
            .filter(|&i| matches!(outcomes[i], Ok(true)))
            .collect();
        assert_eq!(created.len(), 1, "{on}: {outcomes:?}");
        assert!(
            outcomes.iter().all(Result::is_ok),
            "{on}: a lost race is Ok(false), not an error: {outcomes:?}"
        );
        let account = e
            .store
            .account_by_whatsapp("+6281299990001".into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(account.seller_id, format!("toko-{}", created[0]), "{on}");
        for i in 0..N {
            assert_eq!(
                e.store.seller(format!("toko-{i}")).await.unwrap().is_some(),
                i == created[0],
                "{on}: the losers wrote no seller"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_number_added_as_a_member_at_once_gives_one_member() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        add_sepatin_operator(&e, "+6281200000900").await;
        let outcomes = at_once(&e, |store, i| async move {
            store
                .add_member(NewMemberRecord {
                    seller: new_seller(
                        &format!("anggota-{i}"),
                        "Anggota",
                        "+6281299990001",
                        "sepatin",
                    ),
                    cooperative: "sepatin".into(),
                    added_by: OPERATOR.into(),
                    claim_token_hash: format!("claim-{i}"),
                })
                .await
        })
        .await;
        assert!(outcomes.iter().all(Result::is_ok), "{on}: {outcomes:?}");
        let added = outcomes.iter().filter(|o| matches!(o, Ok(true))).count();
        assert_eq!(added, 1, "{on}: {outcomes:?}");
        assert_eq!(
            e.store
                .cooperative_members("sepatin".into())
                .await
                .unwrap()
                .iter()
                .filter(|m| m.seller.whatsapp == "+6281299990001")
                .count(),
            1,
            "{on}: one member with the number"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_link_raced_works_once() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        add_sepatin_operator(&e, "+6281200000900").await;
        let ibu = new_seller("ibu-ani", "ibu Ani", "+6281299990001", "sepatin");
        e.store
            .add_member(NewMemberRecord {
                seller: ibu.clone(),
                cooperative: "sepatin".into(),
                added_by: OPERATOR.into(),
                claim_token_hash: "claim-ibu".into(),
            })
            .await
            .unwrap();
        let outcomes = at_once(&e, |store, i| async move {
            store
                .claim_member("claim-ibu".into(), format!("pw-{i}"))
                .await
        })
        .await;
        assert!(outcomes.iter().all(Result::is_ok), "{on}: {outcomes:?}");
        let won: Vec<usize> = (0..N)
            .filter(|&i| matches!(&outcomes[i], Ok(Some(id)) if *id == ibu.id))
            .collect();
        assert_eq!(won.len(), 1, "{on}: {outcomes:?}");
        assert_eq!(
            e.store
                .account_by_whatsapp(ibu.whatsapp.clone())
                .await
                .unwrap()
                .map(|a| a.password_hash),
            Some(format!("pw-{}", won[0])),
            "{on}: the winner's password"
        );
    }
}

/// Two sellers creating a listing under the same new id at once: one owns it, the other is
/// told `NotOwner`, and the stored document is the owner's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_listing_id_saved_by_sellers_at_once_has_one_owner() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let sellers: Vec<Seller> = demo.sellers[..N].to_vec();
        let outcomes = at_once(&e, |store, i| {
            let seller = sellers[i].clone();
            async move {
                let p = listing(
                    "rebutan",
                    &seller,
                    ListingStatus::Published,
                    day(2026, 1, 2),
                );
                store.save_listing(p, seller_actor(&seller)).await.unwrap()
            }
        })
        .await;
        let owners: Vec<usize> = (0..N)
            .filter(|&i| matches!(outcomes[i], SaveOutcome::Saved { previous: None, .. }))
            .collect();
        assert_eq!(owners.len(), 1, "{on}: {outcomes:?}");
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| **o == SaveOutcome::NotOwner)
                .count(),
            N - 1,
            "{on}: {outcomes:?}"
        );
        let owner = &sellers[owners[0]];
        let catalog = e.store.load_public_catalog().await.unwrap();
        let stored = catalog.products.iter().find(|p| p.id == "rebutan").unwrap();
        assert_eq!(stored.seller_id, owner.id, "{on}: the owner's document");
        for (i, s) in sellers.iter().enumerate() {
            let has = e
                .store
                .seller_listings(s.id.clone())
                .await
                .unwrap()
                .iter()
                .any(|p| p.id == "rebutan");
            assert_eq!(has, i == owners[0], "{on}: {}", s.id);
        }
    }
}
