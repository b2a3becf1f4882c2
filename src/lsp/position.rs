//! Between promiselint's places (paths, byte offsets) and the protocol's
//! (file URIs, lines and UTF-16 code units).
//!
//! Lines break where the protocol and the CLI break them: at `\n`, `\r\n`
//! and a lone `\r` ([`line_breaks`]); the first line's characters count from
//! after a byte order mark, which editors hide ([`text_start`]).

use crate::source::{floor_char_boundary, line_breaks, text_start};
use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// `path` absolute and rid of `.` and `..`: how the server keys files, so
/// that a URI's path and a path the check found compare equal.
pub fn normal(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    crate::source::absolute(&cwd, path)
}

/// The path of a `file:` URI, percent-decoded; `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = &rest[rest.find('/')?..];
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| path.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).ok().map(PathBuf::from)
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut uri = String::from("file://");
    for byte in path.to_str()?.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// The protocol position of byte `offset` in `text` (clamped to the text,
/// and back to a character boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let offset = floor_char_boundary(text, offset);
    let (mut line, mut line_start) = (0, text_start(text).min(offset));
    for end in line_breaks(text.as_bytes(), 0..offset) {
        line += 1;
        line_start = end;
    }
    Position {
        line: saturate(line),
        character: saturate(text[line_start..offset].encode_utf16().count()),
    }
}

pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end))
}

/// The byte offset of a protocol position in `text`: past the end of a
/// line is its end, past the last line is the end of the text.
pub fn offset(text: &str, at: Position) -> usize {
    let line_start = match at.line.checked_sub(1) {
        None => text_start(text),
        Some(before) => match line_breaks(text.as_bytes(), 0..text.len()).nth(before as usize) {
            Some(end) => end,
            None => return text.len(),
        },
    };
    let line_end = memchr::memchr2(b'\n', b'\r', &text.as_bytes()[line_start..])
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= at.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        // '’' and '€' are three bytes and one unit; '😀' is four bytes and two units.
        let text = "a\nHarbor’s €5 😀x\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), Position::new(1, 14));
        assert_eq!(offset(text, Position::new(1, 14)), x);
        assert_eq!(
            position(text, text.find('5').unwrap()),
            Position::new(1, 10)
        );
        // Inside a character, past the end: clamped, never a panic.
        assert_eq!(
            position(text, text.find('’').unwrap() + 1),
            Position::new(1, 6)
        );
        assert_eq!(position(text, 999), Position::new(2, 0));
        assert_eq!(offset(text, Position::new(1, 99)), text.len() - 1);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn lines_break_as_the_cli_breaks_them_and_a_byte_order_mark_is_no_character() {
        let text = "\u{feff}ab\rc\r\nd\ne";
        for (find, at) in [
            ("a", (0, 0)),
            ("b", (0, 1)),
            ("c", (1, 0)),
            ("d", (2, 0)),
            ("e", (3, 0)),
        ] {
            let byte = text.find(find).unwrap();
            let at = Position::new(at.0, at.1);
            assert_eq!(position(text, byte), at, "{find}");
            assert_eq!(offset(text, at), byte, "{find}");
        }
        assert_eq!(position(text, 0), Position::new(0, 0));
        // The end of a line is before its break, whichever it is.
        assert_eq!(offset(text, Position::new(0, 9)), text.find('\r').unwrap());
        assert_eq!(
            offset(text, Position::new(1, 9)),
            text.find("\r\n").unwrap()
        );
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/a b/Café’s #1.md");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/a%20b/Caf%C3%A9%E2%80%99s%20%231.md"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
