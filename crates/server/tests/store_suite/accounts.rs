//! Seller accounts and sessions; staff accounts and sessions.

use etalase_model::cooperative::{StaffProfile, StaffRole};
use etalase_server::store::{Account, SessionRecord, StaffAccount, StaffSessionRecord};

use super::*;

#[tokio::test]
async fn create_account_refuses_a_taken_whatsapp_number() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        let first = new_seller("toko-ani", "Toko Ani", "+6281299990001", "sepatin");
        assert!(
            e.store
                .create_account(first.clone(), "hash-ani".into())
                .await
                .unwrap(),
            "{on}"
        );
        assert_eq!(
            e.store.seller(first.id.clone()).await.unwrap(),
            Some(first.clone()),
            "{on}: the seller document round-trips"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp(first.whatsapp.clone())
                .await
                .unwrap(),
            Some(Account {
                seller_id: first.id.clone(),
                password_hash: "hash-ani".into()
            }),
            "{on}"
        );

        let second = new_seller("toko-budi", "Toko Budi", &first.whatsapp, "tani-baru");
        assert!(
            !e.store
                .create_account(second.clone(), "hash-budi".into())
                .await
                .unwrap(),
            "{on}: number taken"
        );
        assert_eq!(
            e.store.seller(second.id.clone()).await.unwrap(),
            None,
            "{on}: nothing written"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp(first.whatsapp.clone())
                .await
                .unwrap()
                .map(|a| a.password_hash),
            Some("hash-ani".into()),
            "{on}: the first account stays"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp("+6281299999999".into())
                .await
                .unwrap(),
            None,
            "{on}"
        );
        assert_eq!(
            e.store.seller("tidak-ada".into()).await.unwrap(),
            None,
            "{on}"
        );
    }
}

#[tokio::test]
async fn attach_account_gives_an_existing_seller_one_sign_in() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (&demo.sellers[0], &demo.sellers[1]);
        assert!(
            e.store
                .attach_account(a.id.clone(), a.whatsapp.clone(), "hash-a".into())
                .await
                .unwrap(),
            "{on}"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp(a.whatsapp.clone())
                .await
                .unwrap(),
            Some(Account {
                seller_id: a.id.clone(),
                password_hash: "hash-a".into()
            }),
            "{on}"
        );
        assert!(
            !e.store
                .attach_account(a.id.clone(), "+6281299990009".into(), "hash-2".into())
                .await
                .unwrap(),
            "{on}: the seller already has an account"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp("+6281299990009".into())
                .await
                .unwrap(),
            None,
            "{on}: nothing written"
        );
        assert!(
            !e.store
                .attach_account(b.id.clone(), a.whatsapp.clone(), "hash-b".into())
                .await
                .unwrap(),
            "{on}: the number is taken"
        );
        assert!(
            e.store
                .attach_account(b.id.clone(), b.whatsapp.clone(), "hash-b".into())
                .await
                .unwrap(),
            "{on}: B may still have their own"
        );
    }
}

