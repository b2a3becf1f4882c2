//! Numbers as copy writes them: in digits, with the separators of its
//! language (`1,000.50`, `1.000,50`, `4,50`, `1 000`), in words of its
//! language (`thirty-five`, `trente-cinq`, `fünfunddreißig`), or both, as
//! contracts write them (`thirty (30)`, `45 (forty-five)`).
//!
//! Separators: of two kinds of separator the last one is the decimal mark
//! and the other groups thousands; a separator that appears twice or more
//! groups thousands; a lone comma before one or two digits is a decimal
//! comma; a lone comma before exactly three digits groups thousands in
//! English and is a decimal comma in French, German, Italian and Spanish; a
//! lone point before exactly three digits is a decimal point in English and
//! groups thousands in the others. A space groups thousands only in money
//! (`1 000 €`), and never where it stands for a dash (`10-200`, a range).
//! Groups after the first have exactly three digits, or the figure is
//! unreadable.
//!
//! Numbers are read exactly. One with more digits than a [`Decimal`] holds
//! (28 or so) is no figure: rounded, it could pass a check it fails, and a
//! figure that stands unread is reported as unreadable instead.

use super::Text;
use crate::policy::language::Language;
use crate::policy::value::Decimal;
use std::ops::Range;

/// A number read from copy, and where each way it is written stands: one
/// place, or two for a contract's `thirty (30)`.
pub(super) struct Number {
    pub(super) value: Decimal,
    pub(super) numbers: Vec<Range<usize>>,
    pub(super) end: usize,
}

/// Whether a number is written in digits or words.
#[derive(Clone, Copy, PartialEq)]
enum Written {
    Digits,
    Words,
}

/// A number at `at`, in digits or words, with its contract-style repetition
/// in parentheses if it has one; `None` where the two disagree
/// (`thirty (31)`), as the figure cannot be told.
pub(super) fn number(text: &Text, at: usize, money: bool) -> Option<Number> {
    let (first, written) = match digits(text, at, money) {
        Some(read) => (read, Written::Digits),
        None => (text.number_words(at)?, Written::Words),
    };
    let (value, end) = first;
    let mut read = Number {
        value,
        numbers: std::iter::once(at..end).collect(),
        end,
    };
    let Some(inside) = text.text[end..].strip_prefix(" (").map(|_| end + 2) else {
        return Some(read);
    };
    let again = match written {
        Written::Digits => text.number_words(inside),
        Written::Words => digits(text, inside, money),
    };
    let Some((again, again_end)) = again.filter(|(_, e)| text.text[*e..].starts_with(')')) else {
        return Some(read);
    };
    if again != value {
        return None;
    }
    read.numbers.push(inside..again_end);
    read.end = again_end + 1;
    Some(read)
}

/// A number in digits at `at`: `30`, `1,000`, `2.5`, `4,50`, `1.000,00`, and
/// in money `1 000`.
pub(super) fn digits(text: &Text, at: usize, money: bool) -> Option<(Decimal, usize)> {
    let bytes = text.text.as_bytes();
    let digits_from = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| from + n)
    };
    let first_end = digits_from(at);
    if first_end == at {
        return None;
    }
    // Each group of digits after the first, with the separator before it.
    let mut groups: Vec<(u8, Range<usize>)> = Vec::new();
    let mut end = first_end;
    while let Some(&separator) = bytes.get(end) {
        let grouping_space = separator == b' ' && money && !text.is_dash(end);
        if !(separator == b',' || separator == b'.' || grouping_space) {
            break;
        }
        let group_end = digits_from(end + 1);
        if group_end == end + 1 || (separator == b' ' && group_end - end - 1 != 3) {
            break;
        }
        groups.push((separator, end + 1..group_end));
        end = group_end;
    }
    let whole = &text.text[at..first_end];
    let Some(&(last, ref last_group)) = groups.last() else {
        return Decimal::from_str_exact(whole).ok().map(|n| (n, end));
    };
    let decimal = decimal_mark(&groups, last, last_group.len(), text.locale.language);
    let grouped = groups.len() - usize::from(decimal.is_some());
    let grouping_ok = groups[..grouped]
        .iter()
        .all(|(separator, group)| group.len() == 3 && Some(*separator) != decimal)
        && (grouped == 0 || whole.len() <= 3)
        && groups[..grouped].windows(2).all(|w| w[0].0 == w[1].0);
    if !grouping_ok {
        return None;
    }
    let mut plain: String = whole.to_owned();
    for (_, group) in &groups[..grouped] {
        plain.push_str(&text.text[group.clone()]);
    }
    if decimal.is_some() {
        plain.push('.');
        plain.push_str(&text.text[last_group.clone()]);
    }
    Decimal::from_str_exact(&plain).ok().map(|n| (n, end))
}

/// The decimal mark of a number whose separators are `groups`, the last of
/// them `last` before `last_len` digits; `None` if all of them group.
fn decimal_mark(
    groups: &[(u8, Range<usize>)],
    last: u8,
    last_len: usize,
    language: Language,
) -> Option<u8> {
    if last == b' ' {
        return None;
    }
    if groups.iter().any(|(separator, _)| *separator != last) {
        return Some(last);
    }
    if groups.len() > 1 || last_len != 3 {
        // `1,000,000` groups; `4,50` and `2.5` are decimals.
        return (groups.len() == 1).then_some(last);
    }
    let english = language == Language::English;
    match last {
        b',' if english => None,
        b'.' if !english => None,
        _ => Some(last),
    }
}

/// The longest run of number words at `at` in the copy's language:
/// `thirty five`, `one hundred and twenty`, `vingt et un`, `treinta y cinco`.
pub(super) fn words(text: &Text, at: usize) -> Option<(Decimal, usize)> {
    /// More words than any figure copy writes in words.
    const MOST: usize = 7;
    let language = text.locale.number_words();
    let mut ends = Vec::new();
    let mut end = at;
    while ends.len() < MOST {
        let word_end = text.text[end..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.text.len(), |n| end + n);
        if word_end == end {
            break;
        }
        ends.push(word_end);
        if !text.text[word_end..].starts_with(' ') {
            break;
        }
        end = word_end + 1;
    }
    let read = |end: usize| -> Option<Decimal> {
        let digits = text2num::text2digits(&text.text[at..end], &language).ok()?;
        Decimal::from_str_exact(&digits).ok()
    };
    // A number starts with a word that is a number on its own.
    read(*ends.first()?)?;
    ends.iter().rev().find_map(|&end| Some((read(end)?, end)))
}
