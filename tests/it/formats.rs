//! The CI formats (SARIF, GitHub, GitLab, JUnit) and `--statistics` through
//! the real binary: snapshots of the retail example, the checks each
//! consumer relies on, and copy written to be awkward for each format.

use crate::common;

use common::{code, folder, promiselint, promiselint_in, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

fn retail(format: &str) -> Output {
    promiselint(&["check", "examples/retail", "--format", format])
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("promiselint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `text` to `path` inside, creating folders.
    fn write(&self, path: &str, text: &str) {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Copies a folder of the crate into this one.
    fn copy_from(&self, folder: &str) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        for entry in walk(&from) {
            let relative = entry.strip_prefix(&from).unwrap();
            let text = std::fs::read_to_string(&entry).unwrap();
            self.write(relative.to_str().unwrap(), &text);
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Copy that is awkward for every format: markup, `&`, quotes, a form feed
/// (which XML 1.0 forbids) inside a promise, a title with a line break, and
/// a file name with a comma, a colon and a percent sign.
fn awkward_copy() -> TempDir {
    let dir = TempDir::new("awkward");
    dir.write(
        "store.promise",
        r#"policy returns {
  window = 30 days
}

promise "{n}-day returns" {
  says "{n}-day returns"
  requires returns.window >= n days
}

touchpoint site "Site <script> & \"co\"\nsecond line" {
  files "site/*"
  forbid "as per our policy"
}
"#,
    );
    dir.write(
        "site/odd, name: 100%.txt",
        "<script>alert('hi')</script> & \"quotes\": 60-day\u{c}returns, as per our policy\n",
    );
    dir
}

// SARIF

/// Parses SARIF output and validates it against the official schema.
fn valid_sarif(output: &Output) -> Value {
    common::valid_sarif(&output.stdout)
}

/// The output as printed, less what depends on the machine (the root's
/// absolute URI) or the release (the version), and with each rule's
/// documentation, which `explain`'s snapshots hold, replaced by a mark.
fn redacted_sarif(output: &Output, log: &Value) -> String {
    let literal = |value: &Value| serde_json::to_string(value).unwrap();
    let mut text = stdout(output);
    let run = &log["runs"][0];
    let root = literal(&run["originalUriBaseIds"]["%SRCROOT%"]["uri"]);
    text = text.replace(&root, "\"file:///[root]/\"");
    let driver = text.find("\"driver\"").unwrap();
    let version = format!(
        "\"version\": {}",
        literal(&run["tool"]["driver"]["version"])
    );
    text.replace_range(
        driver..,
        &text[driver..].replacen(&version, "\"version\": \"[version]\"", 1),
    );
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let mark = format!(
            "\"[the documentation of {}]\"",
            rule["id"].as_str().unwrap()
        );
        text = text.replace(&literal(&rule["fullDescription"]["text"]), &mark);
    }
    text
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

/// The artifact URI and start line of a location.
fn uri_and_line(location: &Value) -> (&str, u64) {
    let physical = &location["physicalLocation"];
    (
        physical["artifactLocation"]["uri"].as_str().unwrap(),
        physical["region"]["startLine"].as_u64().unwrap(),
    )
}

#[test]
fn sarif_is_valid_and_describes_every_rule() {
    let output = retail("sarif");
    assert_eq!(code(&output), 1);
    let log = valid_sarif(&output);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));

    let descriptors = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(descriptors.len(), promiselint::rules::ALL.len());
    for (descriptor, documented) in descriptors.iter().zip(promiselint::rules::ALL) {
        let (rule, summary) = (documented.rule, documented.summary());
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["name"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], summary);
        // The documentation is what `explain` prints, after its header.
        let doc = descriptor["fullDescription"]["text"].as_str().unwrap();
        assert!(doc.contains("## What it does"), "{doc}");
        assert!(stdout(&promiselint(&["explain", rule.code])).ends_with(doc));
        assert_eq!(descriptor["help"]["markdown"], doc);
        assert_eq!(descriptor["help"]["text"], doc);
        let level = match rule.default_severity.as_str() {
            "info" => "note",
            other => other,
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
    }

    let results = results(&log);
    assert_eq!(results.len(), stdout(&retail("short")).lines().count());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(descriptors[index]["id"], result["ruleId"]);
        assert_eq!(result["locations"].as_array().unwrap().len(), 1);
        let fingerprint = result["partialFingerprints"]["promiselint/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fingerprint.len(), 32);
        for location in result["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(result["relatedLocations"].as_array().into_iter().flatten())
        {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
            // The crate root is the repository root: URIs start at it.
            let (uri, _) = uri_and_line(location);
            assert!(uri.starts_with("examples/retail/"), "{uri}");
        }
    }
    // A result's hint is in its message.
    let hinted = results
        .iter()
        .find(|r| r["ruleId"] == "PL101")
        .expect("an unbacked promise");
    let message = hinted["message"]["text"].as_str().unwrap();
    assert!(message.contains(" (hint: change the policy"), "{message}");
    insta::assert_snapshot!("retail_sarif", redacted_sarif(&output, &log));
}

#[test]
fn sarif_regions_count_characters_and_end_after_the_last() {
    let log = valid_sarif(&retail("sarif"));
    // "Hassle‑free returns" in site/index.md line 9: a non-breaking hyphen
    // (three bytes) inside, 19 characters from column 7.
    let result = results(&log)
        .iter()
        .find(|r| uri_and_line(&r["locations"][0]) == ("examples/retail/site/index.md", 9))
        .expect("the finding on site/index.md:9");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 7);
    assert_eq!(region["endColumn"], 7 + 19);
    assert_eq!(region["endLine"], 9);
}

#[test]
fn sarif_names_files_from_the_repository_root() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/copy/units_and_under_promising");
    let output = promiselint_in(&fixture, &["check", ".", "--format", "sarif"]);
    let log = valid_sarif(&output);
    // The short format names files from where promiselint runs…
    assert!(stdout(&promiselint_in(
        &fixture,
        &["check", ".", "--format", "short"]
    ))
    .starts_with("site/returns.md:1:13:"));
    // …SARIF from the nearest folder with `.git` above it.
    let root = fixture
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .expect("the crate is in a repository");
    let prefix = fixture.strip_prefix(root).unwrap().to_str().unwrap();
    let (uri, line) = uri_and_line(&results(&log)[0]["locations"][0]);
    assert_eq!((uri, line), (&*format!("{prefix}/site/returns.md"), 1));
    // GitHub places annotations from the repository root too.
    let github = stdout(&promiselint_in(
        &fixture,
        &["check", ".", "--format", "github"],
    ));
    let expected = format!("::error file={prefix}/site/returns.md,line=1,col=13,");
    assert!(github.starts_with(&expected), "{github}");
    let base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
}

#[test]
fn sarif_related_locations_and_fingerprints_survive_inserted_lines() {
    let dir = TempDir::new("fingerprints");
    dir.copy_from("tests/fixtures/copy/units_and_under_promising");
    let sarif = || {
        valid_sarif(&promiselint_in(
            &dir.0,
            &["check", ".", "--format", "sarif"],
        ))
    };
    let before = sarif();

    // Every broken promise points at the policy value and the promise.
    let broken: Vec<&Value> = results(&before)
        .iter()
        .filter(|r| r["ruleId"] == "PL102")
        .collect();
    assert_eq!(broken.len(), 2);
    for result in &broken {
        let related = result["relatedLocations"]
            .as_array()
            .expect("related locations");
        assert!(related.len() >= 2, "{result}");
        for location in related {
            let (uri, _) = uri_and_line(location);
            assert!(uri.ends_with("store.promise"), "{uri}");
            assert!(!location["message"]["text"].as_str().unwrap().is_empty());
        }
    }

    for file in ["site/returns.md", "site/returns-faq.md", "site/shipping.md"] {
        let path = dir.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("# Our store\n\nNew intro.\n\n{text}")).unwrap();
    }
    let after = sarif();

    let fingerprints = |log: &Value| -> BTreeMap<String, (String, u64)> {
        results(log)
            .iter()
            .map(|result| {
                let (uri, line) = uri_and_line(&result["locations"][0]);
                let key = format!("{} {uri} {}", result["ruleId"], result["message"]["text"]);
                let fingerprint = result["partialFingerprints"]["promiselint/v1"].to_string();
                (key, (fingerprint, line))
            })
            .collect()
    };
    let count = results(&before).len();
    let (before, after) = (fingerprints(&before), fingerprints(&after));
    assert_eq!(before.len(), count, "one key per result");
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let mut moved = 0;
    for (key, (fingerprint, line)) in &before {
        let (fingerprint_after, line_after) = &after[key];
        assert_eq!(fingerprint, fingerprint_after, "{key}");
        if key.contains("site/") {
            assert_eq!(*line_after, line + 4, "{key}");
            moved += 1;
        }
    }
    assert!(moved >= 2, "{before:?}");
}

