//! Trust and moderation: staff accounts the district manages, verified sellers, visitors'
//! reports, holds on listings, suspensions, and the audit log every such change writes in
//! its own transaction. Changes to what buyers see tell the other replicas.

use deadpool_postgres::GenericClient;
use etalase_model::api::{
    HeldListing, ModerationQueue, ReportView, StaffAccountView, SuspendedSeller,
};
use etalase_model::cooperative::StaffProfile;
use etalase_model::moderation::{
    AuditAction, AuditEntry, ListingHold, Notice, Report, ReportReason, Verification,
};
use etalase_model::Seller;
use tokio_postgres::Row;

use super::{changes, PgStore};
use crate::store::codec::{parse_doc, parse_role, to_json};
use crate::store::{AuditActor, StoreError};

/// A listing buyers can see: published, not held, its seller not suspended.
pub(super) const PUBLIC_PRODUCT: &str = "p.status = 'published'
    AND p.id NOT IN (SELECT product_id FROM listing_holds)
    AND p.seller_id NOT IN (SELECT seller_id FROM suspensions)";

pub(super) async fn audit(
    client: &impl GenericClient,
    by: &AuditActor,
    action: AuditAction,
    subject: &str,
    detail: &str,
) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO audit_log (actor_id, actor_name, action, subject, detail)
             VALUES ($1, $2, $3, $4, $5)",
            &[&by.id, &by.name, &action.slug(), &subject, &detail],
        )
        .await?;
    Ok(())
}

fn notice_text(notice: &Notice) -> String {
    format!("{} / {}", notice.id, notice.en)
}

pub(super) async fn staff_accounts(store: &PgStore) -> Result<Vec<StaffAccountView>, StoreError> {
    let client = store.pool.get().await?;
    let rows = client
        .query(
            "SELECT id, role, cooperative, name, whatsapp, active, created_at FROM staff
             ORDER BY role <> 'admin', name, id",
            &[],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| StaffAccountView {
            profile: StaffProfile {
                id: r.get(0),
                role: parse_role(r.get(1)),
                cooperative: r.get(2),
                name: r.get(3),
            },
            whatsapp: r.get(4),
            active: r.get(5),
            created_at: r.get(6),
        })
        .collect())
}

pub(super) async fn set_staff_active(
    store: &PgStore,
    staff_id: String,
    active: bool,
    by: AuditActor,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let found = tx
        .execute(
            "UPDATE staff SET active = $2 WHERE id = $1",
            &[&staff_id, &active],
        )
        .await?;
    if found == 0 {
        return Ok(false);
    }
    if !active {
        tx.execute(
            "DELETE FROM staff_sessions WHERE staff_id = $1",
            &[&staff_id],
        )
        .await?;
    }
    let action = if active {
        AuditAction::StaffReactivated
    } else {
        AuditAction::StaffDeactivated
    };
    audit(&tx, &by, action, &staff_id, "").await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn verify_seller(
    store: &PgStore,
    seller_id: String,
    verification: Option<Verification>,
    by: AuditActor,
) -> Result<Option<Seller>, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let Some(row) = tx
        .query_opt(
            "SELECT id, doc::text FROM sellers WHERE id = $1 FOR UPDATE",
            &[&seller_id],
        )
        .await?
    else {
        return Ok(None);
    };
    let mut seller: Seller = parse_doc(row.get(0), row.get(1))?;
    let (action, detail) = match &verification {
        Some(v) => (
            AuditAction::SellerVerified,
            v.nib
                .as_ref()
                .map(|n| format!("NIB {n}"))
                .unwrap_or_default(),
        ),
        None => (AuditAction::SellerUnverified, String::new()),
    };
    seller.verified = verification;
    tx.execute(
        "UPDATE sellers SET doc = $2::text::jsonb WHERE id = $1",
        &[&seller_id, &to_json(&seller)?],
    )
    .await?;
    audit(&tx, &by, action, &seller_id, &detail).await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(Some(seller))
}

