//! The Markdown most copy is written in, read in one pass.
//!
//! pulldown-cmark builds every element of a file and then walks them; copy
//! needs only the text, where blocks end and where each byte came from. This
//! reader does that in one pass over the lines, for the part of CommonMark
//! that marketing pages, help articles and blog posts are written in:
//! paragraphs, ATX and setext headings, lists, fenced code, thematic breaks,
//! comment blocks (suppressions), emphasis, inline links and images, code
//! spans, backslash escapes and hard breaks.
//!
//! A file that uses anything else (block quotes, tables, raw HTML, reference
//! links, footnotes, character references, strikethrough, tabs, indented
//! code, ...) is [`Unsupported`], and the caller reads the whole file with
//! pulldown-cmark instead. So the copy is always what pulldown-cmark reads:
//! a property test holds the two readers equal on generated files, and the
//! bench corpus and the shared corpus check it on real ones.

use super::super::CopyBuilder;
use aho_corasick::{packed, Span};
use memchr::{memchr, memchr3, memmem};
use std::ops::Range;
use std::sync::OnceLock;

/// The file uses Markdown that this reader leaves to pulldown-cmark.
#[derive(Debug, PartialEq)]
pub(super) struct Unsupported;

type Read<T = ()> = Result<T, Unsupported>;

/// Reads the Markdown of `text[base..]` into `builder`, which is left
/// half-written when the file is [`Unsupported`].
pub(super) fn extract(text: &str, base: usize, builder: &mut CopyBuilder) -> Read {
    if uses_unsupported_bytes(&text.as_bytes()[base..]) {
        return Err(Unsupported);
    }
    let mut reader = Blocks {
        text,
        builder,
        items: Vec::new(),
        leaf: Leaf::None,
        inline: Inline::default(),
    };
    let mut at = base;
    while at < text.len() {
        let end = memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
        reader.line(at, end)?;
        at = end;
    }
    reader.close_leaf()
}

/// Whether `body` holds what no file this reader takes does, anywhere:
/// tables, strikethrough, tabs and other white space than spaces and line
/// endings, NUL, link reference and footnote definitions, lone carriage
/// returns.
fn uses_unsupported_bytes(body: &[u8]) -> bool {
    memchr3(b'|', b'~', b'\t', body).is_some()
        || memchr3(0, 0x0b, 0x0c, body).is_some()
        || memmem::find(body, b"]:").is_some()
        || memchr::memchr_iter(b'\r', body).any(|at| body.get(at + 1) != Some(&b'\n'))
}

/// The block structure: open list items and the block being read.
struct Blocks<'a> {
    text: &'a str,
    builder: &'a mut CopyBuilder,
    /// The column where the content of each open list item starts,
    /// outermost first.
    items: Vec<usize>,
    leaf: Leaf,
    inline: Inline,
}

enum Leaf {
    None,
    /// From its first byte of content to the end of its last line's
    /// content, trailing spaces left out; whether each of its line breaks
    /// is a line ending alone, with no spaces around it, as it is in copy.
    Paragraph(Range<usize>, bool),
    /// A code fence of this many backticks.
    Fence(usize),
    /// An HTML comment block, at the top level.
    Comment,
}

/// What a line starts, besides paragraph text.
enum Start {
    Heading(Range<usize>),
    Fence(usize),
    Comment,
    SetextUnderline,
    ThematicBreak,
    /// A list item whose content starts `width` bytes on.
    ListItem {
        width: usize,
    },
}

