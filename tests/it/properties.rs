//! Property tests: no input makes the parser or the model panic, and every
//! value reads back as itself from the way promiselint writes it.

use promiselint::copy::normalize::Normalized;
use promiselint::finding::Finding;
use promiselint::policy::value::{Currency, Decimal, Unit, Value, Zone};
use promiselint::policy::{build, parse, value};
use promiselint::rules;
use promiselint::source::{Sources, Span};
use proptest::prelude::*;

/// Parses, builds the model and runs the checks: none of it may panic.
fn check_text(text: &str) {
    let mut sources = Sources::default();
    let file = sources.add("fuzz.promise".into(), text);
    let mut findings: Vec<Finding> = Vec::new();
    let parsed = match parse::parse_file(file, text) {
        Ok(parsed) => vec![(file, parsed)],
        Err(error) => {
            assert!(error.primary.span.end <= text.len());
            assert!(text.is_char_boundary(error.primary.span.start));
            return;
        }
    };
    let limits = promiselint::load::limits::Limits::default();
    let workspace = promiselint::load::workspace::Workspace::default();
    let model = build::build(&mut sources, &parsed, &limits, &workspace, &mut findings);
    rules::run(&model, None, Vec::new(), &mut sources, &mut findings);
}

/// Inputs the property tests once found panicking, kept as plain tests.
#[test]
fn found_panics_stay_fixed() {
    // Recovery read a word past the end of an unclosed item.
    check_text("promise \"a\" { policy policy \n policy policy");
    check_text("policy a {\n  b = 1\n  policy");
}

/// Pieces of the language, to build inputs that get past the first token.
fn token() -> impl Strategy<Value = &'static str> {
    let pieces = [
        "returns",
        "window",
        ".",
        "=",
        "==",
        "!=",
        "<",
        "<=",
        ">=",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        ",",
        "\"a\"",
        "\"{n}-day returns\"",
        "\"{x:money}\"",
        "30",
        "2.5",
        "days",
        "business days",
        "$50",
        "€20",
        "15%",
        "50 USD",
        "n",
        "x",
        "\n",
        "# c\n",
        "returns.window",
        "returns.window.max",
        "\"ops/x.yaml\"",
        "error",
    ];
    prop::sample::select(
        parse::RESERVED_WORDS
            .iter()
            .copied()
            .chain(pieces)
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        check_text(&text);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..60)) {
        check_text(&tokens.join(" "));
    }

    #[test]
    fn normalized_copy_maps_back_inside_the_original(text in "[a-zA-Z \u{00A0}\u{2011}\u{2019}\u{0130}\u{00AD}é\n\t-]{0,80}", cut in 0usize..100) {
        let normalized = Normalized::new(&text);
        let boundaries: Vec<usize> = (0..=normalized.text.len())
            .filter(|&i| normalized.text.is_char_boundary(i))
            .collect();
        let start = boundaries[cut % boundaries.len()];
        for &end in boundaries.iter().filter(|&&end| end >= start) {
            let range = normalized.original(start..end, &text);
            prop_assert!(range.start <= range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }

    #[test]
    fn values_read_back_as_themselves(value in value_strategy()) {
        let written = value.to_string();
        let mut sources = Sources::default();
        let file = sources.add("v".into(), written.clone());
        let node = parse::parse_value(&written, &|start, end| Span::new(file, start, end))
            .unwrap_or_else(|| panic!("`{written}` does not parse"));
        let mut errors = Vec::new();
        let read = value::lower(&node, &mut errors);
        prop_assert!(errors.is_empty(), "`{}`: {:?}", written, errors);
        prop_assert_eq!(read, Some(value));
    }
}

/// Whole amounts, amounts in cents, and amounts of up to twenty digits
/// either side of the point, which binary floats would round.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0u32..100_000).prop_map(Decimal::from),
        (0u32..100_000).prop_map(|n| Decimal::new(n.into(), 2)),
        (any::<u64>(), 0u32..=20)
            .prop_map(|(n, scale)| Decimal::from_i128_with_scale(n.into(), scale)),
    ]
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(vec![
        Unit::Minute,
        Unit::Hour,
        Unit::Day,
        Unit::BusinessDay,
        Unit::Week,
        Unit::Month,
        Unit::Year,
    ])
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["USD", "EUR", "GBP", "CHF", "JPY"])
        .prop_map(|code| Currency::from_code(code).unwrap())
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        amount().prop_map(Value::Number),
        amount().prop_map(Value::Percent),
        (amount(), currency()).prop_map(|(amount, currency)| Value::Money { amount, currency }),
        (amount(), unit()).prop_map(|(amount, unit)| Value::Duration { amount, unit }),
        any::<bool>().prop_map(Value::Boolean),
        "[a-zA-Z0-9 \"\\\\{}\n\t€'#.-]{0,12}".prop_map(Value::Text),
        Just(Value::Unlimited),
        time(),
    ]
}

