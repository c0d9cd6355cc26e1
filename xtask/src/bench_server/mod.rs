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

mod catalog;
mod http;
mod inquiries;
mod nginx;
mod process;
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::bench_util::fresh_dir;
use crate::sh::cmd;
use crate::step;
use catalog::catalog;
use inquiries::{inquiries, postgres_inquiries, Engine};
use nginx::BROTLI_MODULE;
use report::{markdown, postgres_markdown};

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
/// reuses the debug build of the tests rather than a second, slow LTO build of the server.
fn build(root: &Path, release: bool) -> Result<Bins, String> {
    let profile = if release { "server" } else { "debug" };
    if release {
        step("building the server and the inquiry load generator (server profile)");
        cmd(
            "cargo",
            &[
                "build",
                "--profile",
                "server",
                "-p",
                "etalase-server",
                "--bins",
                "--example",
                "inquiry_load",
            ],
        )
        .run()?;
    } else {
        crate::debug_build()?;
    }
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
    fresh_dir(&dir)?;
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
