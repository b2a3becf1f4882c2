//! `promiselint test`: fixtures, the tests of promise files.
//!
//! A fixture is a copy file with `promiselint-expect` comments, each saying
//! which findings the line after it must produce (`expect: RULE…`) or that
//! it must produce none (`expect-none`). A fixture passes when its findings
//! are exactly those: every expected rule has a finding on its line, and
//! every finding in the file is expected.
//!
//! Each fixture is checked on its own, with the rules of `check` and the
//! touchpoints whose globs cover it, as if it were their only copy: what
//! other copy or other fixtures say cannot make it pass or fail, so
//! `inconsistent-claim` compares the figures of the fixture with each other.
//! Only findings in the fixture count; those in promise files are `check`'s.

use crate::copy::scan::{self, Scan, ScannedFile};
use crate::copy::Expectation;
use crate::finding::{codes, Finding, Outcome, Rule};
use crate::load::{CheckError, CheckOptions};
use crate::policy::model::Model;
use crate::policy::{self, Loaded};
use crate::rules;
use crate::source::{FileId, Sources, Span};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// What `promiselint test` found.
#[derive(Debug)]
pub struct TestReport {
    /// The sources every span points into. When input errors stopped the
    /// run, its findings are those errors and nothing was tested.
    pub outcome: Outcome,
    /// How many fixtures were run.
    pub fixtures: usize,
    /// How many expectation comments they hold.
    pub expectations: usize,
    /// Sorted by file and position.
    pub mismatches: Vec<Mismatch>,
}

impl TestReport {
    /// A report of nothing tested yet; all there is when input errors stop
    /// the run before any fixture is found.
    pub(crate) fn new(outcome: Outcome) -> TestReport {
        TestReport {
            outcome,
            fixtures: 0,
            expectations: 0,
            mismatches: Vec::new(),
        }
    }

    /// 0: every expectation is met; 1: a mismatch, or no fixture at all;
    /// 2: input errors.
    ///
    /// A run with no fixture fails: it tests nothing, and passing would hide
    /// fixtures that a changed glob no longer covers.
    pub fn exit_code(&self) -> u8 {
        if self.outcome.has_input_errors() {
            2
        } else if self.fixtures == 0 || !self.mismatches.is_empty() {
            1
        } else {
            0
        }
    }
}

/// A place where a fixture and its expectations disagree.
#[derive(Debug)]
pub struct Mismatch {
    /// The expectation comment, or the finding no expectation accounts for.
    pub span: Span,
    pub kind: MismatchKind,
}

#[derive(Debug)]
pub enum MismatchKind {
    /// The line after the comment has no finding of this expected rule.
    Missing(&'static Rule),
    /// A finding on a line with no expectation, an `expect-none` line, or
    /// one more than its line expects of its rule.
    Unexpected(Finding),
    /// The comment names a rule that does not exist, with a hint.
    UnknownRule { name: String, hint: String },
    /// `promiselint-expect` with no rule.
    NoRule,
    /// `promiselint-expect-none` followed by rules.
    RulesAfterNone,
}

impl fmt::Display for MismatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MismatchKind::Missing(rule) => write!(f, "expected {}, found none", rule.name),
            MismatchKind::Unexpected(finding) => {
                write!(f, "unexpected {}: {}", finding.rule.name, finding.message)
            }
            MismatchKind::UnknownRule { name, hint } => write!(f, "`{name}` is not a rule; {hint}"),
            MismatchKind::NoRule => f.write_str(
                "`promiselint-expect` names no rule: name the findings the next line must \
                 produce, or write `promiselint-expect-none`",
            ),
            MismatchKind::RulesAfterNone => f.write_str(
                "`promiselint-expect-none` takes no rule: write `promiselint-expect: RULE…` \
                 for a line that must produce findings",
            ),
        }
    }
}

/// Runs the fixtures of the touchpoints under `paths`: the copy files whose
/// `promiselint-expect` comments say what each line must produce. With input
/// errors nothing is tested, and the report holds the errors instead.
///
/// ```
/// use promiselint::CheckOptions;
///
/// let report = promiselint::test(&["examples/retail".into()], &CheckOptions::default())?;
/// assert!(report.fixtures > 0);
/// assert!(report.mismatches.is_empty());
/// assert_eq!(report.exit_code(), 0);
/// # Ok::<(), promiselint::CheckError>(())
/// ```
pub fn test(paths: &[PathBuf], options: &CheckOptions) -> Result<TestReport, CheckError> {
    let Loaded {
        mut outcome,
        model,
        workspace,
        ..
    } = policy::load(paths, options)?;
    if outcome.has_input_errors() {
        outcome.sort();
        return Ok(TestReport::new(outcome));
    }
    let scan = scan::scan(&model, &mut outcome.sources, options, &workspace);
    Ok(run(&model, scan.fixtures, outcome))
}

