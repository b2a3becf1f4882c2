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
    for (at, token) in tokens.iter().enumerate() {
        let previous = at.checked_sub(1).map(|p| tokens[p].kind);
        if token.kind == Kind::Comment && token.breaks_before == 0 && previous.is_some() {
            // An end-of-line comment stays at the end of its line.
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
    out
}

/// Whether the line starting at token `at` continues a statement: its first
/// code token (a comment line looks ahead) starts nothing and closes nothing.
fn is_continuation(tokens: &[Token], at: usize, starts: &HashSet<usize>) -> bool {
    tokens[at..]
        .iter()
        .find(|token| token.kind != Kind::Comment)
        .is_some_and(|token| token.kind != Kind::CloseBrace && !starts.contains(&token.start))
}
