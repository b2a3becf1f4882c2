//! Renderers: each turns an [`Outcome`], or the report of `promiselint
//! test`, into one output format. They only read findings; none of them
//! decides anything.

mod expect;
mod human;
mod json;
mod short;

use crate::expect::TestReport;
use crate::finding::{Finding, Rule};
use crate::source::{LineCol, Sources};
use crate::Outcome;
use std::io::{self, Write};

/// The output formats of `promiselint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
}

/// Presentation choices that are not the renderer's to make.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (human format only).
    pub color: bool,
}

/// Writes `outcome` to `out` in `format`.
pub fn render(
    outcome: &Outcome,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(outcome, options, out),
        Format::Short => short::render(outcome, out),
        Format::Json => json::render(outcome, out),
    }
}

/// Writes what `promiselint test` found to `out`.
pub fn render_test(
    report: &TestReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    expect::render(report, options, out)
}

/// The text `promiselint explain` prints for a rule: a header, then its documentation.
pub fn explain(rule: &Rule) -> String {
    let mut text = format!(
        "# {} ({})\n\nDefault severity: {}\n\n",
        rule.name,
        rule.code,
        rule.default_severity.as_str()
    );
    for line in rule.doc.lines() {
        // Doc comments keep the space after `///`.
        text.push_str(line.strip_prefix(' ').unwrap_or(line));
        text.push('\n');
    }
    text
}

/// Start and end (exclusive) positions of a finding's primary span.
fn primary_range(sources: &Sources, finding: &Finding) -> (LineCol, LineCol) {
    let span = finding.primary.span;
    let file = sources.get(span.file);
    (file.line_col(span.start), file.line_col(span.end))
}
