//! Cooperative memberships: members added by an operator, claims, consent, member lists.

use etalase_model::cooperative::Membership;
use etalase_server::store::NewMemberRecord;

use super::*;

/// Seeds the demo catalog and Sepatin's operator (members name who added them).
async fn with_operator(e: &Fresh) -> Catalog {
    let demo = seed_demo(e).await;
    add_sepatin_operator(e, "+6281200000900").await;
    demo
}

fn member(seller: &Seller, claim: &str) -> NewMemberRecord {
    NewMemberRecord {
        seller: seller.clone(),
        cooperative: seller.village_slug.clone(),
        added_by: OPERATOR.into(),
        claim_token_hash: claim.into(),
    }
}

#[tokio::test]
async fn add_member_refuses_a_number_a_seller_or_account_already_has() {
    for e in engines().await {
        let on = e.name;
        let demo = with_operator(&e).await;
        // A demo seller's number: a seller row, no account.
        let twin = new_seller("kembar", "Kembar", &demo.sellers[0].whatsapp, "sepatin");
        assert!(
            !e.store.add_member(member(&twin, "claim-1")).await.unwrap(),
            "{on}: a seller has the number"
        );
        // A registered seller's number.
        let registered = new_seller("toko-ani", "Toko Ani", "+6281299990001", "tani-baru");
        assert!(e
            .store
            .create_account(registered.clone(), "hash".into())
            .await
            .unwrap());
        let twin2 = new_seller("kembar-2", "Kembar", &registered.whatsapp, "sepatin");
        assert!(
            !e.store.add_member(member(&twin2, "claim-2")).await.unwrap(),
            "{on}: an account has the number"
        );
        for id in ["kembar", "kembar-2"] {
            assert_eq!(e.store.seller(id.into()).await.unwrap(), None, "{on}: {id}");
            assert_eq!(
                e.store.membership(id.into()).await.unwrap(),
                None,
                "{on}: {id}"
            );
        }

        let fresh = new_seller("anggota", "Anggota", "+6281299990002", "sepatin");
        assert!(
            e.store.add_member(member(&fresh, "claim-3")).await.unwrap(),
            "{on}"
        );
        assert_eq!(
            e.store.seller(fresh.id.clone()).await.unwrap(),
            Some(fresh.clone()),
            "{on}"
        );
        assert_eq!(
            e.store.membership(fresh.id.clone()).await.unwrap(),
            Some(Membership {
                cooperative: "sepatin".into(),
                operator_may_act: true,
                claimed: false
            }),
            "{on}: acted for until the member says otherwise"
        );
        let again = new_seller("anggota-2", "Anggota", &fresh.whatsapp, "sepatin");
        assert!(
            !e.store.add_member(member(&again, "claim-4")).await.unwrap(),
            "{on}: an unclaimed member's number too"
        );
    }
}

#[tokio::test]
async fn join_cooperative_is_idempotent_and_keeps_consent() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (&demo.sellers[0], &demo.sellers[2]);
        assert_eq!(
            e.store.membership(a.id.clone()).await.unwrap(),
            None,
            "{on}"
        );
        e.store
            .join_cooperative(vec![a.id.clone(), b.id.clone()])
            .await
            .unwrap();
        let expected = |cooperative: &str, operator_may_act: bool| {
            Some(Membership {
                cooperative: cooperative.into(),
                operator_may_act,
                claimed: false,
            })
        };
        assert_eq!(
            e.store.membership(a.id.clone()).await.unwrap(),
            expected(&a.village_slug, true),
            "{on}: their village's cooperative"
        );
        assert_eq!(
            e.store.membership(b.id.clone()).await.unwrap(),
            expected(&b.village_slug, true),
            "{on}"
        );

        assert!(e
            .store
            .set_operator_may_act(a.id.clone(), false)
            .await
            .unwrap());
        e.store
            .join_cooperative(vec![a.id.clone(), a.id.clone()])
            .await
            .unwrap();
        assert_eq!(
            e.store.membership(a.id.clone()).await.unwrap(),
            expected(&a.village_slug, false),
            "{on}: joining again changes nothing"
        );
        assert_eq!(
            e.store
                .cooperative_members(a.village_slug.clone())
                .await
                .unwrap()
                .iter()
                .filter(|m| m.seller.id == a.id)
                .count(),
            1,
            "{on}: one membership"
        );
    }
}

#[tokio::test]
async fn set_operator_may_act_only_for_members() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (&demo.sellers[0], &demo.sellers[1]);
        e.store.join_cooperative(vec![a.id.clone()]).await.unwrap();
        assert!(
            !e.store
                .set_operator_may_act(b.id.clone(), false)
                .await
                .unwrap(),
            "{on}: no member"
        );
        assert_eq!(
            e.store.membership(b.id.clone()).await.unwrap(),
            None,
            "{on}"
        );
        for allowed in [false, false, true] {
            assert!(
                e.store
                    .set_operator_may_act(a.id.clone(), allowed)
                    .await
                    .unwrap(),
                "{on}: a member, also when nothing changes"
            );
            assert_eq!(
                e.store
                    .membership(a.id.clone())
                    .await
                    .unwrap()
                    .map(|m| m.operator_may_act),
                Some(allowed),
                "{on}"
            );
        }
    }
}

