//! The HTML reader held to Python's html5lib, a parser that follows WHATWG
//! to the letter: for each page, the words of its copy must be the words of
//! html5lib's tree (tests/html5lib/visible_text.py says which nodes count),
//! and every place the reader gives must be exact: each piece of copy, sliced
//! from the page, is that text, or a character reference html5lib decodes to
//! it, or the `<br>` its space stands for.
//!
//! Pages: generated ones, mixing text with the constructs tokenizers get
//! wrong (a new seed each run, printed on failure; `HTML_SEED` replays one);
//! templates and SVG come whole, where html5lib (1.1) and WHATWG part ways
//! (html5lib keeps a `<template>` open past `</template>` while a `<p>` in
//! it is) or the reader does not follow (HTML inside SVG's `<title>`);
//! every `.html` file of examples/ and tests/; and the raw HTML blocks of the
//! corpus Markdown under ../shared/corpus when it is there. Skipped, with
//! why, where html5lib cannot be imported (`pip install html5lib`; .ci/run
//! does).

use promiselint::copy::{self, CopyKind, BLOCK_BREAK};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How many pages are generated each run.
const GENERATED: usize = 400;

/// What pages are made of: text, and what tokenizers get wrong. Titles go
/// on `<span>`, not `<a>`: a tree builder reopens a formatting element such
/// as `<a>` after a block, attributes and all, so its title counts twice.
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "free", "shipping", "30 days", " ", "\n", "\r\n", "é€", "\0",
    "<p>", "</p>", "<b>", "</b>", "<div>", "</div>", "<li>", "<br>", "<br/>", "<span class=x>",
    "<img alt=\"free &amp returns\" alt=no>", "<span title='x&copy=y' id=/a>", "<img alt title=t>",
    "<!-- hidden -->", "<!-- x --!>", "<!-->", "<!--->", "<!-- -- -->", "<!--", "-->", "--!>",
    "<script>", "</script>", "<script/>", "<!--<script>", "</ script>", "<script><!--",
    "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>", "<xmp>",
    "</xmp>", "<iframe>", "</iframe>", "<noembed>", "</noembed>", "<noframes>", "</noframes>",
    "<noscript>", "</noscript>", "<template><b>free</b> <!-- </template> --></template>",
    "<![CDATA[x]]>", "<?php echo 1 ?>",
    "</>", "</p foo=\"x>\">", "<!DOCTYPE html>", "<!DOCTYPE html PUBLIC \"a>b\">", "<!x>",
    "<span title=\"", "<img alt='x>", "<p title=a title=b>", "</br>", "<listing>", "<plaintext>",
    "<svg/>", "<math/>", "&#x;", "&#;", "&NotEqualTilde;", "&#x1F600;", "&#13;",
    "&amp", "&amp;", "&notit;", "&notin;", "&#0;", "&#x110000;", "&#xD800;", "&#128;",
    "&#x41", "&#65;", "&copy", "&bogus;", "&", "<", ">", "\"", "'", "=", "/",
    "</svg>", "<svg><title>a &amp; b</title><![CDATA[<c>]]></svg>", "<svg><g>a</g><b>b</b>",
    "<math><mi>x</mi></math>", "</math>",
];

#[test]
fn generated_pages_read_as_html5lib_reads_them() {
    let seed = std::env::var("HTML_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(1, |since| since.as_nanos() as u64) | 1
        });
    eprintln!("generated pages: HTML_SEED={seed}");
    let mut random = Random(seed);
    let pages: Vec<(String, String)> = (0..GENERATED)
        .map(|i| {
            let length = 1 + random.below(30);
            let mut page = String::new();
            for _ in 0..length {
                let fragment = FRAGMENTS[random.below(FRAGMENTS.len())];
                // html5lib 1.1 stays in the comment start state on a NUL
                // (`<!--\0>` ends at its `>`); WHATWG, and the reader, go on
                // in the comment.
                let after_comment_start = page.ends_with("<!--") || page.ends_with("<!---");
                page.push_str(if fragment == "\0" && after_comment_start {
                    " "
                } else {
                    fragment
                });
            }
            (format!("page {i} of seed {seed} (HTML_SEED={seed})"), page)
        })
        .collect();
    compare(&pages);
}

#[test]
fn the_projects_html_files_read_as_html5lib_reads_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for folder in ["examples", "tests"] {
        for path in files(&root.join(folder), &["html", "htm"]) {
            let text = std::fs::read_to_string(&path).unwrap();
            pages.push((path.display().to_string(), text));
        }
    }
    assert!(pages.len() >= 10, "the project's pages are found");
    compare(&pages);
}