// Positions and paths alike in every format

#[test]
fn an_error_at_the_end_of_a_file_is_placed_alike_in_every_format() {
    // The last `}` is missing, so the parser stops at the end of the file.
    let unclosed = "policy returns {\n  window = 30 days\n}\n\n\
                    promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n\
                    \x20 requires returns.window >= n days\n";
    // The end of the last line, whether a line break ends it or not: no
    // format names line 8 of a file of 7 lines.
    let last_line = "  requires returns.window >= n days";
    let end = [7, last_line.chars().count() as u64 + 1];
    for (case, text) in [("ended", unclosed), ("unended", unclosed.trim_end())] {
        let dir = TempDir::new(&format!("end-of-file-{case}"));
        dir.write("store.promise", text);
        let run = |format: &str| {
            let args = ["check", ".", "--format", format, "--color", "never"];
            stdout(&promiselint_in(&dir.0, &args))
        };
        let short = run("short");
        let expected = format!("store.promise:{}:{}: error[PL001]", end[0], end[1]);
        assert!(short.starts_with(&expected), "{case}: {short}");
        let human = run("human");
        let header = format!("╭─[store.promise:{}:{}]", end[0], end[1]);
        assert!(human.contains(&header), "{case}: {human}");
        let json: Value = serde_json::from_str(&run("json")).unwrap();
        let finding = &json["findings"][0];
        let place = ["line", "column", "end_line", "end_column"].map(|key| &finding[key]);
        assert_eq!(place, [end[0], end[1], end[0], end[1]], "{case}: {finding}");
        let github = run("github");
        let properties = format!(
            "line={0},col={1},endLine={0},endColumn={1},",
            end[0], end[1]
        );
        assert!(github.contains(&properties), "{case}: {github}");
        let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
        let region = &results(&sarif)[0]["locations"][0]["physicalLocation"]["region"];
        let place = ["startLine", "startColumn", "endLine", "endColumn"].map(|key| &region[key]);
        assert_eq!(place, [end[0], end[1], end[0], end[1]], "{case}: {region}");
    }
}

