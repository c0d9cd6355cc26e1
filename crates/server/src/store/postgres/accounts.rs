//! Seller accounts and sessions, a seller's own document, staff accounts and staff sessions.

use etalase_model::cooperative::StaffProfile;
use etalase_model::Seller;
use tokio_postgres::Row;

use super::{changes, load_docs, PgStore};
use crate::store::codec::{parse_role, role_text, to_json};
use crate::store::{Account, SessionRecord, StaffAccount, StaffSessionRecord, StoreError};

pub(super) async fn create_account(
    store: &PgStore,
    seller: Seller,
    password_hash: String,
) -> Result<bool, StoreError> {
    let mut client = store.pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute(
        "INSERT INTO sellers (id, village_slug, doc) VALUES ($1, $2, $3::text::jsonb)",
        &[&seller.id, &seller.village_slug, &to_json(&seller)?],
    )
    .await?;
    // The unique number decides, also between two replicas signing up the same number
    // at once; the loser's seller row goes with its rolled-back transaction.
    let added = tx
        .execute(
            "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES ($1, $2, $3)
             ON CONFLICT (whatsapp) DO NOTHING",
            &[&seller.id, &seller.whatsapp, &password_hash],
        )
        .await?;
    if added != 1 {
        return Ok(false);
    }
    // The public catalog lists every seller.
    changes::notify(&tx, None).await?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn attach_account(
    store: &PgStore,
    seller_id: String,
    whatsapp: String,
    password_hash: String,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
    let added = client
        .execute(
            "INSERT INTO accounts (seller_id, whatsapp, password_hash) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&seller_id, &whatsapp, &password_hash],
        )
        .await?;
    Ok(added == 1)
}

pub(super) async fn account_by_whatsapp(
    store: &PgStore,
    whatsapp: String,
) -> Result<Option<Account>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            "SELECT seller_id, password_hash FROM accounts WHERE whatsapp = $1",
            &[&whatsapp],
        )
        .await?
        .map(|r| Account {
            seller_id: r.get(0),
            password_hash: r.get(1),
        }))
}

pub(super) async fn create_session(
    store: &PgStore,
    token_hash: String,
    session: SessionRecord,
) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute(
            "INSERT INTO sessions (token_hash, seller_id, csrf_token, expires_at)
             VALUES ($1, $2, $3, $4)",
            &[
                &token_hash,
                &session.seller_id,
                &session.csrf_token,
                &session.expires_at,
            ],
        )
        .await?;
    Ok(())
}

pub(super) async fn session(
    store: &PgStore,
    token_hash: String,
    now: i64,
) -> Result<Option<SessionRecord>, StoreError> {
    let client = store.pool.get().await?;
    let stmt = client
        .prepare_cached(
            "SELECT seller_id, csrf_token, expires_at FROM sessions
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .await?;
    Ok(client
        .query_opt(&stmt, &[&token_hash, &now])
        .await?
        .map(|r| SessionRecord {
            seller_id: r.get(0),
            csrf_token: r.get(1),
            expires_at: r.get(2),
        }))
}

pub(super) async fn delete_session(store: &PgStore, token_hash: String) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])
        .await?;
    Ok(())
}

pub(super) async fn seller(store: &PgStore, id: String) -> Result<Option<Seller>, StoreError> {
    let client = store.pool.get().await?;
    Ok(load_docs(
        &client,
        "SELECT id, doc::text FROM sellers WHERE id = $1",
        &[&id],
    )
    .await?
    .pop())
}

pub(super) async fn create_staff(
    store: &PgStore,
    profile: StaffProfile,
    whatsapp: String,
    password_hash: String,
) -> Result<bool, StoreError> {
    let client = store.pool.get().await?;
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
    store: &PgStore,
    whatsapp: String,
) -> Result<Option<StaffAccount>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            &format!(
                "SELECT {STAFF_COLUMNS}, password_hash, active FROM staff WHERE whatsapp = $1"
            ),
            &[&whatsapp],
        )
        .await?
        .map(|r| StaffAccount {
            profile: staff_row(&r),
            password_hash: r.get(4),
            active: r.get(5),
        }))
}

pub(super) async fn staff(store: &PgStore, id: String) -> Result<Option<StaffProfile>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            &format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = $1"),
            &[&id],
        )
        .await?
        .map(|r| staff_row(&r)))
}

pub(super) async fn create_staff_session(
    store: &PgStore,
    token_hash: String,
    session: StaffSessionRecord,
) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
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
    store: &PgStore,
    token_hash: String,
    now: i64,
) -> Result<Option<StaffSessionRecord>, StoreError> {
    let client = store.pool.get().await?;
    Ok(client
        .query_opt(
            "SELECT x.staff_id, x.csrf_token, x.expires_at
             FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
             WHERE x.token_hash = $1 AND x.expires_at > $2 AND s.active",
            &[&token_hash, &now],
        )
        .await?
        .map(|r| StaffSessionRecord {
            staff_id: r.get(0),
            csrf_token: r.get(1),
            expires_at: r.get(2),
        }))
}

pub(super) async fn delete_staff_session(
    store: &PgStore,
    token_hash: String,
) -> Result<(), StoreError> {
    let client = store.pool.get().await?;
    client
        .execute(
            "DELETE FROM staff_sessions WHERE token_hash = $1",
            &[&token_hash],
        )
        .await?;
    Ok(())
}
