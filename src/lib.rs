//! promiselint: holds the promises a company makes in its copy against the
//! policy it actually runs.
//!
//! The data flows one way, and each stage imports only the stages before it:
//!
//! - [`source`] and [`finding`] are the leaves every stage shares: files and
//!   spans; findings, the codes of every rule ([`finding::codes`]) and what a
//!   run found ([`Outcome`]); [`work`] counts the steps of the algorithms
//!   that must stay linear, for the tests.
//! - [`load`]: the one walker and reader of promise files, YAML policies and
//!   copy; the workspace, exclusions, limits and `promiselint.toml`.
//! - [`policy`]: promise files parsed, typed and resolved into a model;
//!   YAML policies imported; `requires` evaluated; `promiselint fmt`.
//! - [`copy`]: the text a reader sees in Markdown, HTML, YAML and plain
//!   files; the matcher that finds `says` phrases and their figures; the
//!   scan of every touchpoint's files.
//! - [`rules`]: one file per rule, its documentation and its check, all run
//!   from one place.
//! - [`analysis`]: one run through the stages above.
//! - [`report`]: what is made of a run's findings: fingerprints, baselines,
//!   changed lines, fixture expectations (`promiselint test`), the audit,
//!   fixes.
//! - [`render`]: the findings in every output format.
//! - [`lsp`]: the language server, over all of it.
//!
//! The library never prints and never exits; the binary's commands do both.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod copy;
pub mod finding;
pub mod load;
pub mod lsp;
pub mod policy;
pub mod render;
pub mod report;
pub mod rules;
pub mod source;
pub mod work;

pub use analysis::{analyze, check, check_with, Analysis};
pub use finding::Outcome;
pub use load::{CheckError, CheckOptions};
pub use report::expect::test;
pub use report::fix::check_and_fix;
