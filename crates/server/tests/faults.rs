//! Faults injected into the real server process: a read-only data directory, a disk that
//! fills up during writes (a file-size limit on the process), and a database locked by
//! another process. Each test prints its figures (`--nocapture` shows them): faults
//! injected, requests sent, records checked, records lost.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Acked, Server};
use reqwest::Client;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The server starts, serves, is stopped, and its data directory becomes read-only: the next
/// start must fail at once, non-zero, naming the directory, instead of serving errors.
#[test]
fn read_only_data_dir_stops_the_start_with_a_clear_message() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let empty = root.path().join("empty");
    let used = root.path().join("used");
    std::fs::create_dir_all(&empty).unwrap();
    Server::start(&used, &dist).terminate();
    assert!(used.join("etalase.sqlite3").is_file());

    let mut injected = 0;
    for dir in [&empty, &used] {
        let Some(mut command) = read_only(dir) else {
            eprintln!("read-only data dir: faults injected 0 (neither permissions nor a read-only mount can be enforced here)");
            return;
        };
        let started = Instant::now();
        let out = command
            .args(["--port", "0", "--data-dir"])
            .arg(dir)
            .arg("--dist")
            .arg(&dist)
            .output()
            .unwrap();
        injected += 1;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{}: must not start", dir.display());
        assert!(
            out.stdout.is_empty(),
            "never claims to serve: {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            stderr.contains("is not writable") && stderr.contains(&*dir.to_string_lossy()),
            "the message names the problem and the directory: {stderr}"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }
    restore_permissions(&used);
    // Nothing was damaged: writable again, the same data serves.
    let server = Server::start(&used, &dist);
    assert!(server.terminate().success());
    eprintln!("read-only data dir: faults injected {injected}, starts refused {injected}, exit non-zero with the directory named");
}

/// A write cut off by a kill (between creating its temp file and renaming it) leaves a
/// hidden `.tmp` file; the next start removes such files once they are old, and nothing else.
#[tokio::test]
async fn temp_files_left_by_a_killed_write_are_cleared_on_the_next_start() {
    let (first, root) = Server::start_fresh();
    first.terminate();
    let (data, dist) = (root.path().join("data"), root.path().join("dist"));

    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let uploads = etalase_server::blobs::uploads_dir(&data);
    std::fs::create_dir_all(&uploads).unwrap();
    let planted = |path: &Path, old: bool| {
        std::fs::write(path, b"half a photo").unwrap();
        if old {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(hour_ago).unwrap();
        }
        path.to_path_buf()
    };
    let stale = [
        planted(
            &uploads.join(format!(".{}.jpg.999-0.tmp", "a".repeat(64))),
            true,
        ),
        planted(&data.join("catalog/.catalog.json.999-1.tmp"), true),
    ];
    let fresh = planted(&uploads.join(".b.jpg.999-2.tmp"), false);
    let photo = planted(&uploads.join(format!("{}.jpg", "c".repeat(64))), true);

    let server = Server::start(&data, &dist);
    let catalog = reqwest::get(server.url("/api/catalog")).await.unwrap();
    assert_eq!(catalog.status(), 200, "the server serves after clearing");
    for path in &stale {
        assert!(!path.exists(), "{} should be gone", path.display());
    }
    assert!(
        fresh.exists(),
        "a temp file younger than ten minutes may be another writer's"
    );
    assert!(photo.exists(), "published photos stay");
    assert!(server.terminate().success());
    eprintln!(
        "killed writes: stale temp files planted {}, removed {}",
        stale.len(),
        stale.len()
    );
}

