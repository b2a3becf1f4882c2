//! The reader as a whole: values, spans, findings and limits, through
//! [`parse`]; the exact spans of every YAML style are also tested here.

use super::errors::strip_positions;
use super::*;
use crate::source::{LineCol, Sources};
use proptest::prelude::*;

fn parse_text(text: &str) -> Result<Vec<Entry>, Box<Finding>> {
    let mut sources = Sources::default();
    let file = sources.add("policy.yaml".into(), text);
    parse(file, text, MAX_DEPTH)
}

fn entries(text: &str) -> Vec<Entry> {
    parse_text(text).unwrap_or_else(|f| panic!("{text:?}: {}", f.message))
}

fn at(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

fn get<'e>(entries: &'e [Entry], key: &str) -> &'e Node {
    &entries.iter().find(|e| e.key == key).unwrap().value
}

fn list(node: &Node) -> &[Node] {
    match &node.kind {
        NodeKind::List(items) => items,
        other => panic!("not a list: {other:?}"),
    }
}

fn map(node: &Node) -> &[Entry] {
    match &node.kind {
        NodeKind::Map(entries) => entries,
        other => panic!("not a map: {other:?}"),
    }
}

/// The finding and the line and column it points at.
fn error(text: &str) -> (Finding, LineCol) {
    let mut sources = Sources::default();
    let file = sources.add("policy.yaml".into(), text);
    let finding = *parse(file, text, MAX_DEPTH).expect_err(text);
    let span = finding.primary.span;
    assert!(span.end <= text.len() && text.is_char_boundary(span.start));
    let place = sources.get(file).line_col(span.start);
    (finding, place)
}

fn line_col(line: usize, column: usize) -> LineCol {
    LineCol { line, column }
}

#[test]
fn every_kind_of_node() {
    let text = concat!(
        "yes: true\n",
        "no: false\n",
        "int: 30\n",
        "neg: -2\n",
        "float: 2.5\n",
        "big: 123456789012345678901234567890\n",
        "text: 30 days\n",
        "quoted: \"30\"\n",
        "empty:\n",
        "tilde: ~\n",
        "nothing: null\n",
        "list:\n",
        "  - a\n",
        "group:\n",
        "  a: 1\n",
    );
    let e = entries(text);
    let kinds: Vec<_> = e.iter().map(|e| (e.key.as_str(), &e.value.kind)).collect();
    assert_eq!(kinds[0], ("yes", &NodeKind::Bool(true)));
    assert_eq!(kinds[1], ("no", &NodeKind::Bool(false)));
    assert_eq!(kinds[2], ("int", &NodeKind::Number("30".into())));
    assert_eq!(kinds[3], ("neg", &NodeKind::Number("-2".into())));
    assert_eq!(kinds[4], ("float", &NodeKind::Number("2.5".into())));
    assert_eq!(
        kinds[5],
        (
            "big",
            &NodeKind::Number("123456789012345678901234567890".into())
        )
    );
    assert_eq!(kinds[6], ("text", &NodeKind::String("30 days".into())));
    assert_eq!(kinds[7], ("quoted", &NodeKind::String("30".into())));
    for key in ["empty", "tilde", "nothing"] {
        assert_eq!(get(&e, key).kind, NodeKind::Null, "{key}");
    }
    assert_eq!(list(get(&e, "list"))[0].kind, NodeKind::String("a".into()));
    assert_eq!(
        map(get(&e, "group"))[0].value.kind,
        NodeKind::Number("1".into())
    );
    // Every scalar's span is its text.
    for (key, text_at) in [
        ("yes", "true"),
        ("int", "30"),
        ("float", "2.5"),
        ("text", "30 days"),
        ("quoted", "30"),
        ("tilde", "~"),
        ("nothing", "null"),
    ] {
        assert_eq!(at(text, get(&e, key).span), text_at, "{key}");
        assert_eq!(
            at(text, e.iter().find(|e| e.key == key).unwrap().key_span),
            key
        );
    }
    // An empty value is an empty span right after its colon.
    let empty = get(&e, "empty").span;
    assert_eq!(
        (empty.start, empty.end),
        (
            text.find("empty:").unwrap() + 6,
            text.find("empty:").unwrap() + 6
        )
    );
}

