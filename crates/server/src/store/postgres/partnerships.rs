//! Partners and partnerships as district staff record them: each save checks the partner
//! and the villages it names, replaces the partnership's village rows and writes the audit
//! row, all in one transaction, and tells the other replicas the catalog changed.

use deadpool_postgres::GenericClient;
use etalase_model::moderation::AuditAction;
use etalase_model::{Partner, Partnership, PartnershipStatus};

use super::moderation::audit;
use super::{changes, PgStore};
use crate::store::codec::{
    end_year_problems, parse_doc, partner_audit_detail, partnership_audit_detail,
    partnership_status_text, to_json,
};
use crate::store::{AuditActor, PartnershipRefusal, StoreError};

type Outcome = Result<Partnership, PartnershipRefusal>;

/// The document under `key`, locked until the transaction ends.
async fn doc_of(
    client: &impl GenericClient,
    sql: &str,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(client
        .query_opt(sql, &[&key])
        .await?
        .map(|row| row.get::<_, String>(0)))
}

pub(super) async fn save_partner(
    store: &PgStore,
    mut partner: Partner,
    by: AuditActor,
) -> Result<Partner, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let known = doc_of(
        &tx,
        "SELECT doc::text FROM partners WHERE slug = $1 FOR UPDATE",
        &partner.slug,
    )
    .await?;
    if let Some(doc) = &known {
        let before: Partner = parse_doc(&partner.slug, doc)?;
        partner.demo = before.demo;
    }
    tx.execute(
        "INSERT INTO partners (slug, doc) VALUES ($1, $2::text::jsonb)
         ON CONFLICT (slug) DO UPDATE SET doc = excluded.doc",
        &[&partner.slug, &to_json(&partner)?],
    )
    .await?;
    let detail = partner_audit_detail(&partner, known.is_none());
    audit(&tx, &by, AuditAction::PartnerSaved, &partner.slug, &detail).await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(partner)
}

async fn write_partnership(
    client: &impl GenericClient,
    ship: &Partnership,
) -> Result<(), StoreError> {
    // An upsert keeps the row's `seq`, so the partnership keeps its place in the catalog.
    client
        .execute(
            "INSERT INTO partnerships (id, partner_slug, status, doc)
             VALUES ($1, $2, $3, $4::text::jsonb)
             ON CONFLICT (id) DO UPDATE SET partner_slug = excluded.partner_slug,
                status = excluded.status, doc = excluded.doc",
            &[
                &ship.id,
                &ship.partner_slug,
                &partnership_status_text(ship.status),
                &to_json(ship)?,
            ],
        )
        .await?;
    client
        .execute(
            "DELETE FROM partnership_villages WHERE partnership_id = $1",
            &[&ship.id],
        )
        .await?;
    client
        .execute(
            "INSERT INTO partnership_villages (partnership_id, village_slug)
             SELECT $1, v FROM unnest($2::text[]) AS v ON CONFLICT DO NOTHING",
            &[&ship.id, &ship.village_slugs],
        )
        .await?;
    Ok(())
}

pub(super) async fn save_partnership(
    store: &PgStore,
    ship: Partnership,
    by: AuditActor,
) -> Result<Outcome, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    // Locking the partner keeps it from changing under the new row (partners are never
    // deleted, so its existence is settled either way).
    if doc_of(
        &tx,
        "SELECT doc::text FROM partners WHERE slug = $1 FOR SHARE",
        &ship.partner_slug,
    )
    .await?
    .is_none()
    {
        return Ok(Err(PartnershipRefusal::UnknownPartner));
    }
    let known: Vec<String> = tx
        .query(
            "SELECT slug FROM villages WHERE slug = ANY($1::text[])",
            &[&ship.village_slugs],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let unknown: Vec<String> = ship
        .village_slugs
        .iter()
        .filter(|v| !known.contains(v))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Ok(Err(PartnershipRefusal::UnknownVillages(unknown)));
    }
    let created = doc_of(
        &tx,
        "SELECT doc::text FROM partnerships WHERE id = $1 FOR UPDATE",
        &ship.id,
    )
    .await?
    .is_none();
    write_partnership(&tx, &ship).await?;
    let detail = partnership_audit_detail(&ship, created);
    audit(&tx, &by, AuditAction::PartnershipSaved, &ship.id, &detail).await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(Ok(ship))
}

pub(super) async fn end_partnership(
    store: &PgStore,
    id: String,
    end_year: u16,
    by: AuditActor,
) -> Result<Outcome, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let Some(doc) = doc_of(
        &tx,
        "SELECT doc::text FROM partnerships WHERE id = $1 FOR UPDATE",
        &id,
    )
    .await?
    else {
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
    write_partnership(&tx, &ship).await?;
    let detail = format!("{} → finished, {}", was.slug(), ship.years());
    audit(&tx, &by, AuditAction::PartnershipEnded, &id, &detail).await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(Ok(ship))
}
