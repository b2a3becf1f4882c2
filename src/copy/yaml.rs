//! YAML copy: the string values of a file, each a block of its own. Call
//! scripts are the usual case: a mapping of steps, a list of them, or both.
//!
//! Keys are not copy (they name things for the script's writer, not the
//! customer), nor are comments, numbers, booleans and nulls. Reading and
//! locating the YAML is [`crate::load::yaml`]'s job: every scalar's span is
//! its content, in block and flow style alike (a block scalar's from its
//! first content line, after the `|` or `>` header). This module maps each
//! string back onto that text: verbatim where the text is the string, else
//! line by line where each line's text stands in the string in order with
//! only whitespace between (block scalars, folded plain and quoted scalars),
//! else through its quoting where it is quoted (escapes), else as one
//! decoded piece over the whole scalar (aliases).

use super::{CopyBuilder, CopyError};
use std::ops::Range;

pub(super) fn extract(file_text: &str, builder: &mut CopyBuilder) -> Result<(), CopyError> {
    let values = crate::load::yaml::string_values(file_text)
        .map_err(|(message, span)| CopyError { message, span })?;
    for value in values {
        write_value(file_text, &value.text, value.span, builder);
        builder.block_break();
    }
    Ok(())
}

/// Appends the string `value`, read from `file_text[span]`.
fn write_value(file_text: &str, value: &str, span: Range<usize>, builder: &mut CopyBuilder) {
    let text = &file_text[span.clone()];
    if text == value {
        builder.verbatim(span.start, value);
    } else if let Some(pieces) = line_by_line(text, value) {
        for piece in pieces {
            match piece {
                Piece::Line(at, line) => builder.verbatim(span.start + at, line),
                Piece::Between(between, range) => {
                    builder.decoded(between, span.start + range.start..span.start + range.end);
                }
            }
        }
    } else if let Some(runs) = crate::load::yaml::quoted_runs(file_text, span.clone(), value) {
        for run in runs {
            if run.verbatim {
                builder.verbatim(run.source.start, &value[run.value]);
            } else {
                builder.decoded(&value[run.value], run.source);
            }
        }
    } else {
        builder.decoded(value, span);
    }
}

