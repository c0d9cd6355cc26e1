//! Trust and moderation: staff deactivation, verification, reports, holds, suspensions,
//! and the audit log each change writes.

use etalase_model::moderation::{AuditAction, Notice, Report, ReportReason, Verification};
use etalase_server::store::{AuditActor, SessionRecord, StaffSessionRecord};

use super::*;

fn admin() -> StaffProfile {
    StaffProfile {
        id: "admin-dpmd".into(),
        name: "Bu Admin".into(),
        role: StaffRole::Admin,
        cooperative: None,
    }
}

fn by() -> AuditActor {
    AuditActor::from(&admin())
}

fn notice(words: &str) -> Notice {
    Notice {
        id: format!("{words} (id)"),
        en: format!("{words} (en)"),
    }
}

/// The demo catalog, the admin and Sepatin's operator.
async fn with_staff(e: &Fresh) -> Catalog {
    let demo = seed_demo(e).await;
    assert!(e
        .store
        .create_staff(admin(), "+6281200000902".into(), "hash".into())
        .await
        .unwrap());
    add_sepatin_operator(e, "+6281200000900").await;
    demo
}

fn public_ids(catalog: &Catalog) -> Vec<String> {
    catalog.products.iter().map(|p| p.id.clone()).collect()
}

#[tokio::test]
async fn deactivating_staff_ends_their_sessions_and_is_logged() {
    for e in engines().await {
        let on = e.name;
        with_staff(&e).await;
        e.store
            .create_staff_session(
                "op-token".into(),
                StaffSessionRecord {
                    staff_id: OPERATOR.into(),
                    csrf_token: "csrf".into(),
                    expires_at: i64::MAX / 2,
                },
            )
            .await
            .unwrap();
        assert!(e
            .store
            .staff_session("op-token".into(), 0)
            .await
            .unwrap()
            .is_some());

        assert!(e
            .store
            .set_staff_active(OPERATOR.into(), false, by())
            .await
            .unwrap());
        assert_eq!(
            e.store.staff_session("op-token".into(), 0).await.unwrap(),
            None,
            "{on}: signed out at once"
        );
        let account = e
            .store
            .staff_by_whatsapp("+6281200000900".into())
            .await
            .unwrap()
            .unwrap();
        assert!(!account.active, "{on}");
        let listed = e.store.staff_accounts().await.unwrap();
        assert_eq!(
            listed[0].profile.role,
            StaffRole::Admin,
            "{on}: admins first"
        );
        assert!(
            listed.iter().any(|a| a.profile.id == OPERATOR && !a.active),
            "{on}"
        );

        assert!(e
            .store
            .set_staff_active(OPERATOR.into(), true, by())
            .await
            .unwrap());
        assert!(!e
            .store
            .set_staff_active("nobody".into(), false, by())
            .await
            .unwrap());
        let log = e.store.audit_log(10).await.unwrap();
        let actions: Vec<AuditAction> = log.iter().map(|a| a.action).collect();
        assert_eq!(
            actions,
            [AuditAction::StaffReactivated, AuditAction::StaffDeactivated],
            "{on}: newest first, nothing logged for an unknown account"
        );
        assert_eq!(log[0].actor_name, "Bu Admin", "{on}");
        assert_eq!(log[0].subject, OPERATOR, "{on}");
    }
}

#[tokio::test]
async fn a_verification_is_published_with_the_seller() {
    for e in engines().await {
        let on = e.name;
        let demo = with_staff(&e).await;
        let seller = demo.sellers.iter().find(|s| s.verified.is_none()).unwrap();
        let verification = Verification {
            by: "Koperasi Desa Merah Putih Sepatin".into(),
            on: day(2026, 12, 12),
            nib: Some("1234567890123".into()),
        };
        let saved = e
            .store
            .verify_seller(seller.id.clone(), Some(verification.clone()), by())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(saved.verified.as_ref(), Some(&verification), "{on}");
        let public = e.store.load_public_catalog().await.unwrap();
        let shown = public.sellers.iter().find(|s| s.id == seller.id).unwrap();
        assert_eq!(shown.verified.as_ref(), Some(&verification), "{on}");

        let withdrawn = e
            .store
            .verify_seller(seller.id.clone(), None, by())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(withdrawn.verified, None, "{on}");
        assert_eq!(
            e.store
                .verify_seller("nobody".into(), None, by())
                .await
                .unwrap(),
            None,
            "{on}"
        );
        let log = e.store.audit_log(10).await.unwrap();
        assert_eq!(log[0].action, AuditAction::SellerUnverified, "{on}");
        assert_eq!(log[1].action, AuditAction::SellerVerified, "{on}");
        assert_eq!(log[1].detail, "NIB 1234567890123", "{on}");
    }
}