impl Blocks<'_> {
    fn line(&mut self, start: usize, end: usize) -> Read {
        let bytes = self.text.as_bytes();
        let mut content_end = end;
        if bytes[..content_end].ends_with(b"\n") {
            content_end -= 1;
        }
        if bytes[..content_end].ends_with(b"\r") {
            content_end -= 1;
        }
        // Most lines go on a paragraph outside any list: one that starts
        // with a letter starts no block, so it does.
        if self.items.is_empty()
            && matches!(self.leaf, Leaf::Paragraph(..))
            && bytes[start].is_ascii_alphabetic()
        {
            return self.add_to_paragraph(start..content_end);
        }
        let indent = bytes[start..content_end]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        let first = start + indent;
        let blank = first == content_end;
        let matched = if blank {
            self.items.len()
        } else {
            self.items.iter().take_while(|&&c| indent >= c).count()
        };
        let all_matched = matched == self.items.len();
        let column = matched.checked_sub(1).map_or(0, |i| self.items[i]);

        match self.leaf {
            Leaf::Fence(length) if all_matched => {
                if !blank
                    && indent - column <= 3
                    && closes_fence(&bytes[first..content_end], length)
                {
                    self.leaf = Leaf::None;
                }
                return Ok(());
            }
            Leaf::Fence(_) => self.close_leaf()?,
            Leaf::Comment => {
                if let Some(close) = memmem::find(&bytes[start..content_end], b"-->") {
                    after_comment(&bytes[start + close + 3..content_end])?;
                    self.leaf = Leaf::None;
                }
                return Ok(());
            }
            Leaf::None | Leaf::Paragraph(..) => {}
        }
        if blank {
            return self.close_leaf();
        }

        let paragraph = matches!(self.leaf, Leaf::Paragraph(..));
        let line = first..content_end;
        if indent - column >= 4 {
            // Indented code, which cannot interrupt a paragraph.
            return if paragraph {
                self.add_to_paragraph(line)
            } else {
                Err(Unsupported)
            };
        }
        // Whether the line may end the paragraph as a setext underline or
        // must keep to the rules for interrupting it: only when it is in the
        // paragraph's own list item, not a lazy continuation line.
        let in_paragraph = paragraph && all_matched;
        let Some(block) = starts(&bytes[line.clone()], in_paragraph)? else {
            if paragraph {
                return self.add_to_paragraph(line);
            }
            self.items.truncate(matched);
            return self.add_to_paragraph(line);
        };
        if let (Start::SetextUnderline, Leaf::Paragraph(range, _)) = (&block, &self.leaf) {
            // Heading attributes (`{#id}`) are pulldown-cmark's to read.
            if memchr(b'{', &bytes[range.clone()]).is_some() {
                return Err(Unsupported);
            }
            return self.close_leaf();
        }
        self.close_leaf()?;
        self.items.truncate(matched);
        match block {
            Start::Heading(content) => {
                let content = first + content.start..first + content.end;
                if memchr(b'{', &bytes[content.clone()]).is_some() {
                    return Err(Unsupported);
                }
                self.inline(content, true)?;
            }
            Start::Fence(length) => self.leaf = Leaf::Fence(length),
            // Indented, or in a list item, it is left to pulldown-cmark.
            Start::Comment if matched == 0 && indent == 0 => {
                self.builder.comment(first);
                let opened = first + "<!--".len();
                match memmem::find(&bytes[opened..content_end], b"-->") {
                    Some(close) => after_comment(&bytes[opened + close + 3..content_end])?,
                    None => self.leaf = Leaf::Comment,
                }
            }
            Start::Comment => return Err(Unsupported),
            Start::SetextUnderline => unreachable!("only offered in a paragraph"),
            Start::ThematicBreak => {}
            Start::ListItem { width } => {
                let content = first + width;
                self.items.push(indent + width);
                // The item's first line is paragraph text: a heading, fence,
                // nested list or task-list marker here is left to
                // pulldown-cmark.
                let rest = &bytes[content..content_end];
                if rest.starts_with(b"[") || starts(rest, false)?.is_some() {
                    return Err(Unsupported);
                }
                self.add_to_paragraph(content..content_end)?;
            }
        }
        Ok(())
    }

    fn add_to_paragraph(&mut self, line: Range<usize>) -> Read {
        let bytes = self.text.as_bytes();
        let spaces = bytes[line.clone()]
            .iter()
            .rev()
            .take_while(|&&b| b == b' ')
            .count();
        let end = line.end - spaces;
        match &mut self.leaf {
            Leaf::Paragraph(range, plain_breaks) => {
                let between = &bytes[range.end..line.start];
                *plain_breaks &= between == b"\n" || between == b"\r\n";
                range.end = end;
            }
            leaf => *leaf = Leaf::Paragraph(line.start..end, true),
        }
        Ok(())
    }

    /// Ends the leaf block being read, writing a paragraph's copy.
    fn close_leaf(&mut self) -> Read {
        match std::mem::replace(&mut self.leaf, Leaf::None) {
            Leaf::Paragraph(range, plain_breaks) => self.inline(range, plain_breaks),
            Leaf::None | Leaf::Fence(_) => Ok(()),
            // Only the end of the file ends a comment block without `-->`;
            // the HTML reader keeps what such a comment holds.
            Leaf::Comment => Err(Unsupported),
        }
    }

    /// Writes the copy of the inline content `range` as a block of its own.
    /// `plain_breaks`: its line breaks are text, as they are.
    fn inline(&mut self, range: Range<usize>, plain_breaks: bool) -> Read {
        self.inline.parse(self.text, range, plain_breaks)?;
        self.builder.block_break();
        self.inline.write(self.text, self.builder);
        self.builder.block_break();
        Ok(())
    }
}

