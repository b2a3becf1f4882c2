//! Evaluates a promise's requirements against the policy, given the figures
//! copy supplied for its captures (none, for a promise without captures).

use crate::finding::Label;
use crate::policy::model::{Condition, Operand, OperandSource};
use crate::policy::scope::{scoped_at, value_at, Place};
use crate::policy::syntax::CompareOp;
use crate::policy::value::{
    business_days_as_calendar_days, compare, months_as_days, write_offset, Clock, Decimal, Truth,
    Unit, Value,
};

/// The figure copy gave each capture, by name, and the place in copy that
/// gave them, which picks the policy values of its scope.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bindings<'a> {
    pub captures: &'a [(String, Value)],
    pub place: Place<'a>,
}

impl<'a> Bindings<'a> {
    /// Figures from no place in particular: policy values for everywhere.
    pub fn new(captures: &'a [(String, Value)]) -> Bindings<'a> {
        Bindings {
            captures,
            place: Place::default(),
        }
    }

    pub fn at(captures: &'a [(String, Value)], place: Place<'a>) -> Bindings<'a> {
        Bindings { captures, place }
    }
}

/// Why a requirement cannot be checked with the figures copy gave it: what
/// does not compare with what, as a clause for a message, and what would
/// make it checkable.
#[derive(Clone, Debug, PartialEq)]
pub struct Uncheckable {
    /// "shipping.free_threshold is money in USD and the copy's figure is in EUR".
    pub reason: String,
    pub hint: String,
}

/// Whether `condition` holds. `Err` when a figure from copy cannot be
/// compared with the policy (a price in another currency) and nothing
/// else decides: a true part of an `or` and a false part of an `and`
/// decide whatever the other parts are, even parts that cannot be checked.
pub fn evaluate(condition: &Condition, bindings: Bindings) -> Result<Truth, Uncheckable> {
    Ok(match condition {
        Condition::Any(parts) => decide(parts, bindings, Truth::True, Truth::or)?,
        Condition::All(parts) => decide(parts, bindings, Truth::False, Truth::and)?,
        Condition::Not(inner) => !evaluate(inner, bindings)?,
        Condition::Compare { left, op, right } => {
            let (left_value, right_value) = (
                operand_value(left, bindings).map_err(unbound)?,
                operand_value(right, bindings).map_err(unbound)?,
            );
            compare(&left_value, *op, &right_value)
                .map_err(|reason| uncheckable([(left, left_value), (right, right_value)], reason))?
        }
        Condition::Holds(operand) => match operand_value(operand, bindings).map_err(unbound)? {
            Value::Boolean(true) => Truth::True,
            Value::Boolean(false) => Truth::False,
            other => {
                return Err(Uncheckable {
                    reason: format!("{} is not a yes/no value", other.kind()),
                    hint: "compare it, e.g. `returns.window >= 30 days`".to_owned(),
                })
            }
        },
    })
}

/// The parts of an `or` (`decisive` true, joined with `Truth::or`) or an
/// `and` (false, `Truth::and`): a decisive part decides; otherwise a part
/// that cannot be checked leaves the whole unchecked.
fn decide(
    parts: &[Condition],
    bindings: Bindings,
    decisive: Truth,
    join: fn(Truth, Truth) -> Truth,
) -> Result<Truth, Uncheckable> {
    let mut truth = !decisive;
    let mut unchecked = None;
    for part in parts {
        match evaluate(part, bindings) {
            Ok(part) if part == decisive => return Ok(decisive),
            Ok(part) => truth = join(truth, part),
            Err(why) => {
                unchecked.get_or_insert(why);
            }
        }
    }
    unchecked.map_or(Ok(truth), Err)
}

/// A capture copy gave no figure for: the matcher binds every capture, so
/// only a promise evaluated without its copy meets this.
fn unbound(reason: String) -> Uncheckable {
    Uncheckable {
        reason,
        hint: "check the promise against copy that states the figure".to_owned(),
    }
}

