//! Cooperative memberships: members an operator adds, their claims, the operator's consent
//! to act for them, the member lists, and whom a seller sells through; the same rules as
//! `sqlite/cooperative.rs`, in PostgreSQL's dialect.

use std::collections::HashMap;

use deadpool_postgres::GenericClient;
use etalase_model::cooperative::{Member, Membership};
use etalase_model::{ListingStatus, Seller};
use tokio_postgres::Row;

use super::{changes, count, PgStore};
use crate::store::codec::{status_text, to_json};
use crate::store::{NewMemberRecord, StoreError};

pub(super) async fn add_member(
    store: &PgStore,
    member: NewMemberRecord,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
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
    changes::notify(&tx, None).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn join_cooperative(
    store: &PgStore,
    seller_ids: Vec<String>,
) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute(
            "INSERT INTO memberships (seller_id, cooperative)
             SELECT id, village_slug FROM sellers WHERE id = ANY($1)
             ON CONFLICT DO NOTHING",
            &[&seller_ids],
        )
        .await?;
    // Whom a seller sells through is public.
    changes::notify(&client, None).await?;
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
    store: &PgStore,
    seller_id: String,
) -> Result<Option<Membership>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            &format!("SELECT {MEMBERSHIP_COLUMNS} FROM memberships m WHERE m.seller_id = $1"),
            &[&seller_id],
        )
        .await?
        .map(|r| membership_row(&r, 0)))
}

pub(super) async fn cooperative_members(
    store: &PgStore,
    cooperative: String,
) -> Result<Vec<Member>, StoreError> {
    let client = store.pool.get().await?;
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
    store: &PgStore,
    claim_token_hash: String,
    password_hash: String,
) -> Result<Option<String>, StoreError> {
    let mut client = store.pool.get().await?;
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

pub(super) async fn set_operator_may_act(
    store: &PgStore,
    seller_id: String,
    allowed: bool,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    let changed = client
        .execute(
            "UPDATE memberships SET operator_may_act = $2 WHERE seller_id = $1",
            &[&seller_id, &allowed],
        )
        .await?;
    Ok(changed == 1)
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
