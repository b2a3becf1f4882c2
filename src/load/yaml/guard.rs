//! Checks made on the raw text before any parser reads it: characters YAML
//! does not allow, and too many brackets open at once.
//!
//! Both are written by hand because no parser does them the way we need.
//! libyaml refuses a forbidden character too, but with its offset only in
//! its message, so the finding could not point at it. And the bracket limit
//! must hold *before* libyaml runs: libyaml refuses more than 128 levels of
//! nesting only after scanning the whole file, in time quadratic in the
//! depth of `[` and `{` (see the module doc of [`super`]).

use super::errors::{invalid, point};
use super::spans::quote_end;
use super::MAX_OPEN_BRACKETS;
use crate::finding::Finding;
use crate::source::FileId;

/// Refuses `text` (whose YAML starts at `body_start`, after any byte order
/// mark) if it holds a character YAML does not allow or opens more than
/// [`MAX_OPEN_BRACKETS`] brackets at once.
pub(super) fn check(file: FileId, text: &str, body_start: usize) -> Result<(), Box<Finding>> {
    let body = &text[body_start..];
    if let Some((at, c)) = body.char_indices().find(|&(_, c)| !allowed_in_yaml(c)) {
        return Err(invalid(
            point(file, text, body_start + at),
            "this character",
            format!(
                "this file holds U+{:04X}, a character YAML does not allow",
                u32::from(c)
            ),
            format!(
                "delete it, or write it `\\u{:04X}` inside double quotes",
                u32::from(c)
            ),
        ));
    }
    if let Some(at) = find_bracket(body, |open| open > MAX_OPEN_BRACKETS) {
        return Err(invalid(
            point(file, text, body_start + at),
            "this bracket",
            format!("this YAML has more than {MAX_OPEN_BRACKETS} brackets open at once"),
            "a policy nests a few levels at most: look for brackets left open",
        ));
    }
    Ok(())
}

/// What libyaml's reader accepts: printable Unicode, tab and line breaks.
fn allowed_in_yaml(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// The first bracket after which `stop` holds for the number of brackets
/// open. Quoted strings and comments are skipped, taking a quote to open a
/// string where a YAML token can start; this is close to libyaml's reading
/// but not the same, so a file crafted to tell them apart could still hide
/// brackets from the limit, costing time, never memory.
fn find_bracket(text: &str, stop: impl Fn(usize) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = 0usize;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let after = |set: &[u8]| at == 0 || set.contains(&bytes[at - 1]);
        match byte {
            b'[' | b'{' | b']' | b'}' => {
                open = match byte {
                    b'[' | b'{' => open + 1,
                    _ => open.saturating_sub(1),
                };
                if stop(open) {
                    return Some(at);
                }
            }
            // A quote that never closes is taken as a plain character.
            b'\'' | b'"' if after(b" \t\r\n[{,:") => {
                at = quote_end(text.as_bytes(), at).unwrap_or(at)
            }
            b'#' if after(b" \t\r\n") => {
                at += bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(bytes.len() - at);
            }
            _ => {}
        }
        at += 1;
    }
    None
}
