//! HTML copy: the text a page shows, read as a browser reads it, with every
//! byte's place kept. Markdown's raw HTML is read by the same [`Reader`].
//!
//! The tokenizer is our own, and follows the WHATWG tokenizer wherever it
//! decides what is text: comments (ended by `-->` or `--!>`), bogus comments
//! (`<?…>`, `<!…>`, `</ …>`), tags and their quoted attributes, character
//! references, and the text modes the tree builder switches it to. Why not a
//! crate: html5gum passes html5lib's tokenizer tests, but it hands text over
//! decoded, so the bytes a reference stood for must be rebuilt from reader
//! positions, and it leaves the switches to raw text and script data to its
//! user (its `naive_next_state` is a guess); lol_html simulates those
//! switches but does not decode references, stops with an error where the
//! text mode is ambiguous, and brings a CSS selector engine. What matters
//! here (text modes, references with their bytes, what is shown, a
//! `<script>` that goes on in the next piece of a Markdown file) would stay
//! ours either way. The reader is held to Python's html5lib instead, word
//! for word and byte for byte, by `tests/it/html_differential.rs`.
//!
//! What is copy:
//! - Text between tags, character references decoded.
//! - `alt` and `title` attribute values, each a block of its own where its
//!   tag stands: alt text is read in place of an image, a title as a tooltip,
//!   both apart from the sentence around them. The first of each counts, as
//!   in the DOM; `alt` before `title`.
//! - `<title>` and `<textarea>` (text and references up to their end tag,
//!   no markup), `<xmp>` (text up to its end tag) and `<plaintext>` (the
//!   rest of the file, as text).
//! - `<noscript>`: what readers without scripts, and search engines, see.
//! - `<code>` and `<pre>`: a page shows them as text (a promo code, say),
//!   unlike Markdown's code, which is written for another program.
//! - SVG and MathML text: read with their own rules (`<![CDATA[…]]>` is
//!   text, `<title>` in an `<svg>` holds markup), until an HTML element such
//!   as `<p>` breaks out of them. HTML inside them (in `<foreignObject>`,
//!   `<desc>`, `<title>`, `<mi>`…) is not told apart.
//!
//! What is not: tags, comments, doctypes and processing instructions, and
//! the content of `<script>` (up to its end tag as script data reads it,
//! past `<!--<script>…</script>-->`), `<style>`, `<iframe>`, `<noembed>`,
//! `<noframes>` (never shown as text) and `<template>` (markup, but shown
//! only once a script copies it out). Other attributes are not copy either,
//! not even `placeholder` or a meta description.
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
//! Character references decode as WHATWG says: the longest name of the
//! table, so `&notit;` is `¬it;` and `&amp` without `;` is `&` (but not in
//! an attribute value before `=`, a letter or a digit, where `?a=1&copy=2`
//! stays a URL); numeric ones with or without `;`, `&#128;`–`&#159;` as
//! Windows-1252 (`&#146;` is `’`), and `&#0;`, surrogates and numbers past
//! U+10FFFF as U+FFFD. An unknown reference stays as it is. A NUL byte is
//! dropped from text, and read as U+FFFD elsewhere.
//!
//! Broken HTML never panics and is read as a browser reads it: a `<` that
//! opens no tag is text, and a tag, comment or `<script>` that never ends
//! hides the rest of the file. Each byte is looked at a bounded number of
//! times, so reading takes time linear in the file's size.

use super::{CopyBuilder, BLOCK_BREAK};
use memchr::{memchr, memchr2, memmem};
use std::borrow::Cow;
use std::ops::Range;

/// Elements that end a block of copy where they open and where they close.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "audio",
    "blockquote",
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
    "header",
    "hgroup",
    "hr",
    "iframe",
    "legend",
    "listing",
    "li",
    "main",
    "menu",
    "nav",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "plaintext",
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
    "xmp",
];

