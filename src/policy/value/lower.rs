//! Lowering: a value as written in a promise file (or a YAML string read
//! with the same syntax) given its type, with every malformed value
//! reported as an `invalid-value` finding at the bytes that hold it.

use super::compare::{compare, Truth};
use super::{Currency, Decimal, Unit, Value, Zone};
use crate::finding::codes::INVALID_VALUE;
use crate::finding::suggest::did_you_mean_or;
use crate::finding::Finding;
use crate::policy::syntax::{CompareOp, Ident, TimeOfDay, ValueNode, ValueNodeKind};
use crate::source::Span;

/// Gives a written value its type, reporting what is malformed into `errors`.
/// `None` when the value is unusable (already reported).
pub fn lower(node: &ValueNode, errors: &mut Vec<Finding>) -> Option<Value> {
    match &node.kind {
        ValueNodeKind::Number(text) => exact_number(text, node.span, errors).map(Value::Number),
        ValueNodeKind::Percent(text) => exact_number(text, node.span, errors).map(Value::Percent),
        ValueNodeKind::Money { sign, amount } => {
            let currency = Currency::from_sign(*sign)?;
            let amount = exact_number(amount, node.span, errors)?;
            Some(Value::Money { amount, currency })
        }
        ValueNodeKind::Quantity {
            amount,
            unit,
            spaced,
        } => quantity(node, amount, unit, *spaced, errors),
        ValueNodeKind::Range(low_node, high_node) => range(node, low_node, high_node, errors),
        ValueNodeKind::Time { clock, zone } => time(node, clock, zone.as_ref(), errors),
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

/// A number and the word after it: `30 days` (a duration) or `50 USD`
/// (money). The word is checked before the space, so that a misspelt unit
/// is reported as such, not as a missing space.
fn quantity(
    node: &ValueNode,
    amount: &str,
    unit: &Ident,
    spaced: bool,
    errors: &mut Vec<Finding>,
) -> Option<Value> {
    let Some(kind) = unit_or_currency(unit) else {
        return unknown_quantity_word(unit, errors);
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
    let amount = exact_number(amount, node.span, errors)?;
    Some(match kind {
        Ok(unit) => Value::Duration { amount, unit },
        Err(currency) => Value::Money { amount, currency },
    })
}

/// What the word of a quantity names: `Ok` a unit of time, `Err` a currency
/// by its code; `None` neither. A unit wins, being the commoner.
fn unit_or_currency(word: &Ident) -> Option<Result<Unit, Currency>> {
    if let Some(unit) = Unit::from_word(&word.name) {
        Some(Ok(unit))
    } else {
        Currency::from_code(&word.name).map(Err)
    }
}

/// Reports the word of a quantity that is neither a unit nor a currency,
/// as what it was most likely meant to be: business weeks or months (only
/// days can be business days), a currency code (three capitals), or else a
/// unit, with the closest one. Always `None`.
fn unknown_quantity_word(unit: &Ident, errors: &mut Vec<Finding>) -> Option<Value> {
    if let Some((kind, _)) = unit.name.split_once(' ') {
        return invalid(
            errors,
            unit.span,
            "not a unit",
            format!(
                "`{}` is not a unit: only days can be {kind} days",
                unit.name
            ),
            format!("write `{kind} days`, or the unit without `{kind}`"),
        );
    }
    let looks_like_code = unit.name.len() == 3 && unit.name.chars().all(|c| c.is_ascii_uppercase());
    if !looks_like_code {
        errors.push(unknown_unit(unit));
        return None;
    }
    invalid(
        errors,
        unit.span,
        "unknown currency code",
        format!("unknown currency code `{}`", unit.name),
        "write the amount with `$`, `€` or `£`, or a known code such as `USD`".to_owned(),
    )
}

/// `low to high`: both ends of one kind (business days only with business
/// days), the low end first. The high end is lowered first, because a bare
/// low end takes its unit.
fn range(
    node: &ValueNode,
    low_node: &ValueNode,
    high_node: &ValueNode,
    errors: &mut Vec<Finding>,
) -> Option<Value> {
    let high = lower(high_node, errors)?;
    let low = range_low_end(low_node, &high, errors)?;
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

/// The low end of a range. A bare number takes the high end's unit,
/// currency or percent sign, so that `5 to 7 business days` and `10 to 20%`
/// need them written once.
fn range_low_end(low_node: &ValueNode, high: &Value, errors: &mut Vec<Finding>) -> Option<Value> {
    Some(match (&low_node.kind, high) {
        (ValueNodeKind::Number(text), Value::Duration { unit, .. }) => Value::Duration {
            amount: exact_number(text, low_node.span, errors)?,
            unit: *unit,
        },
        (ValueNodeKind::Number(text), Value::Money { currency, .. }) => Value::Money {
            amount: exact_number(text, low_node.span, errors)?,
            currency: *currency,
        },
        (ValueNodeKind::Number(text), Value::Percent(_)) => {
            Value::Percent(exact_number(text, low_node.span, errors)?)
        }
        _ => lower(low_node, errors)?,
    })
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
            "units are minutes, hours, days, business days, weeks, months and years",
        ),
    )
}

/// A time of day: `14:00`, `2:30 pm`, `noon`, in minutes after midnight.
/// `midnight` and `24:00` are the end of the day (1440), which is what a
/// cutoff or a deadline at midnight means; `00:00` and `12 am` its start.
fn time(
    node: &ValueNode,
    clock: &TimeOfDay,
    zone: Option<&Ident>,
    errors: &mut Vec<Finding>,
) -> Option<Value> {
    let minutes = match clock {
        TimeOfDay::Noon => 720,
        TimeOfDay::Midnight => 1440,
        TimeOfDay::Clock {
            hour,
            minute,
            meridiem,
        } => clock_minutes(node, hour, minute.as_deref(), meridiem.as_ref(), errors)?,
    };
    let zone = match zone {
        None => None,
        Some(name) => match Zone::from_name(&name.name) {
            Some(zone) => Some(zone),
            None => {
                errors.push(unknown_zone(name));
                return None;
            }
        },
    };
    Some(Value::Time { minutes, zone })
}

/// The minutes after midnight of `hour[:minute] [am|pm]`, or why it is no time.
fn clock_minutes(
    node: &ValueNode,
    hour: &str,
    minute: Option<&str>,
    meridiem: Option<&Ident>,
    errors: &mut Vec<Finding>,
) -> Option<u32> {
    let written = || {
        let clock = match minute {
            Some(minute) => format!("{hour}:{minute}"),
            None => hour.to_owned(),
        };
        match meridiem {
            Some(meridiem) => format!("{clock} {}", meridiem.name),
            None => clock,
        }
    };
    let bad = |errors: &mut Vec<Finding>, label: &str, why: &str, hint: &str| {
        invalid(
            errors,
            node.span,
            label,
            format!("`{}` is not a time of day: {why}", written()),
            hint.to_owned(),
        )
    };
    let minute_of_hour = match minute {
        None => 0,
        Some(text) => match text.parse::<u32>() {
            Ok(m) if text.len() == 2 && m < 60 => m,
            _ => {
                bad(
                    errors,
                    "bad minutes",
                    "minutes are two digits from 00 to 59",
                    "write the time as `HH:MM`, e.g. `14:30`",
                );
                return None;
            }
        },
    };
    let hour_of_day = hour.parse::<u32>().unwrap_or(u32::MAX);
    match meridiem {
        Some(meridiem) => {
            if !(1..=12).contains(&hour_of_day) {
                bad(
                    errors,
                    "bad hour",
                    "with am or pm the hour runs from 1 to 12",
                    "write `12 am` for the start of the day, or a 24-hour time without am or pm",
                );
                return None;
            }
            let pm = meridiem.name.to_ascii_lowercase().starts_with('p');
            Some((hour_of_day % 12 + if pm { 12 } else { 0 }) * 60 + minute_of_hour)
        }
        None if hour_of_day < 24 || (hour_of_day == 24 && minute_of_hour == 0) => {
            Some(hour_of_day * 60 + minute_of_hour)
        }
        None => {
            bad(
                errors,
                "bad hour",
                "hours run from 00 to 23 (`24:00` is the end of the day)",
                "write a 24-hour time such as `23:30`, or `midnight`",
            );
            None
        }
    }
}

/// An unknown time zone, with the closest known one.
pub fn unknown_zone(name: &Ident) -> Finding {
    Finding::hinted(
        &INVALID_VALUE,
        name.span,
        "unknown time zone",
        format!("unknown time zone `{}`", name.name),
        did_you_mean_or(
            &name.name.to_ascii_uppercase(),
            Zone::names(),
            str::to_owned,
            format!("zones are {}", Zone::names().collect::<Vec<_>>().join(", ")),
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

/// A number as written, held exactly. More digits than a [`Decimal`]
/// holds (28 or so) is an error rather than a rounding: `0.99999…9 days`
/// rounded would be a day, and `>= 1 days` would hold.
pub fn exact_number(text: &str, span: Span, errors: &mut Vec<Finding>) -> Option<Decimal> {
    let (label, message, hint) = match Decimal::from_str_exact(text) {
        Ok(n) => return Some(n),
        Err(rust_decimal::Error::Underflow) => (
            "too many decimals",
            format!("the number `{text}` has more decimal places than promiselint holds exactly"),
            "write at most 28 significant digits",
        ),
        Err(_)
            if text
                .trim_start_matches(['-', '+'])
                .starts_with(|c: char| c.is_ascii_digit()) =>
        {
            (
                "too large",
                format!("the number `{text}` is too large"),
                "use `unlimited` for a value with no limit",
            )
        }
        Err(_) => (
            "not a number",
            format!("`{text}` is not a number promiselint reads"),
            "write the number in digits, like `30` or `4.50`",
        ),
    };
    errors.push(Finding::hinted(&INVALID_VALUE, span, label, message, hint));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::parse::parse_value;
    use crate::source::Sources;

    /// `text` read with the value syntax and lowered, or the messages and
    /// hints of what is wrong with it.
    fn lowered(text: &str) -> Result<Value, Vec<String>> {
        let file = Sources::default().add("test.promise".into(), text);
        let node = parse_value(text, &|start, end| Span::new(file, start, end))
            .ok_or_else(|| vec![format!("`{text}` is no value")])?;
        let mut errors = Vec::new();
        lower(&node, &mut errors).ok_or_else(|| {
            errors
                .iter()
                .map(|e| format!("{} / {}", e.message, e.hint.clone().unwrap_or_default()))
                .collect()
        })
    }

    fn time(minutes: u32, zone: Option<&str>) -> Value {
        Value::Time {
            minutes,
            zone: zone.map(|name| Zone::from_name(name).unwrap()),
        }
    }

    #[test]
    fn times_of_day_in_every_spelling() {
        for (text, minutes, zone) in [
            ("12:00 ET", 720, Some("ET")),
            ("2 PM EST", 840, Some("EST")),
            ("2 pm est", 840, Some("EST")),
            ("2:30 pm", 870, None),
            ("2:30pm", 870, None),
            ("14:00", 840, None),
            ("9:05 a.m. CET", 545, Some("CET")),
            ("noon", 720, None),
            ("Noon PT", 720, Some("PT")),
            ("midnight", 1440, None),
            ("24:00", 1440, None),
            ("00:00", 0, None),
            ("12 am", 0, None),
            ("12 PM", 720, None),
        ] {
            assert_eq!(lowered(text), Ok(time(minutes, zone)), "{text}");
        }
    }

    #[test]
    fn a_time_prints_back_to_itself() {
        for text in ["12:00 ET", "2:30 pm", "midnight", "9:05 a.m. CET", "00:00"] {
            let value = lowered(text).unwrap();
            assert_eq!(lowered(&value.to_string()), Ok(value), "{text}");
        }
    }

    #[test]
    fn bad_times_and_zones_say_what_is_wrong() {
        let message = |text: &str| lowered(text).unwrap_err().join("\n");
        assert!(message("25:00").contains("hours run from 00 to 23"));
        assert!(message("24:30").contains("hours run from 00 to 23"));
        assert!(message("13 pm").contains("with am or pm the hour runs from 1 to 12"));
        assert!(message("0 am").contains("with am or pm the hour runs from 1 to 12"));
        assert!(message("9:60").contains("minutes are two digits from 00 to 59"));
        assert!(message("9:5").contains("minutes are two digits from 00 to 59"));
        let unknown = message("2 PM XYZ");
        assert!(unknown.contains("unknown time zone `XYZ`"), "{unknown}");
        assert!(unknown.contains("zones are UTC, GMT, ET, EST"), "{unknown}");
        assert!(message("2 PM EDTT").contains("did you mean `EDT`?"));
    }

    #[test]
    fn working_and_calendar_days_and_minutes() {
        let duration = |amount: f64, unit| Value::Duration {
            amount: Decimal::try_from(amount).unwrap(),
            unit,
        };
        assert_eq!(
            lowered("5 to 7 working days"),
            Ok(Value::Range(
                Box::new(duration(5.0, Unit::BusinessDay)),
                Box::new(duration(7.0, Unit::BusinessDay))
            ))
        );
        assert_eq!(lowered("3 Calendar Days"), Ok(duration(3.0, Unit::Day)));
        assert_eq!(
            lowered("1 working day"),
            Ok(duration(1.0, Unit::BusinessDay))
        );
        assert_eq!(lowered("15 minutes"), Ok(duration(15.0, Unit::Minute)));
        assert_eq!(lowered("1 minute"), Ok(duration(1.0, Unit::Minute)));
        // Printed back canonically.
        assert_eq!(
            lowered("5 working days").unwrap().to_string(),
            "5 business days"
        );
        assert_eq!(lowered("2 calendar days").unwrap().to_string(), "2 days");
        assert!(lowered("2 calendar weeks")
            .unwrap_err()
            .join("")
            .contains("only days can be calendar days"));
        assert!(lowered("5 minuts")
            .unwrap_err()
            .join("")
            .contains("did you mean `minutes`?"));
        assert_eq!(Unit::canonical("Working Days"), Some("business days"));
        assert_eq!(Unit::canonical("calendar day"), Some("day"));
        assert_eq!(Unit::canonical("dayz"), None);
    }
}
