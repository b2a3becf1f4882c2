//! Figures: the numbers, money, percents, durations and times of day a
//! capture reads from normalized copy, as real copy writes them, and where
//! the number of each stands, so that a fix can replace it and leave the
//! rest as written.
//!
//! A capture reads, at its place in the copy:
//! - a point (`number`, `point`): `30`, `thirty-five`, `$49.99`, `4,50 €`,
//!   `25 dollars`, `15%`, `3 business days`, `2:30 p.m. EST`, `noon`;
//! - a range of two points of one kind, low ≤ high: `3 to 5`, `3-5`, `3–5`,
//!   `between 3 and 5`, `from 3 to 5`, `3 à 5`, `entre 3 et 5`, `von 3 bis
//!   5`, with the unit, currency or percent sign written once (`3-5 days`,
//!   `$10-20`, `10–20%`) or on both ends;
//! - either, after a hedge the phrase does not write itself (`up to`,
//!   `within`, `at least`, `jusqu'à`, `bis zu`, …; `before` and `by` for a
//!   time): the hedge becomes part of the phrase and the capture binds the
//!   figure as stated ("up to 5 days" is 5 days). How a hedged or ranged
//!   figure compares with a policy is the policy stage's business.
//!
//! What `$` means, which words are numbers, units, hedges and range words
//! depend on the copy's [`Locale`]; the words around a figure are the
//! tables of [`words`].

mod number;
mod point;
#[cfg(test)]
mod tests;
mod words;

use crate::copy::normalize::{Normalized, BARRIER};
use crate::policy::language::Language;
use crate::policy::model::Model;
use crate::policy::pattern::CaptureType;
use crate::policy::value::{Currency, Decimal, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// How the copy of a file writes its figures: the language of its number
/// words and decimals, and the currency `$` stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    pub language: Language,
    /// What `$` and "dollars" mean: USD unless the touchpoint says otherwise (CAD, AUD…).
    pub dollar: Currency,
}

impl Default for Locale {
    fn default() -> Locale {
        Locale {
            language: Language::English,
            dollar: Currency::from_code("USD").expect("USD is a known currency"),
        }
    }
}

impl Locale {
    /// How the copy of a file at `path`, which `touchpoints` of `model`
    /// cover, writes its figures: in the first `language` they give, else
    /// the language its path names below the first one's folder (see
    /// [`language_of_path`]), else English; with `$` for the first `currency`
    /// they give if that is a dollar, else USD. The one rule `copy::scan`
    /// reads with and `--fix` writes with.
    pub fn of_file(model: &Model, touchpoints: &[usize], path: &Path) -> Locale {
        let touchpoints = || touchpoints.iter().map(|&t| &model.touchpoints[t]);
        let mut locale = Locale::default();
        let below = |path: &'_ Path| {
            touchpoints()
                .next()
                .and_then(|t| path.strip_prefix(&t.base).ok())
                .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
        };
        if let Some(language) = touchpoints()
            .find_map(|t| t.properties.language)
            .or_else(|| language_of_path(&below(path)))
        {
            locale.language = language;
        }
        if let Some(dollar) = touchpoints()
            .find_map(|t| t.properties.currency)
            .filter(|currency| currency.is_dollar())
        {
            locale.dollar = dollar;
        }
        locale
    }

    /// The reader of number words in this locale's language.
    fn number_words(&self) -> text2num::Language {
        match self.language {
            Language::English => text2num::Language::english(),
            Language::French => text2num::Language::french(),
            Language::German => text2num::Language::german(),
            Language::Italian => text2num::Language::italian(),
            Language::Spanish => text2num::Language::spanish(),
        }
    }
}

/// The language a path names by convention: a folder named by its code
/// (`site/fr/livraison.md`) or a second extension (`livraison.fr.md`), the
/// nearest first.
pub fn language_of_path(path: &Path) -> Option<Language> {
    let stem = path.file_stem()?.to_str()?;
    let second_extension = stem.rsplit_once('.').map(|(_, code)| code);
    let folders = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|part| part.as_os_str().to_str());
    second_extension
        .into_iter()
        .chain(folders.collect::<Vec<_>>().into_iter().rev())
        .find_map(|code| {
            (code.len() == 2)
                .then(|| Language::from_code(code))
                .flatten()
        })
}

