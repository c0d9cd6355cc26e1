//! Trust and moderation: staff accounts the district manages, verified sellers, visitors'
//! reports, holds on listings, suspensions, and the audit log every such change writes in
//! its own transaction.

use etalase_model::api::{
    HeldListing, ModerationQueue, ReportView, StaffAccountView, SuspendedSeller,
};
use etalase_model::moderation::{
    AuditAction, AuditEntry, ListingHold, Notice, Report, Verification,
};
use etalase_model::Seller;
use rusqlite::{params, Connection, OptionalExtension};

use super::{write_transaction, SqliteStore};
use crate::store::codec::{parse_role, to_json};
use crate::store::{AuditActor, StoreError};

/// A listing buyers can see: published, not held, its seller not suspended. The one
/// definition the public catalog and reports share.
pub(super) const PUBLIC_PRODUCT: &str = "p.status = 'published'
    AND p.id NOT IN (SELECT product_id FROM listing_holds)
    AND p.seller_id NOT IN (SELECT seller_id FROM suspensions)";

pub(super) fn audit(
    conn: &Connection,
    by: &AuditActor,
    action: AuditAction,
    subject: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (actor_id, actor_name, action, subject, detail)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![by.id, by.name, action.slug(), subject, detail])?;
    Ok(())
}

fn notice_text(notice: &Notice) -> String {
    format!("{} / {}", notice.id, notice.en)
}

pub(super) async fn staff_accounts(
    store: &SqliteStore,
) -> Result<Vec<StaffAccountView>, StoreError> {
    store
        .with_conn(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, role, cooperative, name, whatsapp, active, created_at FROM staff
                 ORDER BY role <> 'admin', name, id",
            )?;
            let rows = stmt.query_map([], |r| {
                let role: String = r.get(1)?;
                Ok(StaffAccountView {
                    profile: etalase_model::cooperative::StaffProfile {
                        id: r.get(0)?,
                        role: parse_role(&role),
                        cooperative: r.get(2)?,
                        name: r.get(3)?,
                    },
                    whatsapp: r.get(4)?,
                    active: r.get(5)?,
                    created_at: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
}

pub(super) async fn set_staff_active(
    store: &SqliteStore,
    staff_id: String,
    active: bool,
    by: AuditActor,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let found = tx.execute(
                "UPDATE staff SET active = ?2 WHERE id = ?1",
                params![staff_id, active],
            )?;
            if found == 0 {
                return Ok(false);
            }
            if !active {
                tx.execute(
                    "DELETE FROM staff_sessions WHERE staff_id = ?1",
                    [&staff_id],
                )?;
            }
            let action = if active {
                AuditAction::StaffReactivated
            } else {
                AuditAction::StaffDeactivated
            };
            audit(&tx, &by, action, &staff_id, "")?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

pub(super) async fn verify_seller(
    store: &SqliteStore,
    seller_id: String,
    verification: Option<Verification>,
    by: AuditActor,
) -> Result<Option<Seller>, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let doc: Option<String> = tx
                .query_row("SELECT doc FROM sellers WHERE id = ?1", [&seller_id], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(doc) = doc else {
                return Ok(None);
            };
            let mut seller: Seller =
                serde_json::from_str(&doc).map_err(|e| StoreError::Corrupt {
                    id: seller_id.clone(),
                    reason: e.to_string(),
                })?;
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
                "UPDATE sellers SET doc = ?2 WHERE id = ?1",
                params![seller_id, to_json(&seller)?],
            )?;
            audit(&tx, &by, action, &seller_id, &detail)?;
            tx.commit()?;
            Ok(Some(seller))
        })
        .await
}

pub(super) async fn report_listing(
    store: &SqliteStore,
    product_id: String,
    report: Report,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let added = conn.execute(
                &format!(
                    "INSERT INTO listing_reports (product_id, reason, text)
                     SELECT p.id, ?2, ?3 FROM products p WHERE p.id = ?1 AND {PUBLIC_PRODUCT}"
                ),
                params![product_id, report.reason.slug(), report.text.trim()],
            )?;
            Ok(added == 1)
        })
        .await
}