/// Why two operands do not compare, in terms of where each comes from: the
/// policy value or literal first, then the copy's figure.
fn uncheckable(sides: [(&Operand, Value); 2], reason: String) -> Uncheckable {
    let from_copy = |operand: &Operand| matches!(operand.source, OperandSource::Capture { .. });
    let (Some((_, figure)), Some((stated, value))) = (
        sides.iter().find(|(operand, _)| from_copy(operand)),
        sides.iter().find(|(operand, _)| !from_copy(operand)),
    ) else {
        return Uncheckable {
            reason,
            hint: "compare like with like: durations with durations, money with money".to_owned(),
        };
    };
    let (subject, changed) = match &stated.source {
        OperandSource::Policy { path, .. } => (path.clone(), "give the policy a value"),
        _ => (format!("`{value}`"), "compare with a value"),
    };
    match (value.min(), figure.min()) {
        (Value::Money { currency, .. }, Value::Money { currency: said, .. }) => Uncheckable {
            reason: format!(
                "{subject} is money in {} and the copy's figure is in {}",
                currency.code(),
                said.code()
            ),
            hint: format!(
                "state the figure in the policy's currency, or {changed} in {}",
                said.code()
            ),
        },
        (value, figure) => Uncheckable {
            reason: format!(
                "{subject} is {} and the copy's figure is {}",
                value.kind(),
                figure.kind()
            ),
            hint: format!("state the figure as {}", value.kind()),
        },
    }
}

/// The value of an operand: a policy value, a literal, or the figure copy
/// gave a capture, with its unit.
pub fn operand_value(operand: &Operand, bindings: Bindings) -> Result<Value, String> {
    match &operand.source {
        OperandSource::Policy {
            value,
            defined_at,
            scoped,
            ..
        } => Ok(value_at((value, *defined_at), scoped, &bindings.place)
            .0
            .clone()),
        OperandSource::Literal(value) => Ok(value.clone()),
        OperandSource::Capture { name, unit, .. } => {
            let bound = bindings
                .captures
                .iter()
                .find(|(bound, _)| bound == name)
                .map(|(_, value)| value)
                .ok_or_else(|| format!("no figure for `{name}`"))?;
            Ok(match unit {
                Some(unit) => with_unit(bound, *unit),
                None => bound.clone(),
            })
        }
    }
}

/// `n days`: a captured number takes the unit, and so does each end of a
/// range of numbers ("3 to 5" in "ships in 3 to 5 days").
fn with_unit(bound: &Value, unit: Unit) -> Value {
    match bound {
        Value::Number(amount) => Value::Duration {
            amount: *amount,
            unit,
        },
        Value::Range(low, high) => Value::Range(
            Box::new(with_unit(low, unit)),
            Box::new(with_unit(high, unit)),
        ),
        other => other.clone(),
    }
}

/// A condition written out, with the figures copy gave its captures:
/// `returns.window >= 60 days`.
pub fn describe(condition: &Condition, bindings: Bindings) -> String {
    let grouped = |part: &Condition| match part {
        Condition::Any(_) | Condition::All(_) => format!("({})", describe(part, bindings)),
        _ => describe(part, bindings),
    };
    let join =
        |parts: &[Condition], word: &str| parts.iter().map(grouped).collect::<Vec<_>>().join(word);
    match condition {
        Condition::Any(parts) => join(parts, " or "),
        Condition::All(parts) => join(parts, " and "),
        Condition::Not(inner) => format!("not {}", grouped(inner)),
        Condition::Compare { left, op, right } => format!(
            "{} {} {}",
            describe_operand(left, bindings),
            op.as_str(),
            describe_operand(right, bindings)
        ),
        Condition::Holds(operand) => describe_operand(operand, bindings),
    }
}

fn describe_operand(operand: &Operand, bindings: Bindings) -> String {
    match &operand.source {
        OperandSource::Policy { path, .. } => path.clone(),
        OperandSource::Literal(value) => value.to_string(),
        OperandSource::Capture { name, .. } => operand_value(operand, bindings)
            .map_or_else(|_| name.clone(), |value| value.to_string()),
    }
}

