//! GitLab Code Quality: a JSON array of issues, which GitLab shows in merge
//! requests and on the changed lines.
//!
//! ```json
//! [
//!   {
//!     "description": "\"arrives in 3 days\" is a promise … (hint: …)",
//!     "check_name": "broken-promise",
//!     "fingerprint": "5b0c…",
//!     "severity": "major",
//!     "location": { "path": "site/shipping.md", "lines": { "begin": 12, "end": 12 } }
//!   }
//! ]
//! ```
//!
//! Paths are relative to the repository root, which GitLab requires; a file
//! outside it keeps the path it is shown with. Severities: info → `info`,
//! warning → `minor`, error → `major`, and a file that could not be checked
//! (the `PL0xx` rules, exit code 2) → `blocker`. The fingerprint is
//! promiselint's own, without line numbers, so GitLab does not report an
//! issue as fixed and new again when lines move above it.

use super::RepoRoot;
use crate::finding::{Finding, RuleKind, Severity};
use crate::report::fingerprint::fingerprints;
use crate::Outcome;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(outcome: &Outcome, root: &RepoRoot, out: &mut dyn Write) -> io::Result<()> {
    let fingerprints = fingerprints(&outcome.findings, &outcome.sources);
    let issues: Vec<Issue> = outcome
        .findings
        .iter()
        .zip(fingerprints)
        .map(|(finding, fingerprint)| {
            let (start, end) = super::range(&outcome.sources, &finding.primary);
            let path = root.name(outcome.sources.get(finding.primary.span.file));
            Issue {
                description: root.message_with_hint(&outcome.sources, finding),
                check_name: finding.rule.name,
                fingerprint,
                severity: severity(finding),
                location: Location {
                    path,
                    lines: Lines {
                        begin: start.line,
                        end: end.line,
                    },
                },
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

fn severity(finding: &Finding) -> &'static str {
    match (finding.rule.kind, finding.severity) {
        (RuleKind::Input, _) => "blocker",
        (RuleKind::Lint, Severity::Error) => "major",
        (RuleKind::Lint, Severity::Warning) => "minor",
        (RuleKind::Lint, Severity::Info) => "info",
    }
}
