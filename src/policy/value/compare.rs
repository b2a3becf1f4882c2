//! Comparing values, and checking before any copy is read that two kinds
//! can be compared at all.
//!
//! Comparison is three-valued. Most values are exact, so a comparison is
//! simply true or false. Some are not: "7 business days" is 7 to 11
//! calendar days depending on the weekday it starts, a month is 28 to 31
//! days and a year 365 or 366, and `12:00 ET` is 16:00 or 17:00 UTC by the
//! date. Comparing such a value with one in other terms can be
//! [`Truth::Depends`]. A promise counts as kept only when its requirement is
//! true on every calendar, which is the worst case for the customer.
//!
//! A figure copy gives as a range ("3 to 5 days") is compared by its
//! weakest reading: a comparison holds if it holds for some value of the
//! range, since that is all the copy commits to.

use super::{Decimal, Kind, Unit, Value, Zone};
use crate::policy::syntax::CompareOp;
use rust_decimal::prelude::ToPrimitive;
use std::sync::OnceLock;

/// The answer of a comparison on every possible calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// True on some calendars, false on others (business days against
    /// calendar days, months against days, `ET` against `UTC`).
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

    /// The truth over several calendars, each of which decides: true when
    /// true on all of them, false when on none.
    fn on_every(truths: impl IntoIterator<Item = Truth>) -> Truth {
        let (mut all, mut any) = (true, false);
        for truth in truths {
            all &= truth == Truth::True;
            any |= truth != Truth::False;
        }
        match (all, any) {
            (true, _) => Truth::True,
            (false, false) => Truth::False,
            (false, true) => Truth::Depends,
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
    if matches!(left, Value::Range(..)) || matches!(right, Value::Range(..)) {
        return compare_some_value(left, op, right);
    }
    check_comparison(&left.kind(), op, &right.kind())?;
    if let (
        Value::Time {
            minutes: a,
            zone: za,
        },
        Value::Time {
            minutes: b,
            zone: zb,
        },
    ) = (left, right)
    {
        return Ok(compare_times((*a, *za), op, (*b, *zb)));
    }
    // One unit compares as written. Within one clock every unit converts
    // exactly, by multiplying into the smaller; across clocks, months and
    // years become the days they can span.
    let unit = |v: &Value| match v {
        Value::Duration { unit, .. } => Some(*unit),
        _ => None,
    };
    let calendar = |v: &Value| unit(v).is_some_and(|unit| unit.clock() == super::Clock::Calendar);
    let scale = if unit(left) == unit(right) {
        Scale::AsWritten
    } else if calendar(left) && calendar(right) {
        Scale::Months
    } else {
        Scale::Minutes
    };
    let too_large = || format!("{left} and {right} are too large to compare in one unit");
    let a = magnitude(left, scale).ok_or_else(too_large)?;
    let b = magnitude(right, scale).ok_or_else(too_large)?;
    Ok(match (a, b) {
        (Some(a), Some(b)) => compare_intervals(a, op, b),
        _ => {
            let equal = left == right;
            Truth::from_bool(if op == CompareOp::Ne { !equal } else { equal })
        }
    })
}

/// The least amount `value` can stand for on one scale for every kind:
/// durations in minutes (months, years and business days as the fewest
/// calendar days they span), other magnitudes as written; `None` for a value
/// that is no amount, or too large to convert. Two values that compare
/// equal have the same least amount, so it sorts values into buckets that
/// hold every value equal to one, to compare within.
pub fn least_amount(value: &Value) -> Option<Decimal> {
    match magnitude(value.min(), Scale::Minutes)?? {
        (Size::Finite(least), _) => Some(least),
        (Size::Unlimited, _) => None,
    }
}

/// A comparison with a range on either side (a figure copy gives as "3 to
/// 5 days"), which holds if it holds for some value of each range: `x <= r`
/// reads the range's high end, `x >= r` its low end, `x == r` holds when `x`
/// lies within it and `x != r` unless `x` is its only value.
fn compare_some_value(left: &Value, op: CompareOp, right: &Value) -> Result<Truth, String> {
    Ok(match op {
        CompareOp::Lt | CompareOp::Le => compare(left.min(), op, right.max())?,
        CompareOp::Gt | CompareOp::Ge => compare(left.max(), op, right.min())?,
        CompareOp::Eq => compare(left.min(), CompareOp::Le, right.max())?.and(compare(
            right.min(),
            CompareOp::Le,
            left.max(),
        )?),
        CompareOp::Ne => {
            compare(left.min(), op, right.max())?.or(compare(left.max(), op, right.min())?)
        }
        CompareOp::In => unreachable!("`in` compares list members with `==`"),
    })
}

/// Two times of the same day. A time without a zone is taken in the other's
/// zone, so only the minutes count. Across zones the times compare in UTC:
/// a zone that stands for standard or daylight time by the date (`ET`) is
/// tried with each, and two such zones change on the same dates.
fn compare_times(
    (a, a_zone): (u32, Option<Zone>),
    op: CompareOp,
    (b, b_zone): (u32, Option<Zone>),
) -> Truth {
    let utc = |minutes: u32, offset: i32| {
        let minutes = Size::Finite(Decimal::from(i64::from(minutes) - i64::from(offset)));
        (minutes, minutes)
    };
    let (Some(a_zone), Some(b_zone)) = (a_zone, b_zone) else {
        return compare_intervals(utc(a, 0), op, utc(b, 0));
    };
    if a_zone == b_zone {
        return compare_intervals(utc(a, 0), op, utc(b, 0));
    }
    let options = |zone: Zone| {
        let (standard, daylight) = zone.offsets();
        if zone.by_the_date() {
            vec![standard, daylight]
        } else {
            vec![standard]
        }
    };
    let states: Vec<(i32, i32)> = if a_zone.by_the_date() && b_zone.by_the_date() {
        let ((a_std, a_dst), (b_std, b_dst)) = (a_zone.offsets(), b_zone.offsets());
        vec![(a_std, b_std), (a_dst, b_dst)]
    } else {
        let b_options = options(b_zone);
        options(a_zone)
            .into_iter()
            .flat_map(|a_off| b_options.iter().map(move |&b_off| (a_off, b_off)))
            .collect()
    };
    Truth::on_every(
        states
            .into_iter()
            .map(|(a_off, b_off)| compare_intervals(utc(a, a_off), op, utc(b, b_off))),
    )
}

/// An amount on the scale two values are compared on; `unlimited` is more
/// than every amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Size {
    Finite(Decimal),
    Unlimited,
}

