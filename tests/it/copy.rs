//! The copy scanner through the real binary: one folder per behaviour under
//! `tests/fixtures/copy/`, each with its promise file and its copy. Every
//! case is snapshotted whole, and what matters most is also asserted here,
//! so a snapshot cannot be accepted with the point of the case missing.

use std::path::Path;
use std::process::{Command, Output};

fn check(case: &str, format: &str) -> Output {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/copy")
        .join(case);
    Command::new(env!("CARGO_BIN_EXE_promiselint"))
        .args(["check", ".", "--format", format, "--color", "never"])
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// The short output of a case: one line per finding.
fn short(case: &str) -> String {
    String::from_utf8(check(case, "short").stdout).unwrap()
}

/// The lines of findings of one rule code.
fn of_rule<'a>(output: &'a str, code: &str) -> Vec<&'a str> {
    let tag = format!("[{code}]");
    output.lines().filter(|line| line.contains(&tag)).collect()
}

/// Findings of one rule code, as `file:line` pairs.
fn places(output: &str, code: &str) -> Vec<String> {
    of_rule(output, code)
        .into_iter()
        .map(|line| line.splitn(3, ':').take(2).collect::<Vec<_>>().join(":"))
        .collect()
}

#[test]
fn every_case_is_snapshotted() {
    insta::glob!("..", "fixtures/copy/*", |path| {
        let case = path.file_name().unwrap().to_str().unwrap();
        let human = check(case, "human");
        let code = human.status.code().unwrap();
        assert_ne!(
            code,
            2,
            "{case} could not be checked: {}",
            String::from_utf8_lossy(&human.stdout)
        );
        let text = String::from_utf8(human.stdout).unwrap();
        insta::assert_snapshot!(format!("exit code {code}\n\n{}\n{text}", short(case)));
    });
}

#[test]
fn spacing_dashes_quotes_entities_and_line_breaks_do_not_hide_a_phrase() {
    let output = short("normalization");
    let broken = places(&output, "PL102");
    for place in [
        "site/quotes.md:1",
        "site/nbsp.md:1",
        "site/two-lines.md:1",
        "site/words.md:1",
        "site/entity.html:1",
    ] {
        assert!(
            broken.contains(&place.to_owned()),
            "{place} missing in\n{output}"
        );
    }
    // `&nbsp;` and `&#8209;` both stand inside a phrase in entity.html.
    assert_eq!(
        broken.iter().filter(|p| *p == "site/entity.html:1").count(),
        2,
        "{output}"
    );
    // "Thirty-day returns" is within the 30-day window.
    assert!(!output.contains("Thirty-day"), "{output}");
}

#[test]
fn a_line_break_tag_is_a_space_inside_its_paragraph() {
    let output = short("line_break_tags");
    // `<br>`, `<br/>` and `<br />`, with or without a line break after
    // them, in an HTML file and in a Markdown one; not the end of a `<p>`.
    assert_eq!(
        places(&output, "PL102"),
        vec![
            "emails/order.html:1",
            "emails/order.html:2",
            "emails/order.html:4",
            "emails/order.html:5",
            "site/faq.md:1",
        ],
        "{output}"
    );
    // The phrase is placed on its bytes, the tag inside it included.
    let report: serde_json::Value =
        serde_json::from_slice(&check("line_break_tags", "json").stdout).unwrap();
    let first = &report["findings"][0];
    let place = ["line", "column", "end_line", "end_column"].map(|key| &first[key]);
    let said = "arrives in<br>2 days";
    let start = "<p>Your order ".len() + 1;
    assert_eq!(place, [1, start, 1, start + said.len()], "{first}");
}

#[test]
fn units_convert_and_under_promising_is_fine() {
    let output = short("units_and_under_promising");
    let broken = of_rule(&output, "PL102").join("\n");
    assert!(broken.contains("\"8-week returns\""), "{output}");
    assert!(!broken.contains("\"4-week returns\""), "{output}");
    assert!(broken.contains("\"arrives in 3 days\""), "{output}");
    assert!(!broken.contains("\"arrives in 14 days\""), "{output}");
}

#[test]
fn the_longest_match_wins() {
    let output = short("longest_match");
    assert_eq!(
        places(&output, "PL102"),
        vec!["site/banner.md:1"],
        "{output}"
    );
    let broken = of_rule(&output, "PL102").join("\n");
    assert!(broken.contains("shipping.free_over <= $25"), "{output}");
    assert!(!broken.contains("shipping.free_over == $0"), "{output}");
}

#[test]
fn scripts_styles_comments_code_front_matter_and_yaml_keys_are_not_copy() {
    let output = short("not_copy");
    // Only the `alt` text, which customers do read, makes a promise.
    assert_eq!(
        places(&output, "PL102"),
        vec!["site/page.html:5"],
        "{output}"
    );
}

#[test]
fn binary_and_non_utf8_files_are_skipped_with_a_warning() {
    let output = short("skipped_files");
    assert_eq!(
        places(&output, "PL204"),
        vec!["site/latin1.txt:1", "site/logo.txt:1"],
        "{output}"
    );
    assert!(
        of_rule(&output, "PL204")
            .iter()
            .all(|line| line.contains(": warning[")),
        "{output}"
    );
    assert!(output.contains("is a binary file"), "{output}");
    assert!(output.contains("is not UTF-8"), "{output}");
}

#[test]
fn suppressions_drop_one_line_and_unused_ones_are_reported() {
    let output = short("suppressions");
    // The 60-day line and the sign are suppressed; the misspelt rule suppresses nothing.
    assert_eq!(places(&output, "PL102"), vec!["site/page.md:8"], "{output}");
    assert_eq!(
        places(&output, "PL203"),
        vec!["site/page.md:4", "site/page.md:7"],
        "{output}"
    );
    assert!(output.contains("`broken-promse` is not a rule"), "{output}");
}

