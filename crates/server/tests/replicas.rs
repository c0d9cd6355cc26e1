//! Two replicas of the real binary on one PostgreSQL database, with nginx in front running
//! the repository's sample configuration (`deploy/nginx-replicas.conf`). One replica is
//! killed with SIGKILL in the middle of a load of inquiries; every acknowledged inquiry
//! must be stored exactly once, and the survivor must serve what was written through the
//! other.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{send_inquiry, Acked, Server};
use serde_json::{json, Value};

/// nginx running `deploy/nginx-replicas.conf` in front of `a` and `b`; stopped on drop.
struct Proxy {
    child: Child,
    base: String,
}

impl Drop for Proxy {
    /// SIGTERM, not SIGKILL: nginx's master then stops its workers too.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `host:port` of a server's base URL.
fn authority(server: &Server) -> &str {
    server.base.trim_start_matches("http://")
}

fn start_proxy(prefix: &Path, a: &Server, b: &Server) -> Proxy {
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/nginx-replicas.conf"),
    )
    .unwrap();
    let port = free_port();
    let mut site = sample.clone();
    for (from, to) in [
        ("127.0.0.1:8081", authority(a).to_string()),
        ("127.0.0.1:8082", authority(b).to_string()),
        ("listen 127.0.0.1:8080", format!("listen 127.0.0.1:{port}")),
    ] {
        assert!(site.contains(from), "the sample no longer says {from:?}");
        site = site.replace(from, &to);
    }
    let p = prefix.display();
    std::fs::create_dir_all(prefix).unwrap();
    std::fs::write(prefix.join("site.conf"), site).unwrap();
    std::fs::write(
        prefix.join("nginx.conf"),
        format!(
            "daemon off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {p}/client_body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    include {p}/site.conf;
}}
"
        ),
    )
    .unwrap();
    let child = Command::new("nginx")
        .arg("-p")
        .arg(prefix)
        .arg("-c")
        .arg(prefix.join("nginx.conf"))
        .spawn()
        .expect("nginx from Debian's package (the test command installs it)");
    let proxy = Proxy {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return proxy;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "nginx did not listen: {}",
        std::fs::read_to_string(prefix.join("error.log")).unwrap_or_default()
    );
}

