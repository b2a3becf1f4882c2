//! Typed values: durations, money, percents, numbers, ranges and the rest,
//! what kind each is, and how they are written back.
//!
//! How two values compare is `compare` (three-valued: [`Truth`]); how a value
//! as written gets its type is `lower`. Both are re-exported here, so every
//! path into this module names the value itself.

mod compare;
mod lower;

pub use compare::{
    business_days_as_calendar_days, check_comparison, compare, least_amount, months_as_days, Truth,
};
pub use lower::{exact_number, list, lower, unknown_unit, unknown_zone};
pub use rust_decimal::Decimal;

use std::fmt;

/// A unit of time as written. Singular and plural are the same unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Minute,
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
    /// Minutes, hours, days, weeks and business days: counted in hours.
    Time,
    /// Months and years: counted in months. A month has no fixed number of
    /// days (28 to 31), so against days they compare as an interval.
    Calendar,
}

impl Unit {
    /// Every unit spelling promiselint accepts, plural first: a "did you
    /// mean" tie goes to the usual spelling. English copy is read with the
    /// same words.
    pub const SPELLINGS: &'static [(&'static str, Unit)] = &[
        ("minutes", Unit::Minute),
        ("minute", Unit::Minute),
        ("hours", Unit::Hour),
        ("hour", Unit::Hour),
        ("days", Unit::Day),
        ("day", Unit::Day),
        ("business days", Unit::BusinessDay),
        ("business day", Unit::BusinessDay),
        ("working days", Unit::BusinessDay),
        ("working day", Unit::BusinessDay),
        ("calendar days", Unit::Day),
        ("calendar day", Unit::Day),
        ("weeks", Unit::Week),
        ("week", Unit::Week),
        ("months", Unit::Month),
        ("month", Unit::Month),
        ("years", Unit::Year),
        ("year", Unit::Year),
        // Abbreviations copy writes ("24 hrs", "15 mins"), after the words.
        ("hrs", Unit::Hour),
        ("hr", Unit::Hour),
        ("mins", Unit::Minute),
        ("min", Unit::Minute),
    ];

    /// Reads a unit word, in any case: `days`, `Day`, `business days`.
    pub fn from_word(word: &str) -> Option<Unit> {
        let word = word.to_lowercase();
        Unit::SPELLINGS
            .iter()
            .find(|(spelling, _)| *spelling == word)
            .map(|&(_, unit)| unit)
    }

    /// The canonical spelling of a unit word, keeping its number: `working
    /// days` is `business days`, `calendar day` is `day`. `None` for a word
    /// that is no unit.
    pub fn canonical(word: &str) -> Option<&'static str> {
        let unit = Unit::from_word(word)?;
        Some(unit.name(word.to_lowercase().ends_with('s')))
    }

    pub fn clock(self) -> Clock {
        match self {
            Unit::Month | Unit::Year => Clock::Calendar,
            _ => Clock::Time,
        }
    }

    fn name(self, plural: bool) -> &'static str {
        let (one, many) = match self {
            Unit::Minute => ("minute", "minutes"),
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

    /// Every code promiselint knows.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        Currency::CODES.iter().copied()
    }

    /// Whether copy writes it with `$`: the US, Canadian, Australian, New
    /// Zealand, Singapore and Hong Kong dollars, and the Mexican peso.
    pub fn is_dollar(self) -> bool {
        matches!(
            self.0,
            "USD" | "CAD" | "AUD" | "NZD" | "SGD" | "HKD" | "MXN"
        )
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

/// A typed value. Amounts are exact decimals, as written: `0.1` is one
/// tenth, not the binary fraction nearest to it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(Decimal),
    Percent(Decimal),
    Money {
        amount: Decimal,
        currency: Currency,
    },
    Duration {
        amount: Decimal,
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
    /// A time of day: minutes after midnight, in a time zone if one is given
    /// (`12:00 ET`, `2 PM EST`, `noon`).
    Time {
        minutes: u32,
        zone: Option<Zone>,
    },
}

/// A time zone as copy and policies name it: `ET`, `EST`, `UTC`, `CET`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone(&'static str);

impl Zone {
    /// The zones promiselint knows, with their offsets from UTC in minutes
    /// in standard time and in daylight-saving time. Most name one of the
    /// two (`EST`, `EDT`, `CET`, `BST`), so both offsets are the same; `ET`,
    /// `CT`, `MT` and `PT` name whichever the date has, so they stand for
    /// either. Those four are all North American and change on the same
    /// dates, which `compare` relies on.
    const KNOWN: &'static [(&'static str, i32, i32)] = &[
        ("UTC", 0, 0),
        ("GMT", 0, 0),
        ("ET", -300, -240),
        ("EST", -300, -300),
        ("EDT", -240, -240),
        ("CT", -360, -300),
        ("CST", -360, -360),
        ("CDT", -300, -300),
        ("MT", -420, -360),
        ("MST", -420, -420),
        ("MDT", -360, -360),
        ("PT", -480, -420),
        ("PST", -480, -480),
        ("PDT", -420, -420),
        ("WET", 0, 0),
        ("WEST", 60, 60),
        ("BST", 60, 60),
        ("CET", 60, 60),
        ("CEST", 120, 120),
        ("EET", 120, 120),
        ("EEST", 180, 180),
    ];

    /// Reads a zone name in any case: `et`, `EST`.
    pub fn from_name(name: &str) -> Option<Zone> {
        let name = name.to_ascii_uppercase();
        Zone::KNOWN
            .iter()
            .find(|(known, _, _)| *known == name)
            .map(|(known, _, _)| Zone(known))
    }

    /// Every zone name, for "did you mean".
    pub fn names() -> impl Iterator<Item = &'static str> {
        Zone::KNOWN.iter().map(|(name, _, _)| *name)
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// The offsets from UTC, in minutes, in standard and in daylight-saving
    /// time: the same for a zone that names only one of them.
    pub fn offsets(self) -> (i32, i32) {
        Zone::KNOWN
            .iter()
            .find(|(known, _, _)| *known == self.0)
            .map(|&(_, standard, daylight)| (standard, daylight))
            .expect("a zone is one of the known ones")
    }

    /// Whether the zone stands for standard or daylight-saving time by the date.
    pub fn by_the_date(self) -> bool {
        let (standard, daylight) = self.offsets();
        standard != daylight
    }
}

