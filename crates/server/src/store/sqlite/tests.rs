//! What is SQLite's own: WAL, migrations from old schemas, group commit, a panicking write,
//! an unwritable directory. The behaviour every engine shares is tested once for all of them
//! in `tests/store_suite.rs`.

use rusqlite::Connection;

use super::{write_transaction, SqliteStore, DB_FILE};
use crate::store::{migrations, InboxPage, NewInquiry, Store, StoreError};

#[tokio::test]
async fn opens_in_wal_mode_and_migrates_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let health = store.health().await.unwrap();
    assert_eq!(health.schema_version, migrations::SQLITE.len());
    let mode: String = store
        .with_conn(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    // Reopening applies nothing twice (a second CREATE TABLE would fail).
    let again = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(
        again.health().await.unwrap().schema_version,
        migrations::SQLITE.len()
    );
    assert!(dir.path().join(DB_FILE).is_file());
}

/// A database from before cooperatives (schema 5) keeps who sells through a cooperative:
/// the sellers whose document named one become its members, able to be acted for.
#[tokio::test]
async fn sellers_of_schema_5_that_named_a_cooperative_become_members() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        for (i, sql) in migrations::SQLITE.iter().take(5).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i + 1).unwrap();
        }
        let tx = conn.transaction().unwrap();
        tx.execute_batch(
            r#"INSERT INTO villages VALUES ('sepatin', '{"cooperative": "Koperasi Desa Merah Putih Sepatin"}');
             INSERT INTO sellers VALUES ('via', 'sepatin', '{"cooperative": "Koperasi Desa Merah Putih Sepatin"}');
             INSERT INTO sellers VALUES ('alone', 'sepatin', '{"cooperative": null}');"#,
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    let via = store.membership("via".into()).await.unwrap().unwrap();
    assert_eq!(via.cooperative, "sepatin");
    assert!(via.operator_may_act && !via.claimed);
    assert_eq!(store.membership("alone".into()).await.unwrap(), None);
}

/// A database from before the inbox (schema 4, with an inquiry in it) opens, gains the
/// events table and shows its old part as unread and new.
#[tokio::test]
async fn an_inquiry_from_schema_4_reaches_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        for (i, sql) in migrations::SQLITE.iter().take(4).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i + 1).unwrap();
        }
        let tx = conn.transaction().unwrap();
        tx.execute_batch(
            "INSERT INTO villages VALUES ('sepatin', '{}');
             INSERT INTO sellers VALUES ('s1', 'sepatin', '{}');
             INSERT INTO inquiries (id, reference, kind, idempotency_key, tracking_token, doc)
               VALUES (1, 'PQ-2026-000001', 'purchase', 'k', 't', '{\"items\":[]}');
             INSERT INTO inquiry_parts (inquiry_id, seller_id, status, items)
               VALUES (1, 's1', 'new', '[]');",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(
        store.health().await.unwrap().schema_version,
        migrations::SQLITE.len()
    );
    let inbox = store
        .seller_inbox("s1".into(), InboxPage::default())
        .await
        .unwrap();
    assert_eq!(inbox.unread, 1);
    assert_eq!(inbox.parts[0].reference, "PQ-2026-000001");
    assert!(inbox.parts[0].events.is_empty());
}

