//! Reading the copy: which files each touchpoint covers, and what is said in
//! each of them.
//!
//! Files are found with one walk per folder that touchpoints are relative to
//! (version control, build output and hidden folders skipped), or are the
//! pages named on the command line ([`scan_pages`]), then read and
//! searched in parallel, each file once. A file's text is dropped as soon as
//! it is searched: what is kept is small (where each phrase stands, with its
//! figures), so memory does not grow with the size of the corpus. The few
//! files a finding points into are read again when it is shown.
//!
//! A file with a `promiselint-expect` comment is a fixture, a test of the
//! promise files: it is read like any other, but kept apart, so that the
//! broken promises it makes on purpose are not the copy's.

use crate::copy::matcher::{Found, Locale, Matcher};
use crate::copy::negation::same_sentence;
use crate::copy::normalize::Normalized;
use crate::copy::{self, CopyKind, Expectation, Suppression};
use crate::finding::suggest::SeenFiles;
use crate::load::exclude::{Exclude, UnmatchedExclude};
use crate::load::read::{self, ReadError, Unread};
use crate::load::walk::{self, Walk};
use crate::load::workspace::{Skipped, Workspace};
use crate::load::CheckOptions;
use crate::policy::model::{Model, PhraseList, Touchpoint};
use crate::policy::pattern::{CaptureType, Pattern};
use crate::policy::value::Value;
use crate::source::{absolute, positions, FileId, LineCol, Sources, Span};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What the copy of a run says.
#[derive(Debug, Default)]
pub struct Scan {
    /// The copy: every file the rules read.
    pub files: Vec<ScannedFile>,
    /// Files with expectation comments, for `promiselint test` alone.
    pub fixtures: Vec<ScannedFile>,
    /// `files` globs that matched nothing: (touchpoint, glob) indexes, with
    /// a near spelling of the glob that matches files, if one does.
    pub unmatched: Vec<Unmatched>,
    /// Links and folders the walk could not take.
    pub skipped: Vec<Skipped>,
    /// `exclude` globs of the configuration that matched nothing.
    pub unmatched_excludes: Vec<UnmatchedExclude>,
}

#[derive(Debug)]
pub struct ScannedFile {
    pub file: FileId,
    /// The touchpoints whose globs cover this file.
    pub touchpoints: Vec<usize>,
    pub said: Vec<Said>,
    /// `says` phrases whose words are here but whose figure cannot be read.
    pub unread: Vec<UnreadFigure>,
    pub forbidden: Vec<Forbidden>,
    /// The `require` statements this file satisfies: (touchpoint, statement).
    pub disclosed: Vec<(usize, usize)>,
    /// Suppression comments, with where they stand.
    pub suppressions: Vec<(Suppression, Span)>,
    /// Expectation comments (their spans are byte ranges of this file): any
    /// makes the file a fixture.
    pub expectations: Vec<Expectation>,
    /// Why the file was skipped: binary, not UTF-8, not readable as its kind.
    pub skipped: Option<(String, Span)>,
}

/// A `says` phrase found in copy.
#[derive(Debug)]
pub struct Said {
    pub promise: usize,
    pub span: Span,
    /// 1-based, for suppressions.
    pub line: usize,
    /// The words as a reader sees them.
    pub text: String,
    /// Where the words stand in the file's copy ([`copy::Copy::text`]), for
    /// quoting them with what a reader sees around them.
    pub in_copy: Range<usize>,
    pub captures: Vec<(String, Value)>,
    /// Where the number of each capture stands, in the order of `captures`.
    pub figures: Vec<Figure>,
    /// Taken back: under negation, or qualified by one of its promise's
    /// `unless` phrases. The words are there, the promise is not.
    pub negated: bool,
    /// The label of the table row it stands in, if it is in a table.
    pub row: Option<String>,
    /// The `unless` phrase that took it back, when one did (and no
    /// negation did first): for saying why it is no promise.
    pub qualified: Option<Qualifier>,
}