/// "By name": case-insensitive, as SQLite sorts (Indonesian business names mix "UD …",
/// "KUB …" and lower-case personal names; the operator's list must not put every lower-case
/// name last).
#[tokio::test]
async fn cooperative_members_are_sorted_by_name_with_listing_counts() {
    for e in engines().await {
        let on = e.name;
        let demo = with_operator(&e).await;
        let sepatin: Vec<&Seller> = demo
            .sellers
            .iter()
            .filter(|s| s.village_slug == "sepatin")
            .collect();
        let elsewhere = demo
            .sellers
            .iter()
            .find(|s| s.village_slug != "sepatin")
            .unwrap();
        let mut ids: Vec<String> = sepatin.iter().map(|s| s.id.clone()).collect();
        ids.push(elsewhere.id.clone());
        e.store.join_cooperative(ids).await.unwrap();
        let ibu = new_seller("ibu-ani", "ibu Ani", "+6281299990001", "sepatin");
        assert!(e.store.add_member(member(&ibu, "claim-ibu")).await.unwrap());
        e.store
            .save_listing(
                listing("draf-ibu", &ibu, ListingStatus::Draft, day(2026, 1, 2)),
                seller_actor(&ibu),
            )
            .await
            .unwrap();
        e.store
            .set_operator_may_act(sepatin[0].id.clone(), false)
            .await
            .unwrap();

        let members = e.store.cooperative_members("sepatin".into()).await.unwrap();
        let names: Vec<&str> = members.iter().map(|m| m.seller.name.as_str()).collect();
        let mut expected: Vec<String> = sepatin.iter().map(|s| s.name.clone()).collect();
        expected.push(ibu.name.clone());
        expected.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, expected, "{on}: by name, ignoring case");
        assert!(
            names.first() == Some(&"ibu Ani"),
            "{on}: the lower-case name first: {names:?}"
        );

        for m in &members {
            let (listings, published) = if m.seller.id == ibu.id {
                (1, 0)
            } else {
                let own: Vec<_> = demo
                    .products
                    .iter()
                    .filter(|p| p.seller_id == m.seller.id)
                    .collect();
                let published = own
                    .iter()
                    .filter(|p| p.status == ListingStatus::Published)
                    .count();
                (own.len() as u32, published as u32)
            };
            assert_eq!(
                (m.listings, m.published),
                (listings, published),
                "{on}: {}",
                m.seller.id
            );
            assert_eq!(m.membership.cooperative, "sepatin", "{on}");
            assert_eq!(
                m.membership.operator_may_act,
                m.seller.id != sepatin[0].id,
                "{on}: {}",
                m.seller.id
            );
            assert!(!m.membership.claimed, "{on}");
        }
        assert!(
            members.iter().any(|m| m.listings > 1),
            "the demo gives some member several listings"
        );
        assert!(
            e.store
                .cooperative_members("atlantis".into())
                .await
                .unwrap()
                .is_empty(),
            "{on}"
        );
    }
}

#[tokio::test]
async fn a_claim_link_works_once() {
    for e in engines().await {
        let on = e.name;
        with_operator(&e).await;
        let ibu = new_seller("ibu-ani", "ibu Ani", "+6281299990001", "sepatin");
        assert!(e.store.add_member(member(&ibu, "claim-ibu")).await.unwrap());
        assert_eq!(
            e.store
                .account_by_whatsapp(ibu.whatsapp.clone())
                .await
                .unwrap(),
            None,
            "{on}: no account before the claim"
        );
        assert_eq!(
            e.store
                .claim_member("claim-lain".into(), "pw".into())
                .await
                .unwrap(),
            None,
            "{on}: unknown token"
        );
        assert_eq!(
            e.store
                .claim_member("claim-ibu".into(), "pw-ibu".into())
                .await
                .unwrap(),
            Some(ibu.id.clone()),
            "{on}"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp(ibu.whatsapp.clone())
                .await
                .unwrap(),
            Some(etalase_server::store::Account {
                seller_id: ibu.id.clone(),
                password_hash: "pw-ibu".into()
            }),
            "{on}: signs in with the member's number"
        );
        assert_eq!(
            e.store.membership(ibu.id.clone()).await.unwrap(),
            Some(Membership {
                cooperative: "sepatin".into(),
                operator_may_act: true,
                claimed: true
            }),
            "{on}"
        );
        assert_eq!(
            e.store
                .claim_member("claim-ibu".into(), "pw-lain".into())
                .await
                .unwrap(),
            None,
            "{on}: used"
        );
        assert_eq!(
            e.store
                .account_by_whatsapp(ibu.whatsapp.clone())
                .await
                .unwrap()
                .map(|a| a.password_hash),
            Some("pw-ibu".into()),
            "{on}: the second claim changed nothing"
        );
    }
}
