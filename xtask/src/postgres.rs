//! A throwaway PostgreSQL cluster for the tests of the PostgreSQL store: a fresh data
//! directory in a temp dir, a server on a free loopback port with trust authentication, and
//! everything stopped and deleted when the `Cluster` is dropped (on success and on error).
//!
//! initdb refuses to run as root, so as root the cluster belongs to Debian's unprivileged
//! `postgres` user and every PostgreSQL program runs through `runuser -u postgres`.
//! `--no-sync` only skips initdb's own flushes; the server keeps `fsync` and
//! `synchronous_commit` on, because the benchmarks measure durable commits.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// The user the cluster belongs to (and its superuser role).
const ROLE: &str = "etalase";

pub struct Cluster {
    /// The temp dir: `data/` (the cluster), `log` (the server log) and the Unix socket.
    dir: PathBuf,
    port: u16,
    /// The PostgreSQL programs (`initdb`, `pg_ctl`), e.g. from `setup::postgresql()`.
    bin: PathBuf,
    /// Root runs the programs as the `postgres` user.
    as_postgres: bool,
}

impl Cluster {
    /// Creates and starts a cluster; `Err` says which step failed and, if the server did not
    /// start, ends with the tail of its log. Whatever was made is removed again on `Err`.
    pub fn start(bin: &Path) -> Result<Cluster, String> {
        let as_postgres = is_root();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("etalase-pg-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        // From here on, dropping `cluster` stops the server (if any) and deletes `dir`.
        let mut cluster = Cluster {
            dir,
            port: 0,
            bin: bin.to_path_buf(),
            as_postgres,
        };
        if as_postgres {
            quiet(Command::new("chown").arg("postgres:").arg(&cluster.dir))?;
        }
        let data = cluster.data();
        quiet(cluster.program("initdb").arg("-D").arg(&data).args([
            "-U",
            ROLE,
            "--auth=trust",
            "-E",
            "UTF8",
            // Not the caller's LANG, which may name a locale this machine lacks.
            "--locale=C",
            "--no-sync",
        ]))?;
        cluster.port = free_port()?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c max_connections=200 \
             -c fsync=on -c synchronous_commit=on",
            cluster.port,
            cluster.dir.display()
        );
        let started = quiet(
            cluster
                .program("pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-o", &options, "-l"])
                .arg(cluster.dir.join("log"))
                .args(["-w", "-t", "60", "start"]),
        );
        if let Err(e) = started {
            return Err(format!(
                "{e}\n--- end of the server log ---\n{}",
                cluster.log_tail(30)
            ));
        }
        Ok(cluster)
    }

    /// `postgres://etalase@127.0.0.1:PORT/postgres`; tests create their own databases in it.
    pub fn url(&self) -> String {
        format!("postgres://{ROLE}@127.0.0.1:{}/postgres", self.port)
    }

    /// Creates an empty database `name` (letters, digits, `_`) and returns its URL.
    pub fn create_database(&self, name: &str) -> Result<String, String> {
        let out = Command::new(self.bin.join("psql"))
            .args([&self.url(), "-qc", &format!("CREATE DATABASE {name}")])
            .output()
            .map_err(|e| format!("cannot run psql: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "creating database {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(format!("postgres://{ROLE}@127.0.0.1:{}/{name}", self.port))
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A PostgreSQL program, as the `postgres` user when xtask runs as root, started in the
    /// temp dir (that user may not be allowed into the current directory).
    fn program(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        };
        command.current_dir(&self.dir);
        command
    }

    fn log_tail(&self, lines: usize) -> String {
        match std::fs::read_to_string(self.dir.join("log")) {
            Ok(log) => {
                let all: Vec<&str> = log.lines().collect();
                all[all.len().saturating_sub(lines)..].join("\n")
            }
            Err(e) => format!("(no server log: {e})"),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            let stopped = quiet(self.program("pg_ctl").arg("-D").arg(self.data()).args([
                "-m",
                "immediate",
                "-w",
                "stop",
            ]));
            if let Err(e) = stopped {
                eprintln!("xtask: stopping the test PostgreSQL: {e}");
            }
        }
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            eprintln!("xtask: removing {}: {e}", self.dir.display());
        }
    }
}

/// Runs to completion with its output captured (PostgreSQL's programs are chatty); `Err`
/// names the program and carries what it printed.
fn quiet(command: &mut Command) -> Result<(), String> {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = command
        .output()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{shown}` failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// A loopback port that was free a moment ago (the OS picks it; the listener is dropped so
/// the server can bind it).
pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("finding a free loopback port: {e}"))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}
