//! Reading the copy: which files each touchpoint covers, and what is said in
//! each of them.
//!
//! Files are found with one walk per folder that touchpoints are relative to
//! (version control, build output and hidden folders skipped), then read and
//! searched in parallel, each file once. A file's text is dropped as soon as
//! it is searched: what is kept is small (where each phrase stands, with its
//! figures), so memory does not grow with the size of the corpus. The few
//! files a finding points into are read again when it is shown.
//!
//! A file with a `promiselint-expect` comment is a fixture, a test of the
//! promise files: it is read like any other, but kept apart, so that the
//! broken promises it makes on purpose are not the copy's.

use crate::copy::matcher::{Locale, Matcher};
use crate::copy::normalize::Normalized;
use crate::copy::{self, CopyKind, Expectation, Suppression};
use crate::load::exclude::Exclude;
use crate::load::read::{self, ReadError, Unread};
use crate::load::walk::{self, Walk};
use crate::load::workspace::{Skipped, Workspace};
use crate::load::CheckOptions;
use crate::policy::model::{Model, PhraseList, Touchpoint};
use crate::policy::pattern::{CaptureType, Pattern};
use crate::policy::value::Value;
use crate::source::{positions, FileId, LineCol, Sources, Span};
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
    /// `files` globs that matched nothing: (touchpoint, glob) indexes.
    pub unmatched: Vec<(usize, usize)>,
    /// Links and folders the walk could not take.
    pub skipped: Vec<Skipped>,
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
    pub captures: Vec<(String, Value)>,
    /// Where the number of each capture stands, in the order of `captures`.
    pub figures: Vec<Figure>,
    /// Under negation: the words are there, the promise is not.
    pub negated: bool,
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
}

/// The patterns of a run, compiled once, with what each one belongs to.
struct Patterns {
    says: Matcher,
    /// Pattern index to promise index.
    says_owner: Vec<usize>,
    /// Pattern index to the pattern, for where it stands.
    says_span: Vec<Span>,
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
        Patterns {
            says_span: says.iter().map(|pattern| pattern.span).collect(),
            says: Matcher::new(&says),
            says_owner,
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
                let locale = locale(model, &touchpoints);
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
        unmatched,
        skipped,
    }
}

/// How the copy of a file covered by `touchpoints` writes its figures.
/// For now every file is English with `$` in USD: the touchpoints do not
/// say otherwise yet.
fn locale(model: &Model, touchpoints: &[usize]) -> Locale {
    let _ = (model, touchpoints);
    Locale::default()
}

/// A file and the touchpoints that cover it.
type Covered = (PathBuf, Vec<usize>);

/// Every file some touchpoint covers, sorted, with the touchpoints covering it;
/// and the globs that matched nothing, as (touchpoint, glob) indexes. An
/// excluded file is not covered: a glob that only matches excluded files
/// matches nothing.
fn covered_files(
    model: &Model,
    exclude: &Exclude,
    workspace: &Workspace,
    skipped: &mut Vec<Skipped>,
) -> (Vec<Covered>, Vec<(usize, usize)>) {
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
    for (base, touchpoints) in by_base {
        let sets: Vec<GlobSet> = touchpoints
            .iter()
            .map(|&t| {
                let mut set = GlobSetBuilder::new();
                for glob in &model.touchpoints[t].files {
                    // Checked when the model was built.
                    set.add(Glob::new(&glob.value).expect("a valid glob"));
                }
                set.build().expect("valid globs build a set")
            })
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
    }
    let unmatched = matched
        .iter()
        .enumerate()
        .flat_map(|(t, globs)| {
            globs
                .iter()
                .enumerate()
                .filter(|(_, hit)| !**hit)
                .map(move |(g, _)| (t, g))
        })
        .collect();
    (files.into_iter().collect(), unmatched)
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
        locale,
    };
    (scanned.said, scanned.unread) = said(patterns, &places, &text);
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
/// the file.
struct Places<'a> {
    file: FileId,
    copy: &'a copy::Copy,
    normalized: &'a Normalized,
    locale: &'a Locale,
}

impl Places<'_> {
    /// Where a match in the normalized copy stands in the copy.
    fn in_copy(&self, range: Range<usize>) -> Range<usize> {
        self.normalized.original(range, &self.copy.text)
    }

    /// Where a match in the normalized copy stands in the file, and its words
    /// as a reader sees them (no markup, entities decoded).
    fn place(&self, range: Range<usize>) -> (String, Span) {
        let in_copy = self.in_copy(range);
        let words = self.copy.text[in_copy.clone()].to_owned();
        let range = self.copy.original_range(in_copy);
        (words, Span::new(self.file, range.start, range.end))
    }
}

/// Every `says` phrase in the copy, with the figures it captures, and those
/// whose figures cannot be read. Lines are left 0, for [`set_lines`].
fn said(patterns: &Patterns, places: &Places, text: &str) -> (Vec<Said>, Vec<UnreadFigure>) {
    let mut said = Vec::new();
    let matches = patterns.says.find(places.normalized, places.locale);
    for found in matches.found {
        let phrase_start = places.in_copy(found.range.clone()).start;
        let figures = found
            .numbers
            .into_iter()
            .map(|(capture, number)| figure(places, capture, number, phrase_start, text))
            .collect();
        let (words, at) = places.place(found.range);
        said.push(Said {
            promise: patterns.says_owner[found.pattern.0],
            span: at,
            // Set by `set_lines`, with every other position at once.
            line: 0,
            text: words,
            captures: found.captures,
            figures,
            negated: found.negated,
        });
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

/// Where the captured number at `number` (in the normalized copy) stands,
/// in the file and in its phrase, which starts at `phrase_start` of the copy.
fn figure(
    places: &Places,
    capture: usize,
    number: Range<usize>,
    phrase_start: usize,
    text: &str,
) -> Figure {
    let (words, at) = places.place(number.clone());
    let start = places.in_copy(number).start - phrase_start;
    Figure {
        capture,
        in_place: text.get(at.start..at.end) == Some(words.as_str()),
        in_phrase: start..start + words.len(),
        text: words,
        span: at,
    }
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
            let (words, at) = places.place(found.range);
            forbidden.push(Forbidden {
                touchpoint,
                forbid,
                phrase,
                span: at,
                // Set by `set_lines`, with every other position at once.
                line: 0,
                text: words,
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
