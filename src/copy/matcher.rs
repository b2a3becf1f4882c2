//! Finding phrases in copy: every `says` and `forbid` pattern of a run,
//! compiled once, searched in one pass over each file.
//!
//! Copy and patterns are first made [`Normalized`] the same way
//! ([`super::normalize`]), so the automaton compares like with like.
//!
//! Each pattern's longest literal piece is its *anchor*. One Aho-Corasick
//! automaton finds every anchor of every pattern; each hit is then verified
//! outward, piece by piece, reading captures (`30`, `thirty-five`, `$49.99`,
//! `15%`, `2 weeks`, `3-5 days`, `up to $50`) where the pattern has them
//! (`figures`), backtracking where a capture can be read more than one way
//! (`{a}-{b} days` on "3-5 days": not the range 3–5, then nothing for `b`).
//! Of overlapping matches the longest wins, so "free shipping on orders over
//! $50" is not also "free shipping".
//!
//! Where a phrase's words are in the copy but a capture cannot read the
//! figure at its place ("ships in 3ish days", "thirty (31) days"), the place
//! is an [`Unread`], reported rather than silently skipped; where no figure
//! stands at all ("ships in a few days") it is neither.
//!
//! A match under negation is marked, not dropped: it is no promise, but its
//! words are still there for `forbid`; [`super::negation`] says which
//! matches are.

use crate::copy::figures::{self, Text};
use crate::copy::negation::negated;
use crate::copy::normalize::{normalize_literal, Normalized, BARRIER};
use crate::policy::pattern::{CaptureType, Pattern, Segment};
use crate::policy::value::Value;
use crate::source::floor_char_boundary;
use crate::work::{self, Step};
use aho_corasick::{packed, AhoCorasick, AhoCorasickKind, Input, MatchKind, Span};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

pub use crate::copy::figures::Locale;

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
    /// Where the numbers of each capture stand, as (index into `captures`,
    /// range): `60` in "60-day", `25` in "$25", `thirty five` in
    /// "thirty-five days"; both ends of a range ("3" and "5" in "3-5
    /// days"), both ways a contract writes one ("thirty" and "30" in
    /// "thirty (30) days"). Only the numbers, so that a fix replaces them
    /// and leaves the currency sign, the percent sign or the unit as the
    /// copy wrote them.
    pub numbers: Vec<(usize, Range<usize>)>,
    pub negated: bool,
}

/// A phrase whose words are in copy, where a capture cannot read the
/// figure that stands at its place: "ships in 3ish days", "thirty (31)
/// days", "returns within 5 jours". Ranges are in the normalized text.
#[derive(Clone, Debug, PartialEq)]
pub struct Unread {
    pub pattern: PatternId,
    /// The phrase, as far as it was followed.
    pub range: Range<usize>,
    /// The capture that could not read its figure.
    pub capture: String,
    pub kind: CaptureType,
    /// Where the figure stands.
    pub figure: Range<usize>,
}

