//! `path:line:col: severity[CODE] message (rule)`, one finding per line: the
//! shape Vim's `errorformat`, Emacs' compilation mode and VS Code problem
//! matchers already parse.
//!
//! With colour, as ruff colours its concise output: the path bold, the
//! severity and code red, yellow or cyan by severity, the rule dimmed. The
//! characters are the same either way, so a reader that strips the ANSI
//! escapes gets the plain line.

use super::visible::visible;
use crate::finding::{Finding, Severity};
use crate::source::Sources;
use crate::Outcome;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for finding in &outcome.findings {
        writeln!(out, "{}", painted(&outcome.sources, finding, color))?;
    }
    Ok(())
}

/// One finding on one line, whatever its message or path holds, without colour.
/// JUnit failures start with it too.
pub(super) fn line(sources: &Sources, finding: &Finding) -> String {
    painted(sources, finding, false)
}

fn painted(sources: &Sources, finding: &Finding, color: bool) -> String {
    let message = visible(&finding.message);
    let paint = |style: &str, text: &str| {
        if color {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let place = visible(&super::place(sources, &finding.primary)).into_owned();
    // `path:line:col`: the path is all before the last two colons.
    let path_end = place.rmatch_indices(':').nth(1).map_or(0, |(at, _)| at);
    let (path, line_col) = place.split_at(path_end);
    let severity = match finding.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    format!(
        "{}{line_col}: {} {message} {}",
        paint("1", path),
        paint(
            severity,
            &format!("{}[{}]", finding.severity.as_str(), finding.rule.code)
        ),
        paint("2", &format!("({})", finding.rule.name)),
    )
}
