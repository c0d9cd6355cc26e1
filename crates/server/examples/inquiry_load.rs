//! Load generator for `POST /api/inquiries` against a running server (normally the release
//! build on loopback with a fresh data directory; `cargo xtask bench-server` sets that up).
//!
//! ```text
//! inquiry_load --url http://127.0.0.1:PORT[,http://…] --db DATA_DIR/etalase.sqlite3|postgres://…
//!              [--clients 1,16,64] [--warmup 1] [--secs 5] [--label run] [--server-pid PID[,PID]]
//! ```
//!
//! Several URLs (replicas sharing one PostgreSQL database) share the clients round-robin.
//!
//! For each client count in turn: that many clients, each on its own keep-alive HTTP/1.1
//! connection, send one request at a time (the next as soon as the answer is read), for
//! `warmup + secs` seconds. Every request is a valid purchase inquiry for two published demo
//! products of two sellers, with a fresh idempotency key. Only answers that complete inside
//! the `secs` window after the warm-up count towards the figures: acknowledged (`201`)
//! inquiries per second, p50/p99/max latency of those, and errors (any other status, or a
//! transport failure). The server's per-address inquiry limit must be lifted for the run
//! (`ETALASE_INQUIRY_LIMIT`): every client here has the same address, and the server trusts
//! only the socket's address, never a forwarded-for header.
//!
//! Afterwards it counts this run's rows in the SQLite file or PostgreSQL database (by
//! idempotency key prefix) and fails unless that equals the number of `201`s received,
//! warm-up included.
//!
//! With `--server-pid PID` it also reports the servers' CPU time per acknowledged inquiry in
//! the window (`/proc/PID/stat`, all threads, user + system, at 100 ticks per second, summed
//! over the PIDs given).
//!
//! Prints one `RESULT …` line per client count and one `ROWS …` line, for the xtask to read.

use std::error::Error;
use std::time::{Duration, Instant};

use bytes::Bytes;
use etalase_model::Date;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::Request;
use hyper_util::rt::TokioIo;

type BoxError = Box<dyn Error + Send + Sync>;

struct Args {
    urls: Vec<String>,
    db: String,
    clients: Vec<usize>,
    warmup: Duration,
    secs: Duration,
    label: String,
    server_pids: Vec<u32>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        urls: Vec::new(),
        db: String::new(),
        clients: vec![1, 16, 64],
        warmup: Duration::from_secs(1),
        secs: Duration::from_secs(5),
        label: "run".into(),
        server_pids: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let seconds = |v: String| {
            v.parse::<f64>()
                .ok()
                .filter(|s| *s >= 0.0)
                .map(Duration::from_secs_f64)
                .ok_or(format!("not a duration in seconds: {v}"))
        };
        match flag.as_str() {
            "--url" => {
                args.urls = value()?
                    .split(',')
                    .map(|u| u.trim().trim_end_matches('/').to_string())
                    .collect()
            }
            "--db" => args.db = value()?,
            "--clients" => {
                args.clients = value()?
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .parse()
                            .map_err(|_| format!("bad client count {n}"))
                    })
                    .collect::<Result<_, _>>()?
            }
            "--warmup" => args.warmup = seconds(value()?)?,
            "--secs" => args.secs = seconds(value()?)?,
            "--label" => args.label = value()?,
            "--server-pid" => {
                args.server_pids = value()?
                    .split(',')
                    .map(|v| v.trim().parse().map_err(|_| format!("bad pid {v}")))
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.urls.iter().all(String::is_empty) || args.db.is_empty() {
        return Err("--url and --db are required".into());
    }
    if args.clients.contains(&0) || args.secs.is_zero() {
        return Err("client counts and --secs must be positive".into());
    }
    if !args
        .label
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err("--label: letters, digits and '-' only".into());
    }
    Ok(args)
}

/// A valid hotel inquiry for two published demo products of two different sellers.
fn purchase_body(organisation: &str) -> Bytes {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
        / 86_400;
    let form = etalase_model::demo::hotel_purchase(
        &etalase_model::demo_catalog(),
        organisation,
        Date::from_days_since_epoch(today + 14),
    );
    serde_json::to_vec(&serde_json::json!({"kind": "purchase", "purchase": form}))
        .expect("serialises")
        .into()
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    /// `201`s at any time (warm-up and the tail included): each must be a row.
    created_total: u64,
    /// `201`s completed inside the window, and their latencies in microseconds.
    window_latencies_us: Vec<u32>,
    /// Inside the window: other statuses and transport failures.
    window_errors: u64,
    /// Anything but a 201, at any time, for the report (status → count).
    other_statuses: std::collections::BTreeMap<String, u64>,
}

struct Window {
    start: Instant,
    end: Instant,
}