async fn etag(http: &reqwest::Client, base: &str) -> String {
    let res = http
        .get(format!("{base}/api/catalog"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "catalog from {base}");
    res.headers()["etag"].to_str().unwrap().to_string()
}

async fn get_json(http: &reqwest::Client, url: &str) -> Value {
    http.get(url).send().await.unwrap().json().await.unwrap()
}

async fn catalog_ids(http: &reqwest::Client, base: &str) -> HashSet<String> {
    get_json(http, &format!("{base}/api/catalog")).await["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// Waits until `a` and `b` serve the same catalog version; the version.
async fn same_catalog(http: &reqwest::Client, a: &str, b: &str) -> String {
    for _ in 0..100 {
        let (x, y) = (etag(http, a).await, etag(http, b).await);
        if x == y {
            return x;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("replicas still serve different catalogs after 10 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_behind_nginx_keep_every_acknowledged_inquiry_when_one_is_killed() {
    let Some(db) = common::pg::fresh_database("replicas").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let env = [
        ("DATABASE_URL", db.as_str()),
        ("ETALASE_TRUSTED_PROXIES", "127.0.0.1"),
        ("ETALASE_INQUIRY_LIMIT", "100000"),
    ];
    // Both start at once on the empty database: the migration lock and the seeding lock
    // must let exactly one of them migrate and seed.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| Server::start_with_env(&dir.path().join("a"), &dist, &env));
        let b = s.spawn(|| Server::start_with_env(&dir.path().join("b"), &dist, &env));
        (a.join().unwrap(), b.join().unwrap())
    });
    let proxy = start_proxy(&dir.path().join("nginx"), &a, &b);
    let http = reqwest::Client::new();
    for base in [&a.base, &b.base, &proxy.base] {
        let health = get_json(&http, &format!("{base}/api/health")).await;
        assert_eq!(health["database"]["engine"], "postgres", "{base}");
    }
    let seeded = same_catalog(&http, &a.base, &b.base).await;

    // Sign in through the proxy, then act through each replica directly with that cookie.
    let seller = common::register_seller_at(
        &proxy.base,
        "KUB Replika Muara",
        "0812 4444 5555",
        "amplang-enak-2026",
    )
    .await;
    let csrf = seller.csrf.clone();
    let seller = seller.http;
    let photo = common::jpeg(800, 600);
    let res = seller
        .post(format!("{}/api/uploads", a.base))
        .header("content-type", "image/jpeg")
        .header("x-csrf-token", &csrf)
        .body(photo.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "upload through replica A");
    let photo_path = res.json::<Value>().await.unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    let got = http
        .get(format!("{}{photo_path}", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200, "replica B serves A's photo");
    assert_eq!(got.bytes().await.unwrap(), photo, "the same bytes");

    let id = "amplang-replika-b-77aa01";
    let mut doc = serde_json::to_value(&etalase_model::demo_catalog().products[0]).unwrap();
    doc["name_id"] = json!("Amplang Replika Muara");
    doc["status"] = json!("published");
    doc["photos"][0]["large"] = json!(photo_path);
    doc["photos"][0]["width"] = json!(800);
    doc["photos"][0]["height"] = json!(600);
    let res = seller
        .put(format!("{}/api/seller/listings/{id}", b.base))
        .header("x-csrf-token", &csrf)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    // A learns of B's change from the database and rebuilds the same version.
    let published = same_catalog(&http, &a.base, &b.base).await;
    assert_ne!(published, seeded);
    assert!(catalog_ids(&http, &a.base).await.contains(id));

    // The same retry reaching both replicas at once is one inquiry.
    let (x, y) = tokio::join!(
        send_inquiry(&http, &a, "same-key-both-replicas", "Hotel Kembar"),
        send_inquiry(&http, &b, "same-key-both-replicas", "Hotel Kembar"),
    );
    let (x, y) = (x.unwrap(), y.unwrap());
    let mut statuses = [x.status().as_u16(), y.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "one creates, the other finds it");
    let rx: Value = x.json().await.unwrap();
    let ry: Value = y.json().await.unwrap();
    assert_eq!(rx["reference"], ry["reference"]);

    // Load through both replicas; A is killed part-way. A client whose request fails on A
    // retries the same key on B, as the app's outbox does.
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let retried = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (a_base, b_base) = (a.base.clone(), b.base.clone());
    let mut clients = Vec::new();
    for client in 0..8 {
        let acked = Arc::clone(&acked);
        let retried = Arc::clone(&retried);
        let (a_base, b_base) = (a_base.clone(), b_base.clone());
        clients.push(tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap();
            let body = |org: &str| json!({"kind": "purchase", "purchase": common::purchase(org)});
            for i in 0..30 {
                let key = format!("load-{client}-{i}");
                let org = format!("Hotel Beban {client}-{i}");
                let first = if (client + i) % 2 == 0 {
                    &a_base
                } else {
                    &b_base
                };
                let mut answer = None;
                for base in [first, &b_base] {
                    let sent = http
                        .post(format!("{base}/api/inquiries"))
                        .header("idempotency-key", &key)
                        .json(&body(&org))
                        .send()
                        .await;
                    match sent {
                        Ok(res) if res.status().is_success() => {
                            answer = Some(res);
                            break;
                        }
                        Ok(res) => panic!("{base} answered {}", res.status()),
                        Err(_) => {
                            retried.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            continue;
                        }
                    }
                }
                let res = answer.unwrap_or_else(|| panic!("{key}: no replica answered"));
                let acked_one = Acked::from_response(&key, &org, res).await;
                acked.lock().unwrap().push(acked_one);
            }
        }));
    }
    // Kill A once the load is well under way.
    while acked.lock().unwrap().len() < 60 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut a = a;
    a.child.kill().expect("SIGKILL replica A");
    a.child.wait().unwrap();
    for client in clients {
        client.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert_eq!(acked.len(), 8 * 30);
    assert!(
        retried.load(std::sync::atomic::Ordering::SeqCst) > 0,
        "A died while clients were still sending to it"
    );

    // Every acknowledged inquiry is in the database exactly once, under the reference its
    // client was given.
    let (db_client, connection) = tokio_postgres::connect(&db, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let rows = db_client
        .query(
            "SELECT idempotency_key, reference FROM inquiries WHERE idempotency_key LIKE 'load-%'",
            &[],
        )
        .await
        .unwrap();
    let mut stored: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        stored.entry(row.get(0)).or_default().push(row.get(1));
    }
    for one in &acked {
        assert_eq!(
            stored.get(&one.key),
            Some(&vec![one.reference.clone()]),
            "{} stored once under its reference",
            one.key
        );
    }
    assert_eq!(
        stored.len(),
        acked.len(),
        "nothing stored that was not acknowledged"
    );
    let references: HashSet<&String> = stored.values().flatten().collect();
    assert_eq!(references.len(), acked.len(), "references are unique");

    // The survivor has all of them, whole, and serves the new listing, directly and
    // through the proxy (which now skips the dead replica).
    for one in acked.iter().step_by(7) {
        assert!(one.is_intact_on(&http, &b).await, "{} on B", one.key);
    }
    assert!(catalog_ids(&http, &b.base).await.contains(id));
    for _ in 0..4 {
        assert!(catalog_ids(&http, &proxy.base).await.contains(id));
        let res = http
            .get(format!("{}/api/health", proxy.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    assert_eq!(etag(&http, &b.base).await, published);
}