#[tokio::test]
async fn a_hidden_listing_leaves_the_catalog_and_its_seller_reads_why() {
    for e in engines().await {
        let on = e.name;
        let demo = with_staff(&e).await;
        let product = demo
            .products
            .iter()
            .find(|p| p.status == ListingStatus::Published)
            .unwrap();
        let report = Report {
            reason: ReportReason::Misleading,
            text: "Sertifikat halal palsu".into(),
        };
        assert!(e
            .store
            .report_listing(product.id.clone(), report.clone())
            .await
            .unwrap());
        assert!(
            !e.store
                .report_listing("no-such-listing".into(), report.clone())
                .await
                .unwrap(),
            "{on}: only listings in the catalog can be reported"
        );
        let queue = e.store.moderation_queue().await.unwrap();
        assert_eq!(queue.reports.len(), 1, "{on}");
        assert_eq!(queue.reports[0].product_id, product.id, "{on}");
        assert_eq!(queue.reports[0].reason, ReportReason::Misleading, "{on}");
        assert_eq!(queue.reports[0].product_name, product.name_id, "{on}");

        assert!(e
            .store
            .hold_listing(product.id.clone(), notice("Sertifikat tidak sah"), by())
            .await
            .unwrap());
        let public = e.store.load_public_catalog().await.unwrap();
        assert!(
            !public_ids(&public).contains(&product.id),
            "{on}: gone from the catalog"
        );
        assert!(
            !e.store
                .report_listing(product.id.clone(), report.clone())
                .await
                .unwrap(),
            "{on}: a hidden listing is not in the catalog to report"
        );
        let queue = e.store.moderation_queue().await.unwrap();
        assert!(queue.reports.is_empty(), "{on}: hiding closes its reports");
        assert_eq!(queue.held.len(), 1, "{on}");

        let holds = e
            .store
            .seller_holds(product.seller_id.clone())
            .await
            .unwrap();
        assert_eq!(holds.len(), 1, "{on}");
        assert_eq!(holds[0].reason, notice("Sertifikat tidak sah"), "{on}");
        assert!(!holds[0].review_requested, "{on}");
        assert!(
            e.store
                .seller_holds(
                    demo.sellers
                        .iter()
                        .find(|s| s.id != product.seller_id)
                        .unwrap()
                        .id
                        .clone()
                )
                .await
                .unwrap()
                .is_empty(),
            "{on}: another seller sees none"
        );
        assert!(
            !e.store
                .request_review("someone-else".into(), product.id.clone())
                .await
                .unwrap(),
            "{on}: only its seller asks for a review"
        );
        assert!(e
            .store
            .request_review(product.seller_id.clone(), product.id.clone())
            .await
            .unwrap());
        let queue = e.store.moderation_queue().await.unwrap();
        assert!(queue.held[0].hold.review_requested, "{on}");

        assert!(e
            .store
            .release_listing(product.id.clone(), by())
            .await
            .unwrap());
        assert!(
            !e.store
                .release_listing(product.id.clone(), by())
                .await
                .unwrap(),
            "{on}"
        );
        let public = e.store.load_public_catalog().await.unwrap();
        assert!(public_ids(&public).contains(&product.id), "{on}: back");

        // Unfounded reports are dismissed without hiding anything.
        e.store
            .report_listing(product.id.clone(), report)
            .await
            .unwrap();
        assert_eq!(
            e.store
                .dismiss_reports(product.id.clone(), by())
                .await
                .unwrap(),
            1
        );
        assert!(
            e.store.moderation_queue().await.unwrap().reports.is_empty(),
            "{on}"
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
                AuditAction::ReportsDismissed,
                AuditAction::ListingRestored,
                AuditAction::ListingHidden
            ],
            "{on}"
        );
    }
}

#[tokio::test]
async fn a_suspended_seller_vanishes_from_the_catalog_and_is_signed_out() {
    for e in engines().await {
        let on = e.name;
        with_staff(&e).await;
        let seller = new_seller("toko-nakal", "Toko Nakal", "+6281299990009", "sepatin");
        assert!(e
            .store
            .create_account(seller.clone(), "hash".into())
            .await
            .unwrap());
        let product = listing(
            "nakal-1",
            &seller,
            ListingStatus::Published,
            day(2026, 12, 1),
        );
        e.store
            .save_listing(product.clone(), seller_actor(&seller))
            .await
            .unwrap();
        e.store
            .create_session(
                "seller-token".into(),
                SessionRecord {
                    seller_id: seller.id.clone(),
                    csrf_token: "csrf".into(),
                    expires_at: i64::MAX / 2,
                },
            )
            .await
            .unwrap();
        let public = e.store.load_public_catalog().await.unwrap();
        assert!(public_ids(&public).contains(&product.id), "{on}");

        assert!(e
            .store
            .suspend_seller(seller.id.clone(), Some(notice("Penipuan")), by())
            .await
            .unwrap());
        assert_eq!(
            e.store.session("seller-token".into(), 0).await.unwrap(),
            None,
            "{on}"
        );
        assert_eq!(
            e.store.suspension(seller.id.clone()).await.unwrap(),
            Some(notice("Penipuan")),
            "{on}"
        );
        let public = e.store.load_public_catalog().await.unwrap();
        assert!(
            !public_ids(&public).contains(&product.id),
            "{on}: listings gone"
        );
        assert!(
            !public.sellers.iter().any(|s| s.id == seller.id),
            "{on}: seller gone"
        );
        assert_eq!(
            e.store.moderation_queue().await.unwrap().suspended.len(),
            1,
            "{on}"
        );

        assert!(e
            .store
            .suspend_seller(seller.id.clone(), None, by())
            .await
            .unwrap());
        assert!(
            !e.store
                .suspend_seller(seller.id.clone(), None, by())
                .await
                .unwrap(),
            "{on}"
        );
        assert!(!e
            .store
            .suspend_seller("nobody".into(), Some(notice("x")), by())
            .await
            .unwrap());
        let public = e.store.load_public_catalog().await.unwrap();
        assert!(
            public_ids(&public).contains(&product.id),
            "{on}: reinstated"
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
            [AuditAction::SellerReinstated, AuditAction::SellerSuspended],
            "{on}"
        );
    }
}
