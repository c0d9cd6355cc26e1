//! Partners and partnerships recorded by staff: saved by slug or id (an edit keeps the
//! partnership's place and replaces its villages), refused whole when a partner or village
//! is unknown, ended with a year, and every change in the audit log.

use etalase_model::moderation::{AuditAction, AuditEntry};
use etalase_model::rules::Rule;
use etalase_model::{Partner, PartnerKind, Partnership, PartnershipStatus, ProgrammeKind};
use etalase_server::store::{AuditActor, PartnershipRefusal};

use super::*;

fn by() -> AuditActor {
    AuditActor {
        id: "fasilitator-kukar".into(),
        name: "Pak Fasilitator".into(),
    }
}

async fn with_facilitator(e: &Fresh) -> Catalog {
    let demo = seed_demo(e).await;
    let staff = StaffProfile {
        id: "fasilitator-kukar".into(),
        name: "Pak Fasilitator".into(),
        role: StaffRole::Facilitator,
        cooperative: None,
    };
    assert!(e
        .store
        .create_staff(staff, "+6281200000901".into(), "hash".into())
        .await
        .unwrap());
    demo
}

fn mining_company() -> Partner {
    Partner {
        slug: "pt-contoh-tambang-kaltim".into(),
        name: "PT Contoh Tambang Kaltim".into(),
        kind: PartnerKind::Company,
        website: Some("https://contoh-tambang.example.co.id".into()),
        demo: false,
    }
}

fn csr_programme() -> Partnership {
    Partnership {
        id: "pt-contoh-tambang-kaltim-umkm-2025".into(),
        partner_slug: "pt-contoh-tambang-kaltim".into(),
        village_slugs: vec!["sepatin".into(), "tani-baru".into(), "lung-anai".into()],
        programme: ProgrammeKind::UmkmCoaching,
        detail_id: "Pendampingan pembukuan dan pemasaran daring.".into(),
        detail_en: "Coaching in bookkeeping and selling online.".into(),
        start_year: 2025,
        status: PartnershipStatus::MouSigned,
        mou_date: Some(Date::new(2025, 3, 14).unwrap()),
        end_year: Some(2027),
    }
}

async fn log(e: &Fresh) -> Vec<AuditEntry> {
    e.store.audit_log(20).await.unwrap()
}

#[tokio::test]
async fn staff_record_a_partner_and_a_partnership_that_buyers_then_see() {
    for e in engines().await {
        let on = e.name;
        let demo = with_facilitator(&e).await;

        let saved = e.store.save_partner(mining_company(), by()).await.unwrap();
        assert_eq!(saved, mining_company(), "{on}");
        let ship = e
            .store
            .save_partnership(csr_programme(), by())
            .await
            .unwrap()
            .expect("known partner and villages");
        assert_eq!(ship, csr_programme(), "{on}");

        let catalog = e.store.load_public_catalog().await.unwrap();
        assert_eq!(
            catalog.partner(&saved.slug),
            Some(&mining_company()),
            "{on}"
        );
        assert_eq!(
            catalog.partnerships.last(),
            Some(&csr_programme()),
            "{on}: a new partnership comes after the others"
        );
        assert_eq!(catalog.partnerships.len(), demo.partnerships.len() + 1);
        assert!(catalog.backed_village_slugs().contains("sepatin"), "{on}");
        assert_eq!(catalog.integrity_problems(), Vec::<String>::new(), "{on}");

        // An edit: one village fewer, running, no English. Same place, villages replaced.
        let edited = Partnership {
            village_slugs: vec!["sepatin".into(), "tani-baru".into()],
            status: PartnershipStatus::Running,
            detail_en: String::new(),
            ..csr_programme()
        };
        e.store
            .save_partnership(edited.clone(), by())
            .await
            .unwrap()
            .unwrap();
        // A demo partnership edited keeps its place among the others too.
        let first = Partnership {
            status: PartnershipStatus::Running,
            ..demo.partnerships[0].clone()
        };
        e.store
            .save_partnership(first.clone(), by())
            .await
            .unwrap()
            .unwrap();
        let catalog = e.store.load_public_catalog().await.unwrap();
        assert_eq!(catalog.partnerships[0], first, "{on}");
        assert_eq!(catalog.partnerships.last(), Some(&edited), "{on}");
        assert_eq!(catalog.partnerships.len(), demo.partnerships.len() + 1);
        assert_eq!(
            catalog.partnerships_of_village("lung-anai").count(),
            demo.partnerships_of_village("lung-anai").count(),
            "{on}: Lung Anai is no longer in the edited one"
        );

        // Editing a demo partner keeps it marked as demo data; a new one is real.
        let baznas = demo.partner("baznas-kukar").unwrap().clone();
        let renamed = Partner {
            name: "Baznas Kabupaten Kutai Kartanegara".into(),
            website: Some("https://baznas.go.id".into()),
            demo: false,
            ..baznas.clone()
        };
        let stored = e.store.save_partner(renamed, by()).await.unwrap();
        assert!(stored.demo, "{on}");
        let catalog = e.store.load_public_catalog().await.unwrap();
        assert_eq!(
            catalog.partner("baznas-kukar").unwrap().name,
            "Baznas Kabupaten Kutai Kartanegara"
        );

        let entries = log(&e).await;
        let summary: Vec<(AuditAction, &str)> = entries
            .iter()
            .map(|a| (a.action, a.subject.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (AuditAction::PartnerSaved, "baznas-kukar"),
                (AuditAction::PartnershipSaved, first.id.as_str()),
                (AuditAction::PartnershipSaved, edited.id.as_str()),
                (AuditAction::PartnershipSaved, edited.id.as_str()),
                (AuditAction::PartnerSaved, "pt-contoh-tambang-kaltim"),
            ],
            "{on}"
        );
        assert!(entries
            .iter()
            .all(|a| a.actor_id == "fasilitator-kukar" && a.actor_name == "Pak Fasilitator"));
        assert_eq!(
            entries[4].detail,
            "created: PT Contoh Tambang Kaltim (company), https://contoh-tambang.example.co.id",
            "{on}"
        );
        assert_eq!(
            entries[3].detail,
            "created: pt-contoh-tambang-kaltim umkm-coaching mou-signed 2025–2027, \
             MoU 2025-03-14; villages sepatin, tani-baru, lung-anai",
            "{on}"
        );
        assert!(entries[2].detail.starts_with("updated: "), "{on}");
        assert!(entries[2].detail.ends_with("villages sepatin, tani-baru"));
        assert!(entries[0].detail.starts_with("updated: Baznas Kabupaten"));
    }
}