/// Why a condition that is not true fails, for a message:
/// "`returns.window >= 60 days`, but returns.window is 30 days".
pub fn why_not(condition: &Condition, bindings: Bindings, truth: Truth) -> String {
    let crossing = crossing(condition, bindings);
    let noted = |value: &Value| {
        let business = matches!(
            value.min(),
            Value::Duration {
                unit: Unit::BusinessDay,
                ..
            }
        );
        (business || crossing.contains(value))
            .then(|| span_note(value))
            .flatten()
    };
    let from_policy = policy_values(condition, &bindings.place);
    let mut facts: Vec<String> = from_policy
        .iter()
        .map(|(path, value, _)| match noted(value) {
            Some(note) => format!("{path} is {value} ({note})"),
            None => format!("{path} is {value}"),
        })
        .collect();
    let from_policy: Vec<&Value> = from_policy.into_iter().map(|(_, value, _)| value).collect();
    for value in crossing.iter().filter(|value| !from_policy.contains(value)) {
        if let Some(note) = span_note(value) {
            let fact = match value {
                Value::Time {
                    zone: Some(zone), ..
                } => format!("{} is {note}", zone.name()),
                _ => format!("{value} is {note}"),
            };
            if !facts.contains(&fact) {
                facts.push(fact);
            }
        }
    }
    let mut text = format!("`{}`", describe(condition, bindings));
    let tail = join_and(&facts);
    match truth {
        _ if facts.is_empty() => {}
        Truth::Depends => text.push_str(&format!(", which holds only on some calendars: {tail}")),
        _ => text.push_str(&format!(", but {tail}")),
    }
    text
}

/// A label at every policy value a condition reads at `place`, saying what
/// it is.
pub fn policy_labels(condition: &Condition, place: &Place) -> Vec<Label> {
    policy_values(condition, place)
        .into_iter()
        .map(|(path, value, defined_at)| Label::new(defined_at, format!("{path} is {value}")))
        .collect()
}

/// The values of `condition` that stand for more than one amount against
/// what they are compared with: months or years against days, hours or
/// weeks; a time in a zone that follows daylight-saving time against a
/// time in another zone.
fn crossing(condition: &Condition, bindings: Bindings) -> Vec<Value> {
    let mut found = Vec::new();
    each_comparison(condition, &mut |left, _, right| {
        let (Ok(left), Ok(right)) = (
            operand_value(left, bindings),
            operand_value(right, bindings),
        ) else {
            return;
        };
        for (value, other) in [(&left, &right), (&right, &left)] {
            if crosses(value, other) && !found.contains(value) {
                found.push(value.clone());
            }
        }
    });
    found
}

fn crosses(value: &Value, other: &Value) -> bool {
    let clock = |v: &Value| match v.min() {
        Value::Duration { unit, .. } => Some(unit.clock()),
        _ => None,
    };
    match (value.min(), other.min()) {
        (
            Value::Time {
                zone: Some(zone), ..
            },
            Value::Time {
                zone: Some(other), ..
            },
        ) => zone.by_the_date() && zone != other,
        _ => clock(value) == Some(Clock::Calendar) && clock(other) == Some(Clock::Time),
    }
}

