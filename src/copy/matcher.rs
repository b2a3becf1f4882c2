//! Finding phrases in copy: every `says` and `forbid` pattern of a run,
//! compiled once, searched in one pass over each file.
//!
//! Copy and patterns are first *normalized* the same way: lower case, every
//! run of white space (non-breaking spaces included) one space, every hyphen
//! and dash a space (so "hassle-free", "hassle‑free" and "hassle free" are
//! equal), curly quotes straight, invisible characters gone; a blank line or
//! a block break is a barrier no phrase crosses.
//!
//! Each pattern's longest literal piece is its *anchor*. One Aho-Corasick
//! automaton finds every anchor of every pattern; each hit is then verified
//! outward, piece by piece, reading captures (`30`, `thirty-five`, `$49.99`,
//! `15%`, `2 weeks`) where the pattern has them. Of overlapping matches the
//! longest wins, so "free shipping on orders over $50" is not also "free
//! shipping".
//!
//! A match under negation is marked, not dropped: it is no promise, but its
//! words are still there for `forbid`. Negation is a cue word — `not`, `no`,
//! `never`, `without`, a word ending in `n't`, Italian `non`, `mai`, `senza`,
//! `nessun…` — among the eight words before the match in the same clause (a
//! clause ends at `. , ; : ! ?`, a line barrier, `and` or `but`).

use crate::copy::BLOCK_BREAK;
use crate::policy::pattern::{CaptureType, Pattern, Segment};
use crate::policy::value::{Currency, Unit, Value};
use aho_corasick::{packed, AhoCorasick, AhoCorasickKind, Input, MatchKind, Span};
use std::collections::HashMap;
use std::ops::Range;

/// Normalized text, with a map back to the text it was made from.
pub struct Normalized {
    pub text: String,
    /// `(normalized offset, original offset)` wherever the two stop moving in
    /// step (a folded run of white space, a dropped or re-encoded character).
    /// Between marks one byte is one byte, so the map stays small.
    marks: Vec<(usize, usize)>,
}

/// Marks a barrier in normalized text: the end of a block or paragraph.
const BARRIER: char = '\n';

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut out = Writer {
            text: String::with_capacity(original.len()),
            marks: vec![(0, 0)],
            space: None,
        };
        let bytes = original.as_bytes();
        let mut newlines = 0;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            // Most copy is plain ASCII words between single spaces, which
            // normalize byte for byte: copy such a run whole, lower-cased.
            if PLAIN[usize::from(byte)] {
                out.end_space();
                newlines = 0;
                out.mark(at);
                at += copy_plain_run(&original[at..], &mut out.text);
                continue;
            }
            let (folded, width) = match byte {
                b'`' => (Folded::Char('\''), 1),
                // White space and hyphens: all that is not plain in ASCII.
                0..0x80 => (Folded::Space, 1),
                _ => {
                    let c = original[at..].chars().next().expect("at a char boundary");
                    (fold(c), c.len_utf8())
                }
            };
            match folded {
                Folded::Drop => {}
                Folded::Space | Folded::Barrier => {
                    newlines += usize::from(byte == b'\n');
                    let barrier = matches!(folded, Folded::Barrier) || newlines >= 2;
                    out.space = Some(match out.space {
                        Some((start, held)) => (start, held || barrier),
                        None => (at, barrier),
                    });
                }
                Folded::Char(c) => {
                    out.end_space();
                    newlines = 0;
                    if c.is_ascii() || !c.is_uppercase() {
                        out.push(c, at);
                    } else {
                        for lower in c.to_lowercase() {
                            out.push(lower, at);
                        }
                    }
                }
            }
            at += width;
        }
        out.end_space();
        Normalized {
            text: out.text,
            marks: out.marks,
        }
    }

    /// Where normalized byte `at` comes from in `original`: a character start.
    fn locate(&self, at: usize, original: &str) -> usize {
        let index = self.marks.partition_point(|&(here, _)| here <= at) - 1;
        let (here, from) = self.marks[index];
        crate::source::floor_char_boundary(original, from + (at - here))
    }

    /// The range of `original` (the text this was made from) behind normalized `range`.
    pub fn original(&self, range: Range<usize>, original: &str) -> Range<usize> {
        if range.start >= self.text.len() {
            return original.len()..original.len();
        }
        let start = self.locate(range.start, original);
        if range.end <= range.start {
            return start..start;
        }
        let last = self.locate(range.end - 1, original);
        let width = original[last..].chars().next().map_or(0, char::len_utf8);
        start..last + width
    }
}

