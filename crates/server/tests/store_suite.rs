//! One test suite for every [`Store`] engine.
//!
//! Each test runs its body against every engine [`engines`] yields, through
//! `Arc<dyn Store>` only: what passes here on SQLite must pass on PostgreSQL. The tests
//! assert the behaviour the trait documents (see `src/store/mod.rs`); where the trait leaves
//! something open that the app relies on (an order, a boundary), the test says so in its doc
//! comment. SQLite-only behaviour (WAL, migrations from old schemas, group commit, a
//! panicking write, an unwritable directory) stays in `src/store/sqlite/tests.rs`.
//!
//! Timestamps are compared as the trait documents them (`2026-11-23T10:00:00.000Z`, which
//! sorts as text in time order), never to a clock; JSON columns (inquiry docs and items) are
//! compared parsed, since an engine may store them as `jsonb` and respell them.

use std::sync::Arc;

use etalase_model::cooperative::{ActorKind, StaffProfile, StaffRole};
use etalase_model::{Catalog, Date, InquiryKind, InquiryStatus, ListingStatus, Product, Seller};
use etalase_server::notices::facts::{for_answer, for_new_inquiry, Asked};
use etalase_server::store::postgres::PgStore;
use etalase_server::store::sqlite::SqliteStore;
use etalase_server::store::{Actor, InboxPage, NewInquiry, PartUpdate, Store};

#[path = "common/pg.rs"]
mod pg;

#[path = "store_suite/accounts.rs"]
mod accounts;
#[path = "store_suite/catalog.rs"]
mod catalog;
#[path = "store_suite/cooperative.rs"]
mod cooperative;
#[path = "store_suite/district.rs"]
mod district;
#[path = "store_suite/idm.rs"]
mod idm;
#[path = "store_suite/inbox.rs"]
mod inbox;
#[path = "store_suite/inquiries.rs"]
mod inquiries;
#[path = "store_suite/listings.rs"]
mod listings;
#[path = "store_suite/moderation.rs"]
mod moderation;
#[path = "store_suite/notices.rs"]
mod notices;
#[path = "store_suite/partnerships.rs"]
mod partnerships;
#[path = "store_suite/push.rs"]
mod push;
#[path = "store_suite/quotes.rs"]
mod quotes;
#[path = "store_suite/races.rs"]
mod races;

// ---------------------------------------------------------------------------------------
// Engines
// ---------------------------------------------------------------------------------------

/// A fresh, empty, migrated store of one engine, and whatever keeps its database alive.
pub struct Fresh {
    /// `sqlite` or `postgres`, for assertion messages.
    pub name: &'static str,
    pub store: Arc<dyn Store>,
    /// Dropped after `store` (fields drop in order): SQLite's temp dir, PostgreSQL's
    /// per-test database guard.
    _keep: Box<dyn std::any::Any + Send>,
}

impl Fresh {
    pub fn new(name: &'static str, store: impl Store, keep: impl std::any::Any + Send) -> Fresh {
        Fresh {
            name,
            store: Arc::new(store),
            _keep: Box::new(keep),
        }
    }
}

/// One fresh store per engine available here: SQLite always, PostgreSQL when configured.
pub async fn engines() -> Vec<Fresh> {
    let mut all = vec![sqlite()];
    all.extend(postgres().await);
    all
}

/// SQLite in a temp dir of its own (group commit as the server runs it).
fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path()).expect("sqlite store opens");
    Fresh::new("sqlite", store, dir)
}

/// PostgreSQL: a fresh database per call, or `None` when no server is configured
/// (`ETALASE_TEST_PG_URL` unset; `cargo xtask test` always sets it).
async fn postgres() -> Option<Fresh> {
    let url = pg::fresh_database("suite").await?;
    let store = PgStore::connect(&url)
        .await
        .expect("postgres store connects");
    Some(Fresh::new("postgres", store, ()))
}

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

/// Seeds the demo catalog (20 villages, 24 sellers, 55 listings, partnerships) and
/// returns it.
pub async fn seed_demo(e: &Fresh) -> Catalog {
    let demo = etalase_model::demo_catalog();
    assert!(
        e.store.seed_catalog_if_empty(demo.clone()).await.unwrap(),
        "{}: an empty store seeds",
        e.name
    );
    demo
}

