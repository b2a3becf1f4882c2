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
use crate::copy::{self, CopyKind, Expectation, SuppressionKind};
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
pub struct SuppressionEdit {
    /// Where each line goes (a byte offset where a line starts, or the end
    /// of the text) and the line itself, in file order: one
    /// `disable-next-line`, or a `disable` and its `enable` (none when the
    /// region runs to the end of the file).
    pub insertions: Vec<(usize, String)>,
    /// The 1-based lines of the file as it is that the comments cover.
    pub lines: Range<usize>,
}

/// The comments that suppress `rule`'s finding starting at byte `at` of a
/// copy file of `kind` whose text is `text`, if any place for them leaves
/// its copy as it reads.
pub fn suppress(kind: CopyKind, text: &str, at: usize, rule: &Rule) -> Option<SuppressionEdit> {
    if kind == CopyKind::Text {
        return None;
    }
    let file = File::read(kind, text)?;
    let line = file.starts.partition_point(|&start| start <= at).max(1) - 1;
    let covered = Some((rule, line + 1));
    let mut next_line = file.comment(line, &format!("{DISABLE_NEXT_LINE} {}", rule.name), true);
    if let Some(insertion) = next_line.find(|one| file.keeps(std::slice::from_ref(one), covered)) {
        return Some(SuppressionEdit {
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
    let closed = (line + 1..=last_place).find_map(|below| {
        let mut tried = file.comment(below, &enable, false);
        let pair = |close: &(usize, String)| [open.clone(), close.clone()];
        tried
            .find(|close| file.keeps(&pair(close), covered))
            .map(|close| (close, below))
    });
    match closed {
        Some((close, after)) => Some(SuppressionEdit {
            insertions: vec![open, close],
            lines: first + 1..after + 1,
        }),
        // No `enable` fits before the end of the file (a block scalar on
        // the last line, with no line break after it): the region runs to
        // the end, and so covers nothing but the block.
        None if last_place == file.starts.len() => {
            let open = [open];
            file.keeps(&open, covered).then(|| SuppressionEdit {
                insertions: open.into(),
                lines: first + 1..file.starts.len() + 1,
            })
        }
        None => None,
    }
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
        // The old line each comment goes before, and its number in the new
        // text; an old line's new number is one more for each comment before it.
        let lines_before: Vec<usize> = insertions
            .iter()
            .map(|(at, _)| self.line_number(*at))
            .collect();
        let inserted: Vec<usize> = lines_before
            .iter()
            .enumerate()
            .map(|(i, at)| at + i)
            .collect();
        let moved = |line: usize| line + lines_before.iter().filter(|&&at| at <= line).count();
        // The old lines from a new line on: those of the lines at and after it.
        let old = |line: usize| match line {
            usize::MAX => line,
            _ => line - inserted.iter().filter(|&&at| at < line).count(),
        };
        let old_lines = |lines: &Range<usize>| old(lines.start)..old(lines.end);
        let theirs = new
            .suppressions
            .iter()
            .filter(|s| !ours.iter().any(|range| range.contains(&s.span.start)));
        let suppressions = theirs
            .map(|s| (s.kind, old_lines(&s.lines), &s.rules))
            .eq(self
                .comments
                .suppressions
                .iter()
                .map(|s| (s.kind, s.lines.clone(), &s.rules)));
        let about = |e: &Expectation| old_lines(&(e.line..e.line + 1));
        let expectations = new
            .expectations
            .iter()
            .map(|e| (about(e), &e.rules, e.none));
        let expectations = expectations.eq(self
            .comments
            .expectations
            .iter()
            .map(|e| (e.line..e.line + 1, &e.rules, e.none)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::codes::BROKEN_PROMISE;

    /// `text` with the suppression of a broken promise at `phrase` made,
    /// if one is offered.
    fn suppressed(kind: CopyKind, text: &str, phrase: &str) -> Option<String> {
        let at = text.find(phrase).expect("the phrase is in the text");
        let suppress = suppress(kind, text, at, &BROKEN_PROMISE)?;
        let mut out = text.to_owned();
        for (at, line) in suppress.insertions.iter().rev() {
            out.insert_str(*at, line);
        }
        Some(out)
    }

    #[test]
    fn the_line_above_where_the_copy_reads_the_same() {
        assert_eq!(
            suppressed(CopyKind::Markdown, "Hi\r\n\r\n  60-day returns\r\n", "60").as_deref(),
            Some("Hi\r\n\r\n  <!-- promiselint-disable-next-line broken-promise -->\r\n  60-day returns\r\n")
        );
        assert_eq!(
            suppressed(CopyKind::Yaml, "- Hi\n- 60-day returns", "60").as_deref(),
            Some("- Hi\n# promiselint-disable-next-line broken-promise\n- 60-day returns")
        );
    }

    #[test]
    fn a_region_around_a_block_no_comment_can_stand_inside() {
        for (kind, text, expected) in [
            // YAML reads a comment line in a block scalar as its text.
            (
                CopyKind::Yaml,
                "say: |\n  Hi\n  60-day returns\nnext: x",
                "# promiselint-disable broken-promise\nsay: |\n  Hi\n  60-day returns\n\
                 # promiselint-enable broken-promise\nnext: x",
            ),
            // At the end of a file without a last line break, a line break
            // would end the string with one: the region runs to the end.
            (
                CopyKind::Yaml,
                "say: |\n  Hi\n  60-day returns",
                "# promiselint-disable broken-promise\nsay: |\n  Hi\n  60-day returns",
            ),
            // A comment line between table rows ends the table.
            (
                CopyKind::Markdown,
                "| a |\n|---|\n| 60-day returns |\n\nNext\n",
                "<!-- promiselint-disable broken-promise -->\n| a |\n|---|\n| 60-day returns |\n\
                 <!-- promiselint-enable broken-promise -->\n\nNext\n",
            ),
            // A title shows a comment as text, though the copy read is the same.
            (
                CopyKind::Html,
                "<title>\n60-day returns\n</title>\n<p>Hi</p>\n",
                "<!-- promiselint-disable broken-promise -->\n<title>\n60-day returns\n</title>\n\
                 <!-- promiselint-enable broken-promise -->\n<p>Hi</p>\n",
            ),
            // Nor does a comment go inside a tag that runs over lines.
            (
                CopyKind::Html,
                "<img\n  alt=\"60-day returns\">\n",
                "<!-- promiselint-disable broken-promise -->\n<img\n  alt=\"60-day returns\">\n  \
                 <!-- promiselint-enable broken-promise -->\n",
            ),
        ] {
            assert_eq!(suppressed(kind, text, "60").as_deref(), Some(expected));
        }
    }

    #[test]
    fn comments_already_there_keep_covering_their_lines() {
        // Not between a comment and the line it is about.
        let page = "Hi\n\n<!-- promiselint-disable-next-line unread-figure -->\n60-day returns\n";
        assert_eq!(
            suppressed(CopyKind::Markdown, page, "60").as_deref(),
            Some(concat!(
                "Hi\n\n<!-- promiselint-disable broken-promise -->\n",
                "<!-- promiselint-disable-next-line unread-figure -->\n60-day returns\n",
                "<!-- promiselint-enable broken-promise -->\n"
            ))
        );
    }

    #[test]
    fn plain_text_has_no_comment_its_reader_does_not_see() {
        assert_eq!(suppressed(CopyKind::Text, "60-day returns\n", "60"), None);
    }
}
