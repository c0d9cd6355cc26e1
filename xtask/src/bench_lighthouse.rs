//! Lighthouse on the buyer's public pages, as a search engine's or a phone's first visit
//! sees them: the written pages (the server's default) against the bare shell the server
//! answered before (`--bare-pages`), in one run, on the demo catalog.
//!
//! Lighthouse comes from npm (`tests/bench/lighthouse/`, its own lockfile, so the test
//! command never installs it) and drives Debian's Chromium; mobile default profile
//! (simulated slow 4G, 4× CPU). Each page and variant is run [`RUNS`] times, interleaved,
//! and the run with the median performance score is reported.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::bench_page::RunningServer;
use crate::{setup, step};

/// Runs per page and variant; the median run is reported.
const RUNS: usize = 3;
/// Demo pages: the home page, a listing with photos and price tiers, a village.
const PAGES: [(&str, &str); 3] = [
    ("home", "/"),
    ("product", "/produk/kerupuk-udang-sepatin-250g"),
    ("village", "/desa/sepatin"),
];
const DIR: &str = "tests/bench/lighthouse";

/// One Lighthouse report's figures.
#[derive(Clone, Debug)]
struct Figures {
    performance: f64,
    lcp_ms: f64,
    tbt_ms: f64,
    cls: f64,
    fcp_ms: f64,
    accessibility: f64,
    best_practices: f64,
    seo: f64,
}

/// Measures both variants and returns the `## Lighthouse …` section.
pub fn run(root: &Path, server: &Path) -> Result<String, String> {
    setup::chromium()?;
    setup::npm_packages_in(&root.join(DIR))?;
    let dist = root.join("dist");
    let written = RunningServer::start(server, &dist, None, &[])?;
    let bare = RunningServer::start(server, &dist, None, &["--bare-pages"])?;
    let version = lighthouse(root, &["--version"])?.trim().to_string();
    // (page, path, variant, url, runs), measured round by round so that a slow moment of
    // the machine falls on every page and variant alike.
    let mut results: Vec<(&str, &str, &str, String, Vec<Figures>)> = Vec::new();
    for (page, path) in PAGES {
        for (variant, base) in [("before", &bare.base), ("after", &written.base)] {
            results.push((page, path, variant, format!("{base}{path}"), Vec::new()));
        }
    }
    for round in 1..=RUNS {
        for (page, _, variant, url, runs) in &mut results {
            step(&format!(
                "lighthouse: {page} ({variant}), run {round} of {RUNS}"
            ));
            runs.push(report_retrying(root, url)?);
        }
    }
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## Lighthouse: the buyer's public pages, bare shell (before) and written (after) ({})\n",
        crate::bench_util::today()
    );
    let _ = writeln!(
        md,
        "Reproduce: `cargo xtask bench-page` (this section is its last step). Lighthouse {version} \
         from npm (`{DIR}`), mobile default profile (simulated slow 4G, 4× CPU), Debian's Chromium \
         headless asking for Indonesian (`--accept-lang=id-ID,id`); two release servers with the demo catalog on loopback, one with `--bare-pages` \
         (every buyer URL answers the app's bare shell, as before the server wrote pages), one \
         as deployed. {RUNS} runs per page and variant, interleaved; the run with the median \
         performance score is shown. 2-core shared machine, load average {}.\n",
        crate::bench_util::load_average()
    );
    let _ = writeln!(
        md,
        "| page | variant | performance | LCP | TBT | CLS | FCP | accessibility | best practices | SEO |\n\
         |---|---|---|---|---|---|---|---|---|---|"
    );
    for (page, path, variant, _, runs) in &results {
        let f = median(runs);
        let _ = writeln!(
            md,
            "| {page} `{path}` | {variant} | **{:.0}** | {:.1} s | {:.0} ms | {:.3} | {:.1} s | {:.0} | {:.0} | {:.0} |",
            f.performance,
            f.lcp_ms / 1000.0,
            f.tbt_ms,
            f.cls,
            f.fcp_ms / 1000.0,
            f.accessibility,
            f.best_practices,
            f.seo,
        );
    }
    let all = |variant: &str| {
        results
            .iter()
            .filter(|r| r.2 == variant)
            .flat_map(|r| r.4.iter().map(|f| f.performance))
            .collect::<Vec<_>>()
    };
    let spread = |v: Vec<f64>| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(0.0, f64::max);
        format!("{lo:.0}–{hi:.0}")
    };
    let _ = writeln!(
        md,
        "\nPerformance over all runs: before {}, after {}.\n",
        spread(all("before")),
        spread(all("after"))
    );
    Ok(md)
}

/// The run with the median performance score.
fn median(runs: &[Figures]) -> Figures {
    let mut sorted = runs.to_vec();
    sorted.sort_by(|a, b| a.performance.total_cmp(&b.performance));
    sorted[sorted.len() / 2].clone()
}

/// [`report`], run again (twice at most) when Lighthouse itself fails: it sometimes loses
/// its trace of the load (`NO_NAVSTART`) on a busy machine.
fn report_retrying(root: &Path, url: &str) -> Result<Figures, String> {
    let mut last = String::new();
    for attempt in 1..=3 {
        match report(root, url) {
            Ok(figures) => return Ok(figures),
            Err(e) => {
                eprintln!("   attempt {attempt} failed: {e}");
                last = e;
            }
        }
    }
    Err(last)
}

/// One Lighthouse run of `url`.
fn report(root: &Path, url: &str) -> Result<Figures, String> {
    let out = lighthouse(
        root,
        &[
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            // An Indonesian phone: an English browser is sent to the English twin first.
            "--chrome-flags=--headless=new --no-sandbox --accept-lang=id-ID,id",
        ],
    )?;
    let r: Value = serde_json::from_str(&out).map_err(|e| format!("lighthouse's JSON: {e}"))?;
    if let Some(error) = r["runtimeError"]["message"].as_str() {
        return Err(format!("lighthouse on {url}: {error}"));
    }
    let score = |c: &str| r["categories"][c]["score"].as_f64().map(|s| s * 100.0);
    let metric = |a: &str| r["audits"][a]["numericValue"].as_f64();
    let missing = || format!("lighthouse on {url}: a figure is missing");
    Ok(Figures {
        performance: score("performance").ok_or_else(missing)?,
        accessibility: score("accessibility").ok_or_else(missing)?,
        best_practices: score("best-practices").ok_or_else(missing)?,
        seo: score("seo").ok_or_else(missing)?,
        lcp_ms: metric("largest-contentful-paint").ok_or_else(missing)?,
        tbt_ms: metric("total-blocking-time").ok_or_else(missing)?,
        cls: metric("cumulative-layout-shift").ok_or_else(missing)?,
        fcp_ms: metric("first-contentful-paint").ok_or_else(missing)?,
    })
}

fn lighthouse(root: &Path, args: &[&str]) -> Result<String, String> {
    let bin = root.join(DIR).join("node_modules/.bin/lighthouse");
    let out = Command::new(&bin)
        .args(args)
        .env("CHROME_PATH", "/usr/bin/chromium")
        .output()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    if !out.status.success() {
        return Err(format!(
            "lighthouse {} failed ({}): {}",
            args.first().unwrap_or(&""),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