#[test]
fn a_report_names_each_file_one_way_from_a_subfolder() {
    // A repository whose copy gives one promise two figures in two files,
    // checked from its `site` folder.
    let dir = TempDir::new("one-way");
    dir.write(".git/HEAD", "ref: refs/heads/main\n");
    dir.write(
        "store.promise",
        "policy returns {\n  window = 30 days\n}\n\n\
         promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n\
         \x20 requires returns.window >= n days\n}\n\n\
         touchpoint site \"Site\" {\n  files \"site/*.md\", \"emails/*.html\"\n}\n\n\
         touchpoint app \"App\" {\n  files \"app/*.md\"\n}\n",
    );
    dir.write("site/index.md", "Enjoy 30-day returns.\n");
    dir.write("emails/order.html", "<p>We offer 14-day returns.</p>\n");
    let site = dir.0.join("site");
    let run = |format: &str| stdout(&promiselint_in(&site, &["check", "..", "--format", format]));
    // The CI formats name files from the repository root, in their
    // messages too; the others from the current folder, everywhere.
    let github = run("github");
    assert!(
        github.contains("file=site/index.md,")
            && github.contains("but \"14-day returns\" in emails/order.html"),
        "{github}"
    );
    let gitlab = run("gitlab");
    assert!(
        gitlab.contains("but \\\"14-day returns\\\" in emails/order.html"),
        "{gitlab}"
    );
    let sarif = run("sarif");
    assert!(
        sarif.contains("but \\\"14-day returns\\\" in emails/order.html"),
        "{sarif}"
    );
    let short = run("short");
    assert!(
        short.contains("../site/index.md:1:7: ")
            && short.contains("but \"14-day returns\" in ../emails/order.html"),
        "{short}"
    );
    for (format, text) in [("github", &github), ("gitlab", &gitlab), ("sarif", &sarif)] {
        assert!(!text.contains("../"), "{format}: {text}");
    }
}

