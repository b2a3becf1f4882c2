//! Property tests: no input makes the parser or the model panic, and every
//! value reads back as itself from the way promiselint writes it.

use promiselint::finding::Finding;
use promiselint::matcher::Normalized;
use promiselint::source::{Sources, Span};
use promiselint::value::{Currency, Unit, Value};
use promiselint::{model, parse, rules, value};
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
    let model = model::build(&mut sources, &parsed, &mut findings);
    rules::unbacked_promise::check(&model, &mut findings);
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

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..100_000).prop_map(f64::from),
        (0u32..100_000).prop_map(|n| f64::from(n) / 100.0)
    ]
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(vec![
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
    ]
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