/// Normalized copy, as the figure readers see it.
pub(crate) struct Text<'a> {
    pub(crate) text: &'a str,
    copy: &'a Normalized,
    locale: &'a Locale,
    /// The number words read at each position so far: every phrase found
    /// reads the words before and after it, its neighbours read them again,
    /// and each reading asks a range, a point and a hedge the same question.
    number_words: RefCell<HashMap<usize, Option<(Decimal, usize)>>>,
}

impl<'a> Text<'a> {
    pub(crate) fn new(copy: &'a Normalized, locale: &'a Locale) -> Text<'a> {
        Text {
            text: &copy.text,
            copy,
            locale,
            number_words: RefCell::default(),
        }
    }

    /// The number words at `at` ([`number::words`]), read once per position.
    pub(super) fn number_words(&self, at: usize) -> Option<(Decimal, usize)> {
        if let Some(&known) = self.number_words.borrow().get(&at) {
            return known;
        }
        let read = number::words(self, at);
        self.number_words.borrow_mut().insert(at, read);
        read
    }

    /// Whether the space at `at` stands for a dash in the copy.
    fn is_dash(&self, at: usize) -> bool {
        self.copy.is_dash(at)
    }

    /// The words of the copy's language around its figures.
    fn words(&self) -> &'static words::Words {
        words::of(self.locale.language)
    }
}

/// A capture read from normalized text.
#[derive(Clone, Debug)]
pub(crate) struct Read {
    pub(crate) value: Value,
    /// Where its numbers stand: one for a point, two for a range (low end
    /// first) or a contract's `thirty (30)`.
    pub(crate) numbers: Vec<Range<usize>>,
    /// Where the capture ends.
    pub(crate) end: usize,
}

/// Every reading of a `kind` capture that starts at `at`, longest first:
/// the figure stated there, a range, or either after a hedge. A duration
/// followed by a possessive apostrophe ("30 days' notice", "one week's
/// notice") is read twice, ending before the apostrophe and, just after that
/// reading, after it: a phrase that goes on ("{d} notice") reads past it, one
/// that ends at the figure quotes it without.
pub(crate) fn after(text: &Text, at: usize, kind: CaptureType) -> Vec<Read> {
    let words = text.words();
    let mut reads = Vec::new();
    let hedges = if kind == CaptureType::Time {
        words.time_hedges
    } else {
        words.hedges
    };
    let hedged = words::longest_after(text.text, at, hedges);
    for from in std::iter::once(at).chain(hedged) {
        if kind != CaptureType::Time {
            reads.extend(ranges(text, from, kind, None));
            for &(opening, joiner) in words.pairs {
                if let Some(inner) = words::word_after(text.text, from, opening) {
                    reads.extend(ranges(text, inner, kind, Some(joiner)));
                }
            }
        }
        reads.extend(point::point(text, from, kind));
    }
    reads.sort_by_key(|read| std::cmp::Reverse(read.end));
    if kind == CaptureType::Duration && words.possessive {
        reads = reads
            .into_iter()
            .flat_map(|read| {
                let past = possessive(text.text, read.end).map(|length| Read {
                    end: read.end + length,
                    ..read.clone()
                });
                std::iter::once(read).chain(past)
            })
            .collect();
    }
    reads
}