/// An `unless` phrase found after a `says` match in its sentence.
#[derive(Clone, Debug)]
pub struct Qualifier {
    /// Its words as a reader sees them: "less", "Except".
    pub text: String,
    pub span: Span,
}

/// Where a captured number stands, so that a fix can replace it.
#[derive(Clone, Debug)]
pub struct Figure {
    /// Which of the [`Said::captures`] it is a number of: a range or a
    /// contract's "thirty (30)" has two.
    pub capture: usize,
    /// The bytes of the file the number stands for.
    pub span: Span,
    /// The number as the copy writes it: `60`, `Sixty`, `1,000`.
    pub text: String,
    /// Where it stands in the [`Said::text`].
    pub in_phrase: Range<usize>,
    /// Whether those bytes of the file are the number itself, so that it can
    /// be replaced in place: not when markup or an entity stands inside it
    /// (`thirty-<b>five</b>`, `1&#44;000`).
    pub in_place: bool,
}

/// A `says` phrase whose words stand in copy, where a capture cannot read
/// the figure at its place: "ships in 3ish days", "thirty (31) days".
#[derive(Debug)]
pub struct UnreadFigure {
    pub promise: usize,
    /// The phrase in the promise file.
    pub phrase: Span,
    /// The words in copy.
    pub span: Span,
    pub line: usize,
    /// The words as a reader sees them.
    pub text: String,
    /// The capture, its type, and the figure as the copy writes it.
    pub capture: String,
    pub kind: CaptureType,
    pub figure: String,
}

/// A `forbid` phrase found in a file of a touchpoint that forbids it.
#[derive(Debug)]
pub struct Forbidden {
    pub touchpoint: usize,
    /// Index into the touchpoint's `forbids`, and into that statement's phrases.
    pub forbid: usize,
    pub phrase: usize,
    pub span: Span,
    pub line: usize,
    pub text: String,
    /// Where the words stand in the file's copy, as [`Said::in_copy`].
    pub in_copy: Range<usize>,
}

/// The patterns of a run, compiled once, with what each one belongs to.
struct Patterns {
    says: Matcher,
    /// Pattern index to promise index.
    says_owner: Vec<usize>,
    /// Pattern index to the pattern, for where it stands.
    says_span: Vec<Span>,
    /// Promise index to the touchpoints whose copy alone makes it (`only in`).
    only_in: Vec<Option<Vec<usize>>>,
    /// The `unless` phrases, one matcher per distinct list (promises
    /// usually share one), so that of overlapping qualifiers the longest
    /// wins only within a list, never over another promise's.
    unless: Vec<Matcher>,
    /// Promise index to its list in `unless`, if it has `unless` phrases.
    unless_of: Vec<Option<usize>>,
    forbid: Phrases,
    require: Phrases,
}

/// The `forbid` or the `require` phrases of every touchpoint.
struct Phrases {
    matcher: Matcher,
    /// Pattern index to (touchpoint, statement, phrase).
    owner: Vec<(usize, usize, usize)>,
}

impl Phrases {
    fn new(model: &Model, lists: fn(&Touchpoint) -> &[PhraseList]) -> Phrases {
        let mut patterns: Vec<&Pattern> = Vec::new();
        let mut owner = Vec::new();
        for (t, touchpoint) in model.touchpoints.iter().enumerate() {
            for (s, statement) in lists(touchpoint).iter().enumerate() {
                for (p, phrase) in statement.phrases.iter().enumerate() {
                    patterns.push(phrase);
                    owner.push((t, s, p));
                }
            }
        }
        Phrases {
            matcher: Matcher::new(&patterns),
            owner,
        }
    }
}

