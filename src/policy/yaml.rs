//! YAML: policy files and copy files. The only module that touches `serde_yaml`.
//!
//! `policy NAME from "file.yaml"` imports a YAML mapping of field names to
//! values. This module turns the file's text into a tree of [`Node`]s that
//! know where their text stands, or into one finding at the line and column
//! where the file stops being such a mapping. It does not read value strings
//! like `30 days`: the model does, with the promise language's value parser.
//!
//! A copy file (a call script, say) is read the same way by
//! [`string_values`], for its string values only, whatever its shape.
//!
//! `serde_yaml` is deprecated upstream; keeping it behind this one file means
//! replacing it touches nothing else. It gives positions for errors but not for
//! values, so a `Locator` finds keys and scalars itself by reading block-style
//! YAML line by line, and every span it finds is checked against what
//! serde_yaml decoded before it is used. Where the two disagree, or the text
//! is not taken apart (flow style, block scalars, multi-line scalars, aliases),
//! a node gets an enclosing span instead: coarser, never wrong.
//!
//! A small YAML file can be made expensive to read, so three limits apply:
//! - Aliases: once expanded, the values may take about 64 MiB.
//!   serde_yaml's own repetition limit stops a classic "billion laughs" bomb
//!   quickly, but not one anchor of many values aliased many times: a 15 KB
//!   file of that shape took 1 GB before this limit.
//! - Brackets: at most 1,000 open at once, counted before parsing.
//!   serde_yaml refuses more than 128 levels of nesting, but only after
//!   libyaml has scanned the whole file, in time quadratic in the depth of `[`
//!   and `{` (40,000 levels: 4 s; a million: over 15 minutes).
//! - Nesting: a policy's lists and mappings may nest `max-nesting` levels
//!   ([`crate::load::limits`]); serde_yaml's own limit of 128 levels keeps every
//!   recursion here, which follows the decoded tree, shallow, for copy too.

use crate::finding::codes::{DUPLICATE_DEFINITION, INVALID_POLICY_FILE};
use crate::finding::{Finding, Label};
use crate::source::{FileId, Sources, Span};
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// The memory, roughly, that a policy's values may take once aliases are
/// expanded: each value counts as the size of an [`Entry`] plus its text.
const MAX_EXPANDED_BYTES: usize = 64 << 20;

/// The most `[` and `{` that may be open at once, counted before parsing; no
/// hand-written policy comes near.
const MAX_OPEN_BRACKETS: usize = 1000;

/// serde_yaml's nesting limit; the locator never goes deeper either.
const MAX_DEPTH: usize = 128;

/// A YAML value with where its text stands in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// For a scalar, its text without quotes: for a plain or simply quoted
    /// string the text at the span *is* the string. Where the text was not
    /// taken apart (flow style, block and multi-line scalars, aliases) the span
    /// is that of an enclosing construct instead, so check that the text equals
    /// the string before pointing inside it. For a mapping or list, from its
    /// first child to its last.
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Bool(bool),
    Number(f64),
    /// A string scalar, decoded (quotes and escapes resolved).
    String(String),
    /// An empty value (`key:` with nothing, `~`, `null`).
    Null,
    List(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    /// The key's text without quotes.
    pub key_span: Span,
    pub value: Node,
}

/// Parses a policy file: its top level must be a mapping. Keys keep file order.
///
/// A key defined twice in one mapping is a `duplicate-definition` finding
/// naming both places; every other problem is an `invalid-policy-file` finding.
/// Lists and mappings nested deeper than `max_depth` levels are refused.
pub fn parse(file: FileId, text: &str, max_depth: usize) -> Result<Vec<Entry>, Box<Finding>> {
    let (root, located) = read(file, text, Purpose::Policy, max_depth)?;
    match root.kind {
        NodeKind::Map(entries) => {
            duplicate_keys(&entries)?;
            Ok(entries)
        }
        NodeKind::Null if !located => Err(invalid(
            Span::new(file, 0, 0),
            "this file",
            "this policy file is empty",
            "write one `field: value` per line, like `window: 30 days`",
        )),
        kind => Err(invalid(
            Locator::new(file, text).whole_line(root.span.start),
            "the policy starts here",
            format!(
                "a policy file must be a mapping of field names to values, but this one is {}",
                kind_name(&kind)
            ),
            "write one `field: value` per line, like `window: 30 days`",
        )),
    }
}

/// The string values of a copy file, in file order, each with the bytes it
/// stands for: its text where the locator found it (see [`Node::span`]),
/// else an enclosing construct's. Keys, numbers, booleans and nulls are not
/// copy; any shape is, tags are read through. A file that is not YAML gives
/// its error's message and place.
pub fn string_values(text: &str) -> Result<Vec<StringValue>, (String, Range<usize>)> {
    fn collect(node: Node, values: &mut Vec<StringValue>) {
        match node.kind {
            NodeKind::String(text) => values.push(StringValue {
                text,
                span: node.span.start..node.span.end,
            }),
            NodeKind::List(items) => items.into_iter().for_each(|item| collect(item, values)),
            NodeKind::Map(entries) => entries
                .into_iter()
                .for_each(|entry| collect(entry.value, values)),
            NodeKind::Bool(_) | NodeKind::Number(_) | NodeKind::Null => {}
        }
    }
    // Copy is not one of the run's sources: its spans leave here as ranges.
    let file = Sources::default().add(PathBuf::new(), "");
    let (root, _) = read(file, text, Purpose::Copy, MAX_DEPTH).map_err(|finding| {
        (
            finding.message,
            finding.primary.span.start..finding.primary.span.end,
        )
    })?;
    let mut values = Vec::new();
    collect(root, &mut values);
    Ok(values)
}

/// A string value of a copy file.
#[derive(Debug, PartialEq)]
pub struct StringValue {
    /// Decoded: quotes, escapes and folding resolved.
    pub text: String,
    /// The bytes it was read from.
    pub span: Range<usize>,
}

/// What a YAML file is read as.
#[derive(Clone, Copy, PartialEq)]
enum Purpose {
    /// Field names to values: keys must be text, tags are refused.
    Policy,
    /// Copy: keys of any kind; tags are read through to their values.
    Copy,
}

/// Parses and locates a YAML file: its top-level node, and whether the
/// locator found a document in it at all.
fn read(
    file: FileId,
    text: &str,
    purpose: Purpose,
    max_depth: usize,
) -> Result<(Node, bool), Box<Finding>> {
    // serde_yaml reads an entry after a byte order mark as a second document,
    // so the mark is cut here and error offsets shifted back past it.
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[body_start..];
    // libyaml's reader refuses these too, but with no location: the offset
    // is only in its message.
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
    if let Some(at) = find_bracket(body, 0, |open| open > MAX_OPEN_BRACKETS) {
        return Err(invalid(
            point(file, text, body_start + at),
            "this bracket",
            format!("this YAML has more than {MAX_OPEN_BRACKETS} brackets open at once"),
            "a policy nests a few levels at most: look for brackets left open",
        ));
    }
    let cx = Context {
        file,
        purpose,
        budget: Cell::new(MAX_EXPANDED_BYTES),
        max_depth,
        problem: Cell::new(None),
    };
    let seed = ValueSeed {
        cx: &cx,
        key: false,
        depth: 0,
    };
    let mut root = seed
        .deserialize(serde_yaml::Deserializer::from_str(body))
        .map_err(|error| yaml_error(&cx, text, body_start, &error))?;
    let mut locator = Locator::new(file, text);
    let shape = locator.document();
    if let Some(shape) = &shape {
        locator.place(&mut root, shape, Span::new(file, 0, 0));
    }
    Ok((root, shape.is_some()))
}