/// Normalized text being written.
struct Writer {
    text: String,
    marks: Vec<(usize, usize)>,
    /// A pending run of white space: where it starts, and whether it holds a barrier.
    space: Option<(usize, bool)>,
}

impl Writer {
    /// Appends `c`, which stands for the original text at `from`.
    fn push(&mut self, c: char, from: usize) {
        self.mark(from);
        self.text.push(c);
    }

    /// Writes the pending white space, if any, as one space or a barrier;
    /// none at the start.
    fn end_space(&mut self) {
        if let Some((start, barrier)) = self.space.take() {
            if !self.text.is_empty() {
                self.push(if barrier { BARRIER } else { ' ' }, start);
            }
        }
    }

    /// Records where the next byte comes from, if the two texts are no longer in step.
    #[inline]
    fn mark(&mut self, from: usize) {
        let here = self.text.len();
        let &(mark_here, mark_from) = self.marks.last().expect("the first mark");
        if from < mark_from || here - mark_here != from - mark_from {
            self.marks.push((here, from));
        }
    }
}

/// Copies the plain ASCII at the start of `text`, which is plain, to `out`,
/// lower-cased, and returns its length.
#[inline]
fn copy_plain_run(text: &str, out: &mut String) -> usize {
    let end = plain_run_end(text.as_bytes());
    let start = out.len();
    out.push_str(&text[..end]);
    out[start..].make_ascii_lowercase();
    end
}

/// Where the plain run at the start of `bytes` ends: plain bytes, and
/// single spaces between them.
///
/// This is the hottest loop of a check, over every byte of copy: sixteen
/// bytes at a time while none of them may end the run, which is most of the
/// time, then a byte at a time from the first that may.
fn plain_run_end(bytes: &[u8]) -> usize {
    if bytes.first() == Some(&b' ') {
        return 0;
    }
    let mut end = 0;
    while let Some(window) = bytes.get(end..end + 17) {
        let stops = run_stops(window.try_into().expect("seventeen bytes"));
        if stops != 0 {
            return plain_run_from(bytes, end + stops.trailing_zeros() as usize / 8);
        }
        end += 16;
    }
    plain_run_from(bytes, end)
}

/// A bit for each of the first sixteen bytes of `window` that may end a plain
/// run: a byte that is not plain, or might not be (every control character),
/// unless it is a space before a plain byte.
///
/// Written without tables or early exits so that the compiler turns it into
/// a few vector comparisons and one mask: no `unsafe` is needed for SIMD.
#[inline]
fn run_stops(window: &[u8; 17]) -> u128 {
    // `|` and `&`, not `||` and `&&`: branches would keep it from vectorizing.
    let may_stop = |byte: u8| (byte <= b' ') | (byte >= 0x80) | (byte == b'-') | (byte == b'`');
    let mut stops = [0u8; 16];
    for (i, stop) in stops.iter_mut().enumerate() {
        let spaced = (window[i] == b' ') & !may_stop(window[i + 1]);
        *stop = u8::from(may_stop(window[i]) & !spaced);
    }
    u128::from_le_bytes(stops)
}

/// Where the plain run that reaches `bytes[end]` ends, a byte at a time.
fn plain_run_from(bytes: &[u8], mut end: usize) -> usize {
    while end < bytes.len() {
        if PLAIN[usize::from(bytes[end])] {
            end += 1;
        } else if bytes[end] == b' '
            && end > 0
            && bytes.get(end + 1).is_some_and(|&b| PLAIN[usize::from(b)])
        {
            end += 2;
        } else {
            break;
        }
    }
    end
}

