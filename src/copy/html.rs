//! HTML copy: the text a page shows, read by a small tokenizer of our own
//! that keeps every byte's place (the HTML crates that decode well do not).
//! Markdown's raw HTML is read by the same [`Reader`].
//!
//! What is copy:
//! - Text between tags, character references decoded.
//! - `alt` and `title` attribute values, each a block of its own where its
//!   tag stands: alt text is read in place of an image, a title as a tooltip,
//!   both apart from the sentence around them.
//! - `<title>`: the page's name on its tab and in search results, where a
//!   promise reads as one.
//! - `<noscript>`: what readers without scripts, and search engines, see.
//! - `<code>` and `<pre>`: a page shows them as text (a promo code, say),
//!   unlike Markdown's code, which is written for another program.
//!
//! What is not: tags, comments, doctypes and processing instructions, and
//! the content of `<script>`, `<style>` and `<template>` (never shown as
//! text; a template only once a script copies it out). Other attributes are
//! not copy either, not even `placeholder` or a meta description.
//!
//! Block elements (`p`, `li`, `td`, `h1`…, see [`BLOCK`]) end a block of
//! copy, so no phrase runs across them. Every other element does not: the
//! inline ones, and unknown ones, which browsers show inline too; so
//! `<b>hassle-free</b> returns` reads as one phrase. Whitespace at either end
//! of a block is left out, and so is whitespace alone between blocks.
//!
//! `<br>` breaks a line, not the block, as a hard line break does in
//! Markdown: `arrives in<br>2 days` is one phrase, the tag read as a space
//! in place of any white space around it. Two in a row leave a blank line,
//! which readers take for the end of a paragraph: that ends the block.
//!
//! Named references decode from the WHATWG table when they end with `;`
//! (`&copy` without it stays as it is, as the `&T` of `AT&T` does); numeric
//! ones with or without `;`, `&#128;`–`&#159;` as Windows-1252, as browsers do
//! (`&#146;` is `’`). An unknown reference stays as it is.
//!
//! Broken HTML never panics and loses as little as it can: a `<` that opens
//! no tag is text, a tag with no `>` after it is text, a tag whose quote never
//! closes ends at the next `>` (and quotes are no longer trusted after it), a
//! comment that never closes ends at the next `>`. Only `<script>`, `<style>`
//! and `<template>` without their end tag hide the rest of the file, as they
//! do in a browser. Each byte is looked at a bounded number of times, so
//! reading takes time linear in the file's size.

use super::{CopyBuilder, BLOCK_BREAK};
use std::borrow::Cow;
use std::ops::Range;

/// Elements that end a block of copy where they open and where they close.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "audio",
    "blockquote",
    "body",
    "button",
    "canvas",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "video",
];

/// Elements whose content is not copy; it runs to their end tag.
const HIDDEN: &[&str] = &["script", "style", "template"];

/// The element that breaks a line inside a block.
const LINE_BREAK: &str = "br";

/// Attributes whose values are copy.
const COPY_ATTRIBUTES: &[&str] = &["alt", "title"];

pub(super) fn extract(file_text: &str, builder: &mut CopyBuilder) {
    let start = if file_text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let whole = start..file_text.len();
    Reader::default().read(file_text, std::slice::from_ref(&whole), builder);
}

/// Reads HTML: a whole file, or a Markdown file's raw HTML one piece at a
/// time, in which case a `<script>` opened in one piece may close in another.
#[derive(Debug, Default)]
pub(super) struct Reader {
    /// The hidden element being read, which only its end tag ends.
    hidden: Option<&'static str>,
}

impl Reader {
    /// Whether what comes next is inside `<script>`, `<style>` or `<template>`.
    pub(super) fn in_hidden(&self) -> bool {
        self.hidden.is_some()
    }

