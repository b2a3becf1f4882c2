//! `promiselint fmt` on copies of `tests/fixtures/fmt/` in a temporary
//! folder: what it writes, what it lists, and what it leaves alone.

use crate::common;

use common::{code, promiselint, promiselint_in, stderr, stdout};
use std::fs;
use std::path::{Path, PathBuf};

const MESSY: &str = include_str!("../fixtures/fmt/messy.promise");
const BROKEN: &str = include_str!("../fixtures/fmt/broken.promise");

/// A temporary folder holding `files` (name, contents).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(folder.path().join(name), text).unwrap();
    }
    folder
}

fn read(folder: &Path, name: &str) -> String {
    fs::read_to_string(folder.join(name)).unwrap()
}

fn formatted(text: &str) -> String {
    let folder = folder(&[("a.promise", text)]);
    let run = promiselint_in(folder.path(), &["fmt"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    read(folder.path(), "a.promise")
}

#[test]
fn a_messy_file_gets_the_canonical_layout_and_is_listed() {
    let folder = folder(&[
        ("messy.promise", MESSY),
        ("tidy.promise", "policy x {\n}\n"),
    ]);
    let run = promiselint_in(folder.path(), &["fmt"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert_eq!(stdout(&run), "messy.promise\n");
    insta::assert_snapshot!(read(folder.path(), "messy.promise"));
    // A second run finds nothing to change.
    let again = promiselint_in(folder.path(), &["fmt", "."]);
    assert_eq!((code(&again), stdout(&again).as_str()), (0, ""));
}

#[test]
fn check_lists_the_files_it_would_change_and_writes_nothing() {
    let folder = folder(&[
        ("messy.promise", MESSY),
        ("tidy.promise", "policy x {\n}\n"),
    ]);
    let run = promiselint_in(folder.path(), &["fmt", "--check"]);
    assert_eq!(code(&run), 1);
    assert_eq!(stdout(&run), "messy.promise\n");
    assert_eq!(read(folder.path(), "messy.promise"), MESSY);
    promiselint_in(folder.path(), &["fmt"]);
    let clean = promiselint_in(folder.path(), &["fmt", "--check"]);
    assert_eq!((code(&clean), stdout(&clean).as_str()), (0, ""));
}

#[test]
fn crlf_line_endings_stay_crlf() {
    let crlf = formatted(&MESSY.replace('\n', "\r\n"));
    assert_eq!(crlf, formatted(MESSY).replace('\n', "\r\n"));
}

#[test]
fn a_byte_order_mark_stays() {
    let with_bom = formatted(&format!("\u{FEFF}{MESSY}"));
    assert_eq!(with_bom, format!("\u{FEFF}{}", formatted(MESSY)));
}

#[test]
fn a_file_with_a_syntax_error_is_reported_and_left_alone() {
    let folder = folder(&[("broken.promise", BROKEN), ("messy.promise", MESSY)]);
    let run = promiselint_in(folder.path(), &["fmt", "--color", "never"]);
    assert_eq!(code(&run), 2);
    assert!(
        stderr(&run).contains("broken.promise:2:"),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("expected a value"),
        "{}",
        stderr(&run)
    );
    assert_eq!(read(folder.path(), "broken.promise"), BROKEN);
    // The other files are formatted all the same.
    assert_eq!(stdout(&run), "messy.promise\n");
    let check = promiselint_in(folder.path(), &["fmt", "--check", "broken.promise"]);
    assert_eq!((code(&check), stdout(&check).as_str()), (2, ""));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let folder = folder(&[("messy.promise", MESSY)]);
    let path: PathBuf = folder.path().join("messy.promise");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let run = promiselint_in(folder.path(), &["fmt", "messy.promise"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert_ne!(read(folder.path(), "messy.promise"), MESSY);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // Nothing is left behind but the file.
    assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
}

#[test]
fn diff_shows_what_would_change_writes_nothing_and_applies() {
    let folder = folder(&[
        ("messy.promise", MESSY),
        ("tidy.promise", "policy x {\n}\n"),
    ]);
    let run = promiselint_in(folder.path(), &["fmt", "--diff"]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    let diff = stdout(&run);
    assert!(
        diff.starts_with("--- a/messy.promise\n+++ b/messy.promise\n@@ -1,"),
        "{diff}"
    );
    assert!(!diff.contains("tidy.promise"), "{diff}");
    assert_eq!(read(folder.path(), "messy.promise"), MESSY);
    // The diff is what `fmt` would write: applied, it gives that file.
    fs::write(folder.path().join("fmt.diff"), &diff).unwrap();
    let apply = std::process::Command::new("git")
        .args(["apply", "fmt.diff"])
        .current_dir(folder.path())
        .output()
        .unwrap();
    assert!(apply.status.success(), "{}", stderr(&apply));
    assert_eq!(read(folder.path(), "messy.promise"), formatted(MESSY));
    let clean = promiselint_in(folder.path(), &["fmt", "--diff"]);
    assert_eq!((code(&clean), stdout(&clean).as_str()), (0, ""));
    // A syntax error still exits 2, beside the diff of the other files.
    fs::write(folder.path().join("broken.promise"), BROKEN).unwrap();
    fs::write(folder.path().join("messy.promise"), MESSY).unwrap();
    let broken = promiselint_in(folder.path(), &["fmt", "--diff", "--color", "never"]);
    assert_eq!(code(&broken), 2);
    assert!(stdout(&broken).starts_with("--- a/messy.promise\n"));
    assert!(stderr(&broken).contains("broken.promise:2:"));
    // Named as the command line names it.
    let named = promiselint(&["fmt", "--diff", folder.path().to_str().unwrap()]);
    let header = format!("--- a/{}\n", folder.path().join("messy.promise").display());
    assert!(stdout(&named).starts_with(&header), "{}", stdout(&named));
}

#[test]
fn aligned_end_of_line_comments_stay_aligned() {
    let text = "policy returns {\n  window=30 days          # from delivery\n  restocking_fee   =  15% # opened items\n  receipt_required = yes  # always\n\n  electronics { window = 14 days # unaligned\n  }\n}\n";
    assert_eq!(
        formatted(text),
        "policy returns {\n  window = 30 days       # from delivery\n  restocking_fee = 15%   # opened items\n  receipt_required = yes # always\n\n  electronics {\n    window = 14 days # unaligned\n  }\n}\n"
    );
}

#[test]
fn the_starter_init_writes_is_already_formatted() {
    let folder = tempfile::tempdir().unwrap();
    let init = promiselint_in(folder.path(), &["init"]);
    assert_eq!(code(&init), 0, "{}", stderr(&init));
    let check = promiselint_in(folder.path(), &["fmt", "--diff"]);
    assert_eq!((code(&check), stdout(&check).as_str()), (0, ""));
}