/// The length of a possessive apostrophe at `at`, after a unit word: `'`
/// after a plural in `s` ("days'"), `'s` after a singular ("week's").
fn possessive(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let length = if text[..at].ends_with('s') && rest.starts_with('\'') {
        1
    } else if rest.starts_with("'s") {
        2
    } else {
        return None;
    };
    rest[length..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(length)
}

/// How far back a capture may start before the text that follows it:
/// "between 10 business days and 20 business days".
const CAPTURE_WINDOW: usize = 80;

/// Every reading of a capture that ends at `at` (or a space before it), with
/// where it starts, the longest first ("thirty five" before "five", "3 to 5"
/// before "5"). A figure ends at `at`, so it starts at one of the few words
/// before it, read from the nearest back: the search stops at the first word
/// no figure holds ("our" in "enjoy our 30-day returns"), so a phrase found
/// costs a word or two of reading, not every word of a window.
pub(crate) fn before(text: &Text, at: usize, kind: CaptureType) -> Vec<(Read, usize)> {
    let mut from = at.saturating_sub(CAPTURE_WINDOW);
    while !text.text.is_char_boundary(from) {
        from += 1;
    }
    // No figure runs over the end of a sentence or a block.
    if let Some(end) = text.text[from..at].rfind([';', '!', '?', BARRIER]) {
        from += end
            + text.text[from + end..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    let ends_here = |read: &Read| {
        read.end == at || (read.end + 1 == at && text.text.as_bytes()[read.end] == b' ')
    };
    let mut nearest_first: Vec<Vec<(Read, usize)>> = Vec::new();
    let starts = text.text[from..at]
        .char_indices()
        .rev()
        .map(|(offset, c)| (from + offset, c))
        .filter(|&(start, _)| word_start(text.text, start))
        .take(MOST_WORDS);
    for (start, c) in starts {
        // A word no figure holds starts none either.
        if !in_figures(text, start) {
            break;
        }
        if c.is_alphanumeric() || is_sign(c) {
            let reads = after(text, start, kind).into_iter().filter(ends_here);
            nearest_first.push(reads.map(|read| (read, start)).collect());
        }
    }
    nearest_first.into_iter().rev().flatten().collect()
}

/// The most words a figure written before its phrase's words spans:
/// "between 10 business days and 20 business days".
const MOST_WORDS: usize = 8;

/// Whether the word at `at` can be part of a figure: digits, a sign or a
/// bracket, a number word, or a word of the figures of the copy's language
/// (units, hedges, range words, currencies, percents, clocks, zones).
fn in_figures(text: &Text, at: usize) -> bool {
    let rest = &text.text[at..];
    let word = &rest[..rest.find(' ').unwrap_or(rest.len())];
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word.starts_with(|c: char| !c.is_alphabetic()) || bare.is_empty() {
        return true;
    }
    words::in_vocabulary(text.locale.language, bare)
        || [
            "percent", "per", "cent", "noon", "midnight", "am", "pm", "a", "p", "m",
        ]
        .contains(&bare)
        || Currency::from_code(&bare.to_ascii_uppercase()).is_some()
        || crate::policy::value::Zone::from_name(bare).is_some()
        || text.number_words(at).is_some()
}

/// Whether a word can start at `at`: nothing alphanumeric before it.
fn word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|before| !before.is_alphanumeric())
}

/// A currency sign promiselint reads.
fn is_sign(c: char) -> bool {
    matches!(c, '$' | '€' | '£')
}

/// The ranges of `kind` at `at`: two points joined by a joiner of the
/// language (`to`, `à`, `bis`, `a`) or a dash, or after the opening of a
/// pair by its `joiner` only (`and` after "between"); the unit or currency
/// on both or on one end.
fn ranges(text: &Text, at: usize, kind: CaptureType, joiner: Option<&str>) -> Vec<Read> {
    let mut found = Vec::new();
    let money = kind == CaptureType::Money;
    // The low end as stated (`Ok`), or only its number (`Err`), to take the
    // high end's unit.
    let bare = number::number(text, at, money)
        .filter(|_| kind != CaptureType::Number)
        .map(|n| (Err(n.value), n.numbers, n.end));
    let lows = point::point(text, at, kind)
        .map(|read| (Ok(read.value), read.numbers, read.end))
        .into_iter()
        .chain(bare);
    for (low, low_numbers, low_end) in lows {
        let Some(high_at) = separator(text, low_end, joiner) else {
            continue;
        };
        let high_point = point::point(text, high_at, kind);
        let (low, high, high_numbers, high_end) = match (low, high_point) {
            (Ok(low), Some(high)) => (low, high.value, high.numbers, high.end),
            // `3-5 days`, `10–20%`: the high end's unit is the low end's too.
            (Err(low), Some(high)) => (
                high.value.with_amount(low),
                high.value,
                high.numbers,
                high.end,
            ),
            // `$10-20`: the low end's currency is the high end's too.
            (Ok(low), None) if money => {
                let Some(bare) = number::number(text, high_at, money) else {
                    continue;
                };
                let high = low.with_amount(bare.value);
                (low, high, bare.numbers, bare.end)
            }
            _ => continue,
        };
        if let Some(value) = range(low, high) {
            let mut numbers = low_numbers;
            numbers.extend(high_numbers);
            found.push(Read {
                value,
                numbers,
                end: high_end,
            });
        }
    }
    found
}

/// Where the high end of a range starts after a low end that ends at `at`:
/// after a joiner of the language (` to `) or a dash, or after the pair's
/// `joiner` only (` and ` after "between").
fn separator(text: &Text, at: usize, joiner: Option<&str>) -> Option<usize> {
    let rest = &text.text[at..];
    let joined = |joiner: &str| {
        let after = rest.strip_prefix(' ')?.strip_prefix(joiner)?;
        after.starts_with(' ').then_some(at + 1 + joiner.len() + 1)
    };
    if let Some(joiner) = joiner {
        return joined(joiner);
    }
    if let Some(high_at) = text.words().joiners.iter().find_map(|j| joined(j)) {
        return Some(high_at);
    }
    (rest.starts_with(' ') && text.is_dash(at)).then_some(at + 1)
}

/// Two points as a range: of one kind (one unit, one currency), low ≤ high.
fn range(low: Value, high: Value) -> Option<Value> {
    let (low_amount, high_amount) = (amount(&low)?, amount(&high)?);
    let same_kind = high.with_amount(low_amount) == low;
    (same_kind && low_amount <= high_amount).then(|| Value::Range(Box::new(low), Box::new(high)))
}

/// The number a figure states.
fn amount(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(amount)
        | Value::Percent(amount)
        | Value::Money { amount, .. }
        | Value::Duration { amount, .. } => Some(*amount),
        _ => None,
    }
}

