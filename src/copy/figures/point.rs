//! One figure at a place: a number, a percent, money, a duration or a time
//! of day, with its sign, currency, unit or clock as copy writes them.

use super::number::{digits, number, Number};
use super::{is_sign, words, Read, Text};
use crate::policy::pattern::CaptureType;
use crate::policy::value::{Currency, Value, Zone};

/// The figure of `kind` that starts at `at`, if one does.
pub(super) fn point(text: &Text, at: usize, kind: CaptureType) -> Option<Read> {
    match kind {
        CaptureType::Number => {
            let n = number(text, at, false)?;
            Some(read(Value::Number(n.value), n, 0))
        }
        CaptureType::Percent => percent(text, at),
        CaptureType::Money => money(text, at),
        CaptureType::Duration => duration(text, at),
        CaptureType::Time => time(text, at),
    }
}

/// A read of number `n` followed by `suffix` bytes of sign or unit.
fn read(value: Value, n: Number, suffix: usize) -> Read {
    Read {
        value,
        numbers: n.numbers,
        end: n.end + suffix,
    }
}

/// The length of whichever of `words` `text` starts with, as whole words.
fn word_among(text: &str, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|word| {
        let rest = text.strip_prefix(word)?;
        let whole = !word.ends_with(|c: char| c.is_alphanumeric())
            || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
        whole.then_some(word.len())
    })
}

/// `15%`, `15 %`, `15 percent`, `15 per cent`.
fn percent(text: &Text, at: usize) -> Option<Read> {
    let n = number(text, at, false)?;
    let suffix = word_among(&text.text[n.end..], &["%", " %", " percent", " per cent"])?;
    Some(read(Value::Percent(n.value), n, suffix))
}

/// `$50`, `€ 4,50`, `USD 20`, `50 usd`, `20€`, `1.000,00 €`, `25 dollars`,
/// `fifty euros`, `50 Euro`, `25 dólares`: currency words of the language.
fn money(text: &Text, at: usize) -> Option<Read> {
    let rest = &text.text[at..];
    let sign = |c: char| match c {
        '$' => Some(text.locale.dollar),
        c => Currency::from_sign(c),
    };
    // `$50`, `€ 20`, `usd 20`
    let before = rest
        .chars()
        .next()
        .filter(|c| is_sign(*c))
        .and_then(|c| Some((sign(c)?, c.len_utf8())))
        .or_else(|| Some((code(rest)?, 3)));
    if let Some((currency, width)) = before {
        let after = at + width;
        let after = after + usize::from(text.text[after..].starts_with(' '));
        let n = number(text, after, true).filter(|_| digits(text, after, true).is_some())?;
        return Some(read(
            Value::Money {
                amount: n.value,
                currency,
            },
            n,
            0,
        ));
    }
    // `50 usd`, `20€`, `20 €`, `25 dollars`
    let n = number(text, at, true)?;
    let tail = &text.text[n.end..];
    let spaced = tail.strip_prefix(' ').unwrap_or(tail);
    let gap = tail.len() - spaced.len();
    let written_in_digits = digits(text, at, true).is_some();
    if let Some(c) = spaced
        .chars()
        .next()
        .filter(|c| is_sign(*c) && written_in_digits)
    {
        return Some(read(
            Value::Money {
                amount: n.value,
                currency: sign(c)?,
            },
            n,
            gap + c.len_utf8(),
        ));
    }
    if gap == 0 {
        return None;
    }
    if let Some(currency) = code(spaced).filter(|_| written_in_digits) {
        return Some(read(
            Value::Money {
                amount: n.value,
                currency,
            },
            n,
            gap + 3,
        ));
    }
    let (word, currency) = text
        .words()
        .currencies
        .iter()
        .find(|(word, _)| word_among(spaced, &[word]).is_some())?;
    let currency = match currency {
        Some(code) => Currency::from_code(code)?,
        None => text.locale.dollar,
    };
    Some(read(
        Value::Money {
            amount: n.value,
            currency,
        },
        n,
        gap + word.len(),
    ))
}

