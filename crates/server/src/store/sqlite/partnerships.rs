//! Partners and partnerships as district staff record them: each save checks the partner
//! and the villages it names, replaces the partnership's village rows and writes the audit
//! row, all in one transaction.

use etalase_model::moderation::AuditAction;
use etalase_model::{Partner, Partnership, PartnershipStatus};
use rusqlite::{params, Connection, OptionalExtension};

use super::moderation::audit;
use super::{write_transaction, SqliteStore};
use crate::store::codec::{
    end_year_problems, parse_doc, partner_audit_detail, partnership_audit_detail,
    partnership_status_text, to_json,
};
use crate::store::{AuditActor, PartnershipRefusal, StoreError};

type Outcome = Result<Partnership, PartnershipRefusal>;

fn doc_of(conn: &Connection, sql: &str, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) async fn save_partner(
    store: &SqliteStore,
    mut partner: Partner,
    by: AuditActor,
) -> Result<Partner, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let known = doc_of(
                &tx,
                "SELECT doc FROM partners WHERE slug = ?1",
                &partner.slug,
            )?;
            if let Some(doc) = &known {
                let before: Partner = parse_doc(&partner.slug, doc)?;
                partner.demo = before.demo;
            }
            tx.execute(
                "INSERT INTO partners (slug, doc) VALUES (?1, ?2)
                 ON CONFLICT (slug) DO UPDATE SET doc = excluded.doc",
                params![partner.slug, to_json(&partner)?],
            )?;
            let detail = partner_audit_detail(&partner, known.is_none());
            audit(&tx, &by, AuditAction::PartnerSaved, &partner.slug, &detail)?;
            tx.commit()?;
            Ok(partner)
        })
        .await
}

/// The slugs of `villages` that name no village, in order.
fn unknown_villages(conn: &Connection, villages: &[String]) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM villages WHERE slug = ?1")?;
    let mut unknown = Vec::new();
    for v in villages {
        if !stmt.exists([v])? {
            unknown.push(v.clone());
        }
    }
    Ok(unknown)
}

fn write_partnership(conn: &Connection, ship: &Partnership) -> Result<(), StoreError> {
    // An upsert, not a replace: the row keeps its rowid, so the partnership keeps its place.
    conn.execute(
        "INSERT INTO partnerships (id, partner_slug, status, doc) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET partner_slug = excluded.partner_slug,
            status = excluded.status, doc = excluded.doc",
        params![
            ship.id,
            ship.partner_slug,
            partnership_status_text(ship.status),
            to_json(ship)?
        ],
    )?;
    conn.execute(
        "DELETE FROM partnership_villages WHERE partnership_id = ?1",
        [&ship.id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO partnership_villages (partnership_id, village_slug)
         VALUES (?1, ?2)",
    )?;
    for v in &ship.village_slugs {
        insert.execute(params![ship.id, v])?;
    }
    Ok(())
}

pub(super) async fn save_partnership(
    store: &SqliteStore,
    ship: Partnership,
    by: AuditActor,
) -> Result<Outcome, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            if doc_of(
                &tx,
                "SELECT doc FROM partners WHERE slug = ?1",
                &ship.partner_slug,
            )?
            .is_none()
            {
                return Ok(Err(PartnershipRefusal::UnknownPartner));
            }
            let unknown = unknown_villages(&tx, &ship.village_slugs)?;
            if !unknown.is_empty() {
                return Ok(Err(PartnershipRefusal::UnknownVillages(unknown)));
            }
            let created =
                doc_of(&tx, "SELECT doc FROM partnerships WHERE id = ?1", &ship.id)?.is_none();
            write_partnership(&tx, &ship)?;
            let detail = partnership_audit_detail(&ship, created);
            audit(&tx, &by, AuditAction::PartnershipSaved, &ship.id, &detail)?;
            tx.commit()?;
            Ok(Ok(ship))
        })
        .await
}

pub(super) async fn end_partnership(
    store: &SqliteStore,
    id: String,
    end_year: u16,
    by: AuditActor,
) -> Result<Outcome, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let Some(doc) = doc_of(&tx, "SELECT doc FROM partnerships WHERE id = ?1", &id)? else {
                return Ok(Err(PartnershipRefusal::NotFound));
            };
            let mut ship: Partnership = parse_doc(&id, &doc)?;
            let was = ship.status;
            ship.status = PartnershipStatus::Finished;
            ship.end_year = Some(end_year);
            let problems = end_year_problems(&ship);
            if !problems.is_empty() {
                return Ok(Err(PartnershipRefusal::Invalid(problems)));
            }
            write_partnership(&tx, &ship)?;
            let detail = format!("{} → finished, {}", was.slug(), ship.years());
            audit(&tx, &by, AuditAction::PartnershipEnded, &id, &detail)?;
            tx.commit()?;
            Ok(Ok(ship))
        })
        .await
}
