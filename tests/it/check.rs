//! `promiselint check` and `explain` through the real binary, on fixture
//! folders, with snapshots of every output format.

use crate::common;

use common::{code, promiselint, stdout};
use std::process::Output;

#[test]
fn retail_example_reports_the_unbacked_hassle_free_promise() {
    let human = promiselint(&["check", "examples/retail"]);
    assert_eq!(code(&human), 1);
    let text = stdout(&human);
    // Both the promise line and the restocking_fee line are in the snippet.
    assert!(
        text.contains("requires returns.restocking_fee == 0%"),
        "{text}"
    );
    assert!(
        text.contains("restocking_fee = 15% # opened items"),
        "{text}"
    );
    insta::assert_snapshot!("retail_human", text);

    let short = promiselint(&["check", "examples/retail", "--format", "short"]);
    assert_eq!(code(&short), 1);
    insta::assert_snapshot!("retail_short", stdout(&short));

    let json = promiselint(&["check", "examples/retail", "--format", "json"]);
    assert_eq!(code(&json), 1);
    insta::assert_snapshot!("retail_json", stdout(&json));
}

#[test]
fn json_output_has_the_documented_fields() {
    let output = promiselint(&["check", "examples/retail", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    let finding = &report["findings"][0];
    for field in [
        "rule",
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "related",
        "hint",
        "why",
    ] {
        assert!(finding.get(field).is_some(), "missing {field} in {finding}");
    }
    for field in ["file", "line", "column", "message"] {
        assert!(
            finding["related"][0].get(field).is_some(),
            "missing related {field}"
        );
    }
    let findings = report["findings"].as_array().unwrap();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(report["summary"]["errors"], errors);
}

#[test]
fn language_sketch_parses_and_only_its_unbacked_promise_is_reported() {
    let output = promiselint(&["check", "tests/fixtures/language", "--format", "short"]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn kept_promises_exit_zero() {
    let output = promiselint(&["check", "tests/fixtures/check/kept"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "No findings in 1 promise file.\n");
}

#[test]
fn the_summary_counts_the_files_its_findings_are_in() {
    let last_line = |output: &Output| stdout(output).lines().last().unwrap_or("").to_owned();
    let retail = promiselint(&["check", "examples/retail"]);
    assert_eq!(
        last_line(&retail),
        "Found 18 errors, 7 warnings and 0 infos in 1 promise file and 10 copy files."
    );
    // Every finding in copy: the promise file, which holds none, is not
    // where they are.
    let folder = common::folder(&[
        (
            "store.promise",
            "policy returns {\n  window = 30 days\n}\n\n\
             promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n\
             \x20 requires returns.window >= n days\n}\n\n\
             touchpoint site \"Site\" {\n  files \"site/*.md\"\n}\n",
        ),
        ("site/index.md", "Enjoy 60-day returns.\n"),
        ("site/faq.md", "Ask for 90-day returns.\n"),
    ]);
    let copy_only = common::promiselint_in(folder.path(), &["check", "."]);
    assert_eq!(
        last_line(&copy_only),
        "Found 2 errors, 0 warnings and 0 infos in 2 copy files."
    );
}

#[test]
fn fail_on_sets_the_lowest_failing_severity() {
    let folder = "tests/fixtures/check/warning_only";
    let default = promiselint(&["check", folder, "--format", "short"]);
    assert_eq!(code(&default), 0);
    assert!(stdout(&default).contains("warning[PL101]"));
    assert_eq!(
        code(&promiselint(&["check", folder, "--fail-on", "warning"])),
        1
    );
    assert_eq!(
        code(&promiselint(&["check", folder, "--fail-on", "info"])),
        1
    );
}

#[test]
fn business_days_compare_by_the_worst_case() {
    let output = promiselint(&["check", "tests/fixtures/check/business_days"]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn a_failing_yaml_value_is_shown_in_its_own_file() {
    let output = promiselint(&["check", "tests/fixtures/check/yaml_policy"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    assert!(text.contains("ops/warranty.yaml:8:17"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_file_named_twice_is_read_once() {
    let output = promiselint(&[
        "check",
        "tests/fixtures/check/kept",
        "./tests/fixtures/check/kept/store.promise",
    ]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = ["check", "tests/fixtures/check/warning_only"];
    let ansi = |output: Output| stdout(&output).contains('\u{1b}');
    // Piped output is not a terminal: no colour unless asked for.
    assert!(!ansi(promiselint(&args)));
    assert!(ansi(promiselint(
        &[&args[..], &["--color", "always"]].concat()
    )));
    assert!(!ansi(promiselint(
        &[&args[..], &["--color", "never"]].concat()
    )));
}

#[test]
fn explain_prints_a_rule_by_code_or_name() {
    let by_code = promiselint(&["explain", "PL101"]);
    assert_eq!(code(&by_code), 0);
    let by_name = promiselint(&["explain", "unbacked-promise"]);
    assert_eq!(stdout(&by_code), stdout(&by_name));
    insta::assert_snapshot!(stdout(&by_code));

    let list = promiselint(&["explain"]);
    assert_eq!(code(&list), 0);
    insta::assert_snapshot!("explain_list", stdout(&list));

    let unknown = promiselint(&["explain", "PL999"]);
    assert_eq!(code(&unknown), 2);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no rule is called `PL999`"));

    // A misspelt name gets the closest rule, as in promiselint.toml.
    let misspelt = promiselint(&["explain", "Brokn-Promise"]);
    assert_eq!(code(&misspelt), 2);
    assert!(
        String::from_utf8_lossy(&misspelt.stderr).contains("did you mean `broken-promise`?"),
        "{}",
        String::from_utf8_lossy(&misspelt.stderr)
    );
}

#[test]
fn paths_that_cannot_be_checked_exit_two() {
    let missing = promiselint(&["check", "no/such/folder"]);
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/folder"));

    // A folder with no promise file is copy (tests/it/pages.rs); with none
    // to check it against up to its repository's root, it cannot be checked.
    let repository = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repository.path().join(".git")).unwrap();
    std::fs::create_dir(repository.path().join("site")).unwrap();
    let empty = common::promiselint_in(repository.path(), &["check", "site"]);
    assert_eq!(code(&empty), 2);
    assert!(String::from_utf8_lossy(&empty.stderr)
        .contains("site: found no promise file to check it against"));

    let bad_flag = promiselint(&["check", "--format", "xml"]);
    assert_eq!(code(&bad_flag), 2);
}

#[test]
fn a_promise_file_that_is_not_utf8_is_an_input_error() {
    let dir = std::env::temp_dir().join(format!("promiselint-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.promise"),
        b"policy p {\n  name = \"caf\xe9\"\n}\n",
    )
    .unwrap();
    let output = promiselint(&["check", dir.to_str().unwrap(), "--format", "short"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stdout(&output).contains("error[PL008]"),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("is not UTF-8 (invalid byte on line 2, at byte offset 24)"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let dir = std::env::temp_dir().join(format!("promiselint-crlf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "\u{feff}policy returns {\r\n  window = 30 days\r\n}\r\n\r\npromise \"30-day returns\" {\r\n  says \"30-day returns\"\r\n  requires returns.window >= 30 days\r\n}\r\n";
    std::fs::write(dir.join("crlf.promise"), text).unwrap();
    let output = promiselint(&["check", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code(&output), 0, "{}", stdout(&output));
}

/// `promiselint check | head -1`: the reader closes the pipe after one line,
/// and a check that fails still exits 1 (or 2), never 0. The output is far
/// larger than a pipe holds, so the write after the close does fail.
#[test]
fn a_closed_pipe_does_not_turn_a_failed_check_into_a_pass() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("store.promise"),
        "policy returns {\n  window = 30 days\n}\n\npromise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\ntouchpoint site {\n  files \"site/*.md\"\n}\n",
    )
    .unwrap();
    std::fs::create_dir(folder.path().join("site")).unwrap();
    std::fs::write(
        folder.path().join("site/index.md"),
        "Enjoy 60-day returns.\n\n".repeat(600),
    )
    .unwrap();
    for (args, failed) in [
        (&["check", "."][..], 1),
        (&["check", "nowhere.promise"][..], 2),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_promiselint"))
            .args(args)
            .current_dir(folder.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is gone: what the check writes next meets a closed pipe.
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(failed),
            "{args:?}, first line {first:?}"
        );
    }
}

/// `requires not X` is underlined on its line, not over the blank lines
/// and comments after it up to the next statement.
#[test]
fn a_requirement_spans_its_own_words_only() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("store.promise"),
        "policy returns {\n  receipt = yes\n}\n\npromise \"no receipt needed\" {\n  says \"no receipt needed\"\n  requires not returns.receipt # the sign\n\n  # then why\n  why \"x\"\n}\n",
    )
    .unwrap();
    let output = common::promiselint_in(folder.path(), &["check", ".", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // An unbacked promise stands at the requirement that fails.
    let requirement = &report["findings"][0];
    assert_eq!(requirement["code"], "PL101", "{report}");
    assert_eq!(
        (&requirement["line"], &requirement["column"]),
        (&serde_json::json!(7), &serde_json::json!(12))
    );
    assert_eq!(
        (&requirement["end_line"], &requirement["end_column"]),
        (&serde_json::json!(7), &serde_json::json!(31)),
        "{requirement}"
    );
}

/// A NUL is not enough to call a page binary: one in a comment leaves the
/// page read, and what it says checked. A file that is not text still is
/// binary, and skipped.
#[test]
fn a_stray_nul_does_not_hide_a_page() {
    let folder = common::folder(&[
        ("store.promise", "policy returns {\n  window = 30 days\n}\n\npromise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\ntouchpoint site {\n  files \"site/*\"\n}\n"),
        ("site/page.html", "<!doctype html>\n<!-- \0 -->\n<p>Enjoy 60-day returns.</p>\n"),
        ("site/notes.md", "Hello. <!-- \0 -->\n\nEnjoy 60-day returns.\n"),
        ("site/logo.md", "GIF89a\0\u{1}\u{2}\u{3}60-day returns\n"),
    ]);
    let output = common::promiselint_in(folder.path(), &["check", ".", "--format", "short"]);
    let said = common::stdout(&output);
    let lines: Vec<&str> = said
        .lines()
        .map(|line| line.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "site/logo.md:1:1:",
            "site/notes.md:3:7:",
            "site/page.html:3:10:"
        ],
        "{said}"
    );
    assert!(said.contains("site/logo.md is a binary file"), "{said}");
    assert_eq!(common::code(&output), 1, "{said}");
}

/// `init`'s configuration makes a skipped copy file fail the run, so that a
/// pull request cannot hide a page by making it unreadable.
#[test]
fn inits_configuration_fails_the_run_on_a_skipped_copy_file() {
    let folder = common::folder(&[("site/logo.html", "GIF89a\0\u{1}\u{2}\u{3}")]);
    let init = common::promiselint_in(folder.path(), &["init"]);
    assert_eq!(common::code(&init), 0, "{}", common::stderr(&init));
    let output = common::promiselint_in(folder.path(), &["check", "--format", "short"]);
    let said = common::stdout(&output);
    assert!(
        said.contains("site/logo.html:1:1: error[PL204] site/logo.html is a binary file"),
        "{said}"
    );
    assert_eq!(common::code(&output), 1, "{said}");
}
