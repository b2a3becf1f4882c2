//! The audit: every promise, on every touchpoint, kept or broken.
//!
//! `promiselint audit` is for the people who own the copy rather than the
//! build: instead of diagnostics, a map of which promises are made where,
//! and whether the policy backs each. It decides nothing of its own: the
//! state of every place is read off the findings of the rules
//! (`broken-promise`, `inconsistent-claim`, `unbacked-promise`,
//! `forbidden-phrase`), so the audit and `check` cannot disagree; those
//! `check` does not report (a suppression comment, a rule turned off in
//! `[rules]`) included. Such a place keeps its real state and is flagged:
//! an audit shows what customers read, accepted or not.
//!
//! The renderers (`render::audit`) only read an [`Audit`].

use crate::copy::scan::{Said, Scan};
use crate::copy::{self, CopyKind, BLOCK_BREAK};
use crate::finding::codes;
use crate::finding::{Finding, Rule};
use crate::policy::model::{Model, Promise};
use crate::rules::inconsistent_claim;
use crate::source::{display_path, SourceFile, Sources, Span};
use crate::Analysis;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How many characters of copy a snippet shows on each side of the phrase.
const SNIPPET_CONTEXT: usize = 60;

/// What an audit found: the promises, the touchpoints and where they meet.
#[derive(Debug)]
pub struct Audit {
    /// The paths the run was given.
    pub inputs: Vec<String>,
    /// How many promise files were read.
    pub promise_files: usize,
    /// How many copy files the touchpoints cover (fixtures are not copy).
    pub copy_files: usize,
    pub promises: Vec<PromiseAudit>,
    pub touchpoints: Vec<TouchpointAudit>,
    /// Places that give one promise different figures, one entry for each
    /// set `inconsistent-claim` compares (a promise has one per scope).
    pub inconsistencies: Vec<Inconsistency>,
}

/// The state of a place, a cell or a promise; ordered from best to worst,
/// so that a cell or a row takes the worst of its places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The promise is not made here.
    NotMade,
    /// Made, and the policy backs it.
    Kept,
    /// Made within policy, but with a figure other places contradict.
    Inconsistent,
    /// Made, and the policy does not back it.
    Broken,
}

impl State {
    /// The state in words, for people.
    pub fn as_str(self) -> &'static str {
        match self {
            State::NotMade => "not made",
            State::Kept => "kept",
            State::Inconsistent => "inconsistent",
            State::Broken => "broken",
        }
    }
}

/// One promise and every place the copy makes it.
#[derive(Debug)]
pub struct PromiseAudit {
    pub title: String,
    /// Its `says` phrases, as written.
    pub says: Vec<String>,
    pub requires: Vec<RequirementAudit>,
    pub why: Option<String>,
    /// Every place it is made, in file order: never those taken back (under
    /// negation, or qualified by one of its `unless` phrases).
    pub places: Vec<Place>,
    /// One per touchpoint, in the order of [`Audit::touchpoints`].
    pub cells: Vec<Cell>,
}

impl PromiseAudit {
    /// The worst state of its places; `NotMade` when it is made nowhere.
    pub fn state(&self) -> State {
        worst(self.places.iter().map(|place| place.state))
    }

    /// Whether the policy fails one of its requirements whatever the copy
    /// says: an `unbacked-promise` finding, made or not.
    pub fn unbacked(&self) -> bool {
        self.requires.iter().any(|r| r.backing == Backing::Fails)
    }
}

/// One `requires` of a promise, with the policy values it reads today.
#[derive(Debug)]
pub struct RequirementAudit {
    /// The condition as the promise file writes it.
    pub condition: String,
    /// Each policy value it reads: path and value.
    pub policy: Vec<(String, String)>,
    pub backing: Backing,
}

/// Whether the policy meets a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backing {
    Holds,
    /// An `unbacked-promise` finding says so.
    Fails,
    /// The requirement reads figures from the copy (`{n}-day returns`):
    /// each place is checked with its own.
    PerFigure,
}

