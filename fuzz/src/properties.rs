//! What each fuzz target holds true of any input: one function per target,
//! which panics when its property fails.
//!
//! The fuzz targets call these, and the main crate's
//! `tests/it/fuzz_regressions.rs` includes this very file (`#[path]`) to replay
//! `fuzz/regressions/` on stable. So it may use only what both crates can:
//! promiselint's public API, `tempfile` and `std`.

use promiselint::copy::matcher::{Locale, Matcher};
use promiselint::copy::normalize::Normalized;
use promiselint::copy::{self, CopyKind};
use promiselint::policy::syntax::{Item, PromiseStatement};
use promiselint::policy::{format, parse, pattern};
use promiselint::source::Sources;
use promiselint::Outcome;
use std::fmt::Debug;
use std::ops::Range;
use std::path::Path;
use std::sync::Once;

/// A target's property: panics unless it holds of the input.
pub type Property = fn(&[u8]);

/// Every target, by the name of its folder under `fuzz/regressions/`.
pub const TARGETS: &[(&str, Property)] = &[
    ("promise", promise),
    ("yaml_policy", yaml_policy),
    ("extract", extract),
    ("matcher", matcher),
    ("fmt", fmt),
    ("lsp", lsp),
];

/// The input as a promise file, checked whole (model, rules, copy of its
/// touchpoints): no panic, and every finding's spans lie in their files.
pub fn promise(data: &[u8]) {
    check_files(&[("p.promise", data)]);
}

/// A promise file that imports the input as its policy: the same properties.
pub fn yaml_policy(data: &[u8]) {
    const PROMISES: &str = r#"policy p from "p.yaml"
promise "{n}-day returns" {
  says "{n}-day returns", "free shipping over {x:money}"
  requires p.returns.window >= n days and p.shipping.free_over <= x
}
"#;
    check_files(&[("p.promise", PROMISES.as_bytes()), ("p.yaml", data)]);
}

/// The first byte picks the kind of file, the rest is its text: every range
/// of the copy maps back inside the text, on character boundaries.
pub fn extract(data: &[u8]) {
    const KINDS: [CopyKind; 4] = [
        CopyKind::Markdown,
        CopyKind::Html,
        CopyKind::Yaml,
        CopyKind::Text,
    ];
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let copy = match copy::extract(KINDS[usize::from(first) % KINDS.len()], text) {
        Ok(copy) => copy,
        Err(error) => return assert_range_in(text, error.span, &error.message),
    };
    // Each character alone, and from it to the end: every piece boundary is
    // crossed, in linear time.
    let len = copy.text.len();
    let starts: Vec<usize> = copy.text.char_indices().map(|(at, _)| at).collect();
    for (index, &start) in starts.iter().enumerate() {
        let next = starts.get(index + 1).copied().unwrap_or(len);
        for range in [start..start, start..next, start..len] {
            assert_range_in(text, copy.original_range(range.clone()), &range);
        }
    }
}

/// The lines before the first blank line are `says` phrases, the rest is
/// copy: every match, and every number in it, maps back inside the copy.
pub fn matcher(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (phrases, copy) = text.split_once("\n\n").unwrap_or((text, ""));
    // Phrases go through the grammar, so that they are what a promise file
    // can hold: one line, escapes checked.
    let quoted: Vec<String> = phrases.lines().map(|line| format!("\"{line}\"")).collect();
    let promise = format!("promise \"t\" {{ says {} }}", quoted.join(", "));
    let file = Sources::default().add("t.promise".into(), "");
    let Ok(syntax) = parse::parse_file(file, &promise) else {
        return;
    };
    let mut errors = Vec::new();
    let patterns: Vec<_> = syntax
        .items
        .iter()
        .flat_map(|item| match item {
            Item::Promise(promise) => promise.statements.as_slice(),
            _ => &[],
        })
        .flat_map(|statement| match statement {
            PromiseStatement::Says { phrases, .. } => phrases.as_slice(),
            _ => &[],
        })
        .filter_map(|phrase| pattern::parse(phrase, &mut errors))
        .collect();
    let matcher = Matcher::new(&patterns.iter().collect::<Vec<_>>());
    let normalized = Normalized::new(copy);
    let matches = matcher.find(&normalized, &Locale::default());
    for found in matches.found {
        assert!(found.pattern.0 < patterns.len(), "{found:?}");
        let numbers = found.numbers.iter().map(|(_, range)| range);
        for range in std::iter::once(&found.range).chain(numbers) {
            assert_range_in(&normalized.text, range.clone(), &found);
            let original = normalized.original(range.clone(), copy);
            assert_range_in(copy, original, &found);
        }
    }
    for unread in matches.unread {
        assert!(unread.pattern.0 < patterns.len(), "{unread:?}");
        for range in [&unread.range, &unread.figure] {
            assert_range_in(&normalized.text, range.clone(), &unread);
            let original = normalized.original(range.clone(), copy);
            assert_range_in(copy, original, &unread);
        }
    }
}

