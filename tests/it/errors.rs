//! One fixture per input error (`tests/fixtures/errors/`): each must exit
//! with code 2 and say, at the right place, what is wrong and how to fix it.
//! The snapshot holds the short and the human output.

use crate::common::{code, promiselint_in, stdout};
use std::process::Command;

#[test]
fn every_input_error_is_located_and_explained() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    insta::glob!("..", "fixtures/errors/*", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let run = |format: &str| {
            Command::new(env!("CARGO_BIN_EXE_promiselint"))
                .args(["check", name, "--format", format, "--color", "never"])
                .current_dir(&root)
                .output()
                .expect("the binary runs")
        };
        let short = run("short");
        let human = run("human");
        let short_text = String::from_utf8(short.stdout).unwrap();
        assert_eq!(short.status.code(), Some(2), "{name}: {short_text}");
        assert_eq!(human.status.code(), Some(2), "{name}");
        assert!(
            short_text.lines().all(|line| line.contains("error[PL0")),
            "{name}: {short_text}"
        );
        assert!(!short_text.is_empty(), "{name} reported nothing");
        let human_text = String::from_utf8(human.stdout).unwrap();
        assert!(
            human_text.contains("help:"),
            "{name} has no hint: {human_text}"
        );
        insta::assert_snapshot!(format!("{short_text}\n{human_text}"));
    });
}

/// Input errors come before every other finding in every format, even where
/// the other finding's file sorts first: they are what to fix first.
#[cfg(unix)]
#[test]
fn input_errors_are_listed_before_other_findings() {
    let folder = tempfile::tempdir().unwrap();
    // `a-gone` sorts before `b.promise`; its finding is a warning.
    std::os::unix::fs::symlink("nowhere", folder.path().join("a-gone")).unwrap();
    std::fs::write(
        folder.path().join("b.promise"),
        "policy returns {\n  window = 30 dayz\n}\n",
    )
    .unwrap();
    for format in [
        "human", "short", "json", "sarif", "github", "gitlab", "junit",
    ] {
        let output = promiselint_in(folder.path(), &["check", ".", "--format", format]);
        assert_eq!(code(&output), 2, "{format}");
        let text = stdout(&output);
        let input_error = text.find("unknown unit `dayz`");
        let warning = text.find("a-gone is a link that cannot be followed");
        assert!(
            input_error.is_some() && warning.is_some() && input_error < warning,
            "{format}: the input error must come first:\n{text}"
        );
    }
}

/// The findings of `check FOLDER --format json`, run in `tests/fixtures/errors`.
fn json_findings(folder: &str) -> Vec<serde_json::Value> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    let output = promiselint_in(&root, &["check", folder, "--format", "json"]);
    assert_eq!(code(&output), 2, "{folder}: {}", stdout(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"].as_array().unwrap().clone()
}

/// `file:line:column` of a JSON finding or related place.
fn place(at: &serde_json::Value) -> String {
    format!(
        "{}:{}:{}",
        at["file"].as_str().unwrap(),
        at["line"],
        at["column"]
    )
}

/// A YAML key that no promise reads, a letter away from the field a promise
/// reads, is the slip: the finding stands at the key, suggests the field the
/// promise expects, and names the path that expects it.
#[test]
fn a_misspelt_yaml_key_is_reported_at_the_key() {
    let findings = json_findings("yaml_misspelt_key");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(place(finding), "yaml_misspelt_key/ops/pricing.yaml:5:3");
    assert_eq!(finding["end_column"], 23);
    let hint = finding["hint"].as_str().unwrap();
    assert!(
        hint.starts_with("did you mean `pricing.subscriptions.price_increase_notice`?"),
        "{hint}"
    );
    let related: Vec<String> = finding["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(place)
        .collect();
    assert_eq!(related, ["yaml_misspelt_key/p.promise:5:34"]);
}

/// Two paths that want the field the key misspells make one finding at the
/// key, not one each; a key that another path reads is no slip, and the
/// path that misses it is reported where it is written.
#[test]
fn a_misspelt_yaml_key_is_one_finding_and_a_key_that_is_read_is_not_blamed() {
    let findings = json_findings("yaml_misspelt_key_read_twice");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        place(&findings[0]),
        "yaml_misspelt_key_read_twice/ops/pricing.yaml:5:3"
    );
    let related: Vec<String> = findings[0]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(place)
        .collect();
    assert_eq!(
        related,
        [
            "yaml_misspelt_key_read_twice/p.promise:5:34",
            "yaml_misspelt_key_read_twice/p.promise:10:34"
        ]
    );

    let findings = json_findings("yaml_key_read_and_missed");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        place(&findings[0]),
        "yaml_key_read_and_missed/p.promise:11:34"
    );
    assert_eq!(
        findings[0]["hint"],
        "did you mean `pricing.subscriptions.price_increse_notice`?"
    );
}