    /// Reads the HTML made of the file's `pieces`, one after the other: one
    /// range for an HTML file; the lines of an HTML block inside a Markdown
    /// quote or list item, without the markers between them.
    pub(super) fn read(
        &mut self,
        file_text: &str,
        pieces: &[Range<usize>],
        builder: &mut CopyBuilder,
    ) {
        if pieces.is_empty() {
            return;
        }
        let html = Joined::new(file_text, pieces);
        Tokenizer {
            html: &html,
            builder,
            reader: self,
            space: None,
            quotes_trusted: true,
            next_gt: Search::new(">"),
            comment_end: Search::new("-->"),
        }
        .run();
    }
}

/// Pieces of the file read as one text, with the way back to the file.
struct Joined<'t> {
    text: Cow<'t, str>,
    /// Where each piece starts, in `text` and in the file.
    starts: Vec<(usize, usize)>,
}

impl<'t> Joined<'t> {
    fn new(file_text: &'t str, pieces: &[Range<usize>]) -> Joined<'t> {
        let text = match pieces {
            [one] => Cow::Borrowed(&file_text[one.clone()]),
            _ => Cow::Owned(pieces.iter().map(|p| &file_text[p.clone()]).collect()),
        };
        let mut at = 0;
        let starts = pieces
            .iter()
            .map(|piece| {
                let start = (at, piece.start);
                at += piece.len();
                start
            })
            .collect();
        Joined { text, starts }
    }

    /// The piece holding byte `at` of the text.
    fn piece(&self, at: usize) -> usize {
        self.starts
            .partition_point(|&(start, _)| start <= at)
            .saturating_sub(1)
    }

    fn file_offset(&self, at: usize) -> usize {
        let (text_start, file_start) = self.starts[self.piece(at)];
        file_start + (at - text_start)
    }

    /// Appends `text[range]` as the file's bytes, a run per piece.
    fn verbatim(&self, range: Range<usize>, builder: &mut CopyBuilder) {
        let mut at = range.start;
        while at < range.end {
            let next_piece = self.starts.get(self.piece(at) + 1);
            let end = next_piece.map_or(range.end, |&(start, _)| start.min(range.end));
            builder.verbatim(self.file_offset(at), &self.text[at..end]);
            at = end;
        }
    }

    /// Appends `decoded`, which stands for `text[range]` (not empty).
    fn decoded(&self, decoded: &str, range: Range<usize>, builder: &mut CopyBuilder) {
        let end = self.file_offset(range.end - 1) + 1;
        builder.decoded(decoded, self.file_offset(range.start)..end);
    }
}

/// The next `needle` at or after a point, remembered: the tokenizer asks
/// again from later points, and a search that found nothing must not run to
/// the end of the text again each time.
struct Search {
    needle: &'static str,
    from: usize,
    found: Option<usize>,
}

impl Search {
    fn new(needle: &'static str) -> Search {
        Search {
            needle,
            from: usize::MAX,
            found: None,
        }
    }

    /// `from` must be a character boundary.
    fn find(&mut self, text: &str, from: usize) -> Option<usize> {
        let known = self.from <= from && self.found.is_none_or(|found| from <= found);
        if !known {
            self.from = from;
            self.found = text[from..].find(self.needle).map(|i| from + i);
        }
        self.found
    }
}

/// A tag as far as copy cares.
struct Tag<'s> {
    /// Where its `<` stands.
    start: usize,
    name: &'s str,
    closing: bool,
    self_closing: bool,
    /// The `alt` and `title` values.
    values: Vec<Range<usize>>,
    end: usize,
}

/// What a `<` opens.
enum Markup<'s> {
    Tag(Tag<'s>),
    /// A comment, doctype or processing instruction, ending here.
    Skipped(usize),
}

/// What separates the last text of a block from the next.
enum Gap {
    /// White space, written as the file has it.
    White(Range<usize>),
    /// A `<br>`, written as a space that stands for the tag: a line break
    /// of Markdown is a space to the matcher too.
    LineBreak(Range<usize>),
}

struct Tokenizer<'a, 't> {
    html: &'a Joined<'t>,
    builder: &'a mut CopyBuilder,
    reader: &'a mut Reader,
    /// What stands after the last text, written only if more text follows
    /// in the same block.
    space: Option<Gap>,
    /// False once a quote in a tag never closed: from then on a tag ends at
    /// the first `>`, so that no later tag is read to the end of the file.
    quotes_trusted: bool,
    next_gt: Search,
    comment_end: Search,
}

