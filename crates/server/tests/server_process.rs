//! The real binary on a real socket: started on an ephemeral loopback port with a temp data
//! directory, exactly as `cargo xtask run` starts it, then stopped with SIGTERM.

mod common;

use std::path::Path;
use std::process::Command;

use common::Server;

fn write_dist(dir: &Path) {
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Etalase Desa</title>",
    )
    .unwrap();
    std::fs::write(
        dir.join("penjual.html"),
        "<!doctype html><title>Etalase Desa · Penjual</title>",
    )
    .unwrap();
    std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
}

#[tokio::test]
async fn health_spa_fallback_and_cache_headers_over_a_real_socket() {
    let data = tempfile::tempdir().unwrap();
    let dist = tempfile::tempdir().unwrap();
    write_dist(dist.path());
    let server = Server::start(&data.path().join("nested/data"), dist.path());
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    let http = reqwest::Client::new();

    let res = http
        .get(format!("{}/api/health", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(body["database"]["ok"], true);
    assert_eq!(body["database"]["engine"], "sqlite");
    assert!(
        data.path().join("nested/data/etalase.sqlite3").is_file(),
        "database file on disk"
    );

    // A deep link is answered with the app shell, that page written in, never cached
    // stale; an unknown product is a real 404 (still the shell, whose app shows its page).
    let catalog: serde_json::Value = http
        .get(format!("{}/api/catalog", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let name = catalog["products"][0]["name_id"].as_str().unwrap();
    let id = catalog["products"][0]["id"].as_str().unwrap();
    let res = http
        .get(format!("{}/produk/{id}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(&format!("<title>{name}")));
    let res = http
        .get(format!("{}/produk/kerupuk-yang-tidak-ada", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("<!doctype html>"));

    // The seller's pages are the seller's app, its own shell; the buyer's app's own pages
    // are its shell too.
    for (path, title) in [
        (
            "/penjual/produk/baru",
            "<title>Etalase Desa · Penjual</title>",
        ),
        ("/masuk", "<title>Etalase Desa · Penjual</title>"),
        ("/permintaan/lacak/abc", "<title>Etalase Desa</title>"),
    ] {
        let res = http
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.text().await.unwrap().contains(title), "{path}");
    }
    let res = http
        .get(format!("{}/penjualan-kami", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "an unknown page of the buyer's app");

    // Hashed assets are immutable and typed correctly.
    let res = http
        .get(format!("{}/app-0123456789abcdef_bg.wasm", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    // A missing asset and an unknown API path are real 404s, the latter in JSON.
    let res = http
        .get(format!("{}/missing-logo.png", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = http
        .get(format!("{}/api/nope", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "not_found");

    // The catalog snapshot: demo data seeded on first start, brotli when accepted, and a
    // revalidation with the ETag costs no body.
    let res = http
        .get(format!("{}/api/catalog", server.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let res = http
        .get(format!("{}/api/catalog", server.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    let res = http
        .get(format!("{}/api/catalog", server.base))
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    let catalog: etalase_model::Catalog = res.json().await.unwrap();
    assert!(catalog.products.len() >= 40, "demo catalog seeded");
    assert_eq!(format!("\"{}\"", catalog.version), etag);
    assert!(catalog
        .products
        .iter()
        .all(|p| p.status == etalase_model::ListingStatus::Published));
    let on_disk = data.path().join(format!(
        "nested/data/catalog/catalog-{}.json",
        catalog.version
    ));
    assert!(
        on_disk.is_file(),
        "snapshot written to {}",
        on_disk.display()
    );

    // Demo photos are drawn on request, only for listed products.
    let photo = &catalog.products[0].photos[0];
    let res = http
        .get(format!("{}{}", server.base, photo.thumb))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(res.bytes().await.unwrap().starts_with(&[0xff, 0xd8]));
    let res = http
        .get(format!("{}/media/demo/not-a-product-400.jpg", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    let status = server.terminate();
    assert!(
        status.success(),
        "graceful shutdown exits 0, got {status:?}"
    );
}

#[test]
fn refuses_to_start_on_an_unusable_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(["--port", "0", "--data-dir"])
        .arg(file.join("sub"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("opening the database"), "{stderr}");
}

/// A server on PostgreSQL has nothing in its data directory for `backup` to copy; it must
/// say so rather than copy an empty SQLite file and report success. The same for a
/// PostgreSQL that cannot be reached: the server refuses to start and says which URL.
#[test]
fn postgres_configuration_is_refused_clearly_where_it_cannot_work() {
    let dir = tempfile::tempdir().unwrap();
    let unreachable = "postgres://etalase@127.0.0.1:1/etalase";
    let out = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(["backup", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--to")
        .arg(dir.path().join("backup"))
        .env("DATABASE_URL", unreachable)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pg_dump"), "{stderr}");
    assert!(!dir.path().join("backup").exists(), "nothing written");

    let out = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
        .args(["--port", "0", "--data-dir"])
        .arg(dir.path().join("data"))
        .env(
            "DATABASE_URL",
            "postgres://etalase:secret@127.0.0.1:1/etalase",
        )
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("connecting to DATABASE_URL (postgres://etalase@127.0.0.1:1/etalase)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("secret"),
        "the password stays out of the log: {stderr}"
    );
}
