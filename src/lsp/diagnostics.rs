//! Findings as the protocol's diagnostics.

use super::position::{normal, path_to_uri, range};
use crate::finding::{Finding, Label, Severity};
use crate::source::Sources;
use crate::Outcome;
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The diagnostics of a run, by the file each finding is in.
pub fn by_file(outcome: &Outcome) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut files: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for finding in &outcome.findings {
        let path = outcome.sources.get(finding.primary.span.file).path();
        files
            .entry(normal(path))
            .or_default()
            .push(diagnostic(&outcome.sources, finding));
    }
    files
}

fn diagnostic(sources: &Sources, finding: &Finding) -> Diagnostic {
    let mut message = finding.message.clone();
    if let Some(hint) = &finding.hint {
        message.push_str(&format!("\nhelp: {hint}"));
    }
    if let Some(why) = &finding.why {
        message.push_str(&format!("\nwhy: {why}"));
    }
    let related = finding.related.iter().filter_map(|label| {
        Some(DiagnosticRelatedInformation {
            location: location(sources, label)?,
            message: label.message.clone(),
        })
    });
    Diagnostic {
        range: span_range(sources, &finding.primary),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.code.to_owned())),
        source: Some("promiselint".to_owned()),
        message,
        related_information: Some(related.collect()),
        ..Diagnostic::default()
    }
}

fn span_range(sources: &Sources, label: &Label) -> lsp_types::Range {
    let text = sources.get(label.span.file).text();
    range(text, label.span.start, label.span.end)
}

/// Where a label points, in a file of its own; `None` for a path no URI names.
pub fn location(sources: &Sources, label: &Label) -> Option<Location> {
    let path = normal(sources.get(label.span.file).path());
    Some(Location::new(
        path_to_uri(&path)?,
        span_range(sources, label),
    ))
}
