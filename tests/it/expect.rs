//! `promiselint test` through the real binary, on the fixture folders under
//! `tests/fixtures/expect/`: `passing` meets every expectation, in
//! Markdown, HTML, YAML and text; `failing` misses them in every way the
//! command reports. `check` on the same folders must not see the fixtures.

use crate::common;

use common::{code, promiselint, stdout};

const PASSING: &str = "tests/fixtures/expect/passing";
const FAILING: &str = "tests/fixtures/expect/failing";

#[test]
fn fixtures_that_meet_their_expectations_pass() {
    let output = promiselint(&["test", PASSING]);
    let text = stdout(&output);
    assert_eq!(code(&output), 0, "{text}");
    // Two fixtures with `<!-- -->` comments, two with `#` comments.
    assert_eq!(text, "4 fixtures, 10 expectations, 0 mismatches\n");
    insta::assert_snapshot!(text);
}

#[test]
fn every_mismatch_is_reported_where_it_stands() {
    let output = promiselint(&["test", FAILING]);
    let text = stdout(&output);
    assert_eq!(code(&output), 1, "{text}");
    let at = |place: &str, message: &str| {
        let line = format!("{FAILING}/{place}: {message}");
        assert!(text.contains(&line), "{line}\nmissing in\n{text}");
    };
    // The phrasing no `says` pattern catches.
    at(
        "site/tests/returns.md:3:1",
        "expected broken-promise, found none",
    );
    // A finding on a line with no expectation.
    at(
        "site/tests/returns.md:6:15",
        "unexpected broken-promise: \"90-day returns\"",
    );
    // A finding on an `expect-none` line.
    at(
        "site/tests/returns.md:9:1",
        "unexpected broken-promise: \"Hassle-free returns\"",
    );
    // A misspelt rule is one mismatch: its line's finding is not judged too.
    at(
        "site/tests/returns.md:11:1",
        "`broken-promse` is not a rule; did you mean `broken-promise`?",
    );
    assert!(!text.contains("returns.md:12:"), "{text}");
    // One rule named, two findings of it on the line.
    at(
        "site/tests/banner.html:2:25",
        "unexpected broken-promise: \"no questions asked\"",
    );
    assert!(!text.contains("banner.html:2:4:"), "{text}");
    // `#` comments in YAML: one rule met, one not; comments that cannot be checked.
    at(
        "scripts/tests/call.yaml:2:3",
        "expected inconsistent-claim, found none",
    );
    at(
        "scripts/tests/call.yaml:4:3",
        "`promiselint-expect` names no rule",
    );
    at(
        "scripts/tests/call.yaml:6:3",
        "`promiselint-expect-none` takes no rule",
    );
    assert!(text.ends_with("3 fixtures, 7 expectations, 8 mismatches\n"));
    insta::assert_snapshot!(text);
}

#[test]
fn check_leaves_fixtures_out() {
    let passing = promiselint(&["check", PASSING]);
    assert_eq!(code(&passing), 0, "{}", stdout(&passing));
    assert_eq!(stdout(&passing), "No findings in 1 promise file.\n");

    // Only fixtures make "hassle-free returns" here, and only a fixture says
    // 90 days: with them read as copy, the promise would be broken, not
    // unused, and the copy's "30-day returns" inconsistent.
    let failing = promiselint(&["check", FAILING, "--format", "short"]);
    let text = stdout(&failing);
    assert!(!text.contains("/tests/"), "{text}");
    assert!(text.contains("info[PL202] promise \"hassle-free returns\" is made nowhere"));
    assert!(!text.contains("PL103"), "{text}");
}

#[test]
fn the_retail_example_has_a_passing_fixture() {
    let output = promiselint(&["test", "examples/retail"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "1 fixture, 4 expectations, 0 mismatches\n");
}

#[test]
fn no_fixtures_fails_with_a_note() {
    let output = promiselint(&["test", "tests/fixtures/copy/suppressions"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).starts_with("No fixtures:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn input_errors_are_shown_as_check_shows_them() {
    let file = "tests/fixtures/errors/duplicate_field.promise";
    let tested = promiselint(&["test", file]);
    assert_eq!(code(&tested), 2);
    assert_eq!(stdout(&tested), stdout(&promiselint(&["check", file])));

    let missing = promiselint(&["test", "no/such/folder"]);
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/folder"));
}
