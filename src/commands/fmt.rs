//! `promiselint fmt`: rewrites promise files in their one layout, or with
//! `--check` lists those that would change, or with `--diff` shows how.

use super::{configuration, named};
use crate::cli::FmtArgs;
use promiselint::policy::format::{self, Change, Formatted, Mode};
use promiselint::render::{self, visible, Format, RenderOptions};
use promiselint::report::fix::unified_diff;
use std::io::Write;

/// `promiselint fmt`: the files it changed (with --check, would change) on
/// stdout, one per line, or with --diff a unified diff of each; syntax
/// errors on stderr, shown as `check` shows them.
pub fn fmt(args: &FmtArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let options = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    let check_options = match configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default().options,
        Err(error) => {
            let outcome = error.into_outcome();
            render::render(&outcome, Format::Human, &options, &mut std::io::stderr())?;
            return Ok(2);
        }
    };
    let writes = !(args.check || args.diff);
    let mode = if writes { Mode::Write } else { Mode::Check };
    let formatted = match format::run(&args.paths, &check_options, mode) {
        Ok(formatted) => formatted,
        Err(error) => {
            say!("promiselint: {error}");
            return Ok(2);
        }
    };
    for change in &formatted.changed {
        if args.diff {
            out.write_all(diff(&formatted, change).as_bytes())?;
        } else {
            writeln!(out, "{}", named(&change.path))?;
        }
    }
    out.flush()?;
    for (path, error) in &formatted.failed {
        say!(
            "promiselint: {}: {}",
            named(path),
            visible(&error.to_string())
        );
    }
    let errors = &formatted.outcome;
    if !errors.findings.is_empty() {
        render::render(errors, Format::Human, &options, &mut std::io::stderr())?;
    }
    Ok(
        if errors.has_input_errors() || !formatted.failed.is_empty() {
            2
        } else if !writes && !formatted.changed.is_empty() {
            1
        } else {
            0
        },
    )
}

/// The unified diff from `change`'s file as read to its canonical layout,
/// with the same `a/` and `b/` headers as `check --fix --dry-run`, so that
/// `git apply` takes it.
fn diff(formatted: &Formatted, change: &Change) -> String {
    let before: &str = formatted.outcome.sources.get(change.file).text();
    unified_diff(&change.path, before, &change.formatted)
}