/// Whether a figure stands at `at`, read or not: a digit, a currency sign
/// or a number word, after a hedge if there is one. Where one stands and no
/// reading succeeds, the figure is unreadable; where none does ("in a few
/// days"), there is no figure at all.
pub(crate) fn stands(text: &Text, at: usize, kind: CaptureType) -> bool {
    let words = text.words();
    let hedges = if kind == CaptureType::Time {
        words.time_hedges
    } else {
        words.hedges
    };
    let openings = words.pairs.iter().map(|(opening, _)| opening);
    let at = hedges
        .iter()
        .chain(openings)
        .filter_map(|hedge| words::word_after(text.text, at, hedge))
        .max()
        .unwrap_or(at);
    figure_like(text, at)
}

/// Whether `words`, where a capture of `kind` stands but reads nothing, are
/// a figure of that kind written in a way it cannot read, rather than words
/// that only start like one: a digit, and what the kind needs besides
/// (a percent sign or word, a currency, a unit, a clock). Prose says
/// "one-off" and "0 is off"; copy says "20pc off" and "5 jours".
pub(crate) fn unread_figure(words: &str, kind: CaptureType) -> bool {
    let digit_at = words.find(|c: char| c.is_ascii_digit());
    let Some(digit_at) = digit_at else {
        return false;
    };
    let after = &words[digit_at..];
    let word_after = after
        .trim_start_matches(|c: char| c.is_ascii_digit() || ",. ()".contains(c))
        .starts_with(char::is_alphabetic);
    match kind {
        CaptureType::Number => true,
        CaptureType::Percent => ["%", "per", "pc", "pct"].iter().any(|p| after.contains(p)),
        CaptureType::Money => words.chars().any(is_sign) || word_after,
        CaptureType::Duration => word_after,
        CaptureType::Time => after.contains(':') || word_after,
    }
}

/// Whether the word at `at` starts like a figure: a digit, a currency sign,
/// an opening parenthesis before one, or a number word.
pub(crate) fn figure_like(text: &Text, at: usize) -> bool {
    let rest = &text.text[at..];
    let rest = rest.strip_prefix('(').unwrap_or(rest);
    match rest.chars().next() {
        Some(c) if c.is_ascii_digit() || is_sign(c) => true,
        Some(c) if c.is_alphabetic() => text.number_words(text.text.len() - rest.len()).is_some(),
        _ => false,
    }
}
