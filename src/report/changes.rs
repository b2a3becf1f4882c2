//! `--changed-since REV`: only what a pull request changed.
//!
//! What changed is what git says changed since the revision `REV`,
//! committed, staged or not: the new-side lines of the hunks of
//! `git diff -U0 REV` in each file, and every line of a file git does not
//! track yet. A file renamed since `REV` (as git sees it: `git mv`, or the
//! new name staged) changed only where its lines did, unless the rename
//! changed which touchpoints cover it (`drafts/offer.txt` moved to
//! `site/`): then, as when a `promiselint-…` comment line was deleted (a
//! fixture marker, a suppression), copy that was not checked now is, and
//! every line of it counts as changed. A deleted file has no findings left
//! to report. Git reads every file as text here, whatever a pull request's
//! `.gitattributes` says (`*.md -diff` would leave no hunks). A finding is
//! kept when
//!
//! - its words stand on a changed line (from their first line to their last),
//!   or it is about a whole file (`missing-disclosure`, `unreadable-copy`)
//!   and that file changed at all;
//! - a place it points at — a policy value, a requirement, another place in
//!   the copy — stands on a changed line: a policy change re-checks all the
//!   copy that depends on it, even copy nobody touched;
//! - it points into a promise with a changed line (its `says`, its
//!   `unless`, its title as well as its `requires`), or its file is copy of
//!   a touchpoint with a changed line (its `files`, `forbid`, `require`…).
//!
//! A finding kept for a change elsewhere says which change it follows from.
//! Input errors are always kept.

use crate::copy::scan::Coverage;
use crate::finding::codes::{MISSING_DISCLOSURE, UNREADABLE_COPY};
use crate::finding::{Finding, Label, Rule, RuleKind};
use crate::load::is_promise_file;
use crate::policy::parse::parse_file;
use crate::policy::syntax::Item;
use crate::source::{FileId, Sources, Span};
use crate::Outcome;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every line of a file: it is new.
const EVERY_LINE: Range<usize> = 1..usize::MAX;

/// Rules whose findings are about a file as a whole, not the line they point at.
const WHOLE_FILE: &[&Rule] = &[&MISSING_DISCLOSURE, &UNREADABLE_COPY];

/// The files changed since a revision, by canonical path.
#[derive(Debug)]
pub struct Changes {
    revision: String,
    root: PathBuf,
    files: HashMap<PathBuf, Changed>,
}

/// How a file changed since the revision.
#[derive(Debug)]
enum Changed {
    /// Git does not track it: every line is new.
    New,
    /// Its changed lines are in its diff. `from` is the path it had at the
    /// revision when it was renamed since; paths are from the repository's root.
    Edited { path: String, from: Option<String> },
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
        // Only a commit passes, so `revision` cannot be taken for an option below.
        let commit = format!("{revision}^{{commit}}");
        git(&root, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
            ChangesError(format!(
                "--changed-since: `{revision}` is not a revision of this repository"
            ))
        })?;
        let failed = |e: String| ChangesError(format!("--changed-since: {e}"));
        let status = git(
            &root,
            &["diff", "--name-status", "-z", "-M", revision, "--"],
        )
        .map_err(failed)?;
        let untracked =
            git(&root, &["ls-files", "--others", "--exclude-standard", "-z"]).map_err(failed)?;
        let mut files = HashMap::new();
        let mut add = |path: &str, changed: Changed| {
            if let Ok(path) = root.join(path).canonicalize() {
                files.insert(path, changed);
            }
        };
        let mut fields = status.split('\0').filter(|field| !field.is_empty());
        while let (Some(kind), Some(path)) = (fields.next(), fields.next()) {
            // A rename or a copy names the path it came from, then its own.
            let (path, from) = match kind.chars().next() {
                Some('R' | 'C') => match fields.next() {
                    Some(to) => (to, Some(path.to_owned())),
                    None => break,
                },
                _ => (path, None),
            };
            let edited = Changed::Edited {
                path: path.to_owned(),
                from,
            };
            add(path, edited);
        }
        for path in untracked.split('\0').filter(|name| !name.is_empty()) {
            add(path, Changed::New);
        }
        Ok(Changes {
            revision: revision.to_owned(),
            root,
            files,
        })
    }

    /// Keeps the findings of `outcome` that follow from a change; returns
    /// how many it dropped. `coverage` says which touchpoints covered a
    /// renamed file's old path.
    pub fn apply(&self, outcome: &mut Outcome, coverage: &Coverage) -> usize {
        let mut texts = ChangedTexts::new(self, coverage);
        // Every promise file, for the promises and touchpoints changed in
        // it; and every other file a finding points into.
        let promise_files = outcome
            .sources
            .iter()
            .filter(|(_, file)| is_promise_file(file.path()));
        let pointed_at = outcome
            .findings
            .iter()
            .flat_map(labels)
            .map(|label| label.span.file);
        for file in promise_files.map(|(id, _)| id).chain(pointed_at) {
            texts.read(&outcome.sources, file);
        }
        let before = outcome.findings.len();
        let sources = &outcome.sources;
        let covered = &outcome.touchpoints;
        outcome.findings.retain_mut(|finding| {
            if finding.rule.kind == RuleKind::Input || texts.touches(finding) {
                return true;
            }
            let in_changed_touchpoint = covered
                .get(&finding.primary.span.file)
                .into_iter()
                .flatten()
                .find_map(|name| texts.touchpoints.get(name));
            let cause = labels(finding)
                .find_map(|label| texts.cause(label.span))
                .or_else(|| in_changed_touchpoint.cloned());
            let Some((file, line)) = cause else {
                return false;
            };
            let text = texts.line(file, line);
            finding.message = format!(
                "{} (follows from a change since {}: {}:{line} `{text}`)",
                finding.message,
                self.revision,
                sources.get(file).display_path()
            );
            true
        });
        before - outcome.findings.len()
    }

    /// The 1-based line ranges of a changed file that differ from the
    /// revision: none for a file only renamed, or whose mode alone changed;
    /// every line of a file that became copy, by a rename or by a deleted
    /// `promiselint-…` comment.
    fn changed_lines(&self, changed: &Changed, coverage: &Coverage) -> Vec<Range<usize>> {
        let Changed::Edited { path, from } = changed else {
            return Vec::from([EVERY_LINE]);
        };
        if let Some(from) = from {
            let covering = |path: &str| coverage.covering(&self.root.join(path));
            if covering(from) != covering(path) {
                return Vec::from([EVERY_LINE]);
            }
        }
        let mut args = vec![
            "--literal-pathspecs",
            "diff",
            "-U0",
            "--text",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
        ];
        args.push(if from.is_some() { "-M" } else { "--no-renames" });
        args.extend([self.revision.as_str(), "--"]);
        args.extend(from.iter().map(String::as_str));
        args.push(path);
        // Where git cannot say, every line counts: better shown than hidden.
        match git(&self.root, &args) {
            Ok(diff) if !deletes_a_directive(&diff) => hunks(&diff),
            _ => Vec::from([EVERY_LINE]),
        }
    }
}

