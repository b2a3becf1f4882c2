//! No edit promiselint offers changes what customers read: in generated
//! Markdown, HTML and YAML of many block shapes, every suppression offered
//! for a broken promise leaves the file's copy as it was and drops the
//! finding it is for, and every fix changes the copy by its figure alone.
//! The copy is what promiselint's own extractors read. (The language
//! server offers these same edits; tests/it/lsp.rs drives it over stdio.)

use crate::common;

use promiselint::copy::{self, CopyKind};
use promiselint::finding::codes::{BROKEN_PROMISE, UNUSED_SUPPRESSION};
use promiselint::finding::Finding;
use promiselint::report::fix::{self, suppress::suppress};
use promiselint::source::Overlay;
use promiselint::{analyze, Analysis, CheckOptions};
use proptest::prelude::*;
use std::path::PathBuf;

pub const PROMISES: &str = "\
policy returns {
  window = 30 days
}

promise \"{n}-day returns\" {
  says \"{n}-day returns\"
  requires returns.window >= n days
}

touchpoint website \"Website\" {
  files \"site/*.*\"
}
";

/// A workspace with the promise file and an empty copy file of each kind,
/// whose text a run reads from an overlay.
struct Workspace {
    folder: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        std::fs::write(root.join("store.promise"), PROMISES).unwrap();
        std::fs::create_dir(root.join("site")).unwrap();
        for kind in [CopyKind::Markdown, CopyKind::Html, CopyKind::Yaml] {
            std::fs::write(root.join(copy_file(kind)), "").unwrap();
        }
        Workspace { folder }
    }

    fn root(&self) -> PathBuf {
        self.folder.path().canonicalize().unwrap()
    }

    /// A run with `text` as the copy file of `kind`.
    fn analyze(&self, kind: CopyKind, text: &str) -> Analysis {
        let mut overlay = Overlay::default();
        overlay.insert(self.root().join(copy_file(kind)), text);
        let options = CheckOptions {
            overlay,
            ..CheckOptions::default()
        };
        analyze(&[self.root()], &options).expect("the workspace checks")
    }
}

fn copy_file(kind: CopyKind) -> &'static str {
    match kind {
        CopyKind::Markdown => "site/copy.md",
        CopyKind::Html => "site/copy.html",
        CopyKind::Yaml => "site/copy.yaml",
        CopyKind::Text => "site/copy.txt",
    }
}

fn reads(kind: CopyKind, text: &str) -> String {
    copy::extract(kind, text)
        .expect("generated copy reads")
        .text
}

/// `text` with lines inserted at byte offsets, in file order.
fn inserted(text: &str, insertions: &[(usize, String)]) -> String {
    let mut out = text.to_owned();
    for (at, line) in insertions.iter().rev() {
        out.insert_str(*at, line);
    }
    out
}

fn of_rule<'a>(analysis: &'a Analysis, rule: &str) -> Vec<&'a Finding> {
    let findings = analysis.outcome.findings.iter();
    findings.filter(|f| f.rule.name == rule).collect()
}

/// Checks every suppression and fix offered for the broken promises of
/// `text`, a copy file of `kind`; returns how many broken promises it held.
fn check_every_edit(workspace: &Workspace, kind: CopyKind, text: &str) -> usize {
    let analysis = workspace.analyze(kind, text);
    let before = reads(kind, text);
    let unused = of_rule(&analysis, UNUSED_SUPPRESSION.name).len();
    let broken = of_rule(&analysis, BROKEN_PROMISE.name);
    for finding in &broken {
        let start = finding.primary.span.start;
        let offered = suppress(kind, text, start, finding.rule)
            .unwrap_or_else(|| panic!("no suppression for {start} in {text:?}"));
        let after = inserted(text, &offered.insertions);
        assert_eq!(reads(kind, &after), before, "{text:?} became {after:?}");
        let again = workspace.analyze(kind, &after);
        let before_it = offered.insertions.iter().filter(|(at, _)| *at <= start);
        let moved = start + before_it.map(|(_, line)| line.len()).sum::<usize>();
        let still = of_rule(&again, BROKEN_PROMISE.name);
        assert!(
            still.iter().all(|f| f.primary.span.start != moved),
            "not suppressed in {after:?}"
        );
        assert!(
            again
                .suppressed
                .iter()
                .any(|f| f.primary.span.start == moved),
            "not dropped by a suppression in {after:?}"
        );
        assert_eq!(still.len() + 1, broken.len(), "{after:?}");
        let unused_after = of_rule(&again, UNUSED_SUPPRESSION.name).len();
        assert_eq!(unused_after, unused, "{after:?}");
    }
    let copy = copy::extract(kind, text).unwrap();
    for fix in fix::for_analysis(&analysis).fixes {
        let range = fix.range.start..fix.range.end;
        let mut after = text.to_owned();
        after.replace_range(range.clone(), &fix.replacement);
        // The copy before, with the figure's own characters replaced.
        let (at, _) = before
            .match_indices(&fix.original)
            .find(|(at, _)| copy.original_range(*at..at + fix.original.len()) == range)
            .expect("the figure stands in the copy");
        let mut expected = before.clone();
        expected.replace_range(at..at + fix.original.len(), &fix.replacement);
        assert_eq!(reads(kind, &after), expected, "{text:?} became {after:?}");
    }
    broken.len()
}