impl Patterns {
    fn new(model: &Model) -> Patterns {
        let mut says: Vec<&Pattern> = Vec::new();
        let mut says_owner = Vec::new();
        for (index, promise) in model.promises.iter().enumerate() {
            says.extend(&promise.says);
            says_owner.extend(std::iter::repeat_n(index, promise.says.len()));
        }
        let mut lists: Vec<Vec<String>> = Vec::new();
        let mut unless = Vec::new();
        let unless_of = model
            .promises
            .iter()
            .map(|promise| {
                if promise.unless.is_empty() {
                    return None;
                }
                let mut key: Vec<String> = promise.unless.iter().map(|p| p.to_string()).collect();
                key.sort_unstable();
                Some(
                    lists
                        .iter()
                        .position(|list| *list == key)
                        .unwrap_or_else(|| {
                            lists.push(key);
                            unless.push(Matcher::new(&promise.unless.iter().collect::<Vec<_>>()));
                            unless.len() - 1
                        }),
                )
            })
            .collect();
        Patterns {
            says: Matcher::new(&says),
            says_owner,
            says_span: says.iter().map(|pattern| pattern.span).collect(),
            only_in: model.promises.iter().map(|p| p.only_in.clone()).collect(),
            unless,
            unless_of,
            forbid: Phrases::new(model, |t| &t.forbids),
            require: Phrases::new(model, |t| &t.requires),
        }
    }
}

/// Finds every copy file of every touchpoint, less those `options` exclude,
/// and what it says, telling `options.progress` (if any) as files are
/// searched. Links are taken as [`crate::load::workspace`] says.
pub fn scan(
    model: &Model,
    sources: &mut Sources,
    options: &CheckOptions,
    workspace: &Workspace,
) -> Scan {
    let mut skipped = Vec::new();
    let (covered, unmatched) = covered_files(model, &options.exclude, workspace, &mut skipped);
    let scan = search_all(model, sources, options, covered);
    // After every walk of the run, the promise files' and the copy's; the
    // configuration's folder is walked whole only if an `exclude` glob met
    // nothing in them, into hidden folders as for promise files, since
    // `exclude` applies to both. What it cannot take, those walks report.
    let excluded = &options.exclude;
    let (nothing, mut unreported) = (Exclude::default(), Vec::new());
    let walked = walk::files(
        excluded.root(),
        Walk::Promises,
        &nothing,
        workspace,
        &mut unreported,
    );
    let unmatched_excludes = excluded.unmatched(walked.map(walkdir::DirEntry::into_path), sources);
    Scan {
        unmatched,
        skipped,
        unmatched_excludes,
        ..scan
    }
}

/// [`scan`] of `pages` alone, files named on the command line or found
/// under folders named there: each is read if a touchpoint covers it. No
/// glob is reported for matching nothing, since no other file was looked at.
pub fn scan_pages(
    model: &Model,
    sources: &mut Sources,
    options: &CheckOptions,
    pages: &[PathBuf],
) -> Scan {
    search_all(model, sources, options, pages_covered(model, pages))
}

/// Reads and searches every file `covered`, in parallel.
fn search_all(
    model: &Model,
    sources: &mut Sources,
    options: &CheckOptions,
    covered: Vec<Covered>,
) -> Scan {
    let limit = options.limits.max_file_size;
    let progress = options.progress.as_deref();
    if let Some(progress) = progress {
        progress.files_found(covered.len());
    }
    let patterns = Patterns::new(model);
    let covered: Vec<(FileId, Vec<usize>)> = covered
        .into_iter()
        .map(|(path, touchpoints)| (sources.add_unread(path), touchpoints))
        .collect();
    let searched: Vec<(ScannedFile, Option<Known>)> = {
        let sources = &*sources;
        covered
            .into_par_iter()
            .map(|(file, touchpoints)| {
                let locale = Locale::of_file(model, &touchpoints, sources.get(file).path());
                let searched = search(sources, file, touchpoints, &patterns, &locale, limit);
                if let Some(progress) = progress {
                    progress.file_done();
                }
                searched
            })
            .collect()
    };
    // Collected in place, into the memory `searched` held: on a million
    // files a second copy of the list would be the run's peak.
    let files: Vec<ScannedFile> = searched
        .into_iter()
        .map(|(scanned, positions)| {
            match positions {
                Some(positions) => sources.know(scanned.file, positions),
                None => sources.unread(scanned.file),
            }
            scanned
        })
        .collect();
    let is_fixture = |scanned: &ScannedFile| !scanned.expectations.is_empty();
    let (fixtures, files) = if files.iter().any(is_fixture) {
        files.into_iter().partition(is_fixture)
    } else {
        (Vec::new(), files)
    };
    Scan {
        files,
        fixtures,
        ..Scan::default()
    }
}