#[test]
fn nested_maps_and_lists_under_keys() {
    let text = concat!(
        "shipping:\n",
        "  delivery:\n",
        "    min: 5 days   # comment\n",
        "    max: 7 days\n",
        "  regions:\n",
        "    - US\n",
        "    - \"CA\"\n",
        "  free: yes\n",
        "same_indent:\n",
        "- one\n",
        "- two\n",
        "last: x\n",
    );
    let e = entries(text);
    let shipping = get(&e, "shipping");
    assert_eq!(
        at(text, shipping.span),
        &text[12..text.find("free: yes").unwrap() + 9]
    );
    let delivery = get(map(shipping), "delivery");
    assert_eq!(
        at(text, delivery.span),
        "min: 5 days   # comment\n    max: 7 days"
    );
    assert_eq!(at(text, get(map(delivery), "min").span), "5 days");
    assert_eq!(at(text, get(map(delivery), "max").span), "7 days");
    let regions = get(map(shipping), "regions");
    assert_eq!(at(text, regions.span), "US\n    - \"CA");
    let items: Vec<_> = list(regions).iter().map(|n| at(text, n.span)).collect();
    assert_eq!(items, ["US", "CA"]);
    assert_eq!(at(text, get(map(shipping), "free").span), "yes");
    let same: Vec<_> = list(get(&e, "same_indent"))
        .iter()
        .map(|n| at(text, n.span))
        .collect();
    assert_eq!(same, ["one", "two"]);
    assert_eq!(at(text, get(&e, "last").span), "x");
}

#[test]
fn lists_of_mappings_and_of_lists() {
    let text = concat!(
        "tiers:\n",
        "  - name: gold\n",
        "    days: 60\n",
        "  - name: silver\n",
        "    days: 30\n",
        "pairs:\n",
        "  - - a\n",
        "    - b\n",
        "  -\n",
        "    - c\n",
    );
    let e = entries(text);
    let tiers = list(get(&e, "tiers"));
    assert_eq!(tiers.len(), 2);
    assert_eq!(at(text, tiers[1].span), "name: silver\n    days: 30");
    assert_eq!(at(text, get(map(&tiers[1]), "days").span), "30");
    assert_eq!(at(text, map(&tiers[0])[1].key_span), "days");
    let pairs = list(get(&e, "pairs"));
    let first: Vec<_> = list(&pairs[0]).iter().map(|n| at(text, n.span)).collect();
    assert_eq!(first, ["a", "b"]);
    assert_eq!(at(text, list(&pairs[1])[0].span), "c");
}

#[test]
fn quoted_keys_and_values_span_inside_their_quotes() {
    let text = concat!(
        "\"quoted key\": 'single'\n",
        "'it''s': \"a \\\"b\\\"\"\n",
        "plain: \"30\" # thirty\n",
        "empty: ''\n",
    );
    let e = entries(text);
    assert_eq!(at(text, e[0].key_span), "quoted key");
    assert_eq!(at(text, e[0].value.span), "single");
    // With escapes the span still covers the text inside the quotes.
    assert_eq!(e[1].key, "it's");
    assert_eq!(at(text, e[1].key_span), "it''s");
    assert_eq!(e[1].value.kind, NodeKind::String("a \"b\"".into()));
    assert_eq!(at(text, e[1].value.span), "a \\\"b\\\"");
    assert_eq!(at(text, e[2].value.span), "30");
    assert_eq!(e[3].value.kind, NodeKind::String(String::new()));
    assert_eq!(at(text, e[3].value.span), "");
}

#[test]
fn comments_documents_and_multi_byte_text() {
    let text = concat!(
        "%YAML 1.2\n",
        "---\n",
        "# the returns policy\n",
        "window: 30 days # after delivery\n",
        "note: été à 5 €  \n",
        "url: http://x.y/#z\n",
        "...\n",
    );
    let e = entries(text);
    assert_eq!(at(text, get(&e, "window").span), "30 days");
    assert_eq!(at(text, get(&e, "note").span), "été à 5 €");
    assert_eq!(at(text, get(&e, "url").span), "http://x.y/#z");
}

