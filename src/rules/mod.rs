//! The rule registry: every code promiselint can report, with its documentation.
//!
//! Each rule lives in its own file with its documentation as doc comments on
//! its declaration; that text is what `promiselint explain` prints. Codes are
//! stable: `PL0xx` are errors in the input files (exit code 2), `PL1xx` are
//! promises the policy does not keep, `PL2xx` are hygiene.

/// Declares a [`Rule`](crate::finding::Rule) whose documentation is the doc comment above it.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])+ $vis:vis static $ident:ident = ($code:literal, $name:literal, $kind:ident, $severity:ident);) => {
        $(#[doc = $doc])+
        $vis static $ident: $crate::finding::Rule = $crate::finding::Rule {
            code: $code,
            name: $name,
            kind: $crate::finding::RuleKind::$kind,
            default_severity: $crate::finding::Severity::$severity,
            doc: concat!($($doc, "\n"),+),
        };
    };
}

pub mod broken_promise;
pub mod forbidden_phrase;
pub mod inconsistent_claim;
pub mod input;
pub mod missing_disclosure;
pub mod skipped_path;
pub mod unbacked_promise;
pub mod unmatched_touchpoint;
pub mod unreadable_copy;
pub mod unused_promise;
pub mod unused_suppression;

use crate::finding::{Finding, Rule};
use crate::model::Model;
use crate::scan::Scan;
use crate::source::Sources;
use crate::suggest::did_you_mean_or;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &input::SYNTAX_ERROR,
    &input::INVALID_VALUE,
    &input::UNKNOWN_REFERENCE,
    &input::DUPLICATE_DEFINITION,
    &input::TYPE_MISMATCH,
    &input::INVALID_PATTERN,
    &input::INVALID_POLICY_FILE,
    &input::UNREADABLE_FILE,
    &input::INVALID_ITEM,
    &input::INVALID_CONFIG,
    &unbacked_promise::UNBACKED_PROMISE,
    &broken_promise::BROKEN_PROMISE,
    &inconsistent_claim::INCONSISTENT_CLAIM,
    &forbidden_phrase::FORBIDDEN_PHRASE,
    &missing_disclosure::MISSING_DISCLOSURE,
    &unmatched_touchpoint::UNMATCHED_TOUCHPOINT,
    &unused_promise::UNUSED_PROMISE,
    &unused_suppression::UNUSED_SUPPRESSION,
    &unreadable_copy::UNREADABLE_COPY,
    &skipped_path::SKIPPED_PATH,
];

/// Runs every rule that reads the copy, then applies suppression comments;
/// returns the findings they dropped.
pub fn check_copy(
    model: &Model,
    scan: &Scan,
    sources: &Sources,
    findings: &mut Vec<Finding>,
) -> Vec<Finding> {
    broken_promise::check(model, scan, findings);
    inconsistent_claim::check(model, scan, sources, findings);
    forbidden_phrase::check(model, scan, findings);
    missing_disclosure::check(model, scan, sources, findings);
    unmatched_touchpoint::check(model, scan, findings);
    unused_promise::check(model, scan, findings);
    unreadable_copy::check(scan, sources, findings);
    unused_suppression::apply(scan, findings)
}

/// Finds a rule by code (`PL101`, any case) or name (`unbacked-promise`).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

/// What to tell someone who named a rule that does not exist: the closest
/// name, or where the names are listed.
pub(crate) fn unknown_rule_hint(name: &str) -> String {
    did_you_mean_or(
        name,
        ALL.iter().map(|r| r.name),
        str::to_owned,
        "`promiselint explain` lists the rules",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(seen.insert(rule.name), "duplicate name {}", rule.name);
            assert!(rule
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                assert!(rule.doc.contains(section), "{} lacks {section}", rule.code);
            }
        }
        let mut sorted: Vec<_> = ALL.iter().map(|r| r.code).collect();
        sorted.sort();
        assert_eq!(sorted, ALL.iter().map(|r| r.code).collect::<Vec<_>>());
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("pl101").unwrap().name, "unbacked-promise");
        assert_eq!(lookup("syntax-error").unwrap().code, "PL001");
        assert!(lookup("nope").is_none());
    }
}
