//! Etalase Desa's shared vocabulary: the types that travel between the browser app and the
//! server, the rules that validate them, and the small formatting helpers both sides show to
//! people.
//!
//! Invariant: this crate does no I/O and has no platform dependencies, so every rule is
//! written once, compiled into both the wasm app and the native server, and tested natively.

pub mod date;
pub mod lang;
pub mod money;

pub use date::{Date, DateError};
pub use lang::Lang;
pub use money::{format_rupiah, format_rupiah_compact, Rupiah};
