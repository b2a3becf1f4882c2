//! The JSON format: one object per run, versioned, stable.
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "rule": "unbacked-promise",
//!       "code": "PL101",
//!       "severity": "error",
//!       "message": "…",
//!       "file": "promises.promise",
//!       "line": 12, "column": 3, "end_line": 12, "end_column": 40,
//!       "related": [
//!         { "file": "promises.promise", "line": 3, "column": 20,
//!           "end_line": 3, "end_column": 23, "message": "…" }
//!       ],
//!       "hint": "…",
//!       "why": "…"
//!     }
//!   ],
//!   "summary": { "errors": 1, "warnings": 0, "infos": 0, "promise_files": 1 }
//! }
//! ```
//!
//! Lines and columns are 1-based; columns count Unicode characters; `end_*`
//! is exclusive. `hint` and `why` are `null` when absent. A new field may be
//! added within a version; renaming or removing one bumps `version`. These
//! wire structs are kept apart from [`Finding`] so the internal type can change
//! without changing the format.

use crate::finding::{Finding, Label, Severity};
use crate::source::Sources;
use crate::Outcome;
use serde::Serialize;
use std::io::{self, Write};

/// Bumped when a field is renamed or removed.
const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    location: Location,
    related: Vec<Related<'a>>,
    hint: Option<&'a str>,
    why: Option<&'a str>,
}

#[derive(Serialize)]
struct Location {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    location: Location,
    message: &'a str,
}

/// Also the `summary` of `--statistics --format json`.
#[derive(Serialize)]
pub(super) struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    promise_files: usize,
}

impl Summary {
    pub(super) fn of(outcome: &Outcome) -> Summary {
        Summary {
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            infos: outcome.count(Severity::Info),
            promise_files: outcome.promise_files,
        }
    }
}

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        version: JSON_FORMAT_VERSION,
        findings: outcome
            .findings
            .iter()
            .map(|finding| json_finding(&outcome.sources, finding))
            .collect(),
        summary: Summary::of(outcome),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn json_finding<'a>(sources: &Sources, finding: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        rule: finding.rule.name,
        code: finding.rule.code,
        severity: finding.severity,
        message: &finding.message,
        location: location(sources, &finding.primary),
        related: finding
            .related
            .iter()
            .map(|label| Related {
                location: location(sources, label),
                message: &label.message,
            })
            .collect(),
        hint: finding.hint.as_deref(),
        why: finding.why.as_deref(),
    }
}

fn location(sources: &Sources, label: &Label) -> Location {
    let file = sources.get(label.span.file);
    let start = file.line_col(label.span.start);
    let end = file.line_col(label.span.end);
    Location {
        file: file.display_path(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}
