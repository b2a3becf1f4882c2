//! YAML: policy files and copy files, read into spanned trees here, in the
//! load stage, for the policy importer ([`crate::policy::build`]) and copy
//! extraction alike. The only module that touches `serde_yaml` and
//! `saphyr-parser`; this file is its facade and its types.
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
//! Reading takes three steps, a file each:
//! - `guard.rs`: refuses text that would be expensive or impossible to read,
//!   before any parser sees it;
//! - `decode.rs`: `serde_yaml` decodes the values — its booleans, numbers and
//!   nulls, and libyaml's error messages, which `errors.rs` turns into
//!   findings with hints;
//! - `spans.rs`: `saphyr-parser` reads the accepted text again as events with
//!   start and end markers, and the span of every key, scalar, list and
//!   mapping is laid over the decoded tree.
//!
//! A line indented a space off its siblings is named by `indent.rs`, both
//! where libyaml refuses the file and where it reads the line as part of
//! the list item above.
//!
//! serde_yaml does not report where a value stands, and saphyr-parser does
//! not type scalars (nor has libyaml's messages, which the findings quote):
//! each does the half it is good at. serde_yaml is deprecated upstream;
//! keeping it behind `decode.rs` means replacing it touches nothing else.
//! `copy.rs` gives copy extraction the string values, and `quoted.rs` the
//! way back through a quoted value's escapes to its bytes; `tests.rs` tests the
//! whole, `spans.rs` its exact spans.
//!
//! A small YAML file can be made expensive to read, so three limits apply:
//! - Aliases: once expanded, the values may take about 64 MiB.
//!   serde_yaml's own repetition limit stops a classic "billion laughs" bomb
//!   quickly, but not one anchor of many values aliased many times: a 15 KB
//!   file of that shape took 1 GB before this limit. saphyr-parser never
//!   expands an alias: its events name the anchor.
//! - Brackets: at most 1,000 open at once, counted before parsing.
//!   serde_yaml refuses more than 128 levels of nesting, but only after
//!   libyaml has scanned the whole file, in time quadratic in the depth of `[`
//!   and `{` (40,000 levels: 4 s; a million: over 15 minutes).
//! - Nesting: a policy's lists and mappings may nest `max-nesting` levels
//!   ([`crate::load::limits`]); serde_yaml's own limit of 128 levels keeps every
//!   recursion here, which follows the decoded tree, shallow, for copy too.

mod copy;
mod decode;
mod errors;
mod guard;
mod indent;
mod quoted;
mod spans;

pub use copy::{string_values, StringValue};
pub use quoted::{runs as quoted_runs, Run};

use crate::finding::codes::DUPLICATE_DEFINITION;
use crate::finding::{Finding, Label};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// The memory, roughly, that a policy's values may take once aliases are
/// expanded: each value counts as the size of an [`Entry`] plus its text.
const MAX_EXPANDED_BYTES: usize = 64 << 20;

/// The most `[` and `{` that may be open at once, counted before parsing; no
/// hand-written policy comes near.
const MAX_OPEN_BRACKETS: usize = 1000;

/// serde_yaml's nesting limit; the span reader never goes deeper either.
const MAX_DEPTH: usize = 128;

/// A YAML value with where its text stands in the file. Spans are byte
/// offsets into the file's text as given (a byte order mark, CRLF line ends
/// and multi-byte characters included).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// For a scalar, its content as written, without what delimits it: a
    /// quoted scalar's span is inside its quotes, a block scalar's (`|`,
    /// `>-`…) starts at its first content line's text, after the header, and
    /// ends with its last line's text, before trailing line breaks; anchors
    /// and tags (`&a`, `!!str`) are never part of it. A multi-line scalar
    /// spans all its lines. So for a plain scalar, or a quoted one without
    /// escapes, the text at the span *is* the string; where decoding changed
    /// it (escapes, folding, block scalars) the span still covers the whole
    /// scalar, so check that the text equals the string before pointing
    /// inside it. An empty value (`key:`) is an empty span where the value
    /// would stand, right after its colon or dash.
    ///
    /// A block mapping or list spans from its first key or item to the end
    /// of its last value; a flow one (`{a: 1}`, `[x, y]`) from its opening
    /// bracket to its closing one. An alias (`*name`) and everything the
    /// anchored node holds span the alias: the values stand in the file only
    /// at the anchor, and what is said about this use belongs here.
    ///
    /// In the rare text that libyaml (serde_yaml) and saphyr-parser read as
    /// different shapes, a node gets the span of the nearest enclosing node
    /// the two agree on instead: coarser, never wrong.
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Bool(bool),
    /// A number, in the decimal digits the file writes (`0.1`, `-2`,
    /// `123456789012345678901234567890`), held as text so that no digit is
    /// lost: policies read it exactly. A number in another notation (`1e3`,
    /// `0x1F`, `.inf`) is in the digits the decoder makes of it.
    Number(String),
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
    /// The key's text, as [`Node::span`] is a scalar's: inside quotes,
    /// without tags or anchors.
    pub key_span: Span,
    pub value: Node,
}

