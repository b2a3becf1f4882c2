//! HTML pages through the real binary, read as a browser reads them: what a
//! browser shows is checked, at its exact place, and what it hides is not.
//! (tests/it/html_differential.rs holds the reader to html5lib page by page.)

use crate::common::{folder, promiselint_in, stdout};

const PROMISES: &str = r#"
policy returns {
  window = 30 days
}

promise "{n}-day returns" {
  says "{n}-day returns"
  requires returns.window >= n days
}

touchpoint website "Website" {
  files "site/**/*.html"
}
"#;

/// The places (`line:column`) of the broken promises found in `page`.
fn broken_promises(page: &str) -> Vec<String> {
    let project = folder(&[("store.promise", PROMISES), ("site/page.html", page)]);
    let output = promiselint_in(
        project.path(),
        &["check", ".", "--format", "short", "--color", "never"],
    );
    stdout(&output)
        .lines()
        .filter(|line| line.contains("[PL102]"))
        .map(|line| {
            line.splitn(4, ':')
                .skip(1)
                .take(2)
                .collect::<Vec<_>>()
                .join(":")
        })
        .collect()
}

#[test]
fn a_broken_promise_after_a_comment_ended_by_dash_dash_bang_is_found() {
    // Browsers end the comment at `--!>`; a reader that waits for `-->`
    // hides the promise shown in between.
    let page = "<p>Hello</p>\n<!-- note --!>\n<p>Enjoy 60-day returns.</p>\n<!-- end -->\n";
    assert_eq!(broken_promises(page), ["3:10"]);
}

#[test]
fn text_after_a_self_closed_script_is_script_not_copy() {
    // HTML has no self-closing `<script/>`: what follows is script up to
    // `</script>`, never shown.
    let page = "<script src=\"a.js\"/>\n<p>Enjoy 90-day returns.</p>\n</script>\n<p>Enjoy 60-day returns.</p>\n";
    assert_eq!(broken_promises(page), ["4:10"]);
}

#[test]
fn a_stray_end_tag_does_not_split_a_phrase() {
    // Browsers ignore `</div>` with no `<div>` open: the phrase is shown whole.
    let page = "<p>Enjoy 60-day</div> returns.</p>\n";
    assert_eq!(broken_promises(page), ["1:10"]);
}

#[test]
fn a_comment_that_never_ends_hides_the_rest_of_the_page() {
    // As in a browser: nothing after `<!--` is shown, so nothing is promised.
    let page = "<p>Hello</p>\n<!-- draft >\n<p>Enjoy 60-day returns.</p>\n";
    assert_eq!(broken_promises(page), Vec::<String>::new());
}

#[test]
fn a_title_holds_text_not_markup() {
    // `<title>` is read up to `</title>` as text: a browser's tab shows the
    // `<!--` in it, and the promise after it.
    let page = "<title>Shop <!-- 60-day returns --></title>\n<p>Hello</p>\n";
    assert_eq!(broken_promises(page), ["1:18"]);
}
