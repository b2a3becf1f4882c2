//! `promiselint check --fix` and `--fix --dry-run` through the real binary,
//! on a copy of `tests/fixtures/fix` in a temporary folder: which figures
//! change, which files stay untouched to the byte and the second, and what
//! is reported as not fixable.

use crate::common;

use common::{code, copy_folder, promiselint_in, stderr, stdout};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A fresh copy of the fixture.
fn fixture() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix");
    copy_folder(&from, folder.path());
    folder
}

fn read(folder: &Path, file: &str) -> Vec<u8> {
    std::fs::read(folder.join(file)).unwrap()
}

fn text(folder: &Path, file: &str) -> String {
    String::from_utf8(read(folder, file)).unwrap()
}

/// Every file of the fixture, with its bytes and when it was last written.
fn snapshot(folder: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(folder.join("site"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            (path.clone(), std::fs::read(&path).unwrap(), modified)
        })
        .collect();
    files.sort();
    files
}

fn fix(folder: &Path, extra: &[&str]) -> std::process::Output {
    let args = [&["check", ".", "--fix", "--format", "short"], extra].concat();
    promiselint_in(folder, &args)
}

#[test]
fn broken_figures_become_the_policys_and_the_rest_is_reported() {
    let folder = fixture();
    let path = folder.path();
    let untouched = path.join("site/kept.md");
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = fix(path, &[]);
    let said = stderr(&output);

    assert_eq!(
        text(path, "site/returns.md"),
        "# Returns\n\nEnjoy 30-day returns on everything.\n\nOr Thirty-day returns, in words.\n\nSwap it: 14-day exchanges.\n"
    );
    assert!(
        said.contains("site/returns.md:3:7: \"60-day returns\" → \"30-day returns\""),
        "{said}"
    );
    assert!(
        said.contains("\"Sixty-day returns\" → \"Thirty-day returns\""),
        "{said}"
    );
    // Two weeks convert exactly to 14 days.
    assert!(
        said.contains("\"21-day exchanges\" → \"14-day exchanges\""),
        "{said}"
    );

    // Money and percents keep their signs; CRLF stays CRLF.
    assert_eq!(
        read(path, "site/shipping.txt"),
        b"Free shipping on orders over $50!\r\nSave 10% today.\r\n"
    );
    // The byte-order mark stays.
    assert_eq!(
        read(path, "site/bom.html"),
        b"\xef\xbb\xbf<p>Return it within 30 days.</p>\n"
    );

    // Business days do not convert to calendar days: reported, left alone.
    assert_eq!(text(path, "site/delivery.md"), "Fast: arrives in 3 days.\n");
    assert!(
        said.contains("site/delivery.md:1:7: \"arrives in 3 days\" not fixed: 7 business days is not an exact number of days"),
        "{said}"
    );

    // A file with nothing to fix is not even rewritten.
    assert_eq!(text(path, "site/kept.md"), "Enjoy 30-day returns.\n");
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        before
    );

    // The copy is checked again: only the broken promise with no fix is left.
    let findings = stdout(&output);
    assert_eq!(findings.lines().count(), 1, "{findings}");
    assert!(
        findings.starts_with("site/delivery.md:1:7: error[PL102]"),
        "{findings}"
    );
    assert_eq!(code(&output), 1);
}

#[test]
fn a_second_run_has_nothing_to_do() {
    let folder = fixture();
    fix(folder.path(), &[]);
    let before = snapshot(folder.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = fix(folder.path(), &[]);
    assert_eq!(snapshot(folder.path()), before);
    let said = stderr(&output);
    assert!(said.contains("fixed 0 figures, 1 left as it is"), "{said}");
    assert_eq!(code(&output), 1);
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let folder = fixture();
    let before = snapshot(folder.path());
    let output = fix(folder.path(), &["--dry-run"]);
    assert_eq!(snapshot(folder.path()), before);
    assert_eq!(code(&output), 1);
    let diff = stdout(&output);
    assert!(
        diff.contains("--- a/site/returns.md\n+++ b/site/returns.md\n"),
        "{diff}"
    );
    insta::assert_snapshot!(diff);
    insta::assert_snapshot!("dry_run_stderr", stderr(&output));
}

#[test]
fn dry_run_requires_fix() {
    let folder = fixture();
    let output = promiselint_in(folder.path(), &["check", ".", "--dry-run"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--fix"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let folder = fixture();
    let path = folder.path().join("site/returns.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    fix(folder.path(), &[]);
    assert!(text(folder.path(), "site/returns.md").contains("30-day"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn a_suppressed_line_is_not_fixed() {
    let folder = fixture();
    let path = folder.path().join("site/returns.md");
    let copy = "<!-- promiselint-disable-next-line broken-promise -->\n90-day returns.\n";
    std::fs::write(&path, copy).unwrap();
    fix(folder.path(), &[]);
    assert_eq!(text(folder.path(), "site/returns.md"), copy);
}

#[test]
fn a_promise_no_new_figure_can_keep_is_explained_in_its_own_words() {
    let folder = common::folder(&[
        (
            "store.promise",
            "policy returns {\n  window = 30 days\n  restocking_fee = 15%\n  lifetime = no\n}\n\n\
             promise \"free returns\" {\n  says \"no restocking fee\"\n\
             \x20 requires returns.restocking_fee == 0%\n}\n\n\
             promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n\
             \x20 requires returns.window >= n days or returns.lifetime == yes\n}\n\n\
             touchpoint site \"Site\" {\n  files \"site/*.md\"\n}\n",
        ),
        (
            "site/index.md",
            "Shop with no restocking fee.\n\nEnjoy 60-day returns.\n",
        ),
    ]);
    let said = stderr(&fix(folder.path(), &["--dry-run"]));
    // What the promise needs, why no figure of the copy can be changed to
    // keep it, and what to do instead; no word of how fixes are made.
    for expected in [
        "site/index.md:1:11: \"no restocking fee\" not fixed: promise \"free returns\" needs \
         `returns.restocking_fee == 0%`, and no number in these words is part of it, so there \
         is no figure to change: reword them by hand, or change the policy",
        "site/index.md:3:7: \"60-day returns\" not fixed: promise \"{n}-day returns\" needs \
         `returns.window >= 60 days or returns.lifetime == yes`, which no one figure settles: \
         reword them by hand, or change the policy",
    ] {
        assert!(said.contains(expected), "{said}");
    }
    assert!(!said.contains("bound"), "{said}");
}
