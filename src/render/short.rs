//! `path:line:col: severity[CODE] message (rule)`, one finding per line: the
//! shape Vim's `errorformat`, Emacs' compilation mode and VS Code problem
//! matchers already parse.

use crate::Outcome;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for finding in &outcome.findings {
        let (start, _) = super::primary_range(&outcome.sources, finding);
        let path = outcome
            .sources
            .get(finding.primary.span.file)
            .display_path();
        // One line per finding, whatever the message holds.
        let message = finding.message.replace(['\n', '\r'], " ");
        writeln!(
            out,
            "{path}:{}:{}: {}[{}] {message} ({})",
            start.line,
            start.column,
            finding.severity.as_str(),
            finding.rule.code,
            finding.rule.name,
        )?;
    }
    Ok(())
}
