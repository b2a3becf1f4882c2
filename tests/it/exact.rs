//! Exact numbers and full case folding, through the real binary: figures,
//! money and percents are decimals as written (no binary float rounds
//! `0.99999999999999999999` to `1` or prints `9007199254740993` as `…992`),
//! and copy matches a phrase whatever its case under full Unicode folding
//! (`ΟΔΌΣ` is `οδός`, `STRASSE` is `straße`).

use crate::common::{code, folder, promiselint_in, stdout};
use std::path::Path;

/// A promise file with one policy field and the promises given, reading
/// copy from `site/`.
fn promise_file(policy: &str, promises: &str) -> String {
    format!(
        "policy store {{\n  {policy}\n}}\n\n{promises}\ntouchpoint website \"Website\" {{\n  files \"site/**/*.md\"\n}}\n"
    )
}

/// `check --format short` in `dir`, one line per finding, and the exit code.
fn check(dir: &Path) -> (String, i32) {
    let output = promiselint_in(
        dir,
        &["check", ".", "--format", "short", "--color", "never"],
    );
    (stdout(&output), code(&output))
}

/// Checks `dir`, insisting that exactly `lines` of `site/page.md` break a
/// promise and that the findings say each of `saying`; gives the findings.
fn broken_on(dir: &Path, lines: &[u32], saying: &[&str]) -> String {
    let (short, exit) = check(dir);
    let broken: Vec<u32> = short
        .lines()
        .filter(|line| line.contains("(broken-promise)"))
        .filter_map(|line| line.strip_prefix("site/page.md:"))
        .map(|rest| rest.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(broken, lines, "{short}");
    for said in saying {
        assert!(short.contains(said), "{said}: {short}");
    }
    assert_eq!(exit, 1, "{short}");
    short
}

/// A promise of a return window no longer than the policy's.
const RETURNS_WITHIN: &str = "\
promise \"returns within {d}\" {
  says \"return it within {d:duration}\"
  requires d <= store.window
}
";

#[test]
fn a_figure_a_hair_either_side_of_the_policy_is_not_the_policy() {
    let promises = RETURNS_WITHIN.to_owned()
        + "
promise \"kept for {d}\" {
  says \"we keep it for {d:duration}\"
  requires d >= store.window
}
";
    let dir = folder(&[
        ("store.promise", &promise_file("window = 1 days", &promises)),
        (
            "site/page.md",
            "You can return it within 1.00000000000000000001 days.\n\n\
             We keep it for 0.99999999999999999999 days.\n\n\
             You can return it within 1.00 days.\n",
        ),
    ]);
    broken_on(
        dir.path(),
        &[1, 3],
        &["it needs `0.99999999999999999999 days >= store.window`"],
    );
}

#[test]
fn a_yaml_policy_number_keeps_every_digit_it_writes() {
    let dir = folder(&[
        (
            "store.promise",
            "policy reviews from \"reviews.yaml\"\n\n\
             promise \"rated {n}\" {\n  says \"rated {n:number} stars\"\n  requires n <= reviews.rating\n}\n\n\
             touchpoint website \"Website\" {\n  files \"site/**/*.md\"\n}\n",
        ),
        ("reviews.yaml", "rating: 4.99999999999999999999\n"),
        ("site/page.md", "Rated 5 stars.\n\nRated 4.9 stars.\n"),
    ]);
    broken_on(
        dir.path(),
        &[1],
        &["reviews.rating is 4.99999999999999999999"],
    );
}

#[test]
fn a_number_with_more_digits_than_are_held_is_an_error_in_a_policy_and_unread_in_copy() {
    let promises = RETURNS_WITHIN;
    let dir = folder(&[
        (
            "store.promise",
            &promise_file("window = 0.12345678901234567890123456789012 days", promises),
        ),
        ("site/page.md", "Nothing promised.\n"),
    ]);
    let (short, exit) = check(dir.path());
    assert!(
        short.contains("store.promise:2:12: error")
            && short.contains("has more decimal places than promiselint holds exactly"),
        "{short}"
    );
    assert_eq!(exit, 2, "{short}");
    let dir = folder(&[
        ("store.promise", &promise_file("window = 30 days", promises)),
        (
            "site/page.md",
            "Return it within 1234567890123456789012345678901234 days.\n",
        ),
    ]);
    let (short, _) = check(dir.path());
    assert!(
        short.starts_with("site/page.md:1:1: warning") && short.contains("(unread-figure)"),
        "{short}"
    );
}

/// The 16-digit window of the printing tests: the first integer a binary
/// float cannot hold.
const WINDOW: &str = "window = 9007199254740993 days";

fn exact_window_promise() -> String {
    promise_file(
        WINDOW,
        "promise \"returns within {d}\" {\n  says \"return it within {d:duration}\"\n  requires d == store.window\n}\n",
    )
}