/// Checks every fixture against `model` and compares its findings with its
/// expectations.
pub(crate) fn run(model: &Model, fixtures: Vec<ScannedFile>, outcome: Outcome) -> TestReport {
    let mut report = TestReport::new(outcome);
    report.fixtures = fixtures.len();
    for mut fixture in fixtures {
        let file = fixture.file;
        let expectations = std::mem::take(&mut fixture.expectations);
        report.expectations += expectations.len();
        let alone = Scan {
            files: vec![fixture],
            ..Scan::default()
        };
        let mut findings = Vec::new();
        rules::run(
            model,
            Some(&alone),
            Vec::new(),
            &mut report.outcome.sources,
            &mut findings,
        );
        findings.retain(|finding| finding.primary.span.file == file);
        findings.sort_by_key(|finding| (finding.primary.span.start, finding.rule.code));
        let mut mismatches = compare(file, &expectations, findings, &report.outcome.sources);
        mismatches.sort_by_key(|mismatch| mismatch.span.start);
        report.mismatches.extend(mismatches);
    }
    report
}

/// The rules a line expects, one per finding, and the comment that says so.
struct Expected {
    comment: Span,
    rules: Vec<&'static Rule>,
}

/// The mismatches of one fixture, whose findings are sorted by position.
fn compare(
    file: FileId,
    expectations: &[Expectation],
    findings: Vec<Finding>,
    sources: &Sources,
) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    // By line. A comment that cannot be read is reported, and its line's
    // findings are not judged: a misspelt rule is one mismatch, not two.
    let mut expected: BTreeMap<usize, Option<Expected>> = BTreeMap::new();
    for expectation in expectations {
        let comment = Span::new(file, expectation.span.start, expectation.span.end);
        let read = match rules_of(expectation) {
            Ok(rules) => Some(Expected { comment, rules }),
            Err(kinds) => {
                mismatches.extend(kinds.into_iter().map(|kind| Mismatch {
                    span: comment,
                    kind,
                }));
                None
            }
        };
        expected.insert(expectation.line, read);
    }
    for finding in findings {
        let line = sources.get(file).line_col(finding.primary.span.start).line;
        let accounted_for = match expected.get_mut(&line) {
            Some(None) => continue,
            // Each rule named accounts for one finding.
            Some(Some(expected)) => {
                let index = expected.rules.iter().position(|&r| r == finding.rule);
                index.map(|index| expected.rules.remove(index))
            }
            None => None,
        };
        if accounted_for.is_none() {
            mismatches.push(Mismatch {
                span: finding.primary.span,
                kind: MismatchKind::Unexpected(finding),
            });
        }
    }
    for Expected { comment, rules } in expected.into_values().flatten() {
        mismatches.extend(rules.into_iter().map(|rule| Mismatch {
            span: comment,
            kind: MismatchKind::Missing(rule),
        }));
    }
    mismatches
}

/// The rules an expectation names, or why it cannot be checked.
fn rules_of(expectation: &Expectation) -> Result<Vec<&'static Rule>, Vec<MismatchKind>> {
    match (expectation.none, expectation.rules.is_empty()) {
        (true, false) => return Err(vec![MismatchKind::RulesAfterNone]),
        (false, true) => return Err(vec![MismatchKind::NoRule]),
        _ => {}
    }
    let mut unknown = Vec::new();
    let mut known = Vec::new();
    for name in &expectation.rules {
        match codes::lookup(name) {
            Some(rule) => known.push(rule),
            None => unknown.push(MismatchKind::UnknownRule {
                hint: codes::unknown_rule_hint(name),
                name: name.clone(),
            }),
        }
    }
    if unknown.is_empty() {
        Ok(known)
    } else {
        Err(unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expectation(none: bool, rules: &[&str]) -> Expectation {
        Expectation {
            line: 2,
            rules: rules.iter().map(|&r| r.to_owned()).collect(),
            none,
            span: 0..1,
        }
    }

    #[test]
    fn rules_are_named_by_name_or_code_once_per_finding() {
        let rules = rules_of(&expectation(false, &["broken-promise", "pl103", "PL102"])).unwrap();
        let codes: Vec<_> = rules.iter().map(|rule| rule.code).collect();
        assert_eq!(codes, ["PL102", "PL103", "PL102"]);
        assert!(rules_of(&expectation(true, &[])).unwrap().is_empty());
    }

    #[test]
    fn comments_that_cannot_be_checked_say_why() {
        let why = |none, rules: &[&str]| {
            let kinds = rules_of(&expectation(none, rules)).unwrap_err();
            kinds.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        assert_eq!(
            why(false, &["broken-promse", "PL102", "nothing-like-it"]),
            [
                "`broken-promse` is not a rule; did you mean `broken-promise`?",
                "`nothing-like-it` is not a rule; `promiselint explain` lists the rules",
            ]
        );
        assert!(why(false, &[])[0].contains("names no rule"));
        assert!(why(true, &["PL102"])[0].contains("takes no rule"));
    }
}