/// The unit two durations are compared in. Every conversion multiplies, so
/// none rounds; only an amount too large for a [`Decimal`] once multiplied
/// cannot be compared.
#[derive(Clone, Copy, PartialEq)]
enum Scale {
    /// Both sides are in one unit (or are no durations): amounts as written.
    AsWritten,
    /// Months and years, against each other.
    Months,
    /// Minutes, hours, days and weeks; business days, months and years as
    /// the calendar days they can span.
    Minutes,
}

/// The interval of `scale`'s units a value can stand for; `Some(None)` for
/// values that are not magnitudes, `None` for an amount too large to convert.
fn magnitude(value: &Value, scale: Scale) -> Option<Option<(Size, Size)>> {
    let point = |x: Decimal| Some(Some((Size::Finite(x), Size::Finite(x))));
    let days = |(low, high): (Decimal, Decimal)| {
        let minutes = |days: Decimal| days.checked_mul(Decimal::from(MINUTES_A_DAY));
        Some(Some((
            Size::Finite(minutes(low)?),
            Size::Finite(minutes(high)?),
        )))
    };
    match value {
        Value::Number(n) | Value::Percent(n) | Value::Money { amount: n, .. } => point(*n),
        Value::Unlimited => Some(Some((Size::Unlimited, Size::Unlimited))),
        Value::Time { minutes, .. } => point(Decimal::from(*minutes)),
        Value::Duration { amount, .. } if scale == Scale::AsWritten => point(*amount),
        Value::Duration { amount, unit } => match (unit, scale) {
            (Unit::Month, Scale::Months) => point(*amount),
            (Unit::Year, Scale::Months) => point(amount.checked_mul(Decimal::from(12))?),
            (Unit::Minute, _) => point(*amount),
            (Unit::Hour, _) => point(amount.checked_mul(Decimal::from(60))?),
            (Unit::Day, _) => point(amount.checked_mul(Decimal::from(MINUTES_A_DAY))?),
            (Unit::Week, _) => point(amount.checked_mul(Decimal::from(7 * MINUTES_A_DAY))?),
            (Unit::Month, _) => days(months_as_days(*amount)?),
            (Unit::Year, _) => days(months_as_days(amount.checked_mul(Decimal::from(12))?)?),
            (Unit::BusinessDay, _) => days(business_days_as_calendar_days(*amount)?),
        },
        _ => Some(None),
    }
}

