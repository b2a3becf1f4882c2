//! How copy states figures, through the real binary, on
//! `tests/fixtures/figures/`: every spelling of a range, the hedges before a
//! figure, currency words, contract style, and `unread-figure` for figures
//! that cannot be read. What a range or a hedge promises against a policy is
//! the comparison's business; here the places and the stated figures are.
//!
//! Number words in French, German, Italian and Spanish need a touchpoint's
//! language, which no promise file can name yet: until it can, the unit test
//! `copy::figures::tests::reads_number_words_in_five_languages` covers them.

use crate::common::{code, promiselint_in, stdout};
use std::path::Path;

fn folder() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `promiselint check` on the fixture, one line per finding.
fn short() -> (String, i32) {
    let output = promiselint_in(
        folder(),
        &[
            "check",
            "tests/fixtures/figures",
            "--format",
            "short",
            "--color",
            "never",
        ],
    );
    (stdout(&output), code(&output))
}

/// Every place a promise is made, as (file name, line, the words).
fn places() -> Vec<(String, u64, String)> {
    let output = promiselint_in(
        folder(),
        &["audit", "tests/fixtures/figures", "--format", "json"],
    );
    let audit: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut places = Vec::new();
    for promise in audit["promises"].as_array().unwrap() {
        for place in promise["occurrences"].as_array().unwrap() {
            let file = place["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_owned();
            let line = place["line"].as_u64().unwrap();
            places.push((name, line, place["text"].as_str().unwrap().to_owned()));
        }
    }
    places.sort();
    places
}

/// The words found on `line` of `file`.
fn said_on(places: &[(String, u64, String)], file: &str, line: u64) -> Option<String> {
    places
        .iter()
        .find(|(name, at, _)| name == file && *at == line)
        .map(|(_, _, text)| text.clone())
}

/// The lines of `file` with a finding of `code`.
fn lines_of(output: &str, file: &str, code: &str) -> Vec<u64> {
    output
        .lines()
        .filter(|line| line.contains(&format!("[{code}]")))
        .filter_map(|line| line.strip_prefix(&format!("tests/fixtures/figures/site/{file}:")))
        .map(|rest| rest.split(':').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn every_spelling_of_a_range_is_read_as_one_figure() {
    let places = places();
    for (line, words) in [
        (3, "ships in 3 to 5 days"),
        (5, "ships in 3-5 business days"),
        (7, "ships in 2\u{2013}6 days"),
        (9, "ships in 4\u{2014}9 days"),
        (11, "ships in between 5 and 7 working days"),
        (13, "ships in from 6 to 8 days"),
        (15, "ships in 3 days to 5 days"),
        (17, "ships in 1\u{2013}3 days"),
        (19, "ships in 5 - 10 calendar days"),
        (21, "Free shipping on orders $50-70"),
        (23, "Free shipping on orders $40 to $60"),
        (25, "A restocking fee of 5\u{2013}10%"),
        (27, "A restocking fee of 10% to 15%"),
    ] {
        assert_eq!(
            said_on(&places, "ranges.md", line).as_deref(),
            Some(words),
            "ranges.md:{line}"
        );
    }
    let (output, _) = short();
    assert!(
        lines_of(&output, "ranges.md", "PL106").is_empty(),
        "{output}"
    );
}

#[test]
fn a_hedge_is_read_into_the_phrase_and_the_stated_figure_is_bound() {
    let places = places();
    for (line, words) in [
        (3, "ships within 9 days"),
        (5, "ships in as little as 2 days"),
        (7, "ships in up to 10 days"),
        (9, "ships in about 6 days"),
        (11, "ships in approximately 8 days"),
        (13, "ships in no more than 7 days"),
        (17, "Free shipping on orders from $40"),
        (19, "Free shipping on orders starting at $55"),
        (21, "A restocking fee of up to 12%"),
    ] {
        assert_eq!(
            said_on(&places, "hedges.md", line).as_deref(),
            Some(words),
            "hedges.md:{line}"
        );
    }
    let (output, exit) = short();
    assert_eq!(exit, 1, "{output}");
    let broken = lines_of(&output, "hedges.md", "PL102");
    // The stated figure past the policy: 9 and 10 and 8 days against 7,
    // "from $40" against $50, 12% against 10%, 35 and 25 days, 45 dollars.
    for line in [3, 7, 11, 17, 21, 23, 27, 29] {
        assert!(
            broken.contains(&line),
            "hedges.md:{line} not broken:\n{output}"
        );
    }
    // Within it: 2, 6 and 7 days, $50 and $55, "2 (two) days".
    for line in [5, 9, 13, 15, 19, 25] {
        assert!(
            !broken.contains(&line),
            "hedges.md:{line} broken:\n{output}"
        );
    }
    assert!(
        output.contains("it needs `$45 >= shipping.free_over`"),
        "{output}"
    );
    assert!(
        output.contains("it needs `25 days <= shipping.max_time`"),
        "{output}"
    );
}

#[test]
fn a_figure_that_cannot_be_read_is_reported_not_skipped() {
    let (output, _) = short();
    // 3ish days, ten (11) days, 5 jours; not "a few days" (no figure), not
    // the suppressed line, not the line under negation.
    assert_eq!(
        lines_of(&output, "unread.md", "PL106"),
        [3, 5, 7],
        "{output}"
    );
    assert!(
        output.contains("its capture `d` (a duration) cannot read \"ten (11) days\""),
        "{output}"
    );
    // The suppression comment was used.
    assert!(!output.contains("PL203"), "{output}");
    // Nothing else is said of those places.
    let elsewhere: Vec<&str> = output
        .lines()
        .filter(|line| line.contains("unread.md") && !line.contains("[PL106]"))
        .collect();
    assert!(elsewhere.is_empty(), "{elsewhere:?}");
}
