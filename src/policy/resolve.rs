//! Resolving a promise's `requires`: every path looked up in the policies,
//! every capture in the promise's `says` phrases, every comparison checked
//! for kinds that can be compared, with "did you mean" where a name is close.
//!
//! A path that misses a field by a letter or two is usually reported where
//! it is written. But when the close name is a key of a YAML policy that no
//! path reads, the slip is most likely the key's: the operations team keeps
//! that file, and the promise files say which fields they need. So such a
//! miss waits in [`Reads`] until every promise is resolved, and is then
//! reported once at the key, with every path that wanted the field. A key
//! that cannot name a field (`restocking-fee`) is never read, so a path that
//! wants a field of its name is always reported at the key.
//!
//! A YAML string that is not a value is text, and its field is checked only
//! where a promise reads it: a date or a phone number beside the figures
//! fails no build until a promise compares it with a figure. Then what is
//! wrong with it is reported at the YAML value, from [`NotValues`], instead
//! of a mismatch of kinds.

use super::model::{Condition, Group, Member, MemberKind, Operand, OperandSource, Policy};
use super::scope::Scoped;
use crate::finding::codes::{INVALID_VALUE, TYPE_MISMATCH, UNKNOWN_REFERENCE};
use crate::finding::suggest::{did_you_mean, did_you_mean_or, MAX_CANDIDATES};
use crate::finding::{Finding, Label};
use crate::policy::parse::bad_field_name;
use crate::policy::pattern::{Capture, CaptureType};
use crate::policy::syntax::{self, CompareOp, Expr, ExprKind, Ident};
use crate::policy::value::{self, check_comparison, Kind, Unit, Value};
use crate::source::{FileId, Span};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// Resolves and type-checks `requires` expressions.
pub(super) struct Resolver<'a> {
    pub(super) policies: &'a [Policy],
    /// The names of the policies that did not parse: a path into one was
    /// reported with its syntax error.
    pub(super) unparsed: &'a [&'a str],
    /// What the promise's `says` phrases capture.
    pub(super) captures: &'a [Capture],
    /// What the paths of every promise read, shared by their resolvers.
    pub(super) reads: &'a RefCell<Reads>,
}

/// The YAML strings that are not values, kept as text, by the span of
/// their field's value: what is wrong with each as a value. Empty once
/// reported, so that two promises reading one field report it once.
pub(super) type NotValues = HashMap<Span, Vec<Finding>>;

/// What the paths of a run's promises read, and the misses that wait for
/// all of them to be known: whether a YAML key is read decides where its
/// near miss is reported.
#[derive(Default)]
pub(super) struct Reads {
    /// The YAML files the policies import.
    yaml_files: HashSet<FileId>,
    /// The name of every field or group a path reached.
    reached: HashSet<Span>,
    misses: Vec<Miss>,
    not_values: NotValues,
}

/// A path that names no field of its group, where the group has a YAML key
/// close to the name.
struct Miss {
    /// The key's name in the YAML file.
    key: Span,
    /// The path as the promise writes it, and as the YAML spells it.
    wanted: String,
    written: String,
    /// The path's name that misses.
    at: Span,
    /// The finding at the path, for when the key is read elsewhere: then the
    /// path is the one that is odd. `None` for a key no path can read.
    at_path: Option<Finding>,
    /// For a key left out of its group: why it cannot name a field, and how
    /// to rename it.
    unnamed: Option<(&'static str, String)>,
}

impl Reads {
    pub(super) fn new(
        yaml_files: impl IntoIterator<Item = FileId>,
        not_values: NotValues,
    ) -> Reads {
        Reads {
            yaml_files: yaml_files.into_iter().collect(),
            not_values,
            ..Reads::default()
        }
    }

