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
