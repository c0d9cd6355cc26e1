//! Seller accounts and sessions, a seller's own document, staff accounts and staff sessions.

use etalase_model::cooperative::StaffProfile;
use etalase_model::Seller;
use rusqlite::{params, OptionalExtension};

use super::{load_docs, write_transaction, SqliteStore};
use crate::store::codec::{parse_role, role_text, to_json};
use crate::store::{Account, SessionRecord, StaffAccount, StaffSessionRecord, StoreError};

pub(super) async fn create_account(
    store: &SqliteStore,
    seller: Seller,
    password_hash: String,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let tx = write_transaction(conn)?;
            let taken = tx
                .prepare_cached("SELECT 1 FROM accounts WHERE whatsapp = ?1")?
                .exists([&seller.whatsapp])?;
            if taken {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO sellers (id, village_slug, doc) VALUES (?1, ?2, ?3)",
                params![seller.id, seller.village_slug, to_json(&seller)?],
            )?;
            tx.execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES (?1, ?2, ?3)",
                params![seller.id, seller.whatsapp, password_hash],
            )?;
            tx.commit()?;
            Ok(true)
        })
        .await
}

pub(super) async fn attach_account(
    store: &SqliteStore,
    seller_id: String,
    whatsapp: String,
    password_hash: String,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
            let added = conn.execute(
                "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![seller_id, whatsapp, password_hash],
            )?;
            Ok(added == 1)
        })
        .await
}

pub(super) async fn account_by_whatsapp(
    store: &SqliteStore,
    whatsapp: String,
) -> Result<Option<Account>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT seller_id, password_hash FROM accounts WHERE whatsapp = ?1",
                )?
                .query_row([whatsapp], |r| {
                    Ok(Account {
                        seller_id: r.get(0)?,
                        password_hash: r.get(1)?,
                    })
                })
                .optional()?)
        })
        .await
}

pub(super) async fn create_session(
    store: &SqliteStore,
    token_hash: String,
    session: SessionRecord,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            conn.execute(
                "INSERT INTO sessions (token_hash, seller_id, csrf_token, expires_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    token_hash,
                    session.seller_id,
                    session.csrf_token,
                    session.expires_at
                ],
            )?;
            Ok(())
        })
        .await
}

pub(super) async fn session(
    store: &SqliteStore,
    token_hash: String,
    now: i64,
) -> Result<Option<SessionRecord>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT seller_id, csrf_token, expires_at FROM sessions
                     WHERE token_hash = ?1 AND expires_at > ?2",
                )?
                .query_row(params![token_hash, now], |r| {
                    Ok(SessionRecord {
                        seller_id: r.get(0)?,
                        csrf_token: r.get(1)?,
                        expires_at: r.get(2)?,
                    })
                })
                .optional()?)
        })
        .await
}

pub(super) async fn delete_session(
    store: &SqliteStore,
    token_hash: String,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
            Ok(())
        })
        .await
}

pub(super) async fn seller(store: &SqliteStore, id: String) -> Result<Option<Seller>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(load_docs(conn, "SELECT id, doc FROM sellers WHERE id = ?1", [id])?.pop())
        })
        .await
}

pub(super) async fn create_staff(
    store: &SqliteStore,
    profile: StaffProfile,
    whatsapp: String,
    password_hash: String,
) -> Result<bool, StoreError> {
    store
        .write(move |conn| {
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
        })
        .await
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

pub(super) async fn staff_by_whatsapp(
    store: &SqliteStore,
    whatsapp: String,
) -> Result<Option<StaffAccount>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {STAFF_COLUMNS}, password_hash, active FROM staff WHERE whatsapp = ?1"
                ))?
                .query_row([whatsapp], |r| {
                    Ok(StaffAccount {
                        profile: staff_row(r)?,
                        password_hash: r.get(4)?,
                        active: r.get(5)?,
                    })
                })
                .optional()?)
        })
        .await
}

pub(super) async fn staff(
    store: &SqliteStore,
    id: String,
) -> Result<Option<StaffProfile>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(&format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?1"))?
                .query_row([id], staff_row)
                .optional()?)
        })
        .await
}

pub(super) async fn create_staff_session(
    store: &SqliteStore,
    token_hash: String,
    session: StaffSessionRecord,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
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
        })
        .await
}

pub(super) async fn staff_session(
    store: &SqliteStore,
    token_hash: String,
    now: i64,
) -> Result<Option<StaffSessionRecord>, StoreError> {
    store
        .with_conn(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT x.staff_id, x.csrf_token, x.expires_at
                     FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
                     WHERE x.token_hash = ?1 AND x.expires_at > ?2 AND s.active",
                )?
                .query_row(params![token_hash, now], |r| {
                    Ok(StaffSessionRecord {
                        staff_id: r.get(0)?,
                        csrf_token: r.get(1)?,
                        expires_at: r.get(2)?,
                    })
                })
                .optional()?)
        })
        .await
}

pub(super) async fn delete_staff_session(
    store: &SqliteStore,
    token_hash: String,
) -> Result<(), StoreError> {
    store
        .write(move |conn| {
            conn.execute(
                "DELETE FROM staff_sessions WHERE token_hash = ?1",
                [token_hash],
            )?;
            Ok(())
        })
        .await
}
