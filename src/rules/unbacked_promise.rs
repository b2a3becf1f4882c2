//! `unbacked-promise`: a declared promise the current policy cannot keep.

declare_rule! {
    /// A promise's `requires` fail against the current policy.
    ///
    /// ## What it does
    /// Evaluates every `requires` of every promise that needs no figure from
    /// the copy (a promise without captures, such as "hassle-free returns")
    /// against the policies, and reports each requirement that fails, in the
    /// promise file itself — before any copy uses the promise. The primary
    /// span is the failing requirement; related spans point at every policy
    /// value it reads, with that value shown.
    ///
    /// ## Why is this bad?
    /// A promise the policy does not back is a broken promise waiting for a
    /// customer: the first time copy makes it, someone is told "our policy
    /// states…" at the counter.
    ///
    /// ## Example
    /// ```text
    /// policy returns {
    ///   restocking_fee = 15%
    /// }
    ///
    /// promise "hassle-free returns" {
    ///   says "hassle-free returns"
    ///   requires returns.restocking_fee == 0%
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Change the policy so it keeps the promise (`restocking_fee = 0%`), or
    /// stop making the promise: delete it, or weaken what it `says`.
    pub static UNBACKED_PROMISE = ("PL101", "unbacked-promise", Lint, Error);
}

use crate::eval::{evaluate, policy_values};
use crate::finding::{Finding, Label};
use crate::model::{Model, Promise, Requirement};
use crate::value::{business_days_as_calendar_days, Truth, Unit, Value};

/// Reports every requirement of a promise without captures that the policy fails.
pub fn check(model: &Model, findings: &mut Vec<Finding>) {
    for promise in model.promises.iter().filter(|p| p.captures.is_empty()) {
        for requirement in &promise.requirements {
            let truth = evaluate(&requirement.condition, &[]);
            if truth != Ok(Truth::True) {
                findings.push(finding(promise, requirement, truth));
            }
        }
    }
}

fn finding(promise: &Promise, requirement: &Requirement, truth: Result<Truth, String>) -> Finding {
    let read = policy_values(&requirement.condition);
    let facts: Vec<String> = read
        .iter()
        .map(|(path, value, _)| format!("{path} is {value}{}", calendar_note(value)))
        .collect();
    let mut message = format!(
        "promise \"{}\" is not backed by the policy: it requires `{}`",
        promise.title.value, requirement.text
    );
    let tail = join_and(&facts);
    match &truth {
        _ if facts.is_empty() => {}
        Ok(Truth::Depends) => {
            message.push_str(&format!(", which holds only on some calendars: {tail}"))
        }
        Err(reason) => message.push_str(&format!(", which cannot be decided ({reason}): {tail}")),
        Ok(_) => message.push_str(&format!(", but {tail}")),
    }
    let mut finding = Finding::hinted(
        &UNBACKED_PROMISE,
        requirement.span,
        "this requirement fails",
        message,
        format!(
            "change the policy so that `{}` holds, or stop promising \"{}\"",
            requirement.text, promise.title.value
        ),
    );
    for (path, value, defined_at) in read {
        finding = finding.with_related(Label::new(defined_at, format!("{path} is {value}")));
    }
    finding.severity = promise.severity;
    finding.why = promise.why.clone();
    finding.with_related(Label::new(promise.title.span, "the promise"))
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
