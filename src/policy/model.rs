//! The model: policies, promises and touchpoints of a whole run, resolved
//! and typed, with no trace of pest or YAML.
//!
//! These are its types. They are made by [`super::build`], which is where
//! the semantic checks live, with `requires` resolved by `super::resolve`.

use crate::finding::Severity;
use crate::policy::pattern::{Capture, CaptureType, Pattern};
use crate::policy::scope::{Properties, Scoped};
use crate::policy::syntax::{CompareOp, Ident, Str};
use crate::policy::value::{Kind, Unit, Value};
use crate::source::Span;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct Model {
    pub policies: Vec<Policy>,
    pub promises: Vec<Promise>,
    pub touchpoints: Vec<Touchpoint>,
}

#[derive(Debug)]
pub struct Policy {
    pub name: Ident,
    pub root: Group,
}

/// Named fields and groups, in the order they were written.
#[derive(Debug, Default)]
pub struct Group {
    pub members: Vec<Member>,
    /// Part of the group could not be read (a YAML file that failed to
    /// import). That was reported; a name missing from it is not reported again.
    pub incomplete: bool,
    /// Keys of a YAML mapping that cannot name a field (`open-box-discount`,
    /// a reserved word): left out of the group, but a path that misses a
    /// field by such a name is pointed at the key.
    pub unnamed: Vec<Ident>,
}

#[derive(Debug)]
pub struct Member {
    pub name: Ident,
    pub kind: MemberKind,
}

#[derive(Debug)]
pub enum MemberKind {
    /// A value, with the span of its text (in a promise file or a YAML file).
    Field {
        value: Value,
        span: Span,
        /// Values that hold only in some scopes, in the order written.
        scoped: Vec<Scoped>,
    },
    Group(Group),
    /// A field whose value was reported invalid: what reads it is not checked,
    /// and not reported again.
    Invalid,
}

impl Group {
    pub fn get(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|member| member.name.name == name)
    }

    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|member| member.name.name.as_str())
    }

    /// Every scoped value of every field, in this group and the groups in it.
    pub fn scoped_values(&self) -> Box<dyn Iterator<Item = &Scoped> + '_> {
        Box::new(self.members.iter().flat_map(|member| match &member.kind {
            MemberKind::Field { scoped, .. } => Box::new(scoped.iter()),
            MemberKind::Group(group) => group.scoped_values(),
            MemberKind::Invalid => Box::new(std::iter::empty()) as Box<dyn Iterator<Item = _>>,
        }))
    }

    /// The first field, for "did you mean `returns.window`?".
    pub(super) fn first_field(&self) -> Option<String> {
        self.members.iter().find_map(|member| match &member.kind {
            MemberKind::Field { .. } => Some(member.name.name.clone()),
            MemberKind::Invalid => None,
            MemberKind::Group(group) => group
                .first_field()
                .map(|field| format!("{}.{field}", member.name.name)),
        })
    }
}

#[derive(Debug)]
pub struct Promise {
    pub title: Str,
    /// The `promise` keyword.
    pub keyword: Span,
    pub says: Vec<Pattern>,
    /// Qualifiers (`unless`): a `says` match followed by one of these in its
    /// sentence is taken back ("the full amount, less shipping"). They
    /// capture nothing.
    pub unless: Vec<Pattern>,
    /// What every `says` pattern captures (they all capture the same).
    pub captures: Vec<Capture>,
    pub requirements: Vec<Requirement>,
    pub why: Option<String>,
    pub severity: Severity,
    /// `only in`: the touchpoints (indexes) whose copy makes this promise;
    /// `None` for all of them.
    pub only_in: Option<Vec<usize>>,
}

/// One `requires`: a condition the policy must meet.
#[derive(Debug)]
pub struct Requirement {
    pub span: Span,
    pub condition: Condition,
}

#[derive(Debug)]
pub enum Condition {
    Any(Vec<Condition>),
    All(Vec<Condition>),
    Not(Box<Condition>),
    Compare {
        left: Operand,
        op: CompareOp,
        right: Operand,
    },
    /// A yes/no operand standing alone: `requires returns.receipt_required`.
    Holds(Operand),
}

#[derive(Debug)]
pub struct Operand {
    pub span: Span,
    pub source: OperandSource,
}

#[derive(Debug)]
pub enum OperandSource {
    /// A policy value, after any `.min`/`.max`, and where the policy sets it;
    /// with its values for some scopes only, after the same `.min`/`.max`.
    Policy {
        path: String,
        value: Value,
        defined_at: Span,
        scoped: Vec<Scoped>,
    },
    /// A figure copy supplies; a number capture may carry a unit (`n days`).
    Capture {
        name: String,
        kind: CaptureType,
        unit: Option<Unit>,
    },
    Literal(Value),
}

impl Operand {
    pub(super) fn kind(&self) -> Kind {
        match &self.source {
            OperandSource::Policy { value, .. } | OperandSource::Literal(value) => value.kind(),
            OperandSource::Capture { kind, unit, .. } => match (kind, unit) {
                (CaptureType::Number, Some(unit)) => Kind::Duration(Some(unit.clock())),
                (CaptureType::Number, None) => Kind::Number,
                (CaptureType::Money, _) => Kind::Money(None),
                (CaptureType::Percent, _) => Kind::Percent,
                (CaptureType::Duration, _) => Kind::Duration(None),
                (CaptureType::Time, _) => Kind::Time,
            },
        }
    }
}

#[derive(Debug)]
pub struct Touchpoint {
    pub name: Ident,
    pub title: Option<String>,
    /// The folder `files` globs are relative to: the promise file's.
    pub base: PathBuf,
    pub files: Vec<Str>,
    pub forbids: Vec<PhraseList>,
    /// Disclosures: every file must say one phrase of each.
    pub requires: Vec<PhraseList>,
    /// The severity of `forbidden-phrase` and `missing-disclosure` findings
    /// here, if not the rules' default.
    pub severity: Option<Severity>,
    pub properties: Properties,
}

/// A `forbid` or `require`: phrases that capture nothing, and why.
#[derive(Debug)]
pub struct PhraseList {
    pub phrases: Vec<Pattern>,
    pub because: Option<String>,
}
