//! The inquiry load on SQLite or PostgreSQL, and reading what the load generator reports.

use std::path::Path;
use std::process::{Command, Stdio};

use super::process::start_server;
use super::{Bins, Plan, NO_INQUIRY_LIMIT};
use crate::bench_util::load_average;
use crate::step;

/// One client count of the inquiry load, as the load generator reported it.
#[derive(Debug, Clone)]
pub(super) struct Level {
    pub(super) clients: usize,
    pub(super) acked: u64,
    pub(super) rps: f64,
    pub(super) p50_ms: f64,
    pub(super) p99_ms: f64,
    pub(super) max_ms: f64,
    pub(super) errors: u64,
    pub(super) other: String,
    /// The server's CPU time per acknowledged inquiry (µs) and its mean cores in use.
    pub(super) cpu_us: Option<f64>,
    pub(super) cores: Option<f64>,
}

pub(super) struct InquiryRun {
    pub(super) group_commit: bool,
    /// `/proc/loadavg` when the run began: how busy the shared machine was.
    pub(super) load_before: String,
    pub(super) levels: Vec<Level>,
    pub(super) created: u64,
    pub(super) rows: u64,
    /// From the server's log at exit: transactions, inquiries in them, the largest batch.
    pub(super) batches: Option<(u64, u64, u64)>,
}

/// The writer's closing line, `group commit: database writer stopped batches=… inquiries=…
/// mean_batch=… largest_batch=…` (escape sequences for colour removed first).
pub(super) fn group_commit_summary(log: &str) -> Option<(u64, u64, u64)> {
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

pub(super) fn strip_ansi(line: &str) -> String {
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
pub(super) enum Engine<'a> {
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

pub(super) fn inquiries(
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
pub(super) fn postgres_inquiries(
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
pub(super) fn fields(line: &str) -> impl Fn(&str) -> Result<String, String> + '_ {
    move |key: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_string)
            .ok_or_else(|| format!("no {key} in {line:?}"))
    }
}

pub(super) fn num<T: std::str::FromStr>(text: Result<String, String>) -> Result<T, String> {
    let text = text?;
    text.parse().map_err(|_| format!("not a number: {text}"))
}

pub(super) fn parse_load(text: &str, group_commit: bool) -> Result<InquiryRun, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
