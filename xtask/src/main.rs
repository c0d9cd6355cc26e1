//! Project tasks, in Rust so a fresh machine needs nothing but cargo (`cargo xtask …`).
//!
//! - `cargo xtask run`  — install what is missing, build the app and server in release
//!   mode, seed demo data on first start, serve on http://127.0.0.1:8080 (`PORT` overrides).
//! - `cargo xtask test` — install what tests need, then run every suite: native cargo tests,
//!   wasm tests in headless Chromium, contract fuzzing of the API with schemathesis,
//!   Playwright end-to-end tests; print a summary and exit non-zero if anything failed.
//! - `cargo xtask fuzz` — only the contract fuzzing step.
//! - `cargo xtask pg` — a throwaway PostgreSQL cluster for `cargo test` by hand: prints
//!   `ETALASE_TEST_PG_URL=…`, and stops and deletes it at Enter (or when stdin closes).
//! - `cargo xtask bench-photo [--smoke]` — the photo pipeline in Chromium against pica,
//!   browser-image-compression and the browser's own path; prints a BENCHMARKS.md section.
//! - `cargo xtask gazetteer` — rewrites East Kalimantan's committed gazetteer from the pinned
//!   npm package `idn-area-data` (see `gazetteer.rs`).
//!
//! Installs follow the measured recipe in the shared TOOLCHAIN notes: pinned trunk with
//! `--locked`, wasm-bindgen-cli pinned to Cargo.lock's wasm-bindgen *without* `--locked`,
//! wasm-opt from the npm lockfile, Chromium from Debian. Nothing downloads prebuilt binaries.

mod bench_index;
mod bench_lighthouse;
mod bench_page;
mod bench_photo;
mod bench_search;
mod bench_server;
mod bench_util;
mod fuzz;
mod gazetteer;
mod postgres;
mod precompress;
mod setup;
mod sh;
mod smtpd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use sh::{cmd, Outcome};

const USAGE: &str =
    "usage: cargo xtask <run|test|fuzz|pg|build|bench|bench-page|bench-photo|bench-index|bench-server|gazetteer> [--port N]

  run    build everything (release) and serve the app with demo data
  test   run every test suite (native, wasm in Chromium, API fuzzing, Playwright e2e)
  fuzz   fuzz the JSON API against its OpenAPI document (schemathesis)
  pg     start a throwaway PostgreSQL, print ETALASE_TEST_PG_URL=… for `cargo test`, and
         stop and delete it at Enter (or when stdin closes)
  build  build the app (trunk, release) and the server, without serving
  bench  every benchmark (photo, page, search, server), written to BENCHMARKS.md
  bench-page  bundle sizes, page load and search keystrokes of the built app with 10,000
         listings in Chromium (Markdown for BENCHMARKS.md); --listings N: another catalog
         size (100000: the catalog too large to ship whole); --smoke: a short check;
         --from artifacts/bench-page.json: the Markdown again from saved figures
         (with --lighthouse, the Lighthouse section measured again beside them)
  bench-index   the card index's encodings: size after brotli, decode native and in wasm
  bench-server  durable inquiry POSTs at 1/16/64 clients (group commit vs one commit each)
         and the catalog endpoint against nginx; --smoke: a short check
  bench-photo [--smoke]  photo pipeline in Chromium against pica, browser-image-compression
         and the browser's own path (prints a BENCHMARKS.md section; --smoke: one quick run)
  gazetteer  rewrite crates/model/data/gazetteer/64.csv (East Kalimantan's regencies,
         kecamatan and villages) from the npm package idn-area-data 4.0.1";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    std::env::set_current_dir(&root).expect("project root is accessible");
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&root, &args[1..]),
        Some("test") => test(&root),
        Some("fuzz") => {
            let (outcome, line) = contract_fuzzing(&root);
            println!("\n{line}");
            Result::from(outcome)
        }
        Some("pg") => pg(),
        Some("build") => build(&root).map(|_| ()),
        Some("bench") => bench(&root),
        Some("bench-page") => bench_page(&root, &args[1..]),
        Some("bench-index") => bench_index::run(&root).map(|section| println!("\n{section}")),
        Some("bench-server") => {
            if args[1..].iter().any(|a| a == "--smoke") {
                bench_server::smoke(&root)
            } else {
                bench_server::run(&root).map(|section| println!("\n{section}"))
            }
        }
        Some("bench-photo") if args.get(1).map(String::as_str) == Some("--smoke") => {
            bench_photo::smoke(&root)
        }
        Some("bench-photo") => bench_photo::run(&root).map(|section| println!("\n{section}")),
        Some("gazetteer") => gazetteer::run(&root),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("\nxtask: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask's manifest dir is `<root>/xtask`.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .into()
}

