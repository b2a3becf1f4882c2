//! Typed values: durations, money, percents, numbers, ranges and the rest,
//! how they are written, and how they compare.
//!
//! Comparison is three-valued. Most values are exact, so a comparison is
//! simply true or false. Business days are not: "7 business days" is 7 to 11
//! calendar days depending on the weekday it starts, so comparing it with
//! calendar days can be [`Truth::Depends`]. A promise counts as kept only when
//! its requirement is true on every calendar, which is the worst case for
//! the customer.

use crate::finding::codes::INVALID_VALUE;
use crate::finding::suggest::did_you_mean_or;
use crate::finding::Finding;
use crate::policy::syntax::{CompareOp, Ident, ValueNode, ValueNodeKind};
use crate::source::Span;
use std::fmt;

/// A unit of time as written. Singular and plural are the same unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Hour,
    Day,
    BusinessDay,
    Week,
    Month,
    Year,
}

/// Which units convert into each other exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Hours, days, weeks and business days: counted in hours.
    Time,
    /// Months and years: counted in months. A month has no fixed number of days.
    Calendar,
}

impl Unit {
    /// Every unit spelling promiselint accepts, plural first: a "did you
    /// mean" tie goes to the usual spelling.
    const SPELLINGS: &'static [(&'static str, Unit)] = &[
        ("hours", Unit::Hour),
        ("hour", Unit::Hour),
        ("days", Unit::Day),
        ("day", Unit::Day),
        ("business days", Unit::BusinessDay),
        ("business day", Unit::BusinessDay),
        ("weeks", Unit::Week),
        ("week", Unit::Week),
        ("months", Unit::Month),
        ("month", Unit::Month),
        ("years", Unit::Year),
        ("year", Unit::Year),
    ];

    /// Reads a unit word, in any case: `days`, `Day`, `business days`.
    pub fn from_word(word: &str) -> Option<Unit> {
        let word = word.to_lowercase();
        Unit::SPELLINGS
            .iter()
            .find(|(spelling, _)| *spelling == word)
            .map(|&(_, unit)| unit)
    }

    pub fn clock(self) -> Clock {
        match self {
            Unit::Month | Unit::Year => Clock::Calendar,
            _ => Clock::Time,
        }
    }

    fn name(self, plural: bool) -> &'static str {
        let (one, many) = match self {
            Unit::Hour => ("hour", "hours"),
            Unit::Day => ("day", "days"),
            Unit::BusinessDay => ("business day", "business days"),
            Unit::Week => ("week", "weeks"),
            Unit::Month => ("month", "months"),
            Unit::Year => ("year", "years"),
        };
        if plural {
            many
        } else {
            one
        }
    }
}

/// A three-letter currency code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency(&'static str);

impl Currency {
    /// The codes promiselint knows; `$`, `€` and `£` are USD, EUR and GBP.
    const CODES: &'static [&'static str] = &[
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "HKD", "SGD", "INR", "SEK",
        "NOK", "DKK", "PLN", "CZK", "HUF", "MXN", "BRL", "ZAR", "KRW", "TRY", "ILS", "AED",
    ];

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::CODES
            .iter()
            .find(|known| **known == code)
            .map(|known| Currency(known))
    }

    pub fn from_sign(sign: char) -> Option<Currency> {
        match sign {
            '$' => Some(Currency("USD")),
            '€' => Some(Currency("EUR")),
            '£' => Some(Currency("GBP")),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    fn sign(self) -> Option<char> {
        match self.0 {
            "USD" => Some('$'),
            "EUR" => Some('€'),
            "GBP" => Some('£'),
            _ => None,
        }
    }
}

/// A typed value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Percent(f64),
    Money {
        amount: f64,
        currency: Currency,
    },
    Duration {
        amount: f64,
        unit: Unit,
    },
    /// Both ends of one kind, low ≤ high.
    Range(Box<Value>, Box<Value>),
    Boolean(bool),
    Text(String),
    /// One kind of element.
    List(Vec<Value>),
    /// Greater than every number and duration ("lifetime warranty").
    Unlimited,
}

/// What a value is, for type checking before any copy is read. `None` in a
/// currency or clock means "known only once copy supplies the figure".
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Number,
    Percent,
    Money(Option<Currency>),
    Duration(Option<Clock>),
    Range(Box<Kind>),
    Boolean,
    Text,
    /// `None` for an empty list.
    List(Option<Box<Kind>>),
    Unlimited,
}

impl Value {
    pub fn kind(&self) -> Kind {
        match self {
            Value::Number(_) => Kind::Number,
            Value::Percent(_) => Kind::Percent,
            Value::Money { currency, .. } => Kind::Money(Some(*currency)),
            Value::Duration { unit, .. } => Kind::Duration(Some(unit.clock())),
            Value::Range(low, _) => Kind::Range(Box::new(low.kind())),
            Value::Boolean(_) => Kind::Boolean,
            Value::Text(_) => Kind::Text,
            Value::List(items) => Kind::List(items.first().map(|item| Box::new(item.kind()))),
            Value::Unlimited => Kind::Unlimited,
        }
    }

