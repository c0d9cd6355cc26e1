//! `cargo xtask bench-server`: the server's two hot paths, measured against references in
//! the same run, returned as a Markdown section for BENCHMARKS.md.
//!
//! 1. **Durable inquiries.** The release server on a free loopback port, a fresh data
//!    directory (a real SQLite file on disk, WAL, `synchronous=FULL`), and the load
//!    generator `crates/server/examples/inquiry_load.rs` at 1, 16 and 64 concurrent clients,
//!    each for a 1 s warm-up and 5 s measured. Once with group commit (the default) and once
//!    with `ETALASE_GROUP_COMMIT=0` (one transaction and fsync per inquiry, the design
//!    before it), so the ratio says what group commit buys. The load generator then checks
//!    that the database holds exactly one row per `201` it received. All clients share
//!    127.0.0.1 and the server counts inquiries per socket address (it never trusts
//!    `X-Forwarded-For`), so its documented limit `ETALASE_INQUIRY_LIMIT` is raised for the
//!    run instead of faking addresses.
//! 2. **Catalog against nginx.** `GET /api/catalog` from our server and from nginx serving
//!    the very bytes ours serves: fetched from our server per `Accept-Encoding` and written
//!    as `catalog`, `catalog.gz`, `catalog.br`, served with `gzip_static`/`brotli_static`
//!    (precompressed, as ours serves its snapshot: neither compresses per request), with the
//!    same extra response headers as ours. Each server is pinned to CPU 0 and `wrk` to CPU 1
//!    (`taskset`), nginx with `worker_processes 1`, our server's Tokio runtime then sees one
//!    CPU and starts one worker. `wrk -t1 -c32 -d5s --latency`, three rounds per encoding,
//!    alternating which server goes first.
//!
//! nginx, its brotli_static module and wrk come from Debian (`apt-get install`, as root) when
//! missing; nginx runs from a temp prefix with its own config (`daemon off`), never as the
//! system service. [`smoke`] is a tiny run that checks the harness itself.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::sh::cmd;
use crate::step;

/// How long and how hard.
struct Plan {
    clients: &'static [usize],
    warmup_secs: f64,
    secs: f64,
    wrk_secs: u32,
    wrk_connections: u32,
    rounds: usize,
}

const FULL: Plan = Plan {
    clients: &[1, 16, 64],
    warmup_secs: 1.0,
    secs: 5.0,
    wrk_secs: 5,
    wrk_connections: 32,
    rounds: 3,
};

const SMOKE: Plan = Plan {
    clients: &[1, 4],
    warmup_secs: 0.2,
    secs: 0.5,
    wrk_secs: 1,
    wrk_connections: 8,
    rounds: 1,
};

/// Raised per-address inquiry limit for the load (see the module doc).
const NO_INQUIRY_LIMIT: &str = "1000000000";
const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Builds, runs both parts and returns the Markdown section.
pub fn run(root: &Path) -> Result<String, String> {
    let bins = build(root, true)?;
    ensure_tools()?;
    let work = work_dir(root)?;
    let group = inquiries(&bins, &work, &FULL, Engine::Sqlite { group_commit: true })?;
    let single = inquiries(
        &bins,
        &work,
        &FULL,
        Engine::Sqlite {
            group_commit: false,
        },
    )?;
    let postgres = postgres_inquiries(&bins, &work, &FULL)?;
    let catalog = catalog(&bins, &work, &FULL)?;
    let _ = std::fs::remove_dir_all(&work);
    let mut md = markdown(&work, &group, &single, &catalog);
    md.push_str(&postgres_markdown(&group, &postgres));
    Ok(md)
}

/// A run of a few seconds that fails if the harness is broken: no acknowledged inquiry, a
/// row count that differs from the `201`s, or wrk output it cannot read. Without nginx or
/// wrk the catalog part is skipped with a note.
pub fn smoke(root: &Path) -> Result<(), String> {
    let bins = build(root, false)?;
    let started = Instant::now();
    let work = work_dir(root)?;
    let group = inquiries(&bins, &work, &SMOKE, Engine::Sqlite { group_commit: true })?;
    let postgres = postgres_inquiries(&bins, &work, &SMOKE)?;
    for level in group
        .levels
        .iter()
        .chain(postgres.iter().flat_map(|(_, r)| &r.levels))
    {
        if level.acked == 0 {
            return Err(format!(
                "smoke: no acknowledged inquiry at {} clients",
                level.clients
            ));
        }
    }
    if have("nginx", &["-v"]) && have("wrk", &["-v"]) {
        let catalog = catalog(&bins, &work, &SMOKE)?;
        if catalog
            .runs
            .iter()
            .any(|r| r.ours.rps <= 0.0 || r.nginx.rps <= 0.0)
        {
            return Err("smoke: a catalog run served nothing".into());
        }
    } else {
        println!("   note: nginx or wrk is not installed; catalog comparison skipped");
    }
    let _ = std::fs::remove_dir_all(&work);
    println!("bench-server smoke passed in {:.1?}", started.elapsed());
    Ok(())
}

