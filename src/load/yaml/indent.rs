//! Indentation slips: a line of a YAML file indented a space more or less
//! than its siblings, named as such.
//!
//! libyaml meets such a line where the text stops making sense: at a `:`
//! later on it ("mapping values are not allowed", whose usual cause is a
//! value to quote), on the line after it, or never, where the line reads as
//! more words of the list item above. Two readings find the line itself:
//! - [`after_error`]: when a file does not parse, its lines up to the error
//!   are read for their indentation alone (which lines are keys and list
//!   items, which of them open a block, at what indentation each block's
//!   entries stand) to find the first line that stands where no block does.
//!   That line is named only if it is the error's own or the one before it,
//!   so a construct this reading takes wrongly can only leave libyaml's
//!   message in place, never replace it with a wrong one. In a file with no
//!   document marker that libyaml reads as two documents, [`document_split`]
//!   names the line that ended the first.
//! - [`merged_item`]: in a file that parses, a list item whose dash stands
//!   right of its siblings' dashes but left of their text, which YAML reads
//!   as more words of the item above (`- phone` then ` - email` is one item,
//!   "phone - email").
//!
//! Neither reads a value: the parsers do (see the module doc of [`super`]).

use super::spans::{quote_close, quote_end};
use super::{Node, NodeKind};
use crate::source::{line_breaks, Span};

/// A line indented unlike its siblings, which [`super::errors`] reports.
#[derive(Debug, PartialEq)]
pub(super) struct Slip {
    /// Where the line starts, and its number from 1.
    pub start: usize,
    pub number: usize,
    pub indent: usize,
    /// How many spaces its siblings are indented.
    pub siblings: usize,
    /// YAML read the line as more words of the list item above it.
    pub merged: bool,
}

/// The slip that explains a syntax error at byte `at` of `text` (whose YAML
/// starts at `body_start`), if a line at the error or just before it is
/// indented where no block stands.
pub(super) fn after_error(text: &str, body_start: usize, at: usize) -> Option<Slip> {
    let lines: Vec<Line> = lines(text, body_start).collect();
    let error_line = lines.partition_point(|line| line.start <= at).max(1) - 1;
    let before = lines[..error_line]
        .iter()
        .rposition(|line| !matches!(shape(line.rest), Shape::Blank));
    match read_through(&lines, error_line) {
        Err((index, Lost::Slip(slip))) if index == error_line || Some(index) == before => {
            Some(slip)
        }
        _ => None,
    }
}

/// The slip that makes libyaml read a file with no document marker as two
/// documents: a line left of the first block's indentation ends the first.
pub(super) fn document_split(text: &str, body_start: usize) -> Option<Slip> {
    let lines: Vec<Line> = lines(text, body_start).collect();
    if lines
        .iter()
        .any(|line| matches!(shape(line.rest), Shape::Document))
    {
        return None;
    }
    match read_through(&lines, lines.len() - 1) {
        Err((_, Lost::Slip(slip))) => Some(slip),
        _ => None,
    }
}

/// Reads `lines` up to index `last`, or to the line where the reading stops.
fn read_through(lines: &[Line], last: usize) -> Result<(), (usize, Lost)> {
    let mut reader = Reader::default();
    (0..=last).try_for_each(|index| reader.read(lines, index).map_err(|lost| (index, lost)))
}

/// The first list item, under `node`, that a line of the plain scalar above
/// it swallowed.
pub(super) fn merged_item(text: &str, node: &Node) -> Option<Slip> {
    match &node.kind {
        NodeKind::List(items) => items.iter().find_map(|item| match item.kind {
            NodeKind::String(_) => swallowed(text, item.span),
            _ => merged_item(text, item),
        }),
        NodeKind::Map(entries) => entries
            .iter()
            .find_map(|entry| merged_item(text, &entry.value)),
        _ => None,
    }
}