/// A promise file that parses formats to a file with the same syntax tree,
/// which formats to itself.
pub fn fmt(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Sources::default().add("f.promise".into(), "");
    let Ok(tree) = parse::parse_file(file, text) else {
        return;
    };
    let Ok(formatted) = format::format(file, text) else {
        return;
    };
    let again = format::format(file, &formatted).unwrap_or_else(|error| {
        panic!(
            "the formatted text does not parse: {}\n{formatted}",
            error.message
        )
    });
    assert_eq!(again, formatted, "formatting is not idempotent");
    let formatted_tree = parse::parse_file(file, &formatted).expect("it formatted");
    // fmt writes a unit in its canonical spelling (`Working Days` as
    // `business days`): the same meaning in other words.
    assert_eq!(
        canonical_units(&without_spans(&formatted_tree)),
        canonical_units(&without_spans(&tree)),
        "formatting changed the meaning:\n{formatted}"
    );
}

/// A tree's dump with every name that spells a unit spelt as fmt writes it.
fn canonical_units(dump: &str) -> String {
    const NAME: &str = "Ident { name: \"";
    let mut out = String::with_capacity(dump.len());
    let mut rest = dump;
    while let Some(at) = rest.find(NAME) {
        let start = at + NAME.len();
        let end = start + rest[start..].find('"').expect("a name's dump ends");
        let name = &rest[start..end];
        out.push_str(&rest[..start]);
        out.push_str(promiselint::policy::value::Unit::canonical(name).unwrap_or(name));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The workspace the `lsp` target serves: a fixed folder, so that the seeds
/// can open its files by URI.
pub const LSP_ROOT: &str = "/tmp/promiselint-fuzz-lsp";

/// The input is the byte stream a client sends: the server ends, without
/// panicking, whatever it holds (libFuzzer's `-timeout` and `-rss_limit_mb`
/// hold time and memory).
pub fn lsp(data: &[u8]) {
    // A client that names its workspace is served there, and would have the
    // server check whatever folder it names, `/` included: slow, not wrong.
    if ["rootUri", "rootPath", "workspaceFolders"]
        .iter()
        .any(|key| data.windows(key.len()).any(|w| w == key.as_bytes()))
    {
        return;
    }
    static WORKSPACE: Once = Once::new();
    WORKSPACE.call_once(|| {
        let root = Path::new(LSP_ROOT);
        std::fs::create_dir_all(root.join("site")).expect("the workspace folder");
        std::fs::write(root.join("promises.promise"), LSP_PROMISES).expect("a promise file");
        std::fs::write(root.join("site/index.md"), "Enjoy 30-day returns.\n").expect("copy");
    });
    // A broken header ends the session with an error: an answer, not a failure.
    let _ = promiselint::lsp::run_in(Path::new(LSP_ROOT), data, Vec::new());
}

const LSP_PROMISES: &str = r#"policy returns {
  window = 30 days
}

promise "{n}-day returns" {
  says "{n}-day returns"
  requires returns.window >= n days
}

touchpoint website "Website" {
  files "site/*.md"
}
"#;

/// Writes `files` into a new folder and checks its first (the promise
/// file): every finding's spans must lie in their files.
fn check_files(files: &[(&str, &[u8])]) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (name, bytes) in files {
        std::fs::write(folder.path().join(name), bytes).expect("a file in it");
    }
    let outcome =
        promiselint::check(&[folder.path().join(files[0].0)]).expect("the promise file is there");
    assert_spans_in_files(&outcome);
}

fn assert_spans_in_files(outcome: &Outcome) {
    for finding in &outcome.findings {
        for label in std::iter::once(&finding.primary).chain(&finding.related) {
            let text = outcome.sources.get(label.span.file).text();
            assert_range_in(text, label.span.start..label.span.end, &finding);
        }
    }
}

/// Panics unless `range` is a range of `text` that starts and ends on
/// character boundaries; `what` says whose range it is.
fn assert_range_in(text: &str, range: Range<usize>, what: &dyn Debug) {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{range:?} is no range of characters of a text of {} bytes: {what:?}",
        text.len()
    );
}

/// The `Debug` dump of a syntax tree with every `Span { .. }` left out, to
/// compare two layouts of one file. A span holds no brace, so its dump ends
/// at the first `}`.
fn without_spans(tree: &dyn Debug) -> String {
    let dump = format!("{tree:?}");
    let mut out = String::with_capacity(dump.len());
    let mut rest = dump.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("a span's dump ends");
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}
