//! `promiselint fmt`: rewrites promise files in their one layout, or with
//! `--check` lists those that would change.

use super::configuration;
use crate::cli::FmtArgs;
use promiselint::policy::format::{self, Mode};
use promiselint::render::{self, Format, RenderOptions};
use promiselint::source::display_path;
use std::io::Write;

/// `promiselint fmt`: the files it changed (with --check, would change) on
/// stdout, one per line; syntax errors on stderr, shown as `check` shows them.
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
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let formatted = match format::run(&args.paths, &check_options, mode) {
        Ok(formatted) => formatted,
        Err(error) => {
            eprintln!("promiselint: {error}");
            return Ok(2);
        }
    };
    for path in &formatted.changed {
        writeln!(out, "{}", display_path(path))?;
    }
    out.flush()?;
    for (path, error) in &formatted.failed {
        eprintln!("promiselint: {}: {error}", display_path(path));
    }
    let errors = &formatted.outcome;
    if !errors.findings.is_empty() {
        render::render(errors, Format::Human, &options, &mut std::io::stderr())?;
    }
    Ok(
        if errors.has_input_errors() || !formatted.failed.is_empty() {
            2
        } else if args.check && !formatted.changed.is_empty() {
            1
        } else {
            0
        },
    )
}
