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