/// What block `line` (its content, after up to three spaces of indent)
/// starts, if any. `in_paragraph`: it would otherwise continue a paragraph
/// in the same list item, so that a setext underline is one and a list item
/// may interrupt only as CommonMark allows.
fn starts(line: &[u8], in_paragraph: bool) -> Read<Option<Start>> {
    let Some(&first) = line.first() else {
        return Ok(None);
    };
    match first {
        b'>' => return Err(Unsupported),
        b'#' => {
            if let Some(content) = atx_heading(line) {
                return Ok(Some(Start::Heading(content)));
            }
        }
        b'`' => {
            let length = line.iter().take_while(|&&b| b == b'`').count();
            if length >= 3 {
                // An info string with a backtick makes it no fence.
                if memchr(b'`', &line[length..]).is_some() {
                    return Err(Unsupported);
                }
                return Ok(Some(Start::Fence(length)));
            }
        }
        b'<' => {
            return if line.starts_with(b"<!--") {
                // `<!-->`, `<!--->` and the like are pulldown-cmark's.
                if line[4..].starts_with(b">") || line[4..].starts_with(b"-") {
                    return Err(Unsupported);
                }
                Ok(Some(Start::Comment))
            } else if line
                .get(1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
            {
                Err(Unsupported)
            } else {
                Ok(None)
            };
        }
        _ => {}
    }
    if in_paragraph && is_setext_underline(line) {
        return Ok(Some(Start::SetextUnderline));
    }
    if is_thematic_break(line) {
        return Ok(Some(Start::ThematicBreak));
    }
    let (marker, number) = match first {
        b'-' | b'*' | b'+' => (1, None),
        b'0'..=b'9' => {
            let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(line.get(digits), Some(b'.' | b')')) {
                return Ok(None);
            }
            let number: u32 = std::str::from_utf8(&line[..digits])
                .ok()
                .and_then(|n| n.parse().ok())
                .ok_or(Unsupported)?;
            (digits + 1, Some(number))
        }
        _ => return Ok(None),
    };
    let spaces = line[marker..].iter().take_while(|&&b| b == b' ').count();
    let empty = marker + spaces == line.len();
    if spaces == 0 && !empty {
        return Ok(None);
    }
    if in_paragraph && (empty || number.is_some_and(|n| n != 1)) {
        // Cannot interrupt a paragraph: it is paragraph text.
        return Ok(None);
    }
    if empty || spaces > 4 {
        // An empty item, or one that starts with indented code.
        return Err(Unsupported);
    }
    Ok(Some(Start::ListItem {
        width: marker + spaces,
    }))
}

/// The content of an ATX heading line, without its `#`s.
fn atx_heading(line: &[u8]) -> Option<Range<usize>> {
    let level = line.iter().take_while(|&&b| b == b'#').count();
    if level > 6 || line.get(level).is_some_and(|&b| b != b' ') {
        return None;
    }
    let mut start = level;
    let mut end = line.len();
    while start < end && line[start] == b' ' {
        start += 1;
    }
    while end > start && line[end - 1] == b' ' {
        end -= 1;
    }
    // A closing sequence of `#`s, after a space or alone.
    let hashes = line[start..end]
        .iter()
        .rev()
        .take_while(|&&b| b == b'#')
        .count();
    if hashes > 0 && (end - hashes == start || line[end - hashes - 1] == b' ') {
        end -= hashes;
        while end > start && line[end - 1] == b' ' {
            end -= 1;
        }
    }
    Some(start..end)
}

fn is_setext_underline(line: &[u8]) -> bool {
    let marks = line.iter().take_while(|&&b| b == line[0]).count();
    matches!(line[0], b'=' | b'-') && line[marks..].iter().all(|&b| b == b' ')
}

fn is_thematic_break(line: &[u8]) -> bool {
    let mark = line[0];
    matches!(mark, b'-' | b'*' | b'_')
        && line.iter().all(|&b| b == mark || b == b' ')
        && line.iter().filter(|&&b| b == mark).count() >= 3
}

/// Whether `line` (content after its indent) closes a fence of `length`.
fn closes_fence(line: &[u8], length: usize) -> bool {
    let ticks = line.iter().take_while(|&&b| b == b'`').count();
    ticks >= length && line[ticks..].iter().all(|&b| b == b' ')
}

/// What follows `-->` on the line that ends a comment block: text there is
/// HTML, which is pulldown-cmark's to read.
fn after_comment(rest: &[u8]) -> Read {
    if rest.iter().all(|&b| b == b' ') {
        Ok(())
    } else {
        Err(Unsupported)
    }
}

/// The inline content of one paragraph or heading, parsed.
#[derive(Default)]
struct Inline {
    pieces: Vec<Piece>,
    delimiters: Vec<Delimiter>,
    /// The last delimiter still open for emphasis.
    last: Option<usize>,
    /// The `[` or `![` not closed yet: its piece, whether it opens an image,
    /// and the delimiters before it.
    bracket: Option<Bracket>,
    /// Lengths of backtick runs that have no closing run further on.
    unclosed_ticks: u64,
}

#[derive(Clone, Copy)]
enum Piece {
    /// The file's bytes, as they are.
    Text(usize, usize),
    /// A run of `*` or `_`: what emphasis leaves of it is text.
    Delimiter(usize),
    /// Around an image's alt text, a block of its own.
    Break,
    /// Markup: a link's `[`.
    Nothing,
}

/// A run of `*` or `_` (CommonMark's delimiter run).
struct Delimiter {
    start: usize,
    length: usize,
    /// What is left of the run as text, `start + left..start + right`:
    /// an opener gives up its last bytes, a closer its first.
    left: usize,
    right: usize,
    mark: u8,
    can_open: bool,
    can_close: bool,
    previous: Option<usize>,
    next: Option<usize>,
}

#[derive(Clone, Copy)]
struct Bracket {
    piece: usize,
    start: usize,
    image: bool,
    delimiters: usize,
}

/// The bytes the inline parser stops at; everything else is text. The
/// line feed is first: where line breaks are plain, it is text too.
const SPECIAL: &[u8] = b"\n\\`*_![]<&";

/// Where the next [`SPECIAL`] byte of `bytes[at..end]` is, or `end`;
/// `newlines`: whether a line feed is one.
///
/// Most bytes of copy are text, so this is where the reader spends its
/// time: a SIMD search (Teddy) for the set, where the CPU has it.
fn next_special(bytes: &[u8], at: usize, end: usize, newlines: bool) -> usize {
    static SEARCHERS: OnceLock<[Option<packed::Searcher>; 2]> = OnceLock::new();
    let special = if newlines { SPECIAL } else { &SPECIAL[1..] };
    let searchers = SEARCHERS.get_or_init(|| {
        [&SPECIAL[1..], SPECIAL].map(|special| {
            let mut builder = packed::Config::new().builder();
            for byte in special {
                builder.add([*byte]);
            }
            builder.build()
        })
    });
    match &searchers[usize::from(newlines)] {
        Some(searcher) => searcher
            .find_in(&bytes[..end], Span::from(at..end))
            .map_or(end, |m| m.start()),
        None => bytes[at..end]
            .iter()
            .position(|b| special.contains(b))
            .map_or(end, |i| at + i),
    }
}

impl Inline {
    fn parse(&mut self, text: &str, range: Range<usize>, plain_breaks: bool) -> Read {
        self.pieces.clear();
        self.delimiters.clear();
        self.last = None;
        self.bracket = None;
        self.unclosed_ticks = 0;
        let bytes = text.as_bytes();
        let end = range.end;
        let peek = |at: usize| (at < end).then(|| bytes[at]);
        // The start of text not written to `pieces` yet.
        let mut run = range.start;
        let mut at = range.start;
        loop {
            at = next_special(bytes, at, end, !plain_breaks);
            let Some(&byte) = bytes[..end].get(at) else {
                break;
            };
            match byte {
                b'\n' => {
                    let ending = if bytes[at - 1] == b'\r' { at - 1 } else { at };
                    let spaces = bytes[run..ending]
                        .iter()
                        .rev()
                        .take_while(|&&b| b == b' ')
                        .count();
                    self.text(run, ending - spaces);
                    // A hard break (two spaces or more) keeps its spaces; a
                    // soft one is the line ending alone.
                    let line_break = if spaces >= 2 { ending - spaces } else { ending };
                    self.text(line_break, at + 1);
                    at = skip_spaces(bytes, at + 1, end);
                    run = at;
                    if spaces >= 2 {
                        hard_break_ends_text(peek(at))?;
                    }
                }
                b'\\' => match peek(at + 1) {
                    Some(next) if next.is_ascii_punctuation() => {
                        self.text(run, at);
                        self.text(at + 1, at + 2);
                        at += 2;
                        run = at;
                    }
                    Some(b'\r' | b'\n') => {
                        // A hard break: the line ending without the `\`.
                        self.text(run, at);
                        let newline = at + 1 + usize::from(bytes[at + 1] == b'\r');
                        self.text(at + 1, newline + 1);
                        at = skip_spaces(bytes, newline + 1, end);
                        run = at;
                        hard_break_ends_text(peek(at))?;
                    }
                    _ => at += 1,
                },
                b'`' => {
                    let length = bytes[at..end].iter().take_while(|&&b| b == b'`').count();
                    match self.code_span_end(bytes, at, length, end)? {
                        Some(after) => {
                            self.text(run, at);
                            at = after;
                            run = at;
                        }
                        None => at += length,
                    }
                }
                b'*' | b'_' => {
                    self.text(run, at);
                    let length = bytes[at..end].iter().take_while(|&&b| b == byte).count();
                    self.delimiter(text, range.start..end, at, length)?;
                    at += length;
                    run = at;
                }
                b'!' if peek(at + 1) == Some(b'[') => {
                    self.text(run, at);
                    self.open_bracket(at, true)?;
                    at += 2;
                    run = at;
                }
                b'[' => {
                    if peek(at + 1) == Some(b'^') {
                        return Err(Unsupported);
                    }
                    self.text(run, at);
                    self.open_bracket(at, false)?;
                    at += 1;
                    run = at;
                }
                b']' => {
                    let Some(bracket) = self.bracket.take() else {
                        at += 1;
                        continue;
                    };
                    if peek(at + 1) != Some(b'(') {
                        // No link without a definition: the brackets are text.
                        self.pieces[bracket.piece] = Piece::Text(
                            bracket.start,
                            bracket.start + 1 + usize::from(bracket.image),
                        );
                        at += 1;
                        continue;
                    }
                    let after = link_tail(bytes, at + 1, end).ok_or(Unsupported)?;
                    self.text(run, at);
                    self.emphasis(bracket.delimiters);
                    if bracket.image {
                        self.pieces[bracket.piece] = Piece::Break;
                        self.pieces.push(Piece::Break);
                    }
                    at = after;
                    run = at;
                }
                b'<' if peek(at + 1).is_some_and(|b| {
                    b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')
                }) =>
                {
                    // Raw HTML or an autolink.
                    return Err(Unsupported);
                }
                b'&' if is_character_reference(&bytes[at..end]) => return Err(Unsupported),
                _ => at += 1,
            }
        }
        self.text(run, end);
        if let Some(bracket) = self.bracket.take() {
            self.pieces[bracket.piece] = Piece::Text(
                bracket.start,
                bracket.start + 1 + usize::from(bracket.image),
            );
        }
        self.emphasis(0);
        Ok(())
    }

    fn text(&mut self, start: usize, end: usize) {
        if start < end {
            self.pieces.push(Piece::Text(start, end));
        }
    }

    fn open_bracket(&mut self, start: usize, image: bool) -> Read {
        if self.bracket.is_some() {
            // A link in a link, or an image in one.
            return Err(Unsupported);
        }
        self.bracket = Some(Bracket {
            piece: self.pieces.len(),
            start,
            image,
            delimiters: self.delimiters.len(),
        });
        self.pieces.push(Piece::Nothing);
        Ok(())
    }

    /// Where the code span opened by `length` backticks at `at` ends, or
    /// `None` if no run of as many closes it (then they are text).
    fn code_span_end(
        &mut self,
        bytes: &[u8],
        at: usize,
        length: usize,
        end: usize,
    ) -> Read<Option<usize>> {
        if length >= 64 {
            return Err(Unsupported);
        }
        if self.unclosed_ticks & (1 << length) != 0 {
            return Ok(None);
        }
        let mut from = at + length;
        while let Some(found) = memchr(b'`', &bytes[from..end]) {
            let start = from + found;
            let run = bytes[start..end].iter().take_while(|&&b| b == b'`').count();
            if run == length {
                return Ok(Some(start + run));
            }
            from = start + run;
        }
        // Later runs of this length have even less text to close in.
        self.unclosed_ticks |= 1 << length;
        Ok(None)
    }

    /// Records a delimiter run, with whether it can open and close emphasis.
    fn delimiter(&mut self, text: &str, range: Range<usize>, at: usize, length: usize) -> Read {
        let before = if at == range.start {
            Class::Space
        } else {
            class(text[..at].chars().next_back().unwrap_or(' '))?
        };
        let after = if at + length >= range.end {
            Class::Space
        } else {
            class(text[at + length..].chars().next().unwrap_or(' '))?
        };
        let left_flanking =
            after != Class::Space && (after != Class::Punctuation || before != Class::Other);
        let right_flanking =
            before != Class::Space && (before != Class::Punctuation || after != Class::Other);
        let mark = text.as_bytes()[at];
        let (can_open, can_close) = if mark == b'*' {
            (left_flanking, right_flanking)
        } else {
            (
                left_flanking && (!right_flanking || before == Class::Punctuation),
                right_flanking && (!left_flanking || after == Class::Punctuation),
            )
        };
        let index = self.delimiters.len();
        if let Some(last) = self.last {
            self.delimiters[last].next = Some(index);
        }
        self.delimiters.push(Delimiter {
            start: at,
            length,
            left: 0,
            right: length,
            mark,
            can_open,
            can_close,
            previous: self.last,
            next: None,
        });
        self.last = Some(index);
        self.pieces.push(Piece::Delimiter(index));
        Ok(())
    }

    /// CommonMark's "process emphasis" over the delimiters from `bottom`
    /// on, which are then closed.
    fn emphasis(&mut self, bottom: usize) {
        // Below which no opener is looked for, by the closer's mark, whether
        // it can open, and its length modulo 3.
        let mut openers_bottom = [[[bottom; 3]; 2]; 2];
        let mut current = self.last;
        while let Some(previous) = current.and_then(|c| self.delimiters[c].previous) {
            if previous < bottom {
                break;
            }
            current = Some(previous);
        }
        if current.is_some_and(|c| c < bottom) {
            current = None;
        }
        while let Some(closer) = current {
            let d = &self.delimiters[closer];
            if !d.can_close {
                current = d.next;
                continue;
            }
            let slot = (
                usize::from(d.mark == b'_'),
                usize::from(d.can_open),
                d.length % 3,
            );
            let floor = openers_bottom[slot.0][slot.1][slot.2];
            let mut candidate = d.previous;
            let opener = loop {
                let Some(i) = candidate.filter(|&i| i >= floor) else {
                    break None;
                };
                let o = &self.delimiters[i];
                let odd = (o.can_close || d.can_open)
                    && (o.length + d.length) % 3 == 0
                    && !(o.length % 3 == 0 && d.length % 3 == 0);
                if o.mark == d.mark && o.can_open && !odd {
                    break Some(i);
                }
                candidate = o.previous;
            };
            let Some(opener) = opener else {
                openers_bottom[slot.0][slot.1][slot.2] = closer;
                let next = d.next;
                if !d.can_open {
                    self.unlink(closer);
                }
                current = next;
                continue;
            };
            let o = &self.delimiters[opener];
            let used = if d.right - d.left >= 2 && o.right - o.left >= 2 {
                2
            } else {
                1
            };
            self.delimiters[opener].right -= used;
            self.delimiters[closer].left += used;
            // What lay between is text now.
            self.delimiters[opener].next = Some(closer);
            self.delimiters[closer].previous = Some(opener);
            if self.delimiters[opener].right == self.delimiters[opener].left {
                self.unlink(opener);
            }
            let d = &self.delimiters[closer];
            if d.right == d.left {
                current = d.next;
                self.unlink(closer);
            }
        }
        // Close what is left from `bottom` on.
        while let Some(last) = self.last.filter(|&l| l >= bottom) {
            self.unlink(last);
        }
    }

    fn unlink(&mut self, i: usize) {
        let (previous, next) = (self.delimiters[i].previous, self.delimiters[i].next);
        if let Some(p) = previous {
            self.delimiters[p].next = next;
        }
        match next {
            Some(n) => self.delimiters[n].previous = previous,
            None => self.last = previous,
        }
    }

    fn write(&self, text: &str, builder: &mut CopyBuilder) {
        for piece in &self.pieces {
            match *piece {
                Piece::Text(start, end) => builder.verbatim(start, &text[start..end]),
                Piece::Delimiter(i) => {
                    let d = &self.delimiters[i];
                    let (start, end) = (d.start + d.left, d.start + d.right);
                    builder.verbatim(start, &text[start..end]);
                }
                Piece::Break => builder.block_break(),
                Piece::Nothing => {}
            }
        }
    }
}

/// What a character next to a delimiter run is, for the flanking rules.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    Space,
    Punctuation,
    Other,
}