pub(super) async fn moderation_queue(store: &SqliteStore) -> Result<ModerationQueue, StoreError> {
    store
        .with_conn(|conn| {
            let reports = conn
                .prepare_cached(
                    "SELECT r.id, r.product_id, json_extract(p.doc, '$.name_id'), p.seller_id,
                            json_extract(s.doc, '$.name'), r.reason, r.text, r.created_at
                     FROM listing_reports r JOIN products p ON p.id = r.product_id
                     JOIN sellers s ON s.id = p.seller_id
                     WHERE r.closed_at IS NULL ORDER BY r.id DESC",
                )?
                .query_map([], |r| {
                    let reason: String = r.get(5)?;
                    Ok(ReportView {
                        id: r.get(0)?,
                        product_id: r.get(1)?,
                        product_name: r.get(2)?,
                        seller_id: r.get(3)?,
                        seller_name: r.get(4)?,
                        reason: reason
                            .parse()
                            .unwrap_or(etalase_model::moderation::ReportReason::Other),
                        text: r.get(6)?,
                        at: r.get(7)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            let held = conn
                .prepare_cached(
                    "SELECT h.product_id, h.reason_id, h.reason_en, h.at, h.review_requested,
                            json_extract(p.doc, '$.name_id'), p.seller_id,
                            json_extract(s.doc, '$.name')
                     FROM listing_holds h JOIN products p ON p.id = h.product_id
                     JOIN sellers s ON s.id = p.seller_id
                     ORDER BY h.review_requested DESC, h.at DESC",
                )?
                .query_map([], |r| {
                    Ok(HeldListing {
                        hold: hold_row(r)?,
                        product_name: r.get(5)?,
                        seller_id: r.get(6)?,
                        seller_name: r.get(7)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            let suspended = conn
                .prepare_cached(
                    "SELECT x.seller_id, json_extract(s.doc, '$.name'), x.reason_id, x.reason_en,
                            x.at
                     FROM suspensions x JOIN sellers s ON s.id = x.seller_id ORDER BY x.at DESC",
                )?
                .query_map([], |r| {
                    Ok(SuspendedSeller {
                        seller_id: r.get(0)?,
                        seller_name: r.get(1)?,
                        reason: Notice {
                            id: r.get(2)?,
                            en: r.get(3)?,
                        },
                        at: r.get(4)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(ModerationQueue {
                reports,
                held,
                suspended,
            })
        })
        .await
}

/// `product_id, reason_id, reason_en, at, review_requested` as a hold.
fn hold_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ListingHold> {
    Ok(ListingHold {
        product_id: r.get(0)?,
        reason: Notice {
            id: r.get(1)?,
            en: r.get(2)?,
        },
        at: r.get(3)?,
        review_requested: r.get(4)?,
    })
}

pub(super) async fn hold_listing(
    store: &SqliteStore,
    product_id: String,
    reason: Notice,
    by: AuditActor,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)",
                [&product_id],
                |r| r.get(0),
            )?;
            if !exists {
                return Ok(false);
            }
            tx.execute(
                &format!(
                    "INSERT INTO listing_holds (product_id, reason_id, reason_en, held_by)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (product_id) DO UPDATE SET reason_id = excluded.reason_id,
                        reason_en = excluded.reason_en, held_by = excluded.held_by,
                        at = {}, review_requested = 0",
                    super::NOW
                ),
                params![product_id, reason.id.trim(), reason.en.trim(), by.id],
            )?;
            close_reports(&tx, &product_id)?;
            audit(
                &tx,
                &by,
                AuditAction::ListingHidden,
                &product_id,
                &notice_text(&reason),
            )?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

fn close_reports(conn: &Connection, product_id: &str) -> rusqlite::Result<usize> {
    conn.execute(
        &format!(
            "UPDATE listing_reports SET closed_at = {} WHERE product_id = ?1 AND closed_at IS NULL",
            super::NOW
        ),
        [product_id],
    )
}

pub(super) async fn release_listing(
    store: &SqliteStore,
    product_id: String,
    by: AuditActor,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let removed = tx.execute(
                "DELETE FROM listing_holds WHERE product_id = ?1",
                [&product_id],
            )?;
            if removed == 0 {
                return Ok(false);
            }
            audit(&tx, &by, AuditAction::ListingRestored, &product_id, "")?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

pub(super) async fn dismiss_reports(
    store: &SqliteStore,
    product_id: String,
    by: AuditActor,
) -> Result<u32, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let closed = close_reports(&tx, &product_id)?;
            if closed > 0 {
                let detail = closed.to_string();
                audit(
                    &tx,
                    &by,
                    AuditAction::ReportsDismissed,
                    &product_id,
                    &detail,
                )?;
            }
            tx.commit()?;
            Ok(closed as u32)
        })
        .await
}

pub(super) async fn seller_holds(
    store: &SqliteStore,
    seller_id: String,
) -> Result<Vec<ListingHold>, StoreError> {
    store
        .with_conn(move |conn| {
            let holds = conn
                .prepare_cached(
                    "SELECT h.product_id, h.reason_id, h.reason_en, h.at, h.review_requested
                     FROM listing_holds h JOIN products p ON p.id = h.product_id
                     WHERE p.seller_id = ?1 ORDER BY h.at DESC",
                )?
                .query_map([seller_id], hold_row)?
                .collect::<Result<_, _>>()?;
            Ok(holds)
        })
        .await
}

pub(super) async fn request_review(
    store: &SqliteStore,
    seller_id: String,
    product_id: String,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let changed = conn.execute(
                "UPDATE listing_holds SET review_requested = 1
                 WHERE product_id = ?2
                   AND product_id IN (SELECT id FROM products WHERE seller_id = ?1)",
                params![seller_id, product_id],
            )?;
            Ok(changed == 1)
        })
        .await
}

pub(super) async fn suspend_seller(
    store: &SqliteStore,
    seller_id: String,
    reason: Option<Notice>,
    by: AuditActor,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let changed = match &reason {
                Some(reason) => {
                    let exists: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM sellers WHERE id = ?1)",
                        [&seller_id],
                        |r| r.get(0),
                    )?;
                    if !exists {
                        return Ok(false);
                    }
                    tx.execute(
                        "INSERT INTO suspensions (seller_id, reason_id, reason_en, suspended_by)
                         VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (seller_id) DO UPDATE SET reason_id = excluded.reason_id,
                            reason_en = excluded.reason_en, suspended_by = excluded.suspended_by",
                        params![seller_id, reason.id.trim(), reason.en.trim(), by.id],
                    )?;
                    // Signed out everywhere at once, not at the session's expiry.
                    tx.execute("DELETE FROM sessions WHERE seller_id = ?1", [&seller_id])?;
                    audit(
                        &tx,
                        &by,
                        AuditAction::SellerSuspended,
                        &seller_id,
                        &notice_text(reason),
                    )?;
                    true
                }
                None => {
                    let lifted =
                        tx.execute("DELETE FROM suspensions WHERE seller_id = ?1", [&seller_id])?;
                    if lifted == 1 {
                        audit(&tx, &by, AuditAction::SellerReinstated, &seller_id, "")?;
                    }
                    lifted == 1
                }
            };
            tx.commit()?;
            Ok(changed)
        })
        .await
}

pub(super) async fn suspension(
    store: &SqliteStore,
    seller_id: String,
) -> Result<Option<Notice>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT reason_id, reason_en FROM suspensions WHERE seller_id = ?1",
                )?
                .query_row([seller_id], |r| {
                    Ok(Notice {
                        id: r.get(0)?,
                        en: r.get(1)?,
                    })
                })
                .optional()?)
        })
        .await
}

pub(super) async fn audit_log(
    store: &SqliteStore,
    limit: u32,
) -> Result<Vec<AuditEntry>, StoreError> {
    store
        .with_conn(move |conn| {
            let entries = conn
                .prepare_cached(
                    "SELECT at, actor_id, actor_name, action, subject, detail FROM audit_log
                     ORDER BY id DESC LIMIT ?1",
                )?
                .query_map([limit], |r| {
                    let action: String = r.get(3)?;
                    Ok((
                        action,
                        AuditEntry {
                            at: r.get(0)?,
                            actor_id: r.get(1)?,
                            actor_name: r.get(2)?,
                            action: AuditAction::StaffDeactivated,
                            subject: r.get(4)?,
                            detail: r.get(5)?,
                        },
                    ))
                })?
                .map(|row| {
                    let (action, mut entry) = row?;
                    entry.action = action.parse().map_err(|_| StoreError::Corrupt {
                        id: format!("audit action {action}"),
                        reason: "unknown action".into(),
                    })?;
                    Ok(entry)
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(entries)
        })
        .await
}