/// A line of the plain scalar at `span`, a list item written on its dash's
/// line, that starts with a dash right of that dash and left of the item's
/// text: an item of the list, one space off.
fn swallowed(text: &str, span: Span) -> Option<Slip> {
    let body_start = crate::source::text_start(text);
    let line_start = text[..span.start]
        .rfind(['\n', '\r'])
        .map_or(body_start, |at| at + 1);
    let before = &text[line_start..span.start];
    let dash = before.len() - before.trim_start_matches(' ').len();
    let after_dash = before[dash..].strip_prefix('-')?;
    if after_dash.is_empty() || after_dash.bytes().any(|b| b != b' ') {
        return None;
    }
    let column = before.len();
    let bytes = text.as_bytes();
    line_breaks(bytes, span.start..span.end).find_map(|start| {
        let line = line_at(text, start);
        let starts_item = line.rest == "-" || line.rest.starts_with("- ");
        (starts_item && dash < line.indent && line.indent < column).then(|| Slip {
            start,
            number: line_breaks(bytes, 0..start).count() + 1,
            indent: line.indent,
            siblings: dash,
            merged: true,
        })
    })
}

// ---------------------------------------------------------------- lines

/// A line of the file.
#[derive(Clone, Copy)]
struct Line<'t> {
    /// Where it starts (after any byte order mark), and its number from 1.
    start: usize,
    number: usize,
    /// Its spaces before anything else.
    indent: usize,
    /// What follows them, without the line break.
    rest: &'t str,
}

/// The lines of `text`, counted as the findings' positions count them.
fn lines(text: &str, body_start: usize) -> impl Iterator<Item = Line<'_>> {
    let starts = std::iter::once(0).chain(line_breaks(text.as_bytes(), 0..text.len()));
    starts.enumerate().map(move |(index, start)| Line {
        number: index + 1,
        ..line_at(text, start.max(body_start))
    })
}

/// The line that starts at `start`, but for its number.
fn line_at(text: &str, start: usize) -> Line<'_> {
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |found| start + found);
    let rest = text[start..end].trim_start_matches(' ');
    Line {
        start,
        number: 0,
        indent: end - start - rest.len(),
        rest,
    }
}

/// What a line holds, as far as its indentation goes.
enum Shape<'t> {
    /// Nothing but blanks, or a comment.
    Blank,
    /// A document marker or directive: what follows starts afresh.
    Document,
    /// `key: value`, with the value's text (empty when it is below).
    Key(&'t str),
    /// `- value`: how far right of the dash the value stands, and its text.
    Item(usize, &'t str),
    /// Anything else: more words of a scalar begun above, or a line this
    /// reading does not follow (`? ` keys, flow collections).
    Other,
}

fn shape(rest: &str) -> Shape<'_> {
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Shape::Blank;
    }
    let marker = |mark: &str| rest == mark || rest.starts_with(&format!("{mark} "));
    if marker("---") || marker("...") || rest.starts_with('%') {
        return Shape::Document;
    }
    if let Some(after) = rest.strip_prefix('-') {
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let value = after.trim_start_matches([' ', '\t']);
            return Shape::Item(rest.len() - value.len(), value);
        }
    }
    match key_value(rest) {
        Some(value) => Shape::Key(value),
        None => Shape::Other,
    }
}

/// The value after `key:` when `rest` starts with a key: a quoted one, or
/// plain words up to a `:` that a blank or the line's end follows.
fn key_value(rest: &str) -> Option<&str> {
    let bytes = rest.as_bytes();
    let colon = match bytes.first()? {
        b'"' | b'\'' => {
            let close = quote_end(bytes, 0)?;
            let after = &rest[close + 1..];
            close + 1 + after.len() - after.trim_start_matches(' ').len()
        }
        b'?' | b'[' | b'{' | b'#' | b'|' | b'>' => return None,
        _ => (0..bytes.len()).find(|&at| {
            bytes[at] == b':' && matches!(bytes.get(at + 1), None | Some(b' ' | b'\t'))
                || bytes[at] == b'#' && at > 0 && bytes[at - 1] == b' '
        })?,
    };
    (bytes.get(colon) == Some(&b':') && matches!(bytes.get(colon + 1), None | Some(b' ' | b'\t')))
        .then(|| rest[colon + 1..].trim_start_matches([' ', '\t']))
}

/// What a value written on its key's or dash's line leads to.
enum Opens {
    /// Nothing: a block may follow, indented further.
    Block,
    /// A block scalar (`|`, `>-`…), whose lines are indented further.
    BlockScalar,
    /// A quoted scalar or a flow collection left open, whose lines follow.
    Skip(Skip),
    /// A value on the line, whose words may go on below, indented further.
    Inline,
}

