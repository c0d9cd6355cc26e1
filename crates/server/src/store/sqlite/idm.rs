//! The Indeks Desa Membangun per village and year, and the latest year's status and score
//! on each village's published document, written in one transaction.

use std::collections::BTreeSet;

use etalase_model::idm::IdmRecord;
use etalase_model::moderation::AuditAction;
use etalase_model::{IdmStatus, Village};
use rusqlite::{params, Connection};

use super::moderation::audit;
use super::{write_transaction, SqliteStore};
use crate::store::codec::to_json;
use crate::store::{AuditActor, StoreError};

fn insert(conn: &Connection, r: &IdmRecord) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO idm_records (village_code, year, iks, ike, ikl, score, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (village_code, year) DO UPDATE SET iks = excluded.iks, ike = excluded.ike,
            ikl = excluded.ikl, score = excluded.score, status = excluded.status",
    )?
    .execute(params![
        r.village_code,
        r.year,
        f64::from(r.iks),
        f64::from(r.ike),
        f64::from(r.ikl),
        f64::from(r.score),
        r.status.slug()
    ])?;
    Ok(())
}

fn records_of(conn: &Connection, code: &str) -> Result<Vec<IdmRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT village_code, year, iks, ike, ikl, score, status FROM idm_records
         WHERE village_code = ?1 ORDER BY year",
    )?;
    let rows = stmt.query_map([code], |r| {
        Ok((
            IdmRecord {
                village_code: r.get(0)?,
                year: r.get(1)?,
                iks: r.get::<_, f64>(2)? as f32,
                ike: r.get::<_, f64>(3)? as f32,
                ikl: r.get::<_, f64>(4)? as f32,
                score: r.get::<_, f64>(5)? as f32,
                status: IdmStatus::Berkembang,
            },
            r.get::<_, String>(6)?,
        ))
    })?;
    rows.map(|row| {
        let (mut record, status) = row?;
        record.status = status.parse().map_err(|_| StoreError::Corrupt {
            id: format!("idm {} {}", record.village_code, record.year),
            reason: format!("unknown status {status}"),
        })?;
        Ok(record)
    })
    .collect()
}

/// Puts each village's latest year on its document (or clears it when the village has no
/// year left). `Ok(false)` if a code names no village.
fn refresh_villages(conn: &Connection, codes: &BTreeSet<String>) -> Result<bool, StoreError> {
    let mut all_found = true;
    for code in codes {
        let found: Option<(String, String)> = conn
            .prepare_cached(
                "SELECT slug, doc FROM villages WHERE json_extract(doc, '$.code') = ?1",
            )?
            .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                other => Err(other),
            })?;
        let Some((slug, doc)) = found else {
            all_found = false;
            continue;
        };
        let mut village: Village = serde_json::from_str(&doc).map_err(|e| StoreError::Corrupt {
            id: slug.clone(),
            reason: e.to_string(),
        })?;
        let records = records_of(conn, code)?;
        if !village.apply_latest_idm(&records) {
            village.idm_status = None;
            village.idm_score = None;
        }
        conn.execute(
            "UPDATE villages SET doc = ?2 WHERE slug = ?1",
            params![slug, to_json(&village)?],
        )?;
    }
    Ok(all_found)
}

pub(super) async fn import_idm(
    store: &SqliteStore,
    records: Vec<IdmRecord>,
    by: AuditActor,
) -> Result<u32, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let years: BTreeSet<u16> = records.iter().map(|r| r.year).collect();
            let mut codes: BTreeSet<String> =
                records.iter().map(|r| r.village_code.clone()).collect();
            for year in &years {
                let mut stmt =
                    tx.prepare_cached("SELECT village_code FROM idm_records WHERE year = ?1")?;
                for code in stmt.query_map([year], |r| r.get::<_, String>(0))? {
                    codes.insert(code?);
                }
                tx.execute("DELETE FROM idm_records WHERE year = ?1", [year])?;
            }
            for record in &records {
                insert(&tx, record)?;
            }
            refresh_villages(&tx, &codes)?;
            let years_text: Vec<String> = years.iter().map(u16::to_string).collect();
            audit(
                &tx,
                &by,
                AuditAction::IdmImported,
                &years_text.join(", "),
                &format!("{} rows", records.len()),
            )?;
            tx.commit()?;
            Ok(records.len() as u32)
        })
        .await
}

pub(super) async fn save_idm(
    store: &SqliteStore,
    record: IdmRecord,
    by: AuditActor,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            insert(&tx, &record)?;
            let codes = BTreeSet::from([record.village_code.clone()]);
            if !refresh_villages(&tx, &codes)? {
                return Ok(false); // rolled back with the transaction
            }
            let detail = format!(
                "{} {} {:.4}",
                record.year,
                record.status.slug(),
                record.score
            );
            audit(
                &tx,
                &by,
                AuditAction::IdmEntered,
                &record.village_code,
                &detail,
            )?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

pub(super) async fn idm_history(
    store: &SqliteStore,
    village_code: String,
) -> Result<Vec<IdmRecord>, StoreError> {
    store
        .with_conn(move |conn| records_of(conn, &village_code))
        .await
}