/// A command that runs the server binary with `dir` read-only: plain permissions when they
/// bind this user, else (root ignores permissions) a private read-only bind mount. `None` if
/// neither works here.
fn read_only(dir: &Path) -> Option<Command> {
    use std::os::unix::fs::PermissionsExt;
    let set = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            set(&path, 0o444);
        }
    }
    set(dir, 0o555);
    let probe = dir.join(".probe");
    if std::fs::File::create(&probe).is_err() {
        return Some(Command::new(env!("CARGO_BIN_EXE_etalase-server")));
    }
    std::fs::remove_file(&probe).unwrap();
    let script = r#"mount --bind "$RO_DIR" "$RO_DIR" && mount -o remount,bind,ro "$RO_DIR" "$RO_DIR" && exec "$@""#;
    let works = Command::new("unshare")
        .args(["-m", "sh", "-c", script, "sh", "true"])
        .env("RO_DIR", dir)
        .status()
        .is_ok_and(|s| s.success());
    works.then(|| {
        let mut c = Command::new("unshare");
        c.args(["-m", "sh", "-c", script, "sh"])
            .arg(env!("CARGO_BIN_EXE_etalase-server"))
            .env("RO_DIR", dir);
        c
    })
}

fn restore_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
}

/// Writes fail like on a full disk: the server runs under a file-size limit (`ulimit -f`,
/// with SIGXFSZ ignored so a write past it fails with EFBIG instead of killing the process).
/// Uploads and inquiries past the limit get a clear `507 storage_full`; no half-written
/// photo or temp file stays behind; catalog and health keep answering; after a restart
/// without the limit every acknowledged inquiry is there and nothing else is half there.
#[tokio::test]
async fn a_full_disk_fails_writes_cleanly_and_keeps_serving_reads() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let dir = root.path().join("data");
    let env = [("ETALASE_INQUIRY_LIMIT", "100000")];
    let http = Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();

    // A normal first start: demo data, one seller.
    let server = Server::start_with_env(&dir, &dist, &env);
    let common::Seller {
        http: seller, csrf, ..
    } = common::register_seller(
        &server,
        "KUB Disk Penuh",
        "0812 5555 0101",
        "amplang-enak-2026",
    )
    .await;
    assert!(server.terminate().success());
    let largest = largest_file(&dir);

    // Room for what exists plus a little: reads work, the database can grow by a few
    // dozen pages, and a large photo cannot fit.
    let blocks = (largest + 160 * 1024) / 512;
    let script = format!(r#"trap "" XFSZ; ulimit -f {blocks}; exec "$@""#);
    let server = Server::start_via(&["sh", "-c", &script, "sh"], &dir, &dist, &env);
    let limit = file_size_limit(server.child.id());
    assert!(limit > largest, "the server must start under the limit");
    let seller = seller_session(seller, &server, &csrf).await;

    let (mut requests, mut injected) = (0u32, 0u32);
    // A photo larger than the limit: refused whole, and nothing left in media/u.
    let big = photo_of_at_least(limit + 50_000);
    assert!(big.len() < 1_000_000, "the server would refuse it for size");
    let res = common::upload(&seller, &server, &csrf, big.clone()).await;
    requests += 1;
    injected += 1;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 507, "{body}");
    assert_eq!(body["code"], "storage_full", "{body}");
    let uploads = dir.join("media/u");
    assert!(
        common::file_names(&uploads).is_empty(),
        "no half-written photo or temp file: {:?}",
        common::file_names(&uploads)
    );
    // A small photo still fits.
    let small = common::noisy_jpeg(200, 150, 80, 7);
    let res = common::upload(&seller, &server, &csrf, small.clone()).await;
    requests += 1;
    assert_eq!(res.status(), 201);

    // Inquiries until the database cannot grow, and a few more.
    let mut acked: Vec<Acked> = Vec::new();
    let mut refused: Vec<(String, String)> = Vec::new();
    for n in 0..2000 {
        let key = format!("full-disk-{n:05}");
        let organisation = format!("Hotel Penuh {n}");
        let res = common::send_inquiry(&http, &server, &key, &organisation)
            .await
            .unwrap();
        requests += 1;
        match res.status().as_u16() {
            201 => acked.push(Acked::from_response(&key, &organisation, res).await),
            507 => {
                injected += 1;
                let body: Value = res.json().await.unwrap();
                assert_eq!(body["code"], "storage_full", "{body}");
                assert!(body["message"].as_str().unwrap().contains("full"), "{body}");
                refused.push((key, organisation));
                if refused.len() == 5 {
                    break;
                }
            }
            other => panic!(
                "inquiry {n}: unexpected {other}: {}",
                res.text().await.unwrap()
            ),
        }
        // Reads keep working while writes fail.
        if !refused.is_empty() {
            for path in ["/api/catalog", "/api/health"] {
                let res = http.get(server.url(path)).send().await.unwrap();
                requests += 1;
                assert_eq!(res.status(), 200, "{path} while the disk is full");
            }
        }
    }
    assert!(!acked.is_empty(), "some inquiries fit before the limit");
    assert_eq!(refused.len(), 5, "the limit was reached");
    for acked in &acked {
        assert!(
            acked.is_intact_on(&http, &server).await,
            "{}",
            acked.reference
        );
    }
    assert!(
        server.terminate().code().is_some(),
        "stopped by itself, not a signal"
    );

    // Straight from the file, before any server touches it again.
    {
        let db = rusqlite::Connection::open(dir.join("etalase.sqlite3")).unwrap();
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let orphans: i64 = db
            .query_row(
                "SELECT count(*) FROM inquiries i
                 WHERE (SELECT count(*) FROM inquiry_parts p WHERE p.inquiry_id = i.id) = 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "no inquiry without its parts");
        let ours: i64 = db
            .query_row(
                "SELECT count(*) FROM inquiries WHERE idempotency_key LIKE 'full-disk-%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(ours as usize, acked.len(), "exactly the acknowledged ones");
    }
    for name in common::file_names(&uploads) {
        let bytes = std::fs::read(uploads.join(&name)).unwrap();
        assert_eq!(
            format!("{}.jpg", hex(&Sha256::digest(&bytes))),
            name,
            "whole photo"
        );
    }

    // Without the limit: everything acknowledged is there; the refused ones were never half
    // stored, so their retries are new (201), not found (200).
    let server = Server::start_with_env(&dir, &dist, &env);
    let mut checked = 0;
    for acked in &acked {
        assert!(
            acked.is_intact_on(&http, &server).await,
            "{} lost",
            acked.reference
        );
        checked += 1;
    }
    for (key, organisation) in &refused {
        let res = common::send_inquiry(&http, &server, key, organisation)
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{key} was not half stored");
    }
    let res = common::upload(&seller, &server, &csrf, big).await;
    assert_eq!(res.status(), 201, "the large photo fits once there is room");
    eprintln!(
        "full disk (file-size limit {limit} B, largest file before {largest} B): faults injected {injected} \
         (1 upload, {} inquiries refused 507), requests {requests}, inquiries acknowledged under the limit {}, \
         records checked after restart {checked}, lost 0, temp files left 0",
        refused.len(),
        acked.len(),
    );
}