    /// Reports the misses: at the path when some path reads the key, else
    /// at the key, once for every spelling wanted, with each path that
    /// wanted it as a related label.
    pub(super) fn settle(self, errors: &mut Vec<Finding>) {
        let mut at_keys: Vec<Finding> = Vec::new();
        let mut found: HashMap<(Span, String), usize> = HashMap::new();
        for miss in self.misses {
            if let Some(at_path) = miss.at_path.filter(|_| self.reached.contains(&miss.key)) {
                errors.push(at_path);
                continue;
            }
            let read_here = Label::new(miss.at, format!("`{}` is read here", miss.wanted));
            if let Some(&index) = found.get(&(miss.key, miss.wanted.clone())) {
                at_keys[index].related.push(read_here);
                continue;
            }
            found.insert((miss.key, miss.wanted.clone()), at_keys.len());
            let finding = match miss.unnamed {
                None => Finding::new(
                    &UNKNOWN_REFERENCE,
                    Label::new(miss.key, "read by no promise"),
                    format!(
                        "`{}` looks misspelt: a promise reads `{}`, which is not defined",
                        miss.written, miss.wanted
                    ),
                )
                .with_hint(format!(
                    "did you mean `{}`? If the key is right, correct the path instead",
                    miss.wanted
                )),
                Some((why, hint)) => Finding::new(
                    &UNKNOWN_REFERENCE,
                    Label::new(miss.key, "not a field name"),
                    format!(
                        "a promise reads `{}`, and the key `{}` cannot be a field name: {why}",
                        miss.wanted, miss.written
                    ),
                )
                .with_hint(hint),
            };
            at_keys.push(finding.with_related(read_here));
        }
        errors.extend(at_keys);
    }
}

impl Resolver<'_> {
    pub(super) fn condition(&self, expr: &Expr, errors: &mut Vec<Finding>) -> Option<Condition> {
        let all = |parts: &[Expr], errors: &mut Vec<Finding>| {
            let resolved: Vec<Option<Condition>> =
                parts.iter().map(|p| self.condition(p, errors)).collect();
            resolved.into_iter().collect::<Option<Vec<_>>>()
        };
        match &expr.kind {
            ExprKind::Or(parts) => all(parts, errors).map(Condition::Any),
            ExprKind::And(parts) => all(parts, errors).map(Condition::All),
            ExprKind::Not(inner) => Some(Condition::Not(Box::new(self.condition(inner, errors)?))),
            ExprKind::Compare {
                left,
                op,
                op_span,
                right,
            } => {
                let (left, right) = (self.operand(left, errors), self.operand(right, errors));
                let (left, right) = (left?, right?);
                self.check_compare(&left, *op, *op_span, &right, errors)?;
                Some(Condition::Compare {
                    left,
                    op: *op,
                    right,
                })
            }
            ExprKind::Path(_) | ExprKind::Capture { .. } | ExprKind::Literal(_) => {
                let operand = self.operand(expr, errors)?;
                let kind = operand.kind();
                if kind != Kind::Boolean && self.operand_not_a_value(&operand, errors) {
                    return None;
                }
                if kind != Kind::Boolean {
                    errors.push(Finding::hinted(
                        &TYPE_MISMATCH,
                        expr.span,
                        format!("this is {kind}"),
                        format!("a requirement must be a condition, and this is {kind}"),
                        "compare it, e.g. `returns.window >= 30 days`",
                    ));
                    return None;
                }
                Some(Condition::Holds(operand))
            }
        }
    }

