//! `--write-baseline`, `--baseline` and `--changed-since` through the real
//! binary, on folders made in temporary directories.

use crate::common;

use common::{commit_all, promiselint_in as promiselint, stderr, stdout};
use std::collections::BTreeSet;

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

    // A new broken promise is reported, once: the two pages' figures now
    // disagree, but a figure the policy does not back is a broken promise
    // alone. The recorded broken promise is not reported again.
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
        0,
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

/// `check . --format short --changed-since HEAD` in `dir`: its exit code and report.
fn changed_since_head(dir: &std::path::Path) -> (Option<i32>, String) {
    let run = promiselint(
        dir,
        &["check", ".", "--format", "short", "--changed-since", "HEAD"],
    );
    (run.status.code(), stdout(&run))
}

/// Writes `text` to the file at `relative` in `dir`, then checks as
/// [`changed_since_head`] does.
fn written_then_checked(
    dir: &std::path::Path,
    relative: &str,
    text: impl AsRef<[u8]>,
) -> (Option<i32>, String) {
    std::fs::write(dir.join(relative), text).unwrap();
    changed_since_head(dir)
}

/// Asserts that `reported` has a line for each of `starts`, in order, each
/// starting so.
fn assert_lines_start(reported: &str, starts: &[&str]) {
    let lines: Vec<&str> = reported.lines().collect();
    assert_eq!(lines.len(), starts.len(), "{reported}");
    for (line, start) in lines.iter().zip(starts) {
        assert!(line.starts_with(start), "{start:?}: {reported}");
    }
}

/// Asserts that the places (`file:line:column:`) of the findings in
/// `reported` are `places`, however many findings each has.
fn assert_places(reported: &str, places: &[&str]) {
    let found: BTreeSet<&str> = reported
        .lines()
        .map(|line| line.split(' ').next().unwrap())
        .collect();
    assert_eq!(found, places.iter().copied().collect(), "{reported}");
}

/// Copy with two broken promises, on lines 3 and 5, separated as `newline` says.
fn two_broken(newline: &str) -> String {
    [
        "# Returns",
        "",
        "Enjoy 60-day returns.",
        "",
        "Free shipping on orders over $20.",
        "",
    ]
    .join(newline)
}

#[test]
fn changed_since_reports_the_changed_lines_of_copy_not_the_whole_file() {
    for newline in ["\n", "\r\n"] {
        let folder = site(&two_broken(newline));
        let dir = folder.path();
        commit_all(dir);
        // Line 5 changes; line 3, broken all along, is not this change's.
        let edited = two_broken(newline).replace("$20", "$10");
        let (code, reported) = written_then_checked(dir, "site/index.md", edited);
        assert_eq!(code, Some(1), "{reported}");
        assert_eq!(reported.lines().count(), 1, "{newline:?}: {reported}");
        assert!(
            reported.starts_with(
                "site/index.md:5:1: error[PL102] \"Free shipping on orders over $10\""
            ),
            "{reported}"
        );
        assert!(!reported.contains("follows from"), "{reported}");

        // A blank line taken out joins two paragraphs: the lines either
        // side of the cut changed.
        let joined = two_broken(newline).replacen(
            &format!("{newline}{newline}Free"),
            &format!("{newline}Free"),
            1,
        );
        let (_, reported) = written_then_checked(dir, "site/index.md", joined);
        assert_lines_start(
            &reported,
            &[
                "site/index.md:3:7: error[PL102]",
                "site/index.md:4:1: error[PL102]",
            ],
        );
    }
}

#[test]
fn changed_since_follows_renames_and_deletions() {
    let folder = site(&two_broken("\n"));
    let dir = folder.path();
    std::fs::write(dir.join("site/about.md"), "Also 14-day returns.\n").unwrap();
    commit_all(dir);

    // Moved as it is: nothing in it changed.
    common::git(dir, &["mv", "site/index.md", "site/home.md"]);
    let (code, reported) = changed_since_head(dir);
    assert_eq!((code, reported.as_str()), (Some(0), ""));

    // Moved and edited: only the edited line, at its new place.
    let edited = two_broken("\n").replace("# Returns\n", "# Returns\n\nHello.\n");
    let (_, reported) = written_then_checked(dir, "site/home.md", edited);
    assert!(reported.is_empty(), "only a greeting was added: {reported}");
    // A figure the policy backs too, where the page broke it: now the two
    // pages disagree, and the unchanged page's finding follows from it.
    let edited = two_broken("\n").replace("60-day", "21-day");
    let (_, reported) = written_then_checked(dir, "site/home.md", edited);
    assert_lines_start(
        &reported,
        &[
            "site/about.md:1:6: warning[PL103]",
            "site/home.md:3:7: warning[PL103]",
        ],
    );
    let cause = "(follows from a change since HEAD: site/home.md:3 `Enjoy 21-day returns.`)";
    assert!(
        reported.lines().next().unwrap().contains(cause),
        "{reported}"
    );

    // A deleted page has nothing left to report; what it disagreed with is
    // not brought up by its going.
    std::fs::remove_file(dir.join("site/home.md")).unwrap();
    let (code, reported) = changed_since_head(dir);
    assert_eq!((code, reported.as_str()), (Some(0), ""));
}