#[test]
fn negation_exempts_promises_but_not_forbidden_words() {
    let output = short("negation");
    assert!(places(&output, "PL102").is_empty(), "{output}");
    assert_eq!(
        places(&output, "PL104"),
        vec!["scripts/call.txt:1"],
        "{output}"
    );
}

#[test]
fn touchpoint_hygiene() {
    let output = short("touchpoints");
    assert_eq!(
        places(&output, "PL201"),
        vec!["store.promise:45"],
        "{output}"
    );
    assert!(
        output.contains("scripts/call.txt:1:1: warning[PL104]"),
        "{output}"
    );
    assert_eq!(places(&output, "PL202").len(), 6, "{output}");
}

#[test]
fn a_glob_that_matches_nothing_suggests_a_near_spelling_that_does() {
    let output = crate::common::promiselint(&[
        "check",
        "tests/rules/unmatched-touchpoint",
        "--format",
        "json",
    ]);
    assert_eq!(crate::common::code(&output), 0);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let hints: Vec<String> = report["findings"]
        .as_array()
        .expect("a list of findings")
        .iter()
        .map(|finding| finding["hint"].as_str().unwrap_or_default().to_owned())
        .collect();
    // `email/**/*.htm`: both the folder and the extension are a slip away.
    assert!(
        hints
            .iter()
            .any(|hint| hint.starts_with("did you mean `emails/**/*.html`?")),
        "{hints:?}"
    );
    // `newsletter/**/*.html`: no folder is near, so no guess.
    assert!(
        hints
            .iter()
            .any(|hint| hint.starts_with("globs are relative to")),
        "{hints:?}"
    );
}

#[test]
fn different_figures_for_one_promise_are_inconsistent() {
    let output = short("inconsistent");
    // The policy backs both figures, so every place is reported; "thirty
    // days" agrees with "30-day": one figure, said in two places.
    assert_eq!(
        places(&output, "PL103"),
        vec!["emails/order.html:1", "site/faq.md:1", "site/index.md:1"],
        "{output}"
    );
    let expected = "\"14-day returns\" here, but \"Return it within thirty days\" in site/faq.md (and 1 other place)";
    assert!(output.contains(expected), "{output}");
}

#[test]
fn a_file_that_never_says_its_disclosure_is_reported() {
    let output = short("disclosure");
    assert_eq!(
        places(&output, "PL105"),
        vec!["app/update-3.3.md:1"],
        "{output}"
    );
    assert!(
        output.contains("never says \"what changes\" or \"what's new for you\""),
        "{output}"
    );
}

#[test]
fn json_has_a_related_place_in_the_policy_for_broken_promises() {
    let output = check("units_and_under_promising", "json");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let broken: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "broken-promise")
        .collect();
    assert!(!broken.is_empty());
    for finding in broken {
        let related = finding["related"].as_array().unwrap();
        assert!(
            related.iter().any(|r| r["file"] == "store.promise"),
            "{finding}"
        );
    }
}

/// A shop whose policy keeps 30-day returns, with `files` added to it.
fn shop(files: &[(&str, &str)]) -> tempfile::TempDir {
    let promises = ("store.promise", crate::suppress::PROMISES);
    crate::common::folder(&[&[promises], files].concat())
}

/// The short output of `check .` in `folder`.
fn short_in(folder: &Path) -> String {
    crate::common::stdout(&crate::common::promiselint_in(
        folder,
        &["check", ".", "--format", "short", "--color", "never"],
    ))
}

/// Columns count from after a UTF-8 byte order mark, as editors show the
/// line: in copy and in promise files alike.
#[test]
fn a_byte_order_mark_is_not_a_column() {
    let bom = "\u{feff}";
    let copy = shop(&[("site/a.md", &format!("{bom}We offer 60-day returns.\n"))]);
    let output = short_in(copy.path());
    assert!(
        output.starts_with("site/a.md:1:10: error[PL102]"),
        "{output}"
    );

    let promises = format!("{bom}polcy returns {{\n}}\n");
    let policy = crate::common::folder(&[("store.promise", &promises)]);
    let output = short_in(policy.path());
    assert!(output.starts_with("store.promise:1:1: error"), "{output}");
}

/// A phrase in a quoted or flow-style YAML string has its own span, through
/// the escapes before it, and `--fix` replaces its figure there.
#[test]
fn phrases_in_quoted_and_flow_yaml_are_exact_and_fixed() {
    let script = concat!(
        "steps: [Hello, \"We offer 60-day returns\"]\n",
        "say: {first: We offer 60-day returns}\n",
        "escaped: \"We say \\\"hi\\\" \\u00e9. 60-day returns\"\n",
        "single: 'It''s simple: 60-day returns.'\n",
    );
    let folder = shop(&[("site/call.yaml", script)]);
    let output = short_in(folder.path());
    let places: Vec<_> = output.lines().map(|line| line.split(": ").next()).collect();
    assert_eq!(
        places,
        [
            Some("site/call.yaml:1:26"),
            Some("site/call.yaml:2:23"),
            Some("site/call.yaml:3:33"),
            Some("site/call.yaml:4:24"),
        ],
        "{output}"
    );

    let fixed = crate::common::promiselint_in(folder.path(), &["check", ".", "--fix"]);
    assert_eq!(
        crate::common::code(&fixed),
        0,
        "{}",
        crate::common::stdout(&fixed)
    );
    let after = std::fs::read_to_string(folder.path().join("site/call.yaml")).unwrap();
    assert_eq!(after, script.replace("60-day", "30-day"));
}
