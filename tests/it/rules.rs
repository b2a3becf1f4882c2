//! The rule registry, pinned: every rule of `promiselint::rules::ALL` is
//! documented in the sections `explain` prints, has a row in the README's
//! table, and has a fixture, `tests/rules/<rule-name>/`, a small project that
//! `promiselint check` reports the rule in (snapshotted in its short format).
//! A lint's fixture carries `promiselint-expect` comments where its findings
//! stand in copy, and `promiselint test` must pass on it.
//!
//! A rule added to the registry fails these tests until it has all of that;
//! the messages say what to add where.

use crate::common::{code, copy_folder, promiselint_in, stderr, stdout};
use promiselint::finding::{codes, Rule, RuleKind, Severity};
use promiselint::rules::{self, Documented};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The sections every rule's documentation has, in this order.
const SECTIONS: [&str; 4] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## How to fix",
];

/// Where the fixtures are, relative to the crate root.
const FIXTURES: &str = "tests/rules";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/rules/<rule-name>`, relative to the crate root.
fn fixture(rule: &Rule) -> String {
    format!("{FIXTURES}/{}", rule.name)
}

/// Fails with every problem found, one per line, after the last rule is
/// looked at: a new rule learns all it lacks at once.
fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}:\n\n{}\n",
        problems.join("\n\n")
    );
}

/// What a fixture needs that git cannot hold, added to a copy of it in a
/// temporary folder laid out as the crate is (`tests/rules/<rule-name>/`),
/// so that paths in the output read the same. `None`: the committed fixture
/// is run where it stands. Each fixture that needs this says what in its
/// README.md.
fn prepare(rule: &Rule) -> Option<tempfile::TempDir> {
    let add: fn(&Path) = match rule.name {
        // A page deleted and its link left behind: a dangling link.
        "skipped-path" => |folder| {
            #[cfg(unix)]
            std::os::unix::fs::symlink("warranty-2019.md", folder.join("site/warranty.md"))
                .unwrap();
            #[cfg(not(unix))]
            let _ = folder;
        },
        _ => return None,
    };
    let temporary = tempfile::tempdir().unwrap();
    let folder = temporary.path().join(fixture(rule));
    copy_folder(&root().join(fixture(rule)), &folder);
    add(&folder);
    Some(temporary)
}

/// Runs `promiselint <command> tests/rules/<rule-name> [args]` on the rule's
/// fixture, prepared as [`prepare`] says.
fn run(rule: &Rule, command: &str, args: &[&str]) -> Output {
    let prepared = prepare(rule);
    let folder = prepared.as_ref().map_or(root(), |t| t.path());
    let path = fixture(rule);
    promiselint_in(folder, &[&[command, path.as_str()][..], args].concat())
}

/// The files under `folder` that hold an expectation comment (`promiselint
/// test` fixtures), with their text.
fn expectations(folder: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if text.contains("promiselint-expect") {
                    found.push((path, text));
                }
            }
        }
    }
    found.sort();
    found
}

/// The exit code `check` has on a fixture whose findings are all `rule`'s,
/// at its default severity.
fn exit_code(rule: &Rule) -> i32 {
    match (rule.kind, rule.default_severity) {
        (RuleKind::Input, _) => 2,
        (RuleKind::Lint, Severity::Error) => 1,
        (RuleKind::Lint, _) => 0,
    }
}

#[test]
fn the_registry_documents_every_code_in_order() {
    let documented: Vec<&str> = rules::ALL.iter().map(|d| d.rule.code).collect();
    let coded: Vec<&str> = codes::ALL.iter().map(|r| r.code).collect();
    assert_eq!(
        documented, coded,
        "promiselint::rules::ALL (src/rules/mod.rs) must hold one documented rule for each \
         code of promiselint::finding::codes::ALL (src/finding/codes.rs), in the same order"
    );
    for Documented { rule, .. } in rules::ALL {
        let input = rule.code.starts_with("PL0");
        assert_eq!(
            rule.kind == RuleKind::Input,
            input,
            "{} `{}`: PL0xx codes, and only they, are input errors",
            rule.code,
            rule.name
        );
        if input {
            assert_eq!(rule.default_severity, Severity::Error, "{}", rule.code);
        }
    }
}

#[test]
fn every_rule_is_documented_in_every_section() {
    let mut problems = Vec::new();
    for documented in rules::ALL.iter().copied() {
        let (rule, doc) = (documented.rule, documented.doc);
        let headings: Vec<&str> = doc
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("## "))
            .collect();
        let present: Vec<&str> = SECTIONS
            .iter()
            .copied()
            .filter(|s| headings.contains(s))
            .collect();
        let missing: Vec<&str> = SECTIONS
            .iter()
            .copied()
            .filter(|s| !headings.contains(s))
            .collect();
        let in_order = headings
            .iter()
            .copied()
            .filter(|h| SECTIONS.contains(h))
            .eq(present.iter().copied());
        if !missing.is_empty() {
            problems.push(format!(
                "{} `{}`: its doc comment in src/rules/ (declare_rule!) has no section {}",
                rule.code,
                rule.name,
                missing
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        } else if !in_order || present.len() != SECTIONS.len() {
            problems.push(format!(
                "{} `{}`: its sections must come in the order {SECTIONS:?}, once each: {headings:?}",
                rule.code, rule.name
            ));
        }
        let summary = documented.summary();
        if summary.is_empty() || summary.starts_with('#') {
            problems.push(format!(
                "{} `{}`: its doc comment must open with a one-line summary",
                rule.code, rule.name
            ));
        }
    }
    assert_no_problems("rules whose documentation is incomplete", &problems);
}

#[test]
fn every_rule_has_a_row_in_the_readme_table() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut problems = Vec::new();
    for Documented { rule, .. } in rules::ALL {
        let cell = format!("| {} |", rule.code);
        let name = format!("`{}`", rule.name);
        let row = readme
            .lines()
            .any(|l| l.starts_with(&cell) && l.contains(&name));
        if !row {
            problems.push(format!(
                "{code} `{rule}`: README.md (\"What it checks\") has no row for it; add one to \
                 the table, in code order:\n| {code} | `{rule}` | <exit 2, or the default \
                 severity> | <what it finds> |",
                code = rule.code,
                rule = rule.name
            ));
        }
    }
    assert_no_problems("rules missing from README.md", &problems);
}