/// A session is valid while `now < expires_at`: at `expires_at` itself it is gone. The
/// trait says "unless it expired before `now`"; SQLite's boundary is pinned here so both
/// engines agree to the second.
#[tokio::test]
async fn a_session_is_found_until_it_expires_and_not_after_delete() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let seller = demo.sellers[0].id.clone();
        let record = SessionRecord {
            seller_id: seller.clone(),
            csrf_token: "csrf-1".into(),
            expires_at: 1_800_000_000,
        };
        e.store
            .create_session("hash-1".into(), record.clone())
            .await
            .unwrap();
        let other = SessionRecord {
            csrf_token: "csrf-2".into(),
            ..record.clone()
        };
        e.store
            .create_session("hash-2".into(), other.clone())
            .await
            .unwrap();

        let at = |hash: &str, now: i64| e.store.session(hash.to_string(), now);
        assert_eq!(
            at("hash-1", 1_700_000_000).await.unwrap(),
            Some(record.clone()),
            "{on}"
        );
        assert_eq!(
            at("hash-1", 1_799_999_999).await.unwrap(),
            Some(record),
            "{on}"
        );
        assert_eq!(
            at("hash-1", 1_800_000_000).await.unwrap(),
            None,
            "{on}: expired"
        );
        assert_eq!(
            at("hash-1", 1_900_000_000).await.unwrap(),
            None,
            "{on}: expired"
        );
        assert_eq!(at("unknown", 0).await.unwrap(), None, "{on}");

        e.store.delete_session("hash-1".into()).await.unwrap();
        assert_eq!(at("hash-1", 0).await.unwrap(), None, "{on}: deleted");
        assert_eq!(
            at("hash-2", 0).await.unwrap(),
            Some(other),
            "{on}: the seller's other session stays"
        );
        e.store.delete_session("hash-1".into()).await.unwrap();
    }
}

fn facilitator() -> StaffProfile {
    StaffProfile {
        id: "kpmd-1".into(),
        name: "Pak Fasilitator".into(),
        role: StaffRole::Facilitator,
        cooperative: None,
    }
}

#[tokio::test]
async fn staff_are_created_once_per_number_and_found_by_number_and_id() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        for (profile, number) in [
            (sepatin_operator(), "+6281299990001"),
            (facilitator(), "+6281299990002"),
        ] {
            assert!(
                e.store
                    .create_staff(profile.clone(), number.into(), format!("hash-{number}"))
                    .await
                    .unwrap(),
                "{on}: {profile:?}"
            );
            assert_eq!(
                e.store.staff(profile.id.clone()).await.unwrap(),
                Some(profile.clone()),
                "{on}"
            );
            assert_eq!(
                e.store.staff_by_whatsapp(number.into()).await.unwrap(),
                Some(StaffAccount {
                    profile,
                    password_hash: format!("hash-{number}"),
                    active: true,
                }),
                "{on}"
            );
        }
        let again = StaffProfile {
            id: "op-lain".into(),
            ..sepatin_operator()
        };
        assert!(
            !e.store
                .create_staff(again, "+6281299990001".into(), "hash".into())
                .await
                .unwrap(),
            "{on}: number taken"
        );
        assert_eq!(
            e.store.staff("op-lain".into()).await.unwrap(),
            None,
            "{on}: nothing written"
        );
        assert_eq!(
            e.store.staff("tidak-ada".into()).await.unwrap(),
            None,
            "{on}"
        );
        assert_eq!(
            e.store
                .staff_by_whatsapp("+6281299999999".into())
                .await
                .unwrap(),
            None,
            "{on}"
        );
    }
}

/// The same boundary as seller sessions: gone at `expires_at`.
#[tokio::test]
async fn a_staff_session_expires_and_is_deleted() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        e.store
            .create_staff(sepatin_operator(), "+6281299990001".into(), "hash".into())
            .await
            .unwrap();
        let record = StaffSessionRecord {
            staff_id: sepatin_operator().id,
            csrf_token: "csrf-staff".into(),
            expires_at: 1_800_000_000,
        };
        e.store
            .create_staff_session("staff-hash".into(), record.clone())
            .await
            .unwrap();
        let at = |now: i64| e.store.staff_session("staff-hash".into(), now);
        assert_eq!(at(1_799_999_999).await.unwrap(), Some(record), "{on}");
        assert_eq!(at(1_800_000_000).await.unwrap(), None, "{on}: expired");
        assert_eq!(
            e.store.session("staff-hash".into(), 0).await.unwrap(),
            None,
            "{on}: a staff session is no seller session"
        );
        e.store
            .delete_staff_session("staff-hash".into())
            .await
            .unwrap();
        assert_eq!(at(0).await.unwrap(), None, "{on}: deleted");
    }
}