#[test]
fn crlf_and_byte_order_mark() {
    let text = "\u{feff}window: 30 days\r\nregions:\r\n  - US\r\n  - CA\r\nfee: 0%\r\n";
    let e = entries(text);
    assert_eq!(at(text, e[0].key_span), "window");
    assert_eq!(at(text, e[0].value.span), "30 days");
    let items: Vec<_> = list(&e[1].value).iter().map(|n| at(text, n.span)).collect();
    assert_eq!(items, ["US", "CA"]);
    assert_eq!(at(text, e[2].value.span), "0%");
    // libyaml's other line breaks count as line breaks here too.
    let text = "a: x\rb: y\u{85}c: z";
    let e = entries(text);
    let values: Vec<_> = e.iter().map(|e| at(text, e.value.span)).collect();
    assert_eq!(values, ["x", "y", "z"]);
}

#[test]
fn flow_block_multi_line_and_aliased_values_are_located_exactly() {
    let text = concat!(
        "flow: {a: 1, b: [x, \"]\"]}\n",
        "block: |\n",
        "  line one\n",
        "  line two\n",
        "folded: a\n",
        "  b\n",
        "anchor: &base 30 days\n",
        "alias: *base\n",
        "long: \"one\n",
        "  two\"\n",
        "last: 1\n",
    );
    let e = entries(text);
    let flow = get(&e, "flow");
    assert_eq!(at(text, flow.span), "{a: 1, b: [x, \"]\"]}");
    let inner = map(flow);
    assert_eq!(at(text, inner[1].key_span), "b");
    assert_eq!(at(text, inner[1].value.span), "[x, \"]\"]");
    assert_eq!(at(text, list(&inner[1].value)[1].span), "]");
    assert_eq!(at(text, get(&e, "block").span), "line one\n  line two");
    assert_eq!(get(&e, "folded").kind, NodeKind::String("a b".into()));
    assert_eq!(at(text, get(&e, "folded").span), "a\n  b");
    assert_eq!(at(text, get(&e, "anchor").span), "30 days");
    assert_eq!(get(&e, "alias").kind, NodeKind::String("30 days".into()));
    assert_eq!(at(text, get(&e, "alias").span), "*base");
    assert_eq!(at(text, get(&e, "long").span), "one\n  two");
    assert_eq!(at(text, get(&e, "last").span), "1");
}

#[test]
fn a_flow_mapping_at_the_top_is_located_exactly() {
    let text = "{window: 30 days, fee: 0%}";
    let e = entries(text);
    let found: Vec<_> = e
        .iter()
        .map(|e| (at(text, e.key_span), at(text, e.value.span)))
        .collect();
    assert_eq!(found, [("window", "30 days"), ("fee", "0%")]);
}

#[test]
fn a_fixture_policy() {
    let text = include_str!("../../../tests/fixtures/yaml/returns.yaml");
    let e = entries(text);
    let keys: Vec<_> = e.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "window",
            "restocking_fee",
            "receipt_required",
            "free_over",
            "regions",
            "exchange"
        ]
    );
    for entry in &e {
        assert_eq!(at(text, entry.key_span), entry.key);
        if let NodeKind::String(s) = &entry.value.kind {
            assert_eq!(at(text, entry.value.span), s);
        }
    }
    let exchange = map(get(&e, "exchange"));
    assert_eq!(at(text, get(exchange, "window").span), "60 days");
}

#[test]
fn syntax_errors_point_at_their_line_and_column() {
    let (f, place) = error("window: 30 days\nnote: a: b\n");
    assert_eq!(f.rule.code, "PL007");
    assert_eq!(place, line_col(2, 8));
    assert_eq!(
        f.message,
        "this YAML does not parse: mapping values are not allowed in this context"
    );
    assert!(f.hint.unwrap().contains("quoted"));
    // serde_yaml's index counts bytes: multi-byte text before the error.
    let (f, place) = error("note: été à 5 €\nfee: ü: b\n");
    assert_eq!(place, line_col(2, 7));
    assert_eq!(f.primary.span.end - f.primary.span.start, 1);
    // The same after a byte order mark and with CRLF.
    let (_, place) = error("\u{feff}é: 1\r\nfee: ü: b\r\n");
    assert_eq!(place, line_col(2, 7));
    let (f, place) = error("a:\n\tb: 1\n");
    assert_eq!(place, line_col(2, 1));
    assert!(f.hint.unwrap().contains("tabs"), "{}", f.message);
    // At the end of the text: placed at the end of its last line.
    let (f, place) = error("a:\n  b: 1\nc\n");
    assert_eq!(place, line_col(3, 2));
    assert!(
        f.message
            .starts_with("this YAML does not parse: could not find expected ':'"),
        "{}",
        f.message
    );
    // At the end of the file: the end of its last line, not a line after it.
    let (_, place) = error("a: \"unclosed\n");
    assert_eq!(place, line_col(1, 13));
    let (_, place) = error("a: *nowhere\n");
    assert_eq!(place, line_col(1, 4));
}

