//! The real server binary on a loopback port, shared by the integration tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

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

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn start(data_dir: &Path, dist_dir: &Path) -> Server {
        Server::start_with_env(data_dir, dist_dir, &[])
    }

    /// Starts with extra environment variables (configuration under test).
    pub fn start_with_env(data_dir: &Path, dist_dir: &Path, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_etalase-server"))
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

/// Registers a seller in Sepatin and keeps the session.
pub async fn register(server: &Server, name: &str, whatsapp: &str) -> Seller {
    let http = browser();
    let res = http
        .post(server.url("/api/auth/register"))
        .json(&serde_json::json!({
            "business_name": name,
            "whatsapp": whatsapp,
            "village_slug": "sepatin",
            "password": "amplang-enak-2026",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let me: serde_json::Value = res.json().await.unwrap();
    Seller {
        http,
        csrf: me["csrf_token"].as_str().unwrap().to_string(),
        id: me["seller"]["id"].as_str().unwrap().to_string(),
    }
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