/// Installs the build tools and builds the app (into `dist/`) and the server (its own
/// `server` profile: release with every dependency at opt-level 3, see Cargo.toml).
fn build(root: &Path) -> Result<PathBuf, String> {
    setup::wasm_target()?;
    setup::wasm_bindgen_cli(root)?;
    setup::trunk()?;
    setup::npm_packages(root)?;
    build_app(root)?;
    step("building the server (profile `server`)");
    cmd(
        "cargo",
        &["build", "--profile", "server", "-p", "etalase-server"],
    )
    .run()?;
    Ok(target_dir(root).join("server/etalase-server"))
}

fn build_app(root: &Path) -> Result<(), String> {
    // Trunk runs cargo with --offline (it must never download tools), so fetch crates first.
    step("fetching crates");
    cmd("cargo", &["fetch", "--quiet"]).run()?;
    step("building the buyer's app (trunk, release)");
    cmd("trunk", &["build", "--release"])
        .env("PATH", setup::path_with_node_bin(root))
        .run()?;
    // Trunk builds one HTML shell per run and empties its dist first, so the seller's app
    // (its own bundle, see src/app.rs) goes to a side directory and is copied in.
    step("building the seller's app and photo worker (trunk, release)");
    let side = target_dir(root).join("trunk-penjual");
    cmd(
        "trunk",
        &[
            "build",
            "penjual.html",
            "--release",
            "--html-output",
            "penjual.html",
            "--dist",
            side.to_str().expect("utf-8 path"),
        ],
    )
    .env("PATH", setup::path_with_node_bin(root))
    .run()?;
    copy_files(&side, &root.join("dist")).map_err(|e| format!("copying the seller's app: {e}"))?;
    let (files, saved) =
        precompress::dir(&root.join("dist")).map_err(|e| format!("precompressing dist: {e}"))?;
    println!("   precompressed {files} files (brotli + gzip), {saved} KB saved");
    Ok(())
}

