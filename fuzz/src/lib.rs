//! The properties every fuzz target checks. They live in `properties.rs`
//! alone so that `tests/it/fuzz_regressions.rs` in the main crate can include
//! the same file and replay the regressions on stable.

pub mod properties;
