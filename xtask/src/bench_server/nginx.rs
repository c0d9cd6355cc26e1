//! nginx for the catalog comparison: its config, a free port, and the wait until it listens.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::process::{pinned, Proc};

pub(super) const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// nginx from its own prefix under `dir`, serving `www` on a free loopback port with
/// `headers` (ours) mirrored, pinned to CPU 0 when `pinned`; returns it and its address once
/// it accepts connections.
pub(super) fn start(
    dir: &Path,
    www: &Path,
    headers: &[(String, String)],
    pinned: bool,
) -> Result<(Proc, String), String> {
    let port = free_port()?;
    let prefix = dir.join("nginx");
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    let conf = prefix.join("nginx.conf");
    std::fs::write(
        &conf,
        nginx_conf(&prefix, www, port, &mirrored_headers(headers)),
    )
    .map_err(|e| e.to_string())?;
    let child = pinned_nginx(pinned)
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(&prefix)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start nginx: {e}"))?;
    let nginx = Proc {
        child,
        what: "nginx".into(),
    };
    let nginx_addr = format!("127.0.0.1:{port}");
    wait_for(&nginx_addr, &prefix)?;
    Ok((nginx, nginx_addr))
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Headers our server adds that nginx should send too, so both answers are the same size
/// give or take `Server`/`Date`-style lines. Body framing, encoding and validators are left to
/// nginx's own `gzip_static`/`brotli_static` and `etag`.
fn mirrored_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    const OWN: &[&str] = &[
        "content-length",
        "content-type",
        "content-encoding",
        "date",
        "etag",
        "last-modified",
        "vary",
        "connection",
        "transfer-encoding",
        "server",
    ];
    headers
        .iter()
        .filter(|(k, _)| !OWN.contains(&k.as_str()))
        .cloned()
        .collect()
}

fn nginx_conf(prefix: &Path, www: &Path, port: u16, headers: &[(String, String)]) -> String {
    let add: String = headers
        .iter()
        .map(|(k, v)| {
            format!(
                "            add_header {k} \"{}\" always;\n",
                v.replace('\\', "\\\\").replace('"', "\\\"")
            )
        })
        .collect();
    let brotli = if Path::new(BROTLI_MODULE).exists() {
        format!("load_module {BROTLI_MODULE};\n")
    } else {
        String::new()
    };
    let brotli_on = if brotli.is_empty() {
        ""
    } else {
        "            brotli_static on;\n"
    };
    let p = prefix.display();
    format!(
        "{brotli}daemon off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    # Our server keeps a connection for any number of requests; so does nginx here.
    keepalive_requests 100000000;
    keepalive_timeout 65;
    client_body_temp_path {p}/client_body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {www};
        location = /api/catalog {{
            default_type application/json;
            gzip_static on;
            gzip_vary on;
{brotli_on}{add}        }}
    }}
}}
",
        www = www.display()
    )
}

fn pinned_nginx(pin: bool) -> Command {
    pinned(pin.then_some(0), Path::new("nginx"))
}

/// Waits until `addr` accepts connections (nginx has no "serving on" line).
fn wait_for(addr: &str, prefix: &Path) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = std::fs::read_to_string(prefix.join("error.log")).unwrap_or_default();
    Err(format!("nginx did not start on {addr}: {log}"))
}
