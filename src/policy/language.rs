//! The languages copy is written in, as far as reading its figures goes:
//! number words ("thirty", "trenta", "dreißig") and how decimals are written
//! differ by language. A touchpoint names its language (`language "it"`).

/// A language whose number words promiselint reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    English,
    French,
    German,
    Italian,
    Spanish,
}

impl Language {
    const CODES: &'static [(&'static str, Language)] = &[
        ("en", Language::English),
        ("fr", Language::French),
        ("de", Language::German),
        ("it", Language::Italian),
        ("es", Language::Spanish),
    ];

    /// Reads an ISO 639-1 code, in any case: `it`, `DE`.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.to_ascii_lowercase();
        Language::CODES
            .iter()
            .find(|(known, _)| *known == code)
            .map(|&(_, language)| language)
    }

    /// Every code promiselint knows.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        Language::CODES.iter().map(|(code, _)| *code)
    }

    pub fn code(self) -> &'static str {
        Language::CODES
            .iter()
            .find(|(_, language)| *language == self)
            .map(|(code, _)| *code)
            .expect("every language has a code")
    }
}