/// Schema 9 rebuilds the staff table (its role CHECK gains `admin`) while other tables
/// refer to it: a schema-8 database with staff, their sessions and members they added
/// keeps them all, and the rebuilt table takes an admin.
#[tokio::test]
async fn staff_of_schema_8_survive_the_rebuild_with_their_sessions() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        for (i, sql) in migrations::SQLITE.iter().take(8).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i + 1).unwrap();
        }
        let tx = conn.transaction().unwrap();
        tx.execute_batch(
            "INSERT INTO villages VALUES ('sepatin', '{}');
             INSERT INTO sellers VALUES ('s1', 'sepatin', '{}');
             INSERT INTO staff (id, role, cooperative, name, whatsapp, password_hash)
               VALUES ('op', 'operator', 'sepatin', 'Bu Op', '+6281200000900', 'h');
             INSERT INTO staff_sessions VALUES ('tok', 'op', 'csrf', 9999999999);
             INSERT INTO memberships (seller_id, cooperative, added_by) VALUES ('s1', 'sepatin', 'op');",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(
        store.health().await.unwrap().schema_version,
        migrations::SQLITE.len()
    );
    let session = store.staff_session("tok".into(), 0).await.unwrap().unwrap();
    assert_eq!(session.staff_id, "op");
    let op = store
        .staff_by_whatsapp("+6281200000900".into())
        .await
        .unwrap()
        .unwrap();
    assert!(op.active);
    assert!(store.membership("s1".into()).await.unwrap().is_some());
    let admin = etalase_model::cooperative::StaffProfile {
        id: "admin".into(),
        name: "Admin".into(),
        role: etalase_model::cooperative::StaffRole::Admin,
        cooperative: None,
    };
    assert!(store
        .create_staff(admin, "+6281200000902".into(), "h".into())
        .await
        .unwrap());
    // Foreign keys are on again after migrating: a session of nobody is refused.
    let orphan = store
        .create_staff_session(
            "orphan".into(),
            crate::store::StaffSessionRecord {
                staff_id: "nobody".into(),
                csrf_token: "c".into(),
                expires_at: 1,
            },
        )
        .await;
    assert!(orphan.is_err(), "{orphan:?}");
}

