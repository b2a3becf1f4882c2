//! `promiselint.toml` and `promiselint init` through the real binary, each
//! case in a temporary folder of its own.

use crate::common;

use common::{code, folder, promiselint_in as promiselint, stderr, stdout};
use std::process::Output;

/// A small store: a 30-day window; the homepage promises 60-day returns (a
/// `broken-promise` error) and the FAQ 14-day returns (kept; the two figures
/// disagree, and the homepage, whose figure the policy does not back, gets
/// an `inconsistent-claim` warning).
const STORE: &[(&str, &str)] = &[
    (
        "shop/store.promise",
        "policy returns {\n  window = 30 days\n}\n\n\
         promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\n\
         touchpoint site \"Site\" {\n  files \"site/*.md\"\n}\n",
    ),
    ("shop/site/index.md", "Enjoy 60-day returns.\n"),
    ("shop/site/faq.md", "We offer 14-day returns.\n"),
];

/// The store with a `promiselint.toml` at the top of the folder.
fn store_with_config(config: &str) -> tempfile::TempDir {
    folder(&[STORE, &[("promiselint.toml", config)]].concat())
}

/// The `CODE severity` of every finding in short output, in order.
fn findings(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|line| {
            let (_, rest) = line.split_once(": ").expect("a short line");
            let (severity, rest) = rest.split_once('[').unwrap();
            format!("{} {severity}", &rest[..5])
        })
        .collect()
}

#[test]
fn without_a_configuration_the_store_fails() {
    let dir = folder(STORE);
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(code(&output), 1);
    assert_eq!(findings(&output), ["PL102 error"]);
}