/// A file and the touchpoints that cover it.
type Covered = (PathBuf, Vec<usize>);

/// A `files` glob that matched no file.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub touchpoint: usize,
    pub glob: usize,
    /// A near spelling of the glob (another folder or extension the walk
    /// saw) that matches files.
    pub did_you_mean: Option<String>,
}

/// Every file some touchpoint covers, sorted, with the touchpoints covering it;
/// and the globs that matched nothing, as (touchpoint, glob) indexes. An
/// excluded file is not covered: a glob that only matches excluded files
/// matches nothing.
fn covered_files(
    model: &Model,
    exclude: &Exclude,
    workspace: &Workspace,
    skipped: &mut Vec<Skipped>,
) -> (Vec<Covered>, Vec<Unmatched>) {
    let mut by_base: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    for (index, touchpoint) in model.touchpoints.iter().enumerate() {
        by_base
            .entry(touchpoint.base.as_path())
            .or_default()
            .push(index);
    }
    let mut files: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    let mut matched: Vec<Vec<bool>> = model
        .touchpoints
        .iter()
        .map(|t| vec![false; t.files.len()])
        .collect();
    let mut unmatched = Vec::new();
    for (base, touchpoints) in by_base {
        let mut seen = SeenFiles::default();
        let sets: Vec<GlobSet> = touchpoints
            .iter()
            .map(|&t| glob_set(&model.touchpoints[t]))
            .collect();
        let root = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        for entry in walk::files(root, Walk::Copy, exclude, workspace, skipped) {
            let Ok(relative) = entry.path().strip_prefix(root) else {
                continue;
            };
            seen.add(relative);
            for (set, &t) in sets.iter().zip(&touchpoints) {
                let hits = set.matches(relative);
                if hits.is_empty() {
                    continue;
                }
                for hit in hits {
                    matched[t][hit] = true;
                }
                let path = if base.as_os_str().is_empty() {
                    relative.to_path_buf()
                } else {
                    entry.path().to_path_buf()
                };
                files.entry(path).or_default().push(t);
            }
        }
        for &t in &touchpoints {
            for (g, _) in matched[t].iter().enumerate().filter(|(_, hit)| !**hit) {
                unmatched.push(Unmatched {
                    touchpoint: t,
                    glob: g,
                    did_you_mean: seen.suggest(&model.touchpoints[t].files[g].value),
                });
            }
        }
    }
    unmatched.sort_by_key(|u| (u.touchpoint, u.glob));
    (files.into_iter().collect(), unmatched)
}

/// Each of `pages` that a touchpoint covers, with the touchpoints covering
/// it. A page and a touchpoint's folder are compared as spelt, both made
/// absolute against the current folder, so a page is named in findings as
/// the user named it.
fn pages_covered(model: &Model, pages: &[PathBuf]) -> Vec<Covered> {
    let coverage = Coverage::new(model);
    pages
        .iter()
        .filter_map(|page| {
            let covering = coverage.covering(page);
            (!covering.is_empty()).then(|| (page.clone(), covering))
        })
        .collect()
}

/// Which touchpoints' `files` cover a path, whether or not the file exists
/// (`--changed-since` asks of the path a file had before a rename).
pub struct Coverage {
    cwd: PathBuf,
    /// Each touchpoint's folder, absolute, and its globs.
    touchpoints: Vec<(PathBuf, GlobSet)>,
}

