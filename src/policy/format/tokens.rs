//! A promise file as the formatter sees it: code tokens and comments, each
//! with the number of line breaks before it, and nothing else.
//!
//! Only the white space between tokens is the formatter's to change; every
//! token's text is written back exactly as read (comments lose only their
//! trailing white space). A number glued to its unit (`30days`), a path
//! (`returns.window`), money (`$50`), a percentage (`15%`) and a time
//! (`14:30`, `2:30pm`) are each one word, so no space is ever put inside them.

/// How a token sits among its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `# …` to the end of its line.
    Comment,
    /// `{`: opens a block; its contents start on the next line.
    OpenBrace,
    /// `}`: closes a block, on a line of its own.
    CloseBrace,
    /// `(` and `[`: nothing follows them on the same line with a space.
    Opener,
    /// `)`, `]` and `,`: no space before them.
    Closer,
    /// Words, strings and operators: one space on each side.
    Plain,
}

#[derive(Clone, Copy, Debug)]
pub struct Token<'t> {
    pub kind: Kind,
    pub text: &'t str,
    /// Byte offset in the file, to match the syntax tree's spans.
    pub start: usize,
    /// Line breaks between the previous token (or the start) and this one.
    pub breaks_before: usize,
    /// The column it starts at on its line, counted in characters from 0,
    /// a tab to the next multiple of 8 as a terminal shows it: whether end-of-line
    /// comments were aligned is read from it.
    pub column: usize,
}

/// The tab stops [`Token::column`] counts tabs to.
const TAB: usize = 8;

/// Splits `text` into tokens. Meant for text that parsed, but never panics
/// on any input.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut breaks = 0;
    let mut at = 0;
    let mut column = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        if let Some(len) = line_break(rest) {
            breaks += 1;
            at += len;
            column = 0;
            continue;
        }
        if matches!(c, ' ' | '\t' | '\u{FEFF}') {
            column = match c {
                ' ' => column + 1,
                '\t' => (column / TAB + 1) * TAB,
                _ => column,
            };
            at += c.len_utf8();
            continue;
        }
        let (kind, len) = match c {
            '#' => (Kind::Comment, rest.find(['\r', '\n']).unwrap_or(rest.len())),
            '"' => (Kind::Plain, string_len(rest)),
            '{' => (Kind::OpenBrace, 1),
            '}' => (Kind::CloseBrace, 1),
            '(' | '[' => (Kind::Opener, 1),
            ')' | ']' | ',' => (Kind::Closer, 1),
            '=' | '!' | '<' | '>' => (Kind::Plain, 1 + usize::from(rest[1..].starts_with('='))),
            c if is_word(c) => (
                Kind::Plain,
                rest.find(|c| !is_word(c)).unwrap_or(rest.len()),
            ),
            c => (Kind::Plain, c.len_utf8()),
        };
        let token = &rest[..len];
        tokens.push(Token {
            kind,
            text: if kind == Kind::Comment {
                token.trim_end()
            } else {
                token
            },
            start: at,
            breaks_before: breaks,
            column,
        });
        breaks = 0;
        at += len;
        column += token.chars().count();
    }
    tokens
}

/// The length of the line break `rest` starts with: `\r\n`, `\n` or `\r`,
/// as the grammar counts them.
fn line_break(rest: &str) -> Option<usize> {
    if rest.starts_with("\r\n") {
        Some(2)
    } else if rest.starts_with(['\n', '\r']) {
        Some(1)
    } else {
        None
    }
}

/// Characters of one word: names, numbers, paths, money, percentages and times.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '%' | '$' | '€' | '£' | ':')
}

/// The length of the string `rest` starts with, quotes included; an
/// unclosed one ends at its line's end.
fn string_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().skip(1);
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return at + 1,
            '\r' | '\n' => return at,
            '\\' => {
                if let Some((at, '\r' | '\n')) = chars.next() {
                    return at;
                }
            }
            _ => {}
        }
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|token| token.text).collect()
    }

    #[test]
    fn glued_words_stay_whole() {
        assert_eq!(
            texts("a.b>=30days and x!=$4.99,15%,14:30 ET,2:30pm"),
            [
                "a.b", ">=", "30days", "and", "x", "!=", "$4.99", ",", "15%", ",", "14:30", "ET",
                ",", "2:30pm"
            ]
        );
    }

    #[test]
    fn strings_keep_their_escapes_and_hashes() {
        assert_eq!(
            texts(r#"says "a \" # b", "c"  # note  "#),
            ["says", r#""a \" # b""#, ",", r#""c""#, "# note"]
        );
    }

    #[test]
    fn line_breaks_are_counted_in_every_style() {
        let breaks: Vec<usize> = tokens("a\r\n\r\nb\rc\n\u{FEFF}d")
            .iter()
            .map(|token| token.breaks_before)
            .collect();
        assert_eq!(breaks, [0, 2, 1, 1]);
    }

    #[test]
    fn columns_count_characters_and_tab_stops() {
        let columns: Vec<usize> = tokens("a é\t# x\n\u{FEFF}  b\t\tc")
            .iter()
            .map(|token| token.column)
            .collect();
        assert_eq!(columns, [0, 2, 8, 2, 16]);
    }
}