/// Where a finding points, and the places it points at besides.
fn labels(finding: &Finding) -> impl Iterator<Item = &Label> {
    std::iter::once(&finding.primary).chain(&finding.related)
}

/// The changed parts of the files findings point into, each read once.
struct ChangedTexts<'a> {
    changes: &'a Changes,
    coverage: &'a Coverage,
    files: HashMap<FileId, Option<ChangedText>>,
    /// Changed promises: file, their bytes, and their first changed line.
    promises: Vec<(FileId, Range<usize>, usize)>,
    /// Changed touchpoints, by name: the file and first changed line.
    touchpoints: HashMap<String, (FileId, usize)>,
}

/// A changed file: its text (as the run read it) and its changed bytes.
struct ChangedText {
    text: std::sync::Arc<str>,
    /// Byte ranges of the changed lines, each from the start of its first
    /// line to the start of the line after its last.
    changed: Vec<Range<usize>>,
}

impl<'a> ChangedTexts<'a> {
    fn new(changes: &'a Changes, coverage: &'a Coverage) -> ChangedTexts<'a> {
        ChangedTexts {
            changes,
            coverage,
            files: HashMap::new(),
            promises: Vec::new(),
            touchpoints: HashMap::new(),
        }
    }

    /// Asks git how `file` changed, once; a promise file's changed promises
    /// and touchpoints are noted too.
    fn read(&mut self, sources: &Sources, file: FileId) {
        if self.files.contains_key(&file) {
            return;
        }
        let source = sources.get(file);
        let changed = source
            .path()
            .canonicalize()
            .ok()
            .and_then(|path| self.changes.files.get(&path))
            .map(|changed| {
                let text = source.text().clone();
                let lines = self.changes.changed_lines(changed, self.coverage);
                let changed = byte_ranges(&text, &lines);
                ChangedText { text, changed }
            })
            .filter(|changed| !changed.changed.is_empty());
        if let Some(changed) = &changed {
            if is_promise_file(source.path()) {
                self.note_items(file, changed);
            }
        }
        self.files.insert(file, changed);
    }

    /// Notes the promises and touchpoints of a promise file that have a
    /// changed line. Each item runs from its keyword's line to the next
    /// item's; a file that does not parse is an input error, reported anyway.
    fn note_items(&mut self, file: FileId, changed: &ChangedText) {
        let Ok(parsed) = parse_file(file, &changed.text) else {
            return;
        };
        let text = &changed.text;
        let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
        let starts: Vec<usize> = parsed
            .items
            .iter()
            .map(|item| match item {
                Item::Policy(policy) => policy.keyword.start,
                Item::Promise(promise) => promise.keyword.start,
                Item::Touchpoint(touchpoint) => touchpoint.keyword.start,
            })
            .map(line_start)
            .chain([text.len()])
            .collect();
        for (item, extent) in parsed.items.iter().zip(starts.windows(2)) {
            let extent = extent[0]..extent[1];
            let Some(first) = changed.first_changed_in(&extent) else {
                continue;
            };
            let line = line_of(text, first);
            match item {
                Item::Promise(_) => self.promises.push((file, extent, line)),
                Item::Touchpoint(touchpoint) => {
                    self.touchpoints
                        .insert(touchpoint.name.name.clone(), (file, line));
                }
                Item::Policy(_) => {}
            }
        }
    }

    /// Whether the finding's own words stand on a changed line, or it is
    /// about a whole file that changed.
    fn touches(&self, finding: &Finding) -> bool {
        let span = finding.primary.span;
        let Some(Some(changed)) = self.files.get(&span.file) else {
            return false;
        };
        WHOLE_FILE.contains(&finding.rule) || changed.overlaps(span)
    }

    /// The change a place follows from, as (file, line): its own line
    /// changed, or the promise it stands in did.
    fn cause(&self, span: Span) -> Option<(FileId, usize)> {
        let promise = self
            .promises
            .iter()
            .find(|(file, extent, _)| *file == span.file && extent.contains(&span.start));
        if let Some(&(file, _, line)) = promise {
            return Some((file, line));
        }
        let changed = self.files.get(&span.file)?.as_ref()?;
        changed
            .overlaps(span)
            .then(|| (span.file, line_of(&changed.text, span.start)))
    }

    /// Line `line` of a changed file, trimmed.
    fn line(&self, file: FileId, line: usize) -> &str {
        let text = self.files.get(&file).and_then(Option::as_ref);
        let text = text.map_or("", |changed| &changed.text);
        text.split('\n').nth(line - 1).unwrap_or("").trim()
    }
}