    fn check_compare(
        &self,
        left: &Operand,
        op: CompareOp,
        op_span: Span,
        right: &Operand,
        errors: &mut Vec<Finding>,
    ) -> Option<()> {
        let (left_kind, right_kind) = (left.kind(), right.kind());
        let Err(reason) = check_comparison(&left_kind, op, &right_kind) else {
            return Some(());
        };
        // Both sides are looked at, so that each is reported.
        let left_not_a_value = self.operand_not_a_value(left, errors);
        let right_not_a_value = self.operand_not_a_value(right, errors);
        if left_not_a_value || right_not_a_value {
            return None;
        }
        let capture_without_unit =
            [left, right]
                .into_iter()
                .find_map(|operand| match &operand.source {
                    OperandSource::Capture {
                        name,
                        kind: CaptureType::Number,
                        unit: None,
                    } => Some(name),
                    _ => None,
                });
        let hint = match (capture_without_unit, &left_kind, &right_kind) {
            (Some(name), Kind::Duration(_), _) | (Some(name), _, Kind::Duration(_)) => {
                format!("`{name}` is a bare number; give it a unit: `{name} days`")
            }
            (_, Kind::Range(_), _) | (_, _, Kind::Range(_)) => {
                "compare one end: `.min` or `.max`, e.g. `shipping.delivery.max`".to_owned()
            }
            _ => "compare like with like: durations with durations, money with money".to_owned(),
        };
        errors.push(
            Finding::new(
                &TYPE_MISMATCH,
                Label::new(op_span, "cannot compare these"),
                reason,
            )
            .with_related(Label::new(left.span, format!("this is {left_kind}")))
            .with_related(Label::new(right.span, format!("this is {right_kind}")))
            .with_hint(hint),
        );
        None
    }

    fn operand(&self, expr: &Expr, errors: &mut Vec<Finding>) -> Option<Operand> {
        let source = match &expr.kind {
            ExprKind::Path(segments) => self.path(segments, errors)?,
            ExprKind::Capture { name, unit } => self.capture(name, unit.as_ref(), errors)?,
            ExprKind::Literal(node) => {
                if matches!(node.kind, syntax::ValueNodeKind::Range(..)) {
                    errors.push(Finding::hinted(
                        &INVALID_VALUE,
                        node.span,
                        "a range",
                        "a range can only be a policy value".to_owned(),
                        "compare with one end, e.g. `shipping.delivery.max <= 7 days`",
                    ));
                    return None;
                }
                OperandSource::Literal(value::lower(node, errors)?)
            }
            ExprKind::Or(_) | ExprKind::And(_) | ExprKind::Not(_) | ExprKind::Compare { .. } => {
                errors.push(Finding::hinted(
                    &TYPE_MISMATCH,
                    expr.span,
                    "a condition",
                    "a condition cannot be compared; compare values".to_owned(),
                    "write each comparison on its own, joined with `and` or `or`",
                ));
                return None;
            }
        };
        Some(Operand {
            span: expr.span,
            source,
        })
    }

    /// Resolves `policy.field[.group…][.min|.max]`.
    fn path(&self, segments: &[Ident], errors: &mut Vec<Finding>) -> Option<OperandSource> {
        let (head, rest) = segments.split_first()?;
        let policy = self.policy(head, errors)?;
        let mut group = &policy.root;
        let mut shown = head.name.clone();
        let mut rest = rest.iter();
        while let Some(segment) = rest.next() {
            let member = self.member(group, &shown, segment, errors)?;
            self.reads.borrow_mut().reached.insert(member.name.span);
            shown = format!("{shown}.{}", segment.name);
            match &member.kind {
                MemberKind::Group(inner) => group = inner,
                MemberKind::Invalid => return None,
                MemberKind::Field {
                    value,
                    span,
                    scoped,
                } => {
                    let selects_end = rest
                        .as_slice()
                        .first()
                        .is_some_and(|next| matches!(next.name.as_str(), "min" | "max"));
                    if selects_end
                        && matches!(value, Value::Text(_))
                        && self.not_a_value(*span, segment.span, errors)
                    {
                        return None;
                    }
                    return field((value, scoped), *span, shown, &mut rest, errors);
                }
            }
        }
        errors.push(not_a_value(segments, group, &shown));
        None
    }

