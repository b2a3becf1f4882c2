//! The canonical layout: where lines break, how deep they are indented, and
//! where one blank line stands.
//!
//! A line starts at every item, policy entry and statement (the parse says
//! where those are), after `{` and at `}`, after a comment, and at
//! `because`. Everything else joins the line it continues with one space,
//! none inside brackets or before a comma. So a `says` list, a list value
//! and an expression each stand on one line; a comment inside one of them
//! keeps its place and the rest continues on the next line, indented one
//! level more. Blank lines written between statements or comments are kept,
//! one for many; top-level items are always one blank line apart.
//!
//! An end-of-line comment follows its code after one space, unless it was
//! aligned with the comments of the lines next to it: comments on
//! consecutive lines that started at one column in the file start at one
//! column again, one space after the longest of those lines, as gofmt and
//! rustfmt keep them, however the code's width changed. The column is
//! chosen from the new lines only, so a second run finds the same comments
//! aligned and puts them at the same column.

use super::tokens::{Kind, Token};
use std::collections::HashSet;

const INDENT: &str = "  ";

/// Lays out `tokens`; `starts` holds the byte offsets of the items, policy
/// entries and statements. The text ends with one line break unless empty.
pub fn print(tokens: &[Token], starts: &HashSet<usize>) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    // Whether the line before this one holds code, and whether it ended a `{`.
    let mut line_has_code = false;
    let mut after_open = false;
    // The line each token is on, in the file and in `out`.
    let mut line_in = 0;
    let mut line_out = 0;
    let mut trailing = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        let previous = at.checked_sub(1).map(|p| tokens[p].kind);
        line_in += token.breaks_before;
        if token.kind == Kind::Comment && token.breaks_before == 0 && previous.is_some() {
            // An end-of-line comment stays at the end of its line.
            let line_start = out.rfind('\n').map_or(0, |at| at + 1);
            trailing.push(Trailing {
                at: out.len(),
                code_width: out[line_start..].chars().count(),
                line_in,
                line_out,
                column_in: token.column,
            });
            out.push(' ');
            out.push_str(token.text);
            continue;
        }
        let new_line = match previous {
            None => true,
            Some(previous) => {
                matches!(previous, Kind::Comment | Kind::OpenBrace)
                    || matches!(token.kind, Kind::Comment | Kind::CloseBrace)
                    || starts.contains(&token.start)
                    || token.text == "because"
            }
        };
        if new_line {
            if token.kind == Kind::CloseBrace {
                depth = depth.saturating_sub(1);
            }
            let continuation = is_continuation(tokens, at, starts);
            if previous.is_some() {
                let blank = !continuation
                    && !after_open
                    && token.kind != Kind::CloseBrace
                    && ((depth == 0 && line_has_code) || token.breaks_before >= 2);
                out.push_str(if blank { "\n\n" } else { "\n" });
                line_out += 1 + usize::from(blank);
            }
            out.push_str(&INDENT.repeat(depth + usize::from(continuation)));
            line_has_code = token.kind != Kind::Comment;
        } else if previous != Some(Kind::Opener) && token.kind != Kind::Closer {
            out.push(' ');
        }
        out.push_str(token.text);
        after_open = token.kind == Kind::OpenBrace;
        depth += usize::from(after_open);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    align(out, &trailing)
}

/// An end-of-line comment in the text being laid out.
struct Trailing {
    /// Where in the new text the space before it stands.
    at: usize,
    /// How many characters of its line precede it in the new text.
    code_width: usize,
    /// Its line in the file and in the new text.
    line_in: usize,
    line_out: usize,
    /// The column it started at in the file.
    column_in: usize,
}

/// `out` with the comments of every aligned group of `trailing` (in text
/// order) moved to one column: a group is comments on consecutive lines
/// both in the file and in `out`, which started at one column in the file.
fn align(out: String, trailing: &[Trailing]) -> String {
    let mut aligned = String::with_capacity(out.len());
    let mut copied = 0;
    let groups = trailing.chunk_by(|a, b| {
        b.line_in == a.line_in + 1 && b.line_out == a.line_out + 1 && b.column_in == a.column_in
    });
    for group in groups.filter(|group| group.len() > 1) {
        let widest = group.iter().map(|comment| comment.code_width).max();
        for comment in group {
            aligned.push_str(&out[copied..comment.at]);
            let padding = widest.unwrap_or_default() - comment.code_width;
            aligned.extend(std::iter::repeat_n(' ', padding));
            copied = comment.at;
        }
    }
    aligned.push_str(&out[copied..]);
    aligned
}

