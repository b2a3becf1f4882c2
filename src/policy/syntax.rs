//! The syntax tree of a promise file, as written: every node keeps its span.
//!
//! Nothing here is checked beyond the grammar: a unit may be unknown, a path
//! may name no policy. `model` resolves and types it.

use crate::source::Span;

/// A name as written, e.g. a policy or field name.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal: its decoded value, its raw body (escapes as written,
/// which patterns need to tell `\{` from `{`), and its span with the quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Str {
    pub value: String,
    pub raw: String,
    pub span: Span,
}

impl Str {
    /// The byte offset in the file of the raw body's first byte.
    pub fn body_start(&self) -> usize {
        self.span.start + 1
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
    /// The policies and touchpoints that did not parse, by the name they
    /// give themselves: their syntax errors are reported, and what refers
    /// to them is not reported again.
    pub unparsed: Vec<Unparsed>,
}

/// An item that did not parse, named by the word after its keyword.
#[derive(Clone, Debug, PartialEq)]
pub enum Unparsed {
    Policy(Ident),
    Touchpoint(Ident),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Policy(Policy),
    Promise(Promise),
    Touchpoint(Touchpoint),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// The `policy` keyword, where the item starts.
    pub keyword: Span,
    pub name: Ident,
    /// `from "file.yaml"`, relative to the promise file.
    pub from: Option<Str>,
    pub entries: Vec<Entry>,
}

/// A line of a policy body: a field, or a named group of entries.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Field {
        name: Ident,
        /// `for region "ca"`: the value holds only there.
        scope: Option<Box<ScopeNode>>,
        value: ValueNode,
    },
    Group {
        name: Ident,
        entries: Vec<Entry>,
    },
}

/// `for KEY "VALUE"` after a field name.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeNode {
    /// `region`, `currency`, `language`, `tag`, `touchpoint` or `row`.
    pub key: Ident,
    pub value: Str,
    /// From `for` to the end of the value.
    pub span: Span,
}

impl ScopeNode {
    /// The scope as written, for messages: `region "ca"`.
    pub fn describe(&self) -> String {
        format!("{} \"{}\"", self.key.name, self.value.value)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Promise {
    pub title: Str,
    /// The `promise` keyword, where "this promise" is pointed at.
    pub keyword: Span,
    pub statements: Vec<PromiseStatement>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PromiseStatement {
    Says {
        keyword: Span,
        phrases: Vec<Str>,
    },
    /// Qualifiers: a `says` match followed by one of these phrases in its
    /// sentence is taken back ("the full amount, less shipping").
    Unless {
        keyword: Span,
        phrases: Vec<Str>,
    },
    Requires {
        keyword: Span,
        expr: Expr,
    },
    Why {
        keyword: Span,
        text: Str,
    },
    Severity {
        keyword: Span,
        level: Ident,
    },
    /// `only in NAME, NAME`: touchpoint names.
    OnlyIn {
        keyword: Span,
        touchpoints: Vec<Ident>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Touchpoint {
    /// The `touchpoint` keyword, where the item starts.
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub statements: Vec<TouchpointStatement>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TouchpointStatement {
    Files {
        keyword: Span,
        globs: Vec<Str>,
    },
    Forbid(PhraseList),
    Require(PhraseList),
    Severity {
        keyword: Span,
        level: Ident,
    },
    /// `language "fr"`, `currency "CAD"`, `region "ca"`, `tags "a", "b"`:
    /// the keyword names the property.
    Property {
        key: Ident,
        values: Vec<Str>,
    },
}

/// `forbid` or `require`: phrases, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseList {
    pub keyword: Span,
    pub phrases: Vec<Str>,
    pub because: Option<Str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Compare {
        left: Box<Expr>,
        op: CompareOp,
        op_span: Span,
        right: Box<Expr>,
    },
    /// `returns.window.max`: at least two segments.
    Path(Vec<Ident>),
    /// `n`, or `n days` with the unit as written.
    Capture {
        name: Ident,
        unit: Option<Ident>,
    },
    Literal(ValueNode),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
}

impl CompareOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::In => "in",
        }
    }
}

/// A value as written; `model::value` gives it a type.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueNode {
    pub span: Span,
    pub kind: ValueNodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueNodeKind {
    Number(String),
    /// `$50`: the sign and the number's text.
    Money {
        sign: char,
        amount: String,
    },
    Percent(String),
    /// `30 days`, `30days`, `50 USD`: a number and the word after it.
    Quantity {
        amount: String,
        unit: Ident,
        /// Whether a space separates the number from the unit.
        spaced: bool,
    },
    Range(Box<ValueNode>, Box<ValueNode>),
    /// `14:00`, `2:30 pm`, `2 PM EST`, `noon`: a time of day and the zone
    /// written after it.
    Time {
        clock: TimeOfDay,
        zone: Option<Ident>,
    },
    Boolean(bool),
    Unlimited,
    Text(String),
    List(Vec<ValueNode>),
}

/// The time of a [`ValueNodeKind::Time`] as written.
#[derive(Clone, Debug, PartialEq)]
pub enum TimeOfDay {
    Noon,
    Midnight,
    /// `14:00`, `2:30 pm`, `2 PM`: the digits as written, and `am`/`pm`.
    Clock {
        hour: String,
        minute: Option<String>,
        meridiem: Option<Ident>,
    },
}