// GitHub

#[test]
fn github_has_one_workflow_command_per_finding() {
    let output = retail("github");
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let short = stdout(&retail("short"));
    assert_eq!(text.lines().count(), short.lines().count());
    for (line, short) in text.lines().zip(short.lines()) {
        let (command, message) = line[2..]
            .split_once("::")
            .expect("`::command props::message`");
        let (kind, properties) = command.split_once(' ').unwrap();
        let severity = short.split(": ").nth(1).unwrap().split('[').next().unwrap();
        let expected = match severity {
            "info" => "notice",
            other => other,
        };
        assert_eq!(kind, expected, "{line}");
        let keys: Vec<&str> = properties
            .split(',')
            .map(|property| property.split_once('=').unwrap().0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        // The same place and message as the short format.
        let (file, line_number, column) = {
            let mut parts = short.splitn(4, ':');
            (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            )
        };
        assert!(properties.starts_with(&format!("file={file},line={line_number},col={column},")));
        let code = &short[short.find('[').unwrap() + 1..short.find(']').unwrap()];
        assert!(
            properties.contains(&format!(",title=promiselint {code} (")),
            "{line}"
        );
        assert!(!message.is_empty());
    }
    insta::assert_snapshot!("retail_github", text);
}

#[test]
fn github_escapes_line_breaks_commas_colons_and_percent_signs() {
    let dir = awkward_copy();
    let output = promiselint_in(&dir.0, &["check", ".", "--format", "github"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let forbidden = text
        .lines()
        .find(|line| line.contains("PL104"))
        .unwrap_or_else(|| panic!("a forbidden phrase in\n{text}"));
    assert!(
        forbidden.starts_with("::error file=site/odd%2C name%3A 100%25.txt,line=1,col="),
        "{forbidden}"
    );
    // The title's line break is escaped in the message, and `:` is left alone there.
    assert!(
        forbidden.ends_with(
            "::\"as per our policy\" must not be said in Site <script> & \"co\"%0Asecond line (hint: say it another way)"
        ),
        "{forbidden}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
}

// GitLab

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads() {
    let output = retail("gitlab");
    assert_eq!(code(&output), 1);
    let issues: Vec<Value> = serde_json::from_slice(&output.stdout).expect("a JSON array");
    let short = stdout(&retail("short"));
    assert_eq!(issues.len(), short.lines().count());
    let mut fingerprints = std::collections::HashSet::new();
    for (issue, short) in issues.iter().zip(short.lines()) {
        // The short format keeps a message that spans lines on one.
        let description = issue["description"].as_str().unwrap().replace('\n', " ");
        let message = description.split(" (hint: ").next().unwrap();
        assert!(short.contains(message), "{short}");
        assert!(short.ends_with(&format!("({})", issue["check_name"].as_str().unwrap())));
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert!(fingerprints.insert(fingerprint), "{fingerprint} twice");
        let severity = issue["severity"].as_str().unwrap();
        let expected = if short.contains(": error[") {
            "major"
        } else if short.contains(": warning[") {
            "minor"
        } else {
            "info"
        };
        assert_eq!(severity, expected, "{short}");
        let path = issue["location"]["path"].as_str().unwrap();
        let begin = issue["location"]["lines"]["begin"].as_u64().unwrap();
        assert!(short.starts_with(&format!("{path}:{begin}:")), "{short}");
        assert!(issue["location"]["lines"]["end"].as_u64().unwrap() >= begin);
    }
    insta::assert_snapshot!("retail_gitlab", stdout(&output));
}

#[test]
fn gitlab_blocks_on_files_that_cannot_be_checked() {
    let dir = TempDir::new("gitlab-input");
    dir.write("store.promise", "policy returns {\n  window = 30 dayz\n}\n");
    let output = promiselint_in(&dir.0, &["check", ".", "--format", "gitlab"]);
    assert_eq!(code(&output), 2);
    let issues: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(issues[0]["check_name"], "invalid-value");
    assert_eq!(issues[0]["severity"], "blocker");
    assert_eq!(issues[0]["location"]["path"], "store.promise");
}

// JUnit

/// Parses a JUnit document and checks the counts of every suite and of
/// the whole against its test cases.
fn parse_junit(xml: &str) -> roxmltree::Document<'_> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let count = |node: roxmltree::Node, attribute| -> usize {
        node.attribute(attribute).unwrap().parse().unwrap()
    };
    let mut total = (0, 0);
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let failures = cases
            .iter()
            .filter(|case| case.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(count(suite, "tests"), cases.len());
        assert_eq!(count(suite, "failures"), failures);
        total.0 += cases.len();
        total.1 += failures;
    }
    assert_eq!((count(root, "tests"), count(root, "failures")), total);
    document
}

/// Every element of `document` called `name`.
fn elements<'a>(document: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    document
        .descendants()
        .filter(|n| n.has_tag_name(name))
        .collect()
}

#[test]
fn junit_has_a_suite_per_file_and_a_failing_case_per_finding() {
    let output = retail("junit");
    assert_eq!(code(&output), 1);
    let xml = stdout(&output);
    let document = parse_junit(&xml);
    let cases = elements(&document, "testcase");
    let short = stdout(&retail("short"));
    assert_eq!(cases.len(), short.lines().count());
    for (case, short) in cases.iter().zip(short.lines()) {
        let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
        assert!(failure.text().unwrap().starts_with(short), "{short}");
        assert!(short.starts_with(case.attribute("classname").unwrap()));
    }
    insta::assert_snapshot!("retail_junit", xml);
}

#[test]
fn junit_escapes_markup_and_drops_what_xml_forbids() {
    let dir = awkward_copy();
    let output = promiselint_in(&dir.0, &["check", ".", "--format", "junit"]);
    let xml = stdout(&output);
    let document = parse_junit(&xml);
    let failures = elements(&document, "failure");
    assert_eq!(failures.len(), 2, "{xml}");
    let messages: Vec<&str> = failures
        .iter()
        .map(|f| f.attribute("message").unwrap())
        .collect();
    // The form feed inside the promise is white space, quoted as one space;
    // the title's markup and line break come back as written.
    assert!(
        messages.contains(&"\"60-day returns\" is a promise the policy does not keep: it needs `returns.window >= 60 days`, but returns.window is 30 days"),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &"\"as per our policy\" must not be said in Site <script> & \"co\"\nsecond line"
        ),
        "{messages:?}"
    );
    let suites = elements(&document, "testsuite");
    assert_eq!(
        suites[0].attribute("name"),
        Some("site/odd, name: 100%.txt")
    );
}

