//! The command-line conventions of ruff and Vale, through the real binary:
//! `--exit-zero`, `-o/--output-file`, `--select`/`--ignore`, `completions`,
//! `man`, and colour in the short format.

use crate::common;

use common::{code, promiselint, promiselint_in, stderr, stdout};
use std::path::Path;

const RETAIL: &str = "examples/retail";

/// The rule of each line of a `--format short` report.
fn rules(short: &str) -> Vec<String> {
    short
        .lines()
        .filter_map(|line| line.rsplit_once(" (")?.1.strip_suffix(')'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn exit_zero_passes_findings_but_not_input_errors() {
    let failing = promiselint(&["check", RETAIL, "--fail-on", "info", "--format", "short"]);
    assert_eq!(code(&failing), 1);
    let passing = promiselint(&["check", RETAIL, "--exit-zero", "--format", "short"]);
    assert_eq!(code(&passing), 0, "{}", stderr(&passing));
    assert_eq!(stdout(&passing), stdout(&failing), "the report is the same");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.promise"), "promise \"x\" {\n").unwrap();
    let broken = promiselint_in(dir.path(), &["check", ".", "--exit-zero"]);
    assert_eq!(code(&broken), 2, "{}", stdout(&broken));

    let help = stdout(&promiselint(&["check", "--help"]));
    assert!(help.contains("--exit-zero"), "{help}");
    assert!(help.contains("Input errors still exit"), "{help}");
}

#[test]
fn output_file_gets_the_report_and_stdout_stays_empty() {
    let expected = promiselint(&["check", RETAIL, "--format", "json"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    let file_arg = file.to_str().unwrap();
    for flag in ["-o", "--output-file"] {
        let _ = std::fs::remove_file(&file);
        let run = promiselint(&["check", RETAIL, "--format", "json", flag, file_arg]);
        assert_eq!(code(&run), 1, "{}", stderr(&run));
        assert_eq!(stdout(&run), "", "{flag}");
        assert_eq!(std::fs::read(&file).unwrap(), expected.stdout, "{flag}");
    }
    // Written whole: no temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.json"]);
    // Without colour in a file, even when asked for on the terminal.
    let run = promiselint(&["check", RETAIL, "--color", "always", "-o", file_arg]);
    assert_eq!(code(&run), 1);
    assert!(!std::fs::read_to_string(&file).unwrap().contains('\u{1b}'));
    // A file that cannot be written is an error, exit 2.
    let missing = dir.path().join("no/such/folder/report.txt");
    let run = promiselint(&["check", RETAIL, "-o", missing.to_str().unwrap()]);
    assert_eq!(code(&run), 2);
    assert!(
        stderr(&run).contains("cannot be written"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn select_reports_only_the_rules_named() {
    let run = promiselint(&[
        "check",
        RETAIL,
        "--format",
        "short",
        "--select",
        "pl104,Unbacked-Promise",
    ]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    let mut seen = rules(&stdout(&run));
    assert!(!seen.is_empty());
    seen.sort();
    seen.dedup();
    assert_eq!(seen, ["forbidden-phrase", "unbacked-promise"]);

    // Only warnings selected: nothing reaches the default --fail-on error.
    let run = promiselint(&["check", RETAIL, "--format", "short", "--select", "PL103"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert!(rules(&stdout(&run))
        .iter()
        .all(|r| r == "inconsistent-claim"));
}

#[test]
fn ignore_drops_the_rules_named_and_wins_over_select() {
    let all = rules(&stdout(&promiselint(&[
        "check", RETAIL, "--format", "short",
    ])));
    let run = promiselint(&[
        "check", RETAIL, "--format", "short", "--ignore", "PL102", "--ignore", "pl103",
    ]);
    let kept = rules(&stdout(&run));
    assert!(kept.len() < all.len());
    assert!(!kept.is_empty());
    assert!(kept
        .iter()
        .all(|r| r != "broken-promise" && r != "inconsistent-claim"));

    let run = promiselint(&[
        "check",
        RETAIL,
        "--format",
        "short",
        "--select",
        "PL102,PL103",
        "--ignore",
        "PL102",
    ]);
    let kept = rules(&stdout(&run));
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|r| r == "inconsistent-claim"), "{kept:?}");
}

#[test]
fn select_narrows_what_the_configuration_leaves_on() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(RETAIL),
        dir.path(),
    );
    std::fs::write(
        dir.path().join("promiselint.toml"),
        "[rules]\nPL103 = \"off\"\nPL104 = \"warning\"\n",
    )
    .unwrap();
    let run = promiselint_in(
        dir.path(),
        &["check", ".", "--format", "short", "--select", "PL103,PL104"],
    );
    let out = stdout(&run);
    assert!(rules(&out).iter().all(|r| r == "forbidden-phrase"), "{out}");
    assert!(out.contains("warning[PL104]"), "{out}");
    assert_eq!(code(&run), 0, "{}", stderr(&run));
}

#[test]
fn a_misspelt_or_input_rule_is_refused() {
    let run = promiselint(&["check", RETAIL, "--select", "broken-promis"]);
    assert_eq!(code(&run), 2);
    let said = stderr(&run);
    assert!(said.contains("no rule is called `broken-promis`"), "{said}");
    assert!(said.contains("broken-promise"), "{said}");
    assert_eq!(stdout(&run), "");

    let run = promiselint(&["check", RETAIL, "--ignore", "PL001"]);
    assert_eq!(code(&run), 2);
    assert!(stderr(&run).contains("input error"), "{}", stderr(&run));
}

#[test]
fn completions_for_every_shell() {
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef promiselint"),
        ("fish", "complete -c promiselint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer"),
    ] {
        let run = promiselint(&["completions", shell]);
        assert_eq!(code(&run), 0, "{shell}: {}", stderr(&run));
        let script = stdout(&run);
        assert!(script.contains(mark), "{shell}: {script}");
        assert!(script.contains("exit-zero"), "{shell}");
    }
    assert_eq!(code(&promiselint(&["completions", "tcsh"])), 2);
}

#[test]
fn man_prints_a_roff_page_from_the_help() {
    let run = promiselint(&["man"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let page = stdout(&run);
    assert!(
        page.starts_with(".ie") || page.contains(".TH promiselint"),
        "{page}"
    );
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(page.contains("check"), "{page}");

    let run = promiselint(&["man", "check"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let page = stdout(&run);
    assert!(page.contains(".TH promiselint-check"), "{page}");
    assert!(page.contains("exit\\-zero"), "{page}");
    assert_eq!(code(&promiselint(&["man", "chek"])), 2);
}

/// `text` without its ANSI colour escapes.
fn plain(text: &str) -> String {
    regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(text, "")
        .into_owned()
}

#[test]
fn short_is_coloured_when_asked_and_plain_otherwise() {
    let short = |color: &str| {
        let run = promiselint(&["check", RETAIL, "--format", "short", "--color", color]);
        assert_eq!(code(&run), 1, "{}", stderr(&run));
        stdout(&run)
    };
    let coloured = short("always");
    let bare = short("never");
    assert!(!bare.contains('\u{1b}'), "{bare}");
    // Piped, `auto` is plain too.
    assert_eq!(short("auto"), bare);
    // The same characters, painted as ruff paints them: the path bold,
    // the severity and code by severity, the rule dimmed.
    assert_eq!(plain(&coloured), bare);
    let first = coloured.lines().next().unwrap();
    assert!(first.starts_with("\u{1b}[1mexamples/retail/"), "{first:?}");
    assert!(coloured.contains("\u{1b}[1;31merror[PL10"), "{coloured:?}");
    assert!(coloured.contains("\u{1b}[1;33mwarning[PL"), "{coloured:?}");
    assert!(coloured.contains(" \u{1b}[2m(broken-promise)\u{1b}[0m\n"));
    // An explicit --color always wins over NO_COLOR, as for the human format.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_promiselint"))
        .args(["check", RETAIL, "--format", "short", "--color", "always"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(stdout(&run), coloured);
}