/// A part of a string found in its text.
enum Piece<'v> {
    /// A line's text, at its offset in the text.
    Line(usize, &'v str),
    /// Whitespace of the string that stands for the text's range between
    /// two lines (a line break and indentation, which folding makes a space).
    Between(&'v str, Range<usize>),
}

/// Cuts `value` into the texts of the lines of `text` and what stands
/// between them, if each line's text, without its indentation, comes next
/// in the string after nothing but whitespace.
fn line_by_line<'v>(text: &str, value: &'v str) -> Option<Vec<Piece<'v>>> {
    let mut pieces = Vec::new();
    let mut line_start = 0;
    let mut text_at = 0;
    let mut value_at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_matches([' ', '\t', '\r', '\n']);
        // A lone `\r` breaks lines in YAML too: one may lead a `\n`-split line.
        let indented = line.trim_start_matches([' ', '\t', '\r']);
        let content_start = line_start + (line.len() - indented.len());
        line_start += line.len();
        if content.is_empty() {
            continue;
        }
        let rest = &value[value_at..];
        let between = &rest[..rest.len() - rest.trim_start().len()];
        let found = value_at + between.len();
        let line = value[found..]
            .get(..content.len())
            .filter(|&line| line == content)?;
        if !between.is_empty() {
            pieces.push(Piece::Between(between, text_at..content_start));
        }
        pieces.push(Piece::Line(content_start, line));
        text_at = content_start + content.len();
        value_at = found + content.len();
    }
    let rest = &value[value_at..];
    if !rest.trim_start().is_empty() {
        return None;
    }
    if !rest.is_empty() {
        pieces.push(Piece::Between(rest, text_at..text.len()));
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_copy, never_panics};
    use super::super::{
        extract,
        CopyKind::{self, Yaml},
    };

    #[test]
    fn string_values_are_copy_and_keys_comments_and_numbers_are_not() {
        let text = concat!(
            "# free shipping on every call\n",
            "free shipping: Thanks for calling # free shipping\n",
            "steps:\n",
            "  - Returns are free within 30 days\n",
            "  - 3\n  - true\n  - ~\n",
            "  - 'it''s on us'\n",
        );
        assert_copy(
            Yaml,
            text,
            "Thanks for calling¶Returns are free within 30 days¶it's on us¶",
            &[
                ("within 30 days", "within 30 days"),
                ("it's on us", "it''s on us"),
            ],
        );
    }

    #[test]
    fn block_scalars_are_mapped_line_by_line() {
        let text = concat!(
            "close: |\n",
            "  Free returns\n",
            "  within 30 days.\n",
            "\n",
            "  Thank you!\n",
            "folded: >-\n",
            "  Next-day delivery\n",
            "  on every order\n",
            "plain: one\n",
            "  two\n",
        );
        assert_copy(
            Yaml,
            text,
            concat!(
                "Free returns\nwithin 30 days.\n\nThank you!\n¶",
                "Next-day delivery on every order¶one two¶"
            ),
            &[
                ("within 30 days", "within 30 days"),
                ("returns\nwithin", "returns\n  within"),
                ("delivery on", "delivery\n  on"),
                ("one two", "one\n  two"),
            ],
        );
    }

    #[test]
    fn flow_values_and_block_lines_that_start_like_a_header_are_exact() {
        let text = concat!(
            "steps: [Free returns, \"within 30 days\"]\n",
            "quote: |\n",
            "  > 60-day returns\n",
            "  | on every order\n",
        );
        assert_copy(
            Yaml,
            text,
            "Free returns¶within 30 days¶> 60-day returns\n| on every order\n¶",
            &[
                ("Free returns", "Free returns"),
                ("30 days", "30 days"),
                ("60-day returns\n|", "60-day returns\n  |"),
            ],
        );
    }

    #[test]
    fn an_escape_stands_for_its_source_and_the_text_around_it_is_exact() {
        assert_copy(
            Yaml,
            "say: \"It\\u2019s free\"\nthen: 'it''s\n  \\t'\n",
            "It’s free¶it's \\t¶",
            &[("free", "free"), ("’", "\\u2019"), ("'s \\t", "''s\n  \\t")],
        );
    }

    #[test]
    fn any_shape_tags_and_keys_that_are_not_text() {
        assert_copy(
            Yaml,
            "- say: Hi\n  then: Bye\n- Thanks\n",
            "Hi¶Bye¶Thanks¶",
            &[],
        );
        assert_copy(Yaml, "Just one line\n", "Just one line¶", &[]);
        assert_copy(
            Yaml,
            "1: Step one\ntrue: !note Step two\n",
            "Step one¶Step two¶",
            &[("Step two", "Step two")],
        );
    }

    #[test]
    fn yaml_that_does_not_parse_is_an_error_at_its_place() {
        for (text, message, at) in [
            (
                "greet: Hello\nclose: a: b\n",
                "this YAML does not parse: mapping values are not allowed in this context",
                ":",
            ),
            (
                "a: x\n---\nb: y\n",
                "this copy file holds more than one YAML document",
                "---",
            ),
        ] {
            let error = extract(Yaml, text).unwrap_err();
            assert_eq!(error.message, message);
            assert_eq!(&text[error.span.clone()], at);
            assert_eq!(error.span.start, text.rfind(at).unwrap());
        }
    }

    #[test]
    fn curly_quotes_line_endings_byte_order_mark_and_empty_files() {
        assert_copy(
            Yaml,
            "\u{feff}greet: “Free” shipping — it’s on us\r\nclose: |\r\n  Bye\r\n  now\r\n",
            "“Free” shipping — it’s on us¶Bye\nnow\n¶",
            &[
                ("“Free” shipping", "“Free” shipping"),
                ("Bye\nnow", "Bye\r\n  now"),
            ],
        );
        for empty in ["", "\u{feff}", "# nothing\n", "---\n"] {
            assert_copy(Yaml, empty, "", &[]);
        }
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "a", "key", "é€", " ", "  ", "\t", "\n", "\r\n", "\u{feff}", ": ", "- ", "#", "'", "\"",
        "\\", "\\u2019", "[", "]", "{", "}", ", ", "&a ", "*a", "!t ", "|", ">", "|-", "---", "~",
        "1", "true",
    ];

    never_panics!(CopyKind::Yaml, FRAGMENTS);
}