/// Parses a policy file: its top level must be a mapping. Keys keep file order.
///
/// A key defined twice in one mapping is a `duplicate-definition` finding
/// naming both places; every other problem is an `invalid-policy-file` finding.
/// Lists and mappings nested deeper than `max_depth` levels are refused.
pub fn parse(file: FileId, text: &str, max_depth: usize) -> Result<Vec<Entry>, Box<Finding>> {
    let (root, written) = read(file, text, Purpose::Policy, max_depth)?;
    match root.kind {
        NodeKind::Map(entries) => {
            duplicate_keys(&entries)?;
            Ok(entries)
        }
        NodeKind::Null if !written => Err(errors::invalid(
            Span::new(file, 0, 0),
            "this file",
            "this policy file is empty",
            "write one `field: value` per line, like `window: 30 days`",
        )),
        kind => Err(errors::invalid(
            errors::whole_line(file, text, root.span.start),
            "the policy starts here",
            format!(
                "a policy file must be a mapping of field names to values, but this one is {}",
                kind_name(&kind)
            ),
            "write one `field: value` per line, like `window: 30 days`",
        )),
    }
}

/// What a YAML file is read as.
#[derive(Clone, Copy, PartialEq)]
enum Purpose {
    /// Field names to values: keys must be text, tags are refused.
    Policy,
    /// Copy: keys of any kind; tags are read through to their values.
    Copy,
}

/// Parses and locates a YAML file: its top-level node, and whether the file
/// writes one at all (`false` for nothing but comments and markers).
fn read(
    file: FileId,
    text: &str,
    purpose: Purpose,
    max_depth: usize,
) -> Result<(Node, bool), Box<Finding>> {
    // serde_yaml reads an entry after a byte order mark as a second document,
    // so the mark is cut here and every offset shifted back past it.
    let body_start = crate::source::text_start(text);
    guard::check(file, text, body_start)?;
    let mut root = decode::decode(file, text, body_start, purpose, max_depth)?;
    let written = spans::place(file, text, body_start, &mut root);
    written_numbers(text, &mut root);
    if let Some(slip) = indent::merged_item(text, &root) {
        return Err(errors::misindented(file, text, &slip));
    }
    Ok((root, written))
}

/// Puts back in every number the digits the file writes for it, where the
/// file writes plain decimal digits: the decoder reads floats as binary
/// floats, in which `0.99999999999999999999` is `1`.
fn written_numbers(text: &str, node: &mut Node) {
    match &mut node.kind {
        NodeKind::Number(number) => {
            let written = text.get(node.span.start..node.span.end).unwrap_or_default();
            let digits = written.strip_prefix(['-', '+']).unwrap_or(written);
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
            let plain = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            if plain(whole) && plain(fraction) {
                *number = written.strip_prefix('+').unwrap_or(written).to_owned();
            }
        }
        NodeKind::List(items) => items
            .iter_mut()
            .for_each(|item| written_numbers(text, item)),
        NodeKind::Map(entries) => entries
            .iter_mut()
            .for_each(|entry| written_numbers(text, &mut entry.value)),
        NodeKind::Bool(_) | NodeKind::String(_) | NodeKind::Null => {}
    }
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

#[cfg(test)]
mod tests;