impl ChangedText {
    /// Whether `span` (an empty one as the character it stands before) is
    /// on a changed line.
    fn overlaps(&self, span: Span) -> bool {
        let end = span.end.max(span.start + 1);
        self.changed
            .iter()
            .any(|range| span.start < range.end && range.start < end)
    }

    /// Where the first change inside `extent` starts.
    fn first_changed_in(&self, extent: &Range<usize>) -> Option<usize> {
        self.changed
            .iter()
            .find(|range| range.start < extent.end && extent.start < range.end)
            .map(|range| range.start.max(extent.start))
    }
}

/// The 1-based line of byte `at`, lines ended by `\n` as git counts them.
fn line_of(text: &str, at: usize) -> usize {
    let at = crate::source::floor_char_boundary(text, at);
    memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1
}

/// The bytes of `text` that the 1-based line ranges `lines` cover, lines
/// ended by `\n` as git counts them (a `\r` before it is part of the line).
fn byte_ranges(text: &str, lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
        .collect();
    let start_of = |line: usize| {
        starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len())
    };
    lines
        .iter()
        .map(|lines| start_of(lines.start)..start_of(lines.end))
        .filter(|range| !range.is_empty())
        .collect()
}

/// Whether a diff deletes a line holding a `promiselint-…` comment: a
/// fixture marker or a suppression whose going makes lines nobody touched
/// copy that is checked.
fn deletes_a_directive(diff: &str) -> bool {
    diff.lines().any(|line| {
        line.strip_prefix('-')
            .is_some_and(|deleted| !deleted.starts_with("--") && deleted.contains("promiselint-"))
    })
}

/// The new-side line ranges of a unified diff's hunks (`@@ -a,b +c,d @@`).
/// A pure deletion (`+c,0`) changed the lines either side of where it was:
/// what they say now reads on from one to the other.
fn hunks(diff: &str) -> Vec<Range<usize>> {
    diff.lines()
        .filter_map(|line| {
            let new = line
                .strip_prefix("@@ -")?
                .split(' ')
                .nth(1)?
                .strip_prefix('+')?;
            let (start, count): (usize, usize) = match new.split_once(',') {
                Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
                None => (new.parse().ok()?, 1),
            };
            Some(match count {
                0 => start.max(1)..start + 2,
                _ => start..start + count,
            })
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
                    @@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +22,0 @@\n-e\n-f\n@@ -1 +0,0 @@\n-g\n";
        assert_eq!(hunks(diff), vec![3..4, 11..13, 22..24, 1..2]);
    }

    #[test]
    fn lines_are_counted_as_git_counts_them() {
        let text = "one\r\ntwo\rstill two\nthree";
        // Past the end is nothing; every line of a new file is all of it.
        assert_eq!(
            byte_ranges(text, &[2..3, 9..10, EVERY_LINE]),
            [5..19, 0..24]
        );
        assert_eq!(byte_ranges(text, &[1..2, 3..usize::MAX]), [0..5, 19..24]);
        assert_eq!(line_of(text, 12), 2);
        assert_eq!(line_of(text, 19), 3);
    }
}