/// A three-letter currency code at the start of `text`, as a whole word.
fn code(text: &str) -> Option<Currency> {
    let code = text.get(..3)?;
    let boundary = text[3..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    Currency::from_code(&code.to_ascii_uppercase()).filter(|_| boundary)
}

/// `3 days`, `2 weeks`, `48 hours`, `3 business days`, `5 working days`,
/// `30 calendar days`, `1-year`, `3 jours ouvrés`, `5 Werktage`, `10 giorni
/// lavorativi`, `2 días hábiles`: unit words of the language.
fn duration(text: &Text, at: usize) -> Option<Read> {
    let n = number(text, at, false)?;
    let rest = text.text[n.end..].strip_prefix(' ')?;
    let (unit, length) = words::unit(rest, text.words())?;
    Some(read(
        Value::Duration {
            amount: n.value,
            unit,
        },
        n,
        1 + length,
    ))
}

/// A time of day: `2 pm`, `2pm`, `2:30 p.m.`, `14:00`, `14h`, `14h30`,
/// `noon`, `midnight`, then a time zone if one follows (`EST`, `CET`).
/// `midnight` is the end of the day, as in a policy value: "order by
/// midnight" is a deadline at 24:00, not at 00:00.
fn time(text: &Text, at: usize) -> Option<Read> {
    let s = text.text;
    let (minutes, numbers, end) = if let Some(length) = word_among(&s[at..], &["noon"]) {
        (12 * 60, at..at + length, at + length)
    } else if let Some(length) = word_among(&s[at..], &["midnight"]) {
        (24 * 60, at..at + length, at + length)
    } else {
        clock(s, at)?
    };
    let zone = s[end..].strip_prefix(' ').and_then(|rest| {
        let length = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let boundary = rest[length..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        Some((
            Zone::from_name(&rest[..length]).filter(|_| boundary && length > 0)?,
            length,
        ))
    });
    let (zone, end) = match zone {
        Some((zone, length)) => (Some(zone), end + 1 + length),
        None => (None, end),
    };
    Some(Read {
        value: Value::Time { minutes, zone },
        numbers: std::iter::once(numbers).collect(),
        end,
    })
}

/// A time of day in digits: an hour, minutes after `:` or `h`, `am` or `pm`;
/// with the minutes where it stands and where it ends.
fn clock(s: &str, at: usize) -> Option<(u32, std::ops::Range<usize>, usize)> {
    // The digits at `from`, as a number, if there are `1..=most` of them.
    let digits = |from: usize, fewest: usize, most: usize| -> Option<(u32, usize)> {
        let length = s[from..].bytes().take_while(u8::is_ascii_digit).count();
        let end = from + length;
        (fewest..=most)
            .contains(&length)
            .then(|| s[from..end].parse().ok().map(|n| (n, end)))?
    };
    let (hour, mut end) = digits(at, 1, 2)?;
    let mut minute = None;
    let mut marked = false;
    if let Some(after) = s[end..].strip_prefix(':').map(|_| end + 1) {
        let (m, m_end) = digits(after, 2, 2)?;
        minute = Some(m);
        end = m_end;
    } else if s[end..].starts_with('h') {
        end += 1;
        marked = true;
        if let Some((m, m_end)) = digits(end, 2, 2) {
            minute = Some(m);
            end = m_end;
        }
    }
    let numbers = at..end;
    let meridiem = if marked {
        None
    } else {
        let spaced = end + usize::from(s[end..].starts_with(' '));
        ["a.m.", "p.m.", "a.m", "p.m", "am", "pm"]
            .iter()
            .find(|m| word_among(&s[spaced..], &[m]).is_some())
            .map(|m| (m.starts_with('p'), spaced + m.len()))
    };
    if minute.is_none() && !marked && meridiem.is_none() {
        // A bare number is no time of day.
        return None;
    }
    let minute = minute.unwrap_or(0);
    let hour = match meridiem {
        Some((pm, _)) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None if hour <= 23 => hour,
        None => return None,
    };
    if minute > 59 {
        return None;
    }
    let end = meridiem.map_or(end, |(_, end)| end);
    let boundary = s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some((hour * 60 + minute, numbers, end))
}
