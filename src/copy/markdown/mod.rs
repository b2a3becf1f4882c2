//! Markdown copy, read with pulldown-cmark (CommonMark with GitHub's tables,
//! strikethrough, footnotes, task lists and alerts).
//!
//! What is copy: the text of paragraphs, headings, list items, block quotes,
//! table cells and footnotes; link text; image alt text, a block of its own
//! as in HTML; emphasis, strong and struck-out text without their markers, so
//! `**next-day** delivery` reads `next-day delivery`, each word mapped to its
//! own bytes. Escapes and character references are decoded (`\*`, `&nbsp;`).
//! Raw HTML, inline or in blocks, is read by the HTML [`Reader`]: tags left
//! out, text kept, `<script>` and comments dropped, as in an HTML file.
//!
//! What is not: front matter (`---` YAML or `+++` TOML at the very top, see
//! [`body_start`]),
//! fenced and indented code blocks, inline code, link and image URLs and
//! titles, footnote and task-list markers, heading attributes (`{#id}`).
//! Math is not enabled: `$5 off, $10 back` is prices, not a formula.
//!
//! Every block-level element ends a block of copy; line breaks inside a
//! paragraph are its own bytes (without a hard break's `\`).

mod simple;

use super::html::Reader;
use super::CopyBuilder;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_GFM);

/// Reads the copy of a Markdown file into an empty `builder`: with the
/// one-pass [`simple`] reader where the file keeps to what it reads, else
/// with pulldown-cmark.
pub(super) fn extract(file_text: &str, builder: &mut CopyBuilder) {
    let base = body_start(file_text);
    if simple::extract(file_text, base, builder).is_err() {
        builder.clear();
        with_pulldown(file_text, base, builder);
    }
}

fn with_pulldown(file_text: &str, base: usize, builder: &mut CopyBuilder) {
    let mut html = Reader::default();
    // The lines of the HTML block being read.
    let mut html_block = Vec::new();
    // Inside a code block.
    let mut code = false;
    // Inside an HTML block.
    let mut in_html = false;
    // Inside a table's header row.
    let mut table_head = false;
    for (event, range) in Parser::new_ext(&file_text[base..], OPTIONS).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(tag) => {
                code |= matches!(tag, Tag::CodeBlock(_));
                in_html |= matches!(tag, Tag::HtmlBlock);
                if breaks(tag.to_end()) {
                    builder.block_break();
                }
                match tag {
                    Tag::Table(_) => builder.table_start(),
                    Tag::TableHead => {
                        table_head = true;
                        builder.row_start(true);
                    }
                    Tag::TableRow => builder.row_start(false),
                    Tag::TableCell => builder.cell_start(table_head),
                    _ => {}
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::TableCell => builder.cell_end(),
                    TagEnd::TableHead | TagEnd::TableRow => {
                        table_head = false;
                        builder.row_end();
                    }
                    TagEnd::CodeBlock => code = false,
                    TagEnd::HtmlBlock => {
                        in_html = false;
                        html.read(file_text, &html_block, builder);
                        html_block.clear();
                    }
                    _ => {}
                }
                if breaks(end) {
                    builder.block_break();
                }
            }
            Event::Html(_) => html_block.push(range),
            // pulldown-cmark gives the indent of an HTML block's first line
            // as text of the block: white space before markup, not copy.
            Event::Text(_) if in_html => {}
            Event::InlineHtml(_) => html.read(file_text, std::slice::from_ref(&range), builder),
            // What is left is copy, unless in code or a `<script>`.
            _ if code || html.in_hidden() => {}
            Event::Text(text) if file_text.get(range.clone()) == Some(&*text) => {
                builder.verbatim(range.start, &text);
            }
            Event::Text(text) => builder.decoded(&text, range),
            Event::SoftBreak | Event::HardBreak => {
                let line_break = &file_text[range.clone()];
                let after_backslash = usize::from(line_break.starts_with('\\'));
                builder.verbatim(
                    range.start + after_backslash,
                    &line_break[after_backslash..],
                );
            }
            Event::Rule => builder.block_break(),
            // Inline code, footnote and task-list markers; math is not enabled.
            _ => {}
        }
    }
}

