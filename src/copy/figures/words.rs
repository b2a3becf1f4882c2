//! The words copy writes around its figures, per language: unit words,
//! hedges, the words that join the two ends of a range, and currency words.
//!
//! These are small hand-made tables, one per language, English among them.
//! No crate fits: `text2num` reads number words only; the CLDR unit names
//! (through `icu` and its data) are for writing a quantity ("{0} jours"),
//! not for reading copy, and know nothing of the words copy writes around a
//! figure — qualifiers ("jours ouvrés", "Werktage", "días hábiles"), German
//! dative plurals ("innerhalb von 3 Tagen"), hedges ("jusqu'à", "bis zu")
//! or range words ("entre … et", "von … bis") — while pulling in a large
//! data dependency for some forty words a language.
//!
//! Every word is written as normalized copy writes it: lower case, a
//! straight apostrophe. Unit words match with or without their accents
//! ("días" and "dias", "jours ouvrés" and "jours ouvres"); hedges and range
//! words match as written, an accent-free variant listed where copy writes
//! one.

use crate::policy::language::Language;
use crate::policy::value::Unit;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The words of one language.
pub(super) struct Words {
    /// Unit words, singular and plural, qualified ones (`business days`)
    /// among them; the longest that matches is the unit.
    pub(super) units: &'static [(&'static str, Unit)],
    /// The hedges a capture reads before a number, money, percent or
    /// duration when the phrase does not write one; the longest that
    /// matches is the hedge.
    pub(super) hedges: &'static [&'static str],
    /// The hedges of a time of day.
    pub(super) time_hedges: &'static [&'static str],
    /// The words between the two ends of a range (`3 to 5`), besides a dash.
    pub(super) joiners: &'static [&'static str],
    /// The words around the low end of a range and between its ends
    /// (`between 3 and 5`): after the first, only a range is read.
    pub(super) pairs: &'static [(&'static str, &'static str)],
    /// Currency words after an amount, and what they mean (`None`: the
    /// locale's dollar).
    pub(super) currencies: &'static [(&'static str, Option<&'static str>)],
    /// Whether a duration may be followed by a possessive apostrophe: "30
    /// days' notice", "one week's notice".
    pub(super) possessive: bool,
}

/// The words of `language`.
pub(super) fn of(language: Language) -> &'static Words {
    match language {
        Language::English => &ENGLISH,
        Language::French => &FRENCH,
        Language::German => &GERMAN,
        Language::Italian => &ITALIAN,
        Language::Spanish => &SPANISH,
    }
}

/// Whether `word` (lower case) is a word of the figures of `language`:
/// of a unit, a hedge, a range or a currency, accents aside. Looked up in a
/// set made once per language, since every phrase found before a figure
/// asks it of the words before the figure.
pub(super) fn in_vocabulary(language: Language, word: &str) -> bool {
    const LANGUAGES: [Language; 5] = [
        Language::English,
        Language::French,
        Language::German,
        Language::Italian,
        Language::Spanish,
    ];
    static SETS: OnceLock<Vec<HashSet<String>>> = OnceLock::new();
    let sets = SETS.get_or_init(|| LANGUAGES.iter().map(|&l| vocabulary(of(l))).collect());
    let index = LANGUAGES.iter().position(|&l| l == language);
    let folded: String = word.chars().map(fold).collect();
    index.is_some_and(|i| sets[i].contains(&folded))
}

/// Every word of the figure phrases of `words`, accents folded.
fn vocabulary(words: &Words) -> HashSet<String> {
    let phrases = words
        .units
        .iter()
        .map(|(w, _)| *w)
        .chain(words.hedges.iter().copied())
        .chain(words.time_hedges.iter().copied())
        .chain(words.joiners.iter().copied())
        .chain(words.pairs.iter().flat_map(|(a, b)| [*a, *b]))
        .chain(words.currencies.iter().map(|(w, _)| *w));
    phrases
        .flat_map(|phrase| phrase.split(' '))
        .map(|word| word.chars().map(fold).collect())
        .collect()
}

/// Currency words every language reads, as English copy writes them and
/// as most of Europe does too ("50 euros", "50 Euro", "50 euro").
const CURRENCIES: &[(&str, Option<&str>)] = &[
    ("dollars", None),
    ("dollar", None),
    ("euros", Some("EUR")),
    ("euro", Some("EUR")),
    ("pounds", Some("GBP")),
    ("pound", Some("GBP")),
];

