//! `inconsistent-claim` through the real binary: which places it blames when
//! the copy gives one promise different figures. One folder per case under
//! `tests/fixtures/claims/`; each test asserts who is blamed and what each
//! finding points at, so a snapshot cannot be accepted with the point missing.

use crate::common::{code, promiselint_in, stdout};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

fn folder(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/claims")
        .join(case)
}

fn check(case: &str, format: &str) -> Output {
    promiselint_in(
        &folder(case),
        &["check", ".", "--format", format, "--color", "never"],
    )
}

/// An `inconsistent-claim` finding: where it stands and where its labels do,
/// as `file:line`, with the labels' words.
#[derive(Debug)]
struct Claim {
    at: String,
    message: String,
    labels: Vec<(String, String)>,
}

fn place(item: &Value) -> String {
    format!("{}:{}", item["file"].as_str().unwrap(), item["line"])
}

/// Every `inconsistent-claim` finding of a case, in the order reported.
fn claims(case: &str) -> Vec<Claim> {
    let output = check(case, "json");
    assert_ne!(code(&output), 2, "{case}: {}", stdout(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "inconsistent-claim")
        .map(|finding| Claim {
            at: place(finding),
            message: finding["message"].as_str().unwrap().to_owned(),
            labels: finding["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|label| (place(label), label["message"].as_str().unwrap().to_owned()))
                .collect(),
        })
        .collect()
}

fn places(claims: &[Claim]) -> BTreeSet<&str> {
    claims.iter().map(|claim| claim.at.as_str()).collect()
}

/// Each finding of `check --format short` on a case: `file:line:column`
/// and the rule's code.
fn findings(case: &str) -> Vec<(String, String)> {
    let said = stdout(&check(case, "short"));
    let finding = regex::Regex::new(r"^(\S+:\d+:\d+): \w+\[(PL\d+)\]").unwrap();
    said.lines()
        .filter_map(|line| finding.captures(line))
        .map(|found| (found[1].to_owned(), found[2].to_owned()))
        .collect()
}

#[test]
fn a_figure_the_policy_refutes_is_a_broken_promise_and_only_that() {
    // One right page among three wrong ones, and two figures the policy
    // backs neither of: every wrong place is blamed once, by broken-promise,
    // which says what the policy backs.
    for (case, wrong) in [
        (
            "one_right",
            ["emails/order.html:1", "site/faq.md:3", "site/sale.md:3"].as_slice(),
        ),
        (
            "none_backed",
            &["emails/order.html:1", "site/faq.md:3", "site/index.md:3"],
        ),
    ] {
        let found = findings(case);
        let blamed: BTreeSet<&str> = found
            .iter()
            .map(|(at, _)| at.rsplit_once(':').unwrap().0)
            .collect();
        assert_eq!(blamed, wrong.iter().copied().collect(), "{case}: {found:?}");
        assert_eq!(found.len(), wrong.len(), "{case}: {found:?}");
        assert!(
            found.iter().all(|(_, code)| code == "PL102"),
            "{case}: {found:?}"
        );
    }
}

#[test]
fn when_the_policy_backs_every_figure_every_place_is_shown_with_every_other() {
    let claims = claims("all_backed");
    let figures = [
        (
            "\"30-day returns\"",
            ["site/index.md:3", "site/sale.md:3"].as_slice(),
        ),
        ("\"14-day returns\"", &["site/faq.md:3"]),
        ("\"21-day returns\"", &["emails/order.html:1"]),
    ];
    let all: BTreeSet<&str> = figures
        .iter()
        .flat_map(|(_, at)| at.iter().copied())
        .collect();
    assert_eq!(places(&claims), all, "{claims:#?}");
    for claim in &claims {
        // One label for each figure but its own, at a place that states it.
        let (own, _) = figures
            .iter()
            .find(|(_, at)| at.contains(&claim.at.as_str()))
            .unwrap();
        let labelled: Vec<&str> = claim
            .labels
            .iter()
            .map(|(at, words)| {
                let (figure, at_figure) = figures
                    .iter()
                    .find(|(_, places)| places.contains(&at.as_str()))
                    .unwrap();
                assert_eq!(at, at_figure[0], "{claim:#?}");
                assert!(words.starts_with(figure), "{claim:#?}");
                *figure
            })
            .collect();
        assert_eq!(labelled.len(), 2, "{claim:#?}");
        assert!(!labelled.contains(own), "{claim:#?}");
        assert!(
            claim.message.ends_with("and the policy backs them all"),
            "{claim:#?}"
        );
    }
    // The figure said twice says so where it is labelled.
    assert!(claims.iter().any(|claim| claim.labels.contains(&(
        "site/index.md:3".to_owned(),
        "\"30-day returns\" here and in 1 other place".to_owned()
    ))));
}

#[test]
fn money_in_different_currencies_is_not_compared() {
    // $50, €45, €40 and 65 CAD: only the two euro figures disagree.
    let claims = claims("currencies");
    assert_eq!(
        places(&claims),
        BTreeSet::from(["eu/index.md:1", "eu/sale.md:1"]),
        "{claims:#?}"
    );
    for claim in &claims {
        assert_eq!(claim.labels.len(), 1, "{claim:#?}");
        assert!(claim.labels[0].0.starts_with("eu/"), "{claim:#?}");
        assert!(!claim.message.contains('$'), "{claim:#?}");
        assert!(!claim.message.contains("CAD"), "{claim:#?}");
    }
}

#[test]
fn durations_equal_in_value_agree() {
    // "2 weeks" on the site, "14 days" in the email.
    let output = check("durations", "short");
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn many_figures_are_named_two_at_a_time_and_labelled_eight() {
    // Eleven pages, eleven figures, all within policy: every page is
    // reported, and each finding stays readable.
    let claims = claims("many_figures");
    assert_eq!(claims.len(), 11, "{claims:#?}");
    for claim in &claims {
        assert_eq!(claim.labels.len(), 8, "{claim:#?}");
        assert!(
            claim.labels.iter().all(|(at, _)| *at != claim.at),
            "{claim:#?}"
        );
        assert!(
            claim.message.contains(" and 8 other figures: "),
            "{claim:#?}"
        );
    }
}

#[test]
fn the_human_output_shows_the_figures_to_choose_from() {
    let output = check("all_backed", "human");
    let text = stdout(&output);
    insta::assert_snapshot!(
        "all_backed",
        format!("exit code {}\n\n{text}", code(&output))
    );
}

#[test]
fn one_page_that_tells_cases_apart_is_not_held_against_itself() {
    // Gold members 90 days, silver members 30: the 90 is a broken promise,
    // but no disagreement, the page tells two cases apart.
    let output = check("one_page", "short");
    let said = stdout(&output);
    assert_eq!(code(&output), 1, "{said}");
    assert!(!said.contains("[PL103]"), "{said}");
    assert_eq!(said.lines().filter(|l| l.contains("[PL102]")).count(), 1);
}

#[test]
fn places_in_other_scopes_or_table_rows_are_not_compared() {
    // $50 in the US and $75 in Canada; "1 year" and "6 months" in two rows
    // of one table: different promises. $40 on another US page disagrees,
    // and is a broken promise: the audit shows it beside the $50 alone.
    let output = promiselint_in(&folder("scopes"), &["audit", ".", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let set_side_by_side: Vec<Vec<(String, Vec<String>)>> = report["inconsistencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|inconsistency| {
            let figures = inconsistency["figures"].as_array().unwrap().iter();
            figures
                .map(|group| {
                    let places = group["occurrences"].as_array().unwrap().iter().map(place);
                    (
                        group["figure"].as_str().unwrap().to_owned(),
                        places.collect(),
                    )
                })
                .collect()
        })
        .collect();
    let group = |figure: &str, at: &str| (figure.to_owned(), vec![at.to_owned()]);
    assert_eq!(
        set_side_by_side,
        [[
            group("free shipping over $50", "site/us/index.md:1"),
            group("free shipping over $40", "site/us/members.md:1"),
        ]]
    );
    assert!(claims("scopes").is_empty());
    let said = stdout(&check("scopes", "short"));
    assert!(
        said.contains("site/tables/warranty.md:4:12: error[PL102] \"Warranty period: 6 months\""),
        "{said}"
    );
}
