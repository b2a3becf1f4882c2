//! What the integration tests share: running the real binary, reading what
//! it said, and making git repositories to run it in.
//!
//! Each test file is a crate of its own and uses part of this.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in the crate root with `args`.
pub fn promiselint(args: &[&str]) -> Output {
    promiselint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the binary in `folder` with `args`, whatever NO_COLOR says outside.
pub fn promiselint_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promiselint"))
        .args(args)
        .current_dir(folder)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code")
}

/// Runs git in `folder`, as a user of its own, and insists it succeeds.
pub fn git(folder: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(folder)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
}

/// A git repository holding what `folder` holds, committed.
pub fn commit_all(folder: &Path) {
    git(folder, &["init", "-q"]);
    git(folder, &["add", "."]);
    git(folder, &["commit", "-q", "-m", "base"]);
}

/// Copies the files of `from` into `to`, recursively, bytes as they are.
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