/// A time of day: whole minutes from `00:00` to `24:00` (midnight, the end
/// of the day), without a zone or in one of the known ones.
fn time() -> impl Strategy<Value = Value> {
    let zones = prop::sample::select(Zone::names().collect::<Vec<_>>());
    (0u32..=1440, prop::option::of(zones)).prop_map(|(minutes, zone)| Value::Time {
        minutes,
        zone: zone.map(|name| Zone::from_name(name).unwrap()),
    })
}

fn value_strategy() -> impl Strategy<Value = Value> {
    prop_oneof![
        scalar(),
        // A range: two amounts of one kind, low first.
        (amount(), amount(), unit()).prop_map(|(a, b, unit)| {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            Value::Range(
                Box::new(Value::Duration { amount: low, unit }),
                Box::new(Value::Duration { amount: high, unit }),
            )
        }),
        (amount(), amount(), currency()).prop_map(|(a, b, currency)| {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            Value::Range(
                Box::new(Value::Money {
                    amount: low,
                    currency,
                }),
                Box::new(Value::Money {
                    amount: high,
                    currency,
                }),
            )
        }),
        // A list: elements of one kind.
        prop::collection::vec(amount(), 0..5)
            .prop_map(|items| Value::List(items.into_iter().map(Value::Percent).collect())),
        prop::collection::vec("[a-z ]{0,8}", 0..5)
            .prop_map(|items| Value::List(items.into_iter().map(Value::Text).collect())),
    ]
}

// ---------------------------------------------------------------- formatting

/// A promise file from a small grammar, with the white space between tokens
/// marked: `\u{1}` free (spaces, line breaks, comments), `\u{2}` within a
/// line (spaces and tabs), `\u{3}` a policy field's end (a line break or a
/// comment). `spaced` fills the marks.
fn promise_file() -> impl Strategy<Value = String> {
    let item = prop_oneof![policy(), promise(), touchpoint()];
    prop::collection::vec(item, 0..5).prop_map(|items| items.join("\u{1}"))
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "returns", "window", "fee", "delivery", "require", "x_2",
    ])
    .prop_map(str::to_owned)
}

fn string() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        r#""a""#,
        r#""{n}-day returns""#,
        r#""free over {x:money}""#,
        r#""say \"hi\" # not a comment""#,
        r#""  spaced   out ""#,
        r#""a\{b\}""#,
    ])
    .prop_map(str::to_owned)
}

fn strings() -> impl Strategy<Value = String> {
    prop::collection::vec(string(), 1..4).prop_map(|list| list.join("\u{1},\u{1}"))
}

fn scalar_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "30\u{2}days",
        "30days",
        "5\u{2}business\u{2}days",
        "15\u{2}minutes",
        "12:00\u{2}ET",
        "2:30\u{2}pm",
        "2\u{2}PM\u{2}EST",
        "14:00",
        "noon",
        "midnight",
        "5\u{2}to\u{2}7\u{2}business days",
        "$50",
        "€4.99",
        "50\u{2}USD",
        "15%",
        "3",
        "2.5",
        "yes",
        "no",
        "unlimited",
        "\"store credit\"",
    ])
    .prop_map(str::to_owned)
}

fn value_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => scalar_text(),
        1 => prop::collection::vec(scalar_text(), 0..3)
            .prop_map(|list| format!("[\u{1}{}\u{1}]", list.join("\u{1},\u{1}"))),
    ]
}

fn entries(depth: u32) -> BoxedStrategy<String> {
    let field = (name(), value_text())
        .prop_map(|(name, value)| format!("{name}\u{2}=\u{2}{value}\u{2}\u{3}"));
    let entry = if depth == 0 {
        field.boxed()
    } else {
        prop_oneof![
            3 => field,
            1 => (name(), entries(depth - 1))
                .prop_map(|(name, body)| format!("{name}\u{1}{{\u{1}{body}}}\u{3}")),
        ]
        .boxed()
    };
    prop::collection::vec(entry, 0..4)
        .prop_map(|entries| entries.concat())
        .boxed()
}

fn policy() -> impl Strategy<Value = String> {
    (name(), any::<bool>(), entries(2)).prop_map(|(name, from, body)| {
        let body = format!("{{\u{1}{body}}}");
        if from {
            format!("policy\u{1}{name}\u{1}from\u{1}\"ops/{name}.yaml\"\u{1}{body}")
        } else {
            format!("policy\u{1}{name}\u{1}{body}")
        }
    })
}

fn operand() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("returns.window".to_owned()),
        Just("shipping.delivery.max".to_owned()),
        Just("n".to_owned()),
        Just("n\u{2}days".to_owned()),
        value_text(),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    let op = prop::sample::select(vec!["==", "!=", "<", "<=", ">", ">=", "in"]);
    let comparison = (operand(), op, operand())
        .prop_map(|(left, op, right)| format!("{left}\u{1}{op}\u{1}{right}"));
    comparison.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["and", "or"]),
                inner.clone()
            )
                .prop_map(|(a, word, b)| format!("{a}\u{1}{word}\u{1}{b}")),
            inner
                .clone()
                .prop_map(|e| format!("not\u{1}(\u{1}{e}\u{1})")),
            inner.prop_map(|e| format!("(\u{1}{e}\u{1})")),
        ]
    })
}

