//! Project tasks, in Rust so a fresh machine needs nothing but cargo (`cargo xtask …`).
//!
//! - `cargo xtask run`  — install what is missing, build the app and server in release
//!   mode, seed demo data on first start, serve on http://127.0.0.1:8080 (`PORT` overrides).
//! - `cargo xtask test` — install what tests need, then run every suite: native cargo tests,
//!   wasm tests in headless Chromium, contract fuzzing of the API with schemathesis,
//!   Playwright end-to-end tests; print a summary and exit non-zero if anything failed.
//! - `cargo xtask fuzz` — only the contract fuzzing step.
//!
//! Installs follow the measured recipe in the shared TOOLCHAIN notes: pinned trunk with
//! `--locked`, wasm-bindgen-cli pinned to Cargo.lock's wasm-bindgen *without* `--locked`,
//! wasm-opt from the npm lockfile, Chromium from Debian. Nothing downloads prebuilt binaries.

mod bench_server;
mod fuzz;
mod precompress;
mod setup;
mod sh;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use sh::{cmd, Outcome};

const USAGE: &str = "usage: cargo xtask <run|test|fuzz|build|bench> [--port N]

  run    build everything (release) and serve the app with demo data
  test   run every test suite (native, wasm in Chromium, API fuzzing, Playwright e2e)
  fuzz   fuzz the JSON API against its OpenAPI document (schemathesis)
  build  build the app (trunk, release) and the server, without serving
  bench  search benchmarks: native (with a naive reference) and wasm in headless Chromium";

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
        Some("build") => build(&root).map(|_| ()),
        Some("bench") => bench(&root),
        Some("bench-server") => {
            if args[1..].iter().any(|a| a == "--smoke") {
                bench_server::smoke(&root)
            } else {
                bench_server::run(&root).map(|section| println!("\n{section}"))
            }
        }
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

/// Installs the build tools and builds the app (into `dist/`) and the release server.
fn build(root: &Path) -> Result<PathBuf, String> {
    setup::wasm_target()?;
    setup::wasm_bindgen_cli(root)?;
    setup::trunk()?;
    setup::npm_packages(root)?;
    build_app(root)?;
    step("building the server (release)");
    cmd("cargo", &["build", "--release", "-p", "etalase-server"]).run()?;
    Ok(root.join("target/release/etalase-server"))
}

fn build_app(root: &Path) -> Result<(), String> {
    // Trunk runs cargo with --offline (it must never download tools), so fetch crates first.
    step("fetching crates");
    cmd("cargo", &["fetch", "--quiet"]).run()?;
    step("building the app (trunk, release)");
    cmd("trunk", &["build", "--release"])
        .env("PATH", setup::path_with_node_bin(root))
        .run()?;
    let (files, saved) =
        precompress::dir(&root.join("dist")).map_err(|e| format!("precompressing dist: {e}"))?;
    println!("   precompressed {files} files (brotli + gzip), {saved} KB saved");
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
    setup::wasm_target()?;
    setup::wasm_bindgen_cli(root)?;
    setup::trunk()?;
    setup::chromium()?;
    setup::npm_packages(root)?;

    let mut results: Vec<(&str, Outcome)> = Vec::new();

    step("native tests (cargo test --workspace)");
    results.push((
        "native cargo test",
        cmd("cargo", &["test", "--workspace"]).outcome(),
    ));

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
        .outcome(),
    ));

    step("contract fuzzing of the JSON API (schemathesis)");
    let (fuzzing, fuzz_line) = contract_fuzzing(root);
    results.push(("api contract fuzzing", fuzzing));

    step("end-to-end tests (Playwright, Debian Chromium)");
    let e2e = build_app(root)
        .and_then(|()| cmd("cargo", &["build", "-p", "etalase-server"]).run())
        .and_then(|()| {
            cmd("npx", &["playwright", "test"])
                .env("PATH", setup::path_with_node_bin(root))
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
                .env(
                    "ETALASE_SERVER_BIN",
                    root.join("target/debug/etalase-server")
                        .to_str()
                        .unwrap_or_default(),
                )
                .run()
        });
    results.push(("playwright e2e", e2e.into()));

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

/// Builds the debug server, installs schemathesis if needed and fuzzes the API. Returns the
/// outcome and a one-line summary (requests, failures, time) for the closing summary.
fn contract_fuzzing(root: &Path) -> (Outcome, String) {
    let prepared = cmd("cargo", &["build", "-p", "etalase-server"])
        .run()
        .and_then(|()| setup::schemathesis(root));
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

/// Where cargo puts build output: `CARGO_TARGET_DIR` when set, else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// Benchmarks print figures; they assert nothing and are not part of `test`. Results are
/// recorded by hand in BENCHMARKS.md with the command that produced them.
fn bench(root: &Path) -> Result<(), String> {
    setup::wasm_target()?;
    setup::wasm_bindgen_cli(root)?;
    setup::chromium()?;
    step("photo pipeline, native release build, with a plain `image` crate reference");
    cmd(
        "cargo",
        &[
            "run",
            "--release",
            "-p",
            "etalase-photo",
            "--example",
            "photo_bench",
        ],
    )
    .run()?;
    step("search, native release build, with a naive linear-scan reference");
    cmd(
        "cargo",
        &[
            "run",
            "--release",
            "-p",
            "etalase-model",
            "--example",
            "search_bench",
        ],
    )
    .run()?;
    step("search, wasm release build in headless Chromium (the code the app ships)");
    cmd(
        "cargo",
        &[
            "test",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "etalase-model",
            "--features",
            "bench",
            "--test",
            "wasm_search_bench",
            "--",
            "--nocapture",
        ],
    )
    .run()
}

/// Prints a visible step header.
pub fn step(what: &str) {
    println!("\n==> {what}");
}
