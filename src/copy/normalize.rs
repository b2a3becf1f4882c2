//! Normalization: what counts as the same words in copy and in phrases.
//!
//! Copy and patterns are normalized the same way: case folded (full Unicode
//! folding, so `ΟΔΌΣ` is `οδός` and `STRASSE` is `straße`), every run of
//! white space (non-breaking spaces included) one space, every hyphen and
//! dash a space (so "hassle-free", "hassle‑free" and "hassle free" are
//! equal), curly quotes straight, invisible characters gone; a blank line or
//! a block break is a barrier no phrase crosses. [`Normalized`] keeps a map
//! back to the text it was made from, so that a match is placed in the file,
//! and remembers which of its spaces stand for a dash: "3-5 days" and "3 5
//! days" read the same as words, but only the first states a range.

use crate::copy::BLOCK_BREAK;
use caseless::Caseless;
use std::ops::Range;

/// Normalized text, with a map back to the text it was made from.
pub struct Normalized {
    pub text: String,
    /// `(normalized offset, original offset)` wherever the two stop moving in
    /// step (a folded run of white space, a dropped or re-encoded character).
    /// Between marks one byte is one byte, so the map stays small.
    marks: Vec<(usize, usize)>,
    /// The offsets of the spaces of `text` that stand for a hyphen or a dash
    /// (alone or with white space around it), in order.
    dashes: Vec<usize>,
}

