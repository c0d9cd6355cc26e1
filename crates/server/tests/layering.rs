//! SQL lives only under `src/store/` (ARCHITECTURE.md): no other source file of the server
//! may name a database crate, so handlers, the CLI and the backup reach the data only
//! through the store. A plain scan of the source text, comments included: a file that
//! needs to talk about a database crate belongs under `store/` too.

use std::fs;
use std::path::{Path, PathBuf};

/// The database crates in `Cargo.toml` (and the ones they would be replaced with), as code
/// names them.
const DATABASE_CRATES: &[&str] = &[
    "rusqlite",
    "tokio_postgres",
    "deadpool_postgres",
    "postgres_types",
    "sqlx",
];

#[test]
fn only_the_store_names_a_database_crate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let store = src.join("store");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 20,
        "found only {} .rs files under {}",
        files.len(),
        src.display()
    );
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&store)) {
        let text = fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for name in DATABASE_CRATES.iter().filter(|c| line.contains(*c)) {
                found.push(format!(
                    "{}:{}: {name}",
                    file.strip_prefix(&src).unwrap().display(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "database crates named outside src/store/ (move the code into the store):\n{}",
        found.join("\n")
    );
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
