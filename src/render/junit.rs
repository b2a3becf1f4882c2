//! JUnit XML, for CI services that show test reports but no lint reports.
//!
//! One `<testsuite>` per file with findings, named by its path; one
//! `<testcase>` per finding, named by code, rule and place, each with a
//! `<failure>` whose `message` is the finding's message and whose text
//! gives the place, the hint, the promise's `why` and the related places.
//! Every finding is a failure, whatever its severity (the `type` attribute
//! says which). With no finding, the report has one suite with one passing
//! test case, `no findings`, so a dashboard shows a check that ran rather
//! than an empty report. Copy text may hold anything: markup characters are
//! escaped and the characters XML 1.0 forbids are replaced with U+FFFD.

use super::escape;
use crate::finding::Finding;
use crate::source::Sources;
use crate::Outcome;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let findings = &outcome.findings;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    // Every test is a failure but the one of an empty report.
    let tests = findings.len().max(1);
    writeln!(
        out,
        r#"<testsuites name="promiselint" tests="{tests}" failures="{}" errors="0">"#,
        findings.len()
    )?;
    if findings.is_empty() {
        writeln!(
            out,
            r#"  <testsuite name="promiselint" tests="1" failures="0" errors="0" skipped="0">"#
        )?;
        writeln!(
            out,
            r#"    <testcase name="no findings" classname="promiselint"/>"#
        )?;
        writeln!(out, "  </testsuite>")?;
    }
    // Findings are sorted by file: each run of one file is its suite.
    for suite in findings.chunk_by(|a, b| a.primary.span.file == b.primary.span.file) {
        let path = escape(
            &outcome
                .sources
                .get(suite[0].primary.span.file)
                .display_path(),
            true,
        );
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{0}" failures="{0}" errors="0" skipped="0">"#,
            suite.len()
        )?;
        for finding in suite {
            let (start, _) = super::range(&outcome.sources, &finding.primary);
            writeln!(
                out,
                r#"    <testcase name="{} ({}) at {}:{}" classname="{path}" file="{path}" line="{}">"#,
                finding.rule.code, finding.rule.name, start.line, start.column, start.line
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                finding.severity.as_str(),
                escape(&finding.message, true),
                escape(&details(&outcome.sources, finding), false)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// The text of a failure: the finding as the short format shows it, then
/// the hint, the `why` and the related places, one a line.
fn details(sources: &Sources, finding: &Finding) -> String {
    let mut lines = vec![super::short::line(sources, finding)];
    lines.extend(finding.hint.iter().map(|hint| format!("hint: {hint}")));
    lines.extend(finding.why.iter().map(|why| format!("why: {why}")));
    lines.extend(finding.related.iter().map(|label| {
        format!(
            "related: {}: {}",
            super::place(sources, label),
            label.message
        )
    }));
    lines.join("\n")
}