const MINUTES_A_DAY: i64 = 24 * 60;

/// The fewest and most calendar days that `n` business days can span,
/// counting from any day of the week with Saturdays and Sundays off: starting
/// on a Sunday, 5 business days end on Friday (5 days); starting on a Friday
/// they end on the next Friday (7 days). Public holidays are not counted.
/// `None` for more days than a [`Decimal`] holds.
pub fn business_days_as_calendar_days(n: Decimal) -> Option<(Decimal, Decimal)> {
    // Weeks begun, as `x / 5` rounded: a fifth is a finite decimal, so
    // multiplying by 0.2 is exact.
    let fifth = |x: Decimal| x.checked_mul(Decimal::new(2, 1));
    let two = Decimal::TWO;
    let fewest =
        n.checked_add(two.checked_mul(fifth(n.max(Decimal::ONE) - Decimal::ONE)?.floor())?)?;
    let most = n.checked_add(two.checked_mul(fifth(n)?.ceil())?)?;
    Some((fewest, most))
}

/// Months in the Gregorian calendar's cycle of 400 years, and its days.
const CYCLE_MONTHS: usize = 4800;
const CYCLE_DAYS: i64 = 146_097;

/// The fewest and most days that `n` months span: whole months are as many
/// consecutive calendar months, from any month of any year (1 month is 28
/// to 31 days, 6 are 181 to 184, 12 are 365 to 366); a fraction of a month
/// adds that fraction of 28 to 31 days. `None` for more days than a
/// [`Decimal`] holds.
pub fn months_as_days(n: Decimal) -> Option<(Decimal, Decimal)> {
    let n = n.max(Decimal::ZERO);
    let whole = n.trunc();
    let fraction = n - whole;
    let rest = whole % Decimal::from(CYCLE_MONTHS);
    // `whole - rest` is a multiple of the cycle: the division is exact.
    let cycles = (whole - rest) / Decimal::from(CYCLE_MONTHS);
    let rest = rest.to_usize().expect("a remainder below the cycle");
    let starts = month_starts();
    let spans = (0..CYCLE_MONTHS).map(|first| starts[first + rest] - starts[first]);
    let (fewest, most) = spans.fold((u32::MAX, 0), |(low, high), days| {
        (low.min(days), high.max(days))
    });
    let base = cycles.checked_mul(Decimal::from(CYCLE_DAYS))?;
    let days = |whole: u32, fraction_of: i64| {
        base.checked_add(Decimal::from(whole))?
            .checked_add(fraction * Decimal::from(fraction_of))
    };
    Some((days(fewest, 28)?, days(most, 31)?))
}

/// The day each month of two 400-year cycles starts on, counted from the
/// first; one more entry for the end of the last month.
fn month_starts() -> &'static [u32] {
    static STARTS: OnceLock<Vec<u32>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let leap = |year: usize| year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let mut starts = vec![0];
        let mut day = 0;
        for month in 0..2 * CYCLE_MONTHS {
            let year = month / 12;
            day += match month % 12 {
                1 if leap(year % 400) => 29,
                1 => 28,
                3 | 5 | 8 | 10 => 30,
                _ => 31,
            };
            starts.push(day);
        }
        starts
    })
}

