//! `promiselint audit` through the real binary: snapshots of the table, the
//! JSON and the Markdown of the retail example; the states it shows agree
//! with `check`; it fits 80 columns; the HTML page stands alone and escapes
//! the copy.

use crate::common;

use common::{code, promiselint, stdout};
use serde_json::Value;
use std::collections::BTreeSet;

const RETAIL: &str = "examples/retail";
const LONG_NAMES: &str = "tests/fixtures/audit/long_names";
const SCRIPT: &str = "tests/fixtures/audit/script";

#[test]
fn retail_table() {
    let output = promiselint(&["audit", RETAIL, "--color", "never"]);
    assert_eq!(
        code(&output),
        0,
        "broken promises are the report, not a failure"
    );
    let text = stdout(&output);
    assert!(!text.contains('\x1b'), "{text}");
    insta::assert_snapshot!("retail_table", text);
}

#[test]
fn retail_json() {
    let output = promiselint(&["audit", RETAIL, "--format", "json"]);
    assert_eq!(code(&output), 0);
    let report: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    insta::assert_snapshot!("retail_json", stdout(&output));
}

#[test]
fn retail_markdown() {
    let output = promiselint(&["audit", RETAIL, "--format", "markdown"]);
    assert_eq!(code(&output), 0);
    insta::assert_snapshot!("retail_markdown", stdout(&output));
}

#[test]
fn colour_only_when_asked() {
    let always = stdout(&promiselint(&["audit", RETAIL, "--color", "always"]));
    assert!(
        always.contains("\x1b[1;31m"),
        "broken cells are red: {always}"
    );
    assert!(
        always.contains("\x1b[32m"),
        "kept cells are green: {always}"
    );
    // The test's stdout is a pipe, not a terminal.
    let auto = stdout(&promiselint(&["audit", RETAIL]));
    assert!(!auto.contains('\x1b'), "{auto}");
    // Without the escapes, the coloured table is the plain one.
    let plain = stdout(&promiselint(&["audit", RETAIL, "--color", "never"]));
    let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&always, "");
    assert_eq!(stripped, plain);
}

