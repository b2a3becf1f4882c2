//! Findings: the one currency between the checks and the renderers.
//!
//! Every problem promiselint reports — a syntax error in a promise file, a bad
//! YAML value, a promise the policy does not back — is a [`Finding`]. Checks
//! produce them; renderers only read them, so every output format shows the
//! same facts. [`codes`] names every rule; [`Outcome`] is what one run found.

pub mod codes;
pub mod suggest;

use crate::source::{FileId, Sources, Span};
use rayon::slice::ParallelSliceMut;
use serde::Serialize;
use std::collections::BTreeMap;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// Whether a rule reports a contradiction (a lint) or input that could not be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// A promise the policy does not back, and the like: exit code 1.
    Lint,
    /// A promise or policy file that is wrong in itself: exit code 2, whatever
    /// `--fail-on` says, because nothing after it can be trusted.
    Input,
}

/// A rule's stable identity. Codes and names never change meaning once
/// released; each rule's documentation is in its file under `rules/`.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `PL101`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unbacked-promise`.
    pub name: &'static str,
    pub kind: RuleKind,
    pub default_severity: Severity,
}

/// Rules are statics: two are the same rule when they have the same code.
impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.code == other.code
    }
}

/// A span with what to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// One reported problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is wrong.
    pub primary: Label,
    /// Other places that explain it: the policy value, the promise rule.
    pub related: Vec<Label>,
    /// One line on how to fix it.
    pub hint: Option<String>,
    /// The promise's own `why`, shown with every finding of that promise.
    pub why: Option<String>,
}

impl Finding {
    /// A finding at the rule's default severity, with no related spans yet.
    pub fn new(rule: &'static Rule, primary: Label, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            primary,
            related: Vec::new(),
            hint: None,
            why: None,
        }
    }

    /// A finding with its one-line hint: the usual shape of an input error.
    pub fn hinted(
        rule: &'static Rule,
        span: Span,
        label: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Finding {
        Finding::new(rule, Label::new(span, label), message).with_hint(hint)
    }

    pub fn with_related(mut self, label: Label) -> Finding {
        self.related.push(label);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Finding {
        self.hint = Some(hint.into());
        self
    }
}

/// Everything one run found, with the sources its spans point into.
#[derive(Debug, Default)]
pub struct Outcome {
    pub sources: Sources,
    /// Input errors first, then the rest; each part sorted by file, position
    /// and code, so output never depends on walk order.
    pub findings: Vec<Finding>,
    /// How many promise files were read.
    pub promise_files: usize,
    /// The names of the touchpoints that cover each copy file, for
    /// `--statistics`. Promise and policy files are not in it.
    pub touchpoints: BTreeMap<FileId, Vec<String>>,
}

impl Outcome {
    /// True when some input could not be checked (exit code 2).
    pub fn has_input_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule.kind == RuleKind::Input)
    }

    /// 0: nothing at or above `fail_on`; 1: findings; 2: input errors.
    pub fn exit_code(&self, fail_on: Severity) -> u8 {
        if self.has_input_errors() {
            2
        } else if self.findings.iter().any(|f| f.severity >= fail_on) {
            1
        } else {
            0
        }
    }

    /// Sorts findings: input errors first, since nothing after them can be
    /// trusted and they are what to fix first (a long list of findings must
    /// not bury them); then by file, position and code, so output never
    /// depends on walk order. Findings of one rule in one file keep their
    /// order from the top, which fingerprints count occurrences by; and a
    /// file never holds both kinds, since copy is not read when there are
    /// input errors, so each file's findings stay together.
    pub fn sort(&mut self) {
        let sources = &self.sources;
        let key = |f: &Finding| {
            let span = f.primary.span;
            let input_first = f.rule.kind != RuleKind::Input;
            (
                input_first,
                sources.get(span.file).path(),
                span.start,
                f.rule.code,
            )
        };
        self.findings.par_sort_by(|a, b| key(a).cmp(&key(b)));
    }

    /// Counts findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}