struct Bins {
    server: PathBuf,
    load: PathBuf,
}

/// Builds the server and the load generator: release for figures; the smoke run (inside
/// `cargo xtask test`, which already has a debug server) only checks the harness, so it
/// uses debug builds rather than a second, slow LTO build of the server.
fn build(root: &Path, release: bool) -> Result<Bins, String> {
    let profile = if release { "server" } else { "debug" };
    step(&format!(
        "building the server and the inquiry load generator ({profile})"
    ));
    let mut args = vec!["build"];
    if release {
        args.extend(["--profile", "server"]);
    }
    args.extend([
        "-p",
        "etalase-server",
        "--bins",
        "--example",
        "inquiry_load",
    ]);
    cmd("cargo", &args).run()?;
    let dir = crate::target_dir(root).join(profile);
    Ok(Bins {
        server: dir.join("etalase-server"),
        load: dir.join("examples/inquiry_load"),
    })
}

/// A scratch directory on the project's disk (where the target directory lives), so the
/// database's fsyncs hit a real disk even where /tmp is a RAM disk.
fn work_dir(root: &Path) -> Result<PathBuf, String> {
    let dir = crate::target_dir(root).join(format!("bench-server-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// nginx (with brotli_static) and wrk from Debian when missing.
fn ensure_tools() -> Result<(), String> {
    if have("nginx", &["-v"]) && have("wrk", &["-v"]) && Path::new(BROTLI_MODULE).exists() {
        return Ok(());
    }
    crate::setup::apt_install(&["nginx", "libnginx-mod-http-brotli-static", "wrk"])
}

/// A child process stopped (SIGTERM, then SIGKILL) when dropped.
struct Proc {
    child: Child,
    what: String,
}

impl Proc {
    fn stop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!("   {} did not stop on SIGTERM; killing it", self.what);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// `taskset -c CPU` in front of a command, when taskset exists.
fn pinned(cpu: Option<u32>, program: &Path) -> Command {
    match cpu {
        Some(cpu) if have("taskset", &["-V"]) => {
            let mut c = Command::new("taskset");
            c.arg("-c").arg(cpu.to_string()).arg(program);
            c
        }
        _ => Command::new(program),
    }
}

/// Our release server on a free loopback port with a fresh data directory (demo catalog).
/// Its log goes to `log` if given (with the store's info lines: the group commit summary),
/// else only errors reach the terminal.
fn start_server(
    bins: &Bins,
    data: &Path,
    dist: &Path,
    env: &[(&str, &str)],
    cpu: Option<u32>,
    log: Option<&Path>,
) -> Result<(Proc, String), String> {
    let (filter, stderr) = match log {
        Some(path) => (
            "warn,etalase_server::store=info",
            Stdio::from(std::fs::File::create(path).map_err(|e| e.to_string())?),
        ),
        None => ("error", Stdio::inherit()),
    };
    let mut child = pinned(cpu, &bins.server)
        .args(["--port", "0", "--data-dir"])
        .arg(data)
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", filter)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bins.server.display()))?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let proc = Proc {
        child,
        what: "the server".into(),
    };
    let base = line
        .trim()
        .split_once("serving on ")
        .map(|(_, base)| base.to_string())
        .ok_or_else(|| format!("the server did not start: {line:?}"))?;
    Ok((proc, base))
}

/// One client count of the inquiry load, as the load generator reported it.
#[derive(Debug, Clone)]
struct Level {
    clients: usize,
    acked: u64,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    errors: u64,
    other: String,
    /// The server's CPU time per acknowledged inquiry (µs) and its mean cores in use.
    cpu_us: Option<f64>,
    cores: Option<f64>,
}

struct InquiryRun {
    group_commit: bool,
    /// `/proc/loadavg` when the run began: how busy the shared machine was.
    load_before: String,
    levels: Vec<Level>,
    created: u64,
    rows: u64,
    /// From the server's log at exit: transactions, inquiries in them, the largest batch.
    batches: Option<(u64, u64, u64)>,
}

/// The writer's closing line, `group commit: database writer stopped batches=… inquiries=…
/// mean_batch=… largest_batch=…` (escape sequences for colour removed first).
fn group_commit_summary(log: &str) -> Option<(u64, u64, u64)> {
    let line = log
        .lines()
        .map(strip_ansi)
        .find(|l| l.contains("group commit: database writer stopped"))?;
    let f = fields(&line);
    Some((
        num(f("batches")).ok()?,
        num(f("inquiries")).ok()?,
        num(f("largest_batch")).ok()?,
    ))
}

fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters… final letter
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Which store the inquiry load runs against.
#[derive(Clone, Copy)]
enum Engine<'a> {
    /// The embedded default, with or without group commit.
    Sqlite { group_commit: bool },
    /// `replicas` servers sharing the PostgreSQL database at `url`.
    Postgres { url: &'a str, replicas: usize },
}

impl Engine<'_> {
    fn label(&self) -> String {
        match self {
            Engine::Sqlite { group_commit: true } => "group".into(),
            Engine::Sqlite {
                group_commit: false,
            } => "single".into(),
            Engine::Postgres { replicas, .. } => format!("pg{replicas}"),
        }
    }

    fn describe(&self) -> String {
        match self {
            Engine::Sqlite { group_commit: true } => "SQLite, group commit".into(),
            Engine::Sqlite {
                group_commit: false,
            } => "SQLite, one transaction per inquiry (ETALASE_GROUP_COMMIT=0)".into(),
            Engine::Postgres { replicas, .. } => {
                format!("PostgreSQL, {replicas} replica(s), synchronous_commit on")
            }
        }
    }
}

fn inquiries(
    bins: &Bins,
    work: &Path,
    plan: &Plan,
    engine: Engine<'_>,
) -> Result<InquiryRun, String> {
    let label = engine.label();
    step(&format!(
        "inquiry load, {}: clients {:?}, {} s warm-up + {} s each",
        engine.describe(),
        plan.clients,
        plan.warmup_secs,
        plan.secs
    ));
    let dir = work.join(format!("inquiries-{label}"));
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let (db, replicas, mut env) = match engine {
        Engine::Sqlite { group_commit } => (
            dir.join("data/etalase.sqlite3")
                .to_string_lossy()
                .into_owned(),
            1,
            vec![("ETALASE_GROUP_COMMIT", if group_commit { "1" } else { "0" })],
        ),
        Engine::Postgres { url, replicas } => {
            (url.to_string(), replicas, vec![("DATABASE_URL", url)])
        }
    };
    env.push(("ETALASE_INQUIRY_LIMIT", NO_INQUIRY_LIMIT));
    let mut servers = Vec::new();
    let mut bases = Vec::new();
    for n in 0..replicas {
        let data = if replicas == 1 {
            dir.join("data")
        } else {
            dir.join(format!("data-{n}"))
        };
        let log = dir.join(format!("server-{n}.log"));
        let (server, base) = start_server(bins, &data, &dist, &env, None, Some(&log))?;
        servers.push(server);
        bases.push(base);
    }
    let clients = plan
        .clients
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let pids = servers
        .iter()
        .map(|s| s.child.id().to_string())
        .collect::<Vec<_>>()
        .join(",");
    let args = [
        "--url".to_string(),
        bases.join(","),
        "--db".into(),
        db,
        "--clients".into(),
        clients,
        "--warmup".into(),
        plan.warmup_secs.to_string(),
        "--secs".into(),
        plan.secs.to_string(),
        "--label".into(),
        label.clone(),
        "--server-pid".into(),
        pids,
    ];
    let load_before = load_average();
    println!("$ inquiry_load {}", args.join(" "));
    let out = Command::new(&bins.load)
        .args(&args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", bins.load.display()))?;
    for server in &mut servers {
        server.stop();
    }
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    if !out.status.success() {
        return Err(format!("inquiry_load failed ({})", out.status));
    }
    let group = matches!(engine, Engine::Sqlite { group_commit: true });
    let mut run = parse_load(&text, group)?;
    run.load_before = load_before;
    let log = std::fs::read_to_string(dir.join("server-0.log")).unwrap_or_default();
    run.batches = group_commit_summary(&log);
    if group && run.batches.is_none() {
        return Err(format!(
            "no group commit summary in the server's log:\n{log}"
        ));
    }
    if let Some((batches, inquiries, largest)) = run.batches {
        println!(
            "   group commit: {inquiries} inquiries in {batches} transactions (mean {:.1}, largest {largest})",
            inquiries as f64 / batches.max(1) as f64
        );
    }
    if run.created != run.rows {
        return Err(format!(
            "{label}: {} rows for {} acknowledged inquiries",
            run.rows, run.created
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(run)
}

/// The same load on PostgreSQL (a throwaway cluster, a fresh database per run) with one and
/// with two replicas: what scale-out costs and buys against the SQLite default.
fn postgres_inquiries(
    bins: &Bins,
    work: &Path,
    plan: &Plan,
) -> Result<Vec<(usize, InquiryRun)>, String> {
    let cluster = crate::postgres::Cluster::start(&crate::setup::postgresql()?)?;
    let mut runs = Vec::new();
    for replicas in [1, 2] {
        let url = cluster.create_database(&format!("bench_{replicas}"))?;
        runs.push((
            replicas,
            inquiries(
                bins,
                work,
                plan,
                Engine::Postgres {
                    url: &url,
                    replicas,
                },
            )?,
        ));
    }
    Ok(runs)
}

/// `key=value` pairs of one output line.
fn fields(line: &str) -> impl Fn(&str) -> Result<String, String> + '_ {
    move |key: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_string)
            .ok_or_else(|| format!("no {key} in {line:?}"))
    }
}

fn num<T: std::str::FromStr>(text: Result<String, String>) -> Result<T, String> {
    let text = text?;
    text.parse().map_err(|_| format!("not a number: {text}"))
}

fn parse_load(text: &str, group_commit: bool) -> Result<InquiryRun, String> {
    let mut levels = Vec::new();
    let mut rows = None;
    for line in text.lines() {
        if line.starts_with("RESULT ") {
            let f = fields(line);
            levels.push(Level {
                clients: num(f("clients"))?,
                acked: num(f("acked"))?,
                rps: num(f("rps"))?,
                p50_ms: num(f("p50_ms"))?,
                p99_ms: num(f("p99_ms"))?,
                max_ms: num(f("max_ms"))?,
                errors: num(f("errors"))?,
                other: f("other")?,
                cpu_us: f("server_cpu_us_per_ack").ok().and_then(|v| v.parse().ok()),
                cores: f("server_cores").ok().and_then(|v| v.parse().ok()),
            });
        } else if line.starts_with("ROWS ") {
            let f = fields(line);
            rows = Some((num(f("created"))?, num(f("rows"))?));
        }
    }
    let (created, rows) = rows.ok_or("the load generator printed no ROWS line")?;
    if levels.is_empty() {
        return Err("the load generator printed no RESULT line".into());
    }
    Ok(InquiryRun {
        group_commit,
        load_before: String::new(),
        levels,
        created,
        rows,
        batches: None,
    })
}

/// What wrk reported for one run.
#[derive(Debug, Clone, Default)]
struct Wrk {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    errors: u64,
}

struct CatalogRun {
    encoding: &'static str,
    round: usize,
    ours: Wrk,
    nginx: Wrk,
}

struct Catalog {
    runs: Vec<CatalogRun>,
    sizes: Vec<(&'static str, usize)>,
    nginx_version: String,
    wrk_version: String,
    plan_wrk: String,
    pinned: bool,
}

/// Status, headers (names in lower case) and body of one answer.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);

/// One HTTP/1.1 GET, `Connection: close`.
fn http_get(addr: &str, path: &str, accept_encoding: Option<&str>) -> Result<Answer, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let ae = accept_encoding
        .map(|e| format!("Accept-Encoding: {e}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{ae}Connection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no HTTP header end")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("no status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        return Err(format!("{path}: chunked answer, expected a length"));
    }
    Ok((status, headers, body))
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

fn catalog(bins: &Bins, work: &Path, plan: &Plan) -> Result<Catalog, String> {
    let pinned = have("taskset", &["-V"]);
    step(&format!(
        "catalog: our server and nginx on CPU 0, wrk on CPU 1 (-t1 -c{} -d{}s), {} round(s)",
        plan.wrk_connections, plan.wrk_secs, plan.rounds
    ));
    let dir = work.join("catalog");
    let dist = dir.join("dist");
    let www = dir.join("www/api");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&www).map_err(|e| e.to_string())?;
    let (mut ours, base) = start_server(bins, &dir.join("data"), &dist, &[], Some(0), None)?;
    let our_addr = base.trim_start_matches("http://").to_string();

    // The bytes our server serves, per encoding, as nginx's precompressed files.
    let has_brotli = Path::new(BROTLI_MODULE).exists();
    let mut encodings: Vec<(&'static str, &'static str)> = Vec::new();
    if has_brotli {
        encodings.push(("br", "catalog.br"));
    }
    encodings.push(("gzip", "catalog.gz"));
    let (status, headers, json) = http_get(&our_addr, "/api/catalog", None)?;
    if status != 200 {
        return Err(format!("our catalog answered {status}"));
    }
    std::fs::write(www.join("catalog"), &json).map_err(|e| e.to_string())?;
    let mut sizes = vec![("identity", json.len())];
    for (encoding, file) in &encodings {
        let (status, h, body) = http_get(&our_addr, "/api/catalog", Some(encoding))?;
        let served = h
            .iter()
            .find(|(k, _)| k == "content-encoding")
            .map(|(_, v)| v.as_str());
        if status != 200 || served != Some(encoding) {
            return Err(format!(
                "our catalog with Accept-Encoding {encoding}: {status}, {served:?}"
            ));
        }
        if decode(encoding, &body)? != json {
            return Err(format!(
                "our {encoding} catalog does not decode to the JSON"
            ));
        }
        std::fs::write(www.join(file), &body).map_err(|e| e.to_string())?;
        sizes.push((encoding, body.len()));
    }

    let port = free_port()?;
    let prefix = dir.join("nginx");
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    let conf = prefix.join("nginx.conf");
    std::fs::write(
        &conf,
        nginx_conf(&prefix, &dir.join("www"), port, &mirrored_headers(&headers)),
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
    let mut nginx = Proc {
        child,
        what: "nginx".into(),
    };
    let nginx_addr = format!("127.0.0.1:{port}");
    wait_for(&nginx_addr, &prefix)?;
    // nginx must answer with exactly our bytes, per encoding.
    for (encoding, _) in &encodings {
        let (_, _, mine) = http_get(&our_addr, "/api/catalog", Some(encoding))?;
        let (status, _, theirs) = http_get(&nginx_addr, "/api/catalog", Some(encoding))?;
        if status != 200 || theirs != mine {
            return Err(format!(
                "nginx's {encoding} catalog differs from ours ({status}, {} vs {} bytes)",
                theirs.len(),
                mine.len()
            ));
        }
    }

    let mut runs = Vec::new();
    for (encoding, _) in &encodings {
        for round in 0..plan.rounds {
            let measure = |addr: &str| wrk(addr, encoding, plan, pinned);
            // Alternate who goes first, so a drift of the machine's load hits both alike.
            let (o, n) = if round % 2 == 0 {
                let o = measure(&our_addr)?;
                (o, measure(&nginx_addr)?)
            } else {
                let n = measure(&nginx_addr)?;
                (measure(&our_addr)?, n)
            };
            println!(
                "   {encoding} round {}: ours {:.0} req/s p99 {:.2} ms, nginx {:.0} req/s p99 {:.2} ms, ratio {:.2}",
                round + 1,
                o.rps,
                o.p99_ms,
                n.rps,
                n.p99_ms,
                o.rps / n.rps
            );
            runs.push(CatalogRun {
                encoding,
                round,
                ours: o,
                nginx: n,
            });
        }
    }
    ours.stop();
    nginx.stop();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Catalog {
        runs,
        sizes,
        nginx_version: version_line("nginx", &["-v"]),
        wrk_version: version_line("wrk", &["-v"]),
        plan_wrk: format!(
            "wrk -t1 -c{} -d{}s --latency -H 'Accept-Encoding: …'",
            plan.wrk_connections, plan.wrk_secs
        ),
        pinned,
    })
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

fn decode(encoding: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match encoding {
        "gzip" => {
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut out)
                .map_err(|e| e.to_string())?;
        }
        "br" => {
            brotli::BrotliDecompress(&mut &body[..], &mut out).map_err(|e| e.to_string())?;
        }
        _ => out = body.to_vec(),
    }
    Ok(out)
}

fn version_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| {
            let text = [o.stdout, o.stderr].concat();
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

fn wrk(addr: &str, encoding: &str, plan: &Plan, pinned: bool) -> Result<Wrk, String> {
    let mut command = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "1", "wrk"]);
        c
    } else {
        Command::new("wrk")
    };
    let url = format!("http://{addr}/api/catalog");
    let out = command
        .args([
            "-t1",
            &format!("-c{}", plan.wrk_connections),
            &format!("-d{}s", plan.wrk_secs),
            "--latency",
            "-H",
            &format!("Accept-Encoding: {encoding}"),
            &url,
        ])
        .output()
        .map_err(|e| format!("cannot start wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "wrk failed ({}): {text}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    parse_wrk(&text).map_err(|e| format!("unreadable wrk output ({e}):\n{text}"))
}

/// Reads `Requests/sec`, the 50 % and 99 % latencies, the request count and errors.
fn parse_wrk(text: &str) -> Result<Wrk, String> {
    let mut w = Wrk::default();
    let (mut rps, mut p50, mut p99, mut requests) = (None, None, None, None);
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", n] => rps = n.parse().ok(),
            ["50%", t] => p50 = latency_ms(t),
            ["99%", t] => p99 = latency_ms(t),
            [n, "requests", "in", ..] => requests = n.parse().ok(),
            ["Non-2xx", "or", "3xx", "responses:", n] => w.errors += n.parse::<u64>().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                w.errors += rest
                    .iter()
                    .filter_map(|t| t.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    w.rps = rps.ok_or("no Requests/sec")?;
    w.p50_ms = p50.ok_or("no 50% latency")?;
    w.p99_ms = p99.ok_or("no 99% latency")?;
    w.requests = requests.ok_or("no request count")?;
    if w.requests == 0 {
        return Err("no request completed".into());
    }
    Ok(w)
}

/// wrk's `1.23ms`, `456.00us`, `1.02s`, `2.00m` in milliseconds.
fn latency_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (n, unit) = text.split_at(split);
    let n: f64 = n.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        "h" => n * 3_600_000.0,
        _ => return None,
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The 1-minute load average, e.g. `3.12` (other builds on the shared cores show here).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn today() -> String {
    cmd("date", &["-u", "+%Y-%m-%d"])
        .read()
        .map(|d| d.trim().to_string())
        .unwrap_or_else(|| "date unknown".into())
}

/// The filesystem the benchmark's database lived on (from /proc/mounts).
fn filesystem(path: &Path) -> String {
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    mounts
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 3 && path.starts_with(f[1])).then(|| (f[1].len(), f[2].to_string()))
        })
        .max()
        .map_or_else(|| "unknown".into(), |(_, fs)| fs)
}

fn markdown(work: &Path, group: &InquiryRun, single: &InquiryRun, catalog: &Catalog) -> String {
    let mut md = String::new();
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let fs = filesystem(work.parent().unwrap_or(work));
    let _ = writeln!(
        md,
        "## Server: durable inquiries with group commit, and the catalog against nginx ({})\n",
        today()
    );
    let _ = writeln!(
        md,
        "Reproduce with `cargo xtask bench` (this part alone: `cargo xtask bench-server`). \
         `etalase-server` built with the `server` profile (release, every package at \
         opt-level 3, LTO), loopback, {cpus} shared cores, other builds possibly running beside \
         it: compare the ratios within the run, not the absolute figures across runs.\n"
    );
    let _ = writeln!(
        md,
        "### Inquiries: `POST /api/inquiries`, each acknowledged only once on disk\n"
    );
    let _ = writeln!(
        md,
        "A fresh data directory per mode ({fs}, SQLite in WAL mode with `synchronous=FULL`, demo \
         catalog). `crates/server/examples/inquiry_load.rs`: N clients, each on its own \
         keep-alive HTTP/1.1 connection, one request at a time, every request a valid purchase \
         inquiry (two products, two sellers) with a fresh `Idempotency-Key`; {} s warm-up, then \
         {} s measured per client count. Server and load generator share the cores (not pinned). \
         All clients come from 127.0.0.1 and the server counts inquiries per socket address (it \
         does not trust `X-Forwarded-For`), so the run raises the documented per-address limit \
         (`ETALASE_INQUIRY_LIMIT={NO_INQUIRY_LIMIT}`) instead of faking addresses. Reference in \
         the same run: `ETALASE_GROUP_COMMIT=0`, one transaction (and fsync) per inquiry as \
         before.\n",
        FULL.warmup_secs, FULL.secs
    );
    let _ = writeln!(
        md,
        "| clients | mode | acked/s | p50 | p99 | max | errors | server CPU per ack | server cores busy |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
    for g in &group.levels {
        let s = single.levels.iter().find(|s| s.clients == g.clients);
        for (name, l) in [("group commit", Some(g)), ("one tx per inquiry", s)] {
            let Some(l) = l else { continue };
            let _ = writeln!(
                md,
                "| {} | {name} | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms | {} | {} | {} |",
                l.clients,
                l.rps,
                l.p50_ms,
                l.p99_ms,
                l.max_ms,
                errors_text(l),
                l.cpu_us.map_or("–".into(), |v| format!("{v:.0} µs")),
                l.cores.map_or("–".into(), |v| format!("{v:.2}")),
            );
        }
        if let Some(s) = s {
            let _ = writeln!(
                md,
                "| {} | **group / single** | **{:.1}×** | | {:.2}× | | | | |",
                g.clients,
                g.rps / s.rps,
                g.p99_ms / s.p99_ms
            );
        }
    }
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "- 1-minute load average when each mode began (other builds share the 2 cores): group \
         commit {}, one transaction per inquiry {}.",
        group.load_before, single.load_before
    );
    for run in [group, single] {
        let _ = writeln!(
            md,
            "- {}: {} inquiries acknowledged with `201` over the whole run (warm-ups included), \
             {} rows with the run's keys in the SQLite file afterwards{}.",
            if run.group_commit {
                "Group commit"
            } else {
                "One transaction per inquiry"
            },
            run.created,
            run.rows,
            if run.created == run.rows {
                ": equal"
            } else {
                ": **MISMATCH**"
            }
        );
    }
    if let Some((batches, inquiries, largest)) = group.batches {
        let _ = writeln!(
            md,
            "- Group commit wrote {inquiries} inquiries in {batches} transactions over the whole \
             run, all three client counts and the demo data's seeded inquiries together (mean \
             {:.1} per commit, largest {largest}; the cap is 256).",
            inquiries as f64 / batches.max(1) as f64
        );
    }
    if let Some(g64) = group.levels.iter().find(|l| l.clients == 64) {
        let _ = writeln!(
            md,
            "- Goal (issue 8): ≥ 3,000 acknowledged inquiries/s at 64 clients with p99 ≤ 50 ms: \
             {:.0}/s, p99 {:.1} ms — **{}**.",
            g64.rps,
            g64.p99_ms,
            if g64.rps >= 3000.0 && g64.p99_ms <= 50.0 {
                "met"
            } else {
                "not met"
            }
        );
    }
    let _ = writeln!(md);

    let _ = writeln!(
        md,
        "### Catalog: `GET /api/catalog` against nginx serving the same bytes\n"
    );
    let sizes = catalog
        .sizes
        .iter()
        .map(|(e, n)| format!("{e} {n} B"))
        .collect::<Vec<_>>()
        .join(", ");
    let _ =
        writeln!(
        md,
        "Our server precompresses the catalog snapshot once per change (brotli 11, gzip 9) and \
         serves the stored bytes, so nginx gets the same: the files are fetched from our server \
         per `Accept-Encoding` ({sizes}) and served with `gzip_static`/`brotli_static`, \
         `sendfile`, `access_log off`, unlimited keep-alive requests, and the same extra \
         response headers as ours (CSP, `Cache-Control`, …), checked byte for byte before the \
         run. {} (Debian), `worker_processes 1`; our server with one Tokio worker (it sees one \
         CPU). {}: `{}`, {} round(s) per encoding, alternating which server goes first.\n",
        catalog.nginx_version,
        if catalog.pinned {
            "Each server pinned to CPU 0 and wrk to CPU 1 with `taskset`"
        } else {
            "Not pinned (no taskset)"
        },
        catalog.plan_wrk,
        catalog.runs.iter().map(|r| r.round).max().map_or(0, |r| r + 1),
    );
    let _ = writeln!(
        md,
        "| Accept-Encoding | round | ours req/s | ours p50 / p99 | nginx req/s | nginx p50 / p99 | **ours / nginx** |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|");
    let mut encodings: Vec<&str> = catalog.runs.iter().map(|r| r.encoding).collect();
    encodings.dedup();
    for encoding in &encodings {
        let runs: Vec<&CatalogRun> = catalog
            .runs
            .iter()
            .filter(|r| r.encoding == *encoding)
            .collect();
        for r in &runs {
            let _ = writeln!(
                md,
                "| {} | {} | {:.0} | {:.2} / {:.2} ms | {:.0} | {:.2} / {:.2} ms | {:.2}×{} |",
                r.encoding,
                r.round + 1,
                r.ours.rps,
                r.ours.p50_ms,
                r.ours.p99_ms,
                r.nginx.rps,
                r.nginx.p50_ms,
                r.nginx.p99_ms,
                r.ours.rps / r.nginx.rps,
                if r.ours.errors + r.nginx.errors > 0 {
                    format!(" ({} / {} errors)", r.ours.errors, r.nginx.errors)
                } else {
                    String::new()
                }
            );
        }
        let ours = median(runs.iter().map(|r| r.ours.rps).collect());
        let nginx = median(runs.iter().map(|r| r.nginx.rps).collect());
        let _ = writeln!(
            md,
            "| {encoding} | **median** | **{ours:.0}** | {:.2} ms p99 | **{nginx:.0}** | {:.2} ms p99 | **{:.2}×** |",
            median(runs.iter().map(|r| r.ours.p99_ms).collect()),
            median(runs.iter().map(|r| r.nginx.p99_ms).collect()),
            ours / nginx
        );
    }
    let _ = writeln!(
        md,
        "\n{}; goal (issue 8): ours ≥ 0.9× nginx.",
        catalog.wrk_version
    );
    md
}

/// The PostgreSQL rows beside SQLite's group commit from the same run.
fn postgres_markdown(sqlite: &InquiryRun, postgres: &[(usize, InquiryRun)]) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "\n### Inquiries on PostgreSQL: one and two replicas against SQLite\n\n\
         The same load generator and load, against `DATABASE_URL` servers on a throwaway \
         PostgreSQL {} cluster on the same machine (`fsync` and `synchronous_commit` on: a \
         `201` is on disk; a fresh database per run, 16 pooled connections per replica). \
         With two replicas the clients alternate between them. Reference in the same run: \
         SQLite with group commit, above.\n",
        // "psql (PostgreSQL) 15.18 (Debian …)": the version is the third word.
        version_line("psql", &["--version"])
            .split_whitespace()
            .nth(2)
            .unwrap_or("?")
    );
    let _ = writeln!(
        md,
        "| clients | store | acked/s | p50 | p99 | errors | servers' CPU per ack | vs SQLite acked/s |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|");
    for base in &sqlite.levels {
        let row = |name: &str, l: &Level| {
            format!(
                "| {} | {name} | {:.0} | {:.1} ms | {:.1} ms | {} | {} | {:.2}× |",
                l.clients,
                l.rps,
                l.p50_ms,
                l.p99_ms,
                errors_text(l),
                l.cpu_us.map_or("–".into(), |v| format!("{v:.0} µs")),
                l.rps / base.rps
            )
        };
        let _ = writeln!(md, "{}", row("SQLite, group commit", base));
        for (replicas, run) in postgres {
            if let Some(l) = run.levels.iter().find(|l| l.clients == base.clients) {
                let _ = writeln!(
                    md,
                    "{}",
                    row(&format!("PostgreSQL, {replicas} replica(s)"), l)
                );
            }
        }
    }
    let _ = writeln!(md);
    for (replicas, run) in postgres {
        let _ = writeln!(
            md,
            "- PostgreSQL with {replicas} replica(s): {} acknowledged, {} rows with the run's keys \
             afterwards{}; load average when it began {}.",
            run.created,
            run.rows,
            if run.created == run.rows { ": equal" } else { ": **MISMATCH**" },
            run.load_before
        );
    }
    md
}