#[test]
fn the_corpus_markdowns_raw_html_reads_as_html5lib_reads_it() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        return eprintln!(
            "corpus HTML not compared: {} is not there",
            corpus.display()
        );
    }
    let mut pages = Vec::new();
    for path in files(&corpus, &["md", "markdown", "html", "htm"]) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if path.extension().is_some_and(|e| e.to_str() != Some("md")) {
            pages.push((path.display().to_string(), text));
            continue;
        }
        for (i, block) in html_blocks(&text).into_iter().enumerate() {
            pages.push((format!("{} (HTML block {i})", path.display()), block));
        }
    }
    compare(&pages);
}

/// The raw HTML blocks of a Markdown file, each as one text.
fn html_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut block: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => blocks.extend(block.take()),
            Event::Html(html) => {
                if let Some(block) = &mut block {
                    block.push_str(&html);
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The files under `folder` with one of `extensions`, in a stable order.
fn files(folder: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    found.sort();
    found
}

/// What the reader makes of one page.
struct Read {
    words: Vec<String>,
    /// Pieces of copy that are not the page's own bytes: the page's bytes,
    /// and the text the reader put in their place.
    decoded: Vec<(String, String)>,
}

fn read(page: &str) -> Read {
    let copy = copy::extract(CopyKind::Html, page).expect("HTML always reads");
    let words = copy
        .text
        .split(|c| c == BLOCK_BREAK || is_html_space(c))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect();
    // Runs of characters that stand for the same bytes of the page.
    let mut decoded: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (at, c) in copy.text.char_indices() {
        if c == BLOCK_BREAK {
            continue;
        }
        let original = copy.original_range(at..at + c.len_utf8());
        match decoded.last_mut() {
            Some((last, text)) if *last == original => text.push(c),
            _ => decoded.push((original, c.to_string())),
        }
    }
    let decoded = decoded
        .into_iter()
        .map(|(original, text)| (page[original].to_owned(), text))
        .filter(|(original, text)| original != text)
        .collect();
    Read { words, decoded }
}

/// HTML's white space, at which words end.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Asserts that each named page reads as html5lib reads it, with exact
/// places; every difference is listed before the test fails.
fn compare(pages: &[(String, String)]) {
    let reads: Vec<Read> = pages.iter().map(|(_, page)| read(page)).collect();
    let mut failures = Vec::new();
    // A `<br>` is read as a space in its place, and a NUL outside text as
    // U+FFFD; every other piece must be a character reference.
    let mut references = Vec::new();
    for ((name, _), read) in pages.iter().zip(&reads) {
        for (original, text) in &read.decoded {
            let line_break = original.starts_with('<') && text == " ";
            let nul = original == "\0" && text == "\u{fffd}";
            if line_break || nul {
                continue;
            }
            if !original.starts_with('&') {
                failures.push(format!("{name}: {text:?} is placed on {original:?}"));
            }
            references.push(original.clone());
        }
    }
    let Some(oracle) = html5lib(pages, &references) else {
        // The places that need no decoding are still checked.
        return assert!(failures.is_empty(), "{}", failures.join("\n"));
    };
    let mut decoded = oracle["references"].as_array().unwrap().iter();
    for ((name, page), read) in pages.iter().zip(&reads) {
        for (original, text) in &read.decoded {
            if original.starts_with('<') && text == " " || original == "\0" {
                continue;
            }
            let expected = decoded.next().and_then(Value::as_str).unwrap();
            if expected != text {
                failures.push(format!(
                    "{name}: {original:?} is read as {text:?}, html5lib reads {expected:?}\n  page: {page:?}"
                ));
            }
        }
    }
    for (((name, page), read), expected) in pages
        .iter()
        .zip(&reads)
        .zip(oracle["pages"].as_array().unwrap())
    {
        let expected: Vec<&str> = expected
            .as_array()
            .unwrap()
            .iter()
            .map(|word| word.as_str().unwrap())
            .collect();
        if read.words != expected {
            failures.push(format!(
                "{name}: words differ\n  page:     {page:?}\n  ours:     {:?}\n  html5lib: {expected:?}",
                read.words
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages differ from html5lib:\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n")
    );
}

/// html5lib's answer for the pages and references (see visible_text.py);
/// `None`, said on stderr, when it cannot be run.
fn html5lib(pages: &[(String, String)], references: &[String]) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html5lib/visible_text.py");
    let importable = Command::new("python3")
        .args(["-c", "import html5lib"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !importable {
        eprintln!(
            "HTML not compared with html5lib: python3 cannot import it (`pip install html5lib`; .ci/run does)"
        );
        return None;
    }
    let request = json!({
        // A browser leaves out the byte order mark as it decodes the page.
        "pages": pages
            .iter()
            .map(|(_, page)| page.strip_prefix('\u{feff}').unwrap_or(page))
            .collect::<Vec<_>>(),
        "references": references,
    });
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(request.to_string().as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "visible_text.py failed");
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// xorshift64: pages that a seed makes again.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
