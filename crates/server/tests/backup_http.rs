//! Backup and restore with the real binary: `etalase-server backup` runs while a client keeps
//! sending inquiries to the live server, then a second server starts on the backup directory
//! (the documented restore) and must have everything acknowledged before the backup began.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Acked, Server};
use reqwest::Client;
use serde_json::{json, Value};

const PASSWORD: &str = "amplang-enak-2026";

fn run_backup(data_dir: &Path, to: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .arg("backup")
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--to")
        .arg(to)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn online_backup_restores_everything_acknowledged_before_it() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let data = root.path().join("data");
    let env = [("ETALASE_INQUIRY_LIMIT", "100000")];
    let server = Server::start_with_env(&data, &dist, &env);
    let http = Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    // A seller with a photo, and inquiries.
    let common::Seller {
        http: seller, csrf, ..
    } = common::register_seller(&server, "KUB Cadangan", "0812 4444 0202", PASSWORD).await;
    let photo = common::noisy_jpeg(640, 480, 85, 3);
    let res = common::upload(&seller, &server, &csrf, photo.clone()).await;
    assert_eq!(res.status(), 201);
    let photo_path = res.json::<Value>().await.unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    let mut before: Vec<Acked> = Vec::new();
    for n in 0..20 {
        let (key, organisation) = (format!("before-{n:04}"), format!("Hotel Sebelum {n}"));
        let res = common::send_inquiry(&http, &server, &key, &organisation)
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        before.push(Acked::from_response(&key, &organisation, res).await);
    }

    // A client that keeps writing while the backups run.
    let stop = Arc::new(AtomicBool::new(false));
    let during = tokio::spawn({
        let (http, stop, base) = (http.clone(), Arc::clone(&stop), server.base.clone());
        async move {
            let mut acked = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let (key, organisation) = (format!("during-{n:05}"), format!("Hotel Selama {n}"));
                let res = http
                    .post(format!("{base}/api/inquiries"))
                    .header("idempotency-key", &key)
                    .json(&json!({"kind": "purchase", "purchase": common::purchase(&organisation)}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201, "the live server keeps accepting");
                acked.push((
                    Instant::now(),
                    Acked::from_response(&key, &organisation, res).await,
                ));
            }
            acked
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Three backups into one directory while the client writes: the first copies the photo,
    // the others refresh the database and copy nothing new.
    let to = root.path().join("backup");
    let mut runs = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let out = tokio::task::spawn_blocking({
            let (data, to) = (data.clone(), to.clone());
            move || run_backup(&data, &to)
        })
        .await
        .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "backup failed: {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("integrity ok"), "{stdout}");
        runs.push((started, Instant::now(), stdout));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let during = during.await.unwrap();
    let last_started = runs.last().unwrap().0;
    // Acknowledged while a backup process was running (not between runs).
    let overlapping = during
        .iter()
        .filter(|(at, _)| runs.iter().any(|(s, e, _)| at > s && at < e))
        .count();
    assert!(
        overlapping > 0,
        "inquiries were acknowledged while backups ran"
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(to.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["photos"]["count"], 1);
    assert_eq!(
        manifest["photos"]["copied"], 0,
        "the last run copied nothing new"
    );
    assert_eq!(manifest["database"]["integrity"], "ok");

    // The backup file on its own is a valid SQLite database.
    {
        let db = rusqlite::Connection::open_with_flags(
            to.join("etalase.sqlite3"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let inquiries: u64 = db
            .query_row("SELECT count(*) FROM inquiries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(manifest["counts"]["inquiries"], inquiries);
    }

    // Not into a directory that is not a backup.
    let elsewhere = root.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("notes.txt"), "keep").unwrap();
    let out = run_backup(&data, &elsewhere);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an earlier backup"));
    assert_eq!(common::file_names(&elsewhere), ["notes.txt"]);

    // Restore: a second server on the backup directory (the first keeps running).
    let restored = Server::start_with_env(&to, &dist, &env);
    let mut checked = 0;
    for acked in &before {
        assert!(
            acked.is_intact_on(&http, &restored).await,
            "{} lost",
            acked.reference
        );
        checked += 1;
    }
    // Everything acknowledged before the last backup began is in it too.
    let mut during_checked = 0;
    for (at, acked) in during.iter().filter(|(at, _)| *at < last_started) {
        assert!(
            acked.is_intact_on(&http, &restored).await,
            "{} acknowledged at {at:?} lost",
            acked.reference
        );
        during_checked += 1;
    }
    let res = http.get(restored.url(&photo_path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.bytes().await.unwrap().as_ref(),
        photo.as_slice(),
        "byte-identical"
    );
    let res = http
        .post(restored.url("/api/auth/login"))
        .json(&json!({"whatsapp": "0812 4444 0202", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        200,
        "the seller signs in on the restored data"
    );
    let res = http.get(restored.url("/api/health")).send().await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["database"]["ok"], true);
    assert!(restored.terminate().success());
    assert!(server.terminate().success());

    let durations: Vec<String> = runs
        .iter()
        .map(|(s, e, _)| format!("{} ms", (*e - *s).as_millis()))
        .collect();
    eprintln!(
        "backup: 3 runs ({}) while the client sent {} inquiries ({} acknowledged while a backup process ran); \
         restored server checked {} inquiries from before + {} from during the runs, photo byte-identical, \
         seller signs in, integrity ok, lost 0",
        durations.join(", "),
        during.len(),
        overlapping,
        checked,
        during_checked,
    );
    eprintln!("last backup: {}", runs.last().unwrap().2.trim());
}
