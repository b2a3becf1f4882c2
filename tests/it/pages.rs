//! Checking pages, as ruff and Vale users check files: `promiselint check
//! site/index.md`, several pages, a folder of copy, through the real
//! binary. The store is `tests/fixtures/pages/store`; cases that need a
//! configuration or a repository root copy it into a folder of their own.

use crate::common::{code, copy_folder, promiselint_in, stderr, stdout};
use std::path::{Path, PathBuf};

fn store() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/store")
}

/// `check ARGS --format short` in `folder`: its exit code, the findings'
/// `file:line:col: …[CODE]` heads, and what it said on stderr.
fn short_in(folder: &Path, args: &[&str]) -> (i32, Vec<String>, String) {
    let mut all = vec!["check", "--format", "short"];
    all.extend(args);
    let output = promiselint_in(folder, &all);
    let heads = stdout(&output)
        .lines()
        .map(|line| {
            let end = line.find(']').map_or(line.len(), |at| at + 1);
            line[..end].to_owned()
        })
        .collect();
    (code(&output), heads, stderr(&output))
}

#[test]
fn one_page_is_checked_alone_against_the_promise_files_above_it() {
    // No promiselint.toml: the promise files are found in the folders
    // above the page. Only the page's own findings are reported: a run over
    // one page cannot know that the price-match promise is made nowhere,
    // nor that `ap/*.md` matches nothing, nor compare it with faq.md.
    let (code, heads, said) = short_in(&store(), &["site/index.md"]);
    assert_eq!(
        (code, heads),
        (1, vec!["site/index.md:3:23: error[PL102]".to_owned()]),
        "{said}"
    );
    assert_eq!(said, "");
    // Named from its own folder, or absolutely, it is shown as named; the
    // places in the promise file too, relative to the current folder.
    let site = store().join("site");
    let (_, heads, _) = short_in(&site, &["./index.md"]);
    assert_eq!(heads, ["index.md:3:23: error[PL102]"]);
    let absolute = site.join("index.md");
    let (_, heads, _) = short_in(Path::new("/"), &[absolute.to_str().unwrap()]);
    assert_eq!(
        heads,
        [format!("{}:3:23: error[PL102]", absolute.display())]
    );
    let human = promiselint_in(&site, &["check", "index.md", "--color", "never"]);
    assert!(
        stdout(&human).contains("╭─[../promises.promise:5:12]"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn several_pages_and_a_folder_of_copy_are_compared_only_with_each_other() {
    let (code, heads, _) = short_in(&store(), &["site/index.md", "emails/welcome.html"]);
    assert_eq!(code, 1);
    assert_eq!(
        heads,
        [
            "site/index.md:3:23: error[PL102]",
            "site/index.md:3:23: warning[PL103]"
        ]
    );
    let output = promiselint_in(
        &store(),
        &[
            "check",
            "--format",
            "short",
            "site/index.md",
            "emails/welcome.html",
        ],
    );
    assert!(
        stdout(&output).contains("but \"14-day returns\" in emails/welcome.html, which"),
        "{}",
        stdout(&output)
    );
    // A folder of copy: its pages, compared with each other alone.
    let (code, heads, said) = short_in(&store(), &["site"]);
    assert_eq!(code, 1);
    assert_eq!(
        heads,
        [
            "site/index.md:3:23: error[PL102]",
            "site/index.md:3:23: warning[PL103]"
        ],
        "{said}"
    );
    let output = promiselint_in(&store(), &["check", "--format", "short", "site/"]);
    assert!(
        stdout(&output).contains("but \"30-day returns\" in site/faq.md, which"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_page_no_touchpoint_covers_is_named_with_the_globs_and_a_near_one() {
    let (code, heads, said) = short_in(&store(), &["app/update.md", "notes/readme.md"]);
    // Not checked is not a failure: pre-commit hands every file staged.
    assert_eq!((code, heads), (0, Vec::new()));
    let globs = "the touchpoints' globs: `site/**/*.md` (website), `emails/*.html` (emails), `ap/*.md` (app)";
    assert!(
        said.contains("warning: app/update.md was not checked: no touchpoint's `files` covers it"),
        "{said}"
    );
    assert!(
        said.contains(
            "did you mean `app/*.md`? touchpoint `app` has `ap/*.md` (promises.promise:35:9)"
        ),
        "{said}"
    );
    assert!(
        said.contains("warning: notes/readme.md was not checked"),
        "{said}"
    );
    assert_eq!(said.matches(globs).count(), 2, "{said}");
    assert_eq!(said.matches("did you mean").count(), 1, "{said}");
    // A folder with no page a touchpoint covers, the same.
    let (code, _, said) = short_in(&store(), &["notes"]);
    assert_eq!(code, 0);
    assert!(
        said.contains(
            "warning: notes was not checked: no touchpoint's `files` covers a file in it"
        ),
        "{said}"
    );
}

#[test]
fn naming_promise_or_policy_files_with_pages_checks_the_whole_project() {
    // A promise file or a YAML policy changed can break a promise on any
    // page: the run is the whole project's, and a page named beside them
    // that no touchpoint covers is still named.
    let (code, whole, _) = short_in(&store(), &["."]);
    assert_eq!(code, 1);
    assert!(whole.contains(&"promises.promise:19:9: info[PL202]".to_owned()));
    assert!(whole.contains(&"promises.promise:35:9: warning[PL201]".to_owned()));
    let (_, mixed, said) = short_in(&store(), &["promises.promise", "notes/readme.md"]);
    assert_eq!(mixed, whole);
    assert!(said.contains("notes/readme.md was not checked"), "{said}");
    let (_, policy, said) = short_in(&store(), &["site/index.md", "ops/pricing.yaml"]);
    assert_eq!(policy, whole);
    assert_eq!(said, "");
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
    let (code, heads, said) = short_in(&site, &["index.md", "drafts/sale.md"]);
    assert_eq!(
        (code, heads),
        (1, vec!["index.md:3:23: error[PL102]".to_owned()])
    );
    assert!(
        said.contains("drafts/sale.md was not checked: `exclude` in promiselint.toml names it"),
        "{said}"
    );
    // Without the configuration, the nearest promise files are used.
    let (code, heads, _) = short_in(&site, &["--no-config", "index.md"]);
    assert_eq!((code, heads), (0, Vec::new()));
}

#[test]
fn the_search_for_promise_files_stops_at_the_repository_root() {
    let folder = tempfile::tempdir().unwrap();
    let outside = folder.path();
    std::fs::write(outside.join("stranger.promise"), "").unwrap();
    let repository = outside.join("repository");
    std::fs::create_dir_all(repository.join(".git")).unwrap();
    copy_folder(&store().join("site"), &repository.join("site"));
    let (code, heads, said) = short_in(&repository, &["site/index.md"]);
    assert_eq!((code, heads), (2, Vec::new()));
    assert!(
        said.contains("site/index.md: found no promise file to check it against"),
        "{said}"
    );
    assert!(said.contains("up to `.`"), "{said}");
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
    let (code, heads, _) = short_in(folder.path(), &["site/index.md"]);
    assert_eq!(code, 2);
    assert!(!heads.is_empty());
    assert!(
        heads
            .iter()
            .all(|head| head.starts_with("promises.promise:") && head.ends_with("error[PL001]")),
        "{heads:?}"
    );
}

#[test]
fn a_page_is_audited_alone() {
    let output = promiselint_in(&store(), &["audit", "site/index.md", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let audit: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(audit["copy_files"], 1, "{audit}");
}
