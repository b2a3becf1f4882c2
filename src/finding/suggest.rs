//! "Did you mean …?" for misspelt names, units and keywords.

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo: at most a third of the word's length in edits (at least one), or one
/// is a prefix of the other (`restocking` for `restocking_fee`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = strsim::damerau_levenshtein(&word, &lower);
            let prefix = word.len() >= 3 && (lower.starts_with(&word) || word.starts_with(&lower));
            (distance <= limit || prefix).then_some((distance, candidate))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// "did you mean `…`?" for the closest candidate, shown by `show`; else `otherwise`.
pub fn did_you_mean_or<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    show: impl Fn(&str) -> String,
    otherwise: impl Into<String>,
) -> String {
    match did_you_mean(word, candidates) {
        Some(close) => format!("did you mean `{}`?", show(close)),
        None => otherwise.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_typos_and_prefixes() {
        assert_eq!(
            did_you_mean("dayz", ["hours", "days", "weeks"]),
            Some("days")
        );
        assert_eq!(
            did_you_mean("windw", ["window", "restocking_fee"]),
            Some("window")
        );
        assert_eq!(
            did_you_mean("restocking", ["window", "restocking_fee"]),
            Some("restocking_fee")
        );
        assert_eq!(did_you_mean("polcy", ["policy", "promise"]), Some("policy"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(did_you_mean("colour", ["window", "fee"]), None);
        assert_eq!(did_you_mean("x", ["window"]), None);
    }
}
