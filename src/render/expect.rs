//! The output of `promiselint test`: one line per mismatch, in the short
//! format's `path:line:col: message` shape that editors jump to, then a
//! summary. Input errors that stopped the run are shown as `check` shows
//! them.

use super::plural;
use super::visible::visible;
use crate::report::expect::TestReport;
use std::io::{self, Write};

pub fn render(
    report: &TestReport,
    options: &super::RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if report.outcome.has_input_errors() {
        return super::human::render(&report.outcome, options, out);
    }
    for mismatch in &report.mismatches {
        let file = report.outcome.sources.get(mismatch.span.file);
        let at = file.line_col(mismatch.span.start);
        // One line per mismatch, whatever a finding's message holds.
        let message = mismatch.kind.to_string();
        writeln!(
            out,
            "{}:{}:{}: {}",
            visible(&file.display_path()),
            at.line,
            at.column,
            visible(&message)
        )?;
    }
    if report.fixtures == 0 {
        return writeln!(
            out,
            "No fixtures: no copy file of a touchpoint has a `promiselint-expect` comment"
        );
    }
    let mismatches = match report.mismatches.len() {
        1 => "1 mismatch".to_owned(),
        count => format!("{count} mismatches"),
    };
    writeln!(
        out,
        "{}, {}, {mismatches}",
        plural(report.fixtures, "fixture"),
        plural(report.expectations, "expectation"),
    )
}
