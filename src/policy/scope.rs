//! Scopes: what a touchpoint's copy is and where it is used (its
//! properties: `language "fr"`, `currency "CAD"`, `region "ca"`, `tags
//! "web"`), and the policy values that hold only somewhere (`free_threshold
//! for region "ca" = 75 CAD`).
//!
//! Real policies differ by region, currency, channel and product. A place in
//! copy is checked against the value whose scope applies to it: the first
//! scoped value, in the order written, whose scope matches a property of the
//! touchpoint the place is in (or the row of the table it stands in), else
//! the field's value for everywhere else.

use crate::finding::codes::{INVALID_ITEM, TYPE_MISMATCH, UNKNOWN_REFERENCE};
use crate::finding::suggest::did_you_mean_or;
use crate::finding::{Finding, Label};
use crate::policy::language::Language;
use crate::policy::syntax::{Ident, ScopeNode, Str};
use crate::policy::value::{Currency, Kind, Value};
use crate::source::Span;

/// A touchpoint's properties, each optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties {
    pub region: Option<String>,
    /// What `$` and amounts without a sign mean in its copy.
    pub currency: Option<Currency>,
    /// The language of its copy, for number words and decimals.
    pub language: Option<Language>,
    pub tags: Vec<String>,
}

/// What a scoped value is restricted to.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    Region(String),
    Currency(Currency),
    Language(Language),
    Tag(String),
    /// A touchpoint, by name.
    Touchpoint(String),
    /// A table row, by its label: the text of its first cell.
    Row(String),
}

/// A policy value that holds only where its scope applies.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoped {
    pub scope: Scope,
    /// Where the scope is written: `for region "ca"`.
    pub scope_span: Span,
    pub value: Value,
    /// Where the value is written.
    pub span: Span,
}

/// Where a figure stands, as far as scopes go: the touchpoint whose copy it
/// is in, and the label of its table row if it is in a table. A promise
/// without captures is evaluated nowhere in particular, against the values
/// for everywhere else.
#[derive(Clone, Copy, Debug, Default)]
pub struct Place<'a> {
    pub touchpoint: Option<(&'a str, &'a Properties)>,
    pub row: Option<&'a str>,
}

impl std::fmt::Display for Scope {
    /// The scope as written after `for`: `region "ca"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Region(region) => write!(f, "region \"{region}\""),
            Scope::Currency(currency) => write!(f, "currency \"{}\"", currency.code()),
            Scope::Language(language) => write!(f, "language \"{}\"", language.code()),
            Scope::Tag(tag) => write!(f, "tag \"{tag}\""),
            Scope::Touchpoint(name) => write!(f, "touchpoint \"{name}\""),
            Scope::Row(row) => write!(f, "row \"{row}\""),
        }
    }
}

impl Scope {
    /// Whether the scope applies at `place`. Text compares case-insensitively.
    pub fn applies(&self, place: &Place) -> bool {
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let in_row = |row: &str| place.row.is_some_and(|at| same(at, row));
        let Some((name, properties)) = place.touchpoint else {
            return matches!(self, Scope::Row(row) if in_row(row));
        };
        match self {
            Scope::Region(region) => properties
                .region
                .as_deref()
                .is_some_and(|r| same(r, region)),
            Scope::Currency(currency) => properties.currency == Some(*currency),
            Scope::Language(language) => properties.language == Some(*language),
            Scope::Tag(tag) => properties.tags.iter().any(|t| same(t, tag)),
            Scope::Touchpoint(touchpoint) => touchpoint == name,
            Scope::Row(row) => in_row(row),
        }
    }
}

/// The value of a field at `place`, and where it is written: the first
/// scoped value that applies, else the value for everywhere else.
pub fn value_at<'v>(
    everywhere: (&'v Value, Span),
    scoped: &'v [Scoped],
    place: &Place,
) -> (&'v Value, Span) {
    scoped_at(scoped, place).map_or(everywhere, |scoped| (&scoped.value, scoped.span))
}

/// The scoped value that holds at `place`, if one does.
pub fn scoped_at<'v>(scoped: &'v [Scoped], place: &Place) -> Option<&'v Scoped> {
    scoped.iter().find(|scoped| scoped.scope.applies(place))
}

/// Reads `for KEY "VALUE"`; reports an unknown currency or language.
pub fn scope(node: &ScopeNode, errors: &mut Vec<Finding>) -> Option<Scope> {
    let text = node.value.value.clone();
    Some(match node.key.name.as_str() {
        "region" => Scope::Region(text),
        "currency" => Scope::Currency(currency(&node.value, errors)?),
        "language" => Scope::Language(language(&node.value, errors)?),
        "tag" => Scope::Tag(text),
        "touchpoint" => Scope::Touchpoint(text),
        "row" => Scope::Row(text),
        other => unreachable!("the grammar admits no scope `{other}`"),
    })
}