    /// The member `segment` names in `group` (the group the path `shown`
    /// reaches). `.min` and `.max` apply to a value, not a group; a name
    /// missing from a group that could not be read whole was reported with
    /// it, not again; one close to a YAML key waits in [`Reads`].
    fn member<'g>(
        &self,
        group: &'g Group,
        shown: &str,
        segment: &Ident,
        errors: &mut Vec<Finding>,
    ) -> Option<&'g Member> {
        if matches!(segment.name.as_str(), "min" | "max") {
            if let Some(key) = group.unnamed.iter().find(|key| key.name == segment.name) {
                self.miss_unnamed(key, format!("{shown}.{}", segment.name), segment.span);
                return None;
            }
            let hint = match group.first_field() {
                Some(field) => format!("did you mean `{shown}.{field}.{}`?", segment.name),
                None => format!("`.{}` follows a field", segment.name),
            };
            errors.push(unknown(
                segment.span,
                format!(
                    "`.{}` applies to a value, and `{shown}` is a group of fields",
                    segment.name
                ),
                hint,
            ));
            return None;
        }
        let member = group.get(&segment.name);
        if member.is_some() || group.incomplete {
            return member;
        }
        let close = did_you_mean(&segment.name, group.names()).and_then(|name| group.get(name));
        if close.is_none() {
            // `restocking-fee` for `restocking_fee`: compared as the path
            // would spell it.
            let spelt = |key: &Ident| key.name.replace(['-', ' '], "_");
            // Only as many as a suggestion reads.
            let unnamed = &group.unnamed[..group.unnamed.len().min(MAX_CANDIDATES)];
            let spellings: Vec<String> = unnamed.iter().map(spelt).collect();
            let near = did_you_mean(&segment.name, spellings.iter().map(String::as_str));
            if let Some(key) = near.and_then(|near| unnamed.iter().find(|k| spelt(k) == near)) {
                self.miss_unnamed(key, format!("{shown}.{}", segment.name), segment.span);
                return None;
            }
        }
        let hint = match close {
            Some(close) => format!("did you mean `{shown}.{}`?", close.name.name),
            None => format!("`{shown}` has: {}", listed(group.names())),
        };
        let at_path = unknown(
            segment.span,
            format!("`{shown}` has no field `{}`", segment.name),
            hint,
        );
        let mut reads = self.reads.borrow_mut();
        match close {
            Some(close) if reads.yaml_files.contains(&close.name.span.file) => {
                reads.misses.push(Miss {
                    key: close.name.span,
                    wanted: format!("{shown}.{}", segment.name),
                    written: format!("{shown}.{}", close.name.name),
                    at: segment.span,
                    at_path: Some(at_path),
                    unnamed: None,
                });
            }
            _ => errors.push(at_path),
        }
        None
    }

    /// Reports why the YAML string of the field whose value stands at
    /// `defined_at` is not a value, if it is such a string, with where it is
    /// read (`read_at`) as one; true if it is (reported now or by an earlier
    /// read), so the caller reports nothing more.
    fn not_a_value(&self, defined_at: Span, read_at: Span, errors: &mut Vec<Finding>) -> bool {
        let mut reads = self.reads.borrow_mut();
        let Some(why_not) = reads.not_values.get_mut(&defined_at) else {
            return false;
        };
        let read_here = Label::new(read_at, "read here as a value");
        errors.extend(
            std::mem::take(why_not)
                .into_iter()
                .map(|finding| finding.with_related(read_here.clone())),
        );
        true
    }

    /// The field a policy operand reads is a YAML string that is not a
    /// value: see [`Self::not_a_value`].
    fn operand_not_a_value(&self, operand: &Operand, errors: &mut Vec<Finding>) -> bool {
        match &operand.source {
            OperandSource::Policy { defined_at, .. } => {
                self.not_a_value(*defined_at, operand.span, errors)
            }
            _ => false,
        }
    }

    /// A path that wants `wanted`, near a YAML key that cannot name a field:
    /// reported at the key once every path is known.
    fn miss_unnamed(&self, key: &Ident, wanted: String, at: Span) {
        let why = bad_field_name(&key.name).expect("a key left out cannot name a field");
        let wanted_field = wanted.rsplit('.').next().unwrap_or(&wanted);
        let hint = if key.name.contains(['-', ' ']) {
            format!("rename the key `{wanted_field}`: field names join words with `_`")
        } else {
            "rename the key, and the paths that read it: a reserved word names no field".to_owned()
        };
        let written = format!(
            "{}.{}",
            wanted.rsplit_once('.').map_or("", |(group, _)| group),
            key.name
        );
        self.reads.borrow_mut().misses.push(Miss {
            key: key.span,
            wanted,
            written,
            at,
            at_path: None,
            unnamed: Some((why, hint)),
        });
    }

    /// The policy the first part of a path names.
    fn policy(&self, head: &Ident, errors: &mut Vec<Finding>) -> Option<&Policy> {
        let policy = self.policies.iter().find(|p| p.name.name == head.name);
        if policy.is_none() && !self.unparsed.contains(&head.name.as_str()) {
            let names = self.policies.iter().map(|p| p.name.name.as_str());
            let hint = did_you_mean_or(
                &head.name,
                names,
                str::to_owned,
                "the first part of a path names a policy".to_owned(),
            );
            errors.push(unknown(
                head.span,
                format!("unknown policy `{}`", head.name),
                hint,
            ));
        }
        policy
    }

    /// A capture named in `requires`, with the unit a bare number is given.
    fn capture(
        &self,
        name: &Ident,
        unit: Option<&Ident>,
        errors: &mut Vec<Finding>,
    ) -> Option<OperandSource> {
        let Some(capture) = self.captures.iter().find(|c| c.name == name.name) else {
            errors.push(self.not_captured(name));
            return None;
        };
        let unit = match unit {
            None => None,
            Some(word) => Some(capture_unit(capture, word, errors)?),
        };
        Some(OperandSource::Capture {
            name: capture.name.clone(),
            kind: capture.kind,
            unit,
        })
    }

    /// Why a name without a dot is no capture: it names a policy (and a
    /// path wants a field), or no `says` phrase captures it.
    fn not_captured(&self, name: &Ident) -> Finding {
        if let Some(policy) = self.policies.iter().find(|p| p.name.name == name.name) {
            let hint = match policy.root.first_field() {
                Some(field) => format!("did you mean `{}.{field}`?", name.name),
                None => "a policy path names a field: `policy.field`".to_owned(),
            };
            return unknown(
                name.span,
                format!("`{}` is a policy, not a value", name.name),
                hint,
            );
        }
        let declared: Vec<&str> = self.captures.iter().map(|c| c.name.as_str()).collect();
        let hint = match (
            did_you_mean(&name.name, declared.iter().copied()),
            declared.is_empty(),
        ) {
            (Some(close), _) => format!("did you mean `{close}`?"),
            (None, true) => {
                "the `says` phrases capture nothing; a policy path has a dot: `policy.field`"
                    .to_owned()
            }
            (None, false) => format!("the `says` phrases capture: {}", declared.join(", ")),
        };
        unknown(
            name.span,
            format!("`{}` is not captured by any `says` phrase", name.name),
            hint,
        )
    }
}