/// What a value stands for in other terms, for a message: "9 to 11
/// calendar days" for 7 business days, "365 to 366 days" for 1 year,
/// "UTC−5 or UTC−4 by the date" for a time in `ET`. `None` for exact values.
fn span_note(value: &Value) -> Option<String> {
    let days = |v: &Value| match v {
        Value::Duration {
            amount,
            unit: Unit::BusinessDay,
        } => Some((business_days_as_calendar_days(*amount)?, "calendar days")),
        Value::Duration {
            amount,
            unit: Unit::Month,
        } => Some((months_as_days(*amount)?, "days")),
        Value::Duration {
            amount,
            unit: Unit::Year,
        } => Some((
            months_as_days(amount.checked_mul(Decimal::from(12))?)?,
            "days",
        )),
        _ => None,
    };
    match value {
        Value::Time {
            zone: Some(zone), ..
        } if zone.by_the_date() => {
            let (standard, daylight) = zone.offsets();
            Some(format!(
                "{} or {} by the date",
                write_offset(standard),
                write_offset(daylight)
            ))
        }
        Value::Range(low, high) => {
            let (((fewest, _), unit), ((_, most), _)) = (days(low)?, days(high)?);
            Some(format!(
                "{} to {} {unit}",
                fewest.normalize(),
                most.normalize()
            ))
        }
        single => {
            let ((fewest, most), unit) = days(single)?;
            Some(format!(
                "{} to {} {unit}",
                fewest.normalize(),
                most.normalize()
            ))
        }
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Every policy value a condition reads at `place`, once each: path, value
/// and where it is set. Where the place's scope has a value of its own, that
/// one, and the path says so: `delivery.next_day for region "highlands"`.
pub fn policy_values<'c>(
    condition: &'c Condition,
    place: &Place,
) -> Vec<(String, &'c Value, crate::source::Span)> {
    let mut found = Vec::new();
    collect(condition, place, &mut found);
    found
}

fn collect<'c>(
    condition: &'c Condition,
    place: &Place,
    found: &mut Vec<(String, &'c Value, crate::source::Span)>,
) {
    each_comparison(condition, &mut |left, _, right| {
        for operand in [left, right] {
            if let OperandSource::Policy {
                path,
                value,
                defined_at,
                scoped,
            } = &operand.source
            {
                let shown = match scoped_at(scoped, place) {
                    Some(scoped) => format!("{path} for {}", scoped.scope),
                    None => path.clone(),
                };
                if !found.iter().any(|(seen, _, _)| *seen == shown) {
                    let (value, defined_at) = value_at((value, *defined_at), scoped, place);
                    found.push((shown, value, defined_at));
                }
            }
        }
    });
}

/// Calls `visit` with both sides of every comparison in `condition`, in
/// order; a lone boolean operand is compared with itself.
fn each_comparison<'c>(
    condition: &'c Condition,
    visit: &mut dyn FnMut(&'c Operand, CompareOp, &'c Operand),
) {
    match condition {
        Condition::Any(parts) | Condition::All(parts) => {
            for part in parts {
                each_comparison(part, visit);
            }
        }
        Condition::Not(inner) => each_comparison(inner, visit),
        Condition::Compare { left, op, right } => visit(left, *op, right),
        Condition::Holds(single) => visit(single, CompareOp::Eq, single),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::model::Operand;
    use crate::policy::pattern::CaptureType;
    use crate::policy::value::exact;
    use crate::policy::value::Currency;
    use crate::source::{Sources, Span};

    fn span() -> Span {
        let file = Sources::default().add("test.promise".into(), "");
        Span::new(file, 0, 0)
    }

    fn policy(path: &str, value: Value) -> Operand {
        Operand {
            span: span(),
            source: OperandSource::Policy {
                path: path.to_owned(),
                value,
                defined_at: span(),
                scoped: Vec::new(),
            },
        }
    }

    fn capture(name: &str, kind: CaptureType, unit: Option<Unit>) -> Operand {
        Operand {
            span: span(),
            source: OperandSource::Capture {
                name: name.to_owned(),
                kind,
                unit,
            },
        }
    }

    fn days(amount: f64) -> Value {
        Value::Duration {
            amount: exact(amount),
            unit: Unit::Day,
        }
    }

    fn compare(left: Operand, op: CompareOp, right: Operand) -> Condition {
        Condition::Compare { left, op, right }
    }

    fn range(low: f64, high: f64) -> Value {
        Value::Range(
            Box::new(Value::Number(exact(low))),
            Box::new(Value::Number(exact(high))),
        )
    }

    #[test]
    fn a_number_range_from_copy_takes_the_captures_unit_and_its_weakest_reading() {
        // `shipping.delivery.max <= n days` with "ships in 3 to 5 days".
        let within = |max: f64| {
            compare(
                policy("shipping.delivery.max", days(max)),
                CompareOp::Le,
                capture("n", CaptureType::Number, Some(Unit::Day)),
            )
        };
        let said = [("n".to_owned(), range(3.0, 5.0))];
        assert_eq!(
            evaluate(&within(7.0), Bindings::new(&said)),
            Ok(Truth::False)
        );
        assert_eq!(
            evaluate(&within(5.0), Bindings::new(&said)),
            Ok(Truth::True)
        );
        let why = why_not(&within(7.0), Bindings::new(&said), Truth::False);
        assert_eq!(
            why,
            "`shipping.delivery.max <= 3 to 5 days`, but shipping.delivery.max is 7 days"
        );
        // `returns.discount >= x` with "10 to 20% off" promises at least 10%.
        let discount = |at_least: f64| {
            compare(
                policy("sale.discount", Value::Percent(exact(at_least))),
                CompareOp::Ge,
                capture("x", CaptureType::Percent, None),
            )
        };
        let said = [(
            "x".to_owned(),
            Value::Range(
                Box::new(Value::Percent(exact(10.0))),
                Box::new(Value::Percent(exact(20.0))),
            ),
        )];
        assert_eq!(
            evaluate(&discount(10.0), Bindings::new(&said)),
            Ok(Truth::True)
        );
        assert_eq!(
            evaluate(&discount(5.0), Bindings::new(&said)),
            Ok(Truth::False)
        );
        // `==` within, `!=` unless the only value.
        let equal = |op| {
            compare(
                policy("shipping.days", days(4.0)),
                op,
                capture("n", CaptureType::Number, Some(Unit::Day)),
            )
        };
        let said = [("n".to_owned(), range(3.0, 5.0))];
        assert_eq!(
            evaluate(&equal(CompareOp::Eq), Bindings::new(&said)),
            Ok(Truth::True)
        );
        assert_eq!(
            evaluate(&equal(CompareOp::Ne), Bindings::new(&said)),
            Ok(Truth::True)
        );
        let said = [("n".to_owned(), range(4.0, 4.0))];
        assert_eq!(
            evaluate(&equal(CompareOp::Ne), Bindings::new(&said)),
            Ok(Truth::False)
        );
    }

    fn money(amount: f64, code: &str) -> Value {
        Value::Money {
            amount: exact(amount),
            currency: Currency::from_code(code).unwrap(),
        }
    }

    #[test]
    fn a_part_that_cannot_be_compared_leaves_the_decision_to_the_others() {
        let threshold = || {
            compare(
                policy("shipping.free_threshold", money(50.0, "USD")),
                CompareOp::Le,
                capture("x", CaptureType::Money, None),
            )
        };
        let flag =
            |value| Condition::Holds(policy("shipping.free_everywhere", Value::Boolean(value)));
        let said = [("x".to_owned(), money(50.0, "EUR"))];
        let any = |value| Condition::Any(vec![threshold(), flag(value)]);
        let all = |value| Condition::All(vec![threshold(), flag(value)]);
        assert_eq!(evaluate(&any(true), Bindings::new(&said)), Ok(Truth::True));
        assert_eq!(
            evaluate(&all(false), Bindings::new(&said)),
            Ok(Truth::False)
        );
        let unchecked = Uncheckable {
            reason: "shipping.free_threshold is money in USD and the copy's figure is in EUR"
                .to_owned(),
            hint: "state the figure in the policy's currency, or give the policy a value in EUR"
                .to_owned(),
        };
        assert_eq!(
            evaluate(&any(false), Bindings::new(&said)),
            Err(unchecked.clone())
        );
        assert_eq!(
            evaluate(&all(true), Bindings::new(&said)),
            Err(unchecked.clone())
        );
        assert_eq!(
            evaluate(&Condition::Not(Box::new(threshold())), Bindings::new(&said)),
            Err(unchecked)
        );
        // A literal in another currency names itself.
        let literal = compare(
            Operand {
                span: span(),
                source: OperandSource::Literal(money(20.0, "USD")),
            },
            CompareOp::Le,
            capture("x", CaptureType::Money, None),
        );
        let why = evaluate(&literal, Bindings::new(&said)).unwrap_err();
        assert_eq!(
            why.reason,
            "`$20` is money in USD and the copy's figure is in EUR"
        );
        assert!(
            why.hint.ends_with("compare with a value in EUR"),
            "{}",
            why.hint
        );
    }

    #[test]
    fn months_against_days_explain_the_days_they_span() {
        let condition = compare(
            policy("warranty.period", days(365.0)),
            CompareOp::Ge,
            capture("n", CaptureType::Number, Some(Unit::Year)),
        );
        let said = [("n".to_owned(), Value::Number(exact(1.0)))];
        let truth = evaluate(&condition, Bindings::new(&said)).unwrap();
        assert_eq!(truth, Truth::Depends);
        assert_eq!(
            why_not(&condition, Bindings::new(&said), truth),
            "`warranty.period >= 1 year`, which holds only on some calendars: \
             warranty.period is 365 days and 1 year is 365 to 366 days"
        );
        // A policy in months against days gets the note in parentheses.
        let condition = compare(
            policy(
                "warranty.period",
                Value::Duration {
                    amount: exact(6.0),
                    unit: Unit::Month,
                },
            ),
            CompareOp::Ge,
            capture("n", CaptureType::Number, Some(Unit::Day)),
        );
        let said = [("n".to_owned(), Value::Number(exact(190.0)))];
        assert_eq!(
            why_not(&condition, Bindings::new(&said), Truth::False),
            "`warranty.period >= 190 days`, but warranty.period is 6 months (181 to 184 days)"
        );
    }
}