/// (file, line, column) of each finding of `rule` in `check --format json`.
fn check_places(rule: &str) -> BTreeSet<(String, u64, u64)> {
    let output = promiselint(&["check", RETAIL, "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .map(place)
        .collect()
}

fn place(value: &Value) -> (String, u64, u64) {
    (
        value["file"].as_str().unwrap().to_owned(),
        value["line"].as_u64().unwrap(),
        value["column"].as_u64().unwrap(),
    )
}

#[test]
fn states_agree_with_the_findings_of_check() {
    let output = promiselint(&["audit", RETAIL, "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let occurrences: Vec<&Value> = report["promises"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|promise| promise["occurrences"].as_array().unwrap())
        .collect();
    let shown = |state: &str, suppressed: bool| -> BTreeSet<(String, u64, u64)> {
        occurrences
            .iter()
            .filter(|o| o["state"] == state && o["suppressed"] == suppressed)
            .map(|o| place(o))
            .collect()
    };
    let broken = check_places("broken-promise");
    assert!(!broken.is_empty());
    assert_eq!(shown("broken", false), broken);
    // Suppressed places keep their state, and `check` does not report them.
    let suppressed = shown("broken", true);
    assert!(!suppressed.is_empty());
    assert!(suppressed.is_disjoint(&broken));
    // A place both broken and inconsistent shows as broken, the worse.
    let inconsistent = check_places("inconsistent-claim");
    let all_broken: BTreeSet<_> = broken.union(&suppressed).cloned().collect();
    assert_eq!(
        shown("inconsistent", false),
        inconsistent.difference(&all_broken).cloned().collect()
    );
    // Every forbidden phrase `check` reports is listed under its touchpoint.
    let forbidden: BTreeSet<_> = report["touchpoints"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["forbidden"].as_array().unwrap())
        .filter(|f| f["suppressed"] == false)
        .map(place)
        .collect();
    assert_eq!(forbidden, check_places("forbidden-phrase"));
}

#[test]
fn long_names_fit_80_columns_and_are_spelled_out() {
    let output = promiselint(&["audit", LONG_NAMES, "--color", "never"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{} wide: {line}", line.len());
    }
    // Every cut name is spelled out in the legend.
    for name in [
        "marketing_website_landing_pages_for_every_region",
        "quarterly_printed_catalogue_for_loyal_customers",
        "returns accepted for a whole month after delivery,",
    ] {
        assert!(text.contains(name), "{name} missing: {text}");
    }
    insta::assert_snapshot!("long_names_table", text);
}

#[test]
fn input_errors_exit_2_as_check_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.promise"),
        "promise \"x\" {\n  says\n}\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let audit = promiselint(&["audit", path, "--color", "never"]);
    assert_eq!(code(&audit), 2);
    let check = promiselint(&["check", path, "--color", "never"]);
    assert_eq!(stdout(&audit), stdout(&check));
    assert!(stdout(&audit).contains("PL001"), "{}", stdout(&audit));

    let missing = promiselint(&["audit", "no/such/folder"]);
    assert_eq!(code(&missing), 2);
    let bad_argument = promiselint(&["audit", RETAIL, "--format", "sarif"]);
    assert_eq!(code(&bad_argument), 2);
}

/// Writes the audit page of `folder` to a temporary file and returns it.
fn html(folder: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.html");
    let output = promiselint(&["audit", folder, "--html", file.to_str().unwrap()]);
    assert_eq!(code(&output), 0);
    assert!(
        stdout(&output).contains("audit.html"),
        "{}",
        stdout(&output)
    );
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn the_html_page_stands_alone() {
    let page = html(RETAIL);
    // `http-equiv` (the Content-Security-Policy) is no address.
    for external in ["http:", "https:", "<script", "<link", "@import", "url("] {
        assert!(!page.contains(external), "the page holds {external}");
    }
    assert!(page.contains("<table class=\"matrix\">"));
    assert!(page.contains("<mark>"));
}

#[test]
fn the_html_page_escapes_the_copy() {
    let page = html(SCRIPT);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<p id=pwned"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;script&gt;document.title="), "{page}");
    assert!(page.contains("hassle-free &lt;returns&gt; &amp; &quot;more&quot;"));
}

/// (file, line, column, suppressed) of every broken place in an audit's JSON,
/// files relative to `root`.
fn broken_places(report: &Value, root: &str) -> BTreeSet<(String, u64, u64, bool)> {
    report["promises"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|promise| promise["occurrences"].as_array().unwrap())
        .filter(|o| o["state"] == "broken")
        .map(|o| {
            let (file, line, column) = place(o);
            let file = file.strip_prefix(root).unwrap_or(&file).to_owned();
            (file, line, column, o["suppressed"] == true)
        })
        .collect()
}

#[test]
fn a_rule_turned_off_leaves_its_places_broken_and_marked_suppressed() {
    let folder = tempfile::tempdir().unwrap();
    common::copy_folder(std::path::Path::new(RETAIL), folder.path());
    std::fs::write(
        folder.path().join("promiselint.toml"),
        "[rules]\nbroken-promise = \"off\"\n",
    )
    .unwrap();
    let json =
        |output: std::process::Output| -> Value { serde_json::from_slice(&output.stdout).unwrap() };
    let check = json(common::promiselint_in(
        folder.path(),
        &["check", ".", "--format", "json"],
    ));
    let findings = check["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["rule"] != "broken-promise"));

    let plain = json(promiselint(&["audit", RETAIL, "--format", "json"]));
    let configured = json(common::promiselint_in(
        folder.path(),
        &["audit", ".", "--format", "json"],
    ));
    let expected: BTreeSet<_> = broken_places(&plain, &format!("{RETAIL}/"))
        .into_iter()
        .map(|(file, line, column, _)| (file, line, column, true))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(broken_places(&configured, ""), expected);
}

/// `promiselint audit .` names the store's folder, not `.`.
#[test]
fn an_audit_of_the_current_folder_names_it() {
    let store = tempfile::tempdir().unwrap();
    let folder = store.path().join("harbor-and-pine");
    common::copy_folder(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(RETAIL),
        &folder,
    );
    let output = common::promiselint_in(&folder, &["audit", ".", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["inputs"], serde_json::json!(["harbor-and-pine"]));
    // A path that names a folder stays as given.
    let output = promiselint(&["audit", RETAIL, "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["inputs"], serde_json::json!([RETAIL]));
}

/// What a reader never sees: tags, emphasis markers, entity and character
/// references, link syntax.
const MARKUP: &[&str] = &["<", ">", "**", "*Every", "&", "](", "][", "\"Returns\""];

/// Every place of an audit's JSON, with the (file, line, column) of each.
fn places_of(report: &Value) -> Vec<&Value> {
    let promises = report["promises"].as_array().unwrap().iter();
    let made = promises.flat_map(|promise| promise["occurrences"].as_array().unwrap());
    let touchpoints = report["touchpoints"].as_array().unwrap().iter();
    made.chain(touchpoints.flat_map(|t| t["forbidden"].as_array().unwrap()))
        .collect()
}

/// Every audit format quotes copy as a reader sees it — the Markdown page's
/// emphasis, links and entities and the email's tags, `<br>` and references
/// gone — while each place still points at its words in the file.
#[test]
fn the_audit_quotes_copy_as_a_reader_sees_it() {
    const READER: &str = "tests/fixtures/audit/reader";
    let output = promiselint(&["audit", READER, "--format", "json"]);
    assert_eq!(code(&output), 0);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let places = places_of(&report);
    assert_eq!(places.len(), 4, "{report:#}");
    for occurrence in &places {
        let snippet = &occurrence["snippet"];
        let quoted = ["before", "marked", "after"].map(|part| snippet[part].as_str().unwrap());
        for part in quoted.iter().chain([&occurrence["text"].as_str().unwrap()]) {
            for markup in MARKUP {
                assert!(
                    !part.contains(markup),
                    "{markup} in {part:?}: {occurrence:#}"
                );
            }
        }
        // The marked words are the place's, and the place is where they
        // stand in the file (the file's line and character column).
        assert_eq!(quoted[1], occurrence["text"].as_str().unwrap());
        let (file, line, column) = place(occurrence);
        let source = std::fs::read_to_string(&file).unwrap();
        let at: String = source
            .lines()
            .nth(line as usize - 1)
            .unwrap()
            .chars()
            .skip(column as usize - 1)
            .collect();
        let first_word = quoted[1]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap();
        assert!(
            at.starts_with(first_word),
            "{file}:{line}:{column} is {at:?}"
        );
    }
    let quotes: Vec<String> = places
        .iter()
        .map(|p| {
            ["before", "marked", "after"]
                .map(|part| p["snippet"][part].as_str().unwrap())
                .concat()
        })
        .collect();
    assert!(
        quotes.contains(&"Changed your mind? Every order comes with 30-day\u{a0}returns, and hassle-free returns at every store—see the policy.".to_owned()),
        "{quotes:#?}"
    );
    assert!(
        quotes.contains(
            &"Thanks for your order! Not quite right? We offer 60-day\u{a0}returns — no\u{a0}questions asked.".to_owned()
        ),
        "{quotes:#?}"
    );

    // The page quotes the same words, escaped once: no markup of the copy's.
    let page = html(READER);
    let quoted = regex::Regex::new("(?s)<blockquote>(.*?)</blockquote>").unwrap();
    let blocks: Vec<&str> = quoted
        .captures_iter(&page)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(
        blocks.len(),
        4 + 2,
        "each place, and the two of an inconsistency: {page}"
    );
    for block in blocks {
        let text = block.replace("<mark>", "").replace("</mark>", "");
        for markup in MARKUP {
            assert!(!text.contains(markup), "{markup} in {block:?}");
        }
    }
    for format in ["table", "markdown"] {
        let shown = stdout(&promiselint(&["audit", READER, "--format", format]));
        for raw in ["nbsp", "<br", "<p", "<b>", "](", "&#", "&mdash;"] {
            assert!(!shown.contains(raw), "{raw} in {format}: {shown}");
        }
    }
}

/// A store as a new team first wrote it: wrong figures beside right ones,
/// promises the policy does not back, and two figures it backs both.
const NEWCOMER: &str = "tests/fixtures/audit/newcomer";

fn newcomer(format: &str) -> String {
    let output = promiselint(&["audit", NEWCOMER, "--format", format, "--color", "never"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    stdout(&output)
}

#[test]
fn different_figures_list_every_place_that_states_them_in_every_format() {
    let report: Value = serde_json::from_str(&newcomer("json")).unwrap();
    let root = format!("{NEWCOMER}/");
    let returns = report["inconsistencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["promise"] == "{n}-day returns")
        .expect("the returns are given three figures");
    let groups: Vec<(&str, BTreeSet<String>)> = returns["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| {
            let places = group["occurrences"].as_array().unwrap().iter().map(|o| {
                let (file, line, _) = place(o);
                format!("{}:{line}", file.strip_prefix(&root).unwrap())
            });
            (group["figure"].as_str().unwrap(), places.collect())
        })
        .collect();
    let at = |places: &[&str]| places.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        groups,
        [
            (
                "30-day returns",
                at(&[
                    "scripts/returns-call.yaml:4",
                    "signs/counter.txt:3",
                    "site/index.md:7"
                ])
            ),
            ("60-day returns", at(&["emails/order.html:5"])),
            ("45-day returns", at(&["scripts/returns-call.yaml:12"])),
        ]
    );
    let line = "{n}-day returns: 30-day returns in 3 places, 60-day returns in 1 place, \
                45-day returns in 1 place";
    let markdown = newcomer("markdown");
    assert!(markdown.contains(&format!("- {line}\n")), "{markdown}");
    let table = newcomer("table").replace("\n    ", " ");
    assert!(table.contains(&format!("  {line}\n")), "{table}");
    let page = html(NEWCOMER);
    let section = &page[page.find("<section id=\"inconsistencies\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let figure = &section[section.find(">30-day returns<").unwrap()..];
    let figure = &figure[..figure.find("</ul>").unwrap()];
    assert_eq!(figure.matches("<li class=\"place").count(), 3, "{figure}");
}

#[test]
fn a_promise_the_policy_does_not_back_says_so_in_every_format() {
    // "price match" is made nowhere, so its cells cannot show it.
    let table = newcomer("table");
    assert!(table.contains("\nprice match ⊘  "), "{table}");
    assert!(table.contains("  ⊘ not backed by the policy\n"), "{table}");
    assert!(table.contains("(2 not backed by the policy)"), "{table}");
    let markdown = newcomer("markdown");
    assert!(markdown.contains("\n| price match ⊘ | · |"), "{markdown}");
    let report: Value = serde_json::from_str(&newcomer("json")).unwrap();
    let unbacked: Vec<&str> = report["promises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["unbacked"] == true)
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(unbacked, ["free returns", "price match"]);
    assert_eq!(report["summary"]["unbacked"], 2);
    let page = html(NEWCOMER);
    let row = &page[page.find("<tr data-promise=\"price match\">").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("not backed by the policy"), "{row}");
}

/// Every place `check` reports `rule` at in the newcomer's store.
fn newcomer_places(rule: &str) -> BTreeSet<(String, u64, u64)> {
    let output = promiselint(&["check", NEWCOMER, "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap().iter();
    findings.filter(|f| f["rule"] == rule).map(place).collect()
}

#[test]
fn the_summary_counts_what_check_reports_and_keeps_counts_with_their_nouns() {
    let report: Value = serde_json::from_str(&newcomer("json")).unwrap();
    let summary = &report["summary"];
    let inconsistent = newcomer_places("inconsistent-claim").len();
    assert_eq!(inconsistent, 2, "the two figures the policy backs both");
    assert_eq!(summary["inconsistent"], inconsistent as u64);
    assert_eq!(
        summary["broken"],
        newcomer_places("broken-promise").len() as u64
    );
    assert_eq!(summary["different_figures"], 4);
    let table = newcomer("table");
    let sentence = &table[table.find("\n6 promises").unwrap()..];
    for line in sentence.trim().lines() {
        let last = line.split(' ').next_back().unwrap();
        assert!(
            last.parse::<f64>().is_err(),
            "a count cut from its noun: {sentence}"
        );
    }
}
