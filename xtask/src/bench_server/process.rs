//! Child processes: our server on a free port, pinned with taskset, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::{have, Bins};
use crate::bench_util::{serving_on, terminate};

/// A child process stopped (SIGTERM, then SIGKILL) when dropped.
pub(super) struct Proc {
    pub(super) child: Child,
    pub(super) what: String,
}

impl Proc {
    pub(super) fn stop(&mut self) {
        terminate(&mut self.child, Some(&self.what));
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// `taskset -c CPU` in front of a command, when taskset exists.
pub(super) fn pinned(cpu: Option<u32>, program: &Path) -> Command {
    match cpu {
        Some(cpu) if have("taskset", &["-V"]) => {
            let mut c = Command::new("taskset");
            c.arg("-c").arg(cpu.to_string()).arg(program);
            c
        }
        _ => Command::new(program),
    }
}

/// Our release server on a free loopback port with a fresh data directory (demo catalog).
/// Its log goes to `log` if given (with the store's info lines: the group commit summary),
/// else only errors reach the terminal.
pub(super) fn start_server(
    bins: &Bins,
    data: &Path,
    dist: &Path,
    env: &[(&str, &str)],
    cpu: Option<u32>,
    log: Option<&Path>,
) -> Result<(Proc, String), String> {
    let (filter, stderr) = match log {
        Some(path) => (
            "warn,etalase_server::store=info",
            Stdio::from(std::fs::File::create(path).map_err(|e| e.to_string())?),
        ),
        None => ("error", Stdio::inherit()),
    };
    let mut child = pinned(cpu, &bins.server)
        .args(["--port", "0", "--data-dir"])
        .arg(data)
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", filter)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bins.server.display()))?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let proc = Proc {
        child,
        what: "the server".into(),
    };
    let base = serving_on(&line).ok_or_else(|| format!("the server did not start: {line:?}"))?;
    Ok((proc, base))
}