impl<'a> Tokenizer<'a, '_> {
    fn run(mut self) {
        let html = self.html;
        let text: &str = &html.text;
        let mut at = 0;
        let mut text_start = 0;
        loop {
            if let Some(name) = self.reader.hidden {
                let Some(end_tag) = find_end_tag(text, at, name) else {
                    return;
                };
                self.reader.hidden = None;
                at = match self.markup(end_tag) {
                    Some(Markup::Tag(tag)) => tag.end,
                    _ => text.len(),
                };
                text_start = at;
            }
            let Some(lt) = text[at..].find('<').map(|i| at + i) else {
                break;
            };
            match self.markup(lt) {
                Some(markup) => {
                    self.characters(text_start..lt);
                    at = match markup {
                        Markup::Tag(tag) => self.tag(tag),
                        Markup::Skipped(end) => end,
                    };
                    text_start = at;
                }
                None => at = lt + 1,
            }
        }
        self.characters(text_start..text.len());
        // In Markdown the paragraph goes on after an inline `<br>`, with
        // text this reader never sees: the space goes before it.
        if matches!(self.space, Some(Gap::LineBreak(_))) {
            self.write_space();
        }
    }

    /// Acts on a tag; returns where reading goes on.
    fn tag(&mut self, tag: Tag) -> usize {
        let named = |names: &[&'static str]| {
            names
                .iter()
                .copied()
                .find(|name| name.eq_ignore_ascii_case(tag.name))
        };
        if LINE_BREAK.eq_ignore_ascii_case(tag.name) {
            self.line_break(tag.start..tag.end);
        } else if named(BLOCK).is_some() {
            self.table_tag(tag.name, tag.closing);
        }
        for value in tag.values {
            self.block_break();
            self.characters(value);
            self.block_break();
        }
        // `<script … />` is taken to be closed, as XHTML has it, rather than
        // hide the rest of the file.
        if !tag.closing && !tag.self_closing {
            self.reader.hidden = named(HIDDEN);
        }
        tag.end
    }

    /// What the `<` at `lt` opens, if anything.
    fn markup(&mut self, lt: usize) -> Option<Markup<'a>> {
        let html = self.html;
        let text: &'a str = &html.text;
        let rest = &text.as_bytes()[lt + 1..];
        match rest.first()? {
            b'!' if rest.starts_with(b"!--") => Some(Markup::Skipped(self.comment(lt + 4))),
            b'!' | b'?' => {
                let gt = self.next_gt.find(text, lt + 1)?;
                Some(Markup::Skipped(gt + 1))
            }
            b'/' if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => self.tag_at(lt, true),
            first if first.is_ascii_alphabetic() => self.tag_at(lt, false),
            _ => None,
        }
    }

    /// Where the comment whose text starts at `body` ends.
    fn comment(&mut self, body: usize) -> usize {
        let html = self.html;
        let text: &str = &html.text;
        let rest = &text[body..];
        if rest.starts_with('>') {
            body + 1
        } else if rest.starts_with("->") {
            body + 2
        } else if let Some(close) = self.comment_end.find(text, body) {
            close + 3
        } else {
            // Never closed: end it at the next `>` rather than hide the rest.
            self.next_gt.find(text, body).map_or(body, |gt| gt + 1)
        }
    }

    /// The start or end tag at `lt`, if a `>` ends it.
    fn tag_at(&mut self, lt: usize, closing: bool) -> Option<Markup<'a>> {
        let html = self.html;
        let text: &'a str = &html.text;
        let bytes = text.as_bytes();
        let name_start = lt + 1 + usize::from(closing);
        let gt = self.next_gt.find(text, name_start)?;
        let name_end = name_start
            + bytes[name_start..gt]
                .iter()
                .take_while(|&&b| !is_space(b) && b != b'/')
                .count();
        let untrusted = Tag {
            start: lt,
            name: &text[name_start..name_end],
            closing,
            self_closing: bytes[gt - 1] == b'/',
            values: Vec::new(),
            end: gt + 1,
        };
        if !self.quotes_trusted {
            return Some(Markup::Tag(untrusted));
        }
        match attributes(bytes, name_end) {
            Some((values, self_closing, end)) => Some(Markup::Tag(Tag {
                values: if closing { Vec::new() } else { values },
                self_closing,
                end,
                ..untrusted
            })),
            None => {
                self.quotes_trusted = false;
                Some(Markup::Tag(untrusted))
            }
        }
    }

    /// Text and character references in `range`, as copy.
    fn characters(&mut self, range: Range<usize>) {
        let html = self.html;
        let text = &html.text[..range.end];
        let mut run = range.start;
        let mut at = range.start;
        while let Some(amp) = text[at..].find('&').map(|i| at + i) {
            match reference(text, amp) {
                Some((decoded, end)) => {
                    self.text(run..amp);
                    self.write_space();
                    html.decoded(&decoded, amp..end, self.builder);
                    run = end;
                    at = end;
                }
                None => at = amp + 1,
            }
        }
        self.text(run..range.end);
    }

    /// Plain text, without the whitespace at a block's ends, nor that after
    /// a `<br>`, which stands for it.
    fn text(&mut self, range: Range<usize>) {
        let space = |c: char| u8::try_from(c).is_ok_and(is_space);
        let run = &self.html.text[range.clone()];
        let at_block_start = self.at_block_start();
        let leading = if at_block_start || matches!(self.space, Some(Gap::LineBreak(_))) {
            run.len() - run.trim_start_matches(space).len()
        } else {
            0
        };
        let end = range.start + run.trim_end_matches(space).len();
        let start = range.start + leading;
        if start >= end {
            if !at_block_start && self.space.is_none() && !run.is_empty() {
                self.space = Some(Gap::White(range));
            }
            return;
        }
        self.write_space();
        self.html.verbatim(start..end, self.builder);
        if end < range.end {
            self.space = Some(Gap::White(end..range.end));
        }
    }

    fn write_space(&mut self) {
        match self.space.take() {
            Some(Gap::White(space)) => self.html.verbatim(space, self.builder),
            Some(Gap::LineBreak(tag)) => self.html.decoded(" ", tag, self.builder),
            None => {}
        }
    }

    /// A `<br>` at `tag`: a space before the next text of the block, in
    /// place of any white space around it; after another one, the end of
    /// the block.
    fn line_break(&mut self, tag: Range<usize>) {
        match self.space {
            Some(Gap::LineBreak(_)) => self.block_break(),
            _ if self.at_block_start() => {}
            _ => self.space = Some(Gap::LineBreak(tag)),
        }
    }

    fn at_block_start(&self) -> bool {
        // The builder's text is the copy so far, this module's included.
        let copy = &self.builder.text;
        copy.is_empty() || copy.ends_with(BLOCK_BREAK)
    }

    fn block_break(&mut self) {
        self.space = None;
        self.builder.block_break();
    }

    /// Ends the block at a block tag, and tells the builder where tables,
    /// rows and cells start and end. A cell ends at the next cell, row or
    /// table tag, as HTML lets `</td>` be left out.
    fn table_tag(&mut self, name: &str, closing: bool) {
        let is = |tag: &str| name.eq_ignore_ascii_case(tag);
        if !(is("table") || is("tr") || is("td") || is("th")) {
            self.block_break();
            return;
        }
        self.builder.cell_end();
        self.block_break();
        match (closing, is("table"), is("tr")) {
            (false, true, _) => self.builder.table_start(),
            (false, _, true) => {
                self.builder.row_end();
                self.builder.row_start(false);
            }
            (true, _, true) | (true, true, _) => self.builder.row_end(),
            (false, false, false) => self.builder.cell_start(is("th")),
            (true, false, false) => {}
        }
    }
}

