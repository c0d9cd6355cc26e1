//! Small helpers the benchmarks share: the machine's load, today's date, stopping a server.

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