/// Where the two readers might disagree (Unicode's punctuation and symbol
/// categories, control characters), the file is [`Unsupported`].
fn class(c: char) -> Read<Class> {
    if c.is_ascii() {
        return match c {
            ' ' | '\n' | '\r' => Ok(Class::Space),
            c if c.is_ascii_punctuation() => Ok(Class::Punctuation),
            c if c.is_ascii_control() => Err(Unsupported),
            _ => Ok(Class::Other),
        };
    }
    match c {
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Ok(Class::Space)
        }
        '\u{2010}'..='\u{2027}' => Ok(Class::Punctuation),
        c if c.is_alphanumeric() => Ok(Class::Other),
        _ => Err(Unsupported),
    }
}

/// pulldown-cmark reads a hard break that ends a link's text its own way.
fn hard_break_ends_text(next: Option<u8>) -> Read {
    if next == Some(b']') {
        Err(Unsupported)
    } else {
        Ok(())
    }
}

fn skip_spaces(bytes: &[u8], mut at: usize, end: usize) -> usize {
    while at < end && bytes[at] == b' ' {
        at += 1;
    }
    at
}

/// Spaces with at most one line ending among them.
fn skip_white(bytes: &[u8], at: usize, end: usize) -> usize {
    let mut at = skip_spaces(bytes, at, end);
    if bytes[at..end].starts_with(b"\r\n") {
        at += 2;
    } else if bytes[at..end].starts_with(b"\n") {
        at += 1;
    } else {
        return at;
    }
    skip_spaces(bytes, at, end)
}