fn promise() -> impl Strategy<Value = String> {
    let statement = prop_oneof![
        strings().prop_map(|list| format!("says\u{1}{list}")),
        expr().prop_map(|e| format!("requires\u{1}{e}")),
        string().prop_map(|text| format!("why\u{1}{text}")),
        Just("severity\u{1}warning".to_owned()),
    ];
    (string(), prop::collection::vec(statement, 0..5)).prop_map(|(title, body)| {
        format!(
            "promise\u{1}{title}\u{1}{{\u{1}{}\u{1}}}",
            body.join("\u{1}")
        )
    })
}

fn touchpoint() -> impl Strategy<Value = String> {
    let because = || {
        prop::option::of(string())
            .prop_map(|because| because.map_or(String::new(), |b| format!("\u{1}because\u{1}{b}")))
    };
    let statement = prop_oneof![
        strings().prop_map(|list| format!("files\u{1}{list}")),
        (strings(), because()).prop_map(|(list, b)| format!("forbid\u{1}{list}{b}")),
        (strings(), because()).prop_map(|(list, b)| format!("require\u{1}{list}{b}")),
        Just("severity\u{1}info".to_owned()),
    ];
    (
        name(),
        prop::option::of(string()),
        prop::collection::vec(statement, 0..4),
    )
        .prop_map(|(name, title, body)| {
            let title = title.map_or(String::new(), |t| format!("\u{1}{t}"));
            format!(
                "touchpoint\u{1}{name}{title}\u{1}{{\u{1}{}\u{1}}}",
                body.join("\u{1}")
            )
        })
}

/// Fills the marks of `template` in turn from `gaps`.
fn spaced(template: &str, gaps: &[(usize, usize, usize)]) -> String {
    const FREE: &[&str] = &[
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n\n",
        "\r\n",
        " # c \n",
        "\n# own line\n\n",
        "\n  #\n",
    ];
    const WITHIN: &[&str] = &[" ", "  ", "\t "];
    const END: &[&str] = &["\n", "\n\n", " # end \n", "\t#\n", "\n# next\n"];
    let mut out = String::new();
    let mut gaps = gaps.iter().cycle();
    for c in template.chars() {
        let &(free, within, end) = gaps.next().unwrap_or(&(0, 0, 0));
        match c {
            '\u{1}' => out.push_str(FREE[free % FREE.len()]),
            '\u{2}' => out.push_str(WITHIN[within % WITHIN.len()]),
            '\u{3}' => out.push_str(END[end % END.len()]),
            c => out.push(c),
        }
    }
    out
}

/// The syntax tree of `text` with every span left out, to compare two
/// layouts of one file.
fn tree_without_spans(text: &str) -> String {
    let mut sources = Sources::default();
    let file = sources.add("f.promise".into(), text);
    let tree = parse::parse_file(file, text)
        .unwrap_or_else(|error| panic!("{}\n---\n{text}", error.message));
    let spans = regex::Regex::new(r"Span \{[^}]*\}").unwrap();
    spans.replace_all(&format!("{tree:?}"), "Span").into_owned()
}

fn format_text(text: &str) -> String {
    let mut sources = Sources::default();
    let file = sources.add("f.promise".into(), text);
    promiselint::policy::format::format(file, text).expect("the file parses")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn formatting_keeps_the_meaning_and_is_idempotent(
        template in promise_file(),
        gaps in prop::collection::vec((0usize..16, 0usize..16, 0usize..16), 1..40),
        leading in prop::sample::select(vec!["", "# head\n", "\u{FEFF}", "\n\n"]),
        trailing in prop::sample::select(vec!["", "\n", "\n\n# tail  ", "  \n\n"]),
    ) {
        let text = format!("{leading}{}{trailing}", spaced(&template, &gaps));
        let formatted = format_text(&text);
        prop_assert_eq!(tree_without_spans(&formatted), tree_without_spans(&text));
        prop_assert_eq!(&format_text(&formatted), &formatted, "not idempotent");
        // Every comment is still there, in order.
        let comments = |text: &str| text.lines().filter(|line| line.contains(" # c")
            || line.contains("# own line") || line.contains("# next")).count();
        prop_assert_eq!(comments(&formatted), comments(&text));
        for line in formatted.lines() {
            prop_assert!(!line.ends_with([' ', '\t', '\r']), "trailing white space: {:?}", line);
        }
        prop_assert!(!formatted.contains("\n\n\n") && !formatted.contains("\r\n\r\n\r\n"));
        let body = formatted.trim_start_matches('\u{FEFF}');
        prop_assert!(body.is_empty() || body.ends_with('\n'));
    }
}
