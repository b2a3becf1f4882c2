//! Evaluates a promise's requirements against the policy, given the figures
//! copy supplied for its captures (none, for a promise without captures).

use crate::finding::Label;
use crate::policy::model::{Condition, Operand, OperandSource};
use crate::policy::value::{business_days_as_calendar_days, compare, Truth, Unit, Value};

/// The figure copy gave each capture, by name.
pub type Bindings<'a> = &'a [(String, Value)];

/// Whether `condition` holds. `Err` when a figure from copy cannot be
/// compared with the policy (a price in another currency).
pub fn evaluate(condition: &Condition, bindings: Bindings) -> Result<Truth, String> {
    Ok(match condition {
        Condition::Any(parts) => {
            let mut truth = Truth::False;
            for part in parts {
                truth = truth.or(evaluate(part, bindings)?);
            }
            truth
        }
        Condition::All(parts) => {
            let mut truth = Truth::True;
            for part in parts {
                truth = truth.and(evaluate(part, bindings)?);
            }
            truth
        }
        Condition::Not(inner) => !evaluate(inner, bindings)?,
        Condition::Compare { left, op, right } => compare(
            &operand_value(left, bindings)?,
            *op,
            &operand_value(right, bindings)?,
        )?,
        Condition::Holds(operand) => match operand_value(operand, bindings)? {
            Value::Boolean(true) => Truth::True,
            Value::Boolean(false) => Truth::False,
            other => return Err(format!("{} is not a yes/no value", other.kind())),
        },
    })
}

/// The value of an operand: a policy value, a literal, or the figure copy
/// gave a capture, with its unit.
pub fn operand_value(operand: &Operand, bindings: Bindings) -> Result<Value, String> {
    match &operand.source {
        OperandSource::Policy { value, .. } | OperandSource::Literal(value) => Ok(value.clone()),
        OperandSource::Capture { name, unit, .. } => {
            let bound = bindings
                .iter()
                .find(|(bound, _)| bound == name)
                .map(|(_, value)| value)
                .ok_or_else(|| format!("no figure for `{name}`"))?;
            Ok(match (bound, unit) {
                // `n days`: the captured number takes the unit.
                (Value::Number(amount), Some(unit)) => Value::Duration {
                    amount: *amount,
                    unit: *unit,
                },
                (value, _) => value.clone(),
            })
        }
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
pub fn why_not(condition: &Condition, bindings: Bindings, truth: &Result<Truth, String>) -> String {
    let facts: Vec<String> = policy_values(condition)
        .iter()
        .map(|(path, value, _)| format!("{path} is {value}{}", calendar_note(value)))
        .collect();
    let mut text = format!("`{}`", describe(condition, bindings));
    let tail = join_and(&facts);
    match truth {
        _ if facts.is_empty() => {}
        Ok(Truth::Depends) => {
            text.push_str(&format!(", which holds only on some calendars: {tail}"))
        }
        Err(reason) => text.push_str(&format!(", which cannot be checked ({reason}): {tail}")),
        Ok(_) => text.push_str(&format!(", but {tail}")),
    }
    text
}

/// A label at every policy value a condition reads, saying what it is.
pub fn policy_labels(condition: &Condition) -> Vec<Label> {
    policy_values(condition)
        .into_iter()
        .map(|(path, value, defined_at)| Label::new(defined_at, format!("{path} is {value}")))
        .collect()
}

/// "(9 to 11 calendar days)" after business days, which is what they compare as.
fn calendar_note(value: &Value) -> String {
    let business = |v: &Value| match v {
        Value::Duration {
            amount,
            unit: Unit::BusinessDay,
        } => Some(*amount),
        _ => None,
    };
    let (low, high) = match value {
        Value::Range(low, high) => match (business(low), business(high)) {
            (Some(low), Some(high)) => (
                business_days_as_calendar_days(low).0,
                business_days_as_calendar_days(high).1,
            ),
            _ => return String::new(),
        },
        single => match business(single) {
            Some(n) => business_days_as_calendar_days(n),
            None => return String::new(),
        },
    };
    format!(" ({low} to {high} calendar days)")
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Every policy value a condition reads, once each: path, value and where
/// it is set.
pub fn policy_values(condition: &Condition) -> Vec<(&str, &Value, crate::source::Span)> {
    let mut found = Vec::new();
    collect(condition, &mut found);
    found
}

fn collect<'c>(
    condition: &'c Condition,
    found: &mut Vec<(&'c str, &'c Value, crate::source::Span)>,
) {
    let mut operand = |operand: &'c Operand| {
        if let OperandSource::Policy {
            path,
            value,
            defined_at,
            ..
        } = &operand.source
        {
            if !found.iter().any(|(seen, _, _)| *seen == path.as_str()) {
                found.push((path.as_str(), value, *defined_at));
            }
        }
    };
    match condition {
        Condition::Any(parts) | Condition::All(parts) => {
            for part in parts {
                collect(part, found);
            }
        }
        Condition::Not(inner) => collect(inner, found),
        Condition::Compare { left, right, .. } => {
            operand(left);
            operand(right);
        }
        Condition::Holds(single) => operand(single),
    }
}
