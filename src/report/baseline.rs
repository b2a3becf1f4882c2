//! Baselines: today's findings recorded, so that a team adopting promiselint
//! on old copy fails the build only on what is new.
//!
//! `--write-baseline FILE` records every lint finding by its
//! [fingerprint](crate::report::fingerprint), with its rule, file, line and message
//! for people reading the file. `--baseline FILE` drops the findings the
//! file records; what it records and no longer finds is fixed, and reported
//! as stale so that the baseline only ever shrinks (a ratchet). Input errors
//! are never recorded: nothing after one can be trusted.
//!
//! ```json
//! {
//!   "version": 1,
//!   "fingerprint_version": 1,
//!   "findings": [
//!     { "fingerprint": "9f0c…", "rule": "broken-promise", "file": "site/index.md",
//!       "line": 3, "message": "…" }
//!   ]
//! }
//! ```

use crate::finding::{Finding, RuleKind};
use crate::load::workspace::Workspace;
use crate::load::{atomic, read};
use crate::report::fingerprint::{fingerprints, FINGERPRINT_VERSION};
use crate::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Bumped when a field is renamed or removed.
const BASELINE_FORMAT_VERSION: u32 = 1;

/// A baseline file's contents.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    version: u32,
    fingerprint_version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding. Only the fingerprint matches; the rest is for
/// people reading the file and for reporting it once it is stale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub struct Applied {
    /// How many findings the baseline holds back.
    pub known: usize,
    /// Recorded findings that were not found: fixed since.
    pub stale: Vec<Entry>,
}

/// A baseline file that cannot be read or written.
#[derive(Debug)]
pub struct BaselineError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// Today's lint findings of `outcome`.
    pub fn record(outcome: &Outcome) -> Baseline {
        let prints = fingerprints(&outcome.findings, &outcome.sources);
        let findings = outcome
            .findings
            .iter()
            .zip(prints)
            .filter(|(finding, _)| finding.rule.kind == RuleKind::Lint)
            .map(|(finding, fingerprint)| entry(outcome, finding, fingerprint))
            .collect();
        Baseline {
            version: BASELINE_FORMAT_VERSION,
            fingerprint_version: FINGERPRINT_VERSION,
            findings,
        }
    }

    /// How many findings it records.
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Whether it records no finding.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// Reads a baseline file, refusing one of another version.
    ///
    /// The file is committed, so a pull request may make it a link to
    /// `/dev/zero` or to a JSON file outside whose values an error would
    /// show: it is read as a file named on the command line is, a regular
    /// file of at most `limit` bytes that no link takes out of the folder
    /// it is named in.
    pub fn read(path: &Path, limit: u64) -> Result<Baseline, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let folder = Workspace::new(std::slice::from_ref(&path.to_path_buf()), None);
        if path.exists() {
            folder
                .named(path)
                .map_err(|skipped| error(skipped.reason))?;
        }
        let bytes = read::read_regular(path, limit).map_err(|e| error(e.to_string()))?;
        let baseline: Baseline = serde_json::from_slice(&bytes).map_err(|e| {
            error(format!(
                "{}:{}: not a promiselint baseline: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if baseline.version != BASELINE_FORMAT_VERSION
            || baseline.fingerprint_version != FINGERPRINT_VERSION
        {
            return Err(error(format!(
                "was written by another promiselint (baseline version {}, fingerprints version \
                 {}; this one writes {BASELINE_FORMAT_VERSION} and {FINGERPRINT_VERSION}): \
                 write it again with --write-baseline",
                baseline.version, baseline.fingerprint_version
            )));
        }
        Ok(baseline)
    }

    /// Writes the baseline to `path` whole or not at all: to a temporary
    /// file in the same folder, then renamed over it.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut json = serde_json::to_string_pretty(self).expect("a baseline serializes");
        json.push('\n');
        atomic::write(path, json.as_bytes(), atomic::Written::Output).map_err(|e| BaselineError {
            path: path.to_path_buf(),
            message: format!("cannot be written: {e}"),
        })
    }

    /// Drops from `outcome` the findings this baseline records, and tells
    /// which records were not found.
    pub fn apply(&self, outcome: &mut Outcome) -> Applied {
        let prints = fingerprints(&outcome.findings, &outcome.sources);
        let mut recorded: HashMap<&str, &Entry> = self
            .findings
            .iter()
            .map(|entry| (entry.fingerprint.as_str(), entry))
            .collect();
        let mut known = 0;
        let mut prints = prints.iter();
        outcome.findings.retain(|finding| {
            let print = prints.next().expect("one fingerprint per finding");
            let recorded =
                finding.rule.kind == RuleKind::Lint && recorded.remove(print.as_str()).is_some();
            known += usize::from(recorded);
            !recorded
        });
        let mut stale: Vec<Entry> = recorded.into_values().cloned().collect();
        stale.sort_by(|a, b| (&a.file, a.line, &a.rule).cmp(&(&b.file, b.line, &b.rule)));
        Applied { known, stale }
    }
}

fn entry(outcome: &Outcome, finding: &Finding, fingerprint: String) -> Entry {
    let file = outcome.sources.get(finding.primary.span.file);
    Entry {
        fingerprint,
        rule: finding.rule.name.to_owned(),
        file: file.display_path(),
        line: file.line_col(finding.primary.span.start).line,
        message: finding.message.clone(),
    }
}