/// Whether the line starting at token `at` continues a statement: its first
/// code token (a comment line looks ahead) starts nothing and closes nothing.
fn is_continuation(tokens: &[Token], at: usize, starts: &HashSet<usize>) -> bool {
    tokens[at..]
        .iter()
        .find(|token| token.kind != Kind::Comment)
        .is_some_and(|token| token.kind != Kind::CloseBrace && !starts.contains(&token.start))
}

#[cfg(test)]
mod tests {
    use crate::source::Sources;
    use proptest::prelude::*;

    fn format(text: &str) -> String {
        let file = Sources::default().add("f.promise".into(), text);
        super::super::format(file, text).expect("the file parses")
    }

    /// The column of each line's end-of-line comment, or `None`.
    fn comment_columns(text: &str) -> Vec<Option<usize>> {
        text.lines()
            .map(|line| {
                let code = line.split(" #").next()?;
                (code.len() < line.len() && !code.trim().is_empty()).then(|| code.len() + 1)
            })
            .collect()
    }

    #[test]
    fn aligned_comments_stay_aligned_when_the_code_narrows_or_widens() {
        let text = "policy returns {\n  window=30 days        # from delivery\n  restocking_fee=15%    # opened items\n  fee = 0               # none\n}\n";
        assert_eq!(
            format(text),
            "policy returns {\n  window = 30 days     # from delivery\n  restocking_fee = 15% # opened items\n  fee = 0              # none\n}\n"
        );
        let wider = "policy returns {\n  w=30 days # a\n  restocking_fee=15% # b\n}\n";
        assert_eq!(
            format(&wider.replace("w=30 days # a", "w=30 days          # a")),
            "policy returns {\n  w = 30 days          # a\n  restocking_fee = 15% # b\n}\n"
        );
    }

    #[test]
    fn unaligned_comments_keep_one_space_and_a_blank_line_ends_a_group() {
        let text = "policy p {\n  a = 1     # one\n  bb = 2  # two\n\n  c = 3   # three\n}\n";
        assert_eq!(
            format(text),
            "policy p {\n  a = 1 # one\n  bb = 2 # two\n\n  c = 3 # three\n}\n"
        );
    }

    #[test]
    fn tabs_align_to_their_tab_stops() {
        let text = "policy p {\n  a = 1\t\t# one\n  bbbbbbbb = 2\t# two\n}\n";
        assert_eq!(
            format(text),
            "policy p {\n  a = 1        # one\n  bbbbbbbb = 2 # two\n}\n"
        );
    }

    proptest! {
        /// Fields with messy spacing and comments aligned at any column
        /// past their code: the comments share a column after formatting,
        /// one space past the longest line, and a second run changes nothing.
        #[test]
        fn aligned_comments_share_one_column(
            fields in prop::collection::vec(("f_[a-z]{0,10}", 0usize..4, 0usize..4, "[1-9][0-9]{0,3}"), 2..6),
            past in 1usize..6,
            indent in 0usize..4,
        ) {
            let lines: Vec<String> = fields
                .iter()
                .map(|(name, before, after, value)| {
                    format!("{}{name}{}={}{value} days", " ".repeat(indent), " ".repeat(*before), " ".repeat(*after))
                })
                .collect();
            let column = lines.iter().map(String::len).max().unwrap_or_default() + past;
            let body: String = lines
                .iter()
                .enumerate()
                .map(|(at, line)| format!("{line:column$}# note {at}\n"))
                .collect();
            let text = format!("policy p {{\n{body}}}\n");
            let formatted = format(&text);
            let columns: Vec<usize> = comment_columns(&formatted).into_iter().flatten().collect();
            prop_assert_eq!(columns.len(), fields.len(), "{}", formatted);
            prop_assert!(columns.iter().all(|&c| c == columns[0]), "{}", formatted);
            let widest = formatted.lines().filter_map(|line| Some(line.split_once(" #")?.0.trim_end().len())).max();
            prop_assert_eq!(Some(columns[0]), widest.map(|w| w + 1), "{}", formatted);
            prop_assert_eq!(format(&formatted), formatted);
        }
    }
}
