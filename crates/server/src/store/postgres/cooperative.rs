//! PostgreSQL queries for cooperatives: staff accounts and sessions, memberships and the
//! listing history; the same rules as `sqlite/cooperative.rs`, in PostgreSQL's dialect.

use std::collections::HashMap;

use deadpool_postgres::GenericClient;
use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};
use etalase_model::{ListingStatus, Seller};
use tokio_postgres::Row;

use super::count;
use crate::store::codec::{
    actor_text, parse_actor, parse_role, parse_status, role_text, status_text, to_json,
};
use crate::store::{Actor, NewMemberRecord, StaffAccount, StaffSessionRecord, StoreError};

pub(super) async fn record_listing_event(
    client: &impl GenericClient,
    product_id: &str,
    actor: &Actor,
    status: ListingStatus,
) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO listing_events (product_id, actor, actor_id, actor_name, status)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &product_id,
                &actor_text(actor.kind),
                &actor.id,
                &actor.name,
                &status_text(status),
            ],
        )
        .await?;
    Ok(())
}

pub(super) async fn listing_history(
    client: &impl GenericClient,
    seller_id: &str,
    product_id: &str,
) -> Result<Vec<ListingChange>, StoreError> {
    Ok(client
        .query(
            "SELECT e.at, e.actor, e.actor_name, e.status FROM listing_events e
             JOIN products p ON p.id = e.product_id
             WHERE e.product_id = $1 AND p.seller_id = $2 ORDER BY e.id",
            &[&product_id, &seller_id],
        )
        .await?
        .iter()
        .map(|r| ListingChange {
            at: r.get(0),
            actor: parse_actor(r.get(1)),
            actor_name: r.get(2),
            status: parse_status(r.get(3)),
        })
        .collect())
}

pub(super) async fn create_staff(
    client: &impl GenericClient,
    profile: &StaffProfile,
    whatsapp: &str,
    password_hash: &str,
) -> Result<bool, StoreError> {
    let added = client
        .execute(
            "INSERT INTO staff (id, role, cooperative, name, whatsapp, password_hash)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            &[
                &profile.id,
                &role_text(profile.role),
                &profile.cooperative,
                &profile.name,
                &whatsapp,
                &password_hash,
            ],
        )
        .await?;
    Ok(added == 1)
}

const STAFF_COLUMNS: &str = "id, role, cooperative, name";

fn staff_row(r: &Row) -> StaffProfile {
    StaffProfile {
        id: r.get(0),
        role: parse_role(r.get(1)),
        cooperative: r.get(2),
        name: r.get(3),
    }
}

pub(super) async fn staff_by_whatsapp(
    client: &impl GenericClient,
    whatsapp: &str,
) -> Result<Option<StaffAccount>, StoreError> {
    Ok(client
        .query_opt(
            &format!("SELECT {STAFF_COLUMNS}, password_hash FROM staff WHERE whatsapp = $1"),
            &[&whatsapp],
        )
        .await?
        .map(|r| StaffAccount {
            profile: staff_row(&r),
            password_hash: r.get(4),
        }))
}

pub(super) async fn staff(
    client: &impl GenericClient,
    id: &str,
) -> Result<Option<StaffProfile>, StoreError> {
    Ok(client
        .query_opt(
            &format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = $1"),
            &[&id],
        )
        .await?
        .map(|r| staff_row(&r)))
}

pub(super) async fn create_staff_session(
    client: &impl GenericClient,
    token_hash: &str,
    session: &StaffSessionRecord,
) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, expires_at)
             VALUES ($1, $2, $3, $4)",
            &[
                &token_hash,
                &session.staff_id,
                &session.csrf_token,
                &session.expires_at,
            ],
        )
        .await?;
    Ok(())
}

pub(super) async fn staff_session(
    client: &impl GenericClient,
    token_hash: &str,
    now: i64,
) -> Result<Option<StaffSessionRecord>, StoreError> {
    Ok(client
        .query_opt(
            "SELECT staff_id, csrf_token, expires_at FROM staff_sessions
             WHERE token_hash = $1 AND expires_at > $2",
            &[&token_hash, &now],
        )
        .await?
        .map(|r| StaffSessionRecord {
            staff_id: r.get(0),
            csrf_token: r.get(1),
            expires_at: r.get(2),
        }))
}