/// Reads a tag's attributes from `at`, after its name, honouring quotes:
/// the `alt` and `title` values, whether it ends with `/>`, and where it
/// ends. `None` when a quote never closes.
fn attributes(bytes: &[u8], mut at: usize) -> Option<(Vec<Range<usize>>, bool, usize)> {
    let skip_while = |at: usize, keep: &dyn Fn(u8) -> bool| {
        at + bytes[at..].iter().take_while(|&&b| keep(b)).count()
    };
    let mut values = Vec::new();
    loop {
        at = skip_while(at, &is_space);
        match *bytes.get(at)? {
            b'>' => return Some((values, false, at + 1)),
            b'/' if bytes.get(at + 1) == Some(&b'>') => return Some((values, true, at + 2)),
            b'/' => {
                at += 1;
                continue;
            }
            _ => {}
        }
        // A name may start with `=`, as in HTML.
        let name = at..skip_while(at + 1, &|b| {
            !is_space(b) && !matches!(b, b'/' | b'>' | b'=')
        });
        at = skip_while(name.end, &is_space);
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at = skip_while(at + 1, &is_space);
        let value = match *bytes.get(at)? {
            quote @ (b'"' | b'\'') => {
                let close = skip_while(at + 1, &|b| b != quote);
                bytes.get(close)?;
                let value = at + 1..close;
                at = close + 1;
                value
            }
            _ => {
                let end = skip_while(at, &|b| !is_space(b) && b != b'>');
                let value = at..end;
                at = end;
                value
            }
        };
        let name = &bytes[name];
        if COPY_ATTRIBUTES
            .iter()
            .any(|copy| copy.as_bytes().eq_ignore_ascii_case(name))
        {
            values.push(value);
        }
    }
}

