//! Evaluates a promise's requirements against the policy, given the figures
//! copy supplied for its captures (none, for a promise without captures).

use crate::model::{Condition, Operand, OperandSource};
use crate::value::{compare, Truth, Value};

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

fn operand_value(operand: &Operand, bindings: Bindings) -> Result<Value, String> {
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

/// Every policy value a condition reads: path, value and where it is set.
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