/// A place in the copy that makes a promise (or says a forbidden phrase).
#[derive(Debug)]
pub struct Place {
    pub file: String,
    /// 1-based; the column counts characters.
    pub line: usize,
    pub column: usize,
    /// The touchpoints covering the file, as indexes into [`Audit::touchpoints`].
    pub touchpoints: Vec<usize>,
    /// The words as a reader sees them.
    pub text: String,
    pub snippet: Snippet,
    pub state: State,
    /// `check` does not report its finding: a suppression comment, or its
    /// rule turned off in `[rules]`.
    pub suppressed: bool,
    /// Why it is broken or inconsistent: its finding's message.
    pub detail: Option<String>,
}

/// A place quoted as a reader sees it (markup left out, references decoded,
/// white space collapsed): what stands before it in its paragraph, the
/// place itself, and what follows.
#[derive(Debug, Serialize)]
pub struct Snippet {
    pub before: String,
    pub marked: String,
    pub after: String,
}

/// How often a promise is made on a touchpoint, and the worst state there.
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    pub places: usize,
    pub state: State,
}

/// One touchpoint: its copy files, and the forbidden phrases said there.
#[derive(Debug)]
pub struct TouchpointAudit {
    pub name: String,
    pub title: Option<String>,
    pub files: Vec<String>,
    /// Forbidden phrases said in its files; their state is `Broken`.
    pub forbidden: Vec<Place>,
}

/// Places of a promise that `inconsistent-claim` holds against each other
/// and that state different figures: every one of them, whichever rule
/// reports it.
#[derive(Debug)]
pub struct Inconsistency {
    /// Index into [`Audit::promises`].
    pub promise: usize,
    /// The places grouped by the figure they state, most common first.
    pub figures: Vec<FigureGroup>,
}

#[derive(Debug)]
pub struct FigureGroup {
    /// The promise with this group's figures: "30-day returns", "free
    /// shipping over $50".
    pub figure: String,
    /// Indexes into the promise's [`PromiseAudit::places`].
    pub places: Vec<usize>,
}

/// The counts of the summary line.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub promises: usize,
    /// Promises the policy does not back (`unbacked-promise`).
    pub unbacked: usize,
    pub touchpoints: usize,
    /// Places promises are made, each counted once.
    pub places: usize,
    pub kept: usize,
    pub inconsistent: usize,
    pub broken: usize,
    /// Forbidden phrases said, each counted once per touchpoint forbidding it.
    pub forbidden: usize,
    /// Promises the copy gives different figures, each counted once.
    pub different_figures: usize,
    /// Places (promises or forbidden phrases) whose finding is suppressed.
    pub suppressed: usize,
}

impl Audit {
    /// The audit of an analysis made with `inputs`; `None` when input errors
    /// kept the copy from being read.
    pub fn of(analysis: &Analysis, inputs: &[PathBuf]) -> Option<Audit> {
        let scan = analysis.scan.as_ref()?;
        let sources = &analysis.outcome.sources;
        let findings = Findings::of(analysis);
        let model = &analysis.model;
        let mut promises: Vec<PromiseAudit> = model
            .promises
            .iter()
            .map(|promise| promise_audit(promise, model, sources, &findings))
            .collect();
        let mut made: Vec<Vec<&Said>> = vec![Vec::new(); promises.len()];
        let mut touchpoints = touchpoint_audits(model);
        for file in &scan.files {
            let path = sources.get(file.file).display_path();
            for &t in &file.touchpoints {
                touchpoints[t].files.push(path.clone());
            }
            let said = file.said.iter().filter(|said| !said.negated);
            if said.clone().next().is_none() && file.forbidden.is_empty() {
                continue;
            }
            let copy = ReaderText::of(sources.get(file.file));
            for said in said {
                let (state, suppressed, detail) = findings.state_of(said.span);
                promises[said.promise].places.push(Place {
                    touchpoints: file.touchpoints.clone(),
                    state,
                    suppressed,
                    detail,
                    ..copy.place(sources, said.span, &said.text, &said.in_copy)
                });
                made[said.promise].push(said);
            }
            for forbidden in &file.forbidden {
                let found = findings.get(forbidden.span, &codes::FORBIDDEN_PHRASE);
                touchpoints[forbidden.touchpoint].forbidden.push(Place {
                    touchpoints: vec![forbidden.touchpoint],
                    state: State::Broken,
                    suppressed: found.is_some_and(|(_, suppressed)| suppressed),
                    detail: found.map(|(finding, _)| finding.message.clone()),
                    ..copy.place(sources, forbidden.span, &forbidden.text, &forbidden.in_copy)
                });
            }
        }
        for promise in &mut promises {
            promise.cells = (0..model.touchpoints.len())
                .map(|t| {
                    let here = promise.places.iter().filter(|p| p.touchpoints.contains(&t));
                    Cell {
                        places: here.clone().count(),
                        state: worst(here.map(|place| place.state)),
                    }
                })
                .collect();
        }
        let inconsistencies = inconsistencies(model, scan, &made);
        Some(Audit {
            inputs: inputs.iter().map(|path| input_name(path)).collect(),
            promise_files: analysis.outcome.promise_files,
            copy_files: scan.files.len(),
            touchpoints,
            promises,
            inconsistencies,
        })
    }