#[test]
fn a_large_figure_prints_as_written_in_diagnostics() {
    let dir = folder(&[
        ("store.promise", &exact_window_promise()),
        (
            "site/page.md",
            "You can return it within 9007199254740995 days.\n",
        ),
    ]);
    broken_on(
        dir.path(),
        &[1],
        &["it needs `9007199254740995 days == store.window`, \
           but store.window is 9007199254740993 days"],
    );
    let json = promiselint_in(dir.path(), &["check", ".", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        json["findings"][0]["related"][0]["message"],
        "store.window is 9007199254740993 days"
    );
}

#[test]
fn fix_writes_a_large_figure_digit_for_digit_and_fmt_keeps_it() {
    let dir = folder(&[
        (
            "store.promise",
            &exact_window_promise().replace(" = ", " =   "),
        ),
        (
            "site/page.md",
            "You can return it within 9007199254740995 days.\n",
        ),
    ]);
    let fix = promiselint_in(dir.path(), &["check", ".", "--fix", "--color", "never"]);
    let page = std::fs::read_to_string(dir.path().join("site/page.md")).unwrap();
    assert_eq!(
        page,
        "You can return it within 9007199254740993 days.\n",
        "{}",
        stdout(&fix)
    );
    promiselint_in(dir.path(), &["fmt"]);
    let formatted = std::fs::read_to_string(dir.path().join("store.promise")).unwrap();
    assert!(formatted.contains(&format!("  {WINDOW}\n")), "{formatted}");
    assert_eq!(check(dir.path()), (String::new(), 0));
}

#[test]
fn money_compares_to_the_cent_at_any_size() {
    let promises = "\
promise \"free shipping over {t}\" {
  says \"free shipping over {t:money}\"
  requires store.free_shipping <= t
}
";
    let dir = folder(&[
        (
            "store.promise",
            &promise_file("free_shipping = €9007199254740992", promises),
        ),
        (
            "site/page.md",
            "Free shipping over €9.007.199.254.740.991,99.\n\n\
             Free shipping over €9.007.199.254.740.992,00.\n\n\
             Free shipping over €19,99.\n",
        ),
    ]);
    broken_on(
        dir.path(),
        &[1, 5],
        &["it needs `store.free_shipping <= €9007199254740991.99`"],
    );
}

#[test]
fn copy_in_capitals_matches_a_phrase_under_full_case_folding() {
    let promises = "\
promise \"οδός\" {
  says \"οδός delivery in {d:duration}\"
  requires d >= store.delivery
}

promise \"straße\" {
  says \"straße delivery in {d:duration}\"
  requires d >= store.delivery
}

promise \"iade\" {
  says \"iade within {d:duration}\"
  requires d >= store.delivery
}
";
    let dir = folder(&[
        (
            "store.promise",
            &promise_file("delivery = 5 days", promises),
        ),
        (
            "site/page.md",
            "ΟΔΌΣ DELIVERY IN 2 DAYS.\n\nSTRASSE DELIVERY IN 2 DAYS.\n\nİADE WITHIN 2 DAYS.\n",
        ),
    ]);
    // Each finding quotes the copy as written, in capitals.
    broken_on(
        dir.path(),
        &[1, 3, 5],
        &[
            "\"ΟΔΌΣ DELIVERY IN 2 DAYS\"",
            "\"STRASSE DELIVERY IN 2 DAYS\"",
            "\"İADE WITHIN 2 DAYS\"",
        ],
    );
}

/// A character a reader does not see (a bidi mark or isolate, a variation
/// selector, a tag, a word joiner) inside `60-day` hides no figure, and
/// digits written full-width or Arabic-Indic are digits; the message shows
/// what hid there.
#[test]
fn invisible_characters_and_wide_digits_hide_no_figure() {
    let promises = "promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires store.window >= n days\n}\n";
    let hidden = [
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{2066}",
        "\u{34f}",
        "\u{fe0f}",
        "\u{180e}",
        "\u{2062}",
        "\u{e0041}",
    ];
    let mut page: Vec<String> = hidden
        .iter()
        .map(|c| format!("Enjoy 6{c}0-day returns."))
        .collect();
    page.extend([
        "Enjoy ６０-day returns.".into(),
        "Enjoy ٦٠-day returns.".into(),
    ]);
    let dir = folder(&[
        ("store.promise", &promise_file("window = 30 days", promises)),
        ("site/page.md", &page.join("\n\n")),
    ]);
    let lines: Vec<u32> = (0..page.len() as u32).map(|i| 2 * i + 1).collect();
    broken_on(
        dir.path(),
        &lines,
        &[
            "\"6\\u{200e}0-day returns\"",
            "\"6\\u{e0041}0-day returns\"",
            "\"６０-day returns\"",
        ],
    );
}
