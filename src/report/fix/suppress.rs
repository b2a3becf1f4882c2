//! Suppression comments for a finding in copy, placed where they leave the
//! copy as a reader reads it: what an editor offers beside a fix.
//!
//! The narrowest is a `disable-next-line` comment on the line above the
//! finding. But a comment line is not invisible everywhere: inside a YAML
//! block or quoted scalar it is text of the string, inside a Markdown
//! paragraph, list item or quote it ends the paragraph, inside an HTML
//! `<pre>` it is a blank line, and inside `<title>` or `<textarea>` it is
//! shown as written. So a place is taken only when, with the comment in it,
//! the file's copy reads the same to the byte (the extractors say what a
//! reader reads), every promiselint comment already there covers the lines
//! it covered, and the finding's line is covered. Where the line above is no
//! such place, a `disable`…`enable` region goes around the block instead,
//! from the nearest such place above the finding to the nearest below it.
//! Plain text has no comment a reader does not see: nothing is offered there.

use crate::copy::comments::{self, Comments, DISABLE, DISABLE_NEXT_LINE, ENABLE};
use crate::copy::SuppressionKind;
use crate::copy::{self, CopyKind};
use crate::finding::Rule;
use std::ops::Range;

/// How many lines above and below its finding a region may start and end:
/// each place tried reads the file's copy again.
const REACH: usize = 200;

/// Elements whose content is not markup (a comment in them is text, or
/// another language's) or whose line breaks show (`<pre>`): no comment line
/// goes inside them.
const VERBATIM: &[&str] = &[
    "iframe",
    "listing",
    "noembed",
    "noframes",
    "plaintext",
    "pre",
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// The comment lines that suppress one finding.
#[derive(Debug, PartialEq)]
pub struct Suppress {
    /// Where each line goes (a byte offset where a line starts, or the end
    /// of the text) and the line itself, in file order: one
    /// `disable-next-line`, or a `disable` and its `enable`.
    pub insertions: Vec<(usize, String)>,
    /// The 1-based lines of the file as it is that the comments cover.
    pub lines: Range<usize>,
}

/// The comments that suppress `rule`'s finding starting at byte `at` of a
/// copy file of `kind` whose text is `text`, if any place for them leaves
/// its copy as it reads.
pub fn suppress(kind: CopyKind, text: &str, at: usize, rule: &Rule) -> Option<Suppress> {
    if kind == CopyKind::Text {
        return None;
    }
    let file = File::read(kind, text)?;
    let line = file.starts.partition_point(|&start| start <= at).max(1) - 1;
    let covered = Some((rule, line + 1));
    let mut next_line = file.comment(line, &format!("{DISABLE_NEXT_LINE} {}", rule.name), true);
    if let Some(insertion) = next_line.find(|one| file.keeps(std::slice::from_ref(one), covered)) {
        return Some(Suppress {
            insertions: vec![insertion],
            lines: line + 1..line + 2,
        });
    }
    let disable = format!("{DISABLE} {}", rule.name);
    let (open, first) = (line.saturating_sub(REACH)..line).rev().find_map(|above| {
        let mut tried = file.comment(above, &disable, true);
        tried.find(|open| file.fits(open)).map(|open| (open, above))
    })?;
    let enable = format!("{ENABLE} {}", rule.name);
    let last_place = file.starts.len().min(line + REACH);
    let (close, after) = (line + 1..=last_place).find_map(|below| {
        let mut tried = file.comment(below, &enable, false);
        let pair = |close: &(usize, String)| [open.clone(), close.clone()];
        tried
            .find(|close| file.keeps(&pair(close), covered))
            .map(|close| (close, below))
    })?;
    Some(Suppress {
        insertions: vec![open, close],
        lines: first + 1..after + 1,
    })
}

/// A copy file as it is: what comments are placed against.
struct File<'t> {
    kind: CopyKind,
    text: &'t str,
    /// Where each line starts.
    starts: Vec<usize>,
    newline: &'static str,
    /// The copy, which every place must leave as it is.
    copy: String,
    comments: Comments,
}

impl<'t> File<'t> {
    fn read(kind: CopyKind, text: &'t str) -> Option<File<'t>> {
        let copy = copy::extract(kind, text).ok()?;
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .filter(|&start| start < text.len())
            .collect();
        Some(File {
            kind,
            text,
            starts,
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
            copy: copy.text,
            comments: copy.comments,
        })
    }

    /// The line `index` (0-based), line break included.
    fn line(&self, index: usize) -> &'t str {
        let end = self.starts.get(index + 1).copied();
        &self.text[self.starts[index]..end.unwrap_or(self.text.len())]
    }