#[test]
fn a_line_indented_off_its_siblings_is_named() {
    let cases = [
        // A key a space right of its siblings, after a value: libyaml's
        // error is at its `:`, with a hint to quote.
        ("a:\n  b: 1\n   c: 2\n  d: 3\n", 3, 3, 2),
        // A key a space left, between two blocks: which one is closer.
        ("a:\n  b: 1\n c: 2\n  d: 3\n", 3, 1, 2),
        ("a:\n    b: 1\n   c: 2\n", 3, 3, 4),
        ("a:\n    b: 1\n c: 2\nd: 3\n", 3, 1, 0),
        ("a: 1\n b: 2\nc: 3\n", 2, 1, 0),
        // The first key of a block, which the keys after it disown;
        // libyaml's error is on the line after it.
        ("a:\n   b: 1\n  c: 2\n  d: 3\n", 2, 3, 2),
        // The first line of a file, which libyaml reads as a document of
        // its own.
        (" a: 1\nb: 2\nc: 3\n", 1, 1, 0),
        // List items, a space left; keys of a mapping in a list, a space right.
        ("a:\n  - x\n - y\n  - z\n", 3, 1, 2),
        ("a:\n  - x\n   - y\n  - z\n", 3, 3, 2),
        ("a:\n  - k: 1\n     j: 2\n", 3, 5, 4),
        // After a block scalar, whose own lines go further.
        ("a: |\n  text\n    more\n b: 1\nc: 2\n", 4, 1, 0),
        // A list at its key's indentation.
        ("a:\n- x\n - y\n- z\n", 3, 1, 0),
        // Quoted values and flow collections over several lines before.
        ("a: \"one\n  two\"\nb: [x,\n  y]\n c: 1\n", 5, 1, 0),
        // A byte order mark and CRLF.
        ("\u{feff}a:\r\n  b: 1\r\n   c: 2\r\n", 3, 3, 2),
    ];
    for (text, line, indent, siblings) in cases {
        let (f, place) = error(text);
        assert_eq!(f.rule.code, "PL007");
        assert_eq!(
            f.message.split(", so ").next().unwrap(),
            format!(
                "line {line} is indented {indent} space{}, its siblings {siblings}",
                if indent == 1 { "" } else { "s" }
            ),
            "{text:?}"
        );
        assert_eq!(place, line_col(line, 1), "{text:?}");
        assert_eq!(
            f.primary.span.end - f.primary.span.start,
            indent,
            "{text:?}"
        );
        let hint = f.hint.unwrap();
        assert!(
            hint.starts_with("align it with its siblings")
                && hint.contains(&siblings.to_string()) == (siblings > 0),
            "{text:?}: {hint}"
        );
    }
}

#[test]
fn an_item_a_space_right_of_its_siblings_is_no_more_words_of_the_one_above() {
    // Valid YAML: libyaml reads `- y` as more words of `x`.
    let (f, place) = error("a:\n  - x\n   - y\n");
    assert_eq!(
        f.message,
        "line 3 is indented 3 spaces, its siblings 2, so YAML reads it as more words of the item above"
    );
    assert_eq!(place, line_col(3, 1));
    assert!(string_values("- x\n - y\n").is_err());
}

#[test]
fn what_is_not_a_slip_keeps_its_reading_or_its_message() {
    for valid in [
        // A plain scalar's words go on below it, indented further.
        "note: a long\n  line that goes on\nnext: 1\n",
        "- one\n  - two, in the words of one\n",
        "- one\n    - more words\n",
        // A list at its key's indentation; a list in a list.
        "list:\n- a\n- b\nnext: 1\n",
        "- - a\n  - b\n- c\n",
        // A block scalar's lines, a quoted scalar's and a flow collection's.
        "a: |\n  - not an item\n   - nor this\nb: 1\n",
        "a: \"quoted\n  - text\"\nb: [x,\n   y]\n",
        "a: >-\n   x\n  \n   y\nb: 1\n",
        // An item that is not plain words.
        "- 'x'\n- |\n  y\n   - z\n",
    ] {
        assert!(string_values(valid).is_ok(), "{valid:?}");
    }
    // A colon in more words of a value is a matter of quoting, as libyaml says.
    let (f, _) = error("note: Call us at\n  9:00 or later: thanks\n");
    assert!(
        f.message.starts_with("this YAML does not parse"),
        "{}",
        f.message
    );
    assert!(f.hint.unwrap().contains("quoted"));
}

