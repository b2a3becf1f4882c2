//! Comparing values, and checking before any copy is read that two kinds
//! can be compared at all.
//!
//! Comparison is three-valued. Most values are exact, so a comparison is
//! simply true or false. Business days are not: "7 business days" is 7 to 11
//! calendar days depending on the weekday it starts, so comparing it with
//! calendar days can be [`Truth::Depends`]. A promise counts as kept only when
//! its requirement is true on every calendar, which is the worst case for
//! the customer.

use super::{Kind, Unit, Value};
use crate::policy::syntax::CompareOp;

/// The answer of a comparison on every possible calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// True on some calendars, false on others (business days against calendar days).
    Depends,
}

impl std::ops::Not for Truth {
    type Output = Truth;

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Depends => Truth::Depends,
        }
    }
}

impl Truth {
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Depends,
        }
    }

    pub fn or(self, other: Truth) -> Truth {
        !(!self).and(!other)
    }

    fn from_bool(value: bool) -> Truth {
        if value {
            Truth::True
        } else {
            Truth::False
        }
    }
}

/// Checks that two kinds can be compared with `op`; `Err` says why not, as a
/// whole sentence for a message.
pub fn check_comparison(left: &Kind, op: CompareOp, right: &Kind) -> Result<(), String> {
    if op == CompareOp::In {
        return match right {
            Kind::List(None) => Ok(()),
            Kind::List(Some(element)) => check_comparison(left, CompareOp::Eq, element)
                .map_err(|_| format!("`in` cannot look for {left} in {right}")),
            _ => Err(format!("`in` needs a list on its right, not {right}")),
        };
    }
    let ordered = !matches!(op, CompareOp::Eq | CompareOp::Ne);
    match (left, right) {
        (Kind::Range(_), _) | (_, Kind::Range(_)) => {
            Err("a whole range cannot be compared; compare its `.min` or `.max`".to_owned())
        }
        (Kind::Money(Some(a)), Kind::Money(Some(b))) if a != b => Err(format!(
            "cannot compare money in {} with money in {}: the currencies do not convert",
            a.code(),
            b.code()
        )),
        (Kind::Duration(Some(a)), Kind::Duration(Some(b))) if a != b => Err(
            "cannot compare months or years with hours, days or weeks: a month has no fixed number of days"
                .to_owned(),
        ),
        (Kind::Boolean | Kind::Text | Kind::List(_), _) if ordered => Err(format!(
            "`{}` does not apply to {left}; use `==` or `!=`",
            op.as_str()
        )),
        (Kind::Number, Kind::Number)
        | (Kind::Percent, Kind::Percent)
        | (Kind::Money(_), Kind::Money(_))
        | (Kind::Duration(_), Kind::Duration(_))
        | (Kind::Time, Kind::Time)
        | (Kind::Boolean, Kind::Boolean)
        | (Kind::Text, Kind::Text)
        | (Kind::Unlimited, Kind::Number | Kind::Duration(_) | Kind::Unlimited)
        | (Kind::Number | Kind::Duration(_), Kind::Unlimited) => Ok(()),
        (Kind::List(a), Kind::List(b)) if a.is_none() || b.is_none() || a == b => Ok(()),
        _ => Err(format!("cannot compare {left} with {right}")),
    }
}

/// Compares two values. `Err` when they turn out not to be comparable, which
/// type checking rules out except for figures copy supplies (a price in a
/// currency the policy does not use).
pub fn compare(left: &Value, op: CompareOp, right: &Value) -> Result<Truth, String> {
    if op == CompareOp::In {
        let Value::List(items) = right else {
            return Err(format!("`in` needs a list, not {}", right.kind()));
        };
        let mut found = Truth::False;
        for item in items {
            found = found.or(compare(left, CompareOp::Eq, item)?);
        }
        return Ok(found);
    }
    check_comparison(&left.kind(), op, &right.kind())?;
    let (a, b) = match (left, right) {
        // Both count the same kind of day: no calendar is involved.
        (
            Value::Duration {
                amount: a,
                unit: Unit::BusinessDay,
            },
            Value::Duration {
                amount: b,
                unit: Unit::BusinessDay,
            },
        ) => (Some((*a, *a)), Some((*b, *b))),
        _ => (magnitude(left), magnitude(right)),
    };
    Ok(match (a, b) {
        (Some(a), Some(b)) => compare_intervals(a, op, b),
        _ => {
            let equal = left == right;
            Truth::from_bool(if op == CompareOp::Ne { !equal } else { equal })
        }
    })
}