/// The unit `word` given to `capture` (`n days`): only a number capture
/// takes one, since money, percents and durations carry their own.
fn capture_unit(capture: &Capture, word: &Ident, errors: &mut Vec<Finding>) -> Option<Unit> {
    if capture.kind != CaptureType::Number {
        errors.push(Finding::hinted(
            &TYPE_MISMATCH,
            word.span,
            "no unit here",
            format!(
                "`{}` captures {}, which takes no unit",
                capture.name,
                capture.kind.name()
            ),
            format!("write `{}` alone", capture.name),
        ));
        return None;
    }
    let Some(unit) = Unit::from_word(&word.name) else {
        errors.push(value::unknown_unit(word));
        return None;
    };
    Some(unit)
}

fn unknown(span: Span, message: String, hint: String) -> Finding {
    Finding::hinted(&UNKNOWN_REFERENCE, span, "not found", message, hint)
}

/// The end of a path at the field `shown`, defined at `span`: the field's
/// value, or one end of it when `.min` or `.max` follows, and nothing after.
fn field<'a>(
    (value, scoped): (&Value, &[Scoped]),
    span: Span,
    shown: String,
    rest: &mut impl Iterator<Item = &'a Ident>,
    errors: &mut Vec<Finding>,
) -> Option<OperandSource> {
    let Some(select) = rest.next() else {
        return Some(OperandSource::Policy {
            path: shown,
            value: value.clone(),
            defined_at: span,
            scoped: scoped.to_vec(),
        });
    };
    let selected = select_end(value, &shown, select, errors)?;
    let shown = format!("{shown}.{}", select.name);
    if let Some(extra) = rest.next() {
        errors.push(unknown(
            extra.span,
            format!("nothing follows `.{}`", select.name),
            format!("end the path at `{shown}`"),
        ));
        return None;
    }
    // Each scoped value has the kind of `value`: it has the same ends.
    let end = |value: &Value| match select.name.as_str() {
        "min" => value.min().clone(),
        _ => value.max().clone(),
    };
    Some(OperandSource::Policy {
        path: shown,
        value: selected.clone(),
        defined_at: span,
        scoped: scoped
            .iter()
            .map(|s| Scoped {
                value: end(&s.value),
                ..s.clone()
            })
            .collect(),
    })
}