/// Copies the files directly in `from` into `to` (same names are the same content-hashed
/// files, or the shared CSS and favicon, so overwriting is harmless).
fn copy_files(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let server = build(root)?;
    step(&format!(
        "ready after {:.0?}; starting the server (Ctrl-C stops it)",
        started.elapsed()
    ));
    let mut serve = vec![
        "--data-dir".to_string(),
        "data".into(),
        "--dist".into(),
        "dist".into(),
    ];
    serve.extend(args.iter().cloned());
    cmd(
        server.to_str().expect("utf-8 path"),
        &serve.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .run()
}

/// Runs every suite even when one fails, so one run shows everything that is wrong.
fn test(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    // The test command is mostly a from-scratch build (CI's clean clone): incremental
    // caches would cost gigabytes of disk there and save nothing in a single pass.
    if std::env::var_os("CARGO_INCREMENTAL").is_none() {
        std::env::set_var("CARGO_INCREMENTAL", "0");
    }
    setup::wasm_target()?;
    setup::wasm_bindgen_cli(root)?;
    setup::trunk()?;
    setup::chromium()?;
    setup::npm_packages(root)?;
    // Kept, not `?`: without PostgreSQL (or nginx, for the replica test) only the native
    // tests fail; the other suites run.
    let pg_bin = setup::nginx().and_then(|()| setup::postgresql());

    let mut results: Vec<(&str, Outcome)> = Vec::new();

    step("native tests (cargo test --workspace)");
    // One SMTP server for the e-mail tests of both the native and the end-to-end suites.
    let smtpd = setup::python_tools(root).and_then(|venv| smtpd::Smtpd::start(&venv));
    let native = match (
        pg_bin.and_then(|bin| postgres::Cluster::start(&bin)),
        &smtpd,
    ) {
        (Ok(cluster), Ok(smtpd)) => {
            println!("   test PostgreSQL at {}", cluster.url());
            println!("   test SMTP server (aiosmtpd) at {}", smtpd.addr());
            cmd("cargo", &["test", "--workspace"])
                .env("ETALASE_TEST_PG_URL", cluster.url())
                .env("ETALASE_TEST_SMTP", smtpd.addr())
                .env("ETALASE_TEST_MAILDIR", smtpd.maildir())
                // Here a missing cluster or mail server is a failure, never a skipped half.
                .env("ETALASE_REQUIRE_PG", "1")
                .env("ETALASE_REQUIRE_SMTP", "1")
                .outcome()
            // `cluster` is dropped here: the server stops and its directory goes.
        }
        (Err(e), _) => Outcome::from(Err(format!(
            "not run: no PostgreSQL for the store's tests: {e}"
        ))),
        (_, Err(e)) => Outcome::from(Err(format!(
            "not run: no SMTP server for the e-mail tests: {e}"
        ))),
    };
    results.push(("native cargo test", native));

    step("wasm tests in headless Chromium (wasm-bindgen-test)");
    results.push((
        "wasm tests (Chromium)",
        cmd(
            "cargo",
            &[
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "etalase-desa",
                "-p",
                "etalase-model",
                "-p",
                "etalase-photo",
            ],
        )
        // The runner gives a whole test binary 20 s by default; the photo tests decode
        // every shared 12 MP fixture and took 18 s on an idle 2-core machine and 25 s on
        // a busy one, where the runner stopped them at 20 s.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180")
        .outcome(),
    ));

    step("contract fuzzing of the JSON API (schemathesis)");
    let (fuzzing, fuzz_line) = contract_fuzzing(root);
    results.push(("api contract fuzzing", fuzzing));

    step("end-to-end tests (Playwright, Debian Chromium)");
    let e2e = build_app(root).and_then(|()| debug_build()).and_then(|()| {
        let mut playwright = cmd("npx", &["playwright", "test"]);
        if let Ok(smtpd) = &smtpd {
            playwright = playwright
                .env("ETALASE_TEST_SMTP", smtpd.addr())
                .env("ETALASE_TEST_MAILDIR", smtpd.maildir());
        }
        playwright
            .env("PATH", setup::path_with_node_bin(root))
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .env(
                "ETALASE_SERVER_BIN",
                target_dir(root)
                    .join("debug/etalase-server")
                    .to_str()
                    .unwrap_or_default(),
            )
            .run()
    });
    results.push(("playwright e2e", e2e.into()));
    drop(smtpd);

    // Only that the benchmark harnesses still work: tiny runs that fail if one measures
    // nothing. The figures come from `cargo xtask bench`, never from the test command.
    step("benchmark harnesses, smoke runs");
    results.push(("bench smoke: photo", bench_photo::smoke(root).into()));
    results.push(("bench smoke: page", bench_page::smoke(root).into()));
    results.push(("bench smoke: server", bench_server::smoke(root).into()));

    println!("\n==== summary ({:.0?}) ====", started.elapsed());
    for (name, outcome) in &results {
        println!("{:<24} {}", name, outcome);
    }
    println!("{fuzz_line}");
    if results.iter().all(|(_, o)| o.passed()) {
        println!("all suites passed");
        Ok(())
    } else {
        Err("some suites failed (see above)".into())
    }
}

/// `pg`: a throwaway cluster for running the PostgreSQL store's tests by hand. Prints
/// `ETALASE_TEST_PG_URL=…` on stdout (its own notes go to stderr); the cluster is stopped and
/// deleted when a line (or the end) arrives on stdin. Ctrl-C leaves the temp dir behind.
fn pg() -> Result<(), String> {
    let bin = setup::postgresql()?;
    let cluster = postgres::Cluster::start(&bin)?;
    println!("ETALASE_TEST_PG_URL={}", cluster.url());
    eprintln!("PostgreSQL is running; press Enter (or close stdin) to stop and delete it");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("reading stdin: {e}"))?;
    drop(cluster);
    eprintln!("stopped and deleted");
    Ok(())
}