    /// Counts for the summary line.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            promises: self.promises.len(),
            unbacked: self.promises.iter().filter(|p| p.unbacked()).count(),
            touchpoints: self.touchpoints.len(),
            ..Summary::default()
        };
        let differ: HashSet<usize> = self.inconsistencies.iter().map(|i| i.promise).collect();
        summary.different_figures = differ.len();
        for place in self.promises.iter().flat_map(|p| &p.places) {
            summary.places += 1;
            match place.state {
                State::Kept => summary.kept += 1,
                State::Inconsistent => summary.inconsistent += 1,
                State::Broken => summary.broken += 1,
                State::NotMade => {}
            }
            summary.suppressed += usize::from(place.suppressed);
        }
        for place in self.touchpoints.iter().flat_map(|t| &t.forbidden) {
            summary.forbidden += 1;
            summary.suppressed += usize::from(place.suppressed);
        }
        summary
    }

    /// How many places each touchpoint has, over all promises.
    pub fn column_totals(&self) -> Vec<Cell> {
        (0..self.touchpoints.len())
            .map(|t| Cell {
                places: self.promises.iter().map(|p| p.cells[t].places).sum(),
                state: worst(self.promises.iter().map(|p| p.cells[t].state)),
            })
            .collect()
    }
}

/// The worst of some states; `NotMade` for none.
pub fn worst(states: impl Iterator<Item = State>) -> State {
    states.max().unwrap_or(State::NotMade)
}

/// The copy of one file, read again to quote its places as a reader sees
/// them: the scan kept where each phrase stands in it, not the text.
struct ReaderText(Option<String>);

impl ReaderText {
    /// The copy of `file`; none when it cannot be read as copy any more.
    fn of(file: &SourceFile) -> ReaderText {
        let copy = copy::extract(CopyKind::of(file.path()), file.text());
        ReaderText(copy.ok().map(|copy| copy.text))
    }

    /// A place at `span` of the file, its words `text` at `in_copy` of the
    /// copy; kept and covered by no touchpoint until told otherwise.
    fn place(&self, sources: &Sources, span: Span, text: &str, in_copy: &Range<usize>) -> Place {
        let file = sources.get(span.file);
        let start = file.line_col(span.start);
        let snippet = self
            .0
            .as_deref()
            .and_then(|copy| Snippet::around(copy, in_copy));
        Place {
            file: file.display_path(),
            line: start.line,
            column: start.column,
            touchpoints: Vec::new(),
            text: text.to_owned(),
            // Only the words, when the file changed since it was searched.
            snippet: snippet.unwrap_or_else(|| Snippet {
                before: String::new(),
                marked: text.to_owned(),
                after: String::new(),
            }),
            state: State::Kept,
            suppressed: false,
            detail: None,
        }
    }
}

impl Snippet {
    /// The words at `range` of a file's copy, with what stands before and
    /// after them in their paragraph; `None` for a range the copy does not have.
    fn around(copy: &str, range: &Range<usize>) -> Option<Snippet> {
        let marked = copy.get(range.clone())?;
        let before = paragraph_before(&copy[..range.start]);
        let after = paragraph_after(&copy[range.end..]);
        let before = collapse(before).trim_start().to_owned();
        let after = collapse(after).trim_end().to_owned();
        let skip = before.chars().count().saturating_sub(SNIPPET_CONTEXT);
        Some(Snippet {
            before: match skip {
                0 => before,
                _ => format!("…{}", before.chars().skip(skip).collect::<String>()),
            },
            marked: collapse(marked),
            after: match after.char_indices().nth(SNIPPET_CONTEXT) {
                Some((at, _)) => format!("{}…", &after[..at]),
                None => after,
            },
        })
    }
}

