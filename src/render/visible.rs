//! Text from a repository made safe to print: every character that would
//! drive a terminal instead of showing shows as a visible symbol.
//!
//! A pull request's copy, policy values, promise titles and file names reach
//! the human-facing formats; an `ESC ] 0 ; … BEL` there would retitle the
//! reader's terminal, an `ESC [ 2 J` clear it, a line feed forge a line of
//! output, and a bidi override reorder what the reader sees (Trojan Source).
//! C0 controls and DEL become their Unicode Control Pictures (U+2400–U+2421,
//! as rustc shows `␛`); C1 controls and every character a reader does not
//! see (bidi embeddings, overrides, isolates and marks, zero-width
//! characters, variation selectors: [`is_invisible`]) become `\u{…}`, so
//! that a reviewer sees what hides inside `6\u{2060}0-day`. Every human-facing renderer passes the text it
//! did not write through [`visible`], and the human format's snippets
//! through [`VisibleSource`].

use crate::copy::normalize::is_invisible;
use std::borrow::Cow;

/// What `c` shows as, or `None` when it shows as itself.
fn symbol(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).map(|p| p.to_string().into()),
        '\u{7f}' => Some("\u{2421}".into()),
        '\u{80}'..='\u{9f}' => Some(format!("\\u{{{:x}}}", u32::from(c)).into()),
        c if is_invisible(c) => Some(format!("\\u{{{:x}}}", u32::from(c)).into()),
        _ => None,
    }
}

/// `text` on one line with nothing in it a terminal would obey: line breaks
/// and tabs too show as symbols, so a value never breaks a line of output.
pub fn visible(text: &str) -> Cow<'_, str> {
    shown(text, |_| false)
}

/// `text` with its line feeds kept and everything else a terminal would
/// obey shown as symbols: for a message written across lines on purpose,
/// whose repository-given parts are each [`visible`] already, so that none
/// of them can add a line.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    shown(text, |c| c == '\n')
}

/// `text` with every character a terminal would obey, but those it must
/// `keep`, shown as its symbol.
fn shown(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let hidden = |c: char| !keep(c) && symbol(c).is_some();
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match symbol(c) {
            Some(symbol) if !keep(c) => shown.push_str(&symbol),
            _ => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// A file's text as a snippet shows it: its lines kept, everything else
/// [`visible`], with the way back and forth between offsets in the file and
/// offsets in the shown text.
#[derive(Debug)]
pub(crate) struct VisibleSource {
    text: String,
    /// After each character that shows longer than it is: its end in the
    /// file, and in the shown text.
    shifts: Vec<(usize, usize)>,
}

impl VisibleSource {
    /// Line feeds, CR LF pairs and tabs stay as they are; a lone carriage
    /// return, a line break to promiselint, becomes a line feed, the one
    /// the snippet drawer also takes for a line break.
    pub(crate) fn new(file: &str) -> VisibleSource {
        let mut text = String::with_capacity(file.len());
        let mut shifts = Vec::new();
        let mut chars = file.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match (c, symbol(c)) {
                ('\n' | '\t', _) => text.push(c),
                ('\r', _) if chars.peek().is_some_and(|&(_, next)| next == '\n') => text.push(c),
                ('\r', _) => text.push('\n'),
                (_, Some(symbol)) => {
                    text.push_str(&symbol);
                    shifts.push((at + c.len_utf8(), text.len()));
                }
                (_, None) => text.push(c),
            }
        }
        VisibleSource { text, shifts }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Where `offset`, at a character boundary of the file, is in the shown text.
    pub(crate) fn shown_offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(file, _)| file <= offset);
        match before.checked_sub(1).map(|i| self.shifts[i]) {
            Some((file, shown)) => offset - file + shown,
            None => offset,
        }
    }

    /// Where `offset`, at the boundary of a shown character, is in the file.
    pub(crate) fn file_offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(_, shown)| shown <= offset);
        match before.checked_sub(1).map(|i| self.shifts[i]) {
            Some((file, shown)) => offset - shown + file,
            None => offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_show_as_symbols() {
        assert_eq!(
            visible("a\u{1b}]0;x\u{7}b\u{1b}[2J\nc\rd\te\u{7f}"),
            "a␛]0;x␇b␛[2J␊c␍d␉e␡"
        );
        assert_eq!(
            visible("\u{85}\u{202e}x\u{2069}"),
            "\\u{85}\\u{202e}x\\u{2069}"
        );
        assert!(matches!(
            visible("30-day returns, £5\u{a0}off"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_source_keeps_its_lines_and_maps_offsets() {
        let file = "a\u{1b}b\r\nc\rd\u{202e}e\tf";
        let source = VisibleSource::new(file);
        assert_eq!(source.text(), "a␛b\r\nc\nd\\u{202e}e\tf");
        for (at, _) in file.char_indices() {
            let shown = source.shown_offset(at);
            assert!(source.text().is_char_boundary(shown));
            assert_eq!(source.file_offset(shown), at);
        }
        assert_eq!(source.shown_offset(2), "a␛".len());
        assert_eq!(source.shown_offset(file.len()), source.text().len());
    }
}
