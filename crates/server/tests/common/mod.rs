//! The real server binary on a loopback port, shared by the integration tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub mod pg;
pub mod smtp;

/// An app shell shaped like the one Trunk writes, for tests of the server-written pages.
pub const APP_SHELL: &str = r#"<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="description" content="Katalog produk desa." />
    <title>Etalase Desa</title>
    <script type="module">import init from '/app.js'; await init();</script>
  </head>
  <body>
    <div id="boot" class="boot" aria-busy="true"><div class="boot-bar"></div><p class="boot-text">Memuat…</p></div>
  </body>
</html>"#;

pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Server {
    /// Starts with a fresh temp data directory and no built app.
    pub fn start_fresh() -> (Server, tempfile::TempDir) {
        let data = tempfile::tempdir().unwrap();
        let dist = data.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        let server = Server::start(&data.path().join("data"), &dist);
        (server, data)
    }

    /// Starts with a fresh temp data directory and an app shell ([`APP_SHELL`]), so buyer
    /// pages are written as in production.
    pub fn start_with_shell() -> (Server, tempfile::TempDir) {
        let data = tempfile::tempdir().unwrap();
        let dist = data.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), APP_SHELL).unwrap();
        let server = Server::start(&data.path().join("data"), &dist);
        (server, data)
    }

    /// The published catalog as buyers fetch it (`/api/catalog`).
    #[allow(dead_code)] // Not every test binary reads the catalog.
    pub async fn catalog(&self) -> serde_json::Value {
        let res = reqwest::get(self.url("/api/catalog")).await.unwrap();
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn start(data_dir: &Path, dist_dir: &Path) -> Server {
        Server::start_with_env(data_dir, dist_dir, &[])
    }

    /// Starts with extra environment variables (configuration under test).
    pub fn start_with_env(data_dir: &Path, dist_dir: &Path, env: &[(&str, &str)]) -> Server {
        Server::start_via(&[], data_dir, dist_dir, env)
    }

    /// Starts the binary through `wrapper` (a program and its arguments that end by running
    /// the rest of the command line, e.g. `sh -c '…; exec "$@"' sh`), so a test can change
    /// the process's limits or mounts without unsafe code in the test itself.
    pub fn start_via(
        wrapper: &[&str],
        data_dir: &Path,
        dist_dir: &Path,
        env: &[(&str, &str)],
    ) -> Server {
        let mut command = match wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(env!("CARGO_BIN_EXE_etalase-server"));
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_etalase-server")),
        };
        let mut child = command
            .envs(env.iter().copied())
            .args(["--port", "0", "--data-dir"])
            .arg(data_dir)
            .arg("--dist")
            .arg(dist_dir)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("server binary starts");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let base = line
            .trim()
            .split_once("serving on ")
            .map(|(_, url)| url.to_string())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        Server { child, base }
    }

    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The field names of a `422` body's `fields`, in order.
pub fn field_names(body: &serde_json::Value) -> Vec<&str> {
    body["fields"]
        .as_array()
        .expect("a 422 body lists its fields")
        .iter()
        .map(|f| f["field"].as_str().expect("each field is named"))
        .collect()
}

/// A valid hotel inquiry for two published products of two different sellers, wanted in two
/// weeks.
pub fn purchase(organisation: &str) -> etalase_model::inquiry::PurchaseInquiry {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    etalase_model::demo::hotel_purchase(
        &etalase_model::demo_catalog(),
        organisation,
        etalase_model::Date::from_days_since_epoch(days + 14),
    )
}

/// `POST /api/inquiries` for a purchase inquiry under `key`.
pub async fn send_inquiry(
    http: &reqwest::Client,
    server: &Server,
    key: &str,
    organisation: &str,
) -> reqwest::Result<reqwest::Response> {
    http.post(server.url("/api/inquiries"))
        .header("idempotency-key", key)
        .json(&serde_json::json!({"kind": "purchase", "purchase": purchase(organisation)}))
        .send()
        .await
}

/// An acknowledged inquiry: what the client sent and what the server answered.
#[derive(Debug, Clone)]
pub struct Acked {
    pub key: String,
    pub organisation: String,
    pub reference: String,
    pub token: String,
}

impl Acked {
    /// Reads a `201` answer to the inquiry sent as `key`/`organisation`.
    pub async fn from_response(key: &str, organisation: &str, res: reqwest::Response) -> Acked {
        let body: serde_json::Value = res.json().await.unwrap();
        Acked {
            key: key.into(),
            organisation: organisation.into(),
            reference: body["reference"].as_str().unwrap().into(),
            token: body["tracking_token"].as_str().unwrap().into(),
        }
    }

    /// Whether `server` has this inquiry, whole: reference, form and both seller parts.
    pub async fn is_intact_on(&self, http: &reqwest::Client, server: &Server) -> bool {
        let res = http
            .get(server.url(&format!("/api/inquiries/track/{}", self.token)))
            .send()
            .await
            .unwrap();
        if res.status() != 200 {
            return false;
        }
        let tracked: serde_json::Value = res.json().await.unwrap();
        tracked["reference"] == self.reference.as_str()
            && tracked["inquiry"]["organisation"] == self.organisation.as_str()
            && tracked["parts"].as_array().map(Vec::len) == Some(2)
    }
}

/// A JPEG the server accepts: `width`×`height` of noise at `quality`, so its size is
/// predictable from the pixel count (noise does not compress).
pub fn noisy_jpeg(width: u32, height: u32, quality: u8, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [r, g, b, _] = state.to_le_bytes();
        image::Rgb([r, g, b])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&img)
        .unwrap();
    out
}

/// Registers a seller (village Sepatin) with a cookie-keeping client.
pub async fn register_seller(
    server: &Server,
    name: &str,
    whatsapp: &str,
    password: &str,
) -> Seller {
    register_seller_at(&server.base, name, whatsapp, password).await
}

/// [`register_seller`] at any base URL (a proxy in front of replicas, say).
pub async fn register_seller_at(base: &str, name: &str, whatsapp: &str, password: &str) -> Seller {
    let http = browser();
    let res = http
        .post(format!("{base}/api/auth/register"))
        .json(&serde_json::json!({
            "business_name": name,
            "whatsapp": whatsapp,
            "village_slug": "sepatin",
            "password": password,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "registration");
    let me: serde_json::Value = res.json().await.unwrap();
    Seller {
        http,
        csrf: me["csrf_token"].as_str().unwrap().to_string(),
        id: me["seller"]["id"].as_str().unwrap().to_string(),
    }
}

/// A client that keeps cookies, as a browser does.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

/// A registered, signed-in seller: their cookie jar, CSRF token and id.
pub struct Seller {
    pub http: reqwest::Client,
    pub csrf: String,
    pub id: String,
}

/// Registers a seller in Sepatin with the tests' usual password.
pub async fn register(server: &Server, name: &str, whatsapp: &str) -> Seller {
    register_seller(server, name, whatsapp, "amplang-enak-2026").await
}

/// A valid baseline JPEG of a gradient, as a photo upload.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&img)
        .unwrap();
    out
}

/// `POST /api/uploads` as the signed-in seller.
pub async fn upload(
    http: &reqwest::Client,
    server: &Server,
    csrf: &str,
    photo: Vec<u8>,
) -> reqwest::Response {
    http.post(server.url("/api/uploads"))
        .header("content-type", "image/jpeg")
        .header("x-csrf-token", csrf)
        .body(photo)
        .send()
        .await
        .unwrap()
}

/// The names of the files in `dir` (none if it does not exist).
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