/// An offset from UTC as people write it: `UTC−5`, `UTC+5:30`, `UTC`.
pub fn write_offset(minutes: i32) -> String {
    if minutes == 0 {
        return "UTC".to_owned();
    }
    let sign = if minutes < 0 { '−' } else { '+' };
    let (hours, rest) = (minutes.abs() / 60, minutes.abs() % 60);
    if rest == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{rest:02}")
    }
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
    Time,
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
            Value::Time { .. } => Kind::Time,
        }
    }

    /// The value with another amount: the same unit, currency or sign; a
    /// value with no amount is itself.
    pub fn with_amount(&self, amount: Decimal) -> Value {
        match self {
            Value::Number(_) => Value::Number(amount),
            Value::Percent(_) => Value::Percent(amount),
            Value::Money { currency, .. } => Value::Money {
                amount,
                currency: *currency,
            },
            Value::Duration { unit, .. } => Value::Duration {
                amount,
                unit: *unit,
            },
            other => other.clone(),
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
            Value::Number(n) => write!(f, "{}", n.normalize()),
            Value::Percent(n) => write!(f, "{}%", n.normalize()),
            Value::Money { amount, currency } => {
                let amount = Cents(*amount);
                match currency.sign() {
                    Some(sign) => write!(f, "{sign}{amount}"),
                    None => write!(f, "{amount} {}", currency.code()),
                }
            }
            Value::Duration { amount, unit } => write!(
                f,
                "{} {}",
                amount.normalize(),
                unit.name(*amount != Decimal::ONE)
            ),
            Value::Range(low, high) => match (&**low, &**high) {
                (
                    Value::Duration { amount, unit },
                    Value::Duration {
                        unit: high_unit, ..
                    },
                ) if unit == high_unit => {
                    write!(f, "{} to {high}", amount.normalize())
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
            Value::Time { minutes, zone } => {
                write!(f, "{:02}:{:02}", minutes / 60, minutes % 60)?;
                match zone {
                    Some(zone) => write!(f, " {}", zone.name()),
                    None => Ok(()),
                }
            }
        }
    }
}

/// An amount of money as prices are written: whole (`$50`) or with two
/// decimals (`$4.50`, not `$4.5`); an amount that is no whole number of
/// cents as it is, so that it reads back as itself.
struct Cents(Decimal);

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = self.0.normalize();
        if amount.scale() == 1 {
            write!(f, "{amount:.2}")
        } else {
            write!(f, "{amount}")
        }
    }
}

/// A test's amount, from a float literal: `exact(4.5)` is 4.5 exactly.
#[cfg(test)]
pub fn exact(n: f64) -> Decimal {
    Decimal::try_from(n).expect("a literal amount")
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
            Kind::Time => f.write_str("a time of day"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_whole_or_with_cents() {
        let money = |amount: &str, code| Value::Money {
            amount: amount.parse().unwrap(),
            currency: Currency::from_code(code).unwrap(),
        };
        assert_eq!(money("4.5", "EUR").to_string(), "€4.50");
        assert_eq!(money("49.99", "USD").to_string(), "$49.99");
        assert_eq!(money("50.00", "USD").to_string(), "$50");
        assert_eq!(money("1000.1", "CAD").to_string(), "1000.10 CAD");
        assert_eq!(money("0.125", "GBP").to_string(), "£0.125");
        assert_eq!(
            money("9007199254740993.01", "USD").to_string(),
            "$9007199254740993.01"
        );
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