impl Coverage {
    pub fn new(model: &Model) -> Coverage {
        let cwd = std::env::current_dir().unwrap_or_default();
        let touchpoints = model
            .touchpoints
            .iter()
            .map(|touchpoint| (absolute(&cwd, &touchpoint.base), glob_set(touchpoint)))
            .collect();
        Coverage { cwd, touchpoints }
    }

    /// The indexes of the touchpoints that cover `path`, in order.
    pub fn covering(&self, path: &Path) -> Vec<usize> {
        let path = absolute(&self.cwd, path);
        self.touchpoints
            .iter()
            .enumerate()
            .filter(|(_, (base, set))| {
                path.strip_prefix(base)
                    .is_ok_and(|relative| set.is_match(relative))
            })
            .map(|(t, _)| t)
            .collect()
    }
}

/// A touchpoint's `files` globs as one set.
fn glob_set(touchpoint: &Touchpoint) -> GlobSet {
    let mut set = GlobSetBuilder::new();
    for glob in &touchpoint.files {
        // Checked when the model was built.
        set.add(Glob::new(&glob.value).expect("a valid glob"));
    }
    set.build().expect("valid globs build a set")
}

/// A near spelling of `glob` (its folder or its extension changed) that
/// matches `relative`, a file's path from the glob's folder: did-you-mean
/// for a page no touchpoint covers.
pub fn near_glob(glob: &str, relative: &Path) -> Option<String> {
    let mut seen = SeenFiles::default();
    seen.add(relative);
    seen.suggest(glob)
}

/// Positions in a file worked out while its text was at hand, for [`Sources::know`].
type Known = Vec<(usize, LineCol)>;

/// Reads one file of at most `limit` bytes and finds every phrase in it;
/// also returns the line and column of where each starts and ends, worked
/// out while the text is here, or `None` when the file was not read.
fn search(
    sources: &Sources,
    file: FileId,
    touchpoints: Vec<usize>,
    patterns: &Patterns,
    locale: &Locale,
    limit: u64,
) -> (ScannedFile, Option<Known>) {
    let span = |range: Range<usize>| Span::new(file, range.start, range.end);
    let mut scanned = ScannedFile {
        file,
        touchpoints,
        said: Vec::new(),
        unread: Vec::new(),
        forbidden: Vec::new(),
        disclosed: Vec::new(),
        suppressions: Vec::new(),
        expectations: Vec::new(),
        skipped: None,
    };
    let path = sources.get(file).path();
    let text = match read_text(sources, path, limit) {
        Ok(text) => text,
        Err(why) => {
            scanned.skipped = Some((why, span(0..0)));
            return (scanned, None);
        }
    };
    let copy = match copy::extract(CopyKind::of(path), &text) {
        Ok(copy) => copy,
        Err(error) => {
            let why = format!("cannot be read as copy: {}", error.message);
            let known = positions(&text, [error.span.start, error.span.end]);
            scanned.skipped = Some((why, span(error.span)));
            return (scanned, Some(known));
        }
    };
    let normalized = Normalized::new(&copy.text);
    let places = Places {
        file,
        copy: &copy,
        normalized: &normalized,
        headed: None,
        locale,
    };
    (scanned.said, scanned.unread) = said(patterns, &places, &text);
    // A promise limited to some touchpoints is not made in the others' copy.
    let made_here = |promise: usize| {
        patterns.only_in[promise]
            .as_ref()
            .is_none_or(|only| only.iter().any(|t| scanned.touchpoints.contains(t)))
    };
    scanned.said.retain(|said| made_here(said.promise));
    scanned.unread.retain(|unread| made_here(unread.promise));
    scanned.forbidden = forbidden(patterns, &places, &scanned.touchpoints);
    scanned.disclosed = disclosed(patterns, &places);
    let known = set_lines(&mut scanned, &text);
    scanned.suppressions = copy
        .comments
        .suppressions
        .into_iter()
        .map(|suppression| {
            let at = span(suppression.span.clone());
            (suppression, at)
        })
        .collect();
    scanned.expectations = copy.comments.expectations;
    (scanned, Some(known))
}