/// The largest file under `dir`, in bytes.
fn largest_file(dir: &Path) -> u64 {
    let mut largest = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        largest = largest.max(if meta.is_dir() {
            largest_file(&entry.path())
        } else {
            meta.len()
        });
    }
    largest
}

/// The process's RLIMIT_FSIZE, from `/proc` (the shell's `ulimit -f` unit varies).
fn file_size_limit(pid: u32) -> u64 {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max file size"))
        .unwrap();
    line.split_whitespace().nth(3).unwrap().parse().unwrap()
}

/// A JPEG of noise of at least `bytes`.
fn photo_of_at_least(bytes: u64) -> Vec<u8> {
    let mut side = 400;
    loop {
        let photo = common::noisy_jpeg(side, side * 3 / 4, 90, side);
        if photo.len() as u64 >= bytes {
            return photo;
        }
        side += 50;
    }
}

/// The seller's client signed in again on a restarted server (sessions live in the
/// database, so the cookie still works).
async fn seller_session(http: Client, server: &Server, csrf: &str) -> Client {
    let res = http.get(server.url("/api/auth/me")).send().await.unwrap();
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["csrf_token"], csrf, "session survives the restart");
    http
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Another process holds SQLite's write lock (`BEGIN IMMEDIATE`, with a write in it): an
/// inquiry posted meanwhile waits and is stored once the lock goes (201, not 503). Held
/// longer than the server's busy timeout, the answer is a clear 503 and nothing is lost:
/// the retry with the same key stores it once.
#[tokio::test]
async fn a_locked_database_is_waited_for_then_refused_cleanly() {
    let (server, data) = Server::start_fresh();
    let db = data.path().join("data/etalase.sqlite3");
    let http = Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut requests = 0;

    // Short lock: waited for.
    let lock = hold_write_lock(&db, Duration::from_millis(1500));
    let started = Instant::now();
    let res = common::send_inquiry(&http, &server, "locked-short-0001", "Hotel Terkunci")
        .await
        .unwrap();
    requests += 1;
    let waited = started.elapsed();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let short = Acked::from_response("locked-short-0001", "Hotel Terkunci", res).await;
    lock.join().unwrap();
    assert!(
        waited >= Duration::from_millis(1000),
        "it did wait: {waited:?}"
    );

    // The first inquiry's notices are the sender's to finish first: a write of theirs
    // queued on the one writer would add its own wait to the inquiry's below.
    wait_for_idle_outbox(&db);
    // Long lock: past the busy timeout. The catalog is served from memory meanwhile.
    let lock = hold_write_lock(&db, Duration::from_secs(8));
    let started = Instant::now();
    let catalog = http.get(server.url("/api/catalog"));
    let (res, catalog) = tokio::join!(
        common::send_inquiry(&http, &server, "locked-long-0001", "Hotel Lama"),
        async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let started = Instant::now();
            let res = catalog.send().await.unwrap();
            (res.status(), started.elapsed())
        }
    );
    requests += 2;
    let res = res.unwrap();
    let refused_after = started.elapsed();
    assert_eq!(res.status(), 503);
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "store_busy", "{body}");
    assert_eq!(catalog.0, 200);
    assert!(
        catalog.1 < Duration::from_secs(2),
        "catalog not blocked: {:?}",
        catalog.1
    );
    lock.join().unwrap();

    // Released: the retry is stored once, and the earlier one is intact.
    let res = common::send_inquiry(&http, &server, "locked-long-0001", "Hotel Lama")
        .await
        .unwrap();
    requests += 1;
    assert_eq!(res.status(), 201, "the refused attempt stored nothing");
    let long = Acked::from_response("locked-long-0001", "Hotel Lama", res).await;
    let res = common::send_inquiry(&http, &server, "locked-long-0001", "Hotel Lama")
        .await
        .unwrap();
    requests += 1;
    assert_eq!(res.status(), 200, "and only once");
    for acked in [&short, &long] {
        assert!(
            acked.is_intact_on(&http, &server).await,
            "{}",
            acked.reference
        );
    }
    eprintln!(
        "locked database: faults injected 2 (write lock 1.5 s, 8 s), requests {requests}, \
         short lock waited {} ms then 201, long lock refused 503 store_busy after {} ms, \
         catalog during the lock {} ms, records checked 2, lost 0",
        waited.as_millis(),
        refused_after.as_millis(),
        catalog.1.as_millis(),
    );
}

/// Takes SQLite's write lock on `db` from this process, writes a row inside it (so the
/// server's view of the database changes under it), and commits after `hold`. Returns once
/// the lock is held.
/// Waits until the server's notices' sender has finished every notice (they are off here:
/// no mail relay), so no background write is pending.
fn wait_for_idle_outbox(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let started = Instant::now();
    loop {
        let pending: i64 = conn
            .query_row(
                "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        if pending == 0 {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{pending} notices still pending"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn hold_write_lock(db: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let db = db.to_path_buf();
    let (held, is_held) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.busy_timeout(Duration::from_secs(10)).unwrap();
        conn.execute_batch(
            "BEGIN IMMEDIATE;
             INSERT OR REPLACE INTO meta (key, value) VALUES ('fault-test', 'locked');",
        )
        .unwrap();
        held.send(()).unwrap();
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    });
    is_held.recv().unwrap();
    handle
}
