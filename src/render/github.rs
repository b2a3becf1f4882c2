//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which the runner turns into an annotation
//! on the file and lines of a pull request's diff.
//!
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=TITLE::MESSAGE`
//!
//! Paths are relative to the repository root, where GitHub places
//! annotations, whichever folder promiselint runs in (a file outside the
//! repository is shown as given). Columns count characters and
//! `endColumn` is exclusive, as in the JSON format. The message carries the
//! hint; the title names the code and the rule. Values are escaped as
//! `@actions/core` escapes them, so a message with a newline or a property
//! with a comma cannot end the command early; and the Actions log obeys
//! escape sequences, so every other control character shows as a symbol
//! ([`visible_lines`]), as in the human format.

use super::visible::{visible, visible_lines};
use super::RepoRoot;
use crate::finding::Severity;
use crate::Outcome;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, root: &RepoRoot, out: &mut dyn Write) -> io::Result<()> {
    for finding in &outcome.findings {
        let (start, end) = super::range(&outcome.sources, &finding.primary);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let path = root.name(outcome.sources.get(finding.primary.span.file));
        let title = format!("promiselint {} ({})", finding.rule.code, finding.rule.name);
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&title),
            escape_data(&root.message_with_hint(&outcome.sources, finding)),
        )?;
    }
    Ok(())
}

/// The message after `::`: `%` and LF encoded (`escapeData` in
/// `@actions/core`), any other control shown as a symbol.
fn escape_data(text: &str) -> String {
    visible_lines(text).replace('%', "%25").replace('\n', "%0A")
}

/// A `key=value` property, on one line: also `:` and `,`, which end one
/// (`escapeProperty` in `@actions/core`).
fn escape_property(text: &str) -> String {
    visible(text)
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_feeds_and_shows_controls() {
        assert_eq!(
            escape_data("100% sure,\r\nreally: yes\u{1b}[2J"),
            "100%25 sure,␍%0Areally: yes␛[2J"
        );
        // `%` first, so an escape already in the text is not read back as one.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%d\re\nf"), "a%3Ab%2Cc%25d␍e␊f");
        assert_eq!(
            escape_property("promiselint PL102 (broken-promise)"),
            "promiselint PL102 (broken-promise)"
        );
    }
}