#[test]
fn changed_since_reports_every_place_a_changed_promise_or_touchpoint_reaches() {
    let folder = site("Enjoy 60-day returns.\n\nFree shipping on orders over $20.\n");
    let dir = folder.path();
    // The emails' touchpoint in a file of its own, which no finding points into.
    let channels = "touchpoint emails {\n  files \"emails/*.md\"\n}\n";
    std::fs::write(dir.join("channels.promise"), channels).unwrap();
    std::fs::create_dir(dir.join("emails")).unwrap();
    std::fs::write(
        dir.join("emails/welcome.md"),
        "Free shipping on orders over $40.\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("pages")).unwrap();
    std::fs::write(
        dir.join("pages/faq.md"),
        "Free shipping on orders over $5.\n",
    )
    .unwrap();
    commit_all(dir);

    // A new `says` phrase of one promise: its places everywhere, nobody
    // else's, each saying which change it follows from.
    let more = PROMISES.replace(
        "  says \"{n}-day returns\"\n",
        "  says \"{n}-day returns\", \"{n} days to return\"\n",
    );
    let (code, reported) = written_then_checked(dir, "promises.promise", &more);
    assert_eq!(code, Some(1));
    assert_eq!(reported.lines().count(), 1, "{reported}");
    assert!(
        reported.starts_with("site/index.md:1:7: error[PL102] \"60-day returns\""),
        "{reported}"
    );
    assert!(
        reported.contains(
            "(follows from a change since HEAD: promises.promise:11 `says \"{n}-day returns\", \"{n} days to return\"`)"
        ),
        "{reported}"
    );

    // The website takes in a folder of old copy: all its copy is checked
    // again, the emails' is not.
    let wider = PROMISES.replace("files \"site/*.md\"", "files \"site/*.md\", \"pages/*.md\"");
    let (_, reported) = written_then_checked(dir, "promises.promise", &wider);
    assert_places(
        &reported,
        &[
            "pages/faq.md:1:1:",
            "site/index.md:1:7:",
            "site/index.md:3:1:",
        ],
    );
    let cause = "(follows from a change since HEAD: promises.promise:21 \
                 `files \"site/*.md\", \"pages/*.md\"`)";
    assert!(reported.lines().all(|l| l.contains(cause)), "{reported}");

    // So do the emails, from their own file.
    common::git(dir, &["checkout", "promises.promise"]);
    let wider = channels.replace("\"emails/*.md\"", "\"emails/*.md\", \"pages/*.md\"");
    let (_, reported) = written_then_checked(dir, "channels.promise", wider);
    assert_places(&reported, &["emails/welcome.md:1:1:", "pages/faq.md:1:1:"]);
}

#[test]
fn changed_since_takes_no_option_for_a_revision() {
    let folder = site("Enjoy 30-day returns.\n");
    let dir = folder.path();
    commit_all(dir);
    for revision in [
        "--output=owned",
        "-p",
        "HEAD --output=owned",
        "HEAD:site/index.md",
    ] {
        let run = promiselint(dir, &["check", ".", &format!("--changed-since={revision}")]);
        assert_eq!(run.status.code(), Some(2), "{revision}");
        assert!(
            stderr(&run).contains("is not a revision"),
            "{revision}: {}",
            stderr(&run)
        );
        assert!(!dir.join("owned").exists());
    }
}

/// A pull request cannot blind `--changed-since`: not by a `.gitattributes`
/// that makes git call copy or promise files binary (no hunks), not by
/// moving an unchecked file where a touchpoint covers it, not by deleting a
/// suppression region's start, each of which leaves the lines that are now
/// checked untouched.
#[test]
fn changed_since_is_not_blinded_by_attributes_renames_or_deleted_comments() {
    let folder = site("Enjoy 30-day returns.\n");
    let dir = folder.path();
    std::fs::create_dir(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join("drafts/offer.md"),
        "Intro.\n\nEnjoy 90-day returns.\n",
    )
    .unwrap();
    let suppressed = "<!-- promiselint-disable broken-promise -->\nNew: 45-day returns.\n";
    std::fs::write(dir.join("site/old.md"), suppressed).unwrap();
    commit_all(dir);

    std::fs::write(dir.join(".gitattributes"), "*.md -diff\n*.promise binary\n").unwrap();
    let (code, reported) = written_then_checked(dir, "site/index.md", "Enjoy 60-day returns.\n");
    assert_eq!(code, Some(1), "{reported}");
    assert_lines_start(&reported, &["site/index.md:1:7: error[PL102]"]);
    let policy = PROMISES.replace("window = 30 days", "window = 14 days");
    std::fs::write(dir.join("site/index.md"), "Enjoy 30-day returns.\n").unwrap();
    let (_, reported) = written_then_checked(dir, "promises.promise", policy);
    assert_lines_start(&reported, &["site/index.md:1:7: error[PL102]"]);
    std::fs::write(dir.join("promises.promise"), PROMISES).unwrap();
    commit_all(dir);

    common::git(dir, &["mv", "drafts/offer.md", "site/offer.md"]);
    let (_, reported) = changed_since_head(dir);
    assert_lines_start(&reported, &["site/offer.md:3:7: error[PL102]"]);
    commit_all(dir);

    let (_, reported) = written_then_checked(dir, "site/old.md", "\nNew: 45-day returns.\n");
    assert_lines_start(&reported, &["site/old.md:2:6: error[PL102]"]);
}