/// One client: its own connection, one request at a time, until the window ends.
async fn client(
    addr: String,
    host: String,
    key_prefix: String,
    body: Bytes,
    window: std::sync::Arc<Window>,
) -> Tally {
    let mut tally = Tally::default();
    let mut sender: Option<http1::SendRequest<Full<Bytes>>> = None;
    let mut seq: u64 = 0;
    while Instant::now() < window.end {
        seq += 1;
        let key = format!("{key_prefix}-{seq:07}");
        let started = Instant::now();
        let outcome: Result<u16, BoxError> = async {
            if sender.as_ref().is_none_or(|s| s.is_closed()) {
                let stream = tokio::net::TcpStream::connect(&addr).await?;
                stream.set_nodelay(true)?;
                let (s, conn) = http1::handshake(TokioIo::new(stream)).await?;
                tokio::spawn(conn);
                sender = Some(s);
            }
            let s = sender.as_mut().expect("connected above");
            s.ready().await?;
            let request = Request::post("/api/inquiries")
                .header("host", &host)
                .header("content-type", "application/json")
                .header("idempotency-key", &key)
                .body(Full::new(body.clone()))?;
            let response = s.send_request(request).await?;
            let status = response.status().as_u16();
            response.into_body().collect().await?;
            Ok(status)
        }
        .await;
        let done = Instant::now();
        let in_window = done >= window.start && done <= window.end;
        match outcome {
            Ok(201) => {
                tally.created_total += 1;
                if in_window {
                    let us = done.duration_since(started).as_micros();
                    tally
                        .window_latencies_us
                        .push(u32::try_from(us).unwrap_or(u32::MAX));
                }
            }
            other => {
                let what = match other {
                    Ok(status) => status.to_string(),
                    Err(e) => {
                        sender = None;
                        format!("transport: {e}")
                    }
                };
                *tally.other_statuses.entry(what).or_default() += 1;
                if in_window {
                    tally.window_errors += 1;
                }
                // Do not spin on a failing server.
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
    tally
}

/// User + system CPU seconds of process `pid`, all its threads (Linux, 100 ticks/s).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

async fn level(args: &Args, clients: usize, run_prefix: &str) -> Result<(u64, String), BoxError> {
    let addrs = args
        .urls
        .iter()
        .map(|url| {
            url.strip_prefix("http://")
                .map(str::to_string)
                .ok_or("--url must be http://host:port")
        })
        .collect::<Result<Vec<_>, _>>()?;
    let start = Instant::now() + args.warmup;
    let window_end = start + args.secs;
    let window = std::sync::Arc::new(Window {
        start,
        end: window_end,
    });
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let addr = &addrs[c % addrs.len()];
            tokio::spawn(client(
                addr.clone(),
                addr.clone(),
                format!("{run_prefix}-c{clients}-{c}"),
                purchase_body(&format!("Hotel Beban {clients}-{c}")),
                window.clone(),
            ))
        })
        .collect();
    // The server's CPU time over the window only: sampled when it opens and closes.
    let pids = args.server_pids.clone();
    let cpu = (!pids.is_empty()).then(|| {
        tokio::spawn(async move {
            let total = |pids: &[u32]| pids.iter().map(|&p| cpu_seconds(p)).sum::<Option<f64>>();
            tokio::time::sleep_until(start.into()).await;
            let before = total(&pids);
            tokio::time::sleep_until(window_end.into()).await;
            Some(total(&pids)? - before?)
        })
    });
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await?;
        all.created_total += t.created_total;
        all.window_errors += t.window_errors;
        all.window_latencies_us.extend(t.window_latencies_us);
        for (k, v) in t.other_statuses {
            *all.other_statuses.entry(k).or_default() += v;
        }
    }
    let mut lat = all.window_latencies_us;
    lat.sort_unstable();
    let acked = lat.len();
    let secs = args.secs.as_secs_f64();
    let others = if all.other_statuses.is_empty() {
        "none".to_string()
    } else {
        all.other_statuses
            .iter()
            .map(|(k, v)| format!("{k}×{v}"))
            .collect::<Vec<_>>()
            .join(",")
            .replace(' ', "_")
    };
    let cpu = match cpu {
        Some(task) => task.await?,
        None => None,
    };
    let cpu_us = cpu.filter(|_| acked > 0).map_or("na".to_string(), |s| {
        format!("{:.0}", s * 1e6 / acked as f64)
    });
    let cpu_cores = cpu.map_or("na".to_string(), |s| format!("{:.2}", s / secs));
    let line = format!(
        "RESULT label={} clients={clients} acked={acked} secs={secs:.2} rps={:.1} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} errors={} server_cpu_us_per_ack={cpu_us} server_cores={cpu_cores} other={others}",
        args.label,
        acked as f64 / secs,
        percentile(&lat, 50.0),
        percentile(&lat, 99.0),
        percentile(&lat, 100.0),
        all.window_errors,
    );
    Ok((all.created_total, line))
}

/// This run's rows, in the SQLite file or (for a `postgres://` URL) the shared database.
async fn count_rows(db: &str, prefix: &str) -> Result<u64, BoxError> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        let (client, connection) = tokio_postgres::connect(db, tokio_postgres::NoTls).await?;
        tokio::spawn(connection);
        let n: i64 = client
            .query_one(
                "SELECT count(*) FROM inquiries WHERE idempotency_key LIKE $1 || '%'",
                &[&prefix],
            )
            .await?
            .get(0);
        return Ok(u64::try_from(n)?);
    }
    let conn = rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM inquiries WHERE idempotency_key LIKE ?1 || '%'",
        [prefix],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n)?)
}

fn main() -> Result<(), BoxError> {
    let args = parse_args().map_err(|e| format!("inquiry_load: {e}"))?;
    // One thread: the generator should take as little CPU from the server as it can.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let run_prefix = format!("load-{}-{}", args.label, std::process::id());
    let mut created = 0;
    for &clients in &args.clients {
        let (n, line) = runtime.block_on(level(&args, clients, &run_prefix))?;
        created += n;
        println!("{line}");
    }
    let rows = runtime.block_on(count_rows(&args.db, &run_prefix))?;
    println!(
        "ROWS label={} created={created} rows={rows} match={}",
        args.label,
        rows == created
    );
    if rows != created {
        return Err(
            format!("{rows} rows in the database for {created} acknowledged inquiries").into(),
        );
    }
    if created == 0 {
        return Err("no inquiry was acknowledged".into());
    }
    Ok(())
}