/// Where the Markdown starts: after a byte order mark and front matter.
///
/// Front matter is cut here rather than by pulldown-cmark, which takes a
/// `---` line anywhere in the file to open a metadata block, and would hide
/// the copy between two thematic breaks. Here it is a `---` (YAML) or `+++`
/// (TOML) line at the very top, up to the same line again (or `...` after
/// `---`); without that closing line it is no front matter.
fn body_start(text: &str) -> usize {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return start;
    };
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return start;
    }
    let mut at = start + first.len();
    for line in lines {
        at += line.len();
        let line = line.trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return at;
        }
    }
    start
}

/// Whether an element ends a block of copy: all but the inline ones.
fn breaks(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_copy, check_corpus, never_panics};
    use super::super::CopyKind::{self, Markdown};
    use super::CopyBuilder;

    #[test]
    fn emphasis_markers_are_left_out_and_words_keep_their_bytes() {
        assert_copy(
            Markdown,
            "Get **next-day** delivery, _free_ and ~~slow~~ fast.\n",
            "Get next-day delivery, free and slow fast.¶",
            &[
                ("next-day delivery", "next-day** delivery"),
                ("next-day", "next-day"),
                ("delivery", "delivery"),
            ],
        );
    }

    #[test]
    fn references_and_escapes_are_decoded_over_their_bytes() {
        assert_copy(
            Markdown,
            "30-day&nbsp;returns, it&rsquo;s \\*free\\* &#8209; &bogus;\n",
            "30-day\u{a0}returns, it’s *free* ‑ &bogus;¶",
            &[
                ("30-day\u{a0}returns", "30-day&nbsp;returns"),
                ("\u{a0}", "&nbsp;"),
                ("’", "&rsquo;"),
                ("*free*", "*free\\*"),
            ],
        );
    }

    #[test]
    fn a_paragraph_over_several_lines_is_one_block() {
        assert_copy(
            Markdown,
            "Free returns\nwithin 30 days  \nof delivery\\\nno questions\n\nNext\n",
            "Free returns\nwithin 30 days  \nof delivery\nno questions¶Next¶",
            &[
                ("returns\nwithin", "returns\nwithin"),
                ("delivery\nno", "delivery\\\nno"),
            ],
        );
    }

    #[test]
    fn every_block_element_ends_a_block() {
        let text = concat!(
            "# Returns\n\n- one\n- two\n\n> quoted\n> more\n\n",
            "| a | b |\n|---|---|\n| c | d |\n\nabove\n\n---\n\nbelow[^1]\n\n[^1]: a note\n",
        );
        assert_copy(
            Markdown,
            text,
            "Returns¶one¶two¶quoted\nmore¶a¶b¶c¶d¶above¶below¶a note¶",
            &[],
        );
    }

    #[test]
    fn link_text_and_image_alt_are_copy_but_not_urls() {
        assert_copy(
            Markdown,
            "See [hassle-free returns](https://x.test/free-shipping \"free shipping\") \
             and ![Free shipping badge](badge.png).\n",
            "See hassle-free returns and ¶Free shipping badge¶.¶",
            &[("badge", "badge")],
        );
    }

    #[test]
    fn front_matter_and_code_are_not_copy() {
        let text = concat!(
            "---\npromise: free shipping\n---\nHello\n\n",
            "```\nfree shipping\n```\n\n    free shipping\n\n",
            "Use `free shipping` here.\n",
        );
        for (text, expected) in [
            (text, "Hello¶Use  here.¶"),
            ("+++\ntitle = \"free shipping\"\n+++\nHello\n", "Hello¶"),
            // Without its closing line it is a thematic break; further
            // down, two are thematic breaks around copy.
            ("---\nHello\n", "Hello¶"),
            ("Intro\n\n---\nFree\n---\n", "Intro¶Free¶"),
        ] {
            assert_copy(Markdown, text, expected, &[]);
        }
    }

    #[test]
    fn raw_html_is_read_as_html() {
        let text = concat!(
            "Our <b>hassle-free</b> returns<!-- free shipping -->\n\n",
            "<div class=\"promo\">\n  <p>Free <em>next-day</em> delivery</p>\n",
            "  <img alt=\"30-day returns\">\n</div>\n\n",
            "<script>\nlet s = \"free shipping\";\n</script>\n\n",
            "Before <script>free shipping</script> after\n",
        );
        assert_copy(
            Markdown,
            text,
            "Our hassle-free returns¶Free next-day delivery¶30-day returns¶Before  after¶",
            &[("hassle-free returns", "hassle-free</b> returns")],
        );
        // An indented comment's indent is no block of copy.
        assert_copy(
            Markdown,
            "Intro\n\n  <!-- a comment -->\n  Free & fast\n",
            "Intro¶Free & fast¶",
            &[("Free & fast", "Free & fast")],
        );
        // In a quote the markers between lines are not HTML.
        assert_copy(
            Markdown,
            "> <p\n> class=\"x\">Free &amp; fast</p>\n",
            "Free & fast¶",
            &[("Free & fast", "Free &amp; fast")],
        );
    }

    #[test]
    fn curly_quotes_line_endings_byte_order_mark_and_empty_files() {
        assert_copy(
            Markdown,
            "“Free” shipping — it’s ‘on us’\r\nand more\r\n\r\nNext\r\n",
            "“Free” shipping — it’s ‘on us’\r\nand more¶Next¶",
            &[("us’\r\nand", "us’\r\nand")],
        );
        assert_copy(
            Markdown,
            "\u{feff}---\ntitle: x\n---\nHi\n",
            "Hi¶",
            &[("Hi", "Hi")],
        );
        assert_copy(Markdown, "", "", &[]);
        assert_copy(Markdown, "\u{feff}", "", &[]);
    }

    #[test]
    fn the_corpus_reads_back_onto_its_files() {
        check_corpus(Markdown, "md");
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "*", "**", "_", "~~", "`", "```", "    ", "> ", "- ", "1. ", "#", "[", "]", "(", ")", "!",
        "|", "---", "+++", "\\", "&", "&amp;", "&#8209;", "<b>", "</b>", "<div>", "<!--", "-->",
        "<script>", "a", "é€", " ", "\n", "\r\n", "\u{feff}", "[^1]", "[^1]: ",
    ];

    never_panics!(CopyKind::Markdown, FRAGMENTS);

    /// Where the simple reader takes `text`, it reads what pulldown-cmark
    /// reads: the same copy, each character from the same bytes. Returns
    /// whether it took it.
    fn readers_agree(text: &str) -> bool {
        let base = super::body_start(text);
        let mut simple = CopyBuilder::default();
        if super::simple::extract(text, base, &mut simple).is_err() {
            return false;
        }
        let simple = simple.finish(Default::default());
        let mut pulldown = CopyBuilder::default();
        super::with_pulldown(text, base, &mut pulldown);
        let pulldown = pulldown.finish(Default::default());
        assert_eq!(simple.text, pulldown.text, "read from {text:?}");
        for (at, c) in simple.text.char_indices() {
            let range = at..at + c.len_utf8();
            assert_eq!(
                simple.original_range(range.clone()),
                pulldown.original_range(range),
                "{c:?} at {at} of {:?}, read from {text:?}",
                simple.text
            );
        }
        true
    }

    /// Checks the readers agree on every Markdown file under `folder`;
    /// returns how many files the simple reader took, and of how many.
    fn readers_agree_on_folder(folder: &str) -> (usize, usize) {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let (mut taken, mut all) = (0, 0);
        for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                all += 1;
                taken += usize::from(readers_agree(&text));
            }
        }
        (taken, all)
    }

    #[test]
    fn the_simple_reader_agrees_with_pulldown_on_the_shared_corpus() {
        readers_agree_on_folder("../shared/corpus");
    }

    /// The generated bench corpus (`bench/run.sh`), all of which is the
    /// Markdown the simple reader takes.
    #[test]
    #[ignore = "reads the generated bench corpus"]
    fn the_simple_reader_takes_the_bench_corpus() {
        let (taken, all) = readers_agree_on_folder("bench/target-corpus");
        assert_eq!(taken, all);
    }

    #[test]
    fn the_simple_reader_takes_the_markdown_copy_is_written_in() {
        for text in [
            "# Returns\n\nFree returns\nwithin 30 days.  \nNo questions\\\nasked.\n",
            "Setext\n===\n\nAnother *one*\n---\n\n***\n\n___\n",
            "- one\n- **two**\n  more\nlazy\n\n  next paragraph\n\n1. first\n2) second\n",
            "- a\n  - b\n    - c\n - d\n\n10. ten\n    ```\n    code\n    ```\nafter\n",
            "```json\n{\"a\": 1}\n```\n\n````\n```\n````\nText\n",
            "<!-- promiselint-disable-next-line -->\n60-day returns\n<!--\nx\n-->\nend\n",
            "See [the *guide*](https://x.test/a_(b) \"title\") and ![a **badge**](b.png).\n",
            "`code *x*` and ``a ` b`` and `unclosed, [literal] and \\*escaped\\*\n",
            "***strong emph*** **a*b** _a_b_ __x__ *a **b** c* foo*bar* 5 * 3\n",
            "“Curly” *‘quotes’* — and – dashes\u{a0}here\r\nand more\r\n",
            "---\ntitle: front matter\n---\n# Hi #\n#\n####### seven\n#no\n",
            "a < b & c > d, 100% [sic] ![x] (y)\n",
        ] {
            assert!(readers_agree(text), "not taken: {text:?}");
        }
    }

    #[test]
    fn the_simple_reader_leaves_the_rest_to_pulldown() {
        for text in [
            "> quote\n",
            "| a | b |\n|---|---|\n",
            "~~gone~~\n",
            "a\tb\n",
            "[a]: /url\n",
            "see[^1]\n",
            "&amp;\n",
            "<b>bold</b>\n",
            "<div>\n",
            "    code\n",
            "-\n",
            "- [ ] task\n",
            "- # heading\n",
            "# Title {#id}\n",
            "[a [b](c)](d)\n",
            "[a](<b>)\n",
            "a\rb\n",
            "*©*\n",
        ] {
            let mut builder = CopyBuilder::default();
            assert_eq!(
                super::simple::extract(text, 0, &mut builder),
                Err(super::simple::Unsupported),
                "{text:?}"
            );
        }
    }

    #[rustfmt::skip]
    const SIMPLE_FRAGMENTS: &[&str] = &[
        "free", "returns", " ", " ", "  ", "   ", "    ", "\n", "\n", "\n", "\r\n", "\n\n",
        "- ", "* ", "+ ", "1. ", "2) ", "# ", "## ", "#", "```", "```js", "---", "***", "===", "-",
        "*", "**", "***", "_", "__", "[", "]", "](", "](x)", "](x \"t\")", ")", "(", "![", "!",
        "`", "``", "\\", "\\*", "\\\n", "  \n", "<!-- c -->", "<!--", "-->", "é", "“", "’",
        "—", "\u{a0}", ".", ",", "30", "<", "&", "{", "}", "\n- ", "\n  - ", "\n    - ", "\n1. ",
        "\n   ", "[free](x)", "**free**", "_free_", "`x`", "](x 't')", "](x (t))", "](<x>)", "'",
        "\"", "a_b", "(x)", "\u{2028}", "©", "\u{b}",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_simple_reader_reads_what_pulldown_reads(
            parts in proptest::collection::vec(proptest::sample::select(SIMPLE_FRAGMENTS), 0..60),
        ) {
            readers_agree(&parts.concat());
        }
    }
}