    /// `.min` of a range is its low end; of a single value, the value itself.
    pub fn min(&self) -> &Value {
        match self {
            Value::Range(low, _) => low,
            other => other,
        }
    }

    /// `.max` of a range is its high end; of a single value, the value itself.
    pub fn max(&self) -> &Value {
        match self {
            Value::Range(_, high) => high,
            other => other,
        }
    }
}

impl fmt::Display for Value {
    /// Writes the value in promise-file syntax, so it parses back to itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Percent(n) => write!(f, "{n}%"),
            Value::Money { amount, currency } => match currency.sign() {
                Some(sign) => write!(f, "{sign}{amount}"),
                None => write!(f, "{amount} {}", currency.code()),
            },
            Value::Duration { amount, unit } => write!(f, "{amount} {}", unit.name(*amount != 1.0)),
            Value::Range(low, high) => match (&**low, &**high) {
                (
                    Value::Duration { amount, unit },
                    Value::Duration {
                        unit: high_unit, ..
                    },
                ) if unit == high_unit => {
                    write!(f, "{amount} to {high}")
                }
                _ => write!(f, "{low} to {high}"),
            },
            Value::Boolean(true) => f.write_str("yes"),
            Value::Boolean(false) => f.write_str("no"),
            Value::Text(text) => write_quoted(f, text),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Unlimited => f.write_str("unlimited"),
        }
    }
}

fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '{' => f.write_str("\\{")?,
            '}' => f.write_str("\\}")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for Kind {
    /// Names a kind the way a message needs it: "a duration", "money in EUR".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Number => f.write_str("a number"),
            Kind::Percent => f.write_str("a percent"),
            Kind::Money(Some(currency)) => write!(f, "money in {}", currency.code()),
            Kind::Money(None) => f.write_str("money"),
            Kind::Duration(Some(Clock::Calendar)) => f.write_str("a duration in months or years"),
            Kind::Duration(_) => f.write_str("a duration"),
            Kind::Range(of) => write!(f, "a range of {}", strip_article(&of.to_string())),
            Kind::Boolean => f.write_str("a yes/no value"),
            Kind::Text => f.write_str("text"),
            Kind::List(Some(of)) => write!(f, "a list of {}", strip_article(&of.to_string())),
            Kind::List(None) => f.write_str("an empty list"),
            Kind::Unlimited => f.write_str("`unlimited`"),
        }
    }
}

fn strip_article(text: &str) -> String {
    let bare = text.trim_start_matches("a ").trim_start_matches("an ");
    match bare {
        "number" | "percent" | "duration" => format!("{bare}s"),
        other => other.to_owned(),
    }
}