/// Reports every `for touchpoint "NAME"` that names no touchpoint.
pub fn check_touchpoints<'a>(
    fields: impl Iterator<Item = &'a Scoped>,
    touchpoints: &[&str],
    errors: &mut Vec<Finding>,
) {
    for scoped in fields {
        let Scope::Touchpoint(name) = &scoped.scope else {
            continue;
        };
        if !touchpoints.contains(&name.as_str()) {
            errors.push(Finding::hinted(
                &UNKNOWN_REFERENCE,
                scoped.scope_span,
                "no such touchpoint",
                format!("there is no touchpoint `{name}`"),
                did_you_mean_or(
                    name,
                    touchpoints.iter().copied(),
                    |close| format!("for touchpoint \"{close}\""),
                    "name a touchpoint of the promise files",
                ),
            ));
        }
    }
}

/// Checks that a scoped value has the kind of the field's value for
/// everywhere else: money may be in another currency, a duration in months
/// or years against one in days, a range where the other is a single figure
/// of its kind (read with `.min` or `.max`), and `unlimited` where the other
/// is a number or a duration.
pub fn check_kind(
    field: &Ident,
    default: (&Value, Span),
    scoped: &Scoped,
    errors: &mut Vec<Finding>,
) -> bool {
    fn loose(kind: Kind) -> Kind {
        match kind {
            Kind::Money(_) => Kind::Money(None),
            Kind::Duration(_) => Kind::Duration(None),
            Kind::Range(of) => loose(*of),
            other => other,
        }
    }
    let (value, span) = default;
    let (a, b) = (loose(value.kind()), loose(scoped.value.kind()));
    // `unlimited` stands for a figure: a lifetime warranty in one row.
    let figure = |kind: &Kind| matches!(kind, Kind::Number | Kind::Duration(_));
    if a == b || (a == Kind::Unlimited && figure(&b)) || (b == Kind::Unlimited && figure(&a)) {
        return true;
    }
    errors.push(
        Finding::new(
            &TYPE_MISMATCH,
            Label::new(scoped.span, format!("{}", scoped.value.kind())),
            format!(
                "`{}` is {} everywhere else, but {} here",
                field.name,
                value.kind(),
                scoped.value.kind()
            ),
        )
        .with_related(Label::new(span, "the value for everywhere else"))
        .with_hint("a scoped value has the kind of the field's other value"),
    );
    false
}

/// Reads a touchpoint's property statement into `properties`; reports a
/// property given twice, an unknown currency or language, and more than one
/// value where one is meant.
pub fn set_property(
    properties: &mut Properties,
    key: &Ident,
    values: &[Str],
    seen: &mut Vec<(String, Span)>,
    errors: &mut Vec<Finding>,
) {
    if let Some((_, first)) = seen.iter().find(|(name, _)| *name == key.name) {
        errors.push(
            Finding::hinted(
                &INVALID_ITEM,
                key.span,
                "given again here",
                format!("`{}` is given twice in this touchpoint", key.name),
                "keep one",
            )
            .with_related(Label::new(*first, "first given here")),
        );
        return;
    }
    seen.push((key.name.clone(), key.span));
    if key.name == "tags" {
        properties.tags = values.iter().map(|tag| tag.value.clone()).collect();
        return;
    }
    let [value] = values else {
        errors.push(Finding::hinted(
            &INVALID_ITEM,
            key.span,
            "one value",
            format!("a touchpoint has one `{}`", key.name),
            "give one value; several are for `tags`",
        ));
        return;
    };
    match key.name.as_str() {
        "region" => properties.region = Some(value.value.clone()),
        "currency" => properties.currency = currency(value, errors),
        "language" => properties.language = language(value, errors),
        other => unreachable!("the grammar admits no property `{other}`"),
    }
}

fn currency(code: &Str, errors: &mut Vec<Finding>) -> Option<Currency> {
    let known = "a three-letter code such as \"USD\", \"EUR\" or \"CAD\"";
    let upper = code.value.to_ascii_uppercase();
    let found = Currency::from_code(&upper);
    if found.is_none() {
        errors.push(unknown(
            code,
            &upper,
            Currency::codes(),
            "currency code",
            known,
        ));
    }
    found
}

fn language(code: &Str, errors: &mut Vec<Finding>) -> Option<Language> {
    let found = Language::from_code(&code.value);
    if found.is_none() {
        let known = format!(
            "promiselint reads number words in {}",
            Language::codes().collect::<Vec<_>>().join(", ")
        );
        let lower = code.value.to_ascii_lowercase();
        errors.push(unknown(code, &lower, Language::codes(), "language", &known));
    }
    found
}

/// "unknown language \"fe\"", with the closest of `codes` as the hint, else
/// what is `known`.
fn unknown<'a>(
    code: &Str,
    spelled: &str,
    codes: impl Iterator<Item = &'a str>,
    what: &str,
    known: &str,
) -> Finding {
    let hint = did_you_mean_or(spelled, codes, |code| format!("\"{code}\""), known);
    Finding::hinted(
        &INVALID_ITEM,
        code.span,
        format!("unknown {}", what.trim_end_matches(" code")),
        format!("unknown {what} \"{}\"", code.value),
        hint,
    )
}