/// Lists and mappings nested more than `max` levels deep, found at `at`.
fn too_deep(file: FileId, text: &str, at: usize, max: usize) -> Box<Finding> {
    invalid(
        point(file, text, at),
        "one level too deep",
        format!("this YAML nests lists and mappings more than {max} levels deep"),
        "a policy nests a few levels at most: look for brackets left open \
         (the limit is `max-nesting` in promiselint.toml's [limits])",
    )
}

/// An `invalid-policy-file` finding.
fn invalid(
    span: Span,
    label: &str,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Box<Finding> {
    Box::new(Finding::new(&INVALID_POLICY_FILE, Label::new(span, label), message).with_hint(hint))
}

fn kind_name(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Bool(_) => "a boolean",
        NodeKind::Number(_) => "a number",
        NodeKind::String(_) => "text",
        NodeKind::Null => "empty",
        NodeKind::List(_) => "a list",
        NodeKind::Map(_) => "a mapping",
    }
}

/// What libyaml's reader accepts: printable Unicode, tab and line breaks.
fn allowed_in_yaml(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

fn duplicate_keys(entries: &[Entry]) -> Result<(), Box<Finding>> {
    let mut first = HashMap::new();
    for entry in entries {
        if let Some(&earlier) = first.get(entry.key.as_str()) {
            return Err(Box::new(
                Finding::new(
                    &DUPLICATE_DEFINITION,
                    Label::new(entry.key_span, "defined again here"),
                    format!("`{}` is defined twice in this YAML mapping", entry.key),
                )
                .with_related(Label::new(earlier, "first defined here"))
                .with_hint("delete one of the two, or rename it"),
            ));
        }
        first.insert(entry.key.as_str(), entry.key_span);
        nested_duplicate_keys(&entry.value)?;
    }
    Ok(())
}

fn nested_duplicate_keys(node: &Node) -> Result<(), Box<Finding>> {
    match &node.kind {
        NodeKind::Map(entries) => duplicate_keys(entries),
        NodeKind::List(items) => items.iter().try_for_each(nested_duplicate_keys),
        _ => Ok(()),
    }
}

// serde_yaml's messages for the errors that need their own words. The crate
// is archived, so they will not change under us.
const RECURSION_LIMIT: &str = "recursion limit exceeded";
const REPETITION_LIMIT: &str = "repetition limit exceeded";
const MORE_THAN_ONE_DOCUMENT: &str = "deserializing from YAML containing more than one document";

/// Turns a serde_yaml error, or a `problem` our visitor raised through it, into
/// a finding at the error's place. serde_yaml's `index` is a byte offset into
/// what it was given (checked with multi-byte text in the tests).
fn yaml_error(
    cx: &Context,
    text: &str,
    body_start: usize,
    error: &serde_yaml::Error,
) -> Box<Finding> {
    let file = cx.file;
    let at = error
        .location()
        .map_or(body_start, |location| body_start + location.index());
    let alias_hint = "policy files need no anchors or aliases: write each value out";
    match cx.problem.take() {
        Some(Problem::KeyNotText(kind)) => invalid(
            token_span(file, text, at),
            "this key",
            format!("this key is {kind}, but a field name must be text"),
            "name fields with words, like `window` or `restocking_fee`",
        ),
        Some(Problem::Tagged(tag)) => invalid(
            token_span(file, text, at),
            "this tag",
            format!(
                "policy files do not use YAML tags like `!{}`",
                tag.trim_start_matches('!')
            ),
            "remove the tag: the value's own text says what it is",
        ),
        Some(Problem::TooLarge) => invalid(
            token_span(file, text, at),
            "expansion stopped here",
            format!(
                "this YAML expands to more than {} MiB of values, through its aliases",
                MAX_EXPANDED_BYTES >> 20
            ),
            alias_hint,
        ),
        Some(Problem::TooDeep) => too_deep(file, text, at, cx.max_depth),
        None => {
            let reason = strip_positions(&error.to_string());
            if reason.starts_with(RECURSION_LIMIT) {
                too_deep(file, text, at, MAX_DEPTH)
            } else if reason.starts_with(REPETITION_LIMIT) {
                invalid(
                    point(file, text, at),
                    "this file",
                    "this YAML repeats its aliases too many times to expand",
                    alias_hint,
                )
            } else if reason.starts_with(MORE_THAN_ONE_DOCUMENT) {
                let at = Locator::new(file, text).second_document().unwrap_or(0);
                invalid(
                    token_span(file, text, at),
                    "a second document starts here",
                    match cx.purpose {
                        Purpose::Policy => "this policy file holds more than one YAML document",
                        Purpose::Copy => "this copy file holds more than one YAML document",
                    },
                    "a policy file is one mapping: move the rest to a file of its own",
                )
            } else {
                let hint = syntax_hint(&reason);
                invalid(
                    point(file, text, at),
                    "here",
                    format!("this YAML does not parse: {reason}"),
                    hint,
                )
            }
        }
    }
}

fn syntax_hint(reason: &str) -> &'static str {
    if reason.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, like `note: \"a: b\"`"
    } else if reason.contains("cannot start any token") {
        "indent with spaces, not tabs, and quote a value that starts with `@`, `%` or `` ` ``"
    } else if reason.contains("did not find expected key") {
        "line up the keys of one mapping at the same indentation"
    } else {
        "check the indentation and the quotes on this line and the one before"
    }
}