/// Where an inline link's `(destination "title")` that opens at `open`
/// ends, or `None` if it is not one this reader takes.
fn link_tail(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let mut at = skip_white(bytes, open + 1, end);
    if bytes.get(at) == Some(&b'<') {
        return None;
    }
    let mut depth = 0;
    while at < end {
        match bytes[at] {
            b'\\' if at + 1 < end && bytes[at + 1].is_ascii_punctuation() => at += 2,
            b'(' => {
                depth += 1;
                if depth > 8 {
                    return None;
                }
                at += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                at += 1;
            }
            byte if byte <= b' ' || byte == 0x7f => break,
            _ => at += 1,
        }
    }
    if depth != 0 {
        return None;
    }
    let destination_end = at;
    at = skip_white(bytes, at, end);
    if at > destination_end && at < end && matches!(bytes[at], b'"' | b'\'' | b'(') {
        let close = if bytes[at] == b'(' { b')' } else { bytes[at] };
        at += 1;
        loop {
            match *bytes.get(at).filter(|_| at < end)? {
                b'\\' if at + 1 < end && bytes[at + 1].is_ascii_punctuation() => at += 2,
                byte if byte == close => break,
                b'(' if close == b')' => return None,
                _ => at += 1,
            }
        }
        at = skip_white(bytes, at + 1, end);
    }
    (at < end && bytes[at] == b')').then_some(at + 1)
}

/// Whether `text` starts with something CommonMark may read as a character
/// reference (`&amp;`, `&#8209;`, `&#x2011;`).
fn is_character_reference(text: &[u8]) -> bool {
    let rest = &text[1..];
    let (digits, radix_ok): (usize, fn(&u8) -> bool) = match rest {
        [b'#', b'x' | b'X', ..] => (2, u8::is_ascii_hexdigit),
        [b'#', ..] => (1, u8::is_ascii_digit),
        _ => (0, u8::is_ascii_alphanumeric),
    };
    let length = rest[digits..].iter().take_while(|b| radix_ok(b)).count();
    length > 0 && rest.get(digits + length) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_character_references() {
        assert!(is_character_reference(b"&amp; x"));
        assert!(is_character_reference(b"&#8209;"));
        assert!(is_character_reference(b"&#x2011;"));
        assert!(!is_character_reference(b"& more"));
        assert!(!is_character_reference(b"&#;"));
        assert!(!is_character_reference(b"&amp"));
    }
}
