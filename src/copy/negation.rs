//! Negation: whether the words around a phrase found in copy take its
//! promise back ("we don't offer free returns").
//!
//! Negation is a cue word — `not`, `no`, `never`, `without`, a word ending in
//! `n't`, Italian `non`, `mai`, `senza`, `nessun…` — among the eight words
//! before the match in the same clause (a clause ends at `. , ; : ! ?`, a
//! line barrier, `and` or `but`).

use crate::copy::normalize::BARRIER;

/// Words that make what follows them in a clause not a promise.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "without", "cannot", "neither", "nor", "non", "mai", "senza", "nessun",
    "nessuna", "nessuno",
];

/// Words after which a clause starts afresh.
const CLAUSE_WORDS: &[&str] = &["and", "but", "e", "ma"];

/// Whether the end of `before` (the text before a match) negates it.
pub(super) fn negated(before: &str) -> bool {
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
