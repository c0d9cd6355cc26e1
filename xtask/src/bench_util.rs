//! Small helpers the benchmarks share: load average, date, scratch dirs, stopping a server.

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::sh::cmd;

/// The 1-minute load average, e.g. `3.12` (other builds on the shared cores show here).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Today's date (UTC) for the benchmark sections.
pub fn today() -> String {
    cmd("date", &["-u", "+%Y-%m-%d"])
        .read()
        .map_or_else(|| "date unknown".into(), |d| d.trim().to_owned())
}

/// `dir` emptied, or created: a benchmark's scratch space without the last run's leftovers.
pub fn fresh_dir(dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Stops `child`: SIGTERM, up to 10 s to exit, then SIGKILL (announced on stderr when `what`
/// names it). It is reaped either way.
pub fn terminate(child: &mut Child, what: Option<&str>) {
    let pid = child.id().to_string();
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if let Some(what) = what {
        eprintln!("   {what} did not stop on SIGTERM; killing it");
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The base URL in the line our server prints once it listens, `… serving on <base>`.
pub fn serving_on(line: &str) -> Option<String> {
    line.trim()
        .split_once("serving on ")
        .map(|(_, base)| base.to_string())
}
