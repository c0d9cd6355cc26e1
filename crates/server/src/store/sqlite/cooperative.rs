//! Cooperative memberships: members an operator adds, their claims, the operator's consent
//! to act for them, the member lists, and whom a seller sells through.

use std::collections::HashMap;

use etalase_model::cooperative::{Member, Membership};
use etalase_model::Seller;
use rusqlite::{params, Connection, OptionalExtension};

use super::{load_docs, write_transaction, SqliteStore};
use crate::store::codec::{status_text, to_json};
use crate::store::{NewMemberRecord, StoreError};

/// Whether any seller (claimed or not) or account already uses the number.
fn number_taken(conn: &Connection, whatsapp: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM accounts WHERE whatsapp = ?1
             UNION ALL SELECT 1 FROM sellers WHERE json_extract(doc, '$.whatsapp') = ?1",
        )?
        .exists([whatsapp])?)
}

pub(super) async fn add_member(
    store: &SqliteStore,
    member: NewMemberRecord,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            if number_taken(&tx, &member.seller.whatsapp)? {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO sellers (id, village_slug, doc) VALUES (?1, ?2, ?3)",
                params![
                    member.seller.id,
                    member.seller.village_slug,
                    to_json(&member.seller)?
                ],
            )?;
            tx.execute(
                "INSERT INTO memberships (seller_id, cooperative, claim_token_hash, added_by)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    member.seller.id,
                    member.cooperative,
                    member.claim_token_hash,
                    member.added_by
                ],
            )?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

pub(super) async fn join_cooperative(
    store: &SqliteStore,
    seller_ids: Vec<String>,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO memberships (seller_id, cooperative)
                     SELECT id, village_slug FROM sellers WHERE id = ?1
                     ON CONFLICT DO NOTHING",
                )?;
                for id in &seller_ids {
                    insert.execute([id])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await
}

const MEMBERSHIP_COLUMNS: &str = "m.cooperative, m.operator_may_act,
    EXISTS (SELECT 1 FROM accounts a WHERE a.seller_id = m.seller_id)";

fn membership_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Membership> {
    Ok(Membership {
        cooperative: r.get(at)?,
        operator_may_act: r.get::<_, i64>(at + 1)? != 0,
        claimed: r.get::<_, i64>(at + 2)? != 0,
    })
}

pub(super) async fn membership(
    store: &SqliteStore,
    seller_id: String,
) -> Result<Option<Membership>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {MEMBERSHIP_COLUMNS} FROM memberships m WHERE m.seller_id = ?1"
                ))?
                .query_row([seller_id], |r| membership_row(r, 0))
                .optional()?)
        })
        .await
}

pub(super) async fn cooperative_members(
    store: &SqliteStore,
    cooperative: String,
) -> Result<Vec<Member>, StoreError> {
    store
        .with_conn(move |conn| members_of(conn, &cooperative))
        .await
}

/// The members of `cooperative`, by name, with their listing counts.
fn members_of(conn: &Connection, cooperative: &str) -> Result<Vec<Member>, StoreError> {
    let sellers: Vec<Seller> = load_docs(
        conn,
        "SELECT s.id, s.doc FROM sellers s JOIN memberships m ON m.seller_id = s.id
         WHERE m.cooperative = ?1",
        [cooperative],
    )?;
    let mut memberships = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.seller_id, {MEMBERSHIP_COLUMNS},
           (SELECT count(*) FROM products p WHERE p.seller_id = m.seller_id),
           (SELECT count(*) FROM products p WHERE p.seller_id = m.seller_id AND p.status = ?2)
         FROM memberships m WHERE m.cooperative = ?1"
    ))?;
    let rows = stmt.query_map(
        params![
            cooperative,
            status_text(etalase_model::ListingStatus::Published)
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    membership_row(r, 1)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, u32>(5)?,
                ),
            ))
        },
    )?;
    for row in rows {
        let (id, value) = row?;
        memberships.insert(id, value);
    }
    let mut members: Vec<Member> = sellers
        .into_iter()
        .filter_map(|seller| {
            let (membership, listings, published) = memberships.remove(&seller.id)?;
            Some(Member {
                seller,
                membership,
                listings,
                published,
            })
        })
        .collect();
    members.sort_by(|a, b| {
        a.seller
            .name
            .to_lowercase()
            .cmp(&b.seller.name.to_lowercase())
    });
    Ok(members)
}

pub(super) async fn claim_member(
    store: &SqliteStore,
    claim_token_hash: String,
    password_hash: String,
) -> Result<Option<String>, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let found: Option<(String, String)> = tx
                .prepare_cached(
                    "SELECT s.id, json_extract(s.doc, '$.whatsapp') FROM memberships m
                     JOIN sellers s ON s.id = m.seller_id WHERE m.claim_token_hash = ?1",
                )?
                .query_row([claim_token_hash], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((seller_id, whatsapp)) = found else {
                return Ok(None);
            };
            let added = tx.execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![seller_id, whatsapp, password_hash],
            )?;
            if added != 1 {
                return Ok(None);
            }
            tx.execute(
                "UPDATE memberships SET claim_token_hash = NULL WHERE seller_id = ?1",
                [&seller_id],
            )?;
            tx.commit()?;
            Ok(Some(seller_id))
        })
        .await
}

pub(super) async fn set_operator_may_act(
    store: &SqliteStore,
    seller_id: String,
    allowed: bool,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let changed = conn.execute(
                "UPDATE memberships SET operator_may_act = ?2 WHERE seller_id = ?1",
                params![seller_id, allowed as i64],
            )?;
            Ok(changed == 1)
        })
        .await
}

/// Seller id → the name of the cooperative they sell through, for the public catalog.
pub(super) fn cooperative_names(conn: &Connection) -> Result<HashMap<String, String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.seller_id, json_extract(v.doc, '$.cooperative') FROM memberships m
         JOIN villages v ON v.slug = m.cooperative",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
