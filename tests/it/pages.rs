//! Checking pages, as ruff and Vale users check files: `promiselint check
//! site/index.md`, several pages, a folder of copy, through the real
//! binary. The store is `tests/fixtures/pages/store`; cases that need a
//! configuration or a repository root copy it into a folder of their own.

use crate::common::{code, copy_folder, promiselint_in, stderr, stdout};
use std::path::{Path, PathBuf};

fn store() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/store")
}

/// What `check ARGS --format short` did in `folder`.
struct Run {
    code: i32,
    /// Each finding's `file:line:col: severity[CODE]`.
    heads: Vec<String>,
    out: String,
    err: String,
}

fn short_in(folder: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--format", "short"];
    all.extend(args);
    let output = promiselint_in(folder, &all);
    let out = stdout(&output);
    let heads = out
        .lines()
        .map(|line| {
            let end = line.find(']').map_or(line.len(), |at| at + 1);
            line[..end].to_owned()
        })
        .collect();
    Run {
        code: code(&output),
        heads,
        out,
        err: stderr(&output),
    }
}

#[test]
fn one_page_is_checked_alone_against_the_promise_files_above_it() {
    // No promiselint.toml: the promise files are found in the folders
    // above the page. Only the page's own findings are reported: a run over
    // one page cannot know that the price-match promise is made nowhere,
    // nor that `ap/*.md` matches nothing, nor compare it with faq.md.
    let run = short_in(&store(), &["site/index.md"]);
    assert_eq!(
        (run.code, run.heads),
        (1, vec!["site/index.md:3:23: error[PL102]".to_owned()]),
        "{}",
        run.err
    );
    assert_eq!(run.err, "");
    // Named from its own folder, or absolutely, it is shown as named; the
    // places in the promise file too, relative to the current folder.
    let site = store().join("site");
    assert_eq!(
        short_in(&site, &["./index.md"]).heads,
        ["index.md:3:23: error[PL102]"]
    );
    let absolute = site.join("index.md");
    assert_eq!(
        short_in(Path::new("/"), &[absolute.to_str().unwrap()]).heads,
        [format!("{}:3:23: error[PL102]", absolute.display())]
    );
    let human = stdout(&promiselint_in(
        &site,
        &["check", "index.md", "--color", "never"],
    ));
    assert!(human.contains("╭─[../promises.promise:5:12]"), "{human}");
}