/// Words that are no promise and mean nothing to any of the three formats.
const FILLER: &[&str] = &[
    "Changed your mind",
    "send it back to us",
    "we offer",
    "on every order",
    "no questions asked",
    "and the label is on us",
];

/// Broken promises: the policy's window is 30 days.
const PHRASES: &[&str] = &["60-day returns", "45-day returns", "Sixty-day returns"];

/// One block of a generated file: its shape, how many lines of words it
/// has, which line holds a phrase (if any, and which), whether the phrase
/// runs over the line's end onto the next, and whether a suppression of
/// another rule stands before the block (which must keep its place).
#[derive(Clone, Debug)]
struct Block {
    shape: usize,
    lines: usize,
    phrase: Option<(usize, usize)>,
    split: bool,
    noted: bool,
}

/// The comment that goes before a noted block.
const NOTE: &str = "promiselint-disable-next-line unread-figure";

impl Block {
    /// The block's lines of words, before a shape lays them out.
    fn words(&self, seed: usize) -> Vec<String> {
        let mut lines: Vec<String> = (0..self.lines)
            .map(|i| FILLER[(seed + i) % FILLER.len()].to_owned())
            .collect();
        if let Some((line, phrase)) = self.phrase {
            let line = line % self.lines;
            let phrase = PHRASES[phrase % PHRASES.len()];
            match phrase.split_once(' ') {
                Some((figure, rest)) if self.split && line + 1 < self.lines => {
                    lines[line] = format!("{} {figure}", lines[line]);
                    lines[line + 1] = format!("{rest} {}", lines[line + 1]);
                }
                _ => lines[line] = format!("{} {phrase} today", lines[line]),
            }
        }
        lines
    }
}

fn blocks() -> impl Strategy<Value = Vec<Block>> {
    let block = (
        // As many shapes as the format with the most; each takes them modulo its own.
        0..YAML_SHAPES,
        1..5usize,
        prop::option::weighted(0.7, (0..4usize, 0..3usize)),
        any::<bool>(),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(shape, lines, phrase, split, noted)| Block {
            shape,
            lines,
            phrase,
            split,
            noted,
        });
    prop::collection::vec(block, 1..4)
}

/// A file's text, with its last line break or without.
fn ended(text: String, line_break: bool) -> String {
    match line_break {
        true => text,
        false => text.trim_end_matches('\n').to_owned(),
    }
}

