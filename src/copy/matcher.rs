//! Finding phrases in copy: every `says` and `forbid` pattern of a run,
//! compiled once, searched in one pass over each file.
//!
//! Copy and patterns are first made [`Normalized`] the same way
//! ([`super::normalize`]), so the automaton compares like with like.
//!
//! Each pattern's longest literal piece is its *anchor*. One Aho-Corasick
//! automaton finds every anchor of every pattern; each hit is then verified
//! outward, piece by piece, reading captures (`30`, `thirty-five`, `$49.99`,
//! `15%`, `2 weeks`) where the pattern has them (`figures`). Of
//! overlapping matches the longest wins, so "free shipping on orders over
//! $50" is not also "free shipping".
//!
//! A match under negation is marked, not dropped: it is no promise, but its
//! words are still there for `forbid`; [`super::negation`] says which
//! matches are.

use crate::copy::figures::{capture_before, read_capture};
use crate::copy::negation::negated;
use crate::copy::normalize::{normalize_literal, Normalized};
use crate::policy::pattern::{CaptureType, Pattern, Segment};
use crate::policy::value::Value;
use aho_corasick::{packed, AhoCorasick, AhoCorasickKind, Input, MatchKind, Span};
use std::collections::HashMap;
use std::ops::Range;

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
            negated: negated(&text[..left], &text[right..]),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::pattern;
    use crate::policy::syntax::Str;
    use crate::policy::value::Unit;
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
}
