//! The way back through a quoted scalar's quoting: which bytes of the file
//! each part of its decoded string was read from.
//!
//! A quoted string is mostly its own text; an escape (`\"`, `\u00e9`, `''`)
//! or a folded line break is not. [`runs`] cuts the string into runs that
//! are the file's bytes as they are, so a phrase inside one has its exact
//! span (and a fix can replace it), and runs that stand for their source as
//! a whole.

use std::ops::Range;

/// A part of a decoded string and the file's bytes it was read from.
#[derive(Debug, PartialEq)]
pub struct Run {
    /// Where the part stands in the decoded string.
    pub value: Range<usize>,
    /// Where it stands in the file.
    pub source: Range<usize>,
    /// The file's bytes are the part itself, byte for byte.
    pub verbatim: bool,
}

/// The runs of `value`, the string decoded from the quoted scalar whose
/// content (inside its quotes) is `file_text[span]`. `None` when no quotes
/// surround the span, or the quoting read here does not give `value`: the
/// caller then knows the string only as a whole.
pub fn runs(file_text: &str, span: Range<usize>, value: &str) -> Option<Vec<Run>> {
    let quote = file_text[..span.start].chars().next_back()?;
    if !matches!(quote, '"' | '\'') || !file_text[span.end..].starts_with(quote) {
        return None;
    }
    let mut unquoted = Unquoted {
        runs: Vec::new(),
        decoded: String::new(),
        offset: span.start,
    };
    let content = &file_text[span];
    let mut at = 0;
    while let Some(c) = content[at..].chars().next() {
        let rest = &content[at..];
        let (text, length) = match c {
            '\'' if quote == '\'' && rest.starts_with("''") => (Decoded::Text("'"), 2),
            '\\' if quote == '"' => escape(rest)?,
            ' ' | '\t' | '\r' | '\n' => {
                let length = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
                match crate::source::line_breaks(rest.as_bytes(), 0..length).count() {
                    0 => (Decoded::Verbatim, length),
                    1 => (Decoded::Text(" "), length),
                    breaks => (Decoded::Breaks(breaks - 1), length),
                }
            }
            _ => (Decoded::Verbatim, c.len_utf8()),
        };
        unquoted.push(text, at..at + length, rest);
        at += length;
    }
    (unquoted.decoded == value).then_some(unquoted.runs)
}

/// What a stretch of quoted text decodes to.
enum Decoded {
    /// Itself.
    Verbatim,
    Text(&'static str),
    /// A character, from an escape.
    Char(char),
    /// Line breaks: folding keeps all but the first.
    Breaks(usize),
}

/// The runs found so far and the string they decode to.
struct Unquoted {
    runs: Vec<Run>,
    decoded: String,
    /// Where the scalar's content starts in the file.
    offset: usize,
}

impl Unquoted {
    /// Adds what the content's bytes `local` (which start `rest`) decode to.
    fn push(&mut self, text: Decoded, local: Range<usize>, rest: &str) {
        let start = self.decoded.len();
        match text {
            Decoded::Verbatim => self.decoded.push_str(&rest[..local.len()]),
            Decoded::Text(text) => self.decoded.push_str(text),
            Decoded::Char(c) => self.decoded.push(c),
            Decoded::Breaks(count) => self.decoded.extend(std::iter::repeat_n('\n', count)),
        }
        let verbatim = matches!(text, Decoded::Verbatim);
        let source = self.offset + local.start..self.offset + local.end;
        match self.runs.last_mut() {
            Some(last) if verbatim && last.verbatim && last.source.end == source.start => {
                last.source.end = source.end;
                last.value.end = self.decoded.len();
            }
            _ => self.runs.push(Run {
                value: start..self.decoded.len(),
                source,
                verbatim,
            }),
        }
    }
}

/// The escape that starts `rest` (at its backslash) in a double-quoted
/// scalar, and its length; `None` for one YAML does not have.
fn escape(rest: &str) -> Option<(Decoded, usize)> {
    let after = rest[1..].chars().next()?;
    let simple = match after {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' | '"' | '/' | '\\' => after,
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => {
            let digits = match after {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = rest.get(2..2 + digits)?;
            let code = u32::from_str_radix(hex, 16).ok()?;
            return Some((Decoded::Char(char::from_u32(code)?), 2 + digits));
        }
        // An escaped line break joins the lines, without the indentation
        // of the next.
        '\r' | '\n' => {
            let line_break = if rest[1..].starts_with("\r\n") { 2 } else { 1 };
            let next = &rest[1 + line_break..];
            let indent = next.len() - next.trim_start_matches([' ', '\t']).len();
            return Some((Decoded::Text(""), 1 + line_break + indent));
        }
        _ => return None,
    };
    Some((Decoded::Char(simple), 1 + after.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase of each run, with the file's text it was read from.
    fn read(file_text: &str, value: &str) -> Option<Vec<(String, String, bool)>> {
        let open = file_text.find(['"', '\'']).unwrap() + 1;
        let close = file_text.rfind(['"', '\'']).unwrap();
        let runs = runs(file_text, open..close, value)?;
        let shown = |run: Run| {
            let decoded = value[run.value].to_owned();
            (decoded, file_text[run.source].to_owned(), run.verbatim)
        };
        Some(runs.into_iter().map(shown).collect())
    }

    fn run(value: &str, source: &str, verbatim: bool) -> (String, String, bool) {
        (value.to_owned(), source.to_owned(), verbatim)
    }

    #[test]
    fn escapes_stand_for_their_source_and_the_rest_is_itself() {
        let text = r#"say: "We say \"hi\" \u00e9. Free returns""#;
        assert_eq!(
            read(text, "We say \"hi\" é. Free returns").unwrap(),
            [
                run("We say ", "We say ", true),
                run("\"", "\\\"", false),
                run("hi", "hi", true),
                run("\"", "\\\"", false),
                run(" ", " ", true),
                run("é", "\\u00e9", false),
                run(". Free returns", ". Free returns", true),
            ]
        );
        let text = "say: 'It''s simple: free returns.'";
        assert_eq!(
            read(text, "It's simple: free returns.").unwrap(),
            [
                run("It", "It", true),
                run("'", "''", false),
                run("s simple: free returns.", "s simple: free returns.", true),
            ]
        );
    }

    #[test]
    fn line_breaks_fold_and_escaped_ones_join() {
        let text = "say: \"Free\n  returns\n\n  within \\\n  30 days\"";
        assert_eq!(
            read(text, "Free returns\nwithin 30 days").unwrap(),
            [
                run("Free", "Free", true),
                run(" ", "\n  ", false),
                run("returns", "returns", true),
                run("\n", "\n\n  ", false),
                run("within ", "within ", true),
                run("", "\\\n  ", false),
                run("30 days", "30 days", true),
            ]
        );
    }

    #[test]
    fn a_string_read_otherwise_is_not_cut() {
        // Not what the quoting gives: known only as a whole.
        assert_eq!(read("say: \"a\\tb\"", "a b"), None);
        assert_eq!(read("say: \"a\\qb\"", "aqb"), None);
        assert_eq!(runs("say: plain", 5..10, "plain"), None);
    }
}
