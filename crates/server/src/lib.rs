//! Etalase Desa's backend: a thin JSON server in front of a durable store.
//!
//! It serves the built single-page app (with precompressed assets and cache headers that
//! suit hashed file names), the catalog as cacheable JSON, and takes writes (inquiries,
//! accounts, photos) into a [`store::Store`]. Handlers only see the `Store` trait, so the
//! SQLite default can be swapped for PostgreSQL without touching them.
//!
//! [`backup`] copies the database and photos while the server runs.
//!
//! `main.rs` reads configuration and binds a socket; everything else is reachable from
//! [`app`], so tests can drive the whole router without a socket.

pub mod auth;
pub mod backup;
pub mod blobs;
pub mod clock;
pub mod config;
pub mod demo_images;
pub mod demo_inquiries;
pub mod demo_seed;
pub mod error;
pub mod expiry;
pub mod extract;
pub mod facilitator;
pub mod inbox;
pub mod insights;
pub mod market;
pub mod notices;
pub mod openapi;
pub mod pages;
pub mod push;
pub mod region;
pub mod routes;
pub mod security;
pub mod snapshot;
pub mod spreadsheet;
pub mod staff_cli;
pub mod state;
pub mod static_files;
pub mod store;

pub use config::Config;
pub use routes::app;
pub use state::AppState;