/// A purchase inquiry with one part per seller in `sellers`.
fn inquiry(key: &str, token: &str, sellers: &[&str]) -> NewInquiry {
    NewInquiry {
        kind: etalase_model::InquiryKind::Purchase,
        year: 2026,
        idempotency_key: key.into(),
        tracking_token: token.into(),
        doc: format!(r#"{{"organisation":"{key}","items":[]}}"#),
        parts: sellers
            .iter()
            .map(|s| ((*s).to_string(), r#"[{"product_id":"x"}]"#.to_string()))
            .collect(),
        created_at: None,
        notices: Vec::new(),
    }
}

/// Inquiries that arrive while the writer is busy are committed together; in that one
/// transaction a bad inquiry fails alone, and a repeated key finds its first copy.
#[tokio::test]
async fn one_group_commit_keeps_each_outcome_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_with(dir.path(), true).unwrap();
    let demo = etalase_model::demo_catalog();
    store.seed_catalog_if_empty(demo.clone()).await.unwrap();
    let (a, b) = (demo.sellers[0].id.as_str(), demo.sellers[1].id.as_str());

    // Hold the writer until every inquiry below is queued behind it.
    let (release, held) = std::sync::mpsc::channel::<()>();
    let writer = store.writer.clone().unwrap();
    let blocker = tokio::spawn(async move {
        writer
            .exec(move |_| {
                held.recv().ok();
                Ok(())
            })
            .await
    });
    let jobs = vec![
        inquiry("good-0001", "token-good-0001", &[a, b]),
        inquiry("good-0002", "token-good-0002", &[a]),
        // A part for a seller that does not exist: the foreign key refuses it.
        inquiry("bad-seller-0001", "token-bad-0001", &[a, "tidak-ada"]),
        inquiry("dup-key-0001", "token-dup-first", &[b]),
        inquiry("good-0003", "token-good-0003", &[b, a]),
        // The same key again, in the same batch: the first copy, not a second row.
        inquiry("dup-key-0001", "token-dup-second", &[b]),
        // A tracking token already used in this batch: a unique constraint.
        inquiry("bad-token-0001", "token-good-0001", &[a]),
        inquiry("good-0004", "token-good-0004", &[a]),
    ];
    let tasks: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let store = store.clone();
            tokio::spawn(async move { store.create_inquiry(job).await })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    release.send(()).unwrap();
    blocker.await.unwrap().unwrap();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }

    let stats = store.group_commit_stats().unwrap();
    assert_eq!(
        (stats.batches, stats.largest_batch),
        (1, 8),
        "all eight in one transaction: {stats:?}"
    );
    let ok = |i: usize| outcomes[i].as_ref().unwrap().clone();
    for i in [0, 1, 4, 7] {
        assert!(ok(i).created, "{i}");
    }
    let err = outcomes[2].as_ref().unwrap_err();
    assert!(
        matches!(err, StoreError::Database(m) if m.contains("FOREIGN KEY")),
        "{err}"
    );
    let err = outcomes[6].as_ref().unwrap_err();
    assert!(
        matches!(err, StoreError::Database(m) if m.contains("UNIQUE")),
        "{err}"
    );
    let (first, second) = (ok(3), ok(5));
    assert!(first.created && !second.created);
    assert_eq!(first.reference, second.reference);
    assert_eq!(second.tracking_token, "token-dup-first");

    // On disk: the five good ones, whole, numbered without gaps; nothing of the bad.
    let mut references: Vec<String> = [0, 1, 3, 4, 7].map(|i| ok(i).reference).to_vec();
    references.sort();
    references.dedup();
    assert_eq!(references.len(), 5, "distinct references");
    let (rows, parts, bad): (i64, i64, i64) = store
        .with_conn(|c| {
            Ok(c.query_row(
                "SELECT (SELECT count(*) FROM inquiries),
                        (SELECT count(*) FROM inquiry_parts),
                        (SELECT count(*) FROM inquiries WHERE idempotency_key LIKE 'bad-%')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!((rows, parts, bad), (5, 2 + 1 + 1 + 2 + 1, 0));
    assert!(store
        .inquiry_by_token("token-bad-0001".into())
        .await
        .unwrap()
        .is_none());
    let tracked = store
        .inquiry_by_token("token-good-0003".into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tracked.parts.len(), 2);
    assert_eq!(tracked.reference, ok(4).reference);
}

/// A panic inside a write is that write's failure only: the writer goes on.
#[tokio::test]
async fn a_panicking_write_does_not_stop_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_with(dir.path(), true).unwrap();
    store
        .seed_catalog_if_empty(etalase_model::demo_catalog())
        .await
        .unwrap();
    let writer = store.writer.clone().unwrap();
    let err = writer
        .exec(|conn| -> Result<(), StoreError> {
            let tx = write_transaction(conn)?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('half', 'written')",
                [],
            )?;
            panic!("bug in a write");
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Task(_)), "{err}");
    let seller = etalase_model::demo_catalog().sellers[0].id.clone();
    let stored = store
        .create_inquiry(inquiry("after-panic-1", "token-after-panic", &[&seller]))
        .await
        .unwrap();
    assert!(stored.created);
    let half: i64 = store
        .with_conn(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM meta WHERE key = 'half'", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .await
        .unwrap();
    assert_eq!(half, 0, "the panicking write was rolled back");
}

/// The reference mode (one transaction per inquiry) keeps the same promises.
#[tokio::test]
async fn without_group_commit_inquiries_are_stored_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_with(dir.path(), false).unwrap();
    assert!(store.group_commit_stats().is_none());
    let demo = etalase_model::demo_catalog();
    store.seed_catalog_if_empty(demo.clone()).await.unwrap();
    let a = demo.sellers[0].id.as_str();
    let first = store
        .create_inquiry(inquiry("solo-0001", "token-solo-1", &[a]))
        .await
        .unwrap();
    let again = store
        .create_inquiry(inquiry("solo-0001", "token-solo-2", &[a]))
        .await
        .unwrap();
    assert!(first.created && !again.created);
    assert_eq!(first.reference, again.reference);
    let err = store
        .create_inquiry(inquiry("solo-0002", "token-solo-3", &["tidak-ada"]))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Database(_)), "{err}");
    assert!(store
        .inquiry_by_token("token-solo-3".into())
        .await
        .unwrap()
        .is_none());
}

#[test]
fn unwritable_data_dir_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let err = SqliteStore::open(&file.join("data"))
        .err()
        .expect("must fail");
    assert!(err.to_string().contains("cannot create data dir"), "{err}");
}