/// Real YAML is read without a slip: every file of the examples and the
/// fixtures that parses (but those of errors, some of which are slips), and
/// the corpus's JSON (YAML too), also as block YAML.
#[test]
fn real_yaml_has_no_slip() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let mut folders = vec![root.join("examples"), root.join("tests/fixtures")];
    let corpus = root.join("../shared/corpus/dialogues");
    folders.push(corpus.clone());
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let errors = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("errors"));
            if path.is_dir() && !errors {
                folders.push(path);
            } else if ["yaml", "yml", "json"].contains(&extension) {
                let text = std::fs::read_to_string(&path).unwrap();
                if serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok() {
                    if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
                        texts.push((path.clone(), serde_yaml::to_string(&json).unwrap()));
                    }
                    texts.push((path, text));
                }
            }
        }
    }
    assert!(texts.len() > 10, "{texts:?}");
    for (path, text) in texts {
        if let Err((message, _)) = string_values(&text) {
            panic!("{}: {message}", path.display());
        }
    }
}

#[test]
fn the_top_level_must_be_a_mapping() {
    for empty in ["", "# only a comment\n", "---\n", "\u{feff}"] {
        let (f, place) = error(empty);
        assert_eq!(f.message, "this policy file is empty");
        assert_eq!(place, line_col(1, 1));
    }
    let (f, place) = error("# returns\n- window\n- fee\n");
    assert!(
        f.message.ends_with("but this one is a list"),
        "{}",
        f.message
    );
    assert_eq!(place, line_col(2, 1));
    let (f, place) = error("---\n  30 days\n");
    assert!(f.message.ends_with("but this one is text"));
    assert_eq!(place, line_col(2, 3));
    let (f, _) = error("~\n");
    assert!(f.message.ends_with("but this one is empty"));
    let (f, _) = error("[1, 2]");
    assert!(f.message.ends_with("a list"));
}

#[test]
fn keys_must_be_text() {
    for (text, kind, place) in [
        ("a: 1\n1: x\n", "a number", line_col(2, 1)),
        ("a: 1\ntrue: y\n", "a boolean", line_col(2, 1)),
        ("group:\n  ~: y\n", "empty", line_col(2, 3)),
        ("[a, b]: y\n", "a list", line_col(1, 1)),
        ("{a: 1}: y\n", "a mapping", line_col(1, 1)),
    ] {
        let (f, at) = error(text);
        assert_eq!(
            f.message,
            format!("this key is {kind}, but a field name must be text"),
            "{text}"
        );
        assert_eq!(at, place, "{text}");
    }
    let text = "a: 1\n1.5: x\n";
    let (f, _) = error(text);
    assert_eq!(at(text, f.primary.span), "1.5");
}

#[test]
fn tags_are_refused_at_the_value() {
    let text = "window: 30 days\nfee: !money 5\n";
    let (f, place) = error(text);
    assert_eq!(f.message, "policy files do not use YAML tags like `!money`");
    assert_eq!(place, line_col(2, 6));
    assert_eq!(at(text, f.primary.span), "!money 5");
    // A core tag is plain YAML: `!!str` keeps a number as text.
    let e = entries("a: !!str 30\n");
    assert_eq!(e[0].value.kind, NodeKind::String("30".into()));
}

#[test]
fn a_key_defined_twice_names_both_places() {
    let text = "window: 30 days\ngroup:\n  a: 1\n  a: 2\n";
    let f = *parse_text(text).unwrap_err();
    assert_eq!(f.rule.code, "PL004");
    assert_eq!(f.message, "`a` is defined twice in this YAML mapping");
    assert_eq!(f.primary.span.start, text.rfind("a:").unwrap());
    assert_eq!(f.related[0].span.start, text.find("a:").unwrap());
}