const ENGLISH: Words = Words {
    // The units of promise files: copy and policies spell them alike.
    units: Unit::SPELLINGS,
    hedges: &[
        // upper
        "up to",
        "within",
        "at most",
        "no more than",
        "under",
        "less than",
        "in as little as",
        "as little as",
        // lower
        "at least",
        "no less than",
        "over",
        "more than",
        "from",
        "starting at",
        // approximate
        "approximately",
        "about",
        "around",
        "roughly",
    ],
    time_hedges: &["before", "by"],
    joiners: &["to"],
    pairs: &[("between", "and")],
    currencies: CURRENCIES,
    possessive: true,
};

const FRENCH: Words = Words {
    units: &[
        ("minutes", Unit::Minute),
        ("minute", Unit::Minute),
        ("min", Unit::Minute),
        ("heures", Unit::Hour),
        ("heure", Unit::Hour),
        ("jours", Unit::Day),
        ("jour", Unit::Day),
        ("jours ouvrés", Unit::BusinessDay),
        ("jour ouvré", Unit::BusinessDay),
        ("jours ouvrables", Unit::BusinessDay),
        ("jour ouvrable", Unit::BusinessDay),
        ("jours calendaires", Unit::Day),
        ("jour calendaire", Unit::Day),
        ("semaines", Unit::Week),
        ("semaine", Unit::Week),
        ("mois", Unit::Month),
        ("ans", Unit::Year),
        ("an", Unit::Year),
        ("années", Unit::Year),
        ("année", Unit::Year),
    ],
    hedges: &[
        // upper
        "jusqu'à",
        "jusqu'a",
        "dans un délai de",
        "sous",
        "au plus",
        "moins de",
        // lower
        "au moins",
        "à partir de",
        "a partir de",
        "dès",
        "plus de",
        // approximate
        "environ",
    ],
    time_hedges: &["avant"],
    joiners: &["à"],
    pairs: &[("entre", "et"), ("de", "à")],
    currencies: CURRENCIES,
    possessive: false,
};

const GERMAN: Words = Words {
    units: &[
        ("minuten", Unit::Minute),
        ("minute", Unit::Minute),
        ("min", Unit::Minute),
        ("stunden", Unit::Hour),
        ("stunde", Unit::Hour),
        ("std", Unit::Hour),
        ("tage", Unit::Day),
        ("tagen", Unit::Day),
        ("tag", Unit::Day),
        ("werktage", Unit::BusinessDay),
        ("werktagen", Unit::BusinessDay),
        ("werktag", Unit::BusinessDay),
        ("arbeitstage", Unit::BusinessDay),
        ("arbeitstagen", Unit::BusinessDay),
        ("arbeitstag", Unit::BusinessDay),
        ("kalendertage", Unit::Day),
        ("kalendertagen", Unit::Day),
        ("kalendertag", Unit::Day),
        ("wochen", Unit::Week),
        ("woche", Unit::Week),
        ("monate", Unit::Month),
        ("monaten", Unit::Month),
        ("monat", Unit::Month),
        ("jahre", Unit::Year),
        ("jahren", Unit::Year),
        ("jahr", Unit::Year),
    ],
    hedges: &[
        // upper
        "bis zu",
        "innerhalb von",
        "innerhalb",
        "höchstens",
        "maximal",
        "weniger als",
        // lower
        "mindestens",
        "ab",
        "mehr als",
        // approximate
        "etwa",
        "ca.",
        "circa",
        "ungefähr",
    ],
    time_hedges: &["vor", "bis"],
    joiners: &["bis"],
    pairs: &[("zwischen", "und"), ("von", "bis")],
    currencies: CURRENCIES,
    possessive: false,
};