    /// The comment `promiselint-BODY` as lines to insert before line
    /// `index` (0-based; one past the last line is the end of the text):
    /// indented as that line is or, when it is blank, as the nearest line
    /// below that is not (`downward`, for a comment that opens) or above (for
    /// one that closes), then as the nearest the other way.
    fn comment(
        &self,
        index: usize,
        body: &str,
        downward: bool,
    ) -> impl Iterator<Item = (usize, String)> + '_ {
        let indent = |index: usize| {
            let line = self.line(index);
            let content = line.trim_start_matches([' ', '\t']);
            (!content.trim().is_empty()).then(|| &line[..line.len() - content.len()])
        };
        let below = (index..self.starts.len()).find_map(indent);
        let above = (0..index.min(self.starts.len())).rev().find_map(indent);
        let mut indents = if downward {
            vec![below, above]
        } else {
            vec![above, below]
        };
        if let Some(own) = (index < self.starts.len()).then(|| indent(index)).flatten() {
            indents = vec![Some(own)];
        }
        let mut indents: Vec<&str> = indents.into_iter().map(Option::unwrap_or_default).collect();
        indents.dedup();
        let comment = comments::written(self.kind, body);
        let at = self.starts.get(index).copied().unwrap_or(self.text.len());
        let unended = at == self.text.len() && !self.text.is_empty() && !self.text.ends_with('\n');
        let newline = self.newline;
        indents.into_iter().map(move |indent| {
            let line = if unended {
                format!("{newline}{indent}{comment}")
            } else {
                format!("{indent}{comment}{newline}")
            };
            (at, line)
        })
    }

    /// Whether the comment line `insertion` alone can open a region: it
    /// leaves the copy as it reads, and stands between no comment and the
    /// line that comment is about.
    fn fits(&self, insertion: &(usize, String)) -> bool {
        let line = self.line_number(insertion.0);
        let next_line = self
            .comments
            .suppressions
            .iter()
            .filter_map(|s| (s.kind == SuppressionKind::NextLine).then_some(s.lines.start));
        let mut about = next_line.chain(self.comments.expectations.iter().map(|e| e.line));
        !about.any(|about| about == line)
            && self.inserted(std::slice::from_ref(insertion)).is_some()
    }

    /// Whether inserting `insertions` (in file order) leaves the copy as it
    /// reads and every comment already there covering what it covered, and
    /// covers line `covered` (1-based, of the file as it is) for its rule.
    fn keeps(&self, insertions: &[(usize, String)], covered: Option<(&Rule, usize)>) -> bool {
        let Some((new, ours)) = self.inserted(insertions) else {
            return false;
        };
        // A line's number in the new text: one more for each comment before it.
        let lines_before: Vec<usize> = insertions
            .iter()
            .map(|(at, _)| self.line_number(*at))
            .collect();
        let moved = |line: usize| {
            let inserted = lines_before.iter().filter(|&&at| at <= line).count();
            line.saturating_add(inserted)
        };
        let theirs = new
            .suppressions
            .iter()
            .filter(|s| !ours.iter().any(|range| range.contains(&s.span.start)));
        let suppressions = theirs.map(|s| (s.kind, s.lines.clone(), &s.rules)).eq(self
            .comments
            .suppressions
            .iter()
            .map(|s| (s.kind, moved(s.lines.start)..moved(s.lines.end), &s.rules)));
        let expectations = new.expectations.iter().map(|e| (e.line, &e.rules, e.none));
        let expectations = expectations.eq(self
            .comments
            .expectations
            .iter()
            .map(|e| (moved(e.line), &e.rules, e.none)));
        suppressions
            && expectations
            && covered.is_none_or(|(rule, line)| {
                let line = moved(line);
                new.suppressions
                    .iter()
                    .any(|s| s.covers(rule.name, rule.code, line))
            })
    }

    /// The comments of the text with `insertions` made, and where those
    /// lines are in it, if its copy reads as this file's does.
    fn inserted(&self, insertions: &[(usize, String)]) -> Option<(Comments, Vec<Range<usize>>)> {
        let markup = matches!(self.kind, CopyKind::Markdown | CopyKind::Html);
        if markup && insertions.iter().any(|(at, _)| in_markup(self.text, *at)) {
            return None;
        }
        let mut text = String::with_capacity(self.text.len() + 128);
        let (mut from, mut ours) = (0, Vec::new());
        for (at, line) in insertions {
            text.push_str(&self.text[from..*at]);
            ours.push(text.len()..text.len() + line.len());
            text.push_str(line);
            from = *at;
        }
        text.push_str(&self.text[from..]);
        let copy = copy::extract(self.kind, &text).ok()?;
        (copy.text == self.copy).then_some((copy.comments, ours))
    }

    /// The 1-based number of the line that starts at `at`, or of the line
    /// after the last for the end of the text.
    fn line_number(&self, at: usize) -> usize {
        self.starts.partition_point(|&start| start < at) + 1
    }
}

/// Whether a line inserted at `at` of HTML (or Markdown's raw HTML) would
/// stand inside a tag or comment, or inside a [`VERBATIM`] element.
fn in_markup(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let opens_markup = |c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?');
    let open = before
        .match_indices('<')
        .rev()
        .find(|(lt, _)| before[lt + 1..].starts_with(opens_markup));
    if open.is_some_and(|(lt, _)| !before[lt..].contains('>')) {
        return true;
    }
    let before = before.to_ascii_lowercase();
    VERBATIM.iter().any(|name| {
        let opened = last_tag(&before, &format!("<{name}"));
        opened.is_some() && opened > last_tag(&before, &format!("</{name}"))
    })
}

/// Where the last tag starting with `start` (`<pre`, `</pre`) is in `text`.
fn last_tag(text: &str, start: &str) -> Option<usize> {
    let ends_name = |c: char| c.is_ascii_whitespace() || c == '>' || c == '/';
    text.rmatch_indices(start)
        .map(|(at, _)| at)
        .find(|at| text[at + start.len()..].starts_with(ends_name))
}
