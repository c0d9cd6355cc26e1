//! The server's layering claims of ARCHITECTURE.md, checked on the source text:
//! - SQL lives only under `src/store/`: no other file may name a database crate, so
//!   handlers, the CLI and the backup reach the data only through the store (comments
//!   included: a file that needs to talk about a database crate belongs under `store/` too);
//! - route modules do not use each other: shared work lives in crate modules (`inbox`,
//!   `spreadsheet`, `auth::owner`…), and only `routes/mod.rs`, the table, names them all.

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

#[test]
fn route_modules_do_not_use_each_other() {
    let routes = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
    let mut files = Vec::new();
    rust_files(&routes, &mut files);
    let modules: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_stem()?.to_str().map(str::to_string))
        .filter(|m| m != "mod")
        .collect();
    assert!(modules.len() > 8, "found only {modules:?}");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("mod.rs")) {
        let text = fs::read_to_string(file).unwrap();
        // A module's own unit tests may `use super::…` of their parent module, which is
        // the file itself; what is barred is reaching a sibling or the table.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let sibling = modules.iter().any(|m| {
                line.contains(&format!("super::{m}")) || line.contains(&format!("routes::{m}"))
            });
            if sibling || line.contains("use super::") || line.contains("crate::routes") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a route module reaches another (move the shared part out of routes/):\n{}",
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
