//! `path:line:col: severity[CODE] message (rule)`, one finding per line: the
//! shape Vim's `errorformat`, Emacs' compilation mode and VS Code problem
//! matchers already parse.

use crate::finding::Finding;
use crate::source::Sources;
use crate::Outcome;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for finding in &outcome.findings {
        writeln!(out, "{}", line(&outcome.sources, finding))?;
    }
    Ok(())
}

/// One finding on one line, whatever its message holds. JUnit failures
/// start with it too.
pub(super) fn line(sources: &Sources, finding: &Finding) -> String {
    let message = finding.message.replace(['\n', '\r'], " ");
    format!(
        "{}: {}[{}] {message} ({})",
        super::place(sources, &finding.primary),
        finding.severity.as_str(),
        finding.rule.code,
        finding.rule.name,
    )
}
