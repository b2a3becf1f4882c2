//! Where each node's text stands: the YAML read again with `saphyr-parser`,
//! whose events carry start and end markers, and its spans laid over the tree
//! serde_yaml decoded.
//!
//! saphyr-parser reads every style (block and flow collections, plain,
//! quoted, multi-line and block scalars, anchors and aliases) and gives each
//! scalar the range of its source text. A few things around it are ours:
//! - Its markers count characters, not bytes; [`Input`] turns them into byte
//!   offsets into the file (a byte order mark, CRLF and multi-byte text
//!   included).
//! - libyaml (YAML 1.1) also breaks lines at NEL, LS and PS; saphyr-parser
//!   (YAML 1.2) does not. They are replaced, in the text saphyr-parser reads,
//!   by line breaks of the same byte length, so both read the same lines and
//!   every offset stays that of the file.
//! - Its scalar ranges hold the quotes, a block scalar's trailing line breaks,
//!   and any anchor and tag before the scalar; [`Reader::scalar`] trims them
//!   to the scalar's content, the span [`Node::span`] promises. A block
//!   mapping or list's own events carry no range, so its span is made from
//!   its children's.
//!
//! The two parsers are different implementations of two versions of YAML, so
//! the spans are only used where the shape saphyr-parser read (kinds and
//! counts of nodes, level by level) is the one serde_yaml decoded; elsewhere
//! a node gets the span of the nearest enclosing node where they agree.

use super::{Node, NodeKind, MAX_DEPTH};
use crate::source::{floor_char_boundary, FileId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle, StrInput};
use std::borrow::Cow;

/// Gives `root` (decoded from `text[body_start..]`) and everything in it
/// their spans. Returns whether the text writes a document at all: `false`
/// for nothing but comments, directives and markers.
pub(super) fn place(file: FileId, text: &str, body_start: usize, root: &mut Node) -> bool {
    let input = Input::new(text, body_start);
    let mut reader = Reader {
        file,
        input: &input,
        events: Parser::new_from_str(&input.fed),
    };
    match reader.document() {
        Ok(Some((shape, written))) => {
            lay(root, &shape, input.whole(file));
            written
        }
        Ok(None) => {
            fill(root, Span::new(file, body_start, body_start));
            false
        }
        // serde_yaml accepted what saphyr-parser refuses: no place is known
        // more closely than the whole document.
        Err(Disagree) => {
            fill(root, input.whole(file));
            true
        }
    }
}

/// Where a second document starts in `text`: at its `---`, or at its first
/// token after a `...`.
pub(super) fn second_document(text: &str, body_start: usize) -> Option<usize> {
    let input = Input::new(text, body_start);
    let mut documents = 0;
    for event in Parser::new_from_str(&input.fed) {
        let (event, marks) = event.ok()?;
        if let Event::DocumentStart(_) = event {
            documents += 1;
            if documents == 2 {
                return Some(input.offset(input.byte(marks.start.index())));
            }
        }
    }
    None
}

/// The text saphyr-parser reads, and the way back from its markers to the
/// file's bytes.
struct Input<'t> {
    /// The whole file.
    text: &'t str,
    /// Where its YAML starts, after any byte order mark.
    body_start: usize,
    /// The YAML as saphyr-parser reads it: `text[body_start..]` with NEL, LS
    /// and PS replaced by ASCII line breaks of the same byte length.
    fed: Cow<'t, str>,
    /// The byte offset in `fed` of every [`SAMPLE`]th character; empty when
    /// `fed` is ASCII, where characters are bytes.
    samples: Vec<usize>,
}

/// How far apart, in characters, [`Input::samples`] are: a marker costs at
/// most this many steps to turn into bytes, and the table an eighth of the
/// text's size.
const SAMPLE: usize = 64;

impl<'t> Input<'t> {
    fn new(text: &'t str, body_start: usize) -> Input<'t> {
        let body = &text[body_start..];
        let fed = if body.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
            // NEL is two bytes, LS and PS three; a blank before a break is
            // nothing in YAML but the end of a line.
            Cow::Owned(
                body.replace('\u{85}', "\r\n")
                    .replace(['\u{2028}', '\u{2029}'], " \r\n"),
            )
        } else {
            Cow::Borrowed(body)
        };
        let samples = if fed.is_ascii() {
            Vec::new()
        } else {
            fed.char_indices()
                .step_by(SAMPLE)
                .map(|(at, _)| at)
                .collect()
        };
        Input {
            text,
            body_start,
            fed,
            samples,
        }
    }