/// Builds the debug server, installs schemathesis if needed and fuzzes the API. Returns the
/// outcome and a one-line summary (requests, failures, time) for the closing summary.
fn contract_fuzzing(root: &Path) -> (Outcome, String) {
    let prepared = debug_build()
        .and_then(|()| setup::python_tools(root))
        .map(|venv| venv.join("bin/schemathesis"));
    let server = target_dir(root).join("debug/etalase-server");
    let line = |r: &fuzz::Report| {
        format!(
            "api fuzzing: {} requests, {} failures, {:.0?}",
            r.requests, r.failures, r.elapsed
        )
    };
    match prepared
        .map_err(|e| (e, None))
        .and_then(|bin| fuzz::run(&server, &bin))
    {
        Ok(report) => (Outcome::from(Ok(())), line(&report)),
        Err((msg, report)) => {
            let summary = report
                .as_ref()
                .map_or_else(|| "api fuzzing: did not run".to_string(), line);
            (Outcome::from(Err(msg)), summary)
        }
    }
}

/// The debug server (and the examples the smoke runs use), built exactly as `cargo test
/// --workspace` builds them. A `cargo build -p etalase-server` resolves dependency features
/// for that one package, without the workspace's other members and dev-dependencies, so it
/// compiled a second copy of nearly every dependency (tokio, serde, hyper, utoipa…): minutes
/// of CI and gigabytes of disk, which is how a CI run once ran out of space. After the native
/// tests this is a no-op.
pub fn debug_build() -> Result<(), String> {
    step("building the debug server and examples (as `cargo test --workspace` does)");
    cmd("cargo", &["test", "--workspace", "--no-run", "--quiet"]).run()
}

/// Where cargo puts build output: `CARGO_TARGET_DIR` when set, else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// Runs every benchmark and writes BENCHMARKS.md from their sections. Benchmarks print
/// figures and ratios against a reference measured in the same run; they assert nothing and
/// are not part of `test` (which only smoke-tests the harnesses).
fn bench(root: &Path) -> Result<(), String> {
    setup::wasm_target()?;
    setup::wasm_bindgen_cli(root)?;
    setup::chromium()?;
    setup::trunk()?;
    setup::npm_packages(root)?;
    let sections = [
        bench_photo::run(root)?,
        bench_page::run(root, bench_page::LISTINGS)?,
        bench_search::run(root)?,
        bench_index::run(root)?,
        bench_server::run(root)?,
    ];
    let doc = format!(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` (it runs `bench-photo`, `bench-page`, the search and card index\n\
         benchmarks and `bench-server`, and puts their sections here). This is a 2-core shared machine: figures\n\
         move between runs, so compare ratios against the reference measured in the same run, not\n\
         absolute numbers across runs.\n\n{}",
        sections.join("\n")
    );
    std::fs::write(root.join("BENCHMARKS.md"), doc)
        .map_err(|e| format!("writing BENCHMARKS.md: {e}"))?;
    step("BENCHMARKS.md written");
    Ok(())
}

/// `bench-page`: prints the Markdown sections and keeps a copy in `artifacts/bench-page.md`;
/// `bench-page --smoke` only checks that the harness still measures something;
/// `bench-page --from artifacts/bench-page.json` writes the sections from saved figures.
fn bench_page(root: &Path, args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--smoke") {
        return bench_page::smoke(root);
    }
    let md = match args.iter().position(|a| a == "--from") {
        Some(i) => {
            let saved = args
                .get(i + 1)
                .ok_or("--from needs the saved figures' file")?;
            let mut md = bench_page::report(root, Path::new(saved))?;
            if args.iter().any(|a| a == "--lighthouse") {
                // Lighthouse alone, against the release build (`cargo xtask build` first).
                let server = target_dir(root).join("server/etalase-server");
                md.push('\n');
                md.push_str(&bench_lighthouse::run(root, &server)?);
            }
            md
        }
        None => {
            let listings = match args.iter().position(|a| a == "--listings") {
                Some(i) => args
                    .get(i + 1)
                    .and_then(|n| n.parse().ok())
                    .ok_or("--listings needs a number")?,
                None => bench_page::LISTINGS,
            };
            bench_page::run(root, listings)?
        }
    };
    let out = root.join("artifacts/bench-page.md");
    std::fs::create_dir_all(root.join("artifacts")).map_err(|e| e.to_string())?;
    std::fs::write(&out, &md).map_err(|e| format!("writing {}: {e}", out.display()))?;
    println!(
        "\n{md}\n(also in artifacts/bench-page.md, the raw figures in artifacts/bench-page.json)"
    );
    Ok(())
}

/// Prints a visible step header.
pub fn step(what: &str) {
    println!("\n==> {what}");
}
