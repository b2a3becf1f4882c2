//! `unused-suppression`, and applying suppression comments.

use crate::finding::codes::UNUSED_SUPPRESSION;
declare_rule! {
    /// A suppression comment disables nothing.
    ///
    /// ## What it does
    /// A comment `<!-- promiselint-disable-next-line RULE… -->` (Markdown,
    /// HTML) or `# promiselint-disable-next-line RULE…` (YAML, text) drops the
    /// findings of the named rules (by name or code; all rules if none is
    /// named) on the line after it; `promiselint-disable RULE…` drops them on
    /// every line up to the next `promiselint-enable` (or the end of the
    /// file). A comment that dropped nothing, names a rule that does not
    /// exist, or is an `enable` with no region open above it, is reported.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next problem on its lines before anyone
    /// sees it.
    ///
    /// ## Example
    /// ```text
    /// <!-- promiselint-disable-next-line broken-promise -->
    /// Free gift wrapping on every order.
    /// ```
    ///
    /// ## How to fix
    /// Delete the comment, or fix the rule name.
    pub static DOC = UNUSED_SUPPRESSION;
}

use crate::copy::scan::Scan;
use crate::copy::{Suppression, SuppressionKind};
use crate::finding::Finding;
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// Drops the findings a suppression covers, then reports the suppressions
/// that covered none; returns the findings dropped.
pub fn apply(scan: &Scan, findings: &mut Vec<Finding>) -> Vec<Finding> {
    if scan.files.iter().all(|file| file.suppressions.is_empty()) {
        return Vec::new();
    }
    // The line of every place a copy finding can start at.
    let mut line_of: HashMap<Span, (usize, usize)> = HashMap::new();
    let mut index_of: HashMap<FileId, usize> = HashMap::new();
    for (index, file) in scan.files.iter().enumerate() {
        index_of.insert(file.file, index);
        let places = file.said.iter().map(|s| (s.span, s.line));
        let places = places.chain(file.unread.iter().map(|u| (u.span, u.line)));
        for (span, line) in places.chain(file.forbidden.iter().map(|f| (f.span, f.line))) {
            line_of.insert(span, (index, line));
        }
    }
    let mut used: Vec<Vec<bool>> = scan
        .files
        .iter()
        .map(|f| vec![false; f.suppressions.len()])
        .collect();
    let (kept, dropped): (Vec<Finding>, Vec<Finding>) =
        std::mem::take(findings).into_iter().partition(|finding| {
            let Some(&(file, line)) = line_of.get(&finding.primary.span) else {
                return true;
            };
            let rule = finding.rule;
            let covering = scan.files[file]
                .suppressions
                .iter()
                .position(|(suppression, _)| suppression.covers(rule.name, rule.code, line));
            if let Some(index) = covering {
                used[file][index] = true;
            }
            covering.is_none()
        });
    *findings = kept;
    for (file, used) in scan.files.iter().zip(used) {
        for ((suppression, span), used) in file.suppressions.iter().zip(used) {
            if used {
                continue;
            }
            let unknown = suppression
                .rules
                .iter()
                .find(|rule| super::lookup(rule).is_none());
            let (message, hint) = match unknown {
                Some(rule) => (
                    format!("`{rule}` is not a rule"),
                    crate::finding::codes::unknown_rule_hint(rule),
                ),
                None => unused(suppression),
            };
            findings.push(Finding::hinted(
                &UNUSED_SUPPRESSION,
                *span,
                "unused",
                message,
                hint,
            ));
        }
    }
    dropped
}

/// What an unused suppression of a known rule is told, and the hint.
fn unused(suppression: &Suppression) -> (String, String) {
    let delete = "delete it".to_owned();
    match suppression.kind {
        SuppressionKind::NextLine => (
            "this suppression disables nothing on the next line".to_owned(),
            delete,
        ),
        SuppressionKind::Region { ended: true } => (
            "this suppression disables nothing up to its `promiselint-enable`".to_owned(),
            "delete it and its `promiselint-enable`".to_owned(),
        ),
        SuppressionKind::Region { ended: false } => (
            "this suppression disables nothing up to the end of the file".to_owned(),
            delete,
        ),
        SuppressionKind::Enable => (
            "this `promiselint-enable` ends no `promiselint-disable` region above it".to_owned(),
            "delete it, or name the rules of the region it should end".to_owned(),
        ),
    }
}