    /// The byte offset in `fed` of the character at `index`, as
    /// saphyr-parser's markers count.
    fn byte(&self, index: usize) -> usize {
        if self.samples.is_empty() {
            return index.min(self.fed.len());
        }
        let Some(&from) = self.samples.get(index / SAMPLE) else {
            return self.fed.len();
        };
        let rest = &self.fed[from..];
        from + rest
            .chars()
            .take(index % SAMPLE)
            .map(char::len_utf8)
            .sum::<usize>()
    }

    /// The file offset of `fed`'s byte `at`, on a character boundary of the
    /// file (a replaced break is one character there).
    fn offset(&self, at: usize) -> usize {
        floor_char_boundary(self.text, self.body_start + at)
    }

    /// The whole document, without blanks around it.
    fn whole(&self, file: FileId) -> Span {
        let body = &self.text[self.body_start..];
        let start = self.body_start + (body.len() - body.trim_start().len());
        let end = (self.body_start + body.trim_end().len()).max(start);
        Span::new(file, start, end)
    }
}

/// The node's layout as saphyr-parser read it, with spans into the file.
enum Shape {
    Scalar(Span),
    /// `*name`: the anchored node's values stand elsewhere.
    Alias(Span),
    Map(Span, Vec<(Shape, Shape)>),
    List(Span, Vec<Shape>),
}

impl Shape {
    fn span(&self) -> Span {
        match self {
            Shape::Scalar(span)
            | Shape::Alias(span)
            | Shape::Map(span, _)
            | Shape::List(span, _) => *span,
        }
    }
}

/// saphyr-parser refused the text, or read it as something other than one
/// tree of nodes.
struct Disagree;

/// Builds [`Shape`]s from saphyr-parser's events.
struct Reader<'a> {
    file: FileId,
    input: &'a Input<'a>,
    events: Parser<'a, StrInput<'a>>,
}