/// Lays `lines` out with `first` before the first and `rest` before the others.
fn laid(lines: &[String], first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Writes a file of one format, of blocks in as many shapes as it has.
type Write = fn(&[Block]) -> String;

const FORMATS: [(CopyKind, usize, Write); 3] = [
    (CopyKind::Markdown, MARKDOWN_SHAPES, markdown),
    (CopyKind::Html, HTML_SHAPES, html),
    (CopyKind::Yaml, YAML_SHAPES, yaml),
];

const MARKDOWN_SHAPES: usize = 10;
const HTML_SHAPES: usize = 10;
const YAML_SHAPES: usize = 15;

fn markdown(blocks: &[Block]) -> String {
    let mut out = String::from("# Returns\n\n");
    for (seed, block) in blocks.iter().enumerate() {
        let words = block.words(seed);
        let text = match block.shape % MARKDOWN_SHAPES {
            0 => laid(&words, "", ""),
            1 => format!("- First\n{}- Last\n", laid(&words, "- ", "  ")),
            2 => format!("1. First\n{}3. Last\n", laid(&words, "2. ", "   ")),
            3 => laid(&words, "> ", "> "),
            4 => {
                let rows: Vec<String> = words.iter().map(|w| format!("{w} | Yes |")).collect();
                format!("| Terms | Kept |\n|---|---|\n{}", laid(&rows, "| ", "| "))
            }
            5 => format!("- Outer\n{}", laid(&words, "  - ", "    ")),
            6 => format!("<p>{}</p>\n", laid(&words, "", "").trim_end()),
            7 => laid(&words, "- ", ""),
            8 => format!("- Intro\n\n{}", laid(&words, "  ", "  ")),
            _ => format!("## {}\n", words.join(" ")),
        };
        if block.noted {
            out.push_str(&format!("<!-- {NOTE} -->\n"));
        }
        out.push_str(&text);
        out.push('\n');
    }
    out
}

fn html(blocks: &[Block]) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html>\n<head>\n<title>Shop</title>\n</head>\n<body>\n");
    for (seed, block) in blocks.iter().enumerate() {
        let words = block.words(seed);
        let text = match block.shape % HTML_SHAPES {
            0 => format!("<p>{}</p>\n", laid(&words, "", "").trim_end()),
            1 => format!("<p>\n{}</p>\n", laid(&words, "  ", "  ")),
            2 => format!("<pre>\n{}</pre>\n", laid(&words, "", "")),
            3 => format!(
                "<ul>\n  <li>{}</li>\n  <li>Other</li>\n</ul>\n",
                laid(&words, "", "    ").trim_end()
            ),
            4 => format!(
                "<table>\n  <tr>\n    <td>\n{}    </td>\n  </tr>\n</table>\n",
                laid(&words, "      ", "      ")
            ),
            5 => format!("<textarea>\n{}</textarea>\n", laid(&words, "", "")),
            6 => format!("<div>{}</div>\n", words.join("<br>\n")),
            7 => format!("<img alt=\"{}\">\n", laid(&words, "", "").trim_end()),
            8 => format!("<title>\n{}</title>\n", laid(&words, "", "")),
            _ => format!(
                "<p>{}\n<b>in bold</b> {}</p>\n",
                words[0],
                words[1..].join("\n")
            ),
        };
        out.push_str(&text);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn yaml(blocks: &[Block]) -> String {
    let mut out = String::from("greeting: Hello\n");
    for (seed, block) in blocks.iter().enumerate() {
        let words = block.words(seed);
        let key = format!("step{seed}");
        let text = match block.shape % YAML_SHAPES {
            0 => format!("{key}: {}\n", words.join(" ")),
            1 => format!("{key}: {}", laid(&words, "", "  ")),
            2 => format!("{key}: >\n{}", laid(&words, "  ", "  ")),
            3 => format!("{key}: >-\n{}", laid(&words, "  ", "  ")),
            4 => format!("{key}: |\n{}", laid(&words, "  ", "  ")),
            5 => format!("{key}: |+\n{}\n", laid(&words, "  ", "  ")),
            6 => format!("{key}: |\n{}", laid(&words, "  ", "\n  ")),
            7 => format!("{key}: \"{}\"\n", laid(&words, "", "  ").trim_end()),
            8 => format!("{key}: '{}'\n", laid(&words, "", "  ").trim_end()),
            9 => format!(
                "{key}: [{}]\n",
                laid(&words, "", "  ").trim_end().replace('\n', ",\n")
            ),
            10 => format!(
                "{key}: {{{}}}\n",
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| format!("k{i}: {w}"))
                    .collect::<Vec<_>>()
                    .join(",\n  ")
            ),
            11 => format!("{key}:\n  inner: >-\n{}", laid(&words, "    ", "    ")),
            12 => format!("{key}:\n  - Hi\n  - say: {}", laid(&words, "", "      ")),
            13 => format!("{key}:\n- {}", laid(&words, "", "  ")),
            _ => format!("{key}:\n  - |-\n{}", laid(&words, "    ", "    ")),
        };
        if block.noted {
            out.push_str(&format!("# {NOTE}\n"));
        }
        out.push_str(&text);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn markdown_edits_leave_the_copy_as_it_reads(blocks in blocks(), line_break: bool) {
        let text = ended(markdown(&blocks), line_break);
        check_every_edit(&Workspace::new(), CopyKind::Markdown, &text);
    }

    #[test]
    fn html_edits_leave_the_copy_as_it_reads(blocks in blocks(), line_break: bool) {
        let text = ended(html(&blocks), line_break);
        check_every_edit(&Workspace::new(), CopyKind::Html, &text);
    }

    #[test]
    fn yaml_edits_leave_the_copy_as_it_reads(blocks in blocks(), line_break: bool) {
        let text = ended(yaml(&blocks), line_break);
        check_every_edit(&Workspace::new(), CopyKind::Yaml, &text);
    }
}

/// Every shape of every format, with a phrase in each of its lines and one
/// across a line's end: so that no shape is left to chance.
#[test]
fn every_shape_is_checked() {
    let workspace = Workspace::new();
    for (kind, shapes, write) in FORMATS {
        for shape in 0..shapes {
            let mut found = 0;
            for (line, split) in [(0, false), (1, false), (2, false), (1, true)] {
                let block = Block {
                    shape,
                    lines: 3,
                    phrase: Some((line, shape)),
                    split,
                    noted: line == 1,
                };
                found += check_every_edit(&workspace, kind, &write(&[block]));
            }
            assert!(found > 0, "no broken promise in {kind:?} shape {shape}");
        }
    }
}

/// `fmt` formats promise files only: the copy beside them stays as it is,
/// to the byte.
#[test]
fn fmt_leaves_copy_alone() {
    let workspace = Workspace::new();
    let root = workspace.root();
    let messy = PROMISES.replace("  window = 30 days", "window=30 days");
    std::fs::write(root.join("store.promise"), messy).unwrap();
    let block = Block {
        shape: 4,
        lines: 3,
        phrase: Some((1, 0)),
        split: false,
        noted: false,
    };
    let texts = [
        (CopyKind::Markdown, markdown(std::slice::from_ref(&block))),
        (CopyKind::Html, html(std::slice::from_ref(&block))),
        (CopyKind::Yaml, yaml(std::slice::from_ref(&block))),
    ];
    for (kind, text) in &texts {
        std::fs::write(root.join(copy_file(*kind)), text).unwrap();
    }
    let output = common::promiselint_in(&root, &["fmt", "."]);
    assert_eq!(common::code(&output), 0, "{}", common::stderr(&output));
    assert_eq!(common::stdout(&output).trim(), "store.promise");
    for (kind, text) in &texts {
        let now = std::fs::read_to_string(root.join(copy_file(*kind))).unwrap();
        assert_eq!(&now, text);
    }
}

/// `check --fix` refuses a fix whose new number would be read as markup:
/// "5." at the start of a line continues a Markdown paragraph, where "1."
/// would start a numbered list. The other figure of the file is fixed.
#[test]
fn a_fix_that_would_start_a_list_is_refused() {
    let workspace = Workspace::new();
    let root = workspace.root();
    let promises = PROMISES.replace(
        "touchpoint",
        "policy orders {\n  max_items = 1\n}\n\npromise \"a limit of {n}\" {\n  \
         says \"a limit of {n}\"\n  requires orders.max_items >= n\n}\n\ntouchpoint",
    );
    std::fs::write(root.join("store.promise"), promises).unwrap();
    let terms =
        "Each order has a limit of\n5. Larger orders ship separately.\n\nAnd 60-day returns.\n";
    std::fs::write(root.join("site/copy.md"), terms).unwrap();
    let output = common::promiselint_in(&root, &["check", ".", "--fix", "--format", "short"]);
    let fixed = std::fs::read_to_string(root.join("site/copy.md")).unwrap();
    assert_eq!(fixed, terms.replace("60-day", "30-day"));
    let said = common::stderr(&output);
    assert!(
        said.contains(
            "\"a limit of 5\" not fixed: with \"1\" in place of \"5\" the words around it \
             would read otherwise; fix it by hand"
        ),
        "{said}"
    );
}
