//! Many inquiries at once against the real binary and a real SQLite file: with group commit
//! (the default) several of them share one transaction and one fsync, and every answer must
//! still be its own. Each test also runs with group commit off (`ETALASE_GROUP_COMMIT=0`,
//! one transaction per inquiry, the benchmark's reference), which must keep the same promises.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::{Acked, Server};
use reqwest::Client;

const MODES: [(&str, &str); 2] = [("group", "1"), ("single", "0")];

fn start(mode: &str) -> (Server, tempfile::TempDir) {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let server = Server::start_with_env(
        &root.path().join("data"),
        &dist,
        &[
            // Every request comes from 127.0.0.1: lift the per-address spam limit.
            ("ETALASE_INQUIRY_LIMIT", "100000"),
            ("ETALASE_GROUP_COMMIT", mode),
        ],
    );
    (server, root)
}

/// Rows in the database file whose idempotency key starts with `prefix`.
fn rows_with_key_prefix(root: &Path, prefix: &str) -> i64 {
    let db = rusqlite::Connection::open(root.join("data/etalase.sqlite3")).unwrap();
    db.query_row(
        "SELECT count(*) FROM inquiries WHERE idempotency_key LIKE ?1 || '%'",
        [prefix],
        |r| r.get(0),
    )
    .unwrap()
}

/// 200 inquiries from 64 concurrent clients: every one acknowledged with 201 and its own
/// reference, every one stored whole, exactly once.
#[tokio::test]
async fn concurrent_inquiries_are_each_stored_once() {
    const TOTAL: usize = 200;
    const CLIENTS: usize = 64;
    for (mode, switch) in MODES {
        let (server, root) = start(switch);
        let server = Arc::new(server);
        let http = Client::new();
        let next = Arc::new(AtomicUsize::new(0));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (server, http, next) = (server.clone(), http.clone(), next.clone());
                tokio::spawn(async move {
                    let mut acked = Vec::new();
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= TOTAL {
                            return acked;
                        }
                        let key = format!("concurrent-{mode}-{n:04}");
                        let organisation = format!("Hotel {mode} {n}");
                        let res = common::send_inquiry(&http, &server, &key, &organisation)
                            .await
                            .unwrap();
                        assert_eq!(res.status(), 201, "{key}");
                        acked.push(Acked::from_response(&key, &organisation, res).await);
                    }
                })
            })
            .collect();
        let mut acked = Vec::new();
        for client in clients {
            acked.extend(client.await.unwrap());
        }
        assert_eq!(acked.len(), TOTAL);
        let references: HashSet<_> = acked.iter().map(|a| a.reference.clone()).collect();
        assert_eq!(references.len(), TOTAL, "{mode}: distinct references");
        let tokens: HashSet<_> = acked.iter().map(|a| a.token.clone()).collect();
        assert_eq!(tokens.len(), TOTAL, "{mode}: distinct tracking tokens");
        for a in &acked {
            assert!(a.is_intact_on(&http, &server).await, "{mode}: {a:?}");
        }
        assert_eq!(
            rows_with_key_prefix(root.path(), &format!("concurrent-{mode}-")),
            TOTAL as i64,
            "{mode}: exactly once each"
        );
        eprintln!("{mode}: {TOTAL} inquiries from {CLIENTS} clients, {TOTAL} stored once, references distinct");
    }
}

/// The same idempotency key sent twice at the same moment (a double tap, a retry racing
/// the first attempt), 32 such pairs at once: one inquiry per key, one `201` and one `200`,
/// both naming the same reference and tracking token.
#[tokio::test]
async fn the_same_key_sent_twice_at_once_is_one_inquiry() {
    const PAIRS: usize = 32;
    for (mode, switch) in MODES {
        let (server, root) = start(switch);
        let server = Arc::new(server);
        let http = Client::new();
        let pairs: Vec<_> = (0..PAIRS)
            .map(|n| {
                let (server, http) = (server.clone(), http.clone());
                tokio::spawn(async move {
                    let key = format!("twice-{mode}-{n:04}");
                    let organisation = format!("Hotel Ganda {n}");
                    let (one, two) = tokio::join!(
                        common::send_inquiry(&http, &server, &key, &organisation),
                        common::send_inquiry(&http, &server, &key, &organisation),
                    );
                    let (one, two) = (one.unwrap(), two.unwrap());
                    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
                    statuses.sort_unstable();
                    assert_eq!(statuses, [200, 201], "{key}: one stored, one found");
                    let one = Acked::from_response(&key, &organisation, one).await;
                    let two = Acked::from_response(&key, &organisation, two).await;
                    assert_eq!(one.reference, two.reference, "{key}");
                    assert_eq!(one.token, two.token, "{key}");
                    one
                })
            })
            .collect();
        let mut acked = Vec::new();
        for pair in pairs {
            acked.push(pair.await.unwrap());
        }
        let references: HashSet<_> = acked.iter().map(|a| a.reference.clone()).collect();
        assert_eq!(references.len(), PAIRS, "{mode}: one reference per key");
        for a in &acked {
            assert!(a.is_intact_on(&http, &server).await, "{mode}: {a:?}");
        }
        assert_eq!(
            rows_with_key_prefix(root.path(), &format!("twice-{mode}-")),
            PAIRS as i64,
            "{mode}: one row per key"
        );
        eprintln!("{mode}: {PAIRS} keys sent twice at once, {PAIRS} inquiries stored");
    }
}