/// Where a match in a file's normalized copy stands: in the copy, and in
/// the file. The text normalized is the copy itself, or a table cell read
/// after its column's header ([`Headed`]).
struct Places<'a> {
    file: FileId,
    copy: &'a copy::Copy,
    normalized: &'a Normalized,
    headed: Option<&'a Headed>,
    locale: &'a Locale,
}

/// A table cell read as its column's header, `: ` and the cell ("Warranty
/// period: 90 days"), so that a phrase can name the column.
struct Headed {
    text: String,
    /// Where the cell is in the copy.
    cell: Range<usize>,
    /// Where the cell starts in `text`.
    cell_start: usize,
    /// The row's label.
    row: String,
}

impl Places<'_> {
    /// The text that was normalized.
    fn text(&self) -> &str {
        self.headed.map_or(&self.copy.text, |headed| &headed.text)
    }

    /// Where a match in the normalized text stands in the text normalized.
    fn in_text(&self, range: Range<usize>) -> Range<usize> {
        self.normalized.original(range, self.text())
    }

    /// Where a range of the text normalized stands in the copy. A headed
    /// cell's range is placed in its cell: the header is a row, or many,
    /// above it.
    fn in_copy(&self, range: Range<usize>) -> Range<usize> {
        match self.headed {
            None => range,
            Some(headed) => {
                let to_cell = |at: usize| {
                    headed.cell.start + at.saturating_sub(headed.cell_start).min(headed.cell.len())
                };
                to_cell(range.start)..to_cell(range.end)
            }
        }
    }

    /// Where a range of the text normalized stands in the file.
    fn in_file(&self, range: Range<usize>) -> Span {
        let range = self.copy.original_range(self.in_copy(range));
        Span::new(self.file, range.start, range.end)
    }

    /// Where a match in the normalized text stands in the file, and its
    /// words as a reader sees them (no markup, entities decoded).
    /// Line breaks and indentation inside the words are one space, as a
    /// reader sees them and a message quotes them.
    fn place(&self, range: Range<usize>) -> (String, Span) {
        let in_text = self.in_text(range);
        (
            one_line(&self.text()[in_text.clone()]),
            self.in_file(in_text),
        )
    }
}

/// Every `says` phrase in the copy, and in its table cells read after their
/// column's header, with the figures it captures and the row it is in; and
/// those whose figures cannot be read. Lines are left 0, for [`set_lines`].
fn said(patterns: &Patterns, places: &Places, text: &str) -> (Vec<Said>, Vec<UnreadFigure>) {
    let copy = places.copy;
    let label = |row: &Range<usize>| copy.text[row.clone()].trim().to_owned();
    let mut said = Vec::new();
    let (found_in_copy, unread) = said_in(patterns, places, text);
    for (mut one, found) in found_in_copy {
        let at = places.in_text(found).start;
        let index = copy.cells.partition_point(|cell| cell.text.start <= at);
        one.row = index
            .checked_sub(1)
            .map(|i| &copy.cells[i])
            .filter(|cell| at < cell.text.end)
            .map(|cell| label(&cell.row));
        said.push(one);
    }
    for cell in &copy.cells {
        let Some(header) = &cell.header else {
            continue;
        };
        let header = copy.text[header.clone()].trim();
        let headed = Headed {
            text: format!("{header}: {}", &copy.text[cell.text.clone()]),
            cell: cell.text.clone(),
            cell_start: header.len() + 2,
            row: label(&cell.row),
        };
        let normalized = Normalized::new(&headed.text);
        let in_cell = Places {
            normalized: &normalized,
            headed: Some(&headed),
            ..*places
        };
        // Only what names the header: the rest is found in the copy itself.
        for (mut one, found) in said_in(patterns, &in_cell, text).0 {
            let range = in_cell.in_text(found);
            if range.start < headed.cell_start && range.end > headed.cell_start {
                one.row = Some(headed.row.clone());
                said.push(one);
            }
        }
    }
    said.sort_by_key(|one| (one.span.start, one.span.end, one.promise));
    (said, unread)
}