/// Marks a barrier in normalized text: the end of a block or paragraph.
pub(super) const BARRIER: char = '\n';

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut out = Writer {
            text: String::with_capacity(original.len()),
            marks: vec![(0, 0)],
            dashes: Vec::new(),
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
                b'-' => (Folded::Dash, 1),
                // White space and hyphens: all that is not plain in ASCII.
                0..0x80 => (Folded::Space, 1),
                _ => {
                    let c = original[at..].chars().next().expect("at a char boundary");
                    (fold(c), c.len_utf8())
                }
            };
            match folded {
                Folded::Drop => {}
                Folded::Space | Folded::Dash | Folded::Barrier => {
                    newlines += usize::from(byte == b'\n');
                    let barrier = matches!(folded, Folded::Barrier) || newlines >= 2;
                    let dash = matches!(folded, Folded::Dash);
                    out.space = Some(match out.space {
                        Some(held) => Space {
                            barrier: held.barrier || barrier,
                            dash: held.dash || dash,
                            ..held
                        },
                        None => Space {
                            start: at,
                            barrier,
                            dash,
                        },
                    });
                }
                Folded::Char(c) => {
                    out.end_space();
                    newlines = 0;
                    if c.is_ascii() {
                        out.push(c, at);
                    } else {
                        for folded in fold_case(c) {
                            out.push(folded, at);
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
            dashes: out.dashes,
        }
    }

    /// Whether the byte at `at` is a space that stands for a hyphen or a dash.
    pub fn is_dash(&self, at: usize) -> bool {
        self.dashes.binary_search(&at).is_ok()
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
    dashes: Vec<usize>,
    /// A pending run of white space (and dashes).
    space: Option<Space>,
}

/// A run of white space and dashes, written as one space or a barrier.
#[derive(Clone, Copy)]
struct Space {
    start: usize,
    barrier: bool,
    dash: bool,
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
        if let Some(space) = self.space.take() {
            if !self.text.is_empty() {
                if space.dash && !space.barrier {
                    self.dashes.push(self.text.len());
                }
                self.push(if space.barrier { BARRIER } else { ' ' }, space.start);
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
    /// A hyphen or a dash: a space that remembers it was one.
    Dash,
    Barrier,
    Char(char),
}

fn fold(c: char) -> Folded {
    match c {
        BLOCK_BREAK => Folded::Barrier,
        c if is_invisible(c) => Folded::Drop,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Folded::Dash,
        // Full-width forms of ASCII (`６０`, `ｄａｙｓ`), as NFKC reads them;
        // and the Arabic-Indic digits, the digits an Arabic page writes.
        '\u{FF01}'..='\u{FF5E}' => fold(char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)),
        '\u{0660}'..='\u{0669}' => Folded::Char(char::from(b'0' + (u32::from(c) - 0x660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Folded::Char(char::from(b'0' + (u32::from(c) - 0x6F0) as u8)),
        c if c.is_whitespace() => Folded::Space,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Folded::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Folded::Char('"'),
        c => Folded::Char(c),
    }
}

/// Whether a reader sees nothing where `c` stands: NUL and Unicode's
/// default-ignorable code points (soft hyphen, zero-width characters, bidi
/// marks and isolates, variation selectors, tags…), which a pull request
/// could put inside `6⁠0-day` to hide the figure. The list is
/// DerivedCoreProperties' `Default_Ignorable_Code_Point`, which is short and
/// stable; no well-kept crate gives the property alone.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\0' | '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A non-ASCII character under full Unicode case folding, which can change
/// its length (`ß` is `ss`, `ﬁ` is `fi`) and maps both Greek sigmas to `σ`.
/// Folding is the default one, not the Turkic: `I` is `i`. `İ`, which
/// default folding makes `i` and a combining dot above, is plain `i`, so
/// that `İADE` reads as `iade` does, as a Turkish reader means it.
fn fold_case(c: char) -> impl Iterator<Item = char> {
    let c = if c == '\u{130}' { 'i' } else { c };
    std::iter::once(c).default_case_fold()
}

/// Normalizes a pattern's literal text the way copy is normalized, keeping
/// a leading space (copy never starts with one, but " days" after a capture
/// does). A literal of nothing but white space and dashes, such as the `-`
/// of `{a}-{b} days`, is one space: it still separates the two captures, as
/// the dash or space between two numbers in copy does.
pub(super) fn normalize_literal(text: &str) -> String {
    let normalized = Normalized::new(text).text;
    let spaced = text
        .chars()
        .next()
        .is_some_and(|c| matches!(fold(c), Folded::Space | Folded::Dash | Folded::Barrier));
    match (spaced, normalized.is_empty()) {
        (true, true) => " ".to_owned(),
        (true, false) => format!(" {normalized}"),
        (false, _) => normalized,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn remembers_which_spaces_were_dashes() {
        let normalized = Normalized::new("3-5, 3 \u{2013} 5, 3\u{2014}5, 3 5 and 1 000");
        assert_eq!(normalized.text, "3 5, 3 5, 3 5, 3 5 and 1 000");
        let dashes: Vec<usize> = (0..normalized.text.len())
            .filter(|&at| normalized.is_dash(at))
            .collect();
        assert_eq!(dashes, [1, 6, 11]);
    }

    #[test]
    fn folds_case_fully() {
        for (copy, folded) in [
            ("ΟΔΌΣ", "οδόσ"),
            ("οδός", "οδόσ"),
            ("STRASSE", "strasse"),
            ("Straße", "strasse"),
            ("GROẞ", "gross"),
            ("İADE", "iade"),
            ("ıade", "ıade"),
            ("ﬁne", "fine"),
        ] {
            assert_eq!(Normalized::new(copy).text, folded, "{copy}");
        }
        let copy = "Die STRAẞE, ΟΔΌΣ";
        let normalized = Normalized::new(copy);
        let start = normalized.text.find("strasse").unwrap();
        let end = normalized.text.len();
        assert_eq!(&copy[normalized.original(start..end, copy)], "STRAẞE, ΟΔΌΣ");
    }

    proptest::proptest! {
        /// Folding changes lengths (`ß` is `ss`, `İ` is `i`), so every
        /// match, wherever it starts and ends, must still map to whole
        /// characters of the original, and those characters must normalize
        /// to words that hold the match.
        #[test]
        fn every_match_maps_back_to_original_words_that_hold_it(
            copy in "[aSs ßẞΣσςΟΔΌόİıﬁ\u{00AD}\u{2011}\n-]{0,40}",
            cut in 0usize..100,
        ) {
            let normalized = Normalized::new(&copy);
            let text = &normalized.text;
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let start = boundaries[cut % boundaries.len()];
            let words = |end: usize| {
                let words = &text[start..end];
                let spaced = |c: Option<char>| c.is_some_and(|c| c == ' ' || c == BARRIER);
                (!words.is_empty() && !spaced(words.chars().next()) && !spaced(words.chars().last()))
                    .then_some(words)
            };
            for &end in boundaries.iter().filter(|&&end| end > start) {
                let Some(words) = words(end) else { continue };
                let range = normalized.original(start..end, &copy);
                proptest::prop_assert!(copy.is_char_boundary(range.start) && copy.is_char_boundary(range.end));
                let again = Normalized::new(&copy[range.clone()]).text;
                proptest::prop_assert!(again.contains(words), "{:?} → {:?} ⊉ {:?}", &copy[range], again, words);
            }
        }

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