type Marks = saphyr_parser::Span;

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Marks), Disagree> {
        match self.events.next() {
            Some(Ok(event)) => Ok(event),
            _ => Err(Disagree),
        }
    }

    /// The first document's top-level node and whether it is written (an
    /// empty document is an empty plain scalar), or `None` for no document.
    fn document(&mut self) -> Result<Option<(Shape, bool)>, Disagree> {
        loop {
            match self.next()?.0 {
                Event::StreamStart => {}
                Event::DocumentStart(_) => break,
                Event::StreamEnd => return Ok(None),
                _ => return Err(Disagree),
            }
        }
        let (event, marks) = self.next()?;
        let written = !matches!(event, Event::Scalar(..)) || marks.start != marks.end;
        Ok(Some((self.node(event, marks, 0)?, written)))
    }

    /// The node that `event` starts, held by `depth` lists and mappings.
    fn node(&mut self, event: Event<'a>, marks: Marks, depth: usize) -> Result<Shape, Disagree> {
        // serde_yaml accepted no deeper text; deeper here is another reading.
        if depth > MAX_DEPTH + 1 {
            return Err(Disagree);
        }
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let properties = anchor != 0 || tag.is_some();
                Ok(Shape::Scalar(self.scalar(&value, style, properties, marks)))
            }
            Event::Alias(_) => Ok(Shape::Alias(self.span(
                self.input.byte(marks.start.index()),
                self.input.byte(marks.end.index()),
            ))),
            Event::SequenceStart(..) => {
                let mut items = Vec::new();
                loop {
                    let (event, end) = self.next()?;
                    if let Event::SequenceEnd = event {
                        let first = items.first().map(Shape::span);
                        let last = items.last().map(Shape::span);
                        let span = self.collection(marks, end, b'[', first.zip(last));
                        return Ok(Shape::List(span, items));
                    }
                    items.push(self.node(event, end, depth + 1)?);
                }
            }
            Event::MappingStart(..) => {
                let mut entries = Vec::new();
                loop {
                    let (event, end) = self.next()?;
                    if let Event::MappingEnd = event {
                        let first = entries.first().map(|(key, _): &(Shape, Shape)| key.span());
                        let last = entries.last().map(|(_, value)| value.span());
                        let span = self.collection(marks, end, b'{', first.zip(last));
                        return Ok(Shape::Map(span, entries));
                    }
                    let key = self.node(event, end, depth + 1)?;
                    let (event, marks) = self.next()?;
                    let value = self.node(event, marks, depth + 1)?;
                    entries.push((key, value));
                }
            }
            _ => Err(Disagree),
        }
    }

    /// A list or mapping's span: from its opening bracket to its closing one
    /// in flow style (where its start event's range holds `open` after any
    /// properties), else
    /// from its first child's start to its last child's end.
    fn collection(
        &self,
        start: Marks,
        end: Marks,
        open: u8,
        children: Option<(Span, Span)>,
    ) -> Span {
        let fed = &*self.input.fed;
        let from = self.input.byte(start.start.index());
        let to = self.input.byte(start.end.index());
        let bracket = skip_properties(fed, from, to);
        if bracket < to && fed.as_bytes()[bracket] == open {
            return self.span(bracket, self.input.byte(end.end.index()));
        }
        match children {
            Some((first, last)) => Span::new(self.file, first.start, last.end.max(first.start)),
            None => self.span(to, to),
        }
    }

    /// A scalar's content (see [`Node::span`]) from saphyr-parser's range,
    /// which holds its properties, its quotes and what follows them on their
    /// line, or a block scalar's trailing line breaks.
    fn scalar(&self, value: &str, style: ScalarStyle, properties: bool, marks: Marks) -> Span {
        let fed = &*self.input.fed;
        let mut start = self.input.byte(marks.start.index());
        let mut end = self.input.byte(marks.end.index()).max(start);
        if properties {
            start = skip_properties(fed, start, end);
        }
        match style {
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                if let Some(close) = closing_quote(fed, start, end) {
                    start += 1;
                    end = close;
                }
            }
            ScalarStyle::Literal | ScalarStyle::Folded => {
                if properties {
                    start = block_content_start(fed, start, end, value);
                }
                end = block_content_end(fed, start, end);
            }
            // An empty value: saphyr-parser puts it at the colon before it,
            // or over the bracket after it in flow style.
            ScalarStyle::Plain if value.is_empty() => {
                if !properties && fed.as_bytes().get(start) == Some(&b':') {
                    start += 1;
                }
                end = start;
            }
            ScalarStyle::Plain => {}
        }
        self.span(start, end)
    }

    /// The file's span for `fed[start..end]`.
    fn span(&self, start: usize, end: usize) -> Span {
        let start = self.input.offset(start);
        Span::new(self.file, start, self.input.offset(end).max(start))
    }
}

/// Where the quote opened at `open` closes: `''` is a quote inside single
/// quotes, a backslash escapes the next character inside double quotes.
/// `None` when `bytes[open]` is no quote, or it never closes.
pub(super) fn quote_end(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = *bytes.get(open).filter(|&&b| b == b'\'' || b == b'"')?;
    quote_close(bytes, quote, open + 1)
}

/// Where a scalar quoted with `quote` closes, reading from `from`, inside
/// it: [`quote_end`] for a scalar already open (on a line before, say).
pub(super) fn quote_close(bytes: &[u8], quote: u8, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(&byte) = bytes.get(at) {
        if byte == quote && quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') {
            at += 2;
        } else if byte == quote {
            return Some(at);
        } else {
            at += if quote == b'"' && byte == b'\\' { 2 } else { 1 };
        }
    }
    None
}

/// The closing quote, before `end`, of the quoted scalar whose opening
/// quote is at `open`. saphyr-parser's range for a quoted scalar runs on over
/// the blanks and any comment after it.
fn closing_quote(fed: &str, open: usize, end: usize) -> Option<usize> {
    quote_end(&fed.as_bytes()[..end], open)
}

/// Past the anchors and tags (`&a`, `!!str`, `!<tag:x>`) that start at
/// `at`, and the blanks, line breaks and comments after them.
fn skip_properties(fed: &str, mut at: usize, end: usize) -> usize {
    let bytes = fed.as_bytes();
    loop {
        while at < end {
            match bytes[at] {
                b' ' | b'\t' | b'\r' | b'\n' => at += 1,
                b'#' => {
                    while at < end && !matches!(bytes[at], b'\r' | b'\n') {
                        at += 1;
                    }
                }
                _ => break,
            }
        }
        match bytes.get(at) {
            Some(b'!') if fed[at..end].starts_with("!<") => {
                at = fed[at..end].find('>').map_or(end, |close| at + close + 1);
            }
            Some(b'&' | b'!') if at < end => {
                while at < end
                    && !matches!(
                        bytes[at],
                        b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
                    )
                {
                    at += 1;
                }
            }
            _ => return at.min(end),
        }
    }
}