/// What a matcher finds in one copy.
#[derive(Debug, Default)]
pub struct Matches {
    pub found: Vec<Found>,
    /// Places of phrases whose figures could not be read, none under
    /// negation and none where a phrase was found.
    pub unread: Vec<Unread>,
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
        let prefixes = prefixes(&anchors);
        Matcher {
            patterns: compiled,
            anchored,
            prefixes,
            // Leftmost-longest skips ahead between hits; an overlapping search
            // cannot, and costs several times more.
            search: Search::new(&anchors),
        }
    }

    /// Every pattern in `copy`, overlaps resolved longest first, its figures
    /// read as `locale` writes them.
    pub fn find(&self, copy: &Normalized, locale: &Locale) -> Matches {
        if self.patterns.is_empty() {
            // An automaton with nothing to find still reads every byte.
            return Matches::default();
        }
        let text = Text::new(copy, locale);
        let mut found = Vec::new();
        let mut unread = Vec::new();
        let mut from = 0;
        // Every anchor at every position: the longest one a search finds,
        // the anchors it starts with, then the search again one byte on.
        while let Some(hit) = self.search.find(text.text, from) {
            let anchor = hit.pattern().as_usize();
            let hits = std::iter::once((anchor, hit.end())).chain(
                self.prefixes[anchor]
                    .iter()
                    .map(|&(other, len)| (other, hit.start() + len)),
            );
            for (anchor, end) in hits {
                for &index in &self.anchored[anchor] {
                    match self.verify(index, &text, hit.start(), end) {
                        Some(Verified::Found(one)) => found.push(one),
                        Some(Verified::Unread(one)) => unread.push(one),
                        None => {}
                    }
                }
            }
            from = hit.start()
                + text.text[hit.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
        let found = longest_first(found, |f| (f.range.clone(), f.pattern));
        let unread = longest_first(unread, |u| (u.range.clone(), u.pattern))
            .into_iter()
            .filter(|u| !overlaps_any(&found, &u.range))
            .collect();
        Matches { found, unread }
    }

    /// Reads pattern `index` outward from its anchor at `start..end`: first
    /// as the copy must state it; failing that, with one figure left unread.
    fn verify(&self, index: usize, text: &Text, start: usize, end: usize) -> Option<Verified> {
        let pattern = &self.patterns[index];
        let Piece::Literal(anchor) = &pattern.pieces[pattern.anchor] else {
            return None;
        };
        let bytes = text.text.as_bytes();
        // The anchor was trimmed for the automaton; its spaces are checked here.
        let (mut left, mut right) = (start, end);
        if anchor.starts_with(' ') {
            left = left.checked_sub(1).filter(|&l| bytes[l] == b' ')?;
        }
        if anchor.ends_with(' ') {
            right = Some(right).filter(|&r| bytes.get(r) == Some(&b' '))? + 1;
        }
        let after = &pattern.pieces[pattern.anchor + 1..];
        let before = &pattern.pieces[..pattern.anchor];
        let read = |lenient: bool| {
            let mut right_side = Bound::default();
            let right = rightward(text, after, right, lenient, &mut right_side)?;
            let mut left_side = Bound {
                unread: right_side.unread.take(),
                ..Bound::default()
            };
            let left = leftward(text, before, left, lenient, &mut left_side)?;
            let offset = right_side.captures.len();
            let mut captures = right_side.captures;
            captures.extend(left_side.captures);
            let mut numbers = right_side.numbers;
            numbers.extend(left_side.numbers.into_iter().map(|(i, r)| (i + offset, r)));
            Some((left..right, captures, numbers, left_side.unread))
        };
        if let Some((range, captures, numbers, _)) = read(false) {
            return Some(Verified::Found(Found {
                pattern: PatternId(index),
                negated: negated(&text.text[..range.start], &text.text[range.end..]),
                range,
                captures,
                numbers,
            }));
        }
        if !pattern
            .pieces
            .iter()
            .any(|p| matches!(p, Piece::Capture { .. }))
        {
            return None;
        }
        let (range, _, _, unread) = read(true)?;
        let (capture, kind, figure) = unread?;
        (!negated(&text.text[..range.start], &text.text[range.end..])).then_some(Verified::Unread(
            Unread {
                pattern: PatternId(index),
                range,
                capture,
                kind,
                figure,
            },
        ))
    }
}

/// Each anchor's shorter starts that are anchors themselves, as (anchor,
/// length), read off a trie of the anchors' bytes: the work grows with the
/// anchors' total length. Looking up every start of an anchor hashed each
/// one whole, and a 200,000-character phrase took seconds.
fn prefixes(anchors: &[String]) -> Vec<Vec<(usize, usize)>> {
    // Node 0 is the root; an edge goes from a node by a byte to a node.
    let mut edges: HashMap<(usize, u8), usize> = HashMap::new();
    let mut ends: Vec<Option<usize>> = vec![None];
    for (index, anchor) in anchors.iter().enumerate() {
        work::count(Step::AnchorByte, anchor.len());
        let mut node = 0;
        for &byte in anchor.as_bytes() {
            let next = ends.len();
            node = *edges.entry((node, byte)).or_insert(next);
            if node == next {
                ends.push(None);
            }
        }
        ends[node] = Some(index);
    }
    anchors
        .iter()
        .map(|anchor| {
            work::count(Step::AnchorByte, anchor.len());
            let mut node = 0;
            let mut found: Vec<(usize, usize)> = anchor.as_bytes()
                [..anchor.len().saturating_sub(1)]
                .iter()
                .enumerate()
                .filter_map(|(at, &byte)| {
                    node = edges[&(node, byte)];
                    Some((ends[node]?, at + 1))
                })
                .collect();
            found.sort_unstable();
            found
        })
        .collect()
}

/// A pattern verified at an anchor.
enum Verified {
    Found(Found),
    Unread(Unread),
}

/// What one side of a pattern has read so far.
#[derive(Default)]
struct Bound {
    captures: Vec<(String, Value)>,
    numbers: Vec<(usize, Range<usize>)>,
    /// The capture whose figure could not be read, with its type and place.
    unread: Option<(String, CaptureType, Range<usize>)>,
}

impl Bound {
    fn push(&mut self, name: &str, read: figures::Read) {
        let index = self.captures.len();
        self.captures.push((name.to_owned(), read.value));
        self.numbers
            .extend(read.numbers.into_iter().map(|range| (index, range)));
    }

    /// Forgets what was read after `captures` captures: a reading to backtrack from.
    fn truncate(&mut self, captures: usize) {
        self.captures.truncate(captures);
        self.numbers.retain(|(index, _)| *index < captures);
    }
}

/// How far a phrase may run past a figure it cannot read, to where its
/// words go on.
const UNREAD_WINDOW: usize = 48;

/// Reads `pieces` rightward from `at`; where the phrase ends. `lenient`: a
/// capture that cannot read the figure standing at its place leaves it
/// unread, once, and the phrase goes on after it.
fn rightward(
    text: &Text,
    pieces: &[Piece],
    at: usize,
    lenient: bool,
    bound: &mut Bound,
) -> Option<usize> {
    let Some((piece, rest)) = pieces.split_first() else {
        return (!joined_at(text.text, at)).then_some(at);
    };
    let (name, kind) = match piece {
        Piece::Literal(literal) => {
            let at = literal_after(text.text, at, literal)?;
            return rightward(text, rest, at, lenient, bound);
        }
        Piece::Capture { name, kind } => (name, *kind),
    };
    for read in figures::after(text, at, kind) {
        let (end, held) = (read.end, bound.captures.len());
        bound.push(name, read);
        if let Some(end) = rightward(text, rest, end, lenient, bound) {
            return Some(end);
        }
        bound.truncate(held);
    }
    if !lenient || bound.unread.is_some() || !figures::stands(text, at, kind) {
        return None;
    }
    let words_end = word_end(text.text, at);
    let end = match rest.first() {
        // On to where the phrase's next words stand.
        Some(Piece::Literal(literal)) => {
            // Up to the window's end or the block's, whichever comes first.
            let window_end = floor_char_boundary(text.text, at + UNREAD_WINDOW);
            let block_end = text.text[at..window_end]
                .find(BARRIER)
                .map_or(window_end, |n| at + n);
            (words_end..=block_end)
                .filter(|&p| text.text.is_char_boundary(p))
                .find(|&p| literal_after(text.text, p, literal).is_some())?
        }
        _ => unread_end(text, words_end),
    };
    let figure_end = at + text.text[at..end].trim_end().len();
    if !figures::unread_figure(&text.text[at..figure_end], kind) {
        return None;
    }
    bound.unread = Some((name.clone(), kind, at..figure_end));
    rightward(text, rest, end, lenient, bound)
}

/// Reads `pieces` leftward to `at`; where the phrase starts. `lenient` as
/// for [`rightward`].
fn leftward(
    text: &Text,
    pieces: &[Piece],
    at: usize,
    lenient: bool,
    bound: &mut Bound,
) -> Option<usize> {
    let Some((piece, rest)) = pieces.split_last() else {
        return (!joined_at(text.text, at)).then_some(at);
    };
    let (name, kind) = match piece {
        Piece::Literal(literal) => {
            let at = literal_before(text.text, at, literal)?;
            return leftward(text, rest, at, lenient, bound);
        }
        Piece::Capture { name, kind } => (name, *kind),
    };
    for (read, start) in figures::before(text, at, kind) {
        let held = bound.captures.len();
        bound.push(name, read);
        if let Some(start) = leftward(text, rest, start, lenient, bound) {
            return Some(start);
        }
        bound.truncate(held);
    }
    if !lenient || bound.unread.is_some() {
        return None;
    }
    let end = at - usize::from(text.text[..at].ends_with(' '));
    let start = match rest.last() {
        // Back to where the phrase's words before it stand.
        Some(Piece::Literal(literal)) => {
            // Back to the window's start or the block's, whichever is nearer.
            let mut window_start = at.saturating_sub(UNREAD_WINDOW);
            while !text.text.is_char_boundary(window_start) {
                window_start += 1;
            }
            let block_start = text.text[window_start..at]
                .rfind(BARRIER)
                .map_or(window_start, |n| window_start + n + 1);
            (block_start..end)
                .rev()
                .filter(|&p| text.text.is_char_boundary(p))
                .find(|&p| {
                    literal_before(text.text, p, literal).is_some()
                        && figures::stands(text, p, kind)
                })?
        }
        _ => unread_start(text, end)?,
    };
    if !figures::unread_figure(&text.text[start..end], kind) {
        return None;
    }
    bound.unread = Some((name.clone(), kind, start..end));
    leftward(text, rest, start, lenient, bound)
}

/// Where the word at `at` ends, less the punctuation that ends a clause.
fn word_end(text: &str, at: usize) -> usize {
    let end = text[at..]
        .find([' ', BARRIER])
        .map_or(text.len(), |n| at + n);
    at + text[at..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .len()
}

/// Where an unread figure at the end of a phrase ends: after the words
/// that look like figures ("thirty (31)"), and the word after them, its
/// unit ("days", "jours"), within its clause.
fn unread_end(text: &Text, mut end: usize) -> usize {
    for _ in 0..3 {
        let next = end + 1;
        if text.text.as_bytes().get(end) != Some(&b' ') || next >= text.text.len() {
            break;
        }
        let next_end = word_end(text.text, next);
        let figure = figures::figure_like(text, next);
        let unit = text.text[next..next_end].chars().all(char::is_alphabetic);
        if next_end == next || !(figure || unit) {
            break;
        }
        end = next_end;
        if !figure {
            break;
        }
    }
    end
}

/// Where an unread figure that ends at `end`, before a phrase's words,
/// starts: the words before it that look like figures, and at most one
/// word (its unit) between them and `end`; `None` if no figure stands there.
fn unread_start(text: &Text, end: usize) -> Option<usize> {
    let mut start = None;
    let mut at = end;
    for word in 0..4 {
        let from = text.text[..at].rfind([' ', BARRIER]).map_or(0, |n| n + 1);
        if from == at || text.text[..at].ends_with(BARRIER) {
            break;
        }
        if figures::figure_like(text, from) {
            start = Some(from);
        } else if start.is_some() || word > 0 {
            break;
        }
        if from == 0 || !text.text[..from].ends_with(' ') {
            break;
        }
        at = from - 1;
    }
    start
}

/// Whether a phrase ending or starting at `at` would be inside a larger
/// word: "unhassle-free returnsx".
fn joined_at(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    matches!((before, after), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric())
}

/// Whether `range` overlaps any of `found`, which are apart and in order:
/// only the last that starts before `range` ends can.
fn overlaps_any(found: &[Found], range: &Range<usize>) -> bool {
    work::count(Step::Overlap, 1);
    let before = found.partition_point(|f| f.range.start < range.end);
    before > 0 && found[before - 1].range.end > range.start
}

/// Keeps the longest of overlapping matches (the earliest among equals).
/// What is kept is apart, so a candidate is checked against the kept one
/// nearest before its end alone: the work grows with the number of
/// candidates, not its square.
fn longest_first<T>(
    mut candidates: Vec<T>,
    key: impl Fn(&T) -> (Range<usize>, PatternId),
) -> Vec<T> {
    candidates.sort_by(|a, b| {
        let ((a, ap), (b, bp)) = (key(a), key(b));
        (b.len(), a.start, ap).cmp(&(a.len(), b.start, bp))
    });
    // Kept ranges by start, to their ends.
    let mut ends: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept: Vec<T> = Vec::new();
    for candidate in candidates {
        work::count(Step::Overlap, 1);
        let range = key(&candidate).0;
        let nearest = ends.range(..range.end).next_back();
        if nearest.is_none_or(|(_, &end)| end <= range.start) {
            ends.insert(range.start, range.end);
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|found| {
        let (range, pattern) = key(found);
        (range.start, pattern)
    });
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
    use crate::policy::value::exact;
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
            .find(&normalized, &Locale::default())
            .found
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
        assert_eq!(found[0].2, vec![("n".into(), Value::Number(exact(30.0)))]);
    }

    #[test]
    fn reads_numbers_in_digits_and_words() {
        let phrase = ["{n}-day returns"];
        let n = |copy: &str| find(&phrase, copy).first().map(|f| f.2[0].1.clone());
        assert_eq!(n("30-day returns"), Some(Value::Number(exact(30.0))));
        assert_eq!(n("30 day returns"), Some(Value::Number(exact(30.0))));
        assert_eq!(n("Thirty-day returns"), Some(Value::Number(exact(30.0))));
        assert_eq!(
            n("thirty-five day returns"),
            Some(Value::Number(exact(35.0)))
        );
        assert_eq!(n("a 1,000-day returns"), Some(Value::Number(exact(1000.0))));
        assert_eq!(
            n("one hundred twenty day returns"),
            Some(Value::Number(exact(120.0)))
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
        assert_eq!(percent, Value::Percent(exact(15.0)));
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
                amount: exact(2.0),
                unit: Unit::Week
            }
        );
        let business = find(&["ships in {d:duration}"], "ships in 3 business days")[0].2[0]
            .1
            .clone();
        assert_eq!(
            business,
            Value::Duration {
                amount: exact(3.0),
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
            let found = matcher.find(&normalized, &Locale::default()).found;
            let ranges = found.into_iter().flat_map(|f| f.numbers).map(|(_, r)| r);
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
                ("b".into(), Value::Number(exact(7.0))),
                ("a".into(), Value::Number(exact(5.0)))
            ]
        );
    }

    /// The unread places of `phrases` in `copy`: pattern, the phrase's
    /// words, the capture, the figure.
    fn unread(phrases: &[&str], copy: &str) -> Vec<(usize, String, String, String)> {
        let compiled = patterns(phrases);
        let matcher = Matcher::new(&compiled.iter().collect::<Vec<_>>());
        let normalized = Normalized::new(copy);
        let place = |range: Range<usize>| copy[normalized.original(range, copy)].to_owned();
        matcher
            .find(&normalized, &Locale::default())
            .unread
            .into_iter()
            .map(|u| (u.pattern.0, place(u.range), u.capture, place(u.figure)))
            .collect()
    }

    #[test]
    fn looking_for_an_unread_figure_steps_over_multibyte_letters() {
        // A capture that reads nothing, then letters of two bytes where the
        // search for the phrase's next words goes on: it once sliced
        // inside "ä" and panicked (German terms of sale, held-out set).
        for copy in [
            "Lieferung in 3ä Tagen geändert, 5ääää days",
            "ships in 3ä Tagen geändert über ärger days",
            "ärgerlich 3äx-day returns",
        ] {
            unread(&["ships in {d:duration} days", "{n}-day returns"], copy);
            find(&["ships in {d:duration} days", "{n}-day returns"], copy);
        }
    }

    #[test]
    fn hyphen_joined_captures_match_wherever_the_phrase_stands() {
        let phrase = ["ships in {a}-{b} days"];
        let both = vec![
            ("a".into(), Value::Number(exact(3.0))),
            ("b".into(), Value::Number(exact(5.0))),
        ];
        for copy in [
            "ships in 3-5 days",
            "It ships in 3-5 days.",
            "ships in 3\u{2013}5 days to you",
            "ships in 3 - 5 days",
        ] {
            let found = find(&phrase, copy);
            assert_eq!(found.len(), 1, "{copy}");
            assert_eq!(found[0].2, both, "{copy}");
        }
        // Before the anchor, too.
        let found = find(&["{a}-{b} day delivery"], "3-5 day delivery");
        assert_eq!(
            found[0].2,
            vec![
                ("b".into(), Value::Number(exact(5.0))),
                ("a".into(), Value::Number(exact(3.0)))
            ]
        );
    }

    #[test]
    fn a_capture_reads_ranges_and_hedges_the_phrase_does_not_write() {
        let range = |low: f64, high: f64| {
            Value::Range(
                Box::new(Value::Duration {
                    amount: exact(low),
                    unit: Unit::Day,
                }),
                Box::new(Value::Duration {
                    amount: exact(high),
                    unit: Unit::Day,
                }),
            )
        };
        let ships = ["ships in {d:duration}"];
        let found = find(&ships, "It ships in 3 to 5 days.");
        assert_eq!(found[0].1, "ships in 3 to 5 days");
        assert_eq!(found[0].2[0].1, range(3.0, 5.0));
        let found = find(&ships, "ships in up to 5 days");
        assert_eq!(found[0].1, "ships in up to 5 days");
        let five = Value::Duration {
            amount: exact(5.0),
            unit: Unit::Day,
        };
        assert_eq!(found[0].2[0].1, five);
        // Before the anchor: the hedge or "between" is part of the phrase.
        let delivery = ["{d:duration} delivery"];
        let found = find(&delivery, "Enjoy between 3 and 5 days delivery");
        assert_eq!(found[0].1, "between 3 and 5 days delivery");
        assert_eq!(found[0].2[0].1, range(3.0, 5.0));
        let found = find(&delivery, "Enjoy up to 5 days delivery");
        assert_eq!(found[0].1, "up to 5 days delivery");
        // Markdown's bold is gone by the time the matcher reads: a plain range.
        let found = find(
            &["refunds take {d:duration}"],
            "refunds take 1\u{2013}3 days",
        );
        assert_eq!(found[0].2[0].1, range(1.0, 3.0));
    }

    #[test]
    fn a_range_capture_records_both_numbers() {
        let compiled = patterns(&["ships in {d:duration}"]);
        let matcher = Matcher::new(&compiled.iter().collect::<Vec<_>>());
        let copy = "ships in 3-5 days";
        let found = matcher
            .find(&Normalized::new(copy), &Locale::default())
            .found;
        assert_eq!(found[0].numbers, [(0, 9..10), (0, 11..12)]);
    }

    #[test]
    fn reports_a_figure_it_cannot_read() {
        let ships = ["ships in {d:duration}"];
        assert_eq!(
            unread(&ships, "It ships in 3ish days."),
            [(
                0,
                "ships in 3ish days".into(),
                "d".into(),
                "3ish days".into()
            )]
        );
        assert_eq!(
            unread(&ships, "ships in thirty (31) days"),
            [(
                0,
                "ships in thirty (31) days".into(),
                "d".into(),
                "thirty (31) days".into()
            )]
        );
        assert_eq!(
            unread(&["returns within {d:duration}"], "returns within 5 jours"),
            [(
                0,
                "returns within 5 jours".into(),
                "d".into(),
                "5 jours".into()
            )]
        );
        // With words after the figure, the phrase goes on after it.
        assert_eq!(
            unread(
                &["ships in {d:duration} from stock"],
                "ships in 3ish days from stock"
            )[0]
            .3,
            "3ish days"
        );
        // Before the anchor.
        assert_eq!(
            unread(&["{n}-day returns"], "Enjoy 3ish-day returns")[0].1,
            "3ish-day returns"
        );
        // No figure at all, a figure read, a phrase under negation: nothing unread.
        assert!(unread(&ships, "ships in a few days").is_empty());
        assert!(unread(&ships, "ships in 3 days").is_empty());
        assert!(unread(&ships, "it never ships in 3ish days").is_empty());
        // A phrase that reads the place wins over one that cannot.
        assert!(unread(
            &["ships in {d:duration}", "ships in {n}ish"],
            "ships in 3ish days"
        )
        .is_empty());
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