#[test]
fn junit_without_findings_has_one_passing_case() {
    let output = promiselint(&["check", "tests/fixtures/check/kept", "--format", "junit"]);
    assert_eq!(code(&output), 0);
    let xml = stdout(&output);
    let document = parse_junit(&xml);
    let cases = elements(&document, "testcase");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].attribute("name"), Some("no findings"));
    assert!(!cases[0].has_children());
}

// --statistics

#[test]
fn statistics_count_findings_per_rule_and_touchpoint() {
    let table = promiselint(&["check", "examples/retail", "--statistics"]);
    assert_eq!(code(&table), 1, "the findings still fail the run");
    let text = stdout(&table);
    assert_eq!(
        text,
        stdout(&promiselint(&[
            "check",
            "examples/retail",
            "--statistics",
            "--format",
            "short"
        ]))
    );
    insta::assert_snapshot!("retail_statistics", text);

    let json = promiselint(&[
        "check",
        "examples/retail",
        "--statistics",
        "--format",
        "json",
    ]);
    assert_eq!(code(&json), 1);
    let report: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(report["version"], 1);
    let findings = stdout(&retail("short")).lines().count() as u64;
    let by_rule: u64 = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_rule, findings);
    // The unbacked promises are in the promise file, which no touchpoint covers.
    assert_eq!(report["promise_and_policy_files"], 3);
    insta::assert_snapshot!("retail_statistics_json", stdout(&json));
}