/// Where a block scalar's content starts when its range starts at its
/// header (`|`, `>-`…) at `at`, as it does after properties: at its first
/// line with text, less the spaces that the decoded `value` keeps at the
/// start of that line (an explicit indentation indicator's extra spaces).
fn block_content_start(fed: &str, at: usize, end: usize, value: &str) -> usize {
    let bytes = fed.as_bytes();
    if !matches!(bytes.get(at), Some(b'|' | b'>')) {
        return at;
    }
    // The header line, then lines of nothing but blanks.
    let mut line = at;
    let mut header = true;
    while line < end {
        let line_end = fed[line..end]
            .find(['\r', '\n'])
            .map_or(end, |found| line + found);
        let blanks =
            fed[line..line_end].len() - fed[line..line_end].trim_start_matches([' ', '\t']).len();
        let text_at = line + blanks;
        if !header && text_at < line_end {
            let kept = value
                .trim_start_matches('\n')
                .bytes()
                .take_while(|&b| b == b' ')
                .count();
            return text_at.saturating_sub(kept).max(line);
        }
        header = false;
        // Past the line break: `\r\n`, `\r` or `\n`.
        line = line_end;
        if bytes.get(line) == Some(&b'\r') {
            line += 1;
        }
        if line < end && bytes.get(line) == Some(&b'\n') {
            line += 1;
        }
    }
    end
}

/// Where a block scalar's content ends: before its trailing line breaks and
/// the blank lines among them.
fn block_content_end(fed: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let content = &fed[start..end];
        if content.ends_with(['\r', '\n']) {
            end -= 1;
            continue;
        }
        match content.rfind(['\r', '\n']) {
            Some(last_break)
                if content[last_break + 1..]
                    .trim_matches([' ', '\t'])
                    .is_empty() =>
            {
                end = start + last_break + 1;
            }
            _ => break,
        }
    }
    end
}

/// Lays `shape`'s spans over `node` where the two agree; elsewhere
/// `fallback`, the nearest enclosing span known to be right.
fn lay(node: &mut Node, shape: &Shape, fallback: Span) {
    match (&mut node.kind, shape) {
        (_, Shape::Alias(span)) => fill(node, *span),
        (NodeKind::Map(entries), Shape::Map(span, pairs)) if entries.len() == pairs.len() => {
            node.span = *span;
            for (entry, (key, value)) in entries.iter_mut().zip(pairs) {
                entry.key_span = key.span();
                lay(&mut entry.value, value, *span);
            }
        }
        (NodeKind::List(items), Shape::List(span, shapes)) if items.len() == shapes.len() => {
            node.span = *span;
            for (item, shape) in items.iter_mut().zip(shapes) {
                lay(item, shape, *span);
            }
        }
        (
            NodeKind::String(_) | NodeKind::Bool(_) | NodeKind::Number(_) | NodeKind::Null,
            Shape::Scalar(span),
        ) => node.span = *span,
        _ => fill(node, fallback),
    }
}