pub(super) async fn report_listing(
    store: &PgStore,
    product_id: String,
    report: Report,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    let added = client
        .execute(
            &format!(
                "INSERT INTO listing_reports (product_id, reason, text)
                 SELECT p.id, $2, $3 FROM products p WHERE p.id = $1 AND {PUBLIC_PRODUCT}"
            ),
            &[&product_id, &report.reason.slug(), &report.text.trim()],
        )
        .await?;
    Ok(added == 1)
}

fn hold_row(r: &Row) -> ListingHold {
    ListingHold {
        product_id: r.get(0),
        reason: Notice {
            id: r.get(1),
            en: r.get(2),
        },
        at: r.get(3),
        review_requested: r.get(4),
    }
}

pub(super) async fn moderation_queue(store: &PgStore) -> Result<ModerationQueue, StoreError> {
    let client = store.pool.get().await?;
    let reports = client
        .query(
            "SELECT r.id, r.product_id, p.doc->>'name_id', p.seller_id, s.doc->>'name',
                    r.reason, r.text, r.created_at
             FROM listing_reports r JOIN products p ON p.id = r.product_id
             JOIN sellers s ON s.id = p.seller_id
             WHERE r.closed_at IS NULL ORDER BY r.id DESC",
            &[],
        )
        .await?
        .iter()
        .map(|r| ReportView {
            id: r.get(0),
            product_id: r.get(1),
            product_name: r.get(2),
            seller_id: r.get(3),
            seller_name: r.get(4),
            reason: r.get::<_, &str>(5).parse().unwrap_or(ReportReason::Other),
            text: r.get(6),
            at: r.get(7),
        })
        .collect();
    let held = client
        .query(
            "SELECT h.product_id, h.reason_id, h.reason_en, h.at, h.review_requested,
                    p.doc->>'name_id', p.seller_id, s.doc->>'name'
             FROM listing_holds h JOIN products p ON p.id = h.product_id
             JOIN sellers s ON s.id = p.seller_id
             ORDER BY h.review_requested DESC, h.at DESC",
            &[],
        )
        .await?
        .iter()
        .map(|r| HeldListing {
            hold: hold_row(r),
            product_name: r.get(5),
            seller_id: r.get(6),
            seller_name: r.get(7),
        })
        .collect();
    let suspended = client
        .query(
            "SELECT x.seller_id, s.doc->>'name', x.reason_id, x.reason_en, x.at
             FROM suspensions x JOIN sellers s ON s.id = x.seller_id ORDER BY x.at DESC",
            &[],
        )
        .await?
        .iter()
        .map(|r| SuspendedSeller {
            seller_id: r.get(0),
            seller_name: r.get(1),
            reason: Notice {
                id: r.get(2),
                en: r.get(3),
            },
            at: r.get(4),
        })
        .collect();
    Ok(ModerationQueue {
        reports,
        held,
        suspended,
    })
}

async fn close_reports(client: &impl GenericClient, product_id: &str) -> Result<u64, StoreError> {
    Ok(client
        .execute(
            "UPDATE listing_reports SET closed_at = etalase_now()
             WHERE product_id = $1 AND closed_at IS NULL",
            &[&product_id],
        )
        .await?)
}