#[test]
fn statistics_refuse_the_ci_formats() {
    for format in ["sarif", "github", "gitlab", "junit"] {
        let output = promiselint(&[
            "check",
            "examples/retail",
            "--statistics",
            "--format",
            format,
        ]);
        assert_eq!(code(&output), 2, "{format}");
        assert!(output.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&output.stderr)
                .contains("--statistics works with --format human, short and json"),
            "{format}"
        );
    }
}

#[test]
fn statistics_without_findings() {
    let output = promiselint(&["check", "tests/fixtures/check/kept", "--statistics"]);
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), "No findings.\n");
}

// Terminal control in the repository's text

/// A policy value with `BEL` and a terminal-title escape, a promise title
/// whose line break forges a line of output, and copy that would retitle
/// and clear the terminal, reorder its text (Trojan Source) and, with a
/// lone carriage return, overwrite a line.
fn terminal_hostile(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write(
        "store.promise",
        "policy returns {\n  window = 30 days\n  channels = [\"in store\u{7}\u{1b}]0;pwned\u{7}\"]\n}\n\n\
         promise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\n\
         promise \"by mail\\nstore.promise:1:1: error[PL000] forged\" {\n  says \"return it by mail\"\n  \
         requires \"by mail\" in returns.channels\n}\n\n\
         touchpoint site \"Site\" {\n  files \"site/*\"\n}\n",
    );
    dir.write(
        "site/index.md",
        "\u{1b}]0;owned\u{7}\u{202e}Enjoy\u{202c} 60-day returns here.\n\
         \u{1b}[2J\rAnd return it by mail\u{1b}[31m.\n",
    );
    dir
}

/// What each human-facing format prints for the hostile folder.
fn hostile_outputs(dir: &TempDir) -> Vec<(&'static str, String)> {
    let run = |args: &[&str]| stdout(&promiselint_in(&dir.0, args));
    vec![
        ("human", run(&["check", "."])),
        ("short", run(&["check", ".", "--format", "short"])),
        ("audit table", run(&["audit", "."])),
        (
            "audit markdown",
            run(&["audit", ".", "--format", "markdown"]),
        ),
    ]
}

#[test]
fn escape_sequences_in_copy_show_as_symbols() {
    let dir = terminal_hostile("terminal-copy");
    for (format, text) in hostile_outputs(&dir) {
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
            "{format}: {text:?}"
        );
    }
    let human = stdout(&promiselint_in(&dir.0, &["check", "."]));
    assert!(
        human.contains("\n 1 │ ␛]0;owned␇\\u{202e}Enjoy\\u{202c} 60-day returns here.\n"),
        "{human}"
    );
    // The lone carriage return ends a line, as every format counts lines.
    assert!(human.contains("[site/index.md:3:5]"), "{human}");
    assert!(
        human.contains("\n 3 │ And return it by mail␛[31m.\n"),
        "{human}"
    );
    // The Actions log obeys escape sequences too.
    let github = stdout(&promiselint_in(
        &dir.0,
        &["check", ".", "--format", "github"],
    ));
    assert!(
        !github.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
        "{github:?}"
    );
    assert!(github.contains("\"in store␇␛]0;pwned␇\""), "{github}");
    // The underline stands under the promise, after the symbols; the
    // column over the snippet is the file's.
    let underline = format!("\n   ·{}───────┬──────\n", " ".repeat(33));
    assert!(human.contains(&underline), "{human}");
    assert!(human.contains("[site/index.md:1:19]"), "{human}");
}