/// ASCII that normalizes to itself, but for case: everything but white
/// space, hyphens and backticks. A table, because this is the hottest test.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x80 {
        table[byte] = !matches!(
            byte as u8,
            b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C | b'-' | b'`'
        );
        byte += 1;
    }
    table
};

enum Folded {
    Drop,
    Space,
    Barrier,
    Char(char),
}

fn fold(c: char) -> Folded {
    match c {
        BLOCK_BREAK => Folded::Barrier,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Folded::Drop,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Folded::Space,
        c if c.is_whitespace() => Folded::Space,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Folded::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Folded::Char('"'),
        c => Folded::Char(c),
    }
}

/// Normalizes a pattern's literal text the way copy is normalized, keeping
/// a leading space (copy never starts with one, but " days" after a capture does).
fn normalize_literal(text: &str) -> String {
    let normalized = Normalized::new(text).text;
    let spaced = text
        .chars()
        .next()
        .is_some_and(|c| matches!(fold(c), Folded::Space | Folded::Barrier));
    if spaced && !normalized.is_empty() {
        format!(" {normalized}")
    } else {
        normalized
    }
}

/// A pattern compiled for matching.
struct Compiled {
    pieces: Vec<Piece>,
    anchor: usize,
}

enum Piece {
    Literal(String),
    Capture { name: String, kind: CaptureType },
}

/// Which of a matcher's pattern lists a match belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub usize);

/// A pattern found in copy. Ranges are in the normalized text.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub pattern: PatternId,
    pub range: Range<usize>,
    pub captures: Vec<(String, Value)>,
    /// Where the number of each capture stands, in the order of `captures`:
    /// `60` in "60-day", `25` in "$25", `thirty five` in "thirty-five days".
    /// Only the number, so that a fix replaces it and leaves the currency
    /// sign, the percent sign or the unit as the copy wrote them.
    pub numbers: Vec<Range<usize>>,
    pub negated: bool,
}

/// Every pattern of a run, ready to search copy with.
pub struct Matcher {
    patterns: Vec<Compiled>,
    /// Anchor `i` of the automaton is the anchor of these patterns.
    anchored: Vec<Vec<usize>>,
    /// The other anchors that anchor `i` starts with, and their lengths: a
    /// leftmost-longest search reports only the longest at a position.
    prefixes: Vec<Vec<(usize, usize)>>,
    search: Search,
}

/// The anchor search: Teddy (SIMD) where the CPU and the number of anchors
/// allow it, else an Aho-Corasick DFA. Both report the leftmost-longest anchor.
enum Search {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Search {
    fn new(anchors: &[String]) -> Search {
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostLongest)
            .builder()
            .extend(anchors)
            .build();
        match packed {
            Some(searcher) if !anchors.is_empty() => Search::Packed(searcher),
            _ => Search::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(anchors)
                    .expect("literal anchors always compile"),
            ),
        }
    }

    /// The leftmost-longest anchor in `text` at or after `from`.
    fn find(&self, text: &str, from: usize) -> Option<aho_corasick::Match> {
        match self {
            Search::Packed(searcher) => searcher.find_in(text, Span::from(from..text.len())),
            Search::Automaton(automaton) => automaton.find(Input::new(text).range(from..)),
        }
    }
}