pub(super) async fn hold_listing(
    store: &PgStore,
    product_id: String,
    reason: Notice,
    by: AuditActor,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let exists = tx
        .query_opt("SELECT 1 FROM products WHERE id = $1", &[&product_id])
        .await?
        .is_some();
    if !exists {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO listing_holds (product_id, reason_id, reason_en, held_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (product_id) DO UPDATE SET reason_id = excluded.reason_id,
            reason_en = excluded.reason_en, held_by = excluded.held_by,
            at = etalase_now(), review_requested = false",
        &[&product_id, &reason.id.trim(), &reason.en.trim(), &by.id],
    )
    .await?;
    close_reports(&tx, &product_id).await?;
    audit(
        &tx,
        &by,
        AuditAction::ListingHidden,
        &product_id,
        &notice_text(&reason),
    )
    .await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn release_listing(
    store: &PgStore,
    product_id: String,
    by: AuditActor,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let removed = tx
        .execute(
            "DELETE FROM listing_holds WHERE product_id = $1",
            &[&product_id],
        )
        .await?;
    if removed == 0 {
        return Ok(false);
    }
    audit(&tx, &by, AuditAction::ListingRestored, &product_id, "").await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn dismiss_reports(
    store: &PgStore,
    product_id: String,
    by: AuditActor,
) -> Result<u32, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let closed = close_reports(&tx, &product_id).await?;
    if closed > 0 {
        let detail = closed.to_string();
        audit(
            &tx,
            &by,
            AuditAction::ReportsDismissed,
            &product_id,
            &detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(closed as u32)
}

pub(super) async fn seller_holds(
    store: &PgStore,
    seller_id: String,
) -> Result<Vec<ListingHold>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query(
            "SELECT h.product_id, h.reason_id, h.reason_en, h.at, h.review_requested
             FROM listing_holds h JOIN products p ON p.id = h.product_id
             WHERE p.seller_id = $1 ORDER BY h.at DESC",
            &[&seller_id],
        )
        .await?
        .iter()
        .map(hold_row)
        .collect())
}

pub(super) async fn request_review(
    store: &PgStore,
    seller_id: String,
    product_id: String,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    let changed = client
        .execute(
            "UPDATE listing_holds SET review_requested = true
             WHERE product_id = $2
               AND product_id IN (SELECT id FROM products WHERE seller_id = $1)",
            &[&seller_id, &product_id],
        )
        .await?;
    Ok(changed == 1)
}

pub(super) async fn suspend_seller(
    store: &PgStore,
    seller_id: String,
    reason: Option<Notice>,
    by: AuditActor,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let changed = match &reason {
        Some(reason) => {
            let exists = tx
                .query_opt("SELECT 1 FROM sellers WHERE id = $1", &[&seller_id])
                .await?
                .is_some();
            if !exists {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO suspensions (seller_id, reason_id, reason_en, suspended_by)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (seller_id) DO UPDATE SET reason_id = excluded.reason_id,
                    reason_en = excluded.reason_en, suspended_by = excluded.suspended_by",
                &[&seller_id, &reason.id.trim(), &reason.en.trim(), &by.id],
            )
            .await?;
            // Signed out everywhere at once, not at the session's expiry.
            tx.execute("DELETE FROM sessions WHERE seller_id = $1", &[&seller_id])
                .await?;
            audit(
                &tx,
                &by,
                AuditAction::SellerSuspended,
                &seller_id,
                &notice_text(reason),
            )
            .await?;
            true
        }
        None => {
            let lifted = tx
                .execute(
                    "DELETE FROM suspensions WHERE seller_id = $1",
                    &[&seller_id],
                )
                .await?;
            if lifted == 1 {
                audit(&tx, &by, AuditAction::SellerReinstated, &seller_id, "").await?;
            }
            lifted == 1
        }
    };
    if changed {
        changes::notify(&tx, Some(&store.replica)).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

pub(super) async fn suspension(
    store: &PgStore,
    seller_id: String,
) -> Result<Option<Notice>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            "SELECT reason_id, reason_en FROM suspensions WHERE seller_id = $1",
            &[&seller_id],
        )
        .await?
        .map(|r| Notice {
            id: r.get(0),
            en: r.get(1),
        }))
}

pub(super) async fn audit_log(store: &PgStore, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
    let client = store.pool.get().await?;
    client
        .query(
            "SELECT at, actor_id, actor_name, action, subject, detail FROM audit_log
             ORDER BY id DESC LIMIT $1",
            &[&i64::from(limit)],
        )
        .await?
        .iter()
        .map(|r| {
            let action: &str = r.get(3);
            Ok(AuditEntry {
                at: r.get(0),
                actor_id: r.get(1),
                actor_name: r.get(2),
                action: action.parse().map_err(|_| StoreError::Corrupt {
                    id: format!("audit action {action}"),
                    reason: "unknown action".into(),
                })?,
                subject: r.get(4),
                detail: r.get(5),
            })
        })
        .collect()
}
