//! Installs what the build and the tests need, only when it is missing, so a second run
//! starts in seconds. Versions are pinned; see the TOOLCHAIN notes for why each recipe is
//! the way it is.

use std::path::{Path, PathBuf};

use crate::sh::cmd;
use crate::step;

const TRUNK_VERSION: &str = "0.21.14";

pub fn wasm_target() -> Result<(), String> {
    let installed = cmd("rustup", &["target", "list", "--installed"])
        .read()
        .unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("installing the wasm32 target");
    cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]).run()
}

/// wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or the generated JS and the
/// wasm disagree. Installed without `--locked`: its own lockfile pins a crate version the
/// registry here does not serve.
pub fn wasm_bindgen_cli(root: &Path) -> Result<(), String> {
    let want = locked_version(root, "wasm-bindgen")?;
    let have = cmd("wasm-bindgen", &["--version"])
        .read()
        .unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {want} (about 3 minutes)"
    ));
    cmd(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &want, "--force"],
    )
    .run()
}

/// Trunk 0.21 builds on stable Rust; 0.22 needs a newer compiler than this machine's.
pub fn trunk() -> Result<(), String> {
    let have = cmd("trunk", &["--version"]).read().unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    step(&format!(
        "installing trunk {TRUNK_VERSION} (7-12 minutes on 2 cores, once)"
    ));
    cmd(
        "cargo",
        &[
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--force",
        ],
    )
    .run()
}

/// Debian's Chromium and its driver, for wasm-bindgen-test and Playwright.
pub fn chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// nginx from Debian, for the test that runs the sample proxy configuration in front of
/// two replicas.
pub fn nginx() -> Result<(), String> {
    let present = std::process::Command::new("nginx")
        .arg("-v")
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if present {
        return Ok(());
    }
    apt_install(&["nginx"])
}

/// Debian's PostgreSQL server, for the native tests of the PostgreSQL store (see
/// `postgres.rs`); returns the `bin` directory of the highest installed major version. Only
/// the programs are used: xtask runs its own throwaway cluster, never the Debian one.
pub fn postgresql() -> Result<PathBuf, String> {
    if let Some(bin) = postgresql_bin() {
        return Ok(bin);
    }
    apt_install(&["postgresql"])?;
    postgresql_bin()
        .ok_or_else(|| "PostgreSQL installed, but no initdb in /usr/lib/postgresql".into())
}

/// `/usr/lib/postgresql/<version>/bin` of the highest version that has an `initdb`.
fn postgresql_bin() -> Option<PathBuf> {
    let version = |name: &str| -> Option<Vec<u32>> {
        name.split('.').map(|part| part.parse().ok()).collect()
    };
    std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let v = version(entry.file_name().to_str()?)?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, bin)| bin)
}

/// Installs Debian packages (root, no prompts): the one way xtask installs system tools.
pub fn apt_install(packages: &[&str]) -> Result<(), String> {
    step(&format!("installing Debian's {}", packages.join(", ")));
    cmd("apt-get", &["update"]).run()?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend_from_slice(packages);
    cmd("apt-get", &args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
}

/// Playwright and binaryen (wasm-opt) from the committed lockfile; never a browser download.
pub fn npm_packages(root: &Path) -> Result<(), String> {
    npm_packages_in(root)
}

/// The npm packages of the `package-lock.json` in `dir`, installed unless already current.
pub fn npm_packages_in(dir: &Path) -> Result<(), String> {
    let marker = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (
        marker.metadata().and_then(|m| m.modified()),
        lock.metadata().and_then(|m| m.modified()),
    ) {
        (Ok(installed), Ok(locked)) => installed >= locked,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step(&format!("installing npm packages from {}", lock.display()));
    cmd(
        "npm",
        &[
            "ci",
            "--no-audit",
            "--no-fund",
            "--prefix",
            &dir.to_string_lossy(),
        ],
    )
    .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    .run()
}

/// PATH with the project's `node_modules/.bin` first, so trunk finds npm's wasm-opt (132)
/// rather than downloading one or using Debian's older binaryen, which breaks the page.
pub fn path_with_node_bin(root: &Path) -> std::ffi::OsString {
    let mut paths = vec![root.join("node_modules/.bin")];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).expect("PATH entries are valid")
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..].find('"').ok_or("malformed Cargo.lock")?;
    Ok(lock[start..start + end].to_string())
}

/// The schemathesis pinned in requirements-test.txt (the hashed lock of every Python package).
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The aiosmtpd pinned there: the e-mail tests' SMTP server.
pub const AIOSMTPD_VERSION: &str = "1.4.6";

/// A project virtualenv (`.venv/`, git-ignored) with the Python test tools from the hashed
/// lock (schemathesis, aiosmtpd); returns its directory. Debian's python3 needs its
/// `python3-venv` package for `python3 -m venv`; it is installed from apt when missing, as
/// Chromium is.
pub fn python_tools(root: &Path) -> Result<std::path::PathBuf, String> {
    let venv = root.join(".venv");
    let bin = venv.join("bin");
    let have_schemathesis = cmd(
        bin.join("schemathesis").to_str().expect("utf-8 path"),
        &["--version"],
    )
    .read()
    .unwrap_or_default();
    let have_aiosmtpd = cmd(
        bin.join("python").to_str().expect("utf-8 path"),
        &["-m", "aiosmtpd", "--version"],
    )
    .read()
    .unwrap_or_default();
    if have_schemathesis.trim().ends_with(SCHEMATHESIS_VERSION)
        && have_aiosmtpd.trim().ends_with(AIOSMTPD_VERSION)
    {
        return Ok(venv);
    }
    if cmd("python3", &["-c", "import ensurepip, venv"])
        .read()
        .is_none()
    {
        step("installing Debian's python3-venv");
        cmd("apt-get", &["update"]).run()?;
        cmd(
            "apt-get",
            &["install", "-y", "--no-install-recommends", "python3-venv"],
        )
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    }
    step(&format!(
        "installing schemathesis {SCHEMATHESIS_VERSION} and aiosmtpd {AIOSMTPD_VERSION} into .venv (hashed lock)"
    ));
    let venv_str = venv.to_str().expect("utf-8 path");
    cmd("python3", &["-m", "venv", "--clear", venv_str]).run()?;
    let pip = bin.join("pip");
    cmd(
        pip.to_str().expect("utf-8 path"),
        &[
            "install",
            "--quiet",
            "--require-hashes",
            "--no-deps",
            "-r",
            "requirements-test.txt",
        ],
    )
    .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    .run()?;
    Ok(venv)
}
