//! Shared by the benchmark targets.
pub mod queries;
