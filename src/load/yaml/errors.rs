//! Findings for YAML that cannot be read: serde_yaml's errors and our own
//! decoder's refusals, translated into `invalid-policy-file` findings at the
//! error's place, with words of our own and a hint at the likely fix.
//!
//! libyaml's messages are kept (without their positions, which the finding
//! shows) for syntax errors, since they name the problem precisely; the
//! errors a policy writer is likely to meet get a hint chosen from the
//! message, but where the cause is a line indented off its siblings
//! (`indent.rs` finds it), the finding names that line instead. The helpers
//! that turn an offset into a span to underline are here too: a point, a
//! token, a line.

use super::indent::{self, Slip};
use super::{spans, Purpose, MAX_DEPTH, MAX_EXPANDED_BYTES};
use crate::finding::codes::INVALID_POLICY_FILE;
use crate::finding::{Finding, Label};
use crate::source::{floor_char_boundary, FileId, Span};

/// What went wrong in our own visitor rather than in serde_yaml. A serde error
/// carries only a message and a position, so the kind travels beside it.
pub(super) enum Problem {
    KeyNotText(&'static str),
    Tagged(String),
    TooLarge,
    TooDeep,
}

// serde_yaml's messages for the errors that need their own words. The crate
// is archived, so they will not change under us.
const RECURSION_LIMIT: &str = "recursion limit exceeded";
const REPETITION_LIMIT: &str = "repetition limit exceeded";
const MORE_THAN_ONE_DOCUMENT: &str = "deserializing from YAML containing more than one document";

/// What the decoder was doing when serde_yaml failed.
pub(super) struct Failure<'t> {
    pub file: FileId,
    /// The whole file's text; its YAML starts at `body_start`.
    pub text: &'t str,
    pub body_start: usize,
    pub purpose: Purpose,
    pub max_depth: usize,
    /// What our own decoder refused, if the error is its.
    pub problem: Option<Problem>,
}

/// Turns a serde_yaml error, or a `problem` our decoder raised through it,
/// into a finding at the error's place. serde_yaml's `index` is a byte offset
/// into what it was given (checked with multi-byte text in the tests).
pub(super) fn translate(failure: Failure, error: &serde_yaml::Error) -> Box<Finding> {
    let Failure {
        file,
        text,
        body_start,
        ..
    } = failure;
    let at = error
        .location()
        .map_or(body_start, |location| body_start + location.index());
    let alias_hint = "policy files need no anchors or aliases: write each value out";
    match failure.problem {
        Some(Problem::KeyNotText(kind)) => invalid(
            token_span(file, text, at),
            "this key",
            format!("this key is {kind}, but a field name must be text"),
            "name fields with words, like `window` or `restocking_fee`",
        ),
        Some(Problem::Tagged(tag)) => invalid(
            token_span(file, text, at),
            "this tag",
            format!(
                "policy files do not use YAML tags like `!{}`",
                tag.trim_start_matches('!')
            ),
            "remove the tag: the value's own text says what it is",
        ),
        Some(Problem::TooLarge) => invalid(
            token_span(file, text, at),
            "expansion stopped here",
            format!(
                "this YAML expands to more than {} MiB of values, through its aliases",
                MAX_EXPANDED_BYTES >> 20
            ),
            alias_hint,
        ),
        Some(Problem::TooDeep) => too_deep(file, text, at, failure.max_depth),
        None => {
            let reason = strip_positions(&error.to_string());
            if reason.starts_with(RECURSION_LIMIT) {
                too_deep(file, text, at, MAX_DEPTH)
            } else if reason.starts_with(REPETITION_LIMIT) {
                invalid(
                    point(file, text, at),
                    "this file",
                    "this YAML repeats its aliases too many times to expand",
                    alias_hint,
                )
            } else if reason.starts_with(MORE_THAN_ONE_DOCUMENT) {
                if let Some(slip) = indent::document_split(text, body_start) {
                    return misindented(file, text, &slip);
                }
                let at = spans::second_document(text, body_start).unwrap_or(0);
                invalid(
                    token_span(file, text, at),
                    "a second document starts here",
                    match failure.purpose {
                        Purpose::Policy => "this policy file holds more than one YAML document",
                        Purpose::Copy => "this copy file holds more than one YAML document",
                    },
                    "a policy file is one mapping: move the rest to a file of its own",
                )
            } else if let Some(slip) = indent::after_error(text, body_start, at) {
                misindented(file, text, &slip)
            } else {
                let hint = syntax_hint(&reason);
                invalid(
                    point(file, text, at),
                    "here",
                    format!("this YAML does not parse: {reason}"),
                    hint,
                )
            }
        }
    }
}