/// A seller not in the demo catalog, of a demo village.
pub fn new_seller(id: &str, name: &str, whatsapp: &str, village: &str) -> Seller {
    Seller {
        id: id.into(),
        name: name.into(),
        whatsapp: whatsapp.into(),
        village_slug: village.into(),
        cooperative: None,
        verified: None,
    }
}

/// A listing of `seller`'s: the first demo product under another id, owner and status.
pub fn listing(id: &str, seller: &Seller, status: ListingStatus, created: Date) -> Product {
    let mut p = etalase_model::demo_catalog().products[0].clone();
    p.id = id.into();
    p.seller_id = seller.id.clone();
    p.village_slug = seller.village_slug.clone();
    p.status = status;
    p.created = created;
    p
}

/// Sepatin cooperative's operator, as every test that needs staff names them.
pub const OPERATOR: &str = "op-sepatin";

pub fn sepatin_operator() -> StaffProfile {
    StaffProfile {
        id: OPERATOR.into(),
        name: "Bu Operator".into(),
        role: StaffRole::Operator,
        cooperative: Some("sepatin".into()),
    }
}

/// Creates [`sepatin_operator`]'s account (under `whatsapp`), which members' `added_by`
/// refers to.
pub async fn add_sepatin_operator(e: &Fresh, whatsapp: &str) {
    assert!(
        e.store
            .create_staff(sepatin_operator(), whatsapp.into(), "hash".into())
            .await
            .unwrap(),
        "{}: the operator is created",
        e.name
    );
}

pub fn day(year: u16, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

pub fn seller_actor(seller: &Seller) -> Actor {
    Actor {
        kind: ActorKind::Seller,
        id: seller.id.clone(),
        name: seller.name.clone(),
    }
}

/// The items JSON of a part: one line per product id.
pub fn items(products: &[&str]) -> String {
    serde_json::to_string(
        &products
            .iter()
            .map(|p| serde_json::json!({ "product_id": p }))
            .collect::<Vec<_>>(),
    )
    .unwrap()
}

/// A purchase inquiry, sent now, with one part per seller (each asking for `p-{seller}`);
/// its tracking token is `token-{key}`.
pub fn inquiry(key: &str, sellers: &[&str]) -> NewInquiry {
    NewInquiry {
        kind: InquiryKind::Purchase,
        year: 2026,
        idempotency_key: key.into(),
        tracking_token: format!("token-{key}"),
        doc: serde_json::json!({ "organisation": key, "items": [] }).to_string(),
        parts: sellers
            .iter()
            .map(|s| ((*s).to_string(), items(&[&format!("p-{s}")])))
            .collect(),
        created_at: None,
        // As the handler writes them: the buyer's receipt and one notice per seller.
        notices: for_new_inquiry(
            &sellers
                .iter()
                .map(|s| Asked {
                    id: (*s).to_string(),
                    name: format!("Nama {s}"),
                    lines: 1,
                    member: false,
                })
                .collect::<Vec<_>>(),
        ),
    }
}

/// A seller's answer, recorded now under the name `Nama {seller}`.
pub fn answer(
    seller: &str,
    reference: &str,
    status: Option<InquiryStatus>,
    reply: Option<&str>,
) -> PartUpdate {
    PartUpdate {
        seller_id: seller.into(),
        reference: reference.into(),
        actor: format!("Nama {seller}"),
        status,
        reply: reply.map(Into::into),
        at: None,
        notices: for_answer(seller, &format!("Nama {seller}"), status, reply),
    }
}

/// Whether `at` is in the one timestamp format the trait documents:
/// `2026-11-23T10:00:00.000Z` (UTC, milliseconds).
pub fn is_utc_millis(at: &str) -> bool {
    let b = at.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'.',
            23 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// Two JSON texts hold the same value (an engine may respell stored JSON).
#[track_caller]
pub fn assert_json_eq(actual: &str, expected: &str, context: &str) {
    let parse = |s: &str| -> serde_json::Value {
        serde_json::from_str(s).unwrap_or_else(|e| panic!("{context}: not JSON ({e}): {s}"))
    };
    assert_eq!(parse(actual), parse(expected), "{context}");
}