/// Every `says` phrase in the normalized text of `places`, with where it
/// stands in that normalized text; and those whose figures cannot be read.
fn said_in(
    patterns: &Patterns,
    places: &Places,
    text: &str,
) -> (Vec<(Said, Range<usize>)>, Vec<UnreadFigure>) {
    let mut said = Vec::new();
    // Each list's qualifiers, searched for once, when a match needs them.
    let mut qualifiers: Vec<Option<Vec<Found>>> = vec![None; patterns.unless.len()];
    let matches = patterns.says.find(places.normalized, places.locale);
    for found in matches.found {
        let promise = patterns.says_owner[found.pattern.0];
        let qualified = match patterns.unless_of[promise] {
            Some(list) if !found.negated => {
                let found_in_list = qualifiers[list].get_or_insert_with(|| {
                    patterns.unless[list]
                        .find(places.normalized, places.locale)
                        .found
                });
                qualifier_after(&found, found_in_list, places)
            }
            _ => None,
        };
        let phrase = places.in_text(found.range.clone());
        let figures = found
            .numbers
            .into_iter()
            .map(|(capture, number)| figure(places, (capture, number), phrase.start, text))
            .collect();
        let (words, at) = places.place(found.range.clone());
        let one = Said {
            promise,
            span: at,
            // Set by `set_lines`, with every other position at once.
            line: 0,
            text: words,
            in_copy: places.in_copy(phrase),
            captures: found.captures,
            figures,
            negated: found.negated || qualified.is_some(),
            qualified,
            // Set by `said`.
            row: None,
        };
        said.push((one, found.range));
    }
    let unread = matches
        .unread
        .into_iter()
        .map(|unread| {
            let (text, span) = places.place(unread.range);
            UnreadFigure {
                promise: patterns.says_owner[unread.pattern.0],
                phrase: patterns.says_span[unread.pattern.0],
                span,
                // Set by `set_lines`, with every other position at once.
                line: 0,
                text,
                capture: unread.capture,
                kind: unread.kind,
                figure: places.place(unread.figure).0,
            }
        })
        .collect();
    (said, unread)
}

/// The first of `qualifiers` (in file order) after `found` in its sentence.
fn qualifier_after(found: &Found, qualifiers: &[Found], places: &Places) -> Option<Qualifier> {
    let text = &places.normalized.text;
    let end = found.range.end;
    let first = qualifiers
        .iter()
        .find(|qualifier| qualifier.range.start >= end)
        .filter(|qualifier| same_sentence(&text[end..qualifier.range.start]))?;
    let (words, span) = places.place(first.range.clone());
    Some(Qualifier { text: words, span })
}

/// Where the number of capture `capture` at `number` (in the normalized
/// text) stands, in the file and in its phrase, which starts at
/// `phrase_start` of the text normalized.
fn figure(
    places: &Places,
    (capture, number): (usize, Range<usize>),
    phrase_start: usize,
    text: &str,
) -> Figure {
    let in_text = places.in_text(number);
    let words = places.text()[in_text.clone()].to_owned();
    let at = places.in_file(in_text.clone());
    // In the phrase's words as quoted: on one line.
    let before = &places.text()[phrase_start..in_text.start];
    let start = if on_one_line(before) {
        before.len()
    } else {
        one_line(before).len()
    };
    Figure {
        capture,
        in_place: text.get(at.start..at.end) == Some(words.as_str()),
        in_phrase: start..start + one_line(&words).len(),
        text: words,
        span: at,
    }
}