pub(super) async fn add_member(
    client: &mut deadpool_postgres::Object,
    member: &NewMemberRecord,
) -> Result<bool, StoreError> {
    let tx = client.transaction().await?;
    // "No seller or account uses this number yet" is not a constraint the schema can
    // state (the number is inside the seller's document), so two operators adding the
    // same number at once take turns on a lock named after it.
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('whatsapp:' || $1, 0))",
        &[&member.seller.whatsapp],
    )
    .await?;
    let taken = tx
        .query_opt(
            "SELECT 1 FROM accounts WHERE whatsapp = $1
             UNION ALL SELECT 1 FROM sellers WHERE doc->>'whatsapp' = $1 LIMIT 1",
            &[&member.seller.whatsapp],
        )
        .await?
        .is_some();
    if taken {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO sellers (id, village_slug, doc) VALUES ($1, $2, $3::text::jsonb)",
        &[
            &member.seller.id,
            &member.seller.village_slug,
            &to_json(&member.seller)?,
        ],
    )
    .await?;
    tx.execute(
        "INSERT INTO memberships (seller_id, cooperative, claim_token_hash, added_by)
         VALUES ($1, $2, $3, $4)",
        &[
            &member.seller.id,
            &member.cooperative,
            &member.claim_token_hash,
            &member.added_by,
        ],
    )
    .await?;
    // A new seller, and the cooperative they sell through, are public.
    super::changes::notify(&tx, None).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn join_cooperative(
    client: &impl GenericClient,
    seller_ids: &[String],
) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO memberships (seller_id, cooperative)
             SELECT id, village_slug FROM sellers WHERE id = ANY($1)
             ON CONFLICT DO NOTHING",
            &[&seller_ids],
        )
        .await?;
    // Whom a seller sells through is public.
    super::changes::notify(client, None).await?;
    Ok(())
}

const MEMBERSHIP_COLUMNS: &str = "m.cooperative, m.operator_may_act,
    EXISTS (SELECT 1 FROM accounts a WHERE a.seller_id = m.seller_id)";

fn membership_row(r: &Row, at: usize) -> Membership {
    Membership {
        cooperative: r.get(at),
        operator_may_act: r.get(at + 1),
        claimed: r.get(at + 2),
    }
}

pub(super) async fn membership(
    client: &impl GenericClient,
    seller_id: &str,
) -> Result<Option<Membership>, StoreError> {
    Ok(client
        .query_opt(
            &format!("SELECT {MEMBERSHIP_COLUMNS} FROM memberships m WHERE m.seller_id = $1"),
            &[&seller_id],
        )
        .await?
        .map(|r| membership_row(&r, 0)))
}

pub(super) async fn cooperative_members(
    client: &impl GenericClient,
    cooperative: &str,
) -> Result<Vec<Member>, StoreError> {
    let rows = client
        .query(
            &format!(
                "SELECT s.id, s.doc::text, {MEMBERSHIP_COLUMNS},
                   (SELECT count(*) FROM products p WHERE p.seller_id = m.seller_id),
                   (SELECT count(*) FROM products p
                     WHERE p.seller_id = m.seller_id AND p.status = $2)
                 FROM memberships m JOIN sellers s ON s.id = m.seller_id
                 WHERE m.cooperative = $1"
            ),
            &[&cooperative, &status_text(ListingStatus::Published)],
        )
        .await?;
    let mut members = rows
        .iter()
        .map(|r| {
            let seller: Seller = crate::store::codec::parse_doc(r.get(0), r.get(1))?;
            Ok(Member {
                seller,
                membership: membership_row(r, 2),
                listings: count(r.get(5)),
                published: count(r.get(6)),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    members.sort_by(|a, b| {
        a.seller
            .name
            .to_lowercase()
            .cmp(&b.seller.name.to_lowercase())
    });
    Ok(members)
}

pub(super) async fn claim_member(
    client: &mut deadpool_postgres::Object,
    claim_token_hash: &str,
    password_hash: &str,
) -> Result<Option<String>, StoreError> {
    let tx = client.transaction().await?;
    // The row lock makes a link clicked twice at once claim once.
    let Some(found) = tx
        .query_opt(
            "SELECT s.id, s.doc->>'whatsapp' FROM memberships m
             JOIN sellers s ON s.id = m.seller_id WHERE m.claim_token_hash = $1
             FOR UPDATE OF m",
            &[&claim_token_hash],
        )
        .await?
    else {
        return Ok(None);
    };
    let seller_id: String = found.get(0);
    let whatsapp: Option<String> = found.get(1);
    let added = tx
        .execute(
            "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&seller_id, &whatsapp, &password_hash],
        )
        .await?;
    if added != 1 {
        return Ok(None);
    }
    tx.execute(
        "UPDATE memberships SET claim_token_hash = NULL WHERE seller_id = $1",
        &[&seller_id],
    )
    .await?;
    tx.commit().await?;
    Ok(Some(seller_id))
}

/// Seller id → the name of the cooperative they sell through, for the public catalog.
pub(super) async fn cooperative_names(
    client: &impl GenericClient,
) -> Result<HashMap<String, String>, StoreError> {
    Ok(client
        .query(
            "SELECT m.seller_id, v.doc->>'cooperative' FROM memberships m
             JOIN villages v ON v.slug = m.cooperative
             WHERE v.doc->>'cooperative' IS NOT NULL",
            &[],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}