/// `.min` or `.max` of the value of the field `shown`: only a figure or a
/// range has ends.
fn select_end<'a>(
    value: &'a Value,
    shown: &str,
    select: &Ident,
    errors: &mut Vec<Finding>,
) -> Option<&'a Value> {
    let selected = match select.name.as_str() {
        "min" => value.min(),
        "max" => value.max(),
        _ => {
            errors.push(unknown(
                select.span,
                format!("`{shown}` is a value ({value}), not a group"),
                format!("nothing follows `{shown}` but `.min` or `.max`"),
            ));
            return None;
        }
    };
    if !matches!(
        value.kind(),
        Kind::Range(_) | Kind::Number | Kind::Percent | Kind::Money(_) | Kind::Duration(_)
    ) {
        errors.push(Finding::hinted(
            &TYPE_MISMATCH,
            select.span,
            "not a figure",
            format!(
                "`.{}` applies to figures and ranges; `{shown}` is {}",
                select.name,
                value.kind()
            ),
            format!("use `{shown}` itself"),
        ));
        return None;
    }
    Some(selected)
}

/// A path that ends at a policy or a group, where a value was wanted.
fn not_a_value(segments: &[Ident], group: &Group, shown: &str) -> Finding {
    let last = segments.last().expect("a path has segments");
    let hint = match group.first_field() {
        Some(field) => format!("did you mean `{shown}.{field}`?"),
        None => format!("`{shown}` has no fields yet"),
    };
    let what = if segments.len() == 1 {
        "a policy"
    } else {
        "a group"
    };
    unknown(last.span, format!("`{shown}` is {what}, not a value"), hint)
}

/// How many names a hint lists: the first few of a long list say what it
/// holds; every one of thousands, in each of thousands of findings, would
/// make the report grow with the square of the file.
const LISTED: usize = 12;

/// `names` joined by commas, the first [`LISTED`] of them and then how many in all.
fn listed<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let shown: Vec<&str> = names.by_ref().take(LISTED).collect();
    let more = names.count();
    match more {
        0 => shown.join(", "),
        more => format!("{}, … ({} in all)", shown.join(", "), LISTED + more),
    }
}