// ---------------------------------------------------------------- comparing

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
        Value::Duration { amount, unit } => match unit {
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

// ---------------------------------------------------------------- from syntax

/// Gives a written value its type, reporting what is malformed into `errors`.
/// `None` when the value is unusable (already reported).
pub fn lower(node: &ValueNode, errors: &mut Vec<Finding>) -> Option<Value> {
    match &node.kind {
        ValueNodeKind::Number(text) => number(text, node.span, errors).map(Value::Number),
        ValueNodeKind::Percent(text) => number(text, node.span, errors).map(Value::Percent),
        ValueNodeKind::Money { sign, amount } => {
            let currency = Currency::from_sign(*sign)?;
            let amount = number(amount, node.span, errors)?;
            Some(Value::Money { amount, currency })
        }
        ValueNodeKind::Quantity {
            amount,
            unit,
            spaced,
        } => {
            let kind = if let Some(unit) = Unit::from_word(&unit.name) {
                Some(Ok(unit))
            } else {
                Currency::from_code(&unit.name).map(Err)
            };
            let Some(kind) = kind else {
                if unit.name.starts_with("business ") {
                    return invalid(
                        errors,
                        unit.span,
                        "not a unit",
                        format!(
                            "`{}` is not a unit: only days can be business days",
                            unit.name
                        ),
                        "write `business days`, or the unit without `business`".to_owned(),
                    );
                }
                let looks_like_code =
                    unit.name.len() == 3 && unit.name.chars().all(|c| c.is_ascii_uppercase());
                if !looks_like_code {
                    errors.push(unknown_unit(unit));
                    return None;
                }
                return invalid(
                    errors,
                    unit.span,
                    "unknown currency code",
                    format!("unknown currency code `{}`", unit.name),
                    "write the amount with `$`, `€` or `£`, or a known code such as `USD`"
                        .to_owned(),
                );
            };
            if !spaced {
                return invalid(
                    errors,
                    node.span,
                    "no space before the unit",
                    format!(
                        "`{amount}{}` needs a space between the number and the unit",
                        unit.name
                    ),
                    format!("write `{amount} {}`", unit.name),
                );
            }
            let amount = number(amount, node.span, errors)?;
            Some(match kind {
                Ok(unit) => Value::Duration { amount, unit },
                Err(currency) => Value::Money { amount, currency },
            })
        }
        ValueNodeKind::Range(low_node, high_node) => {
            let high = lower(high_node, errors)?;
            let low = match (&low_node.kind, &high) {
                // `5 to 7 business days`: the low end takes the high end's unit.
                (ValueNodeKind::Number(text), Value::Duration { unit, .. }) => Value::Duration {
                    amount: number(text, low_node.span, errors)?,
                    unit: *unit,
                },
                (ValueNodeKind::Number(text), Value::Money { currency, .. }) => Value::Money {
                    amount: number(text, low_node.span, errors)?,
                    currency: *currency,
                },
                (ValueNodeKind::Number(text), Value::Percent(_)) => {
                    Value::Percent(number(text, low_node.span, errors)?)
                }
                _ => lower(low_node, errors)?,
            };
            let business = |v: &Value| {
                matches!(
                    v,
                    Value::Duration {
                        unit: Unit::BusinessDay,
                        ..
                    }
                )
            };
            if low.kind() != high.kind() || business(&low) != business(&high) {
                return invalid(
                    errors,
                    node.span,
                    "ends of different kinds",
                    format!(
                        "a range runs between two values of one kind; this one runs from {} to {}",
                        low.kind(),
                        high.kind()
                    ),
                    "write both ends in the same unit, e.g. `5 to 7 business days`".to_owned(),
                );
            }
            if compare(&low, CompareOp::Gt, &high) == Ok(Truth::True) {
                return invalid(
                    errors,
                    node.span,
                    "low end above high end",
                    format!("the range runs backwards: {low} is more than {high}"),
                    "write the low end first".to_owned(),
                );
            }
            Some(Value::Range(Box::new(low), Box::new(high)))
        }
        ValueNodeKind::Boolean(value) => Some(Value::Boolean(*value)),
        ValueNodeKind::Unlimited => Some(Value::Unlimited),
        ValueNodeKind::Text(text) => Some(Value::Text(text.clone())),
        ValueNodeKind::List(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                values.push((lower(item, errors)?, item.span));
            }
            list(values, errors)
        }
    }
}

/// An unknown unit word, with the closest known unit.
pub fn unknown_unit(word: &Ident) -> Finding {
    let names = Unit::SPELLINGS.iter().map(|(spelling, _)| *spelling);
    Finding::hinted(
        &INVALID_VALUE,
        word.span,
        "unknown unit",
        format!("unknown unit `{}`", word.name),
        did_you_mean_or(
            &word.name,
            names,
            str::to_owned,
            "units are hours, days, business days, weeks, months and years",
        ),
    )
}

/// Reports an `invalid-value` finding; `None` so callers can return it.
fn invalid(
    errors: &mut Vec<Finding>,
    span: Span,
    label: &str,
    message: String,
    hint: impl Into<String>,
) -> Option<Value> {
    errors.push(Finding::hinted(&INVALID_VALUE, span, label, message, hint));
    None
}

/// Builds a list, requiring one kind of element (reported at the first stray one).
pub fn list(items: Vec<(Value, Span)>, errors: &mut Vec<Finding>) -> Option<Value> {
    if let Some(((first, _), rest)) = items.split_first() {
        if let Some((stray, span)) = rest.iter().find(|(item, _)| item.kind() != first.kind()) {
            errors.push(Finding::hinted(
                &INVALID_VALUE,
                *span,
                format!("this is {}", stray.kind()),
                format!(
                    "a list holds one kind of value; its first element is {}",
                    first.kind()
                ),
                "make every element the same kind",
            ));
            return None;
        }
    }
    Some(Value::List(
        items.into_iter().map(|(item, _)| item).collect(),
    ))
}

fn number(text: &str, span: Span, errors: &mut Vec<Finding>) -> Option<f64> {
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => Some(n),
        _ => {
            errors.push(Finding::hinted(
                &INVALID_VALUE,
                span,
                "too large",
                format!("the number `{text}` is too large"),
                "use `unlimited` for a value with no limit",
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn kinds_read_well_in_messages() {
        assert_eq!(
            Kind::Range(Box::new(Kind::Duration(Some(Clock::Time)))).to_string(),
            "a range of durations"
        );
        assert_eq!(
            Kind::Money(Currency::from_code("EUR")).to_string(),
            "money in EUR"
        );
        assert_eq!(
            Kind::List(Some(Box::new(Kind::Text))).to_string(),
            "a list of text"
        );
    }
}
