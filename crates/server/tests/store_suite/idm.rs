//! IDM figures per village and year: imports replace their years, and each village's
//! published status is its latest year's.

use etalase_model::idm::IdmRecord;
use etalase_model::moderation::AuditAction;
use etalase_model::IdmStatus;
use etalase_server::store::AuditActor;

use super::*;

fn by() -> AuditActor {
    AuditActor {
        id: "admin-dpmd".into(),
        name: "Bu Admin".into(),
    }
}

async fn with_admin(e: &Fresh) -> Catalog {
    let demo = seed_demo(e).await;
    let admin = StaffProfile {
        id: "admin-dpmd".into(),
        name: "Bu Admin".into(),
        role: StaffRole::Admin,
        cooperative: None,
    };
    assert!(e
        .store
        .create_staff(admin, "+6281200000902".into(), "hash".into())
        .await
        .unwrap());
    demo
}

fn record(code: &str, year: u16, iks: f32) -> IdmRecord {
    IdmRecord::from_indices(code.into(), year, iks, 0.6, 0.6)
}

async fn published(e: &Fresh, code: &str) -> (Option<IdmStatus>, Option<f32>) {
    let catalog = e.store.load_public_catalog().await.unwrap();
    let v = catalog
        .villages
        .iter()
        .find(|v| v.code.as_deref() == Some(code))
        .unwrap();
    (v.idm_status, v.idm_score)
}

#[tokio::test]
async fn imports_replace_their_years_and_villages_show_the_latest() {
    for e in engines().await {
        let on = e.name;
        let demo = with_admin(&e).await;
        let codes: Vec<String> = demo
            .villages
            .iter()
            .filter_map(|v| v.code.clone())
            .take(2)
            .collect();
        let (a, b) = (&codes[0], &codes[1]);

        let stored = e
            .store
            .import_idm(vec![record(a, 2024, 0.62), record(b, 2024, 0.40)], by())
            .await
            .unwrap();
        assert_eq!(stored, 2, "{on}");
        let expected = record(a, 2024, 0.62);
        assert_eq!(
            published(&e, a).await,
            (Some(expected.status), Some(expected.score)),
            "{on}"
        );

        e.store
            .import_idm(vec![record(a, 2025, 0.95)], by())
            .await
            .unwrap();
        let history = e.store.idm_history(a.clone()).await.unwrap();
        assert_eq!(
            history.iter().map(|r| r.year).collect::<Vec<_>>(),
            [2024, 2025],
            "{on}"
        );
        assert_eq!(
            history[1],
            record(a, 2025, 0.95),
            "{on}: figures round-trip"
        );
        assert_eq!(
            published(&e, a).await.0,
            Some(record(a, 2025, 0.95).status),
            "{on}"
        );

        // 2025 again, without a: its 2025 goes, and 2024 is its latest again.
        e.store
            .import_idm(vec![record(b, 2025, 0.5)], by())
            .await
            .unwrap();
        assert_eq!(
            e.store.idm_history(a.clone()).await.unwrap(),
            [record(a, 2024, 0.62)],
            "{on}"
        );
        assert_eq!(
            published(&e, a).await.0,
            Some(record(a, 2024, 0.62).status),
            "{on}"
        );

        // 2024 again, without a: it has no year left, and says so.
        e.store
            .import_idm(vec![record(b, 2024, 0.5)], by())
            .await
            .unwrap();
        assert_eq!(published(&e, a).await, (None, None), "{on}");

        assert!(e.store.save_idm(record(a, 2026, 0.7), by()).await.unwrap());
        assert!(
            !e.store
                .save_idm(record("64.99.99.2999", 2026, 0.7), by())
                .await
                .unwrap(),
            "{on}: no such village"
        );
        assert!(
            e.store
                .idm_history("64.99.99.2999".into())
                .await
                .unwrap()
                .is_empty(),
            "{on}: nothing stored for it"
        );
        let actions: Vec<AuditAction> = e
            .store
            .audit_log(10)
            .await
            .unwrap()
            .iter()
            .map(|a| a.action)
            .collect();
        assert_eq!(
            actions,
            [
                AuditAction::IdmEntered,
                AuditAction::IdmImported,
                AuditAction::IdmImported,
                AuditAction::IdmImported,
                AuditAction::IdmImported
            ],
            "{on}"
        );
    }
}