#[test]
fn several_pages_and_a_folder_of_copy_are_compared_only_with_each_other() {
    // Two pages whose figures the policy backs both disagree with each other.
    let run = short_in(&store(), &["site/faq.md", "emails/welcome.html"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(
        run.heads,
        [
            "emails/welcome.html:1:19: warning[PL103]",
            "site/faq.md:3:24: warning[PL103]"
        ]
    );
    assert!(
        run.out
            .contains("\"30-day returns\" here, but \"14-day returns\" in emails/welcome.html"),
        "{}",
        run.out
    );
    // A folder's pages are compared with each other and with no page left
    // unread: the email's 14 days would hold the FAQ's 30 against it.
    let run = short_in(&store(), &["site/"]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert_eq!(run.heads, ["site/index.md:3:23: error[PL102]"]);
}

#[test]
fn a_page_no_touchpoint_covers_is_named_with_the_globs_and_a_near_one() {
    let run = short_in(&store(), &["app/update.md", "notes/readme.md", "notes"]);
    // Not checked is not a failure: pre-commit hands every file staged.
    assert_eq!((run.code, run.heads), (0, Vec::new()));
    let globs = "\n  = the touchpoints' globs: `site/**/*.md` (website), `emails/*.html` (emails), `ap/*.md` (app)\n";
    for said in [
        "warning: app/update.md was not checked: no touchpoint's `files` covers it",
        "\n  = hint: did you mean `app/*.md`? touchpoint `app` has `ap/*.md` (promises.promise:35:9)\n",
        "warning: notes/readme.md was not checked: no touchpoint's `files` covers it",
        // A folder with no page a touchpoint covers, the same.
        "warning: notes was not checked: no touchpoint's `files` covers a file in it",
    ] {
        assert!(run.err.contains(said), "{said}\nnot in\n{}", run.err);
    }
    assert_eq!(run.err.matches(globs).count(), 3, "{}", run.err);
    assert_eq!(run.err.matches("did you mean").count(), 1, "{}", run.err);
}

#[test]
fn naming_promise_or_policy_files_with_pages_checks_the_whole_project() {
    // A promise file or a YAML policy changed can break a promise on any
    // page: the run is the whole project's, and a page named beside them
    // that no touchpoint covers is still named.
    let whole = short_in(&store(), &["."]);
    assert_eq!(whole.code, 1);
    for finding in [
        "promises.promise:19:9: info[PL202]",
        "promises.promise:35:9: warning[PL201]",
    ] {
        assert!(whole.heads.iter().any(|head| head == finding), "{finding}");
    }
    let mixed = short_in(&store(), &["promises.promise", "notes/readme.md"]);
    assert_eq!(mixed.out, whole.out);
    assert!(
        mixed.err.contains("notes/readme.md was not checked"),
        "{}",
        mixed.err
    );
    let policy = short_in(&store(), &["site/index.md", "ops/pricing.yaml"]);
    assert_eq!((policy.out, policy.err), (whole.out, String::new()));
}

#[test]
fn the_promise_files_are_those_of_the_nearest_configuration() {
    let folder = tempfile::tempdir().unwrap();
    let shop = folder.path();
    copy_folder(&store(), &shop.join("store"));
    std::fs::write(
        shop.join("promiselint.toml"),
        "paths = [\"store/promises.promise\"]\nexclude = [\"store/site/drafts\"]\n",
    )
    .unwrap();
    // A promise file nearer the page, which `paths` does not name, backs
    // 60-day returns: the page is checked against the configuration's.
    let site = shop.join("store/site");
    std::fs::write(
        site.join("nearer.promise"),
        "policy returns {\n  window = 90 days\n}\n\
         promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\
         touchpoint here {\n  files \"*.md\"\n}\n",
    )
    .unwrap();
    std::fs::create_dir(site.join("drafts")).unwrap();
    std::fs::write(site.join("drafts/sale.md"), "90-day returns\n").unwrap();
    let run = short_in(&site, &["index.md", "drafts/sale.md"]);
    assert_eq!(
        (run.code, run.heads),
        (1, vec!["index.md:3:23: error[PL102]".to_owned()])
    );
    let excluded = "drafts/sale.md was not checked: `exclude` in promiselint.toml names it";
    assert!(run.err.contains(excluded), "{}", run.err);
    // Without the configuration, the nearest promise files are used.
    let run = short_in(&site, &["--no-config", "index.md"]);
    assert_eq!((run.code, run.heads), (0, Vec::new()));
}

#[test]
fn the_search_for_promise_files_stops_at_the_repository_root() {
    let folder = tempfile::tempdir().unwrap();
    let outside = folder.path();
    std::fs::write(outside.join("stranger.promise"), "").unwrap();
    let repository = outside.join("repository");
    std::fs::create_dir_all(repository.join(".git")).unwrap();
    copy_folder(&store().join("site"), &repository.join("site"));
    let run = short_in(&repository, &["site/index.md"]);
    assert_eq!((run.code, run.heads), (2, Vec::new()));
    let said = "site/index.md: found no promise file to check it against in the folders \
                from its own up to `.` (the root of its repository, where the search stops)";
    assert!(run.err.contains(said), "{}", run.err);
}

#[test]
fn an_input_error_in_a_promise_file_fails_a_run_of_pages() {
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&store(), folder.path());
    let promises = folder.path().join("promises.promise");
    let mut text = std::fs::read_to_string(&promises).unwrap();
    text.push_str("promise \"late\" {\n  says \"late\"\n");
    std::fs::write(&promises, text).unwrap();
    // The page is not read as a promise file: the error is the promise
    // file's, and the page's findings wait for a whole model.
    let run = short_in(folder.path(), &["site/index.md"]);
    assert_eq!(run.code, 2);
    assert!(!run.heads.is_empty());
    let promise_file_error =
        |head: &String| head.starts_with("promises.promise:") && head.ends_with("error[PL001]");
    assert!(run.heads.iter().all(promise_file_error), "{:?}", run.heads);
}

#[test]
fn a_page_is_audited_alone() {
    let output = promiselint_in(&store(), &["audit", "site/index.md", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let audit: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(audit["copy_files"], 1, "{audit}");
}