#[test]
fn a_line_break_in_a_promise_title_forges_no_line() {
    let dir = terminal_hostile("terminal-title");
    for (format, text) in hostile_outputs(&dir) {
        assert!(
            !text
                .lines()
                .any(|line| line.starts_with("store.promise:1:1")),
            "{format}: {text}"
        );
        assert!(
            text.contains("by mail␊store.promise:1:1: error"),
            "{format}: {text}"
        );
    }
    let short = stdout(&promiselint_in(
        &dir.0,
        &["check", ".", "--format", "short"],
    ));
    assert_eq!(short.lines().count(), 3, "{short}");
}

#[test]
fn a_bel_in_a_policy_value_shows_as_a_symbol() {
    let dir = terminal_hostile("terminal-value");
    for (format, text) in hostile_outputs(&dir).into_iter().take(2) {
        assert!(
            text.contains("returns.channels is [\"in store␇␛]0;pwned␇\"]"),
            "{format}: {text}"
        );
    }
}

/// A file name is the repository's to choose, and so is what a committed
/// baseline says: the messages that name them (`fmt --check`'s list, a
/// refused write, a stale baseline entry) show escapes as symbols, and a
/// line feed in a name forges no line.
#[cfg(unix)]
#[test]
fn file_names_and_baseline_entries_in_messages_show_as_symbols() {
    const FORGED: &str = "a\u{1b}]0;owned\u{7}\nstore.promise:1:1: error: forged";
    let dir = folder(&[
        ("store.promise", "policy returns {\nwindow = 30 days\n}\n"),
        (
            "baseline.json",
            r#"{"version": 1, "fingerprint_version": 1, "findings": [{"fingerprint": "00",
                "rule": "broken-promise", "file": "a\u001b[2J.md", "line": 1,
                "message": "gone\nstore.promise:9:9: error: forged"}]}"#,
        ),
    ]);
    std::fs::write(
        dir.path().join(format!("{FORGED}.promise")),
        "policy other {\nwindow = 1 day\n}\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("elsewhere", dir.path().join(format!("{FORGED}.json"))).unwrap();
    let check = |args: &[&str]| {
        let output = promiselint_in(dir.path(), args);
        format!("{}{}", stdout(&output), stderr(&output))
    };
    let listed = check(&["fmt", "--check", "."]);
    let refused = check(&["check", ".", "-o", &format!("{FORGED}.json")]);
    let stale = check(&["check", ".", "--baseline", "baseline.json"]);
    let diff = check(&["fmt", "--diff", "."]);
    for (what, text) in [
        ("fmt", &listed),
        ("-o", &refused),
        ("baseline", &stale),
        ("fmt --diff", &diff),
    ] {
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{what}: {text:?}");
        assert!(
            !text.lines().any(|line| line.starts_with("store.promise:")),
            "{what}: {text}"
        );
    }
    assert!(
        listed.contains("a␛]0;owned␇␊store.promise:1:1: error: forged.promise"),
        "{listed}"
    );
    assert!(refused.contains("a␛]0;owned␇␊store.promise"), "{refused}");
    // Quoted as git quotes such a path, which `git apply` reads.
    let header = r#"--- "a/a\033]0;owned\007\nstore.promise:1:1: error: forged.promise""#;
    assert!(diff.contains(header), "{diff}");
    assert!(
        stale.contains("a␛[2J.md:1: broken-promise: gone␊store.promise:9:9"),
        "{stale}"
    );
}