#[test]
fn a_second_document_is_pointed_at() {
    let (f, place) = error("a: 1\n---\nb: 2\n");
    assert_eq!(
        f.message,
        "this policy file holds more than one YAML document"
    );
    assert_eq!(place, line_col(2, 1));
    let (_, place) = error("---\na: 1\n...\nb: 2\n");
    assert_eq!(place, line_col(4, 1));
}

#[test]
fn control_characters_are_pointed_at() {
    let (f, place) = error("a: 1\nb: x\u{7}y\n");
    assert!(f.message.contains("U+0007"), "{}", f.message);
    assert_eq!(place, line_col(2, 5));
}

// Measured with serde_yaml 0.9.34: a billion-laughs bomb stops at its
// repetition limit in milliseconds, with no location.
#[test]
fn a_billion_laughs_is_refused() {
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let aliases = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    let (f, place) = error(&text);
    assert_eq!(
        f.message,
        "this YAML repeats its aliases too many times to expand"
    );
    assert_eq!(place, line_col(1, 1));
}

// One anchor of many values aliased many times gets under serde_yaml's
// repetition limit (1 GB from 15 KB): our budget stops it.
#[test]
fn a_wide_alias_expansion_is_refused() {
    let text = format!(
        "a: &a \"{}\"\nb: [{}]\n",
        "x".repeat(1 << 20),
        vec!["*a"; 100].join(", ")
    );
    let (f, place) = error(&text);
    assert!(
        f.message
            .starts_with("this YAML expands to more than 64 MiB"),
        "{}",
        f.message
    );
    assert_eq!(place.line, 1);
}

#[test]
fn deep_nesting_is_refused() {
    // Past our bracket count: refused before libyaml sees it.
    let text = format!("a: {}", "[".repeat(10_000));
    let (f, place) = error(&text);
    assert_eq!(
        f.message,
        "this YAML has more than 1000 brackets open at once"
    );
    assert_eq!(place, line_col(1, 1004));
    // Brackets in strings neither open nor close anything.
    let text = format!("a: {}x", "[\"]\", ".repeat(2_000));
    let (f, _) = error(&text);
    assert_eq!(
        f.message,
        "this YAML has more than 1000 brackets open at once"
    );
    let text = format!("a: [{}]", "\"[\", ".repeat(2_000));
    assert_eq!(list(&entries(&text)[0].value).len(), 2_000);
    // Past serde_yaml's own limit of 128 levels.
    let text = format!("a: {}x{}", "[".repeat(200), "]".repeat(200));
    let (f, place) = error(&text);
    assert_eq!(
        f.message,
        "this YAML nests lists and mappings more than 128 levels deep"
    );
    assert_eq!(place, line_col(1, 131));
    // Block nesting costs libyaml no more than its length.
    let text = format!("{}x", "- ".repeat(10_000));
    let (f, place) = error(&text);
    assert_eq!(
        f.message,
        "this YAML nests lists and mappings more than 128 levels deep"
    );
    assert_eq!(place, line_col(1, 257));
    // At the limit, every span still holds.
    let text = format!("a: {}x{}", "[".repeat(127), "]".repeat(127));
    assert_eq!(entries(&text).len(), 1);
}

#[test]
fn serde_yaml_positions_are_stripped_from_messages() {
    assert_eq!(
        strip_positions(concat!(
            "did not find expected key at line 3 column 2, ",
            "while parsing a block mapping at line 2 column 3"
        )),
        "did not find expected key, while parsing a block mapping"
    );
    assert_eq!(strip_positions("bad at position 4"), "bad");
    assert_eq!(strip_positions("look at this"), "look at this");
}

/// Every span of a parse, whatever it returned, is inside the text and on
/// character boundaries.
fn check_spans(text: &str) {
    fn node(text: &str, n: &Node) {
        span(text, n.span);
        match &n.kind {
            NodeKind::Map(entries) => entries.iter().for_each(|e| entry(text, e)),
            NodeKind::List(items) => items.iter().for_each(|n| node(text, n)),
            _ => {}
        }
    }
    fn entry(text: &str, entry: &Entry) {
        span(text, entry.key_span);
        node(text, &entry.value);
    }
    fn span(text: &str, span: Span) {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    match parse_text(text) {
        Ok(entries) => entries.iter().for_each(|e| entry(text, e)),
        Err(finding) => {
            span(text, finding.primary.span);
            finding.related.iter().for_each(|l| span(text, l.span));
        }
    }
}

#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "a", "key", "é€", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{85}", "\u{feff}",
    ": ", ":", "- ", "-", "? ", "#", " # c", "'", "''", "\"", "\\", "\\\"", "[", "]", "{",
    "}", ", ", "&a ", "*a", "!t ", "!!str ", "|", ">", "---", "...", "%YAML 1.2", "~", "1",
    "2.5", "true", "null", "<<: ",
];