/// Gives `node` and everything in it one span.
fn fill(node: &mut Node, span: Span) {
    node.span = span;
    match &mut node.kind {
        NodeKind::Map(entries) => {
            for entry in entries {
                entry.key_span = span;
                fill(&mut entry.value, span);
            }
        }
        NodeKind::List(items) => {
            for item in items {
                fill(item, span);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, string_values, Entry, NodeKind, MAX_DEPTH};
    use crate::source::Sources;

    fn entries(text: &str) -> Vec<Entry> {
        let file = Sources::default().add("policy.yaml".into(), text);
        parse(file, text, MAX_DEPTH).unwrap_or_else(|f| panic!("{text:?}: {}", f.message))
    }

    /// Each key's text and its value's text, in file order, a level down
    /// where the value is a mapping.
    fn located(text: &str, entries: &[Entry]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in entries {
            let value = &entry.value;
            out.push((
                text[entry.key_span.start..entry.key_span.end].to_owned(),
                text[value.span.start..value.span.end].to_owned(),
            ));
            if let NodeKind::Map(inner) = &value.kind {
                out.extend(located(text, inner));
            }
        }
        out
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// The texts of a list's items.
    fn items<'t>(text: &'t str, node: &super::Node) -> Vec<&'t str> {
        match &node.kind {
            NodeKind::List(items) => items
                .iter()
                .map(|item| &text[item.span.start..item.span.end])
                .collect(),
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn flow_mappings_and_lists() {
        let text = "limits: {min: 5 days, \"max\": '7 days' }\nregions: [ US, \"CA\" , EU ]\n";
        let e = entries(text);
        assert_eq!(
            located(text, &e),
            pairs(&[
                ("limits", "{min: 5 days, \"max\": '7 days' }"),
                ("min", "5 days"),
                ("max", "7 days"),
                ("regions", "[ US, \"CA\" , EU ]"),
            ])
        );
        assert_eq!(items(text, &e[1].value), ["US", "CA", "EU"]);
        // Empty ones, and a list with a trailing comma.
        let text = "a: {}\nb: []\nc: [x, y,]\n";
        let e = entries(text);
        let values: Vec<_> = e
            .iter()
            .map(|e| &text[e.value.span.start..e.value.span.end])
            .collect();
        assert_eq!(values, ["{}", "[]", "[x, y,]"]);
        assert_eq!(items(text, &e[2].value), ["x", "y"]);
    }

    #[test]
    fn flow_nested_in_block_and_block_around_flow() {
        let text = concat!(
            "tiers:\n",
            "  - {name: gold, days: [30, 60]}\n",
            "  - name: silver\n",
            "    days: [ 14 ]\n",
            "pairs: [a: 1, b]\n",
            "multi: [one\n",
            "  two, \"x\n",
            "  y\"]\n",
        );
        let e = entries(text);
        let tiers = match &e[0].value.kind {
            NodeKind::List(items) => items,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            &text[tiers[0].span.start..tiers[0].span.end],
            "{name: gold, days: [30, 60]}"
        );
        let NodeKind::Map(gold) = &tiers[0].kind else {
            panic!()
        };
        assert_eq!(
            located(text, gold),
            pairs(&[("name", "gold"), ("days", "[30, 60]")])
        );
        assert_eq!(items(text, &gold[1].value), ["30", "60"]);
        let NodeKind::Map(silver) = &tiers[1].kind else {
            panic!()
        };
        assert_eq!(
            &text[tiers[1].span.start..tiers[1].span.end],
            "name: silver\n    days: [ 14 ]"
        );
        assert_eq!(items(text, &silver[1].value), ["14"]);
        // A single pair in a flow list is a mapping with no brackets: it
        // spans its key to its value.
        assert_eq!(items(text, &e[1].value), ["a: 1", "b"]);
        assert_eq!(items(text, &e[2].value), ["one\n  two", "x\n  y"]);
    }

    #[test]
    fn block_scalars_span_their_content_without_the_header() {
        let text = concat!(
            "literal: |\n",
            "  line one\n",
            "\n",
            "  line two  \n",
            "\n",
            "folded: >-  # a comment\n",
            "\n",
            "  Next-day\n",
            "  delivery\n",
            "kept: |+\n",
            "  a\n",
            "\n",
            "indented: |2\n",
            "   x\n",
            "  y\n",
            "tagged: &t !!str >\n",
            "  z\n",
            "empty: |\n",
            "last: 1\n",
        );
        let e = entries(text);
        let spans: Vec<_> = e
            .iter()
            .map(|e| &text[e.value.span.start..e.value.span.end])
            .collect();
        assert_eq!(
            spans,
            [
                "line one\n\n  line two  ",
                "Next-day\n  delivery",
                "a",
                " x\n  y",
                "z",
                "",
                "1"
            ]
        );
        assert_eq!(
            e[1].value.kind,
            NodeKind::String("\nNext-day delivery".into())
        );
        assert_eq!(e[3].value.kind, NodeKind::String(" x\ny\n".into()));
    }

    #[test]
    fn multi_line_plain_and_quoted_scalars() {
        let text = concat!(
            "plain: Free returns\n",
            "  within 30 days   # a comment\n",
            "double: \"Free \\\"returns\\\"\n",
            "  within\\t30 days\"  # a comment\n",
            "single: 'it''s\n",
            "\n",
            "  on us' # it's a comment\n",
            "after: x\n",
        );
        let e = entries(text);
        assert_eq!(
            located(text, &e),
            pairs(&[
                ("plain", "Free returns\n  within 30 days"),
                ("double", "Free \\\"returns\\\"\n  within\\t30 days"),
                ("single", "it''s\n\n  on us"),
                ("after", "x"),
            ])
        );
        assert_eq!(
            e[1].value.kind,
            NodeKind::String("Free \"returns\" within\t30 days".into())
        );
        assert_eq!(e[2].value.kind, NodeKind::String("it's\non us".into()));
    }

    #[test]
    fn quoted_keys_tagged_keys_and_complex_keys() {
        let text = concat!(
            "\"window\": 30 days\n",
            "'fee': 0%\n",
            "\"a\\tb\": 1\n",
            "!!str free_over: $50\n",
            "? question\n",
            ": answer\n",
        );
        let e = entries(text);
        assert_eq!(
            located(text, &e),
            pairs(&[
                ("window", "30 days"),
                ("fee", "0%"),
                ("a\\tb", "1"),
                ("free_over", "$50"),
                ("question", "answer"),
            ])
        );
        assert_eq!(e[2].key, "a\tb");
    }

    #[test]
    fn anchors_are_skipped_and_aliases_span_themselves() {
        let text = concat!(
            "base: &base\n",
            "  window: 30 days\n",
            "  regions: &r [US, CA]\n",
            "copy: *base\n",
            "regions: *r\n",
            "note: &n !!str\n",
            "  # a comment between\n",
            "  'quoted'\n",
            "again: [*n, *n]\n",
        );
        let e = entries(text);
        assert_eq!(
            &text[e[0].value.span.start..e[0].value.span.end],
            "window: 30 days\n  regions: &r [US, CA]"
        );
        let NodeKind::Map(base) = &e[0].value.kind else {
            panic!()
        };
        assert_eq!(
            &text[base[1].value.span.start..base[1].value.span.end],
            "[US, CA]"
        );
        // What an alias repeats spans the alias, keys and all.
        let NodeKind::Map(copy) = &e[1].value.kind else {
            panic!()
        };
        assert_eq!(copy[0].value.kind, NodeKind::String("30 days".into()));
        for span in [e[1].value.span, copy[0].key_span, copy[1].value.span] {
            assert_eq!(&text[span.start..span.end], "*base");
        }
        assert_eq!(items(text, &e[2].value), ["*r", "*r"]);
        assert_eq!(&text[e[3].value.span.start..e[3].value.span.end], "quoted");
        assert_eq!(items(text, &e[4].value), ["*n", "*n"]);
    }

    #[test]
    fn byte_offsets_with_crlf_bom_and_multi_byte_text() {
        let text = concat!(
            "\u{feff}fenêtre: 30 jours\r\n",
            "région: {nom: \"Île-de-France\", code: 75}\r\n",
            "texte: >-\r\n",
            "  Livraison à\r\n",
            "  domicile 🚚\r\n",
            "liste: [é, \"ü\\u00e9\"]\r\n",
            "fin: \u{1f600}\r\n",
        );
        let e = entries(text);
        assert_eq!(
            located(text, &e),
            pairs(&[
                ("fenêtre", "30 jours"),
                ("région", "{nom: \"Île-de-France\", code: 75}"),
                ("nom", "Île-de-France"),
                ("code", "75"),
                ("texte", "Livraison à\r\n  domicile 🚚"),
                ("liste", "[é, \"ü\\u00e9\"]"),
                ("fin", "\u{1f600}"),
            ])
        );
        assert_eq!(items(text, &e[3].value), ["é", "ü\\u00e9"]);
        // Past the first 64 characters, where offsets are counted from a
        // sample, and with libyaml's other line breaks.
        let long = format!("{}: x\u{85}b: ü\u{2028}c: \"é\"\rd: ok", "é".repeat(100));
        let e = entries(&long);
        assert_eq!(
            located(&long, &e),
            pairs(&[(&"é".repeat(100), "x"), ("b", "ü"), ("c", "é"), ("d", "ok"),])
        );
    }

    #[test]
    fn copy_values_span_the_same_text() {
        let text = "- Hi\n- {say: \"Bye\", then: [Thanks, 3]}\n- |\n  Block\n";
        let values = string_values(text).unwrap();
        let found: Vec<_> = values
            .iter()
            .map(|v| (v.text.as_str(), &text[v.span.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("Hi", "Hi"),
                ("Bye", "Bye"),
                ("Thanks", "Thanks"),
                ("Block\n", "Block")
            ]
        );
    }
}