/// True when the comparison holds for every pair of points in the intervals,
/// false when it holds for none.
fn compare_intervals(
    (a_low, a_high): (Size, Size),
    op: CompareOp,
    (b_low, b_high): (Size, Size),
) -> Truth {
    let all_and_any = |holds: fn(Size, Size) -> bool| {
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
    use crate::policy::value::{exact, Currency, Zone};

    fn days(n: f64) -> Value {
        Value::Duration {
            amount: exact(n),
            unit: Unit::Day,
        }
    }

    fn business(n: f64) -> Value {
        Value::Duration {
            amount: exact(n),
            unit: Unit::BusinessDay,
        }
    }

    #[test]
    fn exact_units_convert() {
        let hours = Value::Duration {
            amount: exact(48.0),
            unit: Unit::Hour,
        };
        let weeks = Value::Duration {
            amount: exact(2.0),
            unit: Unit::Week,
        };
        assert_eq!(compare(&hours, CompareOp::Eq, &days(2.0)), Ok(Truth::True));
        assert_eq!(compare(&weeks, CompareOp::Eq, &days(14.0)), Ok(Truth::True));
        assert_eq!(compare(&weeks, CompareOp::Lt, &days(30.0)), Ok(Truth::True));
        let year = Value::Duration {
            amount: exact(1.0),
            unit: Unit::Year,
        };
        let months = Value::Duration {
            amount: exact(12.0),
            unit: Unit::Month,
        };
        assert_eq!(compare(&year, CompareOp::Eq, &months), Ok(Truth::True));
        let minutes = Value::Duration {
            amount: exact(90.0),
            unit: Unit::Minute,
        };
        let half_days = Value::Duration {
            amount: exact(1.5),
            unit: Unit::Hour,
        };
        assert_eq!(
            compare(&minutes, CompareOp::Eq, &half_days),
            Ok(Truth::True)
        );
    }

    fn months(n: f64) -> Value {
        Value::Duration {
            amount: exact(n),
            unit: Unit::Month,
        }
    }

    fn years(n: f64) -> Value {
        Value::Duration {
            amount: exact(n),
            unit: Unit::Year,
        }
    }

    #[test]
    fn months_span_the_days_of_consecutive_calendar_months() {
        let months_as_days = |n: f64| {
            let (low, high) = months_as_days(exact(n)).unwrap();
            (low.to_f64().unwrap(), high.to_f64().unwrap())
        };
        assert_eq!(months_as_days(1.0), (28.0, 31.0));
        assert_eq!(months_as_days(2.0), (59.0, 62.0));
        assert_eq!(months_as_days(6.0), (181.0, 184.0));
        assert_eq!(months_as_days(12.0), (365.0, 366.0));
        assert_eq!(months_as_days(48.0), (1460.0, 1461.0));
        assert_eq!(months_as_days(0.5), (14.0, 15.5));
        // Past a 400-year cycle the cycle's days add up exactly.
        let (low, high) = months_as_days(4812.0);
        assert_eq!((low, high), (146_097.0 + 365.0, 146_097.0 + 366.0));
    }

    #[test]
    fn months_and_years_against_days_depend_on_the_calendar() {
        // The cases: a 365-day policy against a "1-year" promise,
        // and 180 days against "6 months".
        assert_eq!(
            compare(&days(365.0), CompareOp::Ge, &years(1.0)),
            Ok(Truth::Depends)
        );
        assert_eq!(
            compare(&days(366.0), CompareOp::Ge, &years(1.0)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&years(1.0), CompareOp::Ge, &days(365.0)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&days(180.0), CompareOp::Ge, &months(6.0)),
            Ok(Truth::False)
        );
        assert_eq!(
            compare(&days(180.0), CompareOp::Le, &months(6.0)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&days(30.0), CompareOp::Eq, &months(1.0)),
            Ok(Truth::Depends)
        );
        assert_eq!(
            compare(&days(32.0), CompareOp::Ne, &months(1.0)),
            Ok(Truth::True)
        );
        let weeks = Value::Duration {
            amount: exact(5.0),
            unit: Unit::Week,
        };
        assert_eq!(
            compare(&weeks, CompareOp::Gt, &months(1.0)),
            Ok(Truth::True)
        );
        // Business days against months: both stand for several day counts.
        assert_eq!(
            compare(&business(21.0), CompareOp::Le, &months(1.0)),
            Ok(Truth::Depends)
        );
        assert_eq!(
            compare(&business(10.0), CompareOp::Le, &months(1.0)),
            Ok(Truth::True)
        );
        // Months against years stay exact.
        assert_eq!(
            compare(&months(18.0), CompareOp::Gt, &years(1.0)),
            Ok(Truth::True)
        );
        assert!(check_comparison(
            &Kind::Duration(Some(crate::policy::value::Clock::Calendar)),
            CompareOp::Ge,
            &Kind::Duration(Some(crate::policy::value::Clock::Time))
        )
        .is_ok());
    }

    fn at(text: &str, zone: Option<&str>) -> Value {
        let (hours, minutes) = text.split_once(':').unwrap();
        Value::Time {
            minutes: hours.parse::<u32>().unwrap() * 60 + minutes.parse::<u32>().unwrap(),
            zone: zone.map(|name| Zone::from_name(name).unwrap()),
        }
    }

    #[test]
    fn times_compare_within_a_day_and_across_zones() {
        assert_eq!(
            compare(&at("14:00", None), CompareOp::Lt, &at("14:30", None)),
            Ok(Truth::True)
        );
        // Without a zone, a time is taken in the other's zone.
        assert_eq!(
            compare(&at("12:00", Some("ET")), CompareOp::Eq, &at("12:00", None)),
            Ok(Truth::True)
        );
        // Fixed zones convert exactly: 12:00 EST is 17:00 UTC.
        assert_eq!(
            compare(
                &at("12:00", Some("EST")),
                CompareOp::Eq,
                &at("17:00", Some("UTC"))
            ),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(
                &at("12:00", Some("PST")),
                CompareOp::Gt,
                &at("14:00", Some("EST"))
            ),
            Ok(Truth::True)
        );
        // ET is EST or EDT by the date: 12:00 ET is 16:00 or 17:00 UTC.
        assert_eq!(
            compare(
                &at("12:00", Some("ET")),
                CompareOp::Eq,
                &at("17:00", Some("UTC"))
            ),
            Ok(Truth::Depends)
        );
        assert_eq!(
            compare(
                &at("12:00", Some("ET")),
                CompareOp::Le,
                &at("17:00", Some("GMT"))
            ),
            Ok(Truth::True)
        );
        // Two zones that change on the same dates keep their difference.
        assert_eq!(
            compare(
                &at("12:00", Some("ET")),
                CompareOp::Eq,
                &at("9:00", Some("PT"))
            ),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(
                &at("12:00", Some("ET")),
                CompareOp::Eq,
                &at("12:00", Some("ET"))
            ),
            Ok(Truth::True)
        );
        // European summer time against US daylight time: CEST is UTC+2.
        assert_eq!(
            compare(
                &at("18:00", Some("CEST")),
                CompareOp::Eq,
                &at("12:00", Some("EDT"))
            ),
            Ok(Truth::True)
        );
        assert!(compare(&at("12:00", None), CompareOp::Lt, &days(1.0)).is_err());
        assert!(check_comparison(&Kind::Time, CompareOp::Le, &Kind::Number).is_err());
    }

    fn range(low: Value, high: Value) -> Value {
        Value::Range(Box::new(low), Box::new(high))
    }

    #[test]
    fn a_range_from_copy_holds_if_some_value_of_it_does() {
        let three_to_five = range(days(3.0), days(5.0));
        // "ships in 3 to 5 days" promises at most 5: a 7-day maximum breaks it.
        assert_eq!(
            compare(&days(7.0), CompareOp::Le, &three_to_five),
            Ok(Truth::False)
        );
        assert_eq!(
            compare(&days(5.0), CompareOp::Le, &three_to_five),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&days(4.0), CompareOp::Lt, &three_to_five),
            Ok(Truth::True)
        );
        // "10 to 20% off" promises at least 10%.
        let ten_to_twenty = range(Value::Percent(exact(10.0)), Value::Percent(exact(20.0)));
        assert_eq!(
            compare(&Value::Percent(exact(10.0)), CompareOp::Ge, &ten_to_twenty),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&Value::Percent(exact(5.0)), CompareOp::Ge, &ten_to_twenty),
            Ok(Truth::False)
        );
        assert_eq!(
            compare(&Value::Percent(exact(15.0)), CompareOp::Gt, &ten_to_twenty),
            Ok(Truth::True)
        );
        // The range on the left reads the other way round.
        assert_eq!(
            compare(&three_to_five, CompareOp::Ge, &days(5.0)),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&three_to_five, CompareOp::Le, &days(2.0)),
            Ok(Truth::False)
        );
        // `==` holds within the range, `!=` unless the value is its only one.
        assert_eq!(
            compare(&days(4.0), CompareOp::Eq, &three_to_five),
            Ok(Truth::True)
        );
        assert_eq!(
            compare(&days(6.0), CompareOp::Eq, &three_to_five),
            Ok(Truth::False)
        );
        assert_eq!(
            compare(&days(3.0), CompareOp::Ne, &three_to_five),
            Ok(Truth::True)
        );
        let only_five = range(days(5.0), days(5.0));
        assert_eq!(
            compare(&days(5.0), CompareOp::Ne, &only_five),
            Ok(Truth::False)
        );
        // Other units convert as single values do.
        let weeks = Value::Duration {
            amount: exact(1.0),
            unit: Unit::Week,
        };
        assert_eq!(
            compare(&weeks, CompareOp::Le, &three_to_five),
            Ok(Truth::False)
        );
        assert_eq!(
            compare(&business(5.0), CompareOp::Le, &range(days(3.0), days(6.0))),
            Ok(Truth::Depends)
        );
        // Membership: some value of the range is in the list.
        let listed = Value::List(vec![days(4.0), days(9.0)]);
        assert_eq!(
            compare(&three_to_five, CompareOp::In, &listed),
            Ok(Truth::True)
        );
        // Currencies still do not convert.
        let dollars = Value::Money {
            amount: exact(10.0),
            currency: Currency::from_code("USD").unwrap(),
        };
        let euros = |amount| Value::Money {
            amount: exact(amount),
            currency: Currency::from_code("EUR").unwrap(),
        };
        assert!(compare(&dollars, CompareOp::Le, &range(euros(5.0), euros(9.0))).is_err());
        // A whole policy range is still a type error before any copy is read.
        assert!(check_comparison(
            &Kind::Range(Box::new(Kind::Percent)),
            CompareOp::Le,
            &Kind::Percent
        )
        .is_err());
    }

    #[test]
    fn business_days_span_weekends() {
        for (n, fewest, most) in [
            (1.0, 1.0, 3.0),
            (5.0, 5.0, 7.0),
            (6.0, 8.0, 10.0),
            (7.0, 9.0, 11.0),
            (0.0, 0.0, 0.0),
        ] {
            assert_eq!(
                business_days_as_calendar_days(exact(n)),
                Some((exact(fewest), exact(most))),
                "{n}"
            );
        }
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
            compare(&Value::Number(exact(3.0)), CompareOp::Lt, &Value::Unlimited),
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
            amount: exact(amount),
            currency: Currency::from_code("USD").unwrap(),
        };
        let eur = Value::Money {
            amount: exact(20.0),
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