/// A line of a YAML policy indented a space more or less than its siblings,
/// in a mapping or a list, is named at its indentation, not on the line
/// after it or with advice about quoting; one that YAML reads as more words
/// of the item above too.
#[test]
fn a_yaml_indentation_slip_names_its_line() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    for (folder, expected) in [
        (
            "yaml_key_indented_one_more",
            "ops/warranty.yaml:6:1: error[PL007] line 6 is indented 3 spaces, its siblings 2",
        ),
        (
            "yaml_key_indented_one_less",
            "ops/warranty.yaml:6:1: error[PL007] line 6 is indented 1 space, its siblings 2",
        ),
        (
            "yaml_item_indented_one_more",
            "ops/warranty.yaml:5:1: error[PL007] line 5 is indented 5 spaces, its siblings 4, \
             so YAML reads it as more words of the item above",
        ),
        (
            "yaml_item_indented_one_less",
            "ops/warranty.yaml:5:1: error[PL007] line 5 is indented 3 spaces, its siblings 4",
        ),
    ] {
        let output = promiselint_in(&root, &["check", folder, "--format", "short"]);
        assert_eq!(code(&output), 2, "{folder}");
        let text = stdout(&output);
        assert_eq!(
            text,
            format!("{folder}/{expected} (invalid-policy-file)\n"),
            "{folder}"
        );
    }
}

/// The same slips in a YAML copy file: the file is skipped with a warning
/// that names the line.
#[test]
fn a_yaml_copy_file_indentation_slip_names_its_line() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors_copy_yaml");
    let output = promiselint_in(&root, &["check", ".", "--format", "short"]);
    let text = stdout(&output);
    for expected in [
        "scripts/closing.yaml:4:1: warning[PL204] scripts/closing.yaml cannot be read as copy: \
         line 4 is indented 1 space, its siblings 2; it was skipped",
        "scripts/returns-call.yaml:7:1: warning[PL204] scripts/returns-call.yaml cannot be read \
         as copy: line 7 is indented 3 spaces, its siblings 2, so YAML reads it as more words of \
         the item above; it was skipped",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in:\n{text}");
    }
}

/// The `file:line:col: error[CODE]` of each line of `check FILE --format
/// short`, run in `tests/fixtures/errors`.
fn short_places(file: &str) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    let output = promiselint_in(&root, &["check", file, "--format", "short"]);
    assert_eq!(code(&output), 2, "{file}");
    stdout(&output)
        .lines()
        .map(|line| line.split(']').next().unwrap().to_owned() + "]")
        .collect()
}

/// Every syntax error of a file is reported, each once, at its place, not
/// only the first: a mistake in one item says nothing about the next, and
/// the items that parse are still checked.
#[test]
fn every_syntax_error_of_a_file_is_reported() {
    let file = "syntax_three_mistakes_in_three_items.promise";
    assert_eq!(
        short_places(file),
        [
            format!("{file}:3:22: error[PL001]"),
            format!("{file}:13:27: error[PL001]"),
            // The promise between them parses, and is checked.
            format!("{file}:19:39: error[PL002]"),
            format!("{file}:24:31: error[PL001]"),
        ]
    );
    // Inside one item, parsing goes on from the next statement.
    let file = "syntax_two_mistakes_in_one_promise.promise";
    assert_eq!(
        short_places(file),
        [
            format!("{file}:6:3: error[PL001]"),
            format!("{file}:10:3: error[PL001]"),
        ]
    );
    // A `}` left out is one error, and the promise after it, which reads the
    // policy that did not parse, is not reported as reading nothing.
    assert_eq!(
        short_places("syntax_missing_closing_brace.promise"),
        ["syntax_missing_closing_brace.promise:5:1: error[PL001]"]
    );
}