/// An `invalid-policy-file` finding.
pub(super) fn invalid(
    span: Span,
    label: &str,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Box<Finding> {
    Box::new(Finding::new(&INVALID_POLICY_FILE, Label::new(span, label), message).with_hint(hint))
}

/// A line indented unlike its siblings, at its indentation.
pub(super) fn misindented(file: FileId, text: &str, slip: &Slip) -> Box<Finding> {
    let span = if slip.indent > 0 {
        Span::new(file, slip.start, slip.start + slip.indent)
    } else {
        point(file, text, slip.start)
    };
    let mut message = format!(
        "line {} is indented {}, its siblings {}",
        slip.number,
        spaces(slip.indent),
        slip.siblings
    );
    if slip.merged {
        message.push_str(", so YAML reads it as more words of the item above");
    }
    let hint = match slip.siblings {
        0 => "align it with its siblings, at the start of the line".to_owned(),
        siblings => format!("align it with its siblings: indent it {}", spaces(siblings)),
    };
    invalid(
        span,
        &format!("indented {}", spaces(slip.indent)),
        message,
        hint,
    )
}

fn spaces(count: usize) -> String {
    match count {
        1 => "1 space".to_owned(),
        _ => format!("{count} spaces"),
    }
}

/// Lists and mappings nested more than `max` levels deep, found at `at`.
fn too_deep(file: FileId, text: &str, at: usize, max: usize) -> Box<Finding> {
    invalid(
        point(file, text, at),
        "one level too deep",
        format!("this YAML nests lists and mappings more than {max} levels deep"),
        "a policy nests a few levels at most: look for brackets left open \
         (the limit is `max-nesting` in promiselint.toml's [limits])",
    )
}

fn syntax_hint(reason: &str) -> &'static str {
    if reason.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, like `note: \"a: b\"`"
    } else if reason.contains("cannot start any token") {
        "indent with spaces, not tabs, and quote a value that starts with `@`, `%` or `` ` ``"
    } else if reason.contains("did not find expected key") {
        "line up the keys of one mapping at the same indentation"
    } else {
        "check the indentation and the quotes on this line and the one before"
    }
}

/// serde_yaml's message without its " at line L column C" and " at position
/// N": the finding shows where.
pub(super) fn strip_positions(message: &str) -> String {
    fn digits(s: &str) -> &str {
        s.trim_start_matches(|c: char| c.is_ascii_digit())
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(found) = rest.find(" at ") {
        out.push_str(&rest[..found]);
        let after = &rest[found + 4..];
        let skipped = after
            .strip_prefix("line ")
            .and_then(|s| digits(s).strip_prefix(" column "))
            .or_else(|| after.strip_prefix("position "))
            .map(digits);
        match skipped {
            Some(skipped) => rest = skipped,
            None => {
                out.push_str(" at ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character at `at`, or an empty span at a line break or the end.
pub(super) fn point(file: FileId, text: &str, at: usize) -> Span {
    let at = floor_char_boundary(text, at);
    let len = text[at..]
        .chars()
        .next()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map_or(0, char::len_utf8);
    Span::new(file, at, at + len)
}

/// The key or value starting at `at`: up to the end of its line, a comment, or
/// a `: ` after it.
fn token_span(file: FileId, text: &str, at: usize) -> Span {
    let at = floor_char_boundary(text, at);
    let bytes = text.as_bytes();
    let mut end = at;
    while let Some(&byte) = bytes.get(end) {
        let ends = match byte {
            b'\n' | b'\r' => true,
            b':' => matches!(
                bytes.get(end + 1),
                None | Some(b' ' | b'\t' | b'\n' | b'\r')
            ),
            b'#' => end > at && matches!(bytes[end - 1], b' ' | b'\t'),
            _ => false,
        };
        if ends {
            break;
        }
        end += 1;
    }
    let end = at + text[at..end].trim_end_matches([' ', '\t']).len();
    if end > at {
        Span::new(file, at, end)
    } else {
        point(file, text, at)
    }
}

/// The line holding `at`, without its indentation or its line break.
pub(super) fn whole_line(file: FileId, text: &str, at: usize) -> Span {
    let at = floor_char_boundary(text, at);
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let start = text[..at].rfind(is_break).map_or(0, |found| {
        found + text[found..].chars().next().map_or(1, char::len_utf8)
    });
    let start = start.max(crate::source::text_start(text));
    let end = text[at..]
        .find(is_break)
        .map_or(text.len(), |found| at + found);
    let indent = text[start..end].len() - text[start..end].trim_start_matches(' ').len();
    Span::new(file, start + indent, end)
}
