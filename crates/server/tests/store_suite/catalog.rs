//! Health, the seeded catalog, villages and what buyers see.

use etalase_model::ListingStatus;
use etalase_server::store::NewMemberRecord;

use super::*;

#[tokio::test]
async fn health_answers_with_a_migrated_schema() {
    for e in engines().await {
        let health = e.store.health().await.unwrap();
        // The engine names itself; versions count each engine's own migrations.
        assert!(!health.engine.is_empty(), "{}", e.name);
        assert!(health.schema_version > 0, "{}: {health:?}", e.name);
    }
}

/// The public catalog's products keep the seed order ("a stable order" in the trait;
/// SQLite's is insertion order, and the snapshot's version hash depends on it).
#[tokio::test]
async fn seeds_once_and_loads_only_published_products() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        assert!(
            !e.store.seed_catalog_if_empty(demo.clone()).await.unwrap(),
            "{on}: second seed is a no-op"
        );
        let loaded = e.store.load_public_catalog().await.unwrap();
        let published: Vec<_> = demo
            .products
            .iter()
            .filter(|p| p.status == ListingStatus::Published)
            .cloned()
            .collect();
        assert!(
            published.len() < demo.products.len(),
            "demo has drafts to hide"
        );
        assert_eq!(
            loaded.products, published,
            "{on}: published documents round-trip unchanged, in seed order"
        );

        let mut villages = loaded.villages.clone();
        villages.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut expected = demo.villages.clone();
        expected.sort_by(|a, b| a.slug.cmp(&b.slug));
        assert_eq!(villages, expected, "{on}: every village");

        let mut ids: Vec<_> = loaded.sellers.iter().map(|s| s.id.clone()).collect();
        ids.sort();
        let mut expected: Vec<_> = demo.sellers.iter().map(|s| s.id.clone()).collect();
        expected.sort();
        assert_eq!(ids, expected, "{on}: every seller, drafts' sellers too");

        let mut partners = loaded.partners.clone();
        partners.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut expected = demo.partners.clone();
        expected.sort_by(|a, b| a.slug.cmp(&b.slug));
        assert_eq!(partners, expected, "{on}");
        assert_eq!(
            loaded.partnerships, demo.partnerships,
            "{on}: partnerships round-trip in order"
        );
        assert_eq!(loaded.version, "", "{on}: left for the snapshot");
        assert_eq!(loaded.fx, None, "{on}: left for the snapshot");
    }
}

#[tokio::test]
async fn a_partnership_naming_an_unknown_village_is_refused() {
    for e in engines().await {
        let on = e.name;
        let mut demo = etalase_model::demo_catalog();
        demo.partnerships[0].village_slugs.push("atlantis".into());
        assert!(e.store.seed_catalog_if_empty(demo).await.is_err(), "{on}");
        // The failed seed left nothing behind, not even the villages written before the
        // partnership: one transaction.
        assert!(
            !e.store.village_exists("sepatin".into()).await.unwrap(),
            "{on}: rolled back"
        );
        assert!(
            e.store
                .seed_catalog_if_empty(etalase_model::demo_catalog())
                .await
                .unwrap(),
            "{on}: a consistent catalog still seeds"
        );
    }
}

#[tokio::test]
async fn village_exists_only_for_catalog_villages() {
    for e in engines().await {
        let on = e.name;
        assert!(
            !e.store.village_exists("sepatin".into()).await.unwrap(),
            "{on}: empty store"
        );
        seed_demo(&e).await;
        assert!(
            e.store.village_exists("sepatin".into()).await.unwrap(),
            "{on}"
        );
        assert!(
            e.store.village_exists("jantur-baru".into()).await.unwrap(),
            "{on}: a village without sellers"
        );
        assert!(
            !e.store.village_exists("atlantis".into()).await.unwrap(),
            "{on}"
        );
        assert!(
            !e.store.village_exists("Sepatin".into()).await.unwrap(),
            "{on}: slugs are exact"
        );
    }
}

