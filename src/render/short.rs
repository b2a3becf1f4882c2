//! `path:line:col: severity[CODE] message (rule)`, one finding per line: the
//! shape Vim's `errorformat`, Emacs' compilation mode and VS Code problem
//! matchers already parse.

use crate::finding::Finding;
use crate::source::Sources;
use crate::Outcome;
use std::borrow::Cow;
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
    // Looked for first: `replace` reads a message a character at a time,
    // and a big run writes thousands of them.
    let message = match memchr::memchr2(b'\n', b'\r', finding.message.as_bytes()) {
        Some(_) => Cow::Owned(finding.message.replace(['\n', '\r'], " ")),
        None => Cow::Borrowed(finding.message.as_str()),
    };
    format!(
        "{}: {}[{}] {message} ({})",
        super::place(sources, &finding.primary),
        finding.severity.as_str(),
        finding.rule.code,
        finding.rule.name,
    )
}
