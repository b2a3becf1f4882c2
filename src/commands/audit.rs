//! `promiselint audit`: the configuration and the run as for `check`, then
//! the audit in the format asked for, or as a page written to a file.
//!
//! Broken promises are what an audit reports, not a failure of it: the exit
//! code is 0 whatever the copy says, and 2 only when the inputs cannot be
//! read (their errors printed as `check` prints them, on stdout).

use super::named;
use crate::cli::{AuditArgs, AuditFormat};
use promiselint::finding::Severity;
use promiselint::load::{atomic, Progress};
use promiselint::render::{audit, visible};
use promiselint::report::audit::Audit;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

/// The table fits the narrowest terminal still common.
const TABLE_WIDTH: usize = 80;

/// Fewer copy files than this are read too fast for a progress bar to help.
const MANY_FILES: usize = 500;

pub fn audit(args: &AuditArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let mut config = match super::configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => return input_errors(&error.into_outcome(), color, out),
    };
    let paths = match super::paths(&args.paths, &mut config) {
        Ok(paths) => paths,
        Err(error) => {
            say!("promiselint: {error}");
            return Ok(2);
        }
    };
    let bar = std::io::stderr().is_terminal().then(Bar::new);
    config.options.progress = bar.clone().map(|bar| Arc::new(bar) as _);
    let analysis = promiselint::analyze(&paths, &config.options);
    if let Some(bar) = bar {
        bar.0.finish_and_clear();
    }
    let analysis = match analysis {
        Ok(analysis) => analysis,
        Err(error) => {
            say!("promiselint: {error}");
            return Ok(2);
        }
    };
    super::warn_unchecked(&analysis);
    // An audit of pages names the pages, not the promise files behind them.
    let inputs = if config.options.pages.is_empty() {
        &paths
    } else {
        &config.options.pages
    };
    let Some(report) = Audit::of(&analysis, inputs) else {
        return input_errors(&analysis.outcome, color, out);
    };
    match (&args.html, args.format) {
        (Some(path), _) => return write_html(&report, path, out),
        (None, AuditFormat::Table) => audit::table(&report, color, TABLE_WIDTH, out)?,
        (None, AuditFormat::Json) => audit::json(&report, out)?,
        (None, AuditFormat::Markdown) => audit::markdown(&report, out)?,
    }
    out.flush()?;
    Ok(0)
}

/// Prints input errors as `check` does, and returns their exit code.
fn input_errors(
    outcome: &promiselint::Outcome,
    color: bool,
    out: &mut impl Write,
) -> std::io::Result<u8> {
    super::report(
        outcome,
        promiselint::render::Format::Human,
        None,
        color,
        Severity::Error,
        out,
    )
}

/// Writes the page whole or not at all, and says where it went.
fn write_html(report: &Audit, path: &Path, out: &mut impl Write) -> std::io::Result<u8> {
    let page = audit::html(report, &audit::civil_date(now()));
    match atomic::write(path, page.as_bytes(), atomic::Written::Output) {
        Ok(()) => {
            writeln!(out, "wrote the audit to {}", named(path))?;
            Ok(0)
        }
        Err(error) => {
            say!(
                "promiselint: {}: {}",
                named(path),
                visible(&error.to_string())
            );
            Ok(2)
        }
    }
}

/// Seconds since the Unix epoch: `SOURCE_DATE_EPOCH` when set, so that a
/// build (or a test) makes the same page every time (reproducible-builds.org).
fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|seconds| seconds.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| {
                    i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
                })
        })
}

/// A progress bar on stderr, shown only once the scan finds many files.
#[derive(Clone, Debug)]
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        Bar(indicatif::ProgressBar::hidden())
    }
}

impl Progress for Bar {
    fn files_found(&self, count: usize) {
        if count >= MANY_FILES {
            self.0.set_length(count as u64);
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn file_done(&self) {
        self.0.inc(1);
    }
}