fn errors_text(level: &Level) -> String {
    if level.errors == 0 {
        "0".into()
    } else {
        format!("{} ({})", level.errors, level.other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRK: &str = "Running 5s test @ http://127.0.0.1:8080/api/catalog
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  310.21us   9.87ms   91.00%
    Req/Sec    21.10k     1.02k   22.80k    78.00%
  Latency Distribution
     50%    1.48ms
     75%    1.60ms
     90%    1.78ms
     99%    2.51ms
  104987 requests in 5.00s, 1.21GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:  20996.12
Transfer/sec:    247.08MB
";

    #[test]
    fn reads_wrk_output() {
        let w = parse_wrk(WRK).unwrap();
        assert!((w.rps - 20996.12).abs() < 1e-6);
        assert!((w.p50_ms - 1.48).abs() < 1e-9);
        assert!((w.p99_ms - 2.51).abs() < 1e-9);
        assert_eq!((w.requests, w.errors), (104_987, 3));
        assert_eq!(latency_ms("456.00us"), Some(0.456));
        assert_eq!(latency_ms("1.02s"), Some(1020.0));
        assert!(parse_wrk("garbage").is_err());
    }

    #[test]
    fn reads_the_group_commit_summary() {
        let log = "2026-11-23T23:47:21Z  INFO etalase_server::store::sqlite::writer: group commit: database writer stopped batches=120 inquiries=3000 mean_batch=25.0 largest_batch=64\n";
        assert_eq!(group_commit_summary(log), Some((120, 3000, 64)));
        let coloured = "\u{1b}[2mx\u{1b}[0m group commit: database writer stopped \u{1b}[3mbatches\u{1b}[0m\u{1b}[2m=\u{1b}[0m7 \u{1b}[3minquiries\u{1b}[0m\u{1b}[2m=\u{1b}[0m9 largest_batch=3";
        assert_eq!(group_commit_summary(coloured), Some((7, 9, 3)));
        assert_eq!(group_commit_summary("nothing"), None);
    }

    #[test]
    fn reads_the_load_generators_lines() {
        let text = "RESULT label=group clients=64 acked=20000 secs=5.00 rps=4000.0 p50_ms=15.00 p99_ms=30.00 max_ms=41.00 errors=0 server_cpu_us_per_ack=210 server_cores=0.84 other=none\n\
                    ROWS label=group created=24000 rows=24000 match=true\n";
        let run = parse_load(text, true).unwrap();
        assert_eq!(run.levels[0].clients, 64);
        assert_eq!(run.levels[0].cpu_us, Some(210.0));
        assert_eq!((run.created, run.rows), (24_000, 24_000));
        assert!(parse_load("RESULT clients=1\n", true).is_err());
    }
}