#[test]
fn every_rule_has_a_fixture_that_reports_it() {
    let mut problems = Vec::new();
    let mut outputs = Vec::new();
    for Documented { rule, .. } in rules::ALL {
        let path = fixture(rule);
        if !root().join(&path).is_dir() {
            problems.push(format!(
                "{code} `{name}` has no fixture: add the folder {path}/, a small project \
                 (a promises.promise, copy files such as site/*.md, a YAML policy or a \
                 promiselint.toml as the rule needs) that makes `promiselint check {path}` \
                 report {code} and nothing else; for a lint whose findings stand in copy, add \
                 a copy file with `promiselint-expect: {name}` comments too, so that \
                 `promiselint test {path}` pins where it reports. Then run \
                 `INSTA_UPDATE=always cargo test --test it rules::` and review the new \
                 snapshot tests/it/snapshots/it__rules__{name}.snap",
                code = rule.code,
                name = rule.name,
            ));
            continue;
        }
        let check = run(rule, "check", &["--format", "short"]);
        let said = stdout(&check);
        let tag = format!("[{}]", rule.code);
        let exit = code(&check);
        if !said.lines().any(|l| l.contains(&tag)) {
            problems.push(format!(
                "{}: `promiselint check {path} --format short` does not report {}; it said \
                 (exit code {exit}):\n{said}{}",
                rule.name,
                rule.code,
                stderr(&check)
            ));
        } else if let Some(other) = said.lines().find(|l| !l.contains(&tag)) {
            problems.push(format!(
                "{}: the fixture {path} must report only {}, not:\n{other}",
                rule.name, rule.code
            ));
        } else if exit != exit_code(rule) {
            problems.push(format!(
                "{}: `promiselint check {path}` exits with {exit}, not {}:\n{said}{}",
                rule.name,
                exit_code(rule),
                stderr(&check)
            ));
        }
        let severity = format!("{}{tag}", rule.default_severity.as_str());
        if rule.kind == RuleKind::Lint && !said.lines().all(|l| l.contains(&severity)) {
            problems.push(format!(
                "{}: the fixture {path} must report {} at its default severity ({severity}):\n{said}",
                rule.name, rule.code
            ));
        }
        let fixtures = expectations(&root().join(&path));
        if !fixtures.is_empty() {
            let named = fixtures.iter().any(|(_, text)| {
                text.lines()
                    .filter_map(|l| l.split_once("promiselint-expect:"))
                    .any(|(_, names)| names.contains(rule.name) || names.contains(rule.code))
            });
            if !named {
                problems.push(format!(
                    "{}: the expectation comments of {path} never name it: add a \
                     `promiselint-expect: {}` comment above a line that reports it",
                    rule.name, rule.name
                ));
            }
            let test = run(rule, "test", &[]);
            if code(&test) != 0 {
                problems.push(format!(
                    "{}: `promiselint test {path}` fails (exit code {}):\n{}{}",
                    rule.name,
                    code(&test),
                    stdout(&test),
                    stderr(&test)
                ));
            }
        }
        outputs.push((rule.name, format!("exit code {exit}\n\n{said}")));
    }
    assert_no_problems("rules whose fixture is missing or wrong", &problems);
    // Snapshots last: a failing one stops the test, and the problems above
    // should all be told first.
    for (name, text) in outputs {
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn every_fixture_folder_names_a_rule() {
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(root().join(FIXTURES)).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !rules::ALL.iter().any(|d| d.rule.name == name) {
            stale.push(format!(
                "{FIXTURES}/{name}/ names no rule of promiselint::rules::ALL: rename it after \
                 its rule (`promiselint explain` lists them) or remove it, with its snapshot \
                 tests/it/snapshots/it__rules__{name}.snap"
            ));
        }
    }
    let snapshots = root().join("tests/it/snapshots");
    for entry in std::fs::read_dir(&snapshots).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(name) = file
            .strip_prefix("it__rules__")
            .and_then(|f| f.strip_suffix(".snap"))
        else {
            continue;
        };
        if !rules::ALL.iter().any(|d| d.rule.name == name) {
            stale.push(format!(
                "tests/it/snapshots/{file} is the snapshot of no rule's fixture: remove it"
            ));
        }
    }
    assert_no_problems("stale fixtures", &stale);
}
