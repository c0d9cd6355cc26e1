//! A fresh PostgreSQL database per test, inside the throwaway cluster `cargo xtask test`
//! starts (`ETALASE_TEST_PG_URL`, a superuser URL). Without that variable the PostgreSQL
//! half of a test is skipped with a note, unless `ETALASE_REQUIRE_PG=1` (set by the test
//! command) makes that a failure.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

pub const URL_ENV: &str = "ETALASE_TEST_PG_URL";
pub const REQUIRE_ENV: &str = "ETALASE_REQUIRE_PG";

/// The URL of a new, empty database, or `None` when no cluster was given.
pub async fn fresh_database(hint: &str) -> Option<String> {
    let Ok(admin) = std::env::var(URL_ENV) else {
        assert!(
            std::env::var(REQUIRE_ENV).as_deref() != Ok("1"),
            "{REQUIRE_ENV}=1 but {URL_ENV} is not set"
        );
        eprintln!("note: {URL_ENV} not set, PostgreSQL half of {hint} skipped (cargo xtask pg starts a cluster)");
        return None;
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "etalase_{}_{}_{}",
        hint.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
    .to_lowercase();
    let (client, connection) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("connecting to {URL_ENV}: {e}"));
    let driver = tokio::spawn(connection);
    // Once per test process: the first database's creation sweeps for all of them.
    static SWEPT: AtomicBool = AtomicBool::new(false);
    if !SWEPT.swap(true, Ordering::SeqCst) {
        drop_leftovers(&client).await;
    }
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap_or_else(|e| panic!("creating database {name}: {e}"));
    drop(client);
    let _ = driver.await;
    let (base, _) = admin
        .rsplit_once('/')
        .expect("the URL names a database after its last /");
    Some(format!("{base}/{name}"))
}

/// Drops the databases of earlier test processes that have ended. A test cannot drop its own:
/// the server it started may still hold connections when it returns, and a failed test never
/// gets there. Without this, every `cargo test` against one `cargo xtask pg` cluster left its
/// databases behind. Only Linux can tell whether a process is gone (`/proc`); elsewhere
/// nothing is dropped.
async fn drop_leftovers(client: &tokio_postgres::Client) {
    let Ok(rows) = client
        .query(
            r"SELECT datname FROM pg_database WHERE datname LIKE 'etalase\_%'",
            &[],
        )
        .await
    else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        if owner_pid(&name).is_some_and(|pid| pid != std::process::id() && has_ended(pid)) {
            // Best effort: a database that cannot be dropped now goes at a later run.
            let _ = client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}

/// The process id in a name made by [`fresh_database`]: `etalase_<hint>_<pid>_<n>`.
fn owner_pid(name: &str) -> Option<u32> {
    let mut parts = name.rsplitn(3, '_');
    let _n: u32 = parts.next()?.parse().ok()?;
    parts.next()?.parse().ok()
}

fn has_ended(pid: u32) -> bool {
    cfg!(target_os = "linux") && !std::path::Path::new(&format!("/proc/{pid}")).exists()
}