/// Elements whose start tag switches the tokenizer, as the tree builder
/// does: what follows is read up to their end tag, as text or not at all.
const TEXT_ELEMENTS: &[(&str, Mode)] = &[
    ("script", Mode::Script(Script::Data)),
    (
        "style",
        Mode::RawText {
            end: "style",
            shown: false,
        },
    ),
    (
        "iframe",
        Mode::RawText {
            end: "iframe",
            shown: false,
        },
    ),
    (
        "noembed",
        Mode::RawText {
            end: "noembed",
            shown: false,
        },
    ),
    (
        "noframes",
        Mode::RawText {
            end: "noframes",
            shown: false,
        },
    ),
    (
        "xmp",
        Mode::RawText {
            end: "xmp",
            shown: true,
        },
    ),
    ("title", Mode::RcData("title")),
    ("textarea", Mode::RcData("textarea")),
    ("plaintext", Mode::PlainText),
];

/// The element whose markup is not shown until a script copies it out.
const TEMPLATE: &str = "template";

/// The roots of foreign content: SVG and MathML.
const FOREIGN: &[&str] = &["svg", "math"];

/// HTML start tags that end foreign content where they stand, as WHATWG
/// lists them (`font` only with some attributes: left out).
#[rustfmt::skip]
const BREAKOUT: &[&str] = &[
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
    "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu",
    "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub",
    "sup", "table", "tt", "u", "ul", "var",
];

/// The element that breaks a line inside a block.
const LINE_BREAK: &str = "br";

/// Attributes whose values are copy, in the order they are read.
const COPY_ATTRIBUTES: [&str; 2] = ["alt", "title"];

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
#[derive(Debug)]
pub(super) struct Reader {
    /// How the tokenizer reads what comes next.
    mode: Mode,
    /// How many of each of [`BLOCK`] are open: an end tag with none open is
    /// ignored, as browsers ignore it.
    open_blocks: [usize; BLOCK.len()],
    /// How many `<template>` elements are open.
    templates: usize,
    /// The open `<svg>` and `<math>` elements, innermost last.
    foreign: Vec<&'static str>,
}

/// How the tokenizer reads, as the tree builder sets it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Mode {
    /// Markup.
    #[default]
    Data,
    /// Text and character references up to the end tag of this name.
    RcData(&'static str),
    /// Text up to the end tag of `end`, copy if `shown`.
    RawText { end: &'static str, shown: bool },
    /// Script data, up to `</script>` where it ends it.
    Script(Script),
    /// Text to the end.
    PlainText,
}

/// Where script data stands between `<!--` and `-->`, which decides whether
/// `</script>` ends it: WHATWG's script data states, those that matter.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Script {
    Data,
    /// After `<!--`, with the number of `-` just read (up to 2).
    Escaped(u8),
    /// After `<script` inside an escaped part: `</script>` only goes back to
    /// the escaped part.
    DoubleEscaped(u8),
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            mode: Mode::Data,
            open_blocks: [0; BLOCK.len()],
            templates: 0,
            foreign: Vec::new(),
        }
    }
}

impl Reader {
    /// Whether what comes next is not shown: inside `<script>`, `<style>`
    /// and the like, or a `<template>`.
    pub(super) fn in_hidden(&self) -> bool {
        self.templates > 0
            || matches!(
                self.mode,
                Mode::Script(_) | Mode::RawText { shown: false, .. }
            )
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

/// A tag as far as copy cares.
struct Tag<'s> {
    /// Where its `<` stands.
    start: usize,
    name: &'s str,
    closing: bool,
    self_closing: bool,
    /// The first value of each of [`COPY_ATTRIBUTES`].
    values: [Option<Range<usize>>; 2],
    end: usize,
}

impl Tag<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|name| self.is(name))
    }
}

/// What a `<` opens.
enum Markup<'s> {
    Tag(Tag<'s>),
    /// A comment, which ends here.
    Comment(usize),
    /// A doctype, processing instruction, bogus comment or a tag that never
    /// ends, which ends here.
    Skipped(usize),
    /// A CDATA section in foreign content: its text, and where it ends.
    Cdata(Range<usize>, usize),
}

/// How text is read where it stands.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// Between HTML tags: references decoded, NUL dropped.
    Data,
    /// Between SVG or MathML tags, in `<title>` or `<textarea>`: references
    /// decoded, NUL read as U+FFFD.
    Decoded,
    /// An attribute value: as `Decoded`, but a reference without `;` before
    /// `=`, a letter or a digit stays as it is.
    Attribute,
    /// Raw text, CDATA: as it is, but NUL read as U+FFFD.
    Raw,
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
}