#[test]
fn a_configuration_in_a_folder_above_the_checked_path_applies() {
    let dir = store_with_config("[rules]\nbroken-promise = \"warning\"\n");
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(findings(&output), ["PL102 warning"]);
    // From below the checked path: discovery starts at the path, not here.
    let site = dir.path().join("shop/site");
    let output = promiselint(&site, &["check", "..", "--format", "short"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(
        stdout(&output).starts_with("../site/index.md:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_nearest_configuration_wins() {
    let dir = store_with_config("[rules]\nbroken-promise = \"warning\"\n");
    std::fs::write(
        dir.path().join("shop/promiselint.toml"),
        "fail-on = \"info\"\n",
    )
    .unwrap();
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    // The nearer file says nothing of broken-promise: it stays an error.
    assert_eq!(code(&output), 1);
    assert!(findings(&output).contains(&"PL102 error".to_owned()));
}

#[test]
fn paths_are_checked_when_the_command_line_names_none() {
    let dir = store_with_config("paths = [\"shop\"]\n");
    let output = promiselint(dir.path(), &["check", "--format", "short"]);
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).starts_with("shop/site/index.md:"));
    // From a folder below, `paths` is still relative to the file's folder.
    let site = dir.path().join("shop/site");
    let output = promiselint(&site, &["check", "--format", "short"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).starts_with("../site/index.md:"),
        "{}",
        stdout(&output)
    );
    // A path on the command line wins over `paths`.
    let output = promiselint(dir.path(), &["check", "nowhere"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("nowhere"));
}

#[test]
fn fail_on_from_the_file_and_the_flag_over_it() {
    let dir = store_with_config("fail-on = \"warning\"\n[rules]\nPL102 = \"warning\"\n");
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(findings(&output), ["PL102 warning"]);
    assert_eq!(code(&output), 1);
    let output = promiselint(dir.path(), &["check", "shop", "--fail-on", "error"]);
    assert_eq!(code(&output), 0);
}

#[test]
fn rules_are_set_by_name_or_code_and_turned_off() {
    let dir = store_with_config("[rules]\nPL103 = \"off\"\nbroken-promise = \"info\"\n");
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(findings(&output), ["PL102 info"]);
    assert_eq!(code(&output), 0);
}

#[test]
fn input_errors_cannot_be_turned_off() {
    let dir = store_with_config("[rules]\nPL103 = \"off\"\nsyntax-error = \"off\"\n");
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stdout(&output),
        "promiselint.toml:3:16: error[PL010] PL001 (syntax-error) is an input error: \
         it cannot be turned off (invalid-config)\n"
    );
}

#[test]
fn an_excluded_copy_file_is_not_read() {
    let dir = store_with_config("exclude = [\"shop/site/index.md\"]\n");
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn an_excluded_promise_file_is_not_read() {
    let dir = store_with_config("exclude = [\"drafts\"]\n");
    std::fs::create_dir(dir.path().join("shop/drafts")).unwrap();
    std::fs::write(dir.path().join("shop/drafts/next.promise"), "policy {\n").unwrap();
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    // Not excluded: `drafts` is relative to the configuration's folder.
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    std::fs::write(
        dir.path().join("promiselint.toml"),
        "exclude = [\"*/drafts\"]\n",
    )
    .unwrap();
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert_eq!(findings(&output).len(), 1);
}

#[test]
fn an_exclude_glob_that_matches_nothing_is_reported_with_a_near_spelling() {
    let config =
        "exclude = [\n  \"shop/site/faq.md\",\n  \"shop/stie/**\",\n  \"archive/**\",\n]\n";
    let dir = store_with_config(config);
    // `archive` is outside what the run walks (it checks `shop`), but it is
    // there: the glob matches.
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::fs::write(dir.path().join("archive/old.md"), "Old news.\n").unwrap();
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    let short = stdout(&output);
    let unmatched: Vec<&str> = short
        .lines()
        .filter(|line| line.contains("[PL206]"))
        .collect();
    assert_eq!(
        unmatched,
        ["promiselint.toml:3:3: warning[PL206] exclude glob `shop/stie/**` matches no file promiselint reads \
          (unmatched-exclude)"],
        "{short}"
    );
    let json = promiselint(dir.path(), &["check", "shop", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["code"] == "PL206")
        .unwrap();
    assert_eq!(
        finding["hint"],
        "did you mean `shop/site/**`? (globs are relative to this file's folder)"
    );
    // A rule like any other: `[rules]` turns it off.
    std::fs::write(
        dir.path().join("promiselint.toml"),
        format!("{config}[rules]\nunmatched-exclude = \"off\"\n"),
    )
    .unwrap();
    let output = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert!(!stdout(&output).contains("PL206"), "{}", stdout(&output));
}

#[test]
fn an_unknown_key_is_located_with_did_you_mean() {
    let dir = store_with_config("# settings\npaths = [\"shop\"]\nfail_on = \"warning\"\n");
    let short = promiselint(dir.path(), &["check", "--format", "short"]);
    assert_eq!(code(&short), 2);
    let human = promiselint(dir.path(), &["check", "--color", "never"]);
    assert_eq!(code(&human), 2);
    insta::assert_snapshot!(format!("{}\n{}", stdout(&short), stdout(&human)));
}

#[test]
fn a_value_of_the_wrong_type_is_located() {
    let dir = store_with_config("paths = [\"shop\"]\nfail-on = 1\n");
    let output = promiselint(dir.path(), &["check", "--format", "short"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stdout(&output),
        "promiselint.toml:2:11: error[PL010] invalid type: integer `1`, expected a string \
         (invalid-config)\n"
    );
}

#[test]
fn config_names_the_file_and_no_config_reads_none() {
    let dir = store_with_config("this is not TOML\n");
    std::fs::write(dir.path().join("strict.toml"), "fail-on = \"info\"\n").unwrap();
    let strict = promiselint(dir.path(), &["check", "shop", "--config", "strict.toml"]);
    assert_eq!(code(&strict), 1);
    let none = promiselint(dir.path(), &["check", "shop", "--no-config"]);
    assert_eq!(code(&none), 1);
    let broken = promiselint(dir.path(), &["check", "shop", "--format", "short"]);
    assert_eq!(code(&broken), 2);
    assert!(stdout(&broken).starts_with("promiselint.toml:1:6: error[PL010]"));
    let missing = promiselint(dir.path(), &["check", "shop", "--config", "gone.toml"]);
    assert_eq!(code(&missing), 2);
    assert!(stdout(&missing).contains("gone.toml cannot be read"));
}

#[test]
fn init_writes_a_starter_that_checks_as_documented() {
    let dir = folder(&[]);
    let output = promiselint(dir.path(), &["init", "store"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "created store/promises.promise\ncreated store/promiselint.toml\n"
    );
    // No copy yet: the touchpoint's glob matches nothing and the promise is
    // made nowhere. Both are next steps, not failures.
    let output = promiselint(dir.path(), &["check", "store", "--format", "short"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(findings(&output), ["PL202 info", "PL201 warning"]);
    // A pipeline that checks formatting passes on the starter as written.
    let output = promiselint(dir.path(), &["fmt", "--check", "store"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    // Copy that breaks the starter promise is found.
    let site = dir.path().join("store/site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.md"), "60-day returns!\n").unwrap();
    let output = promiselint(&site, &["check", "--format", "short"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert_eq!(findings(&output), ["PL102 error"]);
}

#[test]
fn init_never_overwrites() {
    let dir = folder(&[("promiselint.toml", "fail-on = \"info\" # mine\n")]);
    let output = promiselint(dir.path(), &["init"]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        stdout(&output),
        "created promises.promise\npromiselint.toml exists, left as it is\n"
    );
    let kept = std::fs::read(dir.path().join("promiselint.toml")).unwrap();
    assert_eq!(kept, b"fail-on = \"info\" # mine\n");
    let promises = std::fs::read(dir.path().join("promises.promise")).unwrap();
    // Again: nothing is written, and no temporary file is left behind.
    let again = promiselint(dir.path(), &["init", "."]);
    assert_eq!(code(&again), 1);
    assert_eq!(
        std::fs::read(dir.path().join("promises.promise")).unwrap(),
        promises
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn init_creates_missing_folders_and_reports_what_it_cannot_write() {
    let dir = folder(&[("blocker", "a file, not a folder\n")]);
    let output = promiselint(dir.path(), &["init", "a/b/c"]);
    assert_eq!(code(&output), 0);
    assert!(dir.path().join("a/b/c/promiselint.toml").is_file());
    let output = promiselint(dir.path(), &["init", "blocker/store"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("promiselint: blocker/store: "),
        "{}",
        stderr(&output)
    );
}
