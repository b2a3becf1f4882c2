//! Negation and qualifiers: whether the words around a phrase found in copy
//! take its promise back ("we don't offer free returns", "a full refund will
//! not be possible", "the full amount, less shipping").
//!
//! A *clause* ends at `. , ; : ! ?`, a bracket, a line barrier, or the words
//! `and`, `but` (Italian `e`, `ma`); a `.` or `,` between two digits
//! (`$49.99`, `1,000`) ends nothing.
//!
//! **Before the phrase**, negation is a cue word — `not`, `no`, `never`,
//! `without`, a word ending in `n't`, Italian `non`, `mai`, `senza`,
//! `nessun…` — among the eight words before the match in its clause; so is
//! a question's `whether`, or `if` right after a verb of asking ("they want
//! to know if the account gets free shipping").
//!
//! **After the phrase**, it is a cue of a verb's negation — `not`, `never`,
//! `cannot`, a word ending in `n't`, `no longer`, Italian `non` — among the
//! eight words after the match in its clause, read up to the first word
//! that opens a condition or a relative clause (`if`, `unless`, `when`,
//! `once`, `that`, `which`, …, Italian `se`, `che`, `quando`, …), whose
//! negation is the condition's, not the promise's ("free returns if the
//! item is not worn"). Bare `no` and `without` do not count after the
//! phrase: there they name what the promise spares the customer ("free
//! returns with no restocking fee"). Two shapes keep false negation low:
//! - a cue followed by a word that narrows or bounds rather than denies
//!   (`just`, `only`, `limited`, `required`, `more`, `later`, …: "free
//!   shipping is not just for members", "refund in no longer than 5 days",
//!   "receipt not required") negates nothing;
//! - a cue right after a preposition or an article is a prefix inside a
//!   noun phrase ("free returns on non-sale items", "for non members");
//! - a cue before a verb of missing or doubting is an idiom that affirms,
//!   on either side of the phrase ("don't miss our 60-day returns", "no
//!   doubt you'll love our 60-day returns", "60-day returns won't
//!   disappoint"), where reading it as a denial would hide the promise.
//!
//! A *qualifier* (a promise's `unless` phrase) takes a match back when it
//! follows it in the same sentence: up to `. ; ! ?` or a line barrier, so
//! across commas ("we credit the full amount, less the original shipping
//! charge"); [`same_sentence`] says whether the words between allow it.

use crate::copy::normalize::BARRIER;
use crate::source::floor_char_boundary;