/// The interval of base units (hours, months, or the plain amount) a value can
/// stand for; `None` for values that are not magnitudes.
fn magnitude(value: &Value) -> Option<(f64, f64)> {
    let point = |x: f64| Some((x, x));
    match value {
        Value::Number(n) | Value::Percent(n) | Value::Money { amount: n, .. } => point(*n),
        Value::Unlimited => point(f64::INFINITY),
        Value::Time { minutes, .. } => point(*minutes),
        Value::Duration { amount, unit } => match unit {
            Unit::Minute => point(amount / 60.0),
            Unit::Hour => point(*amount),
            Unit::Day => point(amount * 24.0),
            Unit::Week => point(amount * 24.0 * 7.0),
            Unit::Month => point(*amount),
            Unit::Year => point(amount * 12.0),
            Unit::BusinessDay => {
                let (low, high) = business_days_as_calendar_days(*amount);
                Some((low * 24.0, high * 24.0))
            }
        },
        _ => None,
    }
}

/// The fewest and most calendar days that `n` business days can span,
/// counting from any day of the week with Saturdays and Sundays off: starting
/// on a Sunday, 5 business days end on Friday (5 days); starting on a Friday
/// they end on the next Friday (7 days). Public holidays are not counted.
pub fn business_days_as_calendar_days(n: f64) -> (f64, f64) {
    let fewest = n + 2.0 * ((n - 1.0).max(0.0) / 5.0).floor();
    let most = n + 2.0 * (n / 5.0).ceil();
    (fewest, most)
}

