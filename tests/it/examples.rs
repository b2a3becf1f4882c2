//! The bundled examples other than `examples/retail` (which `check` and
//! `formats` cover): each is checked as a user runs it, and its promise
//! files must be in the layout `fmt` writes.

use crate::common;

use common::{code, promiselint, stdout};

/// `examples/gym`, a UK and Irish fitness-equipment store: five planted
/// broken promises (a cut-off time, a hedged working-day range, a region,
/// a currency and a warranty table row) and the two inconsistent claims
/// that go with the first two; everything else its copy says is kept.
#[test]
fn gym_example_reports_its_planted_broken_promises_and_nothing_else() {
    let output = promiselint(&["check", "examples/gym", "--format", "short"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    let text = stdout(&output);
    // One finding per scope: region, currency and table row.
    for needle in [
        "site/highlands/delivery.md:14:20: error[PL102]",
        "site/ie/en/delivery.md:8:3: error[PL102]",
        "site/uk/warranty.md:20:27: error[PL102]",
    ] {
        assert!(text.contains(needle), "no {needle} in\n{text}");
    }
    // The qualified line of the Highlands page ("…, excluding the Highlands
    // and Islands") is no promise.
    assert!(!text.contains("highlands/delivery.md:11:"), "{text}");
    insta::assert_snapshot!("gym_short", text);
}

#[test]
fn gym_example_promise_file_is_formatted() {
    let output = promiselint(&["fmt", "--check", "examples/gym"]);
    assert_eq!(
        (code(&output), stdout(&output).as_str()),
        (0, ""),
        "run `promiselint fmt examples/gym`"
    );
}