const ITALIAN: Words = Words {
    units: &[
        ("minuti", Unit::Minute),
        ("minuto", Unit::Minute),
        ("min", Unit::Minute),
        ("ore", Unit::Hour),
        ("ora", Unit::Hour),
        ("giorni", Unit::Day),
        ("giorno", Unit::Day),
        ("gg", Unit::Day),
        ("giorni lavorativi", Unit::BusinessDay),
        ("giorno lavorativo", Unit::BusinessDay),
        ("giorni feriali", Unit::BusinessDay),
        ("giorno feriale", Unit::BusinessDay),
        ("gg lavorativi", Unit::BusinessDay),
        ("settimane", Unit::Week),
        ("settimana", Unit::Week),
        ("mesi", Unit::Month),
        ("mese", Unit::Month),
        ("anni", Unit::Year),
        ("anno", Unit::Year),
    ],
    hedges: &[
        // upper
        "fino a",
        "entro",
        "al massimo",
        "meno di",
        // lower
        "almeno",
        "a partire da",
        "da",
        "più di",
        "oltre",
        // approximate
        "circa",
    ],
    time_hedges: &["entro le", "entro", "prima delle"],
    joiners: &["a"],
    pairs: &[("tra", "e"), ("fra", "e"), ("da", "a"), ("dal", "al")],
    currencies: &[
        ("dollari", None),
        ("dollaro", None),
        ("dollars", None),
        ("dollar", None),
        ("euros", Some("EUR")),
        ("euro", Some("EUR")),
        ("pounds", Some("GBP")),
        ("pound", Some("GBP")),
    ],
    possessive: false,
};

const SPANISH: Words = Words {
    units: &[
        ("minutos", Unit::Minute),
        ("minuto", Unit::Minute),
        ("min", Unit::Minute),
        ("horas", Unit::Hour),
        ("hora", Unit::Hour),
        ("días", Unit::Day),
        ("día", Unit::Day),
        ("días hábiles", Unit::BusinessDay),
        ("día hábil", Unit::BusinessDay),
        ("días laborables", Unit::BusinessDay),
        ("día laborable", Unit::BusinessDay),
        ("días naturales", Unit::Day),
        ("día natural", Unit::Day),
        ("semanas", Unit::Week),
        ("semana", Unit::Week),
        ("meses", Unit::Month),
        ("mes", Unit::Month),
        ("años", Unit::Year),
        ("año", Unit::Year),
    ],
    hedges: &[
        // upper
        "hasta",
        "dentro de",
        "como máximo",
        "como maximo",
        "menos de",
        // lower
        "como mínimo",
        "como minimo",
        "al menos",
        "desde",
        "a partir de",
        "más de",
        // approximate
        "unos",
        "unas",
        "aproximadamente",
        "alrededor de",
    ],
    time_hedges: &["antes de las", "antes de", "hasta las"],
    joiners: &["a"],
    pairs: &[("entre", "y"), ("de", "a"), ("del", "al")],
    currencies: &[
        ("dólares", None),
        ("dolares", None),
        ("dólar", None),
        ("dolar", None),
        ("dollars", None),
        ("dollar", None),
        ("euros", Some("EUR")),
        ("euro", Some("EUR")),
        ("pounds", Some("GBP")),
        ("pound", Some("GBP")),
    ],
    possessive: false,
};

/// The unit word at the start of `text`, the longest of `words`, and its
/// length in `text`: a whole word (no letter after it), accents aside.
pub(super) fn unit(text: &str, words: &Words) -> Option<(Unit, usize)> {
    words
        .units
        .iter()
        .filter_map(|&(word, unit)| Some((unit, starts_with_folded(text, word)?)))
        .max_by_key(|&(_, length)| length)
}

/// The length in `text` of `word` at its start, accents aside, if a letter
/// does not follow it.
fn starts_with_folded(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.chars();
    let mut length = 0;
    for expected in word.chars() {
        let c = chars.next()?;
        if fold(c) != fold(expected) {
            return None;
        }
        length += c.len_utf8();
    }
    text[length..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphabetic())
        .then_some(length)
}

/// A lower-case letter without its accent: `é` is `e`. `ñ`, `ß` and `ç`
/// stay: "ano" is no "año".
pub(super) fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        c => c,
    }
}

/// Where the text after the longest of `words` at `at`, and one space,
/// starts.
pub(super) fn longest_after(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter_map(|word| word_after(text, at, word))
        .max()
}

/// Where the text after the words `words` at `at`, and one space, starts.
pub(super) fn word_after(text: &str, at: usize, words: &str) -> Option<usize> {
    let end = at + words.len();
    (text[at..].starts_with(words) && text[end..].starts_with(' ')).then_some(end + 1)
}
