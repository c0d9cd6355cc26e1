//! The Indeks Desa Membangun per village and year, and the latest year's status and score
//! on each village's published document, written in one transaction.

use std::collections::BTreeSet;

use deadpool_postgres::GenericClient;
use etalase_model::idm::IdmRecord;
use etalase_model::moderation::AuditAction;
use etalase_model::Village;

use super::moderation::audit;
use super::{changes, PgStore};
use crate::store::codec::{parse_doc, to_json};
use crate::store::{AuditActor, StoreError};

async fn insert(client: &impl GenericClient, r: &IdmRecord) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO idm_records (village_code, year, iks, ike, ikl, score, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (village_code, year) DO UPDATE SET iks = excluded.iks,
                ike = excluded.ike, ikl = excluded.ikl, score = excluded.score,
                status = excluded.status",
            &[
                &r.village_code,
                &(r.year as i16),
                &r.iks,
                &r.ike,
                &r.ikl,
                &r.score,
                &r.status.slug(),
            ],
        )
        .await?;
    Ok(())
}

async fn records_of(client: &impl GenericClient, code: &str) -> Result<Vec<IdmRecord>, StoreError> {
    client
        .query(
            "SELECT village_code, year, iks, ike, ikl, score, status FROM idm_records
             WHERE village_code = $1 ORDER BY year",
            &[&code],
        )
        .await?
        .iter()
        .map(|r| {
            let status: &str = r.get(6);
            let year: i16 = r.get(1);
            Ok(IdmRecord {
                village_code: r.get(0),
                year: year as u16,
                iks: r.get(2),
                ike: r.get(3),
                ikl: r.get(4),
                score: r.get(5),
                status: status.parse().map_err(|_| StoreError::Corrupt {
                    id: format!("idm {code} {year}"),
                    reason: format!("unknown status {status}"),
                })?,
            })
        })
        .collect()
}

/// Puts each village's latest year on its document (or clears it when the village has no
/// year left). `Ok(false)` if a code names no village.
async fn refresh_villages(
    client: &impl GenericClient,
    codes: &BTreeSet<String>,
) -> Result<bool, StoreError> {
    let mut all_found = true;
    for code in codes {
        let Some(row) = client
            .query_opt(
                "SELECT slug, doc::text FROM villages WHERE doc->>'code' = $1 FOR UPDATE",
                &[code],
            )
            .await?
        else {
            all_found = false;
            continue;
        };
        let slug: &str = row.get(0);
        let mut village: Village = parse_doc(slug, row.get(1))?;
        let records = records_of(client, code).await?;
        if !village.apply_latest_idm(&records) {
            village.idm_status = None;
            village.idm_score = None;
        }
        client
            .execute(
                "UPDATE villages SET doc = $2::text::jsonb WHERE slug = $1",
                &[&slug, &to_json(&village)?],
            )
            .await?;
    }
    Ok(all_found)
}

pub(super) async fn import_idm(
    store: &PgStore,
    records: Vec<IdmRecord>,
    by: AuditActor,
) -> Result<u32, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let years: BTreeSet<u16> = records.iter().map(|r| r.year).collect();
    let mut codes: BTreeSet<String> = records.iter().map(|r| r.village_code.clone()).collect();
    for year in &years {
        let year = *year as i16;
        for row in tx
            .query(
                "DELETE FROM idm_records WHERE year = $1 RETURNING village_code",
                &[&year],
            )
            .await?
        {
            codes.insert(row.get(0));
        }
    }
    for record in &records {
        insert(&tx, record).await?;
    }
    refresh_villages(&tx, &codes).await?;
    let years_text: Vec<String> = years.iter().map(u16::to_string).collect();
    audit(
        &tx,
        &by,
        AuditAction::IdmImported,
        &years_text.join(", "),
        &format!("{} rows", records.len()),
    )
    .await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(records.len() as u32)
}

pub(super) async fn save_idm(
    store: &PgStore,
    record: IdmRecord,
    by: AuditActor,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    insert(&tx, &record).await?;
    let codes = BTreeSet::from([record.village_code.clone()]);
    if !refresh_villages(&tx, &codes).await? {
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
    )
    .await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn idm_history(
    store: &PgStore,
    village_code: String,
) -> Result<Vec<IdmRecord>, StoreError> {
    let client = store.pool.get().await?;
    records_of(&client, &village_code).await
}
