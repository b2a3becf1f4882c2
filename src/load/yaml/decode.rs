//! Decoding with serde_yaml: the values of a YAML file as a tree of
//! [`Node`]s, with empty spans that [`super::spans`] fills in afterwards.
//!
//! serde_yaml (libyaml underneath) decides what each scalar is — a boolean,
//! a number, a null or text — and refuses what is not YAML with libyaml's
//! messages, which [`super::errors`] translates. It reads through a visitor
//! of our own rather than into `serde_yaml::Value`, because the visitor keeps
//! duplicate keys (to report both places), sees tags, and can stop an alias
//! expansion while it is still small: serde_yaml has a limit on repetitions,
//! not on the memory they take.

use super::errors::{translate, Failure, Problem};
use super::{kind_name, Entry, Node, NodeKind, Purpose, MAX_EXPANDED_BYTES};
use crate::finding::Finding;
use crate::source::{FileId, Span};
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// Decodes `text[body_start..]` (the text after any byte order mark), or
/// gives the finding for why it cannot.
pub(super) fn decode(
    file: FileId,
    text: &str,
    body_start: usize,
    purpose: Purpose,
    max_depth: usize,
) -> Result<Node, Box<Finding>> {
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
    seed.deserialize(serde_yaml::Deserializer::from_str(&text[body_start..]))
        .map_err(|error| {
            let failure = Failure {
                file,
                text,
                body_start,
                purpose,
                max_depth,
                problem: cx.problem.take(),
            };
            translate(failure, &error)
        })
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

/// Builds [`Node`]s straight from serde_yaml's events.
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
        self.node(NodeKind::Number(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        self.node(NodeKind::Number(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        self.node(NodeKind::Number(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        self.node(NodeKind::Number(v.to_string()))
    }

    /// A float as the decoder rounded it; [`super::read`] puts back the
    /// digits the file writes, which the rounding may have lost.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        self.node(NodeKind::Number(v.to_string()))
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
            // it can.
            let name = match key.kind {
                NodeKind::String(name) => name,
                NodeKind::Bool(b) => b.to_string(),
                NodeKind::Number(n) => n,
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
