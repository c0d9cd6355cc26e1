//! What the district runs: cooperatives' details on their village's document, and staff
//! invitations (stored by the token's hash, used once, for a week).

use deadpool_postgres::GenericClient;
use etalase_model::cooperative::StaffProfile;
use etalase_model::district::{non_blank, CooperativeDetails, NewInvite};
use etalase_model::moderation::AuditAction;
use etalase_model::rules::normalize_whatsapp;
use etalase_model::Village;

use super::moderation::audit;
use super::{changes, PgStore};
use crate::store::codec::{parse_doc, parse_role, role_text, to_json};
use crate::store::{AuditActor, InviteRecord, StoreError};

pub(super) async fn save_cooperative(
    store: &PgStore,
    village_slug: String,
    details: CooperativeDetails,
    by: AuditActor,
) -> Result<Option<Village>, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let Some(row) = tx
        .query_opt(
            "SELECT slug, doc::text FROM villages WHERE slug = $1 FOR UPDATE",
            &[&village_slug],
        )
        .await?
    else {
        return Ok(None);
    };
    let mut village: Village = parse_doc(row.get(0), row.get(1))?;
    village.cooperative = details.name.trim().to_string();
    village.cooperative_legal_number = non_blank(details.legal_number);
    village.cooperative_whatsapp = non_blank(details.whatsapp).and_then(|n| normalize_whatsapp(&n));
    village.cooperative_address = non_blank(details.address);
    tx.execute(
        "UPDATE villages SET doc = $2::text::jsonb WHERE slug = $1",
        &[&village_slug, &to_json(&village)?],
    )
    .await?;
    audit(
        &tx,
        &by,
        AuditAction::CooperativeSaved,
        &village_slug,
        &village.cooperative,
    )
    .await?;
    changes::notify(&tx, Some(&store.replica)).await?;
    tx.commit().await?;
    Ok(Some(village))
}

pub(super) async fn create_invite(
    store: &PgStore,
    invite: InviteRecord,
    by: AuditActor,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    let i = &invite.invite;
    let taken = tx
        .query_opt("SELECT 1 FROM staff WHERE whatsapp = $1", &[&i.whatsapp])
        .await?
        .is_some();
    if taken {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO staff_invites
            (token_hash, role, cooperative, name, whatsapp, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &invite.token_hash,
            &role_text(i.role),
            &i.cooperative,
            &i.name,
            &i.whatsapp,
            &by.id,
            &invite.expires_at,
        ],
    )
    .await?;
    let detail = format!("{} {}", role_text(i.role), i.name);
    audit(&tx, &by, AuditAction::StaffInvited, &i.whatsapp, &detail).await?;
    tx.commit().await?;
    Ok(true)
}

async fn read_invite(
    client: &impl GenericClient,
    token_hash: &str,
    now: i64,
    lock: bool,
) -> Result<Option<InviteRecord>, StoreError> {
    let sql = format!(
        "SELECT role, cooperative, name, whatsapp, expires_at FROM staff_invites
         WHERE token_hash = $1 AND claimed_by IS NULL AND expires_at > $2{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    Ok(client
        .query_opt(&sql, &[&token_hash, &now])
        .await?
        .map(|r| InviteRecord {
            token_hash: token_hash.to_string(),
            invite: NewInvite {
                role: parse_role(r.get(0)),
                cooperative: r.get(1),
                name: r.get(2),
                whatsapp: r.get(3),
            },
            expires_at: r.get(4),
        }))
}

pub(super) async fn invite(
    store: &PgStore,
    token_hash: String,
    now: i64,
) -> Result<Option<InviteRecord>, StoreError> {
    let client = store.pool.get().await?;
    read_invite(&client, &token_hash, now, false).await
}

pub(super) async fn claim_invite(
    store: &PgStore,
    token_hash: String,
    now: i64,
    id: String,
    password_hash: String,
) -> Result<Option<StaffProfile>, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    // The row lock makes two claims of one link at once take turns; the second finds it used.
    let Some(record) = read_invite(&tx, &token_hash, now, true).await? else {
        return Ok(None);
    };
    let i = record.invite;
    let added = tx
        .execute(
            "INSERT INTO staff (id, role, cooperative, name, whatsapp, password_hash)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            &[
                &id,
                &role_text(i.role),
                &i.cooperative,
                &i.name,
                &i.whatsapp,
                &password_hash,
            ],
        )
        .await?;
    if added != 1 {
        return Ok(None);
    }
    tx.execute(
        "UPDATE staff_invites SET claimed_by = $2 WHERE token_hash = $1",
        &[&token_hash, &id],
    )
    .await?;
    tx.commit().await?;
    Ok(Some(StaffProfile {
        id,
        name: i.name,
        role: i.role,
        cooperative: i.cooperative,
    }))
}