/// The end of `text` in the same paragraph as what follows it: back to a
/// block break or a blank line.
fn paragraph_before(text: &str) -> &str {
    let block = text
        .rfind(BLOCK_BREAK)
        .map_or(0, |at| at + BLOCK_BREAK.len_utf8());
    let text = &text[block..];
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.ends_with('\n') && line.trim().is_empty() {
            start = offset;
        }
    }
    &text[start..]
}

/// The start of `text` in the same paragraph as what precedes it: up to a
/// block break or a blank line.
fn paragraph_after(text: &str) -> &str {
    let text = &text[..text.find(BLOCK_BREAK).unwrap_or(text.len())];
    let mut end = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index > 0 && line.ends_with('\n') && line.trim().is_empty() {
            return &text[..end];
        }
        end += line.len();
    }
    text
}

/// `text` with each run of white space made one space, as the words of a
/// place are quoted: a no-break space stays, as the copy chose it.
fn collapse(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() || c == '\u{a0}' {
            collapsed.push(c);
        } else if !collapsed.ends_with(' ') {
            collapsed.push(' ');
        }
    }
    collapsed
}

/// The findings of an analysis, by where they point, suppressed ones included.
struct Findings<'a> {
    at: HashMap<(Span, &'static str), (&'a Finding, bool)>,
}

