//! The string values of a copy file, for [`crate::copy`]'s YAML reader.
//!
//! A copy file is read like a policy (the same limits, the same decoding and
//! spans) but for another purpose: any shape, keys of any kind, tags read
//! through. What copy extraction needs from it is only the strings, each with
//! the bytes it was read from, and an error as a message and a byte range,
//! since copy is not one of the run's sources.

use super::{read, Node, NodeKind, Purpose, MAX_DEPTH};
use crate::source::Sources;
use std::ops::Range;
use std::path::PathBuf;

/// A string value of a copy file.
#[derive(Debug, PartialEq)]
pub struct StringValue {
    /// Decoded: quotes, escapes and folding resolved.
    pub text: String,
    /// The bytes it was read from: [`Node::span`].
    pub span: Range<usize>,
}

/// The string values of a copy file, in file order, each with the bytes it
/// stands for (see [`Node::span`]: inside quotes, without a block scalar's
/// header, an alias's own text for what it repeats). Keys, numbers, booleans
/// and nulls are not copy; any shape is, tags are read through. A file that
/// is not YAML gives its error's message and place.
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