impl Matcher {
    /// Compiles `patterns`; [`Found::pattern`] indexes this slice.
    pub fn new(patterns: &[&Pattern]) -> Matcher {
        let mut anchors: Vec<String> = Vec::new();
        let mut anchored: Vec<Vec<usize>> = Vec::new();
        // Anchor text to its index: looked up, not searched, so that compiling
        // many patterns stays linear (100,000 phrases took minutes).
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut compiled = Vec::with_capacity(patterns.len());
        for (index, pattern) in patterns.iter().enumerate() {
            let pieces: Vec<Piece> = pattern
                .segments
                .iter()
                .map(|segment| match segment {
                    Segment::Literal(text) => Piece::Literal(normalize_literal(text)),
                    Segment::Capture(capture) => Piece::Capture {
                        name: capture.name.clone(),
                        kind: capture.kind,
                    },
                })
                .collect();
            let anchor = (0..pieces.len())
                .max_by_key(|&i| match &pieces[i] {
                    Piece::Literal(text) => text.trim().len(),
                    Piece::Capture { .. } => 0,
                })
                .expect("a pattern has pieces");
            let Piece::Literal(text) = &pieces[anchor] else {
                unreachable!("a pattern has words: checked when it was parsed")
            };
            let key = text.trim();
            match index_of.get(key) {
                Some(&i) => anchored[i].push(index),
                None => {
                    index_of.insert(key.to_owned(), anchors.len());
                    anchors.push(key.to_owned());
                    anchored.push(vec![index]);
                }
            }
            compiled.push(Compiled { pieces, anchor });
        }
        // Each shorter start of an anchor that is an anchor itself, by lookup:
        // the work grows with the anchors' lengths, not their number squared.
        let prefixes = anchors
            .iter()
            .map(|anchor| {
                let mut found: Vec<(usize, usize)> = (1..anchor.len())
                    .filter(|&len| anchor.is_char_boundary(len))
                    .filter_map(|len| Some((*index_of.get(&anchor[..len])?, len)))
                    .collect();
                found.sort_unstable();
                found
            })
            .collect();
        Matcher {
            patterns: compiled,
            anchored,
            prefixes,
            // Leftmost-longest skips ahead between hits; an overlapping search
            // cannot, and costs several times more.
            search: Search::new(&anchors),
        }
    }

    /// Every pattern in `copy`, overlaps resolved longest first.
    pub fn find(&self, copy: &Normalized) -> Vec<Found> {
        if self.patterns.is_empty() {
            // An automaton with nothing to find still reads every byte.
            return Vec::new();
        }
        let text = copy.text.as_str();
        let mut candidates = Vec::new();
        let mut from = 0;
        // Every anchor at every position: the longest one a search finds,
        // the anchors it starts with, then the search again one byte on.
        while let Some(hit) = self.search.find(text, from) {
            let anchor = hit.pattern().as_usize();
            let hits = std::iter::once((anchor, hit.end())).chain(
                self.prefixes[anchor]
                    .iter()
                    .map(|&(other, len)| (other, hit.start() + len)),
            );
            for (anchor, end) in hits {
                for &index in &self.anchored[anchor] {
                    if let Some(found) = self.verify(index, text, hit.start(), end) {
                        candidates.push(found);
                    }
                }
            }
            from = hit.start() + text[hit.start()..].chars().next().map_or(1, char::len_utf8);
        }
        longest_first(candidates)
    }

    /// Reads pattern `index` outward from its anchor at `start..end`.
    fn verify(&self, index: usize, text: &str, start: usize, end: usize) -> Option<Found> {
        let pattern = &self.patterns[index];
        let Piece::Literal(anchor) = &pattern.pieces[pattern.anchor] else {
            return None;
        };
        // The anchor was trimmed for the automaton; its spaces are checked here.
        let (mut left, mut right) = (start, end);
        if anchor.starts_with(' ') {
            left = left
                .checked_sub(1)
                .filter(|&l| text.as_bytes()[l] == b' ')?;
        }
        if anchor.ends_with(' ') {
            right = Some(right).filter(|&r| text.as_bytes().get(r) == Some(&b' '))? + 1;
        }
        let mut captures = Vec::new();
        let mut numbers = Vec::new();
        for piece in &pattern.pieces[pattern.anchor + 1..] {
            right = match piece {
                Piece::Literal(literal) => literal_after(text, right, literal)?,
                Piece::Capture { name, kind } => {
                    let read = read_capture(text, right, *kind)?;
                    captures.push((name.clone(), read.value));
                    numbers.push(read.number);
                    read.end
                }
            };
        }
        for piece in pattern.pieces[..pattern.anchor].iter().rev() {
            left = match piece {
                Piece::Literal(literal) => literal_before(text, left, literal)?,
                Piece::Capture { name, kind } => {
                    let (read, before) = capture_before(text, left, *kind)?;
                    captures.push((name.clone(), read.value));
                    numbers.push(read.number);
                    before
                }
            };
        }
        // Inside a larger word it is not the phrase: "unhassle-free returnsx".
        let joined = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric());
        if joined(
            text[..left].chars().next_back(),
            text[left..].chars().next(),
        ) || joined(
            text[..right].chars().next_back(),
            text[right..].chars().next(),
        ) {
            return None;
        }
        Some(Found {
            pattern: PatternId(index),
            negated: negated(&text[..left]),
            range: left..right,
            captures,
            numbers,
        })
    }
}

