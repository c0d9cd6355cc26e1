//! A very small command runner: echo the command, run it inheriting the terminal, turn a
//! failure into a message that names the command.

use std::fmt;
use std::process::Command;

pub struct Cmd {
    inner: Command,
    shown: String,
}

/// Builds a command from a program and its arguments.
pub fn cmd(program: &str, args: &[&str]) -> Cmd {
    let mut inner = Command::new(program);
    inner.args(args);
    Cmd {
        inner,
        shown: format!("{program} {}", args.join(" ")),
    }
}

impl Cmd {
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Cmd {
        self.inner.env(key, value);
        self
    }

    /// Runs to completion; `Err` names the command if it could not start or failed.
    pub fn run(mut self) -> Result<(), String> {
        println!("$ {}", self.shown);
        let status = self
            .inner
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Runs and captures stdout, for version checks; `None` if it cannot run or fails.
    pub fn read(mut self) -> Option<String> {
        let out = self.inner.output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Runs to completion with stdout captured (echoed too) and stderr shown as it comes,
    /// for benchmarks whose figures go into BENCHMARKS.md; `Err` as for `run`.
    pub fn capture(mut self) -> Result<String, String> {
        println!("$ {}", self.shown);
        let out = self
            .inner
            .stderr(std::process::Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        print!("{stdout}");
        if out.status.success() {
            Ok(stdout)
        } else {
            Err(format!("`{}` failed ({})", self.shown, out.status))
        }
    }

    /// Runs and records the result for the summary instead of stopping.
    pub fn outcome(self) -> Outcome {
        self.run().into()
    }
}

/// How one suite ended.
pub struct Outcome(Result<(), String>);

impl Outcome {
    pub fn passed(&self) -> bool {
        self.0.is_ok()
    }
}

impl From<Outcome> for Result<(), String> {
    fn from(o: Outcome) -> Result<(), String> {
        o.0
    }
}

impl From<Result<(), String>> for Outcome {
    fn from(r: Result<(), String>) -> Outcome {
        Outcome(r)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Ok(()) => write!(f, "PASSED"),
            Err(e) => write!(f, "FAILED: {e}"),
        }
    }
}