/// Whether `words` are on one line already: no white space but single
/// spaces (and no-break spaces), as most phrases are.
fn on_one_line(words: &str) -> bool {
    let spaced = if words.is_ascii() {
        words.bytes().all(|b| b == b' ' || !b.is_ascii_whitespace())
    } else {
        words
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || !c.is_whitespace())
    };
    spaced && !words.as_bytes().windows(2).any(|pair| pair == b"  ")
}

/// `words` on one line: each run of white space, line breaks and tabs
/// included, is one space. A no-break space stays: it is what the copy
/// chose.
fn one_line(words: &str) -> String {
    if on_one_line(words) {
        return words.to_owned();
    }
    let mut line = String::with_capacity(words.len());
    for c in words.chars() {
        if !(c.is_whitespace() && c != '\u{a0}') {
            line.push(c);
        } else if !line.ends_with(' ') {
            line.push(' ');
        }
    }
    line
}

/// Every `forbid` phrase in the copy that a touchpoint covering the file
/// forbids. Lines are left 0, for [`set_lines`].
fn forbidden(patterns: &Patterns, places: &Places, touchpoints: &[usize]) -> Vec<Forbidden> {
    let mut forbidden = Vec::new();
    let matches = patterns
        .forbid
        .matcher
        .find(places.normalized, places.locale);
    for found in matches.found {
        let (touchpoint, forbid, phrase) = patterns.forbid.owner[found.pattern.0];
        if touchpoints.contains(&touchpoint) {
            let in_copy = places.in_copy(places.in_text(found.range.clone()));
            let (words, at) = places.place(found.range);
            forbidden.push(Forbidden {
                touchpoint,
                forbid,
                phrase,
                span: at,
                // Set by `set_lines`, with every other position at once.
                line: 0,
                text: words,
                in_copy,
            });
        }
    }
    forbidden
}

/// The `require` statements the copy satisfies, each once: a disclosure
/// under negation does not count.
fn disclosed(patterns: &Patterns, places: &Places) -> Vec<(usize, usize)> {
    let mut disclosed = Vec::new();
    let matches = patterns
        .require
        .matcher
        .find(places.normalized, places.locale);
    for found in matches.found {
        let (touchpoint, require, _) = patterns.require.owner[found.pattern.0];
        if !found.negated && !disclosed.contains(&(touchpoint, require)) {
            disclosed.push((touchpoint, require));
        }
    }
    disclosed
}

/// Sets the line of every phrase found, for suppressions, and returns every
/// position a finding may be placed at, worked out in one pass over `text`.
fn set_lines(scanned: &mut ScannedFile, text: &str) -> Known {
    let offsets = scanned
        .said
        .iter()
        .map(|s| s.span)
        .chain(scanned.unread.iter().map(|u| u.span))
        .chain(scanned.forbidden.iter().map(|f| f.span));
    let offsets: Vec<usize> = offsets
        .flat_map(|span| [span.start, span.end])
        .chain([0])
        .collect();
    let known = positions(text, offsets);
    let line_at = |offset: usize| {
        let index = known
            .binary_search_by_key(&offset, |&(at, _)| at)
            .unwrap_or(0);
        known[index].1.line
    };
    for said in &mut scanned.said {
        said.line = line_at(said.span.start);
    }
    for unread in &mut scanned.unread {
        unread.line = line_at(unread.span.start);
    }
    for forbidden in &mut scanned.forbidden {
        forbidden.line = line_at(forbidden.span.start);
    }
    known
}

/// A file's text, or why it is not copy: unreadable, larger than `limit`,
/// binary, UTF-16 or not UTF-8.
fn read_text(sources: &Sources, path: &Path, limit: u64) -> Result<String, String> {
    read::copy_text(sources, path, limit).map_err(|unread| match unread {
        Unread::File(error @ ReadError::TooLarge(_)) => {
            format!("{error} (`max-file-size` in promiselint.toml's [limits])")
        }
        unread => unread.to_string(),
    })
}