#[tokio::test]
async fn an_unknown_partner_or_village_stores_nothing() {
    for e in engines().await {
        let on = e.name;
        with_facilitator(&e).await;
        let before = e.store.load_public_catalog().await.unwrap();

        let outcome = e
            .store
            .save_partnership(csr_programme(), by())
            .await
            .unwrap();
        assert_eq!(outcome, Err(PartnershipRefusal::UnknownPartner), "{on}");

        e.store.save_partner(mining_company(), by()).await.unwrap();
        let with_partner = e.store.load_public_catalog().await.unwrap();
        let ghost_towns = Partnership {
            village_slugs: vec![
                "sepatin".into(),
                "atlantis".into(),
                "tani-baru".into(),
                "el-dorado".into(),
            ],
            ..csr_programme()
        };
        let outcome = e.store.save_partnership(ghost_towns, by()).await.unwrap();
        assert_eq!(
            outcome,
            Err(PartnershipRefusal::UnknownVillages(vec![
                "atlantis".into(),
                "el-dorado".into()
            ])),
            "{on}"
        );
        // An edit of a known partnership naming an unknown village leaves it as it was.
        let demo_ship = before.partnerships[1].clone();
        let outcome = e
            .store
            .save_partnership(
                Partnership {
                    village_slugs: vec!["atlantis".into()],
                    ..demo_ship.clone()
                },
                by(),
            )
            .await
            .unwrap();
        assert!(outcome.is_err(), "{on}");

        let after = e.store.load_public_catalog().await.unwrap();
        assert_eq!(after.partnerships, before.partnerships, "{on}");
        assert_eq!(after.partnerships, with_partner.partnerships, "{on}");
        let actions: Vec<AuditAction> = log(&e).await.iter().map(|a| a.action).collect();
        assert_eq!(
            actions,
            [AuditAction::PartnerSaved],
            "{on}: refusals leave no row"
        );
    }
}

#[tokio::test]
async fn ending_a_partnership_finishes_it_in_a_year_not_before_its_start() {
    for e in engines().await {
        let on = e.name;
        with_facilitator(&e).await;
        e.store.save_partner(mining_company(), by()).await.unwrap();
        let open_ended = Partnership {
            end_year: None,
            status: PartnershipStatus::Running,
            ..csr_programme()
        };
        e.store
            .save_partnership(open_ended.clone(), by())
            .await
            .unwrap()
            .unwrap();

        let outcome = e
            .store
            .end_partnership(open_ended.id.clone(), 2024, by())
            .await
            .unwrap();
        let Err(PartnershipRefusal::Invalid(fields)) = outcome else {
            panic!("{on}: ending before the start is refused, got {outcome:?}");
        };
        assert_eq!(fields.len(), 1);
        assert_eq!(
            (fields[0].field.as_str(), &fields[0].rule),
            ("end_year", &Rule::EndBeforeStart)
        );
        let catalog = e.store.load_public_catalog().await.unwrap();
        assert_eq!(catalog.partnerships.last(), Some(&open_ended), "{on}");

        let ended = e
            .store
            .end_partnership(open_ended.id.clone(), 2026, by())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            ended,
            Partnership {
                status: PartnershipStatus::Finished,
                end_year: Some(2026),
                ..open_ended.clone()
            },
            "{on}"
        );
        let catalog = e.store.load_public_catalog().await.unwrap();
        assert_eq!(catalog.partnerships.last(), Some(&ended), "{on}");
        // Sepatin had no other partnership: it is no longer backed, but keeps the history.
        assert!(!catalog.backed_village_slugs().contains("sepatin"), "{on}");
        assert_eq!(catalog.partnerships_of_village("sepatin").count(), 1);

        // A demo partnership (no end year, no MoU date) can be ended too.
        let demo_id = catalog.partnerships[0].id.clone();
        let demo_ended = e
            .store
            .end_partnership(demo_id.clone(), 2026, by())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(demo_ended.status, PartnershipStatus::Finished, "{on}");

        assert_eq!(
            e.store
                .end_partnership("no-such-partnership".into(), 2026, by())
                .await
                .unwrap(),
            Err(PartnershipRefusal::NotFound),
            "{on}"
        );
        let entries = log(&e).await;
        assert_eq!(entries[0].action, AuditAction::PartnershipEnded, "{on}");
        assert_eq!(entries[0].subject, demo_id);
        assert_eq!(entries[1].action, AuditAction::PartnershipEnded);
        assert_eq!(entries[1].detail, "running → finished, 2025–2026", "{on}");
        assert_eq!(entries[2].action, AuditAction::PartnershipSaved, "{on}");
    }
}
