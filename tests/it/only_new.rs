//! `--write-baseline`, `--baseline` and `--changed-since` through the real
//! binary, on folders made in temporary directories.

use crate::common;

use common::{commit_all, promiselint_in as promiselint, stderr, stdout};

const PROMISES: &str = r#"
policy returns {
  window = 30 days
}

policy shipping {
  free_over = $50
}

promise "{n}-day returns" {
  says "{n}-day returns"
  requires returns.window >= n days
}

promise "free shipping over {x}" {
  says "free shipping on orders over {x:money}"
  requires shipping.free_over <= x
}

touchpoint website {
  files "site/*.md"
}
"#;

/// A folder with the promise file and `site/index.md` holding `copy`.
fn site(copy: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("promises.promise"), PROMISES).unwrap();
    std::fs::create_dir(folder.path().join("site")).unwrap();
    std::fs::write(folder.path().join("site/index.md"), copy).unwrap();
    folder
}

#[test]
fn a_baseline_survives_edits_above_and_lets_new_findings_through() {
    let folder = site("# Returns\n\nEnjoy 60-day returns.\n");
    let dir = folder.path();
    let check = ["check", ".", "--format", "short"];

    let written = promiselint(dir, &["check", ".", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(stderr(&written).contains("recorded 2 findings in baseline.json"));
    assert!(stdout(&written).is_empty());
    let baseline = std::fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(
        baseline.contains("\"rule\": \"broken-promise\""),
        "{baseline}"
    );

    let known = promiselint(
        dir,
        &[&check[..], &["--baseline", "baseline.json"]].concat(),
    );
    assert_eq!(known.status.code(), Some(0));
    assert_eq!(stdout(&known), "");

    // Lines inserted above move the finding, not its fingerprint.
    std::fs::write(
        dir.join("site/index.md"),
        "---\ntitle: Returns\n---\n# Returns\n\nIntro.\n\nEnjoy 60-day returns.\n",
    )
    .unwrap();
    let moved = promiselint(
        dir,
        &[&check[..], &["--baseline", "baseline.json"]].concat(),
    );
    assert_eq!(moved.status.code(), Some(0), "{}", stdout(&moved));

    // A new broken promise is reported, and the two pages' figures now
    // disagree; the recorded broken promise is not reported again.
    std::fs::write(dir.join("site/sofas.md"), "Sofas: 90-day returns.\n").unwrap();
    let new = promiselint(
        dir,
        &[&check[..], &["--baseline", "baseline.json"]].concat(),
    );
    assert_eq!(new.status.code(), Some(1));
    let reported = stdout(&new);
    let broken: Vec<&str> = reported.lines().filter(|l| l.contains("[PL102]")).collect();
    assert_eq!(broken.len(), 1, "{reported}");
    assert!(
        broken[0].starts_with("site/sofas.md:1:8: error[PL102] \"90-day returns\""),
        "{reported}"
    );
    assert_eq!(
        reported.lines().filter(|l| l.contains("[PL103]")).count(),
        2,
        "{reported}"
    );

    // The recorded one, fixed, is stale: listed so the baseline can shrink.
    std::fs::remove_file(dir.join("site/sofas.md")).unwrap();
    std::fs::write(
        dir.join("site/index.md"),
        "# Returns\n\nEnjoy 30-day returns.\n",
    )
    .unwrap();
    let fixed = promiselint(
        dir,
        &[&check[..], &["--baseline", "baseline.json"]].concat(),
    );
    assert_eq!(fixed.status.code(), Some(0));
    let said = stderr(&fixed);
    assert!(
        said.contains("1 finding recorded in baseline.json fixed"),
        "{said}"
    );
    assert!(said.contains("site/index.md:3: broken-promise"), "{said}");
}

#[test]
fn a_bad_baseline_is_an_error_with_its_location() {
    let folder = site("Enjoy 60-day returns.\n");
    let dir = folder.path();
    std::fs::write(
        dir.join("baseline.json"),
        "{\n  \"version\": 1,\n  \"findings\": 3\n}\n",
    )
    .unwrap();
    let run = promiselint(dir, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(run.status.code(), Some(2));
    let said = stderr(&run);
    assert!(said.contains("baseline.json: 3:"), "{said}");
    assert!(said.contains("not a promiselint baseline"), "{said}");

    let missing = promiselint(dir, &["check", ".", "--baseline", "nowhere.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nowhere.json: cannot be read"));
}

#[test]
fn a_baseline_is_not_written_over_input_errors() {
    let folder = site("Enjoy 60-day returns.\n");
    let dir = folder.path();
    std::fs::write(
        dir.join("promises.promise"),
        "policy returns {\n  window = \n}\n",
    )
    .unwrap();
    let run = promiselint(dir, &["check", ".", "--write-baseline", "baseline.json"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no baseline written"));
    assert!(!dir.join("baseline.json").exists());
}

#[test]
fn changed_since_reports_the_copy_a_policy_change_breaks() {
    // Both promises hold at first... but the shipping one was broken all
    // along, and nobody touched it.
    let folder = site("Enjoy 30-day returns.\n\nFree shipping on orders over $20.\n");
    let dir = folder.path();
    commit_all(dir);

    let nothing = promiselint(
        dir,
        &["check", ".", "--format", "short", "--changed-since", "HEAD"],
    );
    assert_eq!(nothing.status.code(), Some(0), "{}", stdout(&nothing));

    // Only the policy file changes: the return window shrinks.
    let shorter = PROMISES.replace("window = 30 days", "window = 14 days");
    std::fs::write(dir.join("promises.promise"), shorter).unwrap();
    let run = promiselint(
        dir,
        &["check", ".", "--format", "short", "--changed-since", "HEAD"],
    );
    assert_eq!(run.status.code(), Some(1));
    let reported = stdout(&run);
    assert_eq!(reported.lines().count(), 1, "{reported}");
    assert!(
        reported.starts_with("site/index.md:1:7: error[PL102]"),
        "{reported}"
    );
    assert!(
        reported
            .contains("follows from a change since HEAD: promises.promise:3 `window = 14 days`"),
        "{reported}"
    );

    // Without the option, both broken promises are there.
    let all = promiselint(dir, &["check", ".", "--format", "short"]);
    assert_eq!(stdout(&all).lines().count(), 2);

    // Copy that changes is reported whatever it follows from.
    std::fs::write(dir.join("site/new.md"), "Now 45-day returns.\n").unwrap();
    let added = promiselint(
        dir,
        &["check", ".", "--format", "short", "--changed-since", "HEAD"],
    );
    assert!(
        stdout(&added).contains("site/new.md:1:5"),
        "{}",
        stdout(&added)
    );
}

#[test]
fn changed_since_needs_a_revision_of_a_repository() {
    let folder = site("Enjoy 30-day returns.\n");
    let dir = folder.path();
    let outside = promiselint(dir, &["check", ".", "--changed-since", "HEAD"]);
    assert_eq!(outside.status.code(), Some(2));
    assert!(stderr(&outside).contains("needs a git repository"));

    commit_all(dir);
    let unknown = promiselint(dir, &["check", ".", "--changed-since", "no-such-branch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("`no-such-branch` is not a revision"));
}