/// A policy to write out as block YAML: scalars with a quoting style
/// (0 plain, 1 single, 2 double) and maybe a comment after them.
#[derive(Clone, Debug)]
enum Tree {
    Scalar(&'static str, u8, bool),
    Map(Vec<Tree>),
    List(Vec<Tree>),
}

fn tree() -> impl Strategy<Value = Tree> {
    let words = prop::sample::select(vec![
        "30 days",
        "0%",
        "$50",
        "US",
        "été à 5 €",
        "a#b",
        "http://x/#y",
        "it's",
    ]);
    let scalar = (words, 0..3u8, any::<bool>())
        .prop_map(|(w, style, comment)| Tree::Scalar(w, style, comment));
    scalar.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Tree::Map),
            prop::collection::vec(inner, 1..4).prop_map(Tree::List),
        ]
    })
}

fn key(i: usize) -> String {
    if i % 2 == 0 {
        format!("k{i}")
    } else {
        format!("clé {i}")
    }
}

/// Writes what follows a key's colon or a list's dash at `indent`.
fn write_value(tree: &Tree, indent: usize, nl: &str, out: &mut String) {
    match tree {
        Tree::Scalar(word, style, comment) => {
            let word = match style {
                0 => word.to_string(),
                1 => format!("'{}'", word.replace('\'', "''")),
                _ => format!("\"{word}\""),
            };
            out.push_str(&format!(
                " {word}{}{nl}",
                if *comment { "  # note" } else { "" }
            ));
        }
        Tree::Map(entries) => {
            out.push_str(nl);
            write_entries(entries, indent + 2, nl, out);
        }
        Tree::List(items) => {
            out.push_str(nl);
            write_items(items, indent + 2, nl, out);
        }
    }
}

fn write_entries(entries: &[Tree], indent: usize, nl: &str, out: &mut String) {
    for (i, value) in entries.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&format!("{}:", key(i)));
        write_value(value, indent, nl, out);
    }
}

/// Mappings in a list are written compactly: `- k0: x`.
fn write_items(items: &[Tree], indent: usize, nl: &str, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        match item {
            Tree::Map(entries) => {
                out.push_str("- ");
                write_entries(entries, indent + 2, nl, out);
            }
            _ => {
                out.push('-');
                write_value(item, indent, nl, out);
            }
        }
    }
}

/// Every key and scalar of `tree` was located exactly.
fn check_located(text: &str, tree: &Tree, node: &Node) {
    match (tree, &node.kind) {
        (Tree::Scalar(word, ..), NodeKind::String(s)) => {
            assert_eq!(s, word);
            assert_eq!(at(text, node.span).replace("''", "'"), *word);
        }
        (Tree::Map(trees), NodeKind::Map(entries)) => check_entries(text, trees, entries),
        (Tree::List(trees), NodeKind::List(items)) => {
            for (tree, item) in trees.iter().zip(items) {
                check_located(text, tree, item);
            }
        }
        (tree, kind) => panic!("{tree:?} read as {kind:?}"),
    }
}

fn check_entries(text: &str, trees: &[Tree], entries: &[Entry]) {
    assert_eq!(trees.len(), entries.len());
    for (i, (tree, entry)) in trees.iter().zip(entries).enumerate() {
        assert_eq!(at(text, entry.key_span), key(i));
        check_located(text, tree, &entry.value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn block_yaml_is_located_exactly(
        entries in prop::collection::vec(tree(), 1..5),
        crlf: bool,
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("# policy{nl}");
        write_entries(&entries, 0, nl, &mut text);
        check_entries(&text, &entries, &super::tests::entries(&text));
    }

    #[test]
    fn never_panics_on_any_text(text in "(?s).*") {
        check_spans(&text);
    }

    #[test]
    fn never_panics_on_yaml_like_text(
        parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40),
    ) {
        check_spans(&parts.concat());
    }
}
