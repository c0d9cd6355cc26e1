//! The Markdown section for BENCHMARKS.md from the inquiry and catalog runs.

use std::fmt::Write as _;
use std::path::Path;

use super::catalog::{Catalog, CatalogRun};
use super::inquiries::{InquiryRun, Level};
use super::{version_line, FULL, NO_INQUIRY_LIMIT};
use crate::bench_util::today;

pub(super) fn markdown(
    work: &Path,
    group: &InquiryRun,
    single: &InquiryRun,
    catalog: &Catalog,
) -> String {
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
pub(super) fn postgres_markdown(sqlite: &InquiryRun, postgres: &[(usize, InquiryRun)]) -> String {
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

pub(super) fn errors_text(level: &Level) -> String {
    if level.errors == 0 {
        "0".into()
    } else {
        format!("{} ({})", level.errors, level.other)
    }
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