impl<'a> Findings<'a> {
    fn of(analysis: &'a Analysis) -> Findings<'a> {
        let shown = analysis.outcome.findings.iter().map(|f| (f, false));
        let suppressed = analysis.suppressed.iter().map(|f| (f, true));
        let at = shown
            .chain(suppressed)
            .map(|(finding, suppressed)| {
                (
                    (finding.primary.span, finding.rule.code),
                    (finding, suppressed),
                )
            })
            .collect();
        Findings { at }
    }

    fn get(&self, span: Span, rule: &Rule) -> Option<(&'a Finding, bool)> {
        self.at.get(&(span, rule.code)).copied()
    }

    /// The state of a promise made at `span`, whether its finding is
    /// suppressed, and the finding's message.
    fn state_of(&self, span: Span) -> (State, bool, Option<String>) {
        let found = [
            (State::Broken, &codes::BROKEN_PROMISE),
            (State::Inconsistent, &codes::INCONSISTENT_CLAIM),
        ]
        .into_iter()
        .find_map(|(state, rule)| self.get(span, rule).map(|found| (state, found)));
        match found {
            Some((state, (finding, suppressed))) => {
                (state, suppressed, Some(finding.message.clone()))
            }
            None => (State::Kept, false, None),
        }
    }
}

fn promise_audit(
    promise: &Promise,
    model: &Model,
    sources: &Sources,
    findings: &Findings,
) -> PromiseAudit {
    let requires = promise
        .requirements
        .iter()
        .map(|requirement| RequirementAudit {
            condition: sources.slice(requirement.span).to_owned(),
            policy: crate::policy::eval::policy_values(&requirement.condition, &Default::default())
                .into_iter()
                .map(|(path, value, _)| (path.to_owned(), value.to_string()))
                .collect(),
            backing: if !promise.captures.is_empty() {
                Backing::PerFigure
            } else if findings
                .get(requirement.span, &codes::UNBACKED_PROMISE)
                .is_some()
            {
                Backing::Fails
            } else {
                Backing::Holds
            },
        })
        .collect();
    PromiseAudit {
        title: promise.title.value.clone(),
        says: promise.says.iter().map(ToString::to_string).collect(),
        requires,
        why: promise.why.clone(),
        places: Vec::new(),
        cells: vec![
            Cell {
                places: 0,
                state: State::NotMade,
            };
            model.touchpoints.len()
        ],
    }
}

/// An input as the audit names it: as given, unless it names no folder by
/// itself (`.`, `..`), when it is the name of the folder it stands for, so
/// that a page audited with `promiselint audit .` says which store it is.
fn input_name(path: &Path) -> String {
    let named = path
        .components()
        .any(|part| matches!(part, std::path::Component::Normal(_)));
    let folder = || {
        std::fs::canonicalize(path)
            .ok()?
            .file_name()
            .map(|n| n.to_owned())
    };
    match folder() {
        Some(name) if !named => name.to_string_lossy().into_owned(),
        _ => display_path(path),
    }
}

/// Every set of places `inconsistent-claim` holds against each other that
/// state different figures, whether or not it reports them (a figure the
/// policy refutes is a `broken-promise` instead): every place of each figure,
/// grouped, most common first. Figures the rule does not compare (in other
/// scopes, rows or currencies) are not set side by side here either.
fn inconsistencies(model: &Model, scan: &Scan, made: &[Vec<&Said>]) -> Vec<Inconsistency> {
    // Each place's index by its span, the first where two share one: a
    // lookup, where a search per place grew with the square of them.
    let index: Vec<HashMap<Span, usize>> = made
        .iter()
        .map(|said| {
            let mut index = HashMap::new();
            for (i, s) in said.iter().enumerate() {
                index.entry(s.span).or_insert(i);
            }
            index
        })
        .collect();
    let mut found: Vec<Inconsistency> = inconsistent_claim::disagreements(model, scan)
        .into_iter()
        .map(|disagreement| {
            let promise = disagreement.promise();
            let title = &model.promises[promise].title.value;
            let mut figures: Vec<FigureGroup> = disagreement
                .figures
                .iter()
                .map(|group| FigureGroup {
                    figure: figure_label(title, group[0]),
                    places: group
                        .iter()
                        .map(|place| index[promise][&place.span])
                        .collect(),
                })
                .collect();
            figures.sort_by_key(|group| std::cmp::Reverse(group.places.len()));
            Inconsistency { promise, figures }
        })
        .collect();
    found.sort_by_key(|inconsistency| inconsistency.promise);
    found
}

/// The promise's title with a place's figures in it ("{n}-day returns" and
/// 30 make "30-day returns"); the figures alone when the title names none.
fn figure_label(title: &str, place: &Said) -> String {
    inconsistent_claim::titled(title, place).unwrap_or_else(|| inconsistent_claim::figure(place))
}

/// Every touchpoint, with no files and no forbidden phrases yet.
fn touchpoint_audits(model: &Model) -> Vec<TouchpointAudit> {
    model
        .touchpoints
        .iter()
        .map(|touchpoint| TouchpointAudit {
            name: touchpoint.name.name.clone(),
            title: touchpoint.title.clone(),
            files: Vec::new(),
            forbidden: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Progress;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[derive(Debug, Default)]
    struct Counted {
        found: AtomicUsize,
        done: AtomicUsize,
    }

    impl Progress for Counted {
        fn files_found(&self, count: usize) {
            self.found.store(count, Ordering::Relaxed);
        }

        fn file_done(&self) {
            self.done.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn progress_is_told_of_every_copy_file() {
        let counted = Arc::new(Counted::default());
        let options = crate::CheckOptions {
            progress: Some(counted.clone()),
            ..crate::CheckOptions::default()
        };
        let paths = ["examples/retail".into()];
        let analysis = crate::analyze(&paths, &options).unwrap();
        let scan = analysis.scan.as_ref().unwrap();
        let files = scan.files.len() + scan.fixtures.len();
        assert!(files > 0);
        assert_eq!(counted.found.load(Ordering::Relaxed), files);
        assert_eq!(counted.done.load(Ordering::Relaxed), files);
        let audit = Audit::of(&analysis, &paths).unwrap();
        assert_eq!(audit.copy_files, scan.files.len());
    }

    #[test]
    fn snippets_show_the_paragraph_around_a_place_as_read() {
        let copy = "Before.\u{2029}first\n\nEnjoy  hassle-free\n returns today.  \n\nlast";
        let start = copy.find("hassle").unwrap();
        let end = copy.find("returns").unwrap() + "returns".len();
        let snippet = Snippet::around(copy, &(start..end)).unwrap();
        assert_eq!(snippet.before, "Enjoy ");
        assert_eq!(snippet.marked, "hassle-free returns");
        assert_eq!(snippet.after, " today.");
        let long = format!("{}returns{}", "a ".repeat(50), "b ".repeat(50));
        let start = long.find("returns").unwrap();
        let snippet = Snippet::around(&long, &(start..start + 7)).unwrap();
        assert!(snippet.before.starts_with('…') && snippet.after.ends_with('…'));
        assert_eq!(snippet.before.chars().count(), SNIPPET_CONTEXT + 1);
        assert!(Snippet::around("short", &(3..9)).is_none());
    }
}
