//! The rules: what promiselint finds wrong, one file per rule.
//!
//! Each file holds one rule's documentation, as doc comments on its
//! declaration (what `promiselint explain` prints), and, for a lint, its
//! check. A rule's stable identity, its code and name, lives in
//! [`crate::finding::codes`], because the stages before this one report the
//! input rules (`syntax-error` from the parser, `invalid-policy-file` from
//! the YAML importer, …): their files here hold only their documentation.
//! Every lint reads one [`Context`] and is run by [`run`], in one place.

/// Declares the documentation of the rule whose code is `$ident`: the doc
/// comment above it.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])+ $vis:vis static $doc_ident:ident = $ident:ident;) => {
        $(#[doc = $doc])+
        $vis static $doc_ident: $crate::rules::Documented = $crate::rules::Documented {
            rule: &$crate::finding::codes::$ident,
            doc: concat!($($doc, "\n"),+),
        };
    };
}

pub mod broken_promise;
pub mod duplicate_definition;
pub mod forbidden_phrase;
pub mod inconsistent_claim;
pub mod invalid_config;
pub mod invalid_item;
pub mod invalid_pattern;
pub mod invalid_policy_file;
pub mod invalid_value;
pub mod missing_disclosure;
pub mod skipped_path;
pub mod syntax_error;
pub mod type_mismatch;
pub mod unbacked_promise;
pub mod uncheckable_promise;
pub mod unknown_reference;
pub mod unmatched_exclude;
pub mod unmatched_touchpoint;
pub mod unread_figure;
pub mod unreadable_copy;
pub mod unreadable_file;
pub mod unused_promise;
pub mod unused_suppression;

use crate::copy::scan::Scan;
use crate::finding::{codes, Finding, Rule};
use crate::load::workspace::Skipped;
use crate::policy::model::Model;
use crate::source::Sources;

/// A rule with its documentation: Markdown, a one-line summary, then fixed
/// sections.
#[derive(Debug)]
pub struct Documented {
    pub rule: &'static Rule,
    pub doc: &'static str,
}

impl Documented {
    /// The first line of the documentation.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
    }
}

/// Every rule with its documentation, in code order (that of [`codes::ALL`]).
pub static ALL: &[&Documented] = &[
    &syntax_error::DOC,
    &invalid_value::DOC,
    &unknown_reference::DOC,
    &duplicate_definition::DOC,
    &type_mismatch::DOC,
    &invalid_pattern::DOC,
    &invalid_policy_file::DOC,
    &unreadable_file::DOC,
    &invalid_item::DOC,
    &invalid_config::DOC,
    &unbacked_promise::DOC,
    &broken_promise::DOC,
    &inconsistent_claim::DOC,
    &forbidden_phrase::DOC,
    &missing_disclosure::DOC,
    &unread_figure::DOC,
    &uncheckable_promise::DOC,
    &unmatched_touchpoint::DOC,
    &unused_promise::DOC,
    &unused_suppression::DOC,
    &unreadable_copy::DOC,
    &skipped_path::DOC,
    &unmatched_exclude::DOC,
];

/// Finds a rule's documentation by code (`PL101`, any case) or name.
pub fn lookup(code_or_name: &str) -> Option<&'static Documented> {
    let rule = codes::lookup(code_or_name)?;
    ALL.iter()
        .copied()
        .find(|documented| documented.rule == rule)
}

/// What every lint reads.
pub struct Context<'a> {
    pub model: &'a Model,
    /// The copy; `None` when input errors kept it from being read: with
    /// promises missing, the copy's findings would mislead.
    pub scan: Option<&'a Scan>,
    pub sources: &'a Sources,
    /// The links and folders the walks could not take.
    pub skipped: &'a [skipped_path::Placed],
}

/// A lint: reads the context, adds its findings.
type Check = fn(&Context, &mut Vec<Finding>);

/// The lints that run before suppression comments apply, in order.
static CHECKS: &[Check] = &[
    unbacked_promise::check,
    broken_promise::check,
    inconsistent_claim::check,
    forbidden_phrase::check,
    missing_disclosure::check,
    unread_figure::check,
    unmatched_touchpoint::check,
    unmatched_exclude::check,
    unused_promise::check,
    unreadable_copy::check,
];

/// Runs every lint on `model` and the copy of `scan`, applies suppression
/// comments, then reports the paths the walks `skipped` (no comment can
/// suppress those: their files are not read). Returns the findings the
/// comments dropped.
pub fn run(
    model: &Model,
    scan: Option<&Scan>,
    skipped: Vec<Skipped>,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
) -> Vec<Finding> {
    let skipped = skipped_path::place(skipped, sources);
    let cx = Context {
        model,
        scan,
        sources,
        skipped: &skipped,
    };
    for check in CHECKS {
        check(&cx, findings);
    }
    let suppressed = scan.map_or_else(Vec::new, |scan| unused_suppression::apply(scan, findings));
    skipped_path::check(&cx, findings);
    suppressed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_in_order() {
        let documented: Vec<_> = ALL.iter().map(|d| d.rule.code).collect();
        let codes: Vec<_> = codes::ALL.iter().map(|r| r.code).collect();
        assert_eq!(documented, codes);
        for rule in ALL {
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                assert!(
                    rule.doc.contains(section),
                    "{} lacks {section}",
                    rule.rule.code
                );
            }
        }
    }

    #[test]
    fn lookup_finds_the_documentation() {
        assert_eq!(lookup("pl101").unwrap().rule.name, "unbacked-promise");
        assert!(lookup("nope").is_none());
    }
}
