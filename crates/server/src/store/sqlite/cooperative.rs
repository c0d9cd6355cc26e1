//! SQLite queries for cooperatives: staff accounts and sessions, memberships and the
//! listing history. Called by [`super::SqliteStore`]'s `Store` methods on the right
//! connection (reads) or the writer (writes).

use std::collections::HashMap;

use etalase_model::cooperative::{ListingChange, Member, Membership, StaffProfile};
use etalase_model::Seller;
use rusqlite::{params, Connection, OptionalExtension};

use super::load_docs;
use crate::store::codec::{
    actor_text, parse_actor, parse_role, parse_status, role_text, status_text, to_json,
};
use crate::store::{Actor, NewMemberRecord, StaffAccount, StaffSessionRecord, StoreError};

pub(super) fn record_listing_event(
    conn: &Connection,
    product_id: &str,
    actor: &Actor,
    status: etalase_model::ListingStatus,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO listing_events (product_id, actor, actor_id, actor_name, status)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        product_id,
        actor_text(actor.kind),
        actor.id,
        actor.name,
        status_text(status)
    ])?;
    Ok(())
}

pub(super) fn listing_history(
    conn: &Connection,
    seller_id: &str,
    product_id: &str,
) -> Result<Vec<ListingChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.at, e.actor, e.actor_name, e.status FROM listing_events e
         JOIN products p ON p.id = e.product_id
         WHERE e.product_id = ?1 AND p.seller_id = ?2 ORDER BY e.id",
    )?;
    let rows = stmt.query_map(params![product_id, seller_id], |r| {
        let actor: String = r.get(1)?;
        let status: String = r.get(3)?;
        Ok(ListingChange {
            at: r.get(0)?,
            actor: parse_actor(&actor),
            actor_name: r.get(2)?,
            status: parse_status(&status),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn create_staff(
    conn: &mut Connection,
    profile: &StaffProfile,
    whatsapp: &str,
    password_hash: &str,
) -> Result<bool, StoreError> {
    let added = conn.execute(
        "INSERT INTO staff (id, role, cooperative, name, whatsapp, password_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        params![
            profile.id,
            role_text(profile.role),
            profile.cooperative,
            profile.name,
            whatsapp,
            password_hash
        ],
    )?;
    Ok(added == 1)
}

const STAFF_COLUMNS: &str = "id, role, cooperative, name";

fn staff_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffProfile> {
    let role: String = r.get(1)?;
    Ok(StaffProfile {
        id: r.get(0)?,
        role: parse_role(&role),
        cooperative: r.get(2)?,
        name: r.get(3)?,
    })
}

pub(super) fn staff_by_whatsapp(
    conn: &Connection,
    whatsapp: &str,
) -> Result<Option<StaffAccount>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {STAFF_COLUMNS}, password_hash FROM staff WHERE whatsapp = ?1"
        ))?
        .query_row([whatsapp], |r| {
            Ok(StaffAccount {
                profile: staff_row(r)?,
                password_hash: r.get(4)?,
            })
        })
        .optional()?)
}

pub(super) fn staff(conn: &Connection, id: &str) -> Result<Option<StaffProfile>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?1"))?
        .query_row([id], staff_row)
        .optional()?)
}

pub(super) fn create_staff_session(
    conn: &Connection,
    token_hash: &str,
    session: &StaffSessionRecord,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            token_hash,
            session.staff_id,
            session.csrf_token,
            session.expires_at
        ],
    )?;
    Ok(())
}

pub(super) fn staff_session(
    conn: &Connection,
    token_hash: &str,
    now: i64,
) -> Result<Option<StaffSessionRecord>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT staff_id, csrf_token, expires_at FROM staff_sessions
             WHERE token_hash = ?1 AND expires_at > ?2",
        )?
        .query_row(params![token_hash, now], |r| {
            Ok(StaffSessionRecord {
                staff_id: r.get(0)?,
                csrf_token: r.get(1)?,
                expires_at: r.get(2)?,
            })
        })
        .optional()?)
}

/// Whether any seller (claimed or not) or account already uses the number.
fn number_taken(conn: &Connection, whatsapp: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM accounts WHERE whatsapp = ?1
             UNION ALL SELECT 1 FROM sellers WHERE json_extract(doc, '$.whatsapp') = ?1",
        )?
        .exists([whatsapp])?)
}

pub(super) fn add_member(
    conn: &mut Connection,
    member: &NewMemberRecord,
) -> Result<bool, StoreError> {
    let tx = super::write_transaction(conn)?;
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
}

pub(super) fn join_cooperative(
    conn: &mut Connection,
    seller_ids: &[String],
) -> Result<(), StoreError> {
    let tx = super::write_transaction(conn)?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO memberships (seller_id, cooperative)
             SELECT id, village_slug FROM sellers WHERE id = ?1
             ON CONFLICT DO NOTHING",
        )?;
        for id in seller_ids {
            insert.execute([id])?;
        }
    }
    tx.commit()?;
    Ok(())
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

pub(super) fn membership(
    conn: &Connection,
    seller_id: &str,
) -> Result<Option<Membership>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {MEMBERSHIP_COLUMNS} FROM memberships m WHERE m.seller_id = ?1"
        ))?
        .query_row([seller_id], |r| membership_row(r, 0))
        .optional()?)
}

pub(super) fn cooperative_members(
    conn: &Connection,
    cooperative: &str,
) -> Result<Vec<Member>, StoreError> {
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

pub(super) fn claim_member(
    conn: &mut Connection,
    claim_token_hash: &str,
    password_hash: &str,
) -> Result<Option<String>, StoreError> {
    let tx = super::write_transaction(conn)?;
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
}

pub(super) fn set_operator_may_act(
    conn: &Connection,
    seller_id: &str,
    allowed: bool,
) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE memberships SET operator_may_act = ?2 WHERE seller_id = ?1",
        params![seller_id, allowed as i64],
    )?;
    Ok(changed == 1)
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