/// serde_yaml's message without its " at line L column C" and " at position
/// N": the finding shows where.
fn strip_positions(message: &str) -> String {
    fn digits(s: &str) -> &str {
        s.trim_start_matches(|c: char| c.is_ascii_digit())
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(found) = rest.find(" at ") {
        out.push_str(&rest[..found]);
        let after = &rest[found + 4..];
        let skipped = after
            .strip_prefix("line ")
            .and_then(|s| digits(s).strip_prefix(" column "))
            .or_else(|| after.strip_prefix("position "))
            .map(digits);
        match skipped {
            Some(skipped) => rest = skipped,
            None => {
                out.push_str(" at ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character at `at`, or an empty span at a line break or the end.
fn point(file: FileId, text: &str, at: usize) -> Span {
    let at = floor_char_boundary(text, at);
    let len = text[at..]
        .chars()
        .next()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map_or(0, char::len_utf8);
    Span::new(file, at, at + len)
}

/// The key or value starting at `at`: up to the end of its line, a comment, or
/// a `: ` after it.
fn token_span(file: FileId, text: &str, at: usize) -> Span {
    let at = floor_char_boundary(text, at);
    let bytes = text.as_bytes();
    let mut end = at;
    while let Some(&byte) = bytes.get(end) {
        let ends = match byte {
            b'\n' | b'\r' => true,
            b':' => matches!(
                bytes.get(end + 1),
                None | Some(b' ' | b'\t' | b'\n' | b'\r')
            ),
            b'#' => end > at && matches!(bytes[end - 1], b' ' | b'\t'),
            _ => false,
        };
        if ends {
            break;
        }
        end += 1;
    }
    let end = at + text[at..end].trim_end_matches([' ', '\t']).len();
    if end > at {
        Span::new(file, at, end)
    } else {
        point(file, text, at)
    }
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What went wrong in our own visitor rather than in serde_yaml. A serde error
/// carries only a message and a position, so the kind travels beside it.
enum Problem {
    KeyNotText(&'static str),
    Tagged(String),
    TooLarge,
    TooDeep,
}

struct Context {
    file: FileId,
    purpose: Purpose,
    /// What is left of [`MAX_EXPANDED_BYTES`].
    budget: Cell<usize>,
    /// The most levels of lists and mappings, the top level being one.
    max_depth: usize,
    problem: Cell<Option<Problem>>,
}

impl Context {
    /// An error raised inside a visitor, so that serde_yaml gives it the
    /// position of the node being read.
    fn fail<E: de::Error>(&self, problem: Problem) -> E {
        self.problem.set(Some(problem));
        E::custom("rejected by the YAML reader")
    }
}

/// Builds [`Node`]s straight from serde_yaml's events, with empty spans for
/// the locator to fill. A visitor of our own, rather than `serde_yaml::Value`,
/// because it keeps duplicate keys (to report both places), sees tags, and can
/// stop an alias expansion while it is still small.
#[derive(Clone, Copy)]
struct ValueSeed<'c> {
    cx: &'c Context,
    /// Reading a mapping key, which must be text.
    key: bool,
    /// How many lists and mappings hold the node being read.
    depth: usize,
}

impl ValueSeed<'_> {
    /// The seed for the items of the list or mapping this seed reads, or
    /// the error for one level too deep.
    fn inner<E: de::Error>(self) -> Result<Self, E> {
        if self.depth >= self.cx.max_depth {
            return Err(self.cx.fail(Problem::TooDeep));
        }
        Ok(ValueSeed {
            key: false,
            depth: self.depth + 1,
            ..self
        })
    }

    fn node<E: de::Error>(self, kind: NodeKind) -> Result<Node, E> {
        if self.key && self.cx.purpose == Purpose::Policy && !matches!(kind, NodeKind::String(_)) {
            return Err(self.cx.fail(Problem::KeyNotText(kind_name(&kind))));
        }
        let text = match &kind {
            NodeKind::String(s) => s.len(),
            _ => 0,
        };
        let left = self
            .cx
            .budget
            .get()
            .checked_sub(size_of::<Entry>() + text)
            .ok_or_else(|| self.cx.fail(Problem::TooLarge))?;
        self.cx.budget.set(left);
        Ok(Node {
            span: Span::new(self.cx.file, 0, 0),
            kind,
        })
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Node;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        self.node(NodeKind::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        self.node(NodeKind::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        self.node(NodeKind::Number(v as f64))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        self.node(NodeKind::Number(v as f64))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        self.node(NodeKind::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        self.node(NodeKind::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        self.node(NodeKind::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        self.node(NodeKind::Null)
    }

    /// An empty document.
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        self.node(NodeKind::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let item = self.inner()?;
        let mut items = Vec::new();
        while let Some(node) = seq.next_element_seed(item)? {
            items.push(node);
        }
        self.node(NodeKind::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let value_seed = self.inner()?;
        let key_seed = ValueSeed {
            key: true,
            ..value_seed
        };
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(key_seed)? {
            let value = map.next_value_seed(value_seed)?;
            // `node` lets only text through as a policy's key. A copy file's
            // other keys keep their values, named as YAML writes them where
            // it can, for the locator to agree with.
            let name = match key.kind {
                NodeKind::String(name) => name,
                NodeKind::Bool(b) => b.to_string(),
                NodeKind::Number(n) => n.to_string(),
                _ => String::new(),
            };
            entries.push(Entry {
                key: name,
                key_span: key.span,
                value,
            });
        }
        self.node(NodeKind::Map(entries))
    }

    /// serde_yaml hands a tagged node (`!foo x`) over as an enum.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        let (tag, value) = data.variant::<String>()?;
        match self.cx.purpose {
            Purpose::Policy => Err(self.cx.fail(Problem::Tagged(tag))),
            Purpose::Copy => value.newtype_variant_seed(self),
        }
    }
}

/// Where a key or scalar's text stands. `quoted` when it stood inside quotes,
/// where escapes may make it differ from the decoded string.
#[derive(Clone, Copy)]
struct Text {
    span: Span,
    quoted: bool,
}

/// A node's layout as the locator read it.
enum Shape {
    Scalar(Text),
    /// Found but not taken apart: flow collections, block and multi-line
    /// scalars, aliases.
    Rough(Span),
    Map(Span, Vec<(Text, Shape)>),
    List(Span, Vec<Shape>),
}

impl Shape {
    fn span(&self) -> Span {
        match self {
            Shape::Scalar(text) => text.span,
            Shape::Rough(span) | Shape::Map(span, _) | Shape::List(span, _) => *span,
        }
    }
}

/// Reads block-style YAML the way a person does: a mapping is keys lined up
/// at one indentation, a list is dashes lined up, a value sits after its colon
/// or dash or on the deeper-indented lines below. It runs after serde_yaml has
/// accepted the text, and [`Locator::place`] trusts what it found only where
/// it agrees with what serde_yaml decoded.
struct Locator<'t> {
    file: FileId,
    text: &'t str,
    /// Each line's start and end, the end before its line break. Breaks are
    /// libyaml's: `\n`, `\r\n`, `\r`, NEL, LS and PS.
    lines: Vec<(usize, usize)>,
    /// The first line not read yet.
    next: usize,
}

impl<'t> Locator<'t> {
    fn new(file: FileId, text: &'t str) -> Locator<'t> {
        let bytes = text.as_bytes();
        let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut lines = Vec::new();
        let mut at = start;
        while at < bytes.len() {
            let rest = &bytes[at..];
            let break_len = ["\r\n", "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
                .iter()
                .find(|b| rest.starts_with(b.as_bytes()))
                .map_or(0, |b| b.len());
            if break_len == 0 {
                at += 1;
            } else {
                lines.push((start, at));
                at += break_len;
                start = at;
            }
        }
        lines.push((start, bytes.len()));
        Locator {
            file,
            text,
            lines,
            next: 0,
        }
    }

    fn line(&self, l: usize) -> &'t str {
        let (start, end) = self.lines[l];
        &self.text[start..end]
    }

    /// Columns `from..to` of line `l`.
    fn span(&self, l: usize, from: usize, to: usize) -> Span {
        let start = self.lines[l].0;
        Span::new(self.file, start + from, start + to)
    }

    fn indent(&self, l: usize) -> usize {
        self.line(l).bytes().take_while(|&b| b == b' ').count()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1)
    }

    /// The line holding `offset`, from `offset` to its end.
    fn rest_of_line(&self, offset: usize) -> Span {
        let end = self.lines[self.line_of(offset)].1.max(offset);
        Span::new(self.file, offset, end)
    }

    /// The whole line holding `offset`, without its indentation.
    fn whole_line(&self, offset: usize) -> Span {
        let l = self.line_of(offset);
        self.span(l, self.indent(l), self.line(l).len())
    }

    /// The next line at or after `from` with something on it, in this document.
    fn next_content(&self, from: usize) -> Option<usize> {
        (from..self.lines.len())
            .take_while(|&l| !is_marker(self.line(l)))
            .find(|&l| !is_blank(self.line(l)))
    }

    /// The top-level node of the first document.
    fn document(&mut self) -> Option<Shape> {
        for l in 0..self.lines.len() {
            let line = self.line(l);
            let col = if line.starts_with("...") && is_marker(line) {
                return None;
            } else if is_marker(line) {
                skip_properties(line, 3)
            } else if line.starts_with('%') {
                continue;
            } else {
                self.indent(l)
            };
            if !is_blank(&line[col..]) {
                return Some(self.block_node(l, col, 0, 0));
            }
        }
        None
    }

    /// Where a second document starts: at a second `---`, or at text after `...`.
    fn second_document(&self) -> Option<usize> {
        let (mut begun, mut open) = (false, false);
        for l in 0..self.lines.len() {
            let line = self.line(l);
            let starts = if is_marker(line) {
                open = false;
                line.starts_with("---")
            } else {
                !open && !is_blank(line) && !line.starts_with('%')
            };
            if starts && begun {
                return Some(self.lines[l].0);
            }
            begun |= starts;
            open |= starts;
        }
        None
    }

    /// The node whose text starts at column `col` of line `l`; `parent` is
    /// the indentation of the key or dash it belongs to.
    fn block_node(&mut self, l: usize, col: usize, parent: usize, depth: usize) -> Shape {
        let rest = &self.line(l)[col..];
        if depth > MAX_DEPTH {
            self.next = l + 1;
            Shape::Rough(self.span(l, col, self.line(l).len()))
        } else if is_dash(rest) {
            self.list(l, col, depth)
        } else if self.key_at(l, col).is_some() {
            self.map(l, col, depth)
        } else {
            self.scalar(l, col, parent)
        }
    }

    fn map(&mut self, mut l: usize, indent: usize, depth: usize) -> Shape {
        let mut entries = Vec::new();
        let mut col = indent;
        while let Some((key, after)) = self.key_at(l, col) {
            let value = self.value(l, after, indent, true, depth);
            entries.push((key, value));
            match self.next_content(self.next) {
                Some(next) if self.indent(next) == indent => {
                    l = next;
                    col = indent;
                }
                _ => break,
            }
        }
        let span = entries
            .first()
            .zip(entries.last())
            .map_or(self.span(l, col, col), |((first, _), (_, last))| {
                first.span.to(last.span())
            });
        Shape::Map(span, entries)
    }

    fn list(&mut self, mut l: usize, indent: usize, depth: usize) -> Shape {
        let mut items = Vec::new();
        loop {
            items.push(self.value(l, indent + 1, indent, false, depth));
            match self.next_content(self.next) {
                Some(next)
                    if self.indent(next) == indent && is_dash(&self.line(next)[indent..]) =>
                {
                    l = next;
                }
                _ => break,
            }
        }
        let span = items
            .first()
            .zip(items.last())
            .map_or(self.span(l, indent, indent), |(first, last)| {
                first.span().to(last.span())
            });
        Shape::List(span, items)
    }

    /// The value after a key's colon or a list's dash, which ends at column
    /// `after` of line `l`: on that line, or on the lines below indented
    /// deeper than `indent` — or, under a key, a list at the key's own
    /// indentation. Nothing at all is an empty span after the colon or dash.
    fn value(
        &mut self,
        l: usize,
        after: usize,
        indent: usize,
        under_key: bool,
        depth: usize,
    ) -> Shape {
        let line = self.line(l);
        let col = skip_properties(line, after);
        if !is_blank(&line[col..]) {
            // After a dash may come a whole compact mapping or list (`- a: 1`).
            return if under_key {
                self.scalar(l, col, indent)
            } else {
                self.block_node(l, col, indent, depth + 1)
            };
        }
        self.next = l + 1;
        match self.next_content(l + 1) {
            Some(next)
                if self.indent(next) > indent
                    || (under_key
                        && self.indent(next) == indent
                        && is_dash(&self.line(next)[indent..])) =>
            {
                let col = self.indent(next);
                self.block_node(next, col, indent, depth + 1)
            }
            _ => Shape::Scalar(Text {
                span: self.span(l, after, after),
                quoted: false,
            }),
        }
    }

    /// A scalar or flow collection at column `col` of line `l`. Lines below it
    /// indented deeper than `indent` continue it.
    fn scalar(&mut self, l: usize, col: usize, indent: usize) -> Shape {
        let line = self.line(l);
        let start = self.lines[l].0 + col;
        self.next = l + 1;
        let shape = match line.as_bytes().get(col) {
            Some(b'"' | b'\'') => match quote_end(self.text, start) {
                Some(close) => {
                    let close_line = self.line_of(close);
                    self.next = close_line + 1;
                    let span = Span::new(self.file, start + 1, close);
                    if close_line == l {
                        Shape::Scalar(Text { span, quoted: true })
                    } else {
                        Shape::Rough(span)
                    }
                }
                None => Shape::Rough(self.span(l, col, line.len())),
            },
            Some(b'[' | b'{') => {
                let end = flow_end(self.text, start).unwrap_or(self.lines[l].1);
                self.next = self.line_of(end.saturating_sub(1)) + 1;
                Shape::Rough(Span::new(self.file, start, end))
            }
            Some(b'*' | b'|' | b'>') => Shape::Rough(self.span(l, col, content_end(line, col))),
            _ => Shape::Scalar(Text {
                span: self.span(l, col, content_end(line, col)),
                quoted: false,
            }),
        };
        match self.continuation(indent) {
            Some(end) => Shape::Rough(shape.span().to(Span::new(self.file, end, end))),
            None => shape,
        }
    }

    /// Reads on over the lines that continue a scalar — blank, or indented
    /// deeper than `indent`: a multi-line scalar or a block scalar's content —
    /// and returns where the last one with text ends.
    fn continuation(&mut self, indent: usize) -> Option<usize> {
        let mut end = None;
        while self.next < self.lines.len() {
            let line = self.line(self.next);
            let blank = line.trim_matches([' ', '\t']).is_empty();
            if is_marker(line) || !(blank || self.indent(self.next) > indent) {
                break;
            }
            if !is_blank(line) {
                end = Some(self.lines[self.next].0 + content_end(line, 0));
            }
            self.next += 1;
        }
        end
    }

    /// The key at column `col` of line `l`, if one stands there followed by
    /// its colon, and the column after the colon.
    fn key_at(&self, l: usize, col: usize) -> Option<(Text, usize)> {
        let line = self.line(l);
        let bytes = line.as_bytes();
        let blank_or_end = |at: usize| matches!(bytes.get(at), None | Some(b' ' | b'\t'));
        let (from, to, colon) = match *bytes.get(col)? {
            b'"' | b'\'' => {
                let close = quote_end(line, col)?;
                (col + 1, close, skip_space(line, close + 1))
            }
            b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%'
            | b'@' | b'`' => return None,
            b'-' | b'?' | b':' if blank_or_end(col + 1) => return None,
            _ => {
                let colon =
                    (col..bytes.len()).find(|&at| bytes[at] == b':' && blank_or_end(at + 1))?;
                if content_end(line, col) < colon {
                    return None; // the colon is in a comment
                }
                let key = line[col..colon].trim_end_matches([' ', '\t']);
                (col, col + key.len(), colon)
            }
        };
        let quoted = from > col;
        (bytes.get(colon) == Some(&b':') && blank_or_end(colon + 1)).then(|| {
            (
                Text {
                    span: self.span(l, from, to),
                    quoted,
                },
                colon + 1,
            )
        })
    }

    /// Gives `node` and everything in it the spans the locator found where
    /// they agree with what serde_yaml decoded; elsewhere `fallback`, the
    /// nearest span known to be right.
    fn place(&self, node: &mut Node, shape: &Shape, fallback: Span) {
        match (&mut node.kind, shape) {
            (NodeKind::Map(entries), Shape::Map(span, keys))
                if entries.len() == keys.len()
                    && entries
                        .iter()
                        .zip(keys)
                        .all(|(entry, (key, _))| self.agrees(&entry.key, key)) =>
            {
                node.span = *span;
                for (entry, (key, value)) in entries.iter_mut().zip(keys) {
                    entry.key_span = key.span;
                    self.place(&mut entry.value, value, self.rest_of_line(key.span.start));
                }
            }
            (NodeKind::List(items), Shape::List(span, shapes)) if items.len() == shapes.len() => {
                node.span = *span;
                for (item, shape) in items.iter_mut().zip(shapes) {
                    self.place(item, shape, *span);
                }
            }
            (NodeKind::String(s), Shape::Scalar(text)) if self.agrees(s, text) => {
                node.span = text.span;
            }
            (NodeKind::Bool(_) | NodeKind::Number(_) | NodeKind::Null, Shape::Scalar(text)) => {
                node.span = text.span;
            }
            (_, Shape::Rough(span)) => fill(node, *span),
            _ => fill(node, fallback),
        }
    }

    /// Whether located text can be what serde_yaml decoded as `decoded`.
    fn agrees(&self, decoded: &str, text: &Text) -> bool {
        text.quoted || &self.text[text.span.start..text.span.end] == decoded
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

/// A `---` or `...` line.
fn is_marker(line: &str) -> bool {
    (line.starts_with("---") || line.starts_with("..."))
        && matches!(line.as_bytes().get(3), None | Some(b' ' | b'\t'))
}

/// Nothing but blanks and maybe a comment.
fn is_blank(line: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with('#')
}

/// A list item's dash.
fn is_dash(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t")
}

fn skip_space(line: &str, at: usize) -> usize {
    let blanks = line.as_bytes().get(at..).map_or(0, |rest| {
        rest.iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    });
    at + blanks
}

/// The column after blanks and any `&anchor` or `!tag` from column `at`.
fn skip_properties(line: &str, at: usize) -> usize {
    let bytes = line.as_bytes();
    let mut at = skip_space(line, at);
    while let Some(b'&' | b'!') = bytes.get(at) {
        while !matches!(bytes.get(at), None | Some(b' ' | b'\t')) {
            at += 1;
        }
        at = skip_space(line, at);
    }
    at
}

/// Where a plain value starting at column `from` ends: before a comment and
/// trailing blanks.
fn content_end(line: &str, from: usize) -> usize {
    let bytes = line.as_bytes();
    let from = from.min(bytes.len());
    let end = (from..bytes.len())
        .find(|&at| bytes[at] == b'#' && (at == from || matches!(bytes[at - 1], b' ' | b'\t')))
        .unwrap_or(bytes.len());
    from + line[from..end].trim_end_matches([' ', '\t']).len()
}

/// Where the quote opened at `open` closes: `''` is a quote inside single
/// quotes, a backslash escapes the next character inside double quotes.
fn quote_end(s: &str, open: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let quote = *bytes.get(open)?;
    let mut at = open + 1;
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

/// The end, past its closing bracket, of the flow collection opened at `open`.
fn flow_end(text: &str, open: usize) -> Option<usize> {
    find_bracket(text, open, |open| open == 0).map(|at| at + 1)
}

/// The first bracket from `from` after which `stop` holds for the number of
/// brackets open. Quoted strings and comments are skipped, taking a quote to
/// open a string where a YAML token can start; this is close to libyaml's
/// reading but not the same, so a file crafted to tell them apart could still
/// hide brackets from the limit, costing time, never memory.
fn find_bracket(text: &str, from: usize, stop: impl Fn(usize) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = 0usize;
    let mut at = from;
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
            b'\'' | b'"' if after(b" \t\r\n[{,:") => at = quote_end(text, at).unwrap_or(at),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{LineCol, Sources};
    use proptest::prelude::*;

    fn parse_text(text: &str) -> Result<Vec<Entry>, Box<Finding>> {
        let mut sources = Sources::default();
        let file = sources.add("policy.yaml".into(), text);
        parse(file, text, MAX_DEPTH)
    }

    fn entries(text: &str) -> Vec<Entry> {
        parse_text(text).unwrap_or_else(|f| panic!("{text:?}: {}", f.message))
    }

    fn at(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    fn get<'e>(entries: &'e [Entry], key: &str) -> &'e Node {
        &entries.iter().find(|e| e.key == key).unwrap().value
    }

    fn list(node: &Node) -> &[Node] {
        match &node.kind {
            NodeKind::List(items) => items,
            other => panic!("not a list: {other:?}"),
        }
    }

    fn map(node: &Node) -> &[Entry] {
        match &node.kind {
            NodeKind::Map(entries) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    /// The finding and the line and column it points at.
    fn error(text: &str) -> (Finding, LineCol) {
        let mut sources = Sources::default();
        let file = sources.add("policy.yaml".into(), text);
        let finding = *parse(file, text, MAX_DEPTH).expect_err(text);
        let span = finding.primary.span;
        assert!(span.end <= text.len() && text.is_char_boundary(span.start));
        let place = sources.get(file).line_col(span.start);
        (finding, place)
    }

    fn line_col(line: usize, column: usize) -> LineCol {
        LineCol { line, column }
    }

    #[test]
    fn every_kind_of_node() {
        let text = concat!(
            "yes: true\n",
            "no: false\n",
            "int: 30\n",
            "neg: -2\n",
            "float: 2.5\n",
            "big: 123456789012345678901234567890\n",
            "text: 30 days\n",
            "quoted: \"30\"\n",
            "empty:\n",
            "tilde: ~\n",
            "nothing: null\n",
            "list:\n",
            "  - a\n",
            "group:\n",
            "  a: 1\n",
        );
        let e = entries(text);
        let kinds: Vec<_> = e.iter().map(|e| (e.key.as_str(), &e.value.kind)).collect();
        assert_eq!(kinds[0], ("yes", &NodeKind::Bool(true)));
        assert_eq!(kinds[1], ("no", &NodeKind::Bool(false)));
        assert_eq!(kinds[2], ("int", &NodeKind::Number(30.0)));
        assert_eq!(kinds[3], ("neg", &NodeKind::Number(-2.0)));
        assert_eq!(kinds[4], ("float", &NodeKind::Number(2.5)));
        assert_eq!(kinds[5], ("big", &NodeKind::Number(1.2345678901234568e29)));
        assert_eq!(kinds[6], ("text", &NodeKind::String("30 days".into())));
        assert_eq!(kinds[7], ("quoted", &NodeKind::String("30".into())));
        for key in ["empty", "tilde", "nothing"] {
            assert_eq!(get(&e, key).kind, NodeKind::Null, "{key}");
        }
        assert_eq!(list(get(&e, "list"))[0].kind, NodeKind::String("a".into()));
        assert_eq!(map(get(&e, "group"))[0].value.kind, NodeKind::Number(1.0));
        // Every scalar's span is its text.
        for (key, text_at) in [
            ("yes", "true"),
            ("int", "30"),
            ("float", "2.5"),
            ("text", "30 days"),
            ("quoted", "30"),
            ("tilde", "~"),
            ("nothing", "null"),
        ] {
            assert_eq!(at(text, get(&e, key).span), text_at, "{key}");
            assert_eq!(
                at(text, e.iter().find(|e| e.key == key).unwrap().key_span),
                key
            );
        }
        // An empty value is an empty span right after its colon.
        let empty = get(&e, "empty").span;
        assert_eq!(
            (empty.start, empty.end),
            (
                text.find("empty:").unwrap() + 6,
                text.find("empty:").unwrap() + 6
            )
        );
    }

    #[test]
    fn nested_maps_and_lists_under_keys() {
        let text = concat!(
            "shipping:\n",
            "  delivery:\n",
            "    min: 5 days   # comment\n",
            "    max: 7 days\n",
            "  regions:\n",
            "    - US\n",
            "    - \"CA\"\n",
            "  free: yes\n",
            "same_indent:\n",
            "- one\n",
            "- two\n",
            "last: x\n",
        );
        let e = entries(text);
        let shipping = get(&e, "shipping");
        assert_eq!(
            at(text, shipping.span),
            &text[12..text.find("free: yes").unwrap() + 9]
        );
        let delivery = get(map(shipping), "delivery");
        assert_eq!(
            at(text, delivery.span),
            "min: 5 days   # comment\n    max: 7 days"
        );
        assert_eq!(at(text, get(map(delivery), "min").span), "5 days");
        assert_eq!(at(text, get(map(delivery), "max").span), "7 days");
        let regions = get(map(shipping), "regions");
        assert_eq!(at(text, regions.span), "US\n    - \"CA");
        let items: Vec<_> = list(regions).iter().map(|n| at(text, n.span)).collect();
        assert_eq!(items, ["US", "CA"]);
        assert_eq!(at(text, get(map(shipping), "free").span), "yes");
        let same: Vec<_> = list(get(&e, "same_indent"))
            .iter()
            .map(|n| at(text, n.span))
            .collect();
        assert_eq!(same, ["one", "two"]);
        assert_eq!(at(text, get(&e, "last").span), "x");
    }

    #[test]
    fn lists_of_mappings_and_of_lists() {
        let text = concat!(
            "tiers:\n",
            "  - name: gold\n",
            "    days: 60\n",
            "  - name: silver\n",
            "    days: 30\n",
            "pairs:\n",
            "  - - a\n",
            "    - b\n",
            "  -\n",
            "    - c\n",
        );
        let e = entries(text);
        let tiers = list(get(&e, "tiers"));
        assert_eq!(tiers.len(), 2);
        assert_eq!(at(text, tiers[1].span), "name: silver\n    days: 30");
        assert_eq!(at(text, get(map(&tiers[1]), "days").span), "30");
        assert_eq!(at(text, map(&tiers[0])[1].key_span), "days");
        let pairs = list(get(&e, "pairs"));
        let first: Vec<_> = list(&pairs[0]).iter().map(|n| at(text, n.span)).collect();
        assert_eq!(first, ["a", "b"]);
        assert_eq!(at(text, list(&pairs[1])[0].span), "c");
    }

    #[test]
    fn quoted_keys_and_values_span_inside_their_quotes() {
        let text = concat!(
            "\"quoted key\": 'single'\n",
            "'it''s': \"a \\\"b\\\"\"\n",
            "plain: \"30\" # thirty\n",
            "empty: ''\n",
        );
        let e = entries(text);
        assert_eq!(at(text, e[0].key_span), "quoted key");
        assert_eq!(at(text, e[0].value.span), "single");
        // With escapes the span still covers the text inside the quotes.
        assert_eq!(e[1].key, "it's");
        assert_eq!(at(text, e[1].key_span), "it''s");
        assert_eq!(e[1].value.kind, NodeKind::String("a \"b\"".into()));
        assert_eq!(at(text, e[1].value.span), "a \\\"b\\\"");
        assert_eq!(at(text, e[2].value.span), "30");
        assert_eq!(e[3].value.kind, NodeKind::String(String::new()));
        assert_eq!(at(text, e[3].value.span), "");
    }

    #[test]
    fn comments_documents_and_multi_byte_text() {
        let text = concat!(
            "%YAML 1.2\n",
            "---\n",
            "# the returns policy\n",
            "window: 30 days # after delivery\n",
            "note: été à 5 €  \n",
            "url: http://x.y/#z\n",
            "...\n",
        );
        let e = entries(text);
        assert_eq!(at(text, get(&e, "window").span), "30 days");
        assert_eq!(at(text, get(&e, "note").span), "été à 5 €");
        assert_eq!(at(text, get(&e, "url").span), "http://x.y/#z");
    }

    #[test]
    fn crlf_and_byte_order_mark() {
        let text = "\u{feff}window: 30 days\r\nregions:\r\n  - US\r\n  - CA\r\nfee: 0%\r\n";
        let e = entries(text);
        assert_eq!(at(text, e[0].key_span), "window");
        assert_eq!(at(text, e[0].value.span), "30 days");
        let items: Vec<_> = list(&e[1].value).iter().map(|n| at(text, n.span)).collect();
        assert_eq!(items, ["US", "CA"]);
        assert_eq!(at(text, e[2].value.span), "0%");
        // libyaml's other line breaks count as line breaks here too.
        let text = "a: x\rb: y\u{85}c: z";
        let e = entries(text);
        let values: Vec<_> = e.iter().map(|e| at(text, e.value.span)).collect();
        assert_eq!(values, ["x", "y", "z"]);
    }

    #[test]
    fn what_is_not_taken_apart_gets_an_enclosing_span() {
        let text = concat!(
            "flow: {a: 1, b: [x, \"]\"]}\n",
            "block: |\n",
            "  line one\n",
            "  line two\n",
            "folded: a\n",
            "  b\n",
            "anchor: &base 30 days\n",
            "alias: *base\n",
            "long: \"one\n",
            "  two\"\n",
            "last: 1\n",
        );
        let e = entries(text);
        let flow = get(&e, "flow");
        assert_eq!(at(text, flow.span), "{a: 1, b: [x, \"]\"]}");
        let inner = map(flow);
        assert_eq!(inner[1].key_span, flow.span);
        assert_eq!(list(&inner[1].value)[1].span, flow.span);
        assert_eq!(at(text, get(&e, "block").span), "|\n  line one\n  line two");
        assert_eq!(get(&e, "folded").kind, NodeKind::String("a b".into()));
        assert_eq!(at(text, get(&e, "folded").span), "a\n  b");
        assert_eq!(at(text, get(&e, "anchor").span), "30 days");
        assert_eq!(get(&e, "alias").kind, NodeKind::String("30 days".into()));
        assert_eq!(at(text, get(&e, "alias").span), "*base");
        assert_eq!(at(text, get(&e, "long").span), "one\n  two");
        assert_eq!(at(text, get(&e, "last").span), "1");
    }

    #[test]
    fn a_flow_mapping_at_the_top_is_one_span() {
        let text = "{window: 30 days, fee: 0%}";
        let e = entries(text);
        assert_eq!(e.len(), 2);
        assert!(e
            .iter()
            .all(|e| e.key_span == Span::new(e.key_span.file, 0, text.len())));
    }

    #[test]
    fn a_fixture_policy() {
        let text = include_str!("../../tests/fixtures/yaml/returns.yaml");
        let e = entries(text);
        let keys: Vec<_> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "window",
                "restocking_fee",
                "receipt_required",
                "free_over",
                "regions",
                "exchange"
            ]
        );
        for entry in &e {
            assert_eq!(at(text, entry.key_span), entry.key);
            if let NodeKind::String(s) = &entry.value.kind {
                assert_eq!(at(text, entry.value.span), s);
            }
        }
        let exchange = map(get(&e, "exchange"));
        assert_eq!(at(text, get(exchange, "window").span), "60 days");
    }

    #[test]
    fn syntax_errors_point_at_their_line_and_column() {
        let (f, place) = error("window: 30 days\nnote: a: b\n");
        assert_eq!(f.rule.code, "PL007");
        assert_eq!(place, line_col(2, 8));
        assert_eq!(
            f.message,
            "this YAML does not parse: mapping values are not allowed in this context"
        );
        assert!(f.hint.unwrap().contains("quoted"));
        // serde_yaml's index counts bytes: multi-byte text before the error.
        let (f, place) = error("note: été à 5 €\nfee: ü: b\n");
        assert_eq!(place, line_col(2, 7));
        assert_eq!(f.primary.span.end - f.primary.span.start, 1);
        // The same after a byte order mark and with CRLF.
        let (_, place) = error("\u{feff}é: 1\r\nfee: ü: b\r\n");
        assert_eq!(place, line_col(2, 7));
        let (f, place) = error("a:\n\tb: 1\n");
        assert_eq!(place, line_col(2, 1));
        assert!(f.hint.unwrap().contains("tabs"), "{}", f.message);
        let (f, place) = error("a:\n  b: 1\n c: 2\n");
        assert_eq!(place, line_col(3, 2));
        assert!(
            f.message
                .starts_with("this YAML does not parse: did not find expected key, while parsing"),
            "{}",
            f.message
        );
        let (_, place) = error("a: \"unclosed\n");
        assert_eq!(place.line, 2);
        let (_, place) = error("a: *nowhere\n");
        assert_eq!(place, line_col(1, 4));
    }

    #[test]
    fn the_top_level_must_be_a_mapping() {
        for empty in ["", "# only a comment\n", "---\n", "\u{feff}"] {
            let (f, place) = error(empty);
            assert_eq!(f.message, "this policy file is empty");
            assert_eq!(place, line_col(1, 1));
        }
        let (f, place) = error("# returns\n- window\n- fee\n");
        assert!(
            f.message.ends_with("but this one is a list"),
            "{}",
            f.message
        );
        assert_eq!(place, line_col(2, 1));
        let (f, place) = error("---\n  30 days\n");
        assert!(f.message.ends_with("but this one is text"));
        assert_eq!(place, line_col(2, 3));
        let (f, _) = error("~\n");
        assert!(f.message.ends_with("but this one is empty"));
        let (f, _) = error("[1, 2]");
        assert!(f.message.ends_with("a list"));
    }

    #[test]
    fn keys_must_be_text() {
        for (text, kind, place) in [
            ("a: 1\n1: x\n", "a number", line_col(2, 1)),
            ("a: 1\ntrue: y\n", "a boolean", line_col(2, 1)),
            ("group:\n  ~: y\n", "empty", line_col(2, 3)),
            ("[a, b]: y\n", "a list", line_col(1, 1)),
            ("{a: 1}: y\n", "a mapping", line_col(1, 1)),
        ] {
            let (f, at) = error(text);
            assert_eq!(
                f.message,
                format!("this key is {kind}, but a field name must be text"),
                "{text}"
            );
            assert_eq!(at, place, "{text}");
        }
        let text = "a: 1\n1.5: x\n";
        let (f, _) = error(text);
        assert_eq!(at(text, f.primary.span), "1.5");
    }

    #[test]
    fn tags_are_refused_at_the_value() {
        let text = "window: 30 days\nfee: !money 5\n";
        let (f, place) = error(text);
        assert_eq!(f.message, "policy files do not use YAML tags like `!money`");
        assert_eq!(place, line_col(2, 6));
        assert_eq!(at(text, f.primary.span), "!money 5");
        // A core tag is plain YAML: `!!str` keeps a number as text.
        let e = entries("a: !!str 30\n");
        assert_eq!(e[0].value.kind, NodeKind::String("30".into()));
    }

    #[test]
    fn a_key_defined_twice_names_both_places() {
        let text = "window: 30 days\ngroup:\n  a: 1\n  a: 2\n";
        let f = *parse_text(text).unwrap_err();
        assert_eq!(f.rule.code, "PL004");
        assert_eq!(f.message, "`a` is defined twice in this YAML mapping");
        assert_eq!(f.primary.span.start, text.rfind("a:").unwrap());
        assert_eq!(f.related[0].span.start, text.find("a:").unwrap());
    }

    #[test]
    fn a_second_document_is_pointed_at() {
        let (f, place) = error("a: 1\n---\nb: 2\n");
        assert_eq!(
            f.message,
            "this policy file holds more than one YAML document"
        );
        assert_eq!(place, line_col(2, 1));
        let (_, place) = error("---\na: 1\n...\nb: 2\n");
        assert_eq!(place, line_col(4, 1));
    }

    #[test]
    fn control_characters_are_pointed_at() {
        let (f, place) = error("a: 1\nb: x\u{7}y\n");
        assert!(f.message.contains("U+0007"), "{}", f.message);
        assert_eq!(place, line_col(2, 5));
    }

    // Measured with serde_yaml 0.9.34: a billion-laughs bomb stops at its
    // repetition limit in milliseconds, with no location.
    #[test]
    fn a_billion_laughs_is_refused() {
        let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let aliases = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
        }
        let (f, place) = error(&text);
        assert_eq!(
            f.message,
            "this YAML repeats its aliases too many times to expand"
        );
        assert_eq!(place, line_col(1, 1));
    }

    // One anchor of many values aliased many times gets under serde_yaml's
    // repetition limit (1 GB from 15 KB): our budget stops it.
    #[test]
    fn a_wide_alias_expansion_is_refused() {
        let text = format!(
            "a: &a \"{}\"\nb: [{}]\n",
            "x".repeat(1 << 20),
            vec!["*a"; 100].join(", ")
        );
        let (f, place) = error(&text);
        assert!(
            f.message
                .starts_with("this YAML expands to more than 64 MiB"),
            "{}",
            f.message
        );
        assert_eq!(place.line, 1);
    }

    #[test]
    fn deep_nesting_is_refused() {
        // Past our bracket count: refused before libyaml sees it.
        let text = format!("a: {}", "[".repeat(10_000));
        let (f, place) = error(&text);
        assert_eq!(
            f.message,
            "this YAML has more than 1000 brackets open at once"
        );
        assert_eq!(place, line_col(1, 1004));
        // Brackets in strings neither open nor close anything.
        let text = format!("a: {}x", "[\"]\", ".repeat(2_000));
        let (f, _) = error(&text);
        assert_eq!(
            f.message,
            "this YAML has more than 1000 brackets open at once"
        );
        let text = format!("a: [{}]", "\"[\", ".repeat(2_000));
        assert_eq!(list(&entries(&text)[0].value).len(), 2_000);
        // Past serde_yaml's own limit of 128 levels.
        let text = format!("a: {}x{}", "[".repeat(200), "]".repeat(200));
        let (f, place) = error(&text);
        assert_eq!(
            f.message,
            "this YAML nests lists and mappings more than 128 levels deep"
        );
        assert_eq!(place, line_col(1, 131));
        // Block nesting costs libyaml no more than its length.
        let text = format!("{}x", "- ".repeat(10_000));
        let (f, place) = error(&text);
        assert_eq!(
            f.message,
            "this YAML nests lists and mappings more than 128 levels deep"
        );
        assert_eq!(place, line_col(1, 257));
        // At the limit, every span still holds.
        let text = format!("a: {}x{}", "[".repeat(127), "]".repeat(127));
        assert_eq!(entries(&text).len(), 1);
    }

    #[test]
    fn serde_yaml_positions_are_stripped_from_messages() {
        assert_eq!(
            strip_positions(concat!(
                "did not find expected key at line 3 column 2, ",
                "while parsing a block mapping at line 2 column 3"
            )),
            "did not find expected key, while parsing a block mapping"
        );
        assert_eq!(strip_positions("bad at position 4"), "bad");
        assert_eq!(strip_positions("look at this"), "look at this");
    }

    /// Every span of a parse, whatever it returned, is inside the text and on
    /// character boundaries.
    fn check_spans(text: &str) {
        fn node(text: &str, n: &Node) {
            span(text, n.span);
            match &n.kind {
                NodeKind::Map(entries) => entries.iter().for_each(|e| entry(text, e)),
                NodeKind::List(items) => items.iter().for_each(|n| node(text, n)),
                _ => {}
            }
        }
        fn entry(text: &str, entry: &Entry) {
            span(text, entry.key_span);
            node(text, &entry.value);
        }
        fn span(text: &str, span: Span) {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        match parse_text(text) {
            Ok(entries) => entries.iter().for_each(|e| entry(text, e)),
            Err(finding) => {
                span(text, finding.primary.span);
                finding.related.iter().for_each(|l| span(text, l.span));
            }
        }
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "a", "key", "é€", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{85}", "\u{feff}",
        ": ", ":", "- ", "-", "? ", "#", " # c", "'", "''", "\"", "\\", "\\\"", "[", "]", "{",
        "}", ", ", "&a ", "*a", "!t ", "!!str ", "|", ">", "---", "...", "%YAML 1.2", "~", "1",
        "2.5", "true", "null", "<<: ",
    ];

    /// A policy to write out as block YAML: scalars with a quoting style
    /// (0 plain, 1 single, 2 double) and maybe a comment after them.
    #[derive(Clone, Debug)]
    enum Tree {
        Scalar(&'static str, u8, bool),
        Map(Vec<Tree>),
        List(Vec<Tree>),
    }

    fn tree() -> impl Strategy<Value = Tree> {
        let words = prop::sample::select(vec![
            "30 days",
            "0%",
            "$50",
            "US",
            "été à 5 €",
            "a#b",
            "http://x/#y",
            "it's",
        ]);
        let scalar = (words, 0..3u8, any::<bool>())
            .prop_map(|(w, style, comment)| Tree::Scalar(w, style, comment));
        scalar.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(Tree::Map),
                prop::collection::vec(inner, 1..4).prop_map(Tree::List),
            ]
        })
    }

    fn key(i: usize) -> String {
        if i % 2 == 0 {
            format!("k{i}")
        } else {
            format!("clé {i}")
        }
    }

    /// Writes what follows a key's colon or a list's dash at `indent`.
    fn write_value(tree: &Tree, indent: usize, nl: &str, out: &mut String) {
        match tree {
            Tree::Scalar(word, style, comment) => {
                let word = match style {
                    0 => word.to_string(),
                    1 => format!("'{}'", word.replace('\'', "''")),
                    _ => format!("\"{word}\""),
                };
                out.push_str(&format!(
                    " {word}{}{nl}",
                    if *comment { "  # note" } else { "" }
                ));
            }
            Tree::Map(entries) => {
                out.push_str(nl);
                write_entries(entries, indent + 2, nl, out);
            }
            Tree::List(items) => {
                out.push_str(nl);
                write_items(items, indent + 2, nl, out);
            }
        }
    }

    fn write_entries(entries: &[Tree], indent: usize, nl: &str, out: &mut String) {
        for (i, value) in entries.iter().enumerate() {
            if i > 0 || !out.ends_with("- ") {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(&format!("{}:", key(i)));
            write_value(value, indent, nl, out);
        }
    }

    /// Mappings in a list are written compactly: `- k0: x`.
    fn write_items(items: &[Tree], indent: usize, nl: &str, out: &mut String) {
        for item in items {
            out.push_str(&" ".repeat(indent));
            match item {
                Tree::Map(entries) => {
                    out.push_str("- ");
                    write_entries(entries, indent + 2, nl, out);
                }
                _ => {
                    out.push('-');
                    write_value(item, indent, nl, out);
                }
            }
        }
    }

    /// Every key and scalar of `tree` was located exactly.
    fn check_located(text: &str, tree: &Tree, node: &Node) {
        match (tree, &node.kind) {
            (Tree::Scalar(word, ..), NodeKind::String(s)) => {
                assert_eq!(s, word);
                assert_eq!(at(text, node.span).replace("''", "'"), *word);
            }
            (Tree::Map(trees), NodeKind::Map(entries)) => check_entries(text, trees, entries),
            (Tree::List(trees), NodeKind::List(items)) => {
                for (tree, item) in trees.iter().zip(items) {
                    check_located(text, tree, item);
                }
            }
            (tree, kind) => panic!("{tree:?} read as {kind:?}"),
        }
    }

    fn check_entries(text: &str, trees: &[Tree], entries: &[Entry]) {
        assert_eq!(trees.len(), entries.len());
        for (i, (tree, entry)) in trees.iter().zip(entries).enumerate() {
            assert_eq!(at(text, entry.key_span), key(i));
            check_located(text, tree, &entry.value);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn block_yaml_is_located_exactly(
            entries in prop::collection::vec(tree(), 1..5),
            crlf: bool,
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("# policy{nl}");
            write_entries(&entries, 0, nl, &mut text);
            check_entries(&text, &entries, &super::tests::entries(&text));
        }

        #[test]
        fn never_panics_on_any_text(text in "(?s).*") {
            check_spans(&text);
        }

        #[test]
        fn never_panics_on_yaml_like_text(
            parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40),
        ) {
            check_spans(&parts.concat());
        }
    }
}