/// True when the comparison holds for every pair of points in the intervals,
/// false when it holds for none.
fn compare_intervals(
    (a_low, a_high): (f64, f64),
    op: CompareOp,
    (b_low, b_high): (f64, f64),
) -> Truth {
    let all_and_any = |holds: fn(f64, f64) -> bool| {
        let corners = [
            (a_low, b_low),
            (a_low, b_high),
            (a_high, b_low),
            (a_high, b_high),
        ];
        // For ordering, the extreme corners decide "for all" and "for some".
        let (all, some) = match op {
            CompareOp::Lt | CompareOp::Le => (holds(a_high, b_low), holds(a_low, b_high)),
            CompareOp::Gt | CompareOp::Ge => (holds(a_low, b_high), holds(a_high, b_low)),
            _ => (
                corners.iter().all(|&(a, b)| holds(a, b)),
                corners.iter().any(|&(a, b)| holds(a, b)),
            ),
        };
        match (all, some) {
            (true, _) => Truth::True,
            (false, false) => Truth::False,
            (false, true) => Truth::Depends,
        }
    };
    match op {
        CompareOp::Lt => all_and_any(|a, b| a < b),
        CompareOp::Le => all_and_any(|a, b| a <= b),
        CompareOp::Gt => all_and_any(|a, b| a > b),
        CompareOp::Ge => all_and_any(|a, b| a >= b),
        CompareOp::Eq | CompareOp::Ne => {
            let exact = a_low == a_high && b_low == b_high;
            let overlap = a_low <= b_high && b_low <= a_high;
            let equal = match (exact, overlap) {
                (true, _) => Truth::from_bool(a_low == b_low),
                (false, false) => Truth::False,
                (false, true) => Truth::Depends,
            };
            if op == CompareOp::Eq {
                equal
            } else {
                !equal
            }
        }
        CompareOp::In => unreachable!("`in` compares list members with `==`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::value::Currency;

    fn days(n: f64) -> Value {
        Value::Duration {
            amount: n,
            unit: Unit::Day,
        }
    }

    fn business(n: f64) -> Value {
        Value::Duration {
            amount: n,
            unit: Unit::BusinessDay,
        }
    }

    #[test]
    fn exact_units_convert() {
        let hours = Value::Duration {
            amount: 48.0,
            unit: Unit::Hour,
        };
        let weeks = Value::Duration {
            amount: 2.0,
            unit: Unit::Week,
        };
        assert_eq!(compare(&hours, CompareOp::Eq, &days(2.0)), Ok(Truth::True));
        assert_eq!(compare(&weeks, CompareOp::Eq, &days(14.0)), Ok(Truth::True));
        assert_eq!(compare(&weeks, CompareOp::Lt, &days(30.0)), Ok(Truth::True));
        let year = Value::Duration {
            amount: 1.0,
            unit: Unit::Year,
        };
        let months = Value::Duration {
            amount: 12.0,
            unit: Unit::Month,
        };
        assert_eq!(compare(&year, CompareOp::Eq, &months), Ok(Truth::True));
        assert!(compare(&year, CompareOp::Eq, &days(365.0)).is_err());
    }

    #[test]
    fn business_days_span_weekends() {
        assert_eq!(business_days_as_calendar_days(1.0), (1.0, 3.0));
        assert_eq!(business_days_as_calendar_days(5.0), (5.0, 7.0));
        assert_eq!(business_days_as_calendar_days(6.0), (8.0, 10.0));
        assert_eq!(business_days_as_calendar_days(7.0), (9.0, 11.0));
        assert_eq!(business_days_as_calendar_days(0.0), (0.0, 0.0));
    }

    #[test]
    fn business_days_compare_by_the_worst_case() {
        // 7 business days are 9 to 11 calendar days.
        assert_eq!(
            compare(&business(7.0), CompareOp::Le, &days(11.0)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&business(7.0), CompareOp::Le, &days(10.0)),
            Ok(Truth::Depends)
        );
        assert_eq!(
            compare(&business(7.0), CompareOp::Le, &days(8.0)),
            Ok(Truth::False)
        );
        assert_eq!(
            compare(&business(7.0), CompareOp::Eq, &days(10.0)),
            Ok(Truth::Depends)
        );
        assert_eq!(
            compare(&business(7.0), CompareOp::Ne, &days(12.0)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&business(5.0), CompareOp::Eq, &business(5.0)),
            Ok(Truth::True)
        );
        assert_eq!(!Truth::Depends, Truth::Depends);
        assert_eq!(Truth::Depends.and(Truth::False), Truth::False);
        assert_eq!(Truth::Depends.or(Truth::True), Truth::True);
    }

    #[test]
    fn unlimited_exceeds_every_duration_and_number() {
        assert_eq!(
            compare(&Value::Unlimited, CompareOp::Gt, &days(1e9)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&Value::Number(3.0), CompareOp::Lt, &Value::Unlimited),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&Value::Unlimited, CompareOp::Eq, &Value::Unlimited),
            Ok(Truth::True)
        );
    }

    #[test]
    fn money_compares_within_one_currency() {
        let usd = |amount| Value::Money {
            amount,
            currency: Currency::from_code("USD").unwrap(),
        };
        let eur = Value::Money {
            amount: 20.0,
            currency: Currency::from_sign('€').unwrap(),
        };
        assert_eq!(
            compare(&usd(50.0), CompareOp::Eq, &usd(50.0)),
            Ok(Truth::True)
        );
        assert!(compare(&usd(50.0), CompareOp::Lt, &eur)
            .unwrap_err()
            .contains("money in USD with money in EUR"));
    }

    #[test]
    fn membership_and_equality_of_text() {
        let channels = Value::List(vec![
            Value::Text("phone".into()),
            Value::Text("email".into()),
        ]);
        assert_eq!(
            compare(&Value::Text("email".into()), CompareOp::In, &channels),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&Value::Text("chat".into()), CompareOp::In, &channels),
            Ok(Truth::False)
        );
        assert!(check_comparison(&Kind::Text, CompareOp::Lt, &Kind::Text).is_err());
        assert!(check_comparison(&Kind::Number, CompareOp::In, &Kind::Duration(None)).is_err());
    }
}