impl<'a> Tokenizer<'a, '_> {
    fn run(mut self) {
        let html = self.html;
        let bytes = html.text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            at = match self.reader.mode {
                Mode::Data => self.data(at),
                Mode::RcData(name) => self.text_element(at, name, Some(Context::Decoded)),
                Mode::RawText { end, shown } => {
                    self.text_element(at, end, shown.then_some(Context::Raw))
                }
                Mode::Script(state) => {
                    let (end_tag, state) = script_end(bytes, at, state);
                    self.reader.mode = Mode::Script(state);
                    self.end_tag(end_tag)
                }
                Mode::PlainText => {
                    self.characters(at..bytes.len(), Context::Raw);
                    bytes.len()
                }
            };
        }
        // In Markdown the paragraph goes on after an inline `<br>`, with
        // text this reader never sees: the space goes before it.
        if matches!(self.space, Some(Gap::LineBreak(_))) {
            self.write_space();
        }
    }

    /// Reads markup from `from` up to and with the next tag or comment;
    /// returns where reading goes on.
    fn data(&mut self, from: usize) -> usize {
        let html = self.html;
        let bytes = html.text.as_bytes();
        let context = if self.reader.foreign.is_empty() {
            Context::Data
        } else {
            Context::Decoded
        };
        let mut at = from;
        while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
            if let Some(markup) = self.markup(lt) {
                self.characters(from..lt, context);
                return match markup {
                    Markup::Tag(tag) => self.tag(tag),
                    Markup::Comment(end) => {
                        self.builder.comment(html.file_offset(lt));
                        end
                    }
                    Markup::Skipped(end) => end,
                    Markup::Cdata(text, end) => {
                        self.characters(text, Context::Raw);
                        end
                    }
                };
            }
            at = lt + 1;
        }
        self.characters(from..bytes.len(), context);
        bytes.len()
    }

    /// Reads the content of `<title>`, `<style>` and the like from `from`,
    /// as copy in `context` if it is shown, and the end tag of `name`.
    fn text_element(&mut self, from: usize, name: &str, context: Option<Context>) -> usize {
        let html = self.html;
        let text: &str = &html.text;
        let end_tag = find_end_tag(text.as_bytes(), from, name);
        if let Some(context) = context {
            self.characters(from..end_tag.unwrap_or(text.len()), context);
        }
        self.end_tag(end_tag)
    }

    /// Reads the end tag at `lt` that ends a text mode, if any; returns
    /// where reading goes on.
    fn end_tag(&mut self, lt: Option<usize>) -> usize {
        let html = self.html;
        let text: &'a str = &html.text;
        let Some(lt) = lt else {
            return text.len();
        };
        self.reader.mode = Mode::Data;
        match tag_at(text, lt, true) {
            Some(tag) => self.tag(tag),
            None => text.len(),
        }
    }

    /// What the `<` at `lt` opens; `None` when it is text.
    fn markup(&self, lt: usize) -> Option<Markup<'a>> {
        let html = self.html;
        let text: &'a str = &html.text;
        let bytes = text.as_bytes();
        let rest = &bytes[lt + 1..];
        // Where a bogus comment or doctype starting at `from` ends.
        let after_gt =
            |from: usize| memchr(b'>', &bytes[from..]).map_or(bytes.len(), |i| from + i + 1);
        let tag = |closing| {
            Some(tag_at(text, lt, closing).map_or(Markup::Skipped(text.len()), Markup::Tag))
        };
        match rest.first()? {
            b'!' if rest.starts_with(b"!--") => Some(Markup::Comment(comment_end(bytes, lt + 4))),
            b'!' if rest.starts_with(b"![CDATA[") && !self.reader.foreign.is_empty() => {
                let start = lt + 9;
                Some(match memmem::find(&bytes[start..], b"]]>") {
                    Some(i) => Markup::Cdata(start..start + i, start + i + 3),
                    None => Markup::Cdata(start..bytes.len(), bytes.len()),
                })
            }
            b'!' | b'?' => Some(Markup::Skipped(after_gt(lt + 1))),
            b'/' => match rest.get(1)? {
                b'>' => Some(Markup::Skipped(lt + 3)),
                letter if letter.is_ascii_alphabetic() => tag(true),
                _ => Some(Markup::Skipped(after_gt(lt + 2))),
            },
            letter if letter.is_ascii_alphabetic() => tag(false),
            _ => None,
        }
    }

    /// Acts on a tag; returns where reading goes on.
    fn tag(&mut self, tag: Tag) -> usize {
        let foreign = self.foreign(&tag);
        if !foreign {
            self.layout(&tag);
        }
        for value in tag.values.iter().flatten() {
            self.block_break();
            self.characters(value.clone(), Context::Attribute);
            self.block_break();
        }
        if !foreign {
            self.switch_mode(&tag);
        }
        tag.end
    }

    /// Breaks the line or the block where an HTML tag says so.
    fn layout(&mut self, tag: &Tag) {
        if tag.is(LINE_BREAK) {
            self.line_break(tag.start..tag.end);
        } else if let Some(block) = BLOCK.iter().position(|name| tag.is(name)) {
            if self.acts_on(block, tag) {
                self.table_tag(tag.name, tag.closing);
            }
        }
    }

    /// Switches the tokenizer after an HTML tag, as the tree builder does;
    /// after the tag's own values, which a `<template>` does not hide.
    fn switch_mode(&mut self, tag: &Tag) {
        if tag.is(TEMPLATE) {
            self.reader.templates = match tag.closing {
                false => self.reader.templates + 1,
                true => self.reader.templates.saturating_sub(1),
            };
        } else if !tag.closing {
            // Even `<script/>`: HTML has no self-closing script.
            if let Some(&(_, mode)) = TEXT_ELEMENTS.iter().find(|(name, _)| tag.is(name)) {
                self.reader.mode = mode;
            }
        }
    }

    /// Whether a browser acts on the tag of the `block`th of [`BLOCK`]: a
    /// start tag, or the end tag of an element it has open (`</p>` always:
    /// with none open, a browser makes an empty one).
    fn acts_on(&mut self, block: usize, tag: &Tag) -> bool {
        let open = &mut self.reader.open_blocks[block];
        if !tag.closing {
            *open += 1;
            true
        } else if *open > 0 {
            *open -= 1;
            true
        } else {
            tag.is("p")
        }
    }

    /// Keeps track of SVG and MathML; whether `tag` is read as theirs.
    fn foreign(&mut self, tag: &Tag) -> bool {
        let open = &mut self.reader.foreign;
        if let Some(&root) = FOREIGN.iter().find(|root| tag.is(root)) {
            match (tag.closing, open.iter().rposition(|&r| r == root)) {
                (true, Some(at)) => open.truncate(at),
                (true, None) => {}
                (false, _) if tag.self_closing => {}
                (false, _) => open.push(root),
            }
            return true;
        }
        // Other end tags are read as HTML: one that closes an open HTML
        // element closes the foreign ones in it. (WHATWG has had `</p>` and
        // `</br>` break out since 2020, html5lib not; its reading is the one
        // tested.)
        let closes_html = tag.closing
            && (tag.is(TEMPLATE) && self.reader.templates > 0
                || BLOCK
                    .iter()
                    .zip(self.reader.open_blocks)
                    .any(|(name, open)| open > 0 && tag.is(name)));
        if !tag.closing && tag.is_any(BREAKOUT) || closes_html {
            open.clear();
        }
        !tag.closing && !open.is_empty()
    }

    /// Text and character references in `range`, as copy read in `context`.
    fn characters(&mut self, range: Range<usize>, context: Context) {
        if self.reader.templates > 0 {
            return;
        }
        let html = self.html;
        let text = &html.text[..range.end];
        let bytes = text.as_bytes();
        let mut run = range.start;
        let mut at = range.start;
        loop {
            let found = match context {
                Context::Raw => memchr(0, &bytes[at..]),
                _ => memchr2(b'&', 0, &bytes[at..]),
            };
            let Some(found) = found.map(|i| at + i) else {
                break;
            };
            let decoded = match bytes[found] {
                0 if context == Context::Data => Some((Cow::Borrowed(""), found + 1)),
                0 => Some((Cow::Borrowed("\u{fffd}"), found + 1)),
                _ => reference(text, found, context == Context::Attribute),
            };
            match decoded {
                Some((decoded, end)) => {
                    self.text(run..found);
                    if !decoded.is_empty() {
                        self.write_space();
                        html.decoded(&decoded, found..end, self.builder);
                    }
                    run = end;
                    at = end;
                }
                None => at = found + 1,
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

/// The start or end tag whose `<` is at `lt`, read as WHATWG reads tags:
/// its name, `alt` and `title` values, whether it ends with `/>`, and where
/// it ends, quotes honoured. `None` when the text ends first.
fn tag_at(text: &str, lt: usize, closing: bool) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let skip_while = |at: usize, keep: &dyn Fn(u8) -> bool| {
        at + bytes[at..].iter().take_while(|&&b| keep(b)).count()
    };
    let name_start = lt + 1 + usize::from(closing);
    let name_end = skip_while(name_start, &|b| !is_space(b) && !matches!(b, b'/' | b'>'));
    let mut tag = Tag {
        start: lt,
        name: &text[name_start..name_end],
        closing,
        self_closing: false,
        values: [None, None],
        end: 0,
    };
    let mut at = name_end;
    loop {
        at = skip_while(at, &is_space);
        match *bytes.get(at)? {
            b'>' => break,
            b'/' => {
                at += 1;
                if bytes.get(at) == Some(&b'>') {
                    tag.self_closing = true;
                    break;
                }
                continue;
            }
            _ => {}
        }
        // A name may start with `=`.
        let name = at..skip_while(at + 1, &|b| {
            !is_space(b) && !matches!(b, b'/' | b'>' | b'=')
        });
        at = skip_while(name.end, &is_space);
        let value = if bytes.get(at) == Some(&b'=') {
            at = skip_while(at + 1, &is_space);
            match *bytes.get(at)? {
                quote @ (b'"' | b'\'') => {
                    let close = at + 1 + memchr(quote, &bytes[at + 1..])?;
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
            }
        } else {
            at..at
        };
        let copy = COPY_ATTRIBUTES
            .iter()
            .position(|copy| copy.as_bytes().eq_ignore_ascii_case(&bytes[name.clone()]));
        if let Some(slot) = copy.map(|i| &mut tag.values[i]) {
            slot.get_or_insert(value);
        }
    }
    if closing {
        tag.values = [None, None];
    }
    tag.end = at + 1;
    Some(tag)
}

/// Where the comment whose text starts at `body` ends: after `-->` or
/// `--!>` (more dashes may come first), or at once on `>` or `->`. A
/// comment that never ends runs to the end of the text, as in a browser.
fn comment_end(bytes: &[u8], body: usize) -> usize {
    let rest = &bytes[body..];
    if rest.starts_with(b">") {
        return body + 1;
    }
    if rest.starts_with(b"->") {
        return body + 2;
    }
    let mut at = body;
    while let Some(dashes) = memmem::find(&bytes[at..], b"--").map(|i| at + i) {
        at = dashes + bytes[dashes..].iter().take_while(|&&b| b == b'-').count();
        if bytes[at..].starts_with(b">") {
            return at + 1;
        }
        if bytes[at..].starts_with(b"!>") {
            return at + 2;
        }
    }
    bytes.len()
}

/// Where the `</script>` that ends script data from `at` starts, if any,
/// and the state of the script data read up to there.
fn script_end(bytes: &[u8], mut at: usize, mut state: Script) -> (Option<usize>, Script) {
    use Script::{Data, DoubleEscaped, Escaped};
    const SCRIPT: &[u8] = b"script";
    let end_tag = |at: usize| bytes.get(at) == Some(&b'/') && names(bytes, at + 1, SCRIPT);
    while at < bytes.len() {
        let byte = bytes[at];
        at += 1;
        state = match (state, byte) {
            (Data, b'<') if bytes[at..].starts_with(b"!--") => {
                at += 3;
                Escaped(2)
            }
            (Data | Escaped(_), b'<') if end_tag(at) => return (Some(at - 1), state),
            (Escaped(_), b'<') if names(bytes, at, SCRIPT) => {
                at += SCRIPT.len() + 1;
                DoubleEscaped(0)
            }
            (DoubleEscaped(_), b'<') if end_tag(at) => {
                at += SCRIPT.len() + 2;
                Escaped(0)
            }
            (Escaped(dashes), b'-') => Escaped((dashes + 1).min(2)),
            (DoubleEscaped(dashes), b'-') => DoubleEscaped((dashes + 1).min(2)),
            (Escaped(2) | DoubleEscaped(2), b'>') => Data,
            (Escaped(_), _) => Escaped(0),
            (DoubleEscaped(_), _) => DoubleEscaped(0),
            (Data, _) => Data,
        };
    }
    (None, state)
}

/// Whether `bytes` at `at` hold `name` in any case, then white space, `/`
/// or `>`: the tag name WHATWG's text modes look for.
fn names(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let after = at + name.len();
    bytes
        .get(at..after)
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && bytes
            .get(after)
            .is_some_and(|&b| is_space(b) || matches!(b, b'/' | b'>'))
}

/// Where the end tag of `name` starts, from `from` on.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = memmem::find(&bytes[at..], b"</").map(|i| at + i) {
        if names(bytes, found + 2, name.as_bytes()) {
            return Some(found);
        }
        at = found + 2;
    }
    None
}

/// HTML's whitespace, as a byte.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The character reference at `amp`, in an attribute value or not: what it
/// stands for and where it ends.
fn reference(text: &str, amp: usize, in_attribute: bool) -> Option<(Cow<'static, str>, usize)> {
    let bytes = text.as_bytes();
    let rest = &bytes[amp + 1..];
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
        let end = end + usize::from(bytes.get(end) == Some(&b';'));
        return Some((Cow::Owned(numeric(code).to_string()), end));
    }
    let letters = rest
        .iter()
        .take(htmlize::ENTITY_MAX_LENGTH)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let named = |end: usize| {
        let decoded = htmlize::ENTITIES.get(&bytes[amp..end])?;
        Some((Cow::Borrowed(std::str::from_utf8(decoded).ok()?), end))
    };
    let with_semicolon = amp + 1 + letters + 1;
    if bytes.get(with_semicolon - 1) == Some(&b';') {
        if let Some(found) = named(with_semicolon) {
            return Some(found);
        }
    }
    // The longest of the legacy names, which need no `;`.
    let longest = letters.min(htmlize::BARE_ENTITY_MAX_LENGTH - 1);
    let (decoded, end) = (1..=longest).rev().find_map(|len| named(amp + 1 + len))?;
    let in_url = bytes
        .get(end)
        .is_some_and(|&b| b == b'=' || b.is_ascii_alphanumeric());
    (!(in_attribute && in_url)).then_some((decoded, end))
}

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
        for (text, expected) in [
            // HTML has no self-closing script: `<script/>` goes on to its
            // end tag, as in a browser.
            ("<script src=\"a.js\"/><p>Free</p>", ""),
            ("<script/>free shipping</script><p>x</p>", "x¶"),
            // Inside `<!--` and `-->`, `<script>` opens a part that only its
            // own `</script>` closes.
            (
                "<script><!--<script>a</script>b--></script>c</script>d",
                "cd",
            ),
            ("<script><!--a</script>b", "b"),
            ("<script><!--><script></script>b", "b"),
            // `<iframe>`, `<noembed>` and `<noframes>` hold text never
            // shown; `<template>` holds markup, its comments too.
            (
                "<iframe><p>a</iframe><noembed>b</noembed><noframes>c</noframes>d",
                "d",
            ),
            ("<template><!-- </template> -->a</template>b", "b"),
        ] {
            assert_copy(Html, text, expected, &[]);
        }
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
            "&#146; &bogus; AT&T &copy 2024 &#0; &#xD800; &#99999999999; &notit; &amp</p>",
        );
        assert_copy(
            Html,
            text,
            "30‑day, 2‑day, it’s “free” €5 ’ &bogus; AT&T © 2024 \u{fffd} \u{fffd} \u{fffd} ¬it; &¶",
            &[
                ("30‑day", "30&#8209;day"),
                ("2‑day", "2&#x2011;day"),
                ("’s", "&rsquo;s"),
                ("“free”", "&ldquo;free&rdquo;"),
            ],
        );
        // Numeric ones may leave out their `;`.
        assert_copy(Html, "a&#45b", "a-b", &[("-", "&#45")]);
        // The legacy names without `;` are the longest that match; in an
        // attribute value, not before `=` or a letter.
        assert_copy(Html, "&copyright; &notin;", "©right; ∉", &[("©", "&copy")]);
        assert_copy(
            Html,
            "<a title=\"?a&copy=1&amp;b&copyx&copy\">",
            "?a&copy=1&b&copyx©¶",
            &[("©", "&copy")],
        );
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
    fn broken_html_is_read_as_browsers_read_it() {
        for (text, expected) in [
            // A `<` that opens no tag is text.
            ("<p>Prices < $5 & <3 hearts</p>", "Prices < $5 & <3 hearts¶"),
            ("a</", "a</"),
            // Unclosed elements.
            ("<p>one<p>two<li>three", "one¶two¶three"),
            // A tag, comment or quote that never ends hides the rest.
            ("<p>Free</p><b class=\"x", "Free¶"),
            ("<a title=\"oops>Free shipping</a><p>next</p>", ""),
            ("<p>a</p><!-- note <p>Free shipping</p>", "a¶"),
            ("<p>a</p><script>let x; <p>b</p>", "a¶"),
            // A comment ends at `-->` or `--!>`, or at once.
            ("a<!-- x --!>b<!-- -- -->c", "abc"),
            ("a<!-->b<!--->c<!---->d", "abcd"),
            // Bogus comments end at the first `>`, quotes or not.
            ("a<?php echo \"x>\" ?>b", "a\" ?>b"),
            ("a<![CDATA[x]]>b</ p>c</>d<!x>e", "abcde"),
            // An end tag's quoted attribute may hold `>`.
            ("a</p foo=\"x>\">b", "a¶b"),
            // Text modes: only the end tag of the element ends them.
            ("<title>a<b>&amp;</title>c", "a<b>&¶c"),
            ("<textarea>a</textarea x=\">\">b", "a¶b"),
            ("<xmp>a<b>&amp;</xmp>c", "a<b>&amp;¶c"),
            ("<style>a</ style>b</style>c", "c"),
            ("a<plaintext>b</plaintext>&amp;", "a¶b</plaintext>&amp;"),
            // NUL is dropped from text, U+FFFD elsewhere.
            ("a\0b<title>c\0</title>", "ab¶c\u{fffd}¶"),
            // SVG: CDATA is text, `<title>` holds markup, `<p>` breaks out.
            (
                "<svg><title>a<!--x-->b</title><![CDATA[<c>]]></svg>d",
                "ab<c>d",
            ),
            ("<svg><p>a<title>b<i>c</i></title>", "a¶b<i>c</i>¶"),
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
            "<a \"",
            "<a '>",
            "<!--",
            "<!--x>",
            "<a",
            "</a",
            "&#1",
            "<script>",
            "<script><!--<script>-",
            "<title>&notin",
            "<svg><![CDATA[",
            "<svg></div>",
            "--!",
            "<template><p>",
            "&amp",
            "<div></div></div>",
        ] {
            check_any(Html, &unit.repeat(100_000));
        }
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "<", ">", "</", "/>", "p", "B", "img", "script", "style", "<!--", "-->", "<!", "<?", "&",
        "&#", "x", "1", ";", "amp", "nbsp", "\"", "'", "=", " alt", "title", " ", "\n", "\r\n",
        "é€", "\u{feff}", "free shipping", "<!--<script>", "</script", "<svg>", "<title>",
        "<![CDATA[", "--!>", "\0", "<plaintext>", "<template>", "&not",
    ];

    never_panics!(CopyKind::Html, FRAGMENTS);
}