fn opens(value: &str) -> Opens {
    // Anchors and tags stand before the value.
    let mut value = value;
    while value.starts_with(['&', '!']) {
        let end = value.find([' ', '\t']).unwrap_or(value.len());
        value = value[end..].trim_start_matches([' ', '\t']);
    }
    match value.as_bytes().first() {
        None | Some(b'#') => Opens::Block,
        Some(b'|' | b'>') => Opens::BlockScalar,
        Some(&quote @ (b'"' | b'\'')) if quote_end(value.as_bytes(), 0).is_none() => {
            Opens::Skip(Skip::Quote(quote))
        }
        Some(b'[' | b'{') => match flow_depth(value, 0) {
            0 => Opens::Inline,
            depth => Opens::Skip(Skip::Flow(depth)),
        },
        Some(_) => Opens::Inline,
    }
}

/// How many brackets of a flow collection are open after `text`, with
/// `open` open before it.
fn flow_depth(text: &str, mut open: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'[' | b'{' => open += 1,
            b']' | b'}' => open = open.saturating_sub(1),
            b'"' | b'\'' => at = quote_close(bytes, byte, at + 1).unwrap_or(bytes.len()),
            b'#' if at > 0 && bytes[at - 1] == b' ' => break,
            _ => {}
        }
        at += 1;
    }
    open
}

// ---------------------------------------------------------------- reading

/// Lines the reading passes over.
#[derive(Clone, Copy, Default)]
enum Skip {
    #[default]
    Nothing,
    /// A block scalar's: blank, or indented further than the key or dash
    /// that holds it, and as far as its first line once that is known.
    Scalar {
        holder: usize,
        content: Option<usize>,
    },
    /// A quoted scalar's, up to its closing quote.
    Quote(u8),
    /// A flow collection's, up to its last closing bracket.
    Flow(usize),
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Map,
    Seq,
}

/// The keys or the items of one mapping or list: where they stand, and its
/// first line, which the next may show to be the slip.
struct Block {
    indent: usize,
    kind: Kind,
    first: (usize, usize),
    entries: usize,
}

impl Block {
    fn new(indent: usize, kind: Kind, line: &Line) -> Block {
        Block {
            indent,
            kind,
            first: (line.start, line.number),
            entries: 1,
        }
    }
}

/// A key or dash with nothing after it, on the line before: the block it
/// opens, if the next line is indented further (or a list, at a key's own
/// indentation).
#[derive(Clone, Copy)]
struct Opener {
    indent: usize,
    by_key: bool,
}

/// Why the reading stops.
enum Lost {
    /// A line stands where no block does.
    Slip(Slip),
    /// A line this reading does not follow.
    Unknown,
}

#[derive(Default)]
struct Reader {
    /// The blocks open, outermost first.
    blocks: Vec<Block>,
    opener: Option<Opener>,
    skip: Skip,
}

impl Reader {
    fn read(&mut self, lines: &[Line], index: usize) -> Result<(), Lost> {
        let line = &lines[index];
        match self.skip {
            Skip::Scalar { .. } if line.rest.is_empty() => return Ok(()),
            Skip::Scalar { holder, content }
                if line.indent > holder && content.is_none_or(|content| line.indent >= content) =>
            {
                self.skip = Skip::Scalar {
                    holder,
                    content: Some(content.unwrap_or(line.indent)),
                };
                return Ok(());
            }
            Skip::Quote(quote) => {
                if quote_close(line.rest.as_bytes(), quote, 0).is_some() {
                    self.skip = Skip::Nothing;
                }
                return Ok(());
            }
            Skip::Flow(open) => {
                self.skip = match flow_depth(line.rest, open) {
                    0 => Skip::Nothing,
                    open => Skip::Flow(open),
                };
                return Ok(());
            }
            Skip::Scalar { .. } | Skip::Nothing => self.skip = Skip::Nothing,
        }
        let shape = shape(line.rest);
        if line.rest.starts_with('\t') && !matches!(shape, Shape::Blank) {
            // A tab in the indentation: libyaml's own message says so.
            return Err(Lost::Unknown);
        }
        match shape {
            Shape::Blank => Ok(()),
            Shape::Document => {
                *self = Reader::default();
                Ok(())
            }
            Shape::Other => self.words(line),
            Shape::Key(value) => {
                self.place(lines, index, Kind::Map)?;
                self.opened(line.indent, true, value);
                Ok(())
            }
            Shape::Item(offset, value) => {
                self.place(lines, index, Kind::Seq)?;
                self.item(line, line.indent, offset, value);
                Ok(())
            }
        }
    }

