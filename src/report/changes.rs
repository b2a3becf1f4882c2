//! `--changed-since REV`: only what a pull request changed.
//!
//! A finding is kept when its file changed since the git revision `REV`
//! (committed, staged or not, or new and untracked), or when one of its
//! related places — the policy value, the promise rule — sits on a line that
//! changed: a policy change re-checks all the copy that depends on it, even
//! copy nobody touched, and the finding says which change it follows from.
//! Input errors are always kept.

use crate::finding::RuleKind;
use crate::source::FileId;
use crate::Outcome;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every line of a file: it is new.
const EVERY_LINE: Range<usize> = 1..usize::MAX;

/// The files changed since a revision, by canonical path.
#[derive(Debug)]
pub struct Changes {
    revision: String,
    root: PathBuf,
    files: HashSet<PathBuf>,
}

/// Git could not say what changed.
#[derive(Debug)]
pub struct ChangesError(String);

impl fmt::Display for ChangesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChangesError {}

impl Changes {
    /// Asks git, in the repository that holds `folder`, what changed since
    /// `revision`.
    pub fn since(revision: &str, folder: &Path) -> Result<Changes, ChangesError> {
        let root = git(folder, &["rev-parse", "--show-toplevel"])
            .map_err(|e| ChangesError(format!("--changed-since needs a git repository: {e}")))?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let commit = format!("{revision}^{{commit}}");
        git(&root, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
            ChangesError(format!(
                "--changed-since: `{revision}` is not a revision of this repository"
            ))
        })?;
        let changed = git(
            &root,
            &["diff", "--name-only", "-z", "--no-renames", revision, "--"],
        )
        .map_err(|e| ChangesError(format!("--changed-since: {e}")))?;
        let untracked = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])
            .map_err(|e| ChangesError(format!("--changed-since: {e}")))?;
        let files = changed
            .split('\0')
            .chain(untracked.split('\0'))
            .filter(|name| !name.is_empty())
            .filter_map(|name| root.join(name).canonicalize().ok())
            .collect();
        Ok(Changes {
            revision: revision.to_owned(),
            root,
            files,
        })
    }

    /// Keeps the findings of `outcome` that follow from a change; returns
    /// how many it dropped.
    pub fn apply(&self, outcome: &mut Outcome) -> usize {
        // Each file a finding points into, asked about once.
        let mut changed_file: HashMap<FileId, bool> = HashMap::new();
        for finding in &outcome.findings {
            for label in std::iter::once(&finding.primary).chain(&finding.related) {
                changed_file.entry(label.span.file).or_insert_with(|| {
                    let path = outcome.sources.get(label.span.file).path().canonicalize();
                    path.is_ok_and(|path| self.files.contains(&path))
                });
            }
        }
        // The changed lines of each changed file a related place is in.
        let mut lines: HashMap<FileId, Vec<Range<usize>>> = HashMap::new();
        for label in outcome.findings.iter().flat_map(|f| &f.related) {
            let file = label.span.file;
            if changed_file[&file] && !lines.contains_key(&file) {
                let path = outcome.sources.get(file).path();
                lines.insert(file, self.changed_lines(path));
            }
        }
        let before = outcome.findings.len();
        let sources = &outcome.sources;
        outcome.findings.retain_mut(|finding| {
            let cause = finding.related.iter().find_map(|label| {
                let ranges = lines.get(&label.span.file)?;
                let file = sources.get(label.span.file);
                let line = file.line_col(label.span.start).line;
                ranges.iter().any(|r| r.contains(&line)).then(|| {
                    let text = file.text().lines().nth(line - 1).unwrap_or("").trim();
                    format!("{}:{line} `{text}`", file.display_path())
                })
            });
            if let Some(cause) = &cause {
                finding.message = format!(
                    "{} (follows from a change since {}: {cause})",
                    finding.message, self.revision
                );
            }
            finding.rule.kind == RuleKind::Input
                || changed_file[&finding.primary.span.file]
                || cause.is_some()
        });
        before - outcome.findings.len()
    }

    /// The 1-based line ranges of `path` that differ from the revision: all
    /// of a new file.
    fn changed_lines(&self, path: &Path) -> Vec<Range<usize>> {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let relative = path.strip_prefix(&self.root).unwrap_or(&path);
        let Some(relative) = relative.to_str() else {
            return Vec::from([EVERY_LINE]);
        };
        match git(
            &self.root,
            &[
                "diff",
                "-U0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                &self.revision,
                "--",
                relative,
            ],
        ) {
            Ok(diff) if !diff.is_empty() => hunks(&diff),
            // Untracked: every line is new.
            _ => Vec::from([EVERY_LINE]),
        }
    }
}

/// The new-side line ranges of a unified diff's hunks (`@@ -a,b +c,d @@`).
fn hunks(diff: &str) -> Vec<Range<usize>> {
    diff.lines()
        .filter_map(|line| {
            let new = line
                .strip_prefix("@@ -")?
                .split(' ')
                .nth(1)?
                .strip_prefix('+')?;
            let (start, count) = match new.split_once(',') {
                Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
                None => (new.parse().ok()?, 1),
            };
            // A pure deletion (`+c,0`) changed the line it left behind.
            let start: usize = start;
            let count: usize = count;
            Some(start.max(1)..start.max(1) + count.max(1))
        })
        .collect()
}

/// Runs git in `folder`; its standard output, or what it said went wrong.
fn git(folder: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(said.trim().to_owned());
    }
    String::from_utf8(output.stdout).map_err(|_| "git printed a path that is not UTF-8".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_side_lines() {
        let diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3 +3 @@ policy\n-a\n+b\n\
                    @@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +22,0 @@\n-e\n-f\n";
        assert_eq!(hunks(diff), vec![3..4, 11..13, 22..23]);
    }
}
