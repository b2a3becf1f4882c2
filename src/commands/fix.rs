//! `promiselint check --fix` and `--fix --dry-run`: applies (or shows) the
//! fixes the library works out, and says what it changed and what it left.
//!
//! What was changed and what could not be goes to stderr, so that stdout
//! holds only the findings in the format asked for (or, with `--dry-run`,
//! only the diff). After writing, the copy is checked again from scratch
//! rather than the fixed findings being struck off the first run's: lines
//! and columns then describe the files as they now are, and a fix can never
//! hide a finding it did not remove.

use super::named;
use promiselint::load::workspace::Workspace;
use promiselint::render::visible;
use promiselint::report::fix::{self, Fixes};
use promiselint::source::{Sources, Span};
use promiselint::CheckOptions;
use std::io::Write;
use std::path::PathBuf;

/// Applies the fixes, or with `dry_run` prints their diff. `Some(code)` ends
/// the run with that exit code: with `dry_run`, 1 when there is something to
/// change (as `cargo fmt --check` does) and 0 when not; 2 when a file could
/// not be fixed. `None` lets the check that follows report what remains.
pub fn fix(
    paths: &[PathBuf],
    options: &CheckOptions,
    dry_run: bool,
    out: &mut impl Write,
) -> std::io::Result<Option<u8>> {
    let (outcome, fixes) = match promiselint::check_and_fix(paths, options) {
        Ok(found) => found,
        // The check that follows reports it.
        Err(_) => return Ok(None),
    };
    let sources = &outcome.sources;
    let workspace = Workspace::new(paths, options.workspace.as_deref());
    let mut failed = false;
    let mut changed = 0;
    for edit in fix::edits(sources, &fixes.fixes) {
        let edit = match edit {
            Ok(edit) => edit,
            Err(why) => {
                say!("promiselint: not fixed: {why}");
                failed = true;
                continue;
            }
        };
        if dry_run {
            out.write_all(edit.diff().as_bytes())?;
        } else if let Err(error) = edit.write(&workspace) {
            say!(
                "promiselint: {}: {}",
                named(edit.path),
                visible(&error.to_string())
            );
            failed = true;
            continue;
        }
        for fix in &edit.fixes {
            let verb = if dry_run { "would become" } else { "→" };
            say!(
                "{}: \"{}\" {verb} \"{}\"",
                place(sources, fix.phrase),
                one_line(&fix.before),
                one_line(&fix.after)
            );
        }
        changed += edit.fixes.len();
    }
    report_unfixable(sources, &fixes);
    let fixed = promiselint::render::plural(changed, "figure");
    say!(
        "promiselint: {} {fixed}, {} left as {}",
        if dry_run { "would fix" } else { "fixed" },
        fixes.unfixable.len(),
        if fixes.unfixable.len() == 1 {
            "it is"
        } else {
            "they are"
        },
    );
    out.flush()?;
    Ok(match (failed, dry_run) {
        (true, _) => Some(2),
        (false, true) => Some(u8::from(changed > 0)),
        (false, false) => None,
    })
}

fn report_unfixable(sources: &Sources, fixes: &Fixes) {
    for unfixable in &fixes.unfixable {
        say!(
            "{}: \"{}\" not fixed: {}",
            place(sources, unfixable.phrase),
            one_line(&unfixable.text),
            unfixable.reason
        );
    }
}

/// A phrase as one line of a report: a phrase broken over two lines of copy
/// is one phrase.
fn one_line(text: &str) -> String {
    visible(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// `path:line:col` of where a span starts.
fn place(sources: &Sources, span: Span) -> String {
    let file = sources.get(span.file);
    let at = file.line_col(span.start);
    format!("{}:{}:{}", named(file.path()), at.line, at.column)
}