    /// A line of neither a key nor an item: more words of a scalar begun
    /// above, if it is indented further than what holds that scalar.
    fn words(&mut self, line: &Line) -> Result<(), Lost> {
        let holder = match self.opener.take() {
            Some(opener) => Some(opener.indent),
            None => self.blocks.last().map(|block| block.indent),
        };
        if holder.is_none_or(|holder| line.indent <= holder) {
            return Err(Lost::Unknown);
        }
        if let Opens::Skip(skip) = opens(line.rest) {
            self.skip = skip;
        }
        Ok(())
    }

    /// Places the key or item of `lines[index]`: first in the block the
    /// line above opened, beside its siblings, or where no block stands.
    fn place(&mut self, lines: &[Line], index: usize, kind: Kind) -> Result<(), Lost> {
        let line = &lines[index];
        let indent = line.indent;
        if let Some(opener) = self.opener.take() {
            let list_at_key = indent == opener.indent && opener.by_key && kind == Kind::Seq;
            if indent > opener.indent || list_at_key {
                self.blocks.push(Block::new(indent, kind, line));
                return Ok(());
            }
        }
        // The blocks this line is left of end; the last of them is the one
        // it falls short of, if it stands between two.
        let mut short_of = None;
        while let Some(block) = self.blocks.last() {
            let list_ends = block.indent == indent && block.kind == Kind::Seq && kind == Kind::Map;
            if block.indent <= indent && !list_ends {
                break;
            }
            let block = self.blocks.pop().expect("a block");
            if block.indent > indent {
                short_of = Some(block);
            }
        }
        let slip = |siblings| {
            Lost::Slip(Slip {
                start: line.start,
                number: line.number,
                indent,
                siblings,
                merged: false,
            })
        };
        match (self.blocks.last_mut(), short_of) {
            (Some(block), _) if block.indent == indent => {
                if block.kind != kind {
                    // A key among items or an item among keys: not a
                    // matter of indentation.
                    return Err(Lost::Unknown);
                }
                block.entries += 1;
                Ok(())
            }
            (None, None) => {
                self.blocks.push(Block::new(indent, kind, line));
                Ok(())
            }
            // Indented further than its siblings, with nothing above to
            // open a block. A space further is a slip; more may be words of
            // a scalar, or a block meant to be opened.
            (Some(block), None) if indent == block.indent + 1 => Err(slip(block.indent)),
            (Some(_), None) => Err(Lost::Unknown),
            (outer, Some(inner)) => {
                // The first line of a block that the lines after it disown.
                if inner.entries == 1 && next_indent(lines, index) == Some(indent) {
                    let (start, number) = inner.first;
                    return Err(Lost::Slip(Slip {
                        start,
                        number,
                        indent: inner.indent,
                        siblings: indent,
                        merged: false,
                    }));
                }
                let siblings = match outer {
                    Some(outer) if indent - outer.indent < inner.indent - indent => outer.indent,
                    _ => inner.indent,
                };
                Err(slip(siblings))
            }
        }
    }

    /// What the value after a key at `indent` leads to.
    fn opened(&mut self, indent: usize, by_key: bool, value: &str) {
        match opens(value) {
            Opens::Block => self.opener = Some(Opener { indent, by_key }),
            Opens::BlockScalar => {
                self.skip = Skip::Scalar {
                    holder: indent,
                    content: None,
                }
            }
            Opens::Skip(skip) => self.skip = skip,
            Opens::Inline => {}
        }
    }

    /// What follows the dash at `dash`, `offset` columns right of it: a key
    /// or a dash there opens a block of its own on the item's line.
    fn item(&mut self, line: &Line, dash: usize, offset: usize, value: &str) {
        let column = dash + offset;
        match shape(value) {
            Shape::Key(inner) => {
                self.blocks.push(Block::new(column, Kind::Map, line));
                self.opened(column, true, inner);
            }
            Shape::Item(further, inner) => {
                self.blocks.push(Block::new(column, Kind::Seq, line));
                self.item(line, column, further, inner);
            }
            _ => self.opened(dash, false, value),
        }
    }
}

/// The indentation of the next line after `index` that is not blank.
fn next_indent(lines: &[Line], index: usize) -> Option<usize> {
    lines[index + 1..]
        .iter()
        .find(|line| !matches!(shape(line.rest), Shape::Blank))
        .map(|line| line.indent)
}
