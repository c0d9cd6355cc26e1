//! A real SMTP server on loopback for the e-mail tests: aiosmtpd (from the project's
//! virtualenv, pinned with hashes in `requirements-test.txt`) with its Maildir handler, in a
//! temp dir. Stopped and deleted when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Smtpd {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Smtpd {
    /// Starts `python -m aiosmtpd` from the virtualenv at `venv` and waits until it listens.
    pub fn start(venv: &Path) -> Result<Smtpd, String> {
        let port = crate::postgres::free_port()?;
        let dir = std::env::temp_dir().join(format!("etalase-smtpd-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let child = Command::new(venv.join("bin/python"))
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            // The handler makes the Maildir (and its tmp/new/cur) only if it does not exist.
            .arg(dir.join("maildir"))
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(dir.join("log")).map_err(|e| e.to_string())?,
            ))
            .spawn()
            .map_err(|e| format!("starting aiosmtpd: {e}"))?;
        let smtpd = Smtpd { child, dir, port };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                let log = std::fs::read_to_string(smtpd.dir.join("log")).unwrap_or_default();
                return Err(format!("aiosmtpd did not listen within 20 s:\n{log}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(smtpd)
    }

    /// `host:port`, for `ETALASE_TEST_SMTP`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// For `ETALASE_TEST_MAILDIR`.
    pub fn maildir(&self) -> PathBuf {
        self.dir.join("maildir")
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