/// Whom a seller sells through is the memberships' to say: the stored seller document's
/// `cooperative` is ignored, a membership names its village's cooperative.
#[tokio::test]
async fn the_public_catalog_names_the_cooperative_from_memberships() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let (a, b) = (&demo.sellers[0], &demo.sellers[1]);
        assert!(
            a.cooperative.is_some() && b.cooperative.is_some(),
            "demo documents name one"
        );
        let via = |catalog: &etalase_model::Catalog, id: &str| {
            catalog
                .sellers
                .iter()
                .find(|s| s.id == id)
                .unwrap_or_else(|| panic!("{on}: seller {id} listed"))
                .cooperative
                .clone()
        };
        let loaded = e.store.load_public_catalog().await.unwrap();
        assert!(
            loaded.sellers.iter().all(|s| s.cooperative.is_none()),
            "{on}: no memberships yet"
        );

        e.store.join_cooperative(vec![a.id.clone()]).await.unwrap();
        add_sepatin_operator(&e, "+6281299990001").await;
        let member = new_seller("anggota-baru", "Anggota Baru", "+6281299990002", "sepatin");
        assert!(e
            .store
            .add_member(NewMemberRecord {
                seller: member.clone(),
                cooperative: "sepatin".into(),
                added_by: OPERATOR.into(),
                claim_token_hash: "claim-1".into(),
            })
            .await
            .unwrap());

        let loaded = e.store.load_public_catalog().await.unwrap();
        let sepatin = "Koperasi Desa Merah Putih Sepatin".to_string();
        assert_eq!(via(&loaded, &a.id), Some(sepatin.clone()), "{on}: joined");
        assert_eq!(
            via(&loaded, &member.id),
            Some(sepatin),
            "{on}: added member"
        );
        assert_eq!(
            via(&loaded, &b.id),
            None,
            "{on}: the document alone says nothing"
        );
        assert_eq!(loaded.sellers.len(), demo.sellers.len() + 1, "{on}");
    }
}

#[tokio::test]
async fn a_published_listing_joins_the_public_catalog_and_leaves_when_unpublished() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let seller = &demo.sellers[0];
        let fresh = listing("baru-1", seller, ListingStatus::Published, day(2026, 3, 1));
        e.store
            .save_listing(fresh.clone(), seller_actor(seller))
            .await
            .unwrap();
        let loaded = e.store.load_public_catalog().await.unwrap();
        assert!(loaded.products.contains(&fresh), "{on}: published");

        let hidden = Product {
            status: ListingStatus::Unpublished,
            ..fresh.clone()
        };
        e.store
            .save_listing(hidden, seller_actor(seller))
            .await
            .unwrap();
        let loaded = e.store.load_public_catalog().await.unwrap();
        assert!(
            loaded.products.iter().all(|p| p.id != fresh.id),
            "{on}: unpublished"
        );
    }
}

/// The gazetteer's villages come in at every start: a village the store has (a demo story,
/// a district's edit) is kept as it is, a new one is added, and a second run adds nothing.
#[tokio::test]
async fn missing_villages_are_added_and_known_ones_kept() {
    for e in engines().await {
        let on = e.name;
        let demo = seed_demo(&e).await;
        let known = demo.villages[0].clone();
        let mut plain = known.clone();
        plain.description_id = "dari gazetteer".into();
        // The same village by another slug (a wider region lengthens a namesake's).
        let mut renamed = known.clone();
        renamed.slug = format!("{}-kutai-kartanegara", known.slug);
        assert!(known.code.is_some(), "demo villages carry their code");
        let mut new = known.clone();
        new.slug = "desa-baru-uji".into();
        new.name = "Desa Baru Uji".into();
        new.code = Some("64.02.99.2999".into());
        let added = e
            .store
            .add_missing_villages(vec![plain, renamed, new.clone()])
            .await
            .unwrap();
        assert_eq!(added, 1, "{on}");
        let loaded = e.store.load_public_catalog().await.unwrap();
        let kept = loaded.villages.iter().find(|v| v.slug == known.slug);
        assert_eq!(kept, Some(&known), "{on}: the known village is untouched");
        assert!(loaded.villages.contains(&new), "{on}");
        assert_eq!(
            e.store.add_missing_villages(vec![new]).await.unwrap(),
            0,
            "{on}"
        );
        assert!(
            e.store
                .village_exists("desa-baru-uji".into())
                .await
                .unwrap(),
            "{on}"
        );
    }
}

/// On an empty database the gazetteer comes first and the demo seed then tells its
/// villages' stories over the plain rows.
#[tokio::test]
async fn the_demo_seed_overlays_villages_added_before_it() {
    for e in engines().await {
        let on = e.name;
        let demo = etalase_model::demo_catalog();
        let mut plain = demo.villages[0].clone();
        plain.description_id = String::new();
        assert_eq!(
            e.store.add_missing_villages(vec![plain]).await.unwrap(),
            1,
            "{on}"
        );
        assert!(
            e.store.seed_catalog_if_empty(demo.clone()).await.unwrap(),
            "{on}"
        );
        let loaded = e.store.load_public_catalog().await.unwrap();
        let village = loaded
            .villages
            .iter()
            .find(|v| v.slug == demo.villages[0].slug);
        assert_eq!(village, Some(&demo.villages[0]), "{on}");
    }
}
