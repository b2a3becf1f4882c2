//! Figures: the numbers, money, percents and durations a capture reads
//! from normalized copy (`30`, `thirty-five`, `1,000`, `$49.99`, `50 usd`,
//! `15%`, `2 weeks`, `3 business days`), and where the number of each
//! stands, so that a fix can replace it and leave the rest as written.

use crate::policy::pattern::CaptureType;
use crate::policy::value::{Currency, Unit, Value};
use std::ops::Range;

/// How far back a capture may start before the text that follows it.
const CAPTURE_WINDOW: usize = 48;

/// Reads a capture that ends at `at`: tries each word start in a short window
/// before it, longest first ("thirty five" before "five").
pub(super) fn capture_before(text: &str, at: usize, kind: CaptureType) -> Option<(Read, usize)> {
    let mut from = at.saturating_sub(CAPTURE_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    for (offset, c) in text[from..at].char_indices() {
        let start = from + offset;
        let word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|before| !before.is_alphanumeric());
        if !word_start || !(c.is_alphanumeric() || "$€£".contains(c)) {
            continue;
        }
        if let Some(read) = read_capture(text, start, kind) {
            if read.end == at || (read.end + 1 == at && text.as_bytes()[read.end] == b' ') {
                return Some((read, start));
            }
        }
    }
    None
}

/// A capture read from normalized text.
pub(super) struct Read {
    pub(super) value: Value,
    /// Where its number stands.
    pub(super) number: Range<usize>,
    /// Where the capture ends.
    pub(super) end: usize,
}

/// Reads a capture of `kind` at `at`.
pub(super) fn read_capture(text: &str, at: usize, kind: CaptureType) -> Option<Read> {
    let read = |value: Value, number_end: usize, end: usize| Read {
        value,
        number: at..number_end,
        end,
    };
    match kind {
        CaptureType::Number => {
            read_number(text, at).map(|(n, end)| read(Value::Number(n), end, end))
        }
        CaptureType::Percent => {
            let (n, end) = read_number(text, at)?;
            let rest = &text[end..];
            ["%", " %", " percent", " per cent"]
                .iter()
                .find(|suffix| rest.starts_with(**suffix))
                .map(|suffix| read(Value::Percent(n), end, end + suffix.len()))
        }
        CaptureType::Money => read_money(text, at),
        CaptureType::Duration => {
            let (amount, end) = read_number(text, at)?;
            let rest = text[end..].strip_prefix(' ')?;
            let (unit, length) = read_unit(rest)?;
            Some(read(
                Value::Duration { amount, unit },
                end,
                end + 1 + length,
            ))
        }
        // Read by the figures work of issue 14.
        CaptureType::Time => None,
    }
}

/// A unit word at the start of `text`: `days`, `business day`, …
fn read_unit(text: &str) -> Option<(Unit, usize)> {
    let word_end = |from: usize| {
        text[from..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.len(), |i| from + i)
    };
    let first = word_end(0);
    if &text[..first] == "business" && text[first..].starts_with(' ') {
        let second = word_end(first + 1);
        if Unit::from_word(&text[..second]) == Some(Unit::BusinessDay) {
            return Some((Unit::BusinessDay, second));
        }
    }
    Unit::from_word(&text[..first]).map(|unit| (unit, first))
}

fn read_money(text: &str, at: usize) -> Option<Read> {
    let rest = &text[at..];
    // `$50`, `€ 20`
    if let Some(sign) = rest.chars().next().filter(|c| "$€£".contains(*c)) {
        let currency = Currency::from_sign(sign)?;
        let after = at + sign.len_utf8();
        let after = if text[after..].starts_with(' ') {
            after + 1
        } else {
            after
        };
        let (amount, end) = read_digits(text, after)?;
        return Some(Read {
            value: Value::Money { amount, currency },
            number: after..end,
            end,
        });
    }
    // `50 usd`, `20€`, `20 €`
    let (amount, end) = read_digits(text, at)?;
    let tail = &text[end..];
    let spaced = tail.strip_prefix(' ').unwrap_or(tail);
    let gap = tail.len() - spaced.len();
    let money = |currency, suffix: usize| Read {
        value: Value::Money { amount, currency },
        number: at..end,
        end: end + gap + suffix,
    };
    if let Some(sign) = spaced.chars().next().filter(|c| "$€£".contains(*c)) {
        return Some(money(Currency::from_sign(sign)?, sign.len_utf8()));
    }
    let code = spaced.get(..3)?;
    let boundary = spaced[3..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    let currency =
        Currency::from_code(&code.to_ascii_uppercase()).filter(|_| gap == 1 && boundary)?;
    Some(money(currency, 3))
}

/// A number in digits (`30`, `1,000`, `2.5`) or words (`thirty-five`, normalized `thirty five`).
fn read_number(text: &str, at: usize) -> Option<(f64, usize)> {
    read_digits(text, at).or_else(|| read_number_words(text, at))
}

fn read_digits(text: &str, at: usize) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut digits = String::new();
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => digits.push(bytes[end] as char),
            // A thousands separator is followed by exactly three digits.
            b',' if !digits.is_empty()
                && bytes
                    .get(end + 1..end + 4)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit) => {}
            b'.' if !digits.is_empty()
                && !digits.contains('.')
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) =>
            {
                digits.push('.')
            }
            _ => break,
        }
        end += 1;
    }
    if digits.is_empty() {
        return None;
    }
    digits
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite())
        .map(|n| (n, end))
}

/// Number words the reader knows, shared with the writer of fixes.
pub(crate) const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
pub(crate) const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English number words up to 999: `two`, `thirty five`, `one hundred twenty`.
fn read_number_words(text: &str, at: usize) -> Option<(f64, usize)> {
    let word_at = |from: usize| -> (&str, usize) {
        let end = text[from..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.len(), |i| from + i);
        (&text[from..end], end)
    };
    let small = |from: usize| -> Option<(f64, usize)> {
        let (word, end) = word_at(from);
        if let Some(n) = UNITS.iter().position(|u| *u == word) {
            return Some((n as f64, end));
        }
        let tens = TENS.iter().position(|t| *t == word)?;
        let value = 20.0 + 10.0 * tens as f64;
        let unit = text[end..]
            .strip_prefix(' ')
            .map(|_| word_at(end + 1))
            .and_then(|(word, unit_end)| {
                let n = UNITS
                    .iter()
                    .position(|u| *u == word)
                    .filter(|&n| (1..10).contains(&n))?;
                Some((n as f64, unit_end))
            });
        Some(match unit {
            Some((n, unit_end)) => (value + n, unit_end),
            None => (value, end),
        })
    };
    let (first, end) = small(at)?;
    let hundred = " hundred";
    if text[end..].starts_with(hundred) && (1.0..10.0).contains(&first) {
        let end = end + hundred.len();
        let rest = text[end..]
            .strip_prefix(" and ")
            .map_or(end + 1, |_| end + 5);
        if let Some((rest_value, rest_end)) = text
            .get(rest..)
            .and_then(|_| small(rest))
            .filter(|(n, _)| *n >= 1.0)
        {
            return Some((first * 100.0 + rest_value, rest_end));
        }
        return Some((first * 100.0, end));
    }
    Some((first, end))
}
