//! nginx for the catalog comparison: its config, a free port, and the wait until it listens.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::process::pinned;

pub(super) const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

pub(super) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Headers our server adds that nginx should send too, so both answers are the same size
/// give or take `Server`/`Date`-style lines. Body framing, encoding and validators are left to
/// nginx's own `gzip_static`/`brotli_static` and `etag`.
pub(super) fn mirrored_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
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

pub(super) fn nginx_conf(
    prefix: &Path,
    www: &Path,
    port: u16,
    headers: &[(String, String)],
) -> String {
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

pub(super) fn pinned_nginx(pin: bool) -> Command {
    pinned(pin.then_some(0), Path::new("nginx"))
}

/// Waits until `addr` accepts connections (nginx has no "serving on" line).
pub(super) fn wait_for(addr: &str, prefix: &Path) -> Result<(), String> {
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