/// Sets of words, each a function that says whether a word is one: a
/// `match` the compiler turns into a few comparisons by length, where a
/// slice of words is searched one by one for every word of every match.
macro_rules! word_sets {
    ($($(#[$doc:meta])* $name:ident = [$($word:literal),* $(,)?];)*) => {
        $($(#[$doc])* fn $name(word: &str) -> bool {
            matches!(word, $($word)|*)
        })*
    };
}

word_sets! {
    /// Words that make what follows them in a clause not a promise.
    negation = [
        "not", "no", "never", "without", "cannot", "neither", "nor", "non", "mai", "senza",
        "nessun", "nessuna", "nessuno",
    ];

    /// Words that negate the verb of the clause they follow a phrase in.
    negation_after = ["not", "never", "cannot", "non"];

    /// Verbs of asking and knowing: "if" after one opens a question ("they
    /// want to know if the account gets free shipping"), not a condition.
    asking = [
        "know", "ask", "asks", "asked", "asking", "wonder", "wonders", "check", "checks", "see",
    ];

    /// Words after which a clause starts afresh.
    clause_word = ["and", "but", "e", "ma"];

    /// Words that open a condition or a relative clause: reading after a
    /// phrase stops at them.
    subordinator = [
        "if", "unless", "when", "whenever", "once", "that", "which", "who", "whose", "where",
        "while", "because", "since", "until", "provided", "whether", "although", "though", "se",
        "che", "quando", "purché", "finché", "perché", "mentre", "qualora", "dove",
    ];

    /// Words after a cue that make it narrow or bound something rather than
    /// take the promise back.
    not_denial = [
        "just", "only", "merely", "simply", "limited", "required", "needed", "necessary", "more",
        "less", "later", "longer", "exceeding", "solo", "soltanto", "solamente", "richiesto",
        "necessario", "oltre",
    ];

    /// Verbs that a cue before them turns into praise, not denial.
    affirming = [
        "miss", "doubt", "disappoint", "regret", "beat", "wait", "worry", "worries", "hesitate",
    ];

    /// Prepositions and articles: a cue right after one is a prefix in a noun
    /// phrase ("on non-sale items"), not a negation.
    noun_opener = [
        "on", "for", "of", "with", "to", "in", "at", "by", "from", "a", "an", "the", "per", "su",
        "di", "da", "con", "il", "lo", "la", "i", "gli", "le", "un", "una",
    ];
}

/// Where a clause breaks.
const CLAUSE_BREAKS: Ends = ends(&['.', ',', ';', ':', '!', '?', BARRIER, '(', ')']);

/// Where a sentence ends.
const SENTENCE_ENDS: Ends = ends(&['.', ';', '!', '?', BARRIER]);

/// Whether the words around a match take it back: `before` is the text
/// before the match, `after` the text after it (both normalized).
pub(super) fn negated(before: &str, after: &str) -> bool {
    // Eight words and their clause's end fit in this: reading no further
    // keeps the cost of a match independent of the length of its clause.
    const NEAR: usize = 240;
    let before = &before[floor_char_boundary(before, before.len().saturating_sub(NEAR))..];
    let after = &after[..floor_char_boundary(after, NEAR.min(after.len()))];
    negated_before(before) || negated_after(after)
}

/// Whether the end of `before` (the text before a match) negates it, or
/// makes it a question: `whether`, or `if` after a verb of asking.
fn negated_before(before: &str) -> bool {
    let clause_start = breaks(before, CLAUSE_BREAKS)
        .next_back()
        .map_or(0, |i| i + 1);
    // From the nearest word back: `if` is a question's when the word
    // before it asks.
    let mut after_if = false;
    // The word after the one read, in the text's order.
    let mut next = "";
    for word in words(&before[clause_start..]).rev().take(8) {
        if clause_word(word) {
            break;
        }
        let asked = word == "whether" || (after_if && asking(word));
        let denies = (negation(word) || word.ends_with("n't")) && !affirming(next);
        if asked || denies {
            return true;
        }
        after_if = word == "if";
        next = word;
    }
    false
}

/// Whether the start of `after` (the text after a match), up to the end of
/// its clause or the start of a condition, negates it.
fn negated_after(after: &str) -> bool {
    let clause_end = breaks(after, CLAUSE_BREAKS).next().unwrap_or(after.len());
    // Eight words at most, kept on the stack: this runs for every match.
    let mut kept = [""; 8];
    let mut length = 0;
    for word in words(&after[..clause_end]).take(8) {
        if clause_word(word) || subordinator(word) {
            break;
        }
        kept[length] = word;
        length += 1;
    }
    let clause = &kept[..length];
    clause.iter().enumerate().any(|(i, &word)| {
        let next = clause.get(i + 1).copied();
        let cue = negation_after(word)
            || word.ends_with("n't")
            || (word == "no" && next == Some("longer"));
        // "no longer" reads its bound on the word after "longer".
        let bound = if word == "no" {
            clause.get(i + 2).copied()
        } else {
            next
        };
        cue && !bound.is_some_and(|next| not_denial(next) || affirming(next) || next == "than")
            && !(i > 0 && noun_opener(clause[i - 1]))
    })
}

/// Whether `between` (the text between a match and a qualifier after it)
/// stays within one sentence.
pub(super) fn same_sentence(between: &str) -> bool {
    breaks(between, SENTENCE_ENDS).next().is_none()
}

/// Characters that end a clause or a sentence, as a table by byte: they
/// are all ASCII, and a match looks at the bytes around it for each.
type Ends = [bool; 256];

const fn ends(chars: &[char]) -> Ends {
    let mut table = [false; 256];
    let mut i = 0;
    while i < chars.len() {
        table[chars[i] as usize] = true;
        i += 1;
    }
    table
}

/// The offsets of the characters of `text` among `ends`, leaving out a `.`
/// or `,` between two digits (`49.99`, `1,000`): a figure does not end a
/// clause. At either end of `text` a `.` or `,` counts, whatever lies
/// beyond: a match stops at a figure's last digit.
fn breaks(text: &str, ends: Ends) -> impl DoubleEndedIterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(move |&i| ends[usize::from(bytes[i])])
        .filter(move |&i| {
            let digit = |at: Option<usize>| {
                at.and_then(|at| bytes.get(at))
                    .is_some_and(u8::is_ascii_digit)
            };
            !(matches!(bytes[i], b'.' | b',') && digit(i.checked_sub(1)) && digit(Some(i + 1)))
        })
}

/// The words of `text`, their surrounding punctuation trimmed.
fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(' ')
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copy::normalize::Normalized;

    /// Whether `copy`, with the phrase marked `[...]`, reads as negated.
    fn reads_negated(copy: &str) -> bool {
        let text = Normalized::new(copy).text;
        let start = text.find('[').expect("a marked phrase");
        let end = text.find(']').expect("a marked phrase");
        negated(&text[..start], &text[end + 1..])
    }

    #[test]
    fn a_question_is_no_promise_but_a_condition_is() {
        assert!(reads_negated(
            "they want to know if the account gets [free shipping]"
        ));
        assert!(reads_negated(
            "asks whether orders qualify for [free shipping]"
        ));
        assert!(!reads_negated("if you spend $50, you get [free shipping]"));
        assert!(!reads_negated(
            "orders ship free if over $50: [free shipping]"
        ));
    }

    #[test]
    fn cues_before_the_phrase() {
        assert!(reads_negated("We don't offer [free returns]."));
        assert!(reads_negated("we no longer offer [free shipping]"));
        assert!(reads_negated("non offriamo [resi senza problemi]"));
        assert!(!reads_negated("No fees, [price match guarantee] included"));
        assert!(!reads_negated(
            "We do not charge fees and offer a [price match]"
        ));
    }

    #[test]
    fn cues_after_the_phrase_in_its_clause() {
        assert!(reads_negated(
            "A [full refund] will not be possible once worn."
        ));
        assert!(reads_negated(
            "[Refunds] for subscription plans are not provided."
        ));
        assert!(reads_negated(
            "[Free returns] aren't available on sale items"
        ));
        assert!(reads_negated(
            "Our [price match guarantee] is no longer offered"
        ));
        assert!(reads_negated(
            "[Free shipping] cannot be combined with coupons"
        ));
        assert!(reads_negated(
            "[Free shipping] will never apply to furniture"
        ));
        assert!(reads_negated("Il [rimborso] non è previsto"));
        assert!(!reads_negated("[Free returns], no questions asked"));
        assert!(!reads_negated("[Free returns]. Not sure? Ask us"));
        assert!(!reads_negated("[Free returns] and we don't charge a fee"));
        assert!(!reads_negated("[Free returns] with no restocking fee"));
        assert!(!reads_negated("[Full refund] (not store credit)"));
    }

    #[test]
    fn a_condition_after_the_phrase_keeps_its_negation() {
        assert!(!reads_negated("[Free returns] if the item is not worn"));
        assert!(!reads_negated(
            "a [full refund] when the seal has not been broken"
        ));
        assert!(!reads_negated(
            "[free shipping] on orders that do not contain furniture"
        ));
        assert!(!reads_negated(
            "[rimborso completo] se il prodotto non è usato"
        ));
    }

    #[test]
    fn narrowing_and_noun_prefixes_are_not_negation() {
        assert!(!reads_negated("[Free shipping] is not just for members"));
        assert!(!reads_negated("[Free shipping] isn't only for big orders"));
        assert!(!reads_negated("[Full refund] in no longer than 5 days"));
        assert!(!reads_negated(
            "[Refunds] are issued not later than 14 days after"
        ));
        assert!(!reads_negated("[Free returns] - receipt not required"));
        assert!(!reads_negated("[Free returns] on non-sale items"));
        assert!(!reads_negated("[Free shipping] for non members too"));
    }

    #[test]
    fn idioms_of_praise_are_not_negation() {
        assert!(!reads_negated("Don't miss our [60-day returns]!"));
        assert!(!reads_negated("No doubt you'll love our [60-day returns]"));
        assert!(!reads_negated("[60-day returns] won't disappoint"));
        assert!(!reads_negated("You'll never regret [free returns]"));
        // Only the verb right after the cue makes the idiom.
        assert!(reads_negated("We don't offer [60-day returns], sorry"));
        assert!(reads_negated("[Free returns] will not be missed"));
    }

    #[test]
    fn figures_do_not_end_a_clause() {
        assert!(reads_negated("[free shipping] over $49.99 is not offered"));
        assert!(!reads_negated("[free shipping] over $49. Not on furniture"));
        assert!(reads_negated("we do not ship 1,000 kg for [free shipping]"));
    }

    #[test]
    fn a_sentence_runs_across_commas() {
        assert!(same_sentence(", less the original shipping charge"));
        assert!(same_sentence(" on orders over $49.99, "));
        assert!(!same_sentence(". Items "));
        assert!(!same_sentence("; "));
        assert!(!same_sentence(" items\nless"));
    }
}