/// Keeps the longest of overlapping matches (the earliest among equals).
fn longest_first(mut candidates: Vec<Found>) -> Vec<Found> {
    candidates.sort_by(|a, b| {
        (b.range.len(), a.range.start, a.pattern).cmp(&(a.range.len(), b.range.start, b.pattern))
    });
    let mut kept: Vec<Found> = Vec::new();
    for candidate in candidates {
        if !kept
            .iter()
            .any(|k| k.range.start < candidate.range.end && candidate.range.start < k.range.end)
        {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|found| (found.range.start, found.pattern));
    kept
}

/// Matches `literal` at `at`; a space next to a capture is optional ("30day").
fn literal_after(text: &str, at: usize, literal: &str) -> Option<usize> {
    let rest = &text[at..];
    if rest.starts_with(literal) {
        return Some(at + literal.len());
    }
    let trimmed = literal.strip_prefix(' ')?;
    rest.starts_with(trimmed).then(|| at + trimmed.len())
}

fn literal_before(text: &str, at: usize, literal: &str) -> Option<usize> {
    let before = &text[..at];
    if before.ends_with(literal) {
        return Some(at - literal.len());
    }
    let trimmed = literal.strip_suffix(' ')?;
    before.ends_with(trimmed).then(|| at - trimmed.len())
}

/// How far back a capture may start before the text that follows it.
const CAPTURE_WINDOW: usize = 48;

/// Reads a capture that ends at `at`: tries each word start in a short window
/// before it, longest first ("thirty five" before "five").
fn capture_before(text: &str, at: usize, kind: CaptureType) -> Option<(Read, usize)> {
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
struct Read {
    value: Value,
    /// Where its number stands.
    number: Range<usize>,
    /// Where the capture ends.
    end: usize,
}

/// Reads a capture of `kind` at `at`.
fn read_capture(text: &str, at: usize, kind: CaptureType) -> Option<Read> {
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

/// Words that make what follows them in a clause not a promise.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "without", "cannot", "neither", "nor", "non", "mai", "senza", "nessun",
    "nessuna", "nessuno",
];

/// Words after which a clause starts afresh.
const CLAUSE_WORDS: &[&str] = &["and", "but", "e", "ma"];

/// Whether the end of `before` (the text before a match) negates it.
fn negated(before: &str) -> bool {
    let clause_start = before
        .rfind(['.', ',', ';', ':', '!', '?', BARRIER, '(', ')'])
        .map_or(0, |i| i + 1);
    before[clause_start..]
        .split(' ')
        .filter(|word| !word.is_empty())
        .rev()
        .take(8)
        .take_while(|word| !CLAUSE_WORDS.contains(word))
        .any(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            NEGATIONS.contains(&word) || word.ends_with("n't")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::pattern;
    use crate::policy::syntax::Str;
    use crate::source::{Sources, Span};

    fn patterns(phrases: &[&str]) -> Vec<Pattern> {
        let mut sources = Sources::default();
        let file = sources.add("t".into(), "");
        phrases
            .iter()
            .map(|raw| {
                let phrase = Str {
                    value: raw.to_string(),
                    raw: raw.to_string(),
                    span: Span::new(file, 0, raw.len() + 2),
                };
                pattern::parse(&phrase, &mut Vec::new()).expect("a valid phrase")
            })
            .collect()
    }

    /// Pattern index, matched original text, captures, negated.
    type Match = (usize, String, Vec<(String, Value)>, bool);

    fn find(phrases: &[&str], copy: &str) -> Vec<Match> {
        let compiled = patterns(phrases);
        let matcher = Matcher::new(&compiled.iter().collect::<Vec<_>>());
        let normalized = Normalized::new(copy);
        matcher
            .find(&normalized)
            .into_iter()
            .map(|f| {
                let original = normalized.original(f.range.clone(), copy);
                (
                    f.pattern.0,
                    copy[original].to_owned(),
                    f.captures,
                    f.negated,
                )
            })
            .collect()
    }

    #[test]
    fn survives_case_spacing_dashes_quotes_and_nbsp() {
        let phrases = ["hassle-free returns", "we'll match it"];
        for copy in [
            "Enjoy Hassle-Free Returns!",
            "enjoy hassle\u{2011}free\u{00A0}returns",
            "enjoy hassle free\n   returns",
            "enjoy hassle \u{2014} free returns",
        ] {
            let found = find(&phrases, copy);
            assert_eq!(found.len(), 1, "{copy}");
            assert!(found[0].1.to_lowercase().starts_with("hassle"), "{copy}");
            assert!(found[0].1.ends_with("eturns"), "{copy}");
        }
        assert_eq!(
            find(&phrases, "We\u{2019}ll match it.")[0].1,
            "We\u{2019}ll match it"
        );
    }

    #[test]
    fn a_blank_line_or_block_break_stops_a_phrase() {
        assert!(find(&["hassle-free returns"], "hassle-free\n\nreturns").is_empty());
        assert!(find(&["hassle-free returns"], "hassle-free\u{2029}returns").is_empty());
    }

    #[test]
    fn not_inside_a_larger_word() {
        assert!(find(&["hassle-free returns"], "unhassle-free returnsx").is_empty());
        assert!(find(&["hassle-free returns"], "unhassle-free returns").is_empty());
        assert_eq!(
            find(&["hassle-free returns"], "(hassle-free returns)").len(),
            1
        );
    }

    #[test]
    fn a_literal_after_a_capture_keeps_its_space() {
        let found = find(
            &["return it within {n} days"],
            "Return it within thirty days.",
        );
        assert_eq!(found[0].2, vec![("n".into(), Value::Number(30.0))]);
    }

    #[test]
    fn reads_numbers_in_digits_and_words() {
        let phrase = ["{n}-day returns"];
        let n = |copy: &str| find(&phrase, copy).first().map(|f| f.2[0].1.clone());
        assert_eq!(n("30-day returns"), Some(Value::Number(30.0)));
        assert_eq!(n("30 day returns"), Some(Value::Number(30.0)));
        assert_eq!(n("Thirty-day returns"), Some(Value::Number(30.0)));
        assert_eq!(n("thirty-five day returns"), Some(Value::Number(35.0)));
        assert_eq!(n("a 1,000-day returns"), Some(Value::Number(1000.0)));
        assert_eq!(
            n("one hundred twenty day returns"),
            Some(Value::Number(120.0))
        );
        assert_eq!(n("day returns"), None);
        assert_eq!(n("x30-day returns"), None);
    }

    #[test]
    fn reads_money_percent_and_duration() {
        let money = ["free shipping on orders over {x:money}"];
        let x = |copy: &str| find(&money, copy).first().map(|f| f.2[0].1.to_string());
        assert_eq!(
            x("Free shipping on orders over $49.99!").as_deref(),
            Some("$49.99")
        );
        assert_eq!(
            x("free shipping on orders over €20").as_deref(),
            Some("€20")
        );
        assert_eq!(
            x("free shipping on orders over 50 USD").as_deref(),
            Some("$50")
        );
        assert_eq!(
            x("free shipping on orders over 20 €").as_deref(),
            Some("€20")
        );
        assert_eq!(x("free shipping on orders over fifty").as_deref(), None);

        let percent = find(&["save {p:percent}"], "Save 15% today")[0].2[0]
            .1
            .clone();
        assert_eq!(percent, Value::Percent(15.0));
        let within = find(
            &["delivered within {d:duration}"],
            "delivered within 2 weeks",
        )[0]
        .2[0]
            .1
            .clone();
        assert_eq!(
            within,
            Value::Duration {
                amount: 2.0,
                unit: Unit::Week
            }
        );
        let business = find(&["ships in {d:duration}"], "ships in 3 business days")[0].2[0]
            .1
            .clone();
        assert_eq!(
            business,
            Value::Duration {
                amount: 3.0,
                unit: Unit::BusinessDay
            }
        );
    }

    #[test]
    fn records_where_each_captured_number_stands() {
        let numbers = |phrase: &str, copy: &str| -> Vec<String> {
            let compiled = patterns(&[phrase]);
            let matcher = Matcher::new(&compiled.iter().collect::<Vec<_>>());
            let normalized = Normalized::new(copy);
            let found = matcher.find(&normalized);
            let ranges = found.into_iter().flat_map(|f| f.numbers);
            ranges
                .map(|range| copy[normalized.original(range, copy)].to_owned())
                .collect()
        };
        let day = "{n}-day returns";
        assert_eq!(numbers(day, "Enjoy 60-day returns"), ["60"]);
        assert_eq!(numbers(day, "Thirty-five-day returns"), ["Thirty-five"]);
        let over = "free shipping on orders over {x:money}";
        for (copy, number) in [
            ("free shipping on orders over $1,000.50", "1,000.50"),
            ("free shipping on orders over $ 25", "25"),
            ("free shipping on orders over 20 €", "20"),
            ("free shipping on orders over 50 USD", "50"),
        ] {
            assert_eq!(numbers(over, copy), [number], "{copy}");
        }
        assert_eq!(numbers("save {p:percent}", "Save 15 percent"), ["15"]);
        let within = "delivered within {d:duration}";
        assert_eq!(numbers(within, "delivered within 2 weeks"), ["2"]);
        let both = "{a} to {b} day delivery";
        assert_eq!(numbers(both, "in 5 to 7 day delivery"), ["7", "5"]);
    }

    #[test]
    fn captures_on_both_sides_of_the_anchor() {
        let found = find(&["{a} to {b} day delivery"], "in 5 to 7 day delivery");
        assert_eq!(
            found[0].2,
            vec![
                ("b".into(), Value::Number(7.0)),
                ("a".into(), Value::Number(5.0))
            ]
        );
    }

    #[test]
    fn longest_match_wins() {
        let phrases = ["free shipping", "free shipping on orders over {x:money}"];
        let found = find(
            &phrases,
            "Free shipping on orders over $50. And free shipping!",
        );
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), vec![1, 0]);
        assert_eq!(found[0].1, "Free shipping on orders over $50");
    }

    #[test]
    fn negation_marks_the_match() {
        let phrase = ["price match guarantee"];
        assert!(find(&phrase, "The Store does not have a price match guarantee.")[0].3);
        assert!(find(&phrase, "We don't offer a price match guarantee")[0].3);
        assert!(find(&["free shipping"], "we no longer offer free shipping")[0].3);
        assert!(find(&["resi senza problemi"], "non offriamo resi senza problemi")[0].3);
        assert!(!find(&phrase, "No fees, price match guarantee included")[0].3);
        assert!(!find(&phrase, "Not sure? Our price match guarantee covers you")[0].3);
        assert!(
            !find(
                &phrase,
                "We do not charge fees and offer a price match guarantee"
            )[0]
            .3
        );
    }

    #[test]
    fn maps_back_to_the_original() {
        let copy = "Our  HASSLE\u{2011}free\n returns policy";
        let normalized = Normalized::new(copy);
        assert_eq!(normalized.text, "our hassle free returns policy");
        let start = normalized.text.find("hassle").unwrap();
        let end = normalized.text.find(" policy").unwrap();
        assert_eq!(
            &copy[normalized.original(start..end, copy)],
            "HASSLE\u{2011}free\n returns"
        );
    }

    proptest::proptest! {
        #[test]
        fn plain_runs_read_sixteen_bytes_at_a_time_end_where_they_do_byte_by_byte(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"aaaaaaaaaaaaZZAz@[9   .-`\t\n\x01\x7f\xc3".to_vec()),
                0..60,
            ),
        ) {
            proptest::prop_assert_eq!(plain_run_end(&bytes), plain_run_from(&bytes, 0));
        }
    }
}
