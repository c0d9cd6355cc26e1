//! What the district runs: cooperatives' details on their village's document, and staff
//! invitations (stored by the token's hash, used once, for a week).

use etalase_model::cooperative::StaffProfile;
use etalase_model::district::{non_blank, CooperativeDetails, NewInvite};
use etalase_model::moderation::AuditAction;
use etalase_model::rules::normalize_whatsapp;
use etalase_model::Village;
use rusqlite::{params, OptionalExtension};

use super::moderation::audit;
use super::{write_transaction, SqliteStore};
use crate::store::codec::{parse_role, role_text, to_json};
use crate::store::{AuditActor, InviteRecord, StoreError};

pub(super) async fn save_cooperative(
    store: &SqliteStore,
    village_slug: String,
    details: CooperativeDetails,
    by: AuditActor,
) -> Result<Option<Village>, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let doc: Option<String> = tx
                .query_row(
                    "SELECT doc FROM villages WHERE slug = ?1",
                    [&village_slug],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(doc) = doc else {
                return Ok(None);
            };
            let mut village: Village =
                serde_json::from_str(&doc).map_err(|e| StoreError::Corrupt {
                    id: village_slug.clone(),
                    reason: e.to_string(),
                })?;
            village.cooperative = details.name.trim().to_string();
            village.cooperative_legal_number = non_blank(details.legal_number);
            village.cooperative_whatsapp =
                non_blank(details.whatsapp).and_then(|n| normalize_whatsapp(&n));
            village.cooperative_address = non_blank(details.address);
            tx.execute(
                "UPDATE villages SET doc = ?2 WHERE slug = ?1",
                params![village_slug, to_json(&village)?],
            )?;
            audit(
                &tx,
                &by,
                AuditAction::CooperativeSaved,
                &village_slug,
                &village.cooperative,
            )?;
            tx.commit()?;
            Ok(Some(village))
        })
        .await
}

pub(super) async fn create_invite(
    store: &SqliteStore,
    invite: InviteRecord,
    by: AuditActor,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let i = &invite.invite;
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM staff WHERE whatsapp = ?1)",
                [&i.whatsapp],
                |r| r.get(0),
            )?;
            if taken {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO staff_invites
                    (token_hash, role, cooperative, name, whatsapp, created_by, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    invite.token_hash,
                    role_text(i.role),
                    i.cooperative,
                    i.name,
                    i.whatsapp,
                    by.id,
                    invite.expires_at
                ],
            )?;
            let detail = format!("{} {}", role_text(i.role), i.name);
            audit(&tx, &by, AuditAction::StaffInvited, &i.whatsapp, &detail)?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

fn read_invite(
    conn: &rusqlite::Connection,
    token_hash: &str,
    now: i64,
) -> Result<Option<InviteRecord>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT role, cooperative, name, whatsapp, expires_at FROM staff_invites
             WHERE token_hash = ?1 AND claimed_by IS NULL AND expires_at > ?2",
        )?
        .query_row(params![token_hash, now], |r| {
            let role: String = r.get(0)?;
            Ok(InviteRecord {
                token_hash: token_hash.to_string(),
                invite: NewInvite {
                    role: parse_role(&role),
                    cooperative: r.get(1)?,
                    name: r.get(2)?,
                    whatsapp: r.get(3)?,
                },
                expires_at: r.get(4)?,
            })
        })
        .optional()?)
}

pub(super) async fn invite(
    store: &SqliteStore,
    token_hash: String,
    now: i64,
) -> Result<Option<InviteRecord>, StoreError> {
    store
        .with_conn(move |conn| read_invite(conn, &token_hash, now))
        .await
}

pub(super) async fn claim_invite(
    store: &SqliteStore,
    token_hash: String,
    now: i64,
    id: String,
    password_hash: String,
) -> Result<Option<StaffProfile>, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let Some(record) = read_invite(&tx, &token_hash, now)? else {
                return Ok(None);
            };
            let i = record.invite;
            let added = tx.execute(
                "INSERT INTO staff (id, role, cooperative, name, whatsapp, password_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                params![
                    id,
                    role_text(i.role),
                    i.cooperative,
                    i.name,
                    i.whatsapp,
                    password_hash
                ],
            )?;
            if added != 1 {
                return Ok(None);
            }
            tx.execute(
                "UPDATE staff_invites SET claimed_by = ?2 WHERE token_hash = ?1",
                params![token_hash, id],
            )?;
            tx.commit()?;
            Ok(Some(StaffProfile {
                id,
                name: i.name,
                role: i.role,
                cooperative: i.cooperative,
            }))
        })
        .await
}
