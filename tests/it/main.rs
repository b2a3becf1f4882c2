//! The integration tests, in one test binary: one crate to compile and link
//! instead of one per file. Each module is what used to be a file of its own
//! under `tests/`; `common` holds what they share. Fixtures stay in
//! `tests/fixtures/` and `tests/rules/`; snapshots are in `tests/it/snapshots/`,
//! named after the module path (`it__check__…`).
//!
//! The modules' tests share one process and run on several threads: none may
//! change the current folder or the environment of the process, and a
//! temporary folder must be one of its own (`tempfile`), not a fixed name.

mod common;

mod audit;
mod audit_html;
mod check;
mod claims;
mod cli;
mod config;
mod copy;
mod editors;
mod errors;
mod exact;
mod examples;
mod expect;
mod figures;
mod fix;
mod fmt;
mod formats;
mod fuzz_regressions;
mod hostile;
mod html;
mod html_differential;
mod integrations;
mod labelled;
mod layout;
mod linear;
mod lsp;
mod only_new;
mod pages;
mod properties;
mod qualifiers;
mod real_copy;
mod rules;
mod suppress;
mod values;