/// HTML's whitespace, as a byte.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the end tag of `name` starts, from `from` on.
fn find_end_tag(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = text[at..].find("</").map(|i| at + i) {
        let after = found + 2 + name.len();
        let named = bytes
            .get(found + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named
            && bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || matches!(b, b'/' | b'>'))
        {
            return Some(found);
        }
        at = found + 2;
    }
    None
}

/// The character reference at `amp`: what it stands for and where it ends.
fn reference(text: &str, amp: usize) -> Option<(Cow<'static, str>, usize)> {
    let rest = &text.as_bytes()[amp + 1..];
    if let Some(number) = rest.strip_prefix(b"#") {
        let (radix, digits) = match number.first() {
            Some(b'x' | b'X') => (16, &number[1..]),
            _ => (10, number),
        };
        let len = digits
            .iter()
            .take_while(|b| char::from(**b).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let code = digits[..len].iter().fold(0u32, |code, &b| {
            let digit = char::from(b).to_digit(radix).unwrap_or(0);
            code.saturating_mul(radix).saturating_add(digit)
        });
        let end = amp + 1 + (rest.len() - digits.len()) + len;
        let end = end + usize::from(text.as_bytes().get(end) == Some(&b';'));
        return Some((Cow::Owned(numeric(code).to_string()), end));
    }
    let len = rest
        .iter()
        .take(htmlize::ENTITY_MAX_LENGTH)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let end = amp + 1 + len + 1;
    // The table also holds legacy names without `;`: they stay as they are.
    let name = text
        .as_bytes()
        .get(amp..end)
        .filter(|name| name.ends_with(b";"))?;
    let decoded = htmlize::ENTITIES.get(name)?;
    Some((Cow::Borrowed(std::str::from_utf8(decoded).ok()?), end))
}

/// The character a numeric reference stands for, as browsers read it.
fn numeric(code: u32) -> char {
    /// What `&#128;`–`&#159;` stand for: Windows-1252, where it differs.
    const WINDOWS_1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match code {
        0x80..=0x9f => WINDOWS_1252[(code - 0x80) as usize],
        0 => char::REPLACEMENT_CHARACTER,
        _ => char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_copy, check_any, never_panics};
    use super::super::CopyKind::{self, Html};

    #[test]
    fn inline_markup_keeps_a_phrase_whole() {
        assert_copy(
            Html,
            "<p>Enjoy <b>hassle-free</b>&nbsp;returns</p>",
            "Enjoy hassle-free\u{a0}returns¶",
            &[
                ("hassle-free\u{a0}returns", "hassle-free</b>&nbsp;returns"),
                ("returns", "returns"),
            ],
        );
        // Unknown elements are inline, as browsers show them; names are
        // read in any case.
        assert_copy(
            Html,
            "<P>Free <SPAN Class=x>next-day</SPAN> <my-badge>delivery</my-badge></P>",
            "Free next-day delivery¶",
            &[("next-day delivery", "next-day</SPAN> <my-badge>delivery")],
        );
    }

    #[test]
    fn block_elements_end_blocks() {
        let text = concat!(
            "<ul><li>Free shipping</li><li>returns</li></ul>",
            "<p>a</p><h2>c</h2><table><tr><td>x</td><td>y</td></tr></table>",
            "<button>Buy</button><select><option>One</option></select>"
        );
        assert_copy(Html, text, "Free shipping¶returns¶a¶c¶x¶y¶Buy¶One¶", &[]);
    }

    #[test]
    fn a_line_break_is_a_space_inside_its_block() {
        // The space stands for the tag, so a phrase across it is placed on
        // the tag too.
        assert_copy(
            Html,
            "<p>arrives in<br>2 days</p>",
            "arrives in 2 days¶",
            &[("in 2", "in<br>2")],
        );
        // White space around it goes: the space stands for the tag.
        for (text, expected, source) in [
            ("<p>in<br/>\n2</p>", "in 2¶", "in<br/>\n2"),
            ("<p>in <BR />\n  2</p>", "in 2¶", "in <BR />\n  2"),
            ("<p>in\n<br>\n2</p>", "in 2¶", "in\n<br>\n2"),
            ("<p>in\r\n<br>\r\n2</p>", "in 2¶", "in\r\n<br>\r\n2"),
        ] {
            assert_copy(Html, text, expected, &[("in 2", source)]);
        }
        // At either end of a block it is nothing; two in a row leave a blank
        // line, the end of a paragraph to a reader.
        assert_copy(Html, "<p><br>a<br></p><br><p>b</p>", "a¶b¶", &[]);
        assert_copy(Html, "a<br><br>b<br> <br/>\nc", "a¶b¶c", &[]);
    }

    #[test]
    fn whitespace_at_the_ends_of_blocks_is_left_out() {
        assert_copy(
            Html,
            "<div>\n  <p>\n    Free returns\n    within 30 days\n  </p>\n  \n</div>\n",
            "Free returns\n    within 30 days¶",
            &[("returns\n    within", "returns\n    within")],
        );
        // Between inline elements it stays.
        assert_copy(Html, "<b>free</b> <i>returns</i>", "free returns", &[]);
        assert_copy(Html, "<b>free</b><i> </i><br>x", "free x", &[]);
    }

    #[test]
    fn scripts_styles_templates_and_comments_are_not_copy() {
        let text = concat!(
            "<!DOCTYPE html><?xml version=\"1.0\"?><html><head>",
            "<title>Free returns | Shop</title>",
            "<style>p::after { content: \"free shipping\" }</style>",
            "<script>let s = \"<p>free shipping</p>\"; if (a </scripts> b) {}</SCRIPT >",
            "</head><body><!-- free shipping -->",
            "<template><p>free shipping</p></template>",
            "<noscript>Turn on scripts</noscript><p>Hello</p></body></html>",
        );
        assert_copy(
            Html,
            text,
            "Free returns | Shop¶Turn on scripts¶Hello¶",
            &[],
        );
        // `<script/>` is taken as closed rather than hide the rest.
        assert_copy(Html, "<script src=\"a.js\"/><p>Free</p>", "Free¶", &[]);
    }

    #[test]
    fn alt_and_title_values_are_blocks_of_their_own() {
        let text = concat!(
            "<p>See <img src=\"truck.png\" ALT=\"30-day returns\"> and ",
            "<a href=\"/free-shipping\" title='Free &amp; easy'>more</a>, ",
            "<img alt=unquoted><img alt=\"\">.</p>",
        );
        assert_copy(
            Html,
            text,
            "See¶30-day returns¶and¶Free & easy¶more,¶unquoted¶.¶",
            &[("Free & easy", "Free &amp; easy"), ("30-day", "30-day")],
        );
        // A `>` inside quotes does not end the tag.
        assert_copy(Html, "<img alt=\"a > b\" src=x>c", "a > b¶c", &[]);
    }

    #[test]
    fn character_references_are_decoded_over_their_bytes() {
        let text = concat!(
            "<p>30&#8209;day, 2&#x2011;day, it&rsquo;s &ldquo;free&rdquo; &euro;5 ",
            "&#146; &bogus; AT&T &copy 2024 &#0; &#xD800; &#99999999999;</p>",
        );
        assert_copy(
            Html,
            text,
            "30‑day, 2‑day, it’s “free” €5 ’ &bogus; AT&T &copy 2024 \u{fffd} \u{fffd} \u{fffd}¶",
            &[
                ("30‑day", "30&#8209;day"),
                ("2‑day", "2&#x2011;day"),
                ("’s", "&rsquo;s"),
                ("“free”", "&ldquo;free&rdquo;"),
            ],
        );
        // Numeric ones may leave out their `;`.
        assert_copy(Html, "a&#45b", "a-b", &[("-", "&#45")]);
    }

    #[test]
    fn curly_quotes_and_dashes_are_kept_as_they_are() {
        assert_copy(
            Html,
            "<p>“Free” shipping — it’s ‘on us’</p>",
            "“Free” shipping — it’s ‘on us’¶",
            &[("it’s ‘on us’", "it’s ‘on us’")],
        );
    }

    #[test]
    fn broken_html_loses_as_little_as_it_can() {
        for (text, expected) in [
            // A `<` that opens no tag is text.
            ("<p>Prices < $5 & <3 hearts</p>", "Prices < $5 & <3 hearts¶"),
            // Unclosed elements.
            ("<p>one<p>two<li>three", "one¶two¶three"),
            // A tag with no `>` after it is text.
            ("<p>Free</p><b class=\"x", "Free¶<b class=\"x"),
            // A quote that never closes: the tag ends at the next `>`.
            (
                "<a title=\"oops>Free shipping</a><p>next</p>",
                "Free shipping¶next¶",
            ),
            // A comment that never closes ends at the next `>`, or only its
            // marker goes.
            ("<p>a</p><!-- note <p>Free shipping</p>", "a¶Free shipping¶"),
            ("a <!-- b", "a  b"),
            ("a<!-->b<!--->c", "abc"),
            // A script that never closes hides the rest, as in a browser.
            ("<p>a</p><script>let x; <p>b</p>", "a¶"),
        ] {
            assert_copy(Html, text, expected, &[]);
        }
    }

    #[test]
    fn line_endings_byte_order_mark_and_empty_files() {
        assert_copy(
            Html,
            "<p>Free\r\nshipping</p>\r\n<p>x</p>\r\n",
            "Free\r\nshipping¶x¶",
            &[("Free\r\nshipping", "Free\r\nshipping")],
        );
        assert_copy(Html, "\u{feff}<p>Hi</p>", "Hi¶", &[("Hi", "Hi")]);
        assert_copy(Html, "", "", &[]);
        assert_copy(Html, "\u{feff}", "", &[]);
    }

    /// Each of these takes quadratic time to a tokenizer that searches again
    /// from every `<`; here they take milliseconds.
    #[test]
    fn hostile_files_read_in_linear_time() {
        for unit in [
            "<a \"", "<a '>", "<!--", "<!--x>", "<a", "</a", "&#1", "<script>",
        ] {
            check_any(Html, &unit.repeat(100_000));
        }
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "<", ">", "</", "/>", "p", "B", "img", "script", "style", "<!--", "-->", "<!", "<?", "&",
        "&#", "x", "1", ";", "amp", "nbsp", "\"", "'", "=", " alt", "title", " ", "\n", "\r\n",
        "é€", "\u{feff}", "free shipping",
    ];

    never_panics!(CopyKind::Html, FRAGMENTS);
}
