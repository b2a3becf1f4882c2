//! Inputs under the limits that once took time growing with their square:
//! each test runs the binary, which counts the steps of the loop that
//! was quadratic ([`promiselint::work`]), on an input and on the input
//! doubled, and checks that the count at most doubles. Counts, not timings:
//! they do not depend on the machine or on what else runs on it.

use crate::common;

use crate::hostile::{tree, STORE};
use common::{guarded, stderr};
use std::path::Path;

/// The count of `step` in a run of `promiselint check . ARGS` in `folder`.
fn steps(folder: &Path, step: &str, args: &[&str]) -> u64 {
    let output = guarded(
        common::capped(folder, &[&["check", "."], args].concat(), 2048)
            .env("PROMISELINT_COUNT_STEPS", "1"),
    );
    let said = stderr(&output);
    let line = said
        .lines()
        .find_map(|line| line.strip_prefix("steps:"))
        .unwrap_or_else(|| panic!("no count of steps:\n{said}"));
    line.split_whitespace()
        .find_map(|pair| pair.strip_prefix(step)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no count of {step}: {line}"))
        .parse()
        .unwrap()
}

/// Asserts that the steps of `step` at most double (with a tenth to spare)
/// when the input `make` makes doubles from `n`, and that there are some.
fn assert_linear(step: &str, n: usize, make: impl Fn(usize) -> tempfile::TempDir, args: &[&str]) {
    let once = steps(make(n).path(), step, args);
    let twice = steps(make(2 * n).path(), step, args);
    assert!(once > 0, "no {step} counted at size {n}");
    assert!(
        twice * 10 <= once * 22,
        "{step}: {once} at size {n}, {twice} at size {}",
        2 * n
    );
}

#[test]
fn a_long_phrase_compiles_in_steps_proportional_to_its_length() {
    let make = |words: usize| {
        let phrase = "free ".repeat(words) + "returns";
        let promise = format!(
            "promise \"long\" {{\n  says \"{phrase}\"\n  requires returns.window >= 1 days\n}}\n"
        );
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("long.promise", promise.as_bytes()),
            ("site/a.md", b"Enjoy 30-day returns.\n"),
        ])
    };
    assert_linear("anchor-bytes", 2_000, make, &["--format", "short"]);
}

#[test]
fn misspelt_field_names_are_suggested_for_in_steps_proportional_to_their_number() {
    let make = |names: usize| {
        let fields: String = (0..names)
            .map(|i| format!("  window_{i:05} = {} days\n", 1 + i % 30))
            .collect();
        let promises: String = (0..names)
            .map(|i| {
                format!(
                    "promise \"offer {i}\" {{\n  says \"offer {i} today\"\n  requires more.windw_{i:05} >= 1 days\n}}\n"
                )
            })
            .collect();
        let policy = format!("policy more {{\n{fields}}}\n{promises}");
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("more.promise", policy.as_bytes()),
            ("site/a.md", b"Enjoy 30-day returns.\n"),
        ])
    };
    assert_linear("suggestions", 300, make, &["--format", "short"]);
}

#[test]
fn places_a_page_keeps_are_told_apart_in_steps_proportional_to_their_number() {
    let make = |lines: usize| {
        let page: String = (0..lines)
            .map(|i| {
                format!(
                    "Enjoy {}-day returns, or {}.{i}-day ones.\n\n",
                    1 + i % 29,
                    1 + i % 29
                )
            })
            .collect();
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("site/a.md", page.as_bytes()),
        ])
    };
    assert_linear("overlaps", 2_000, make, &["--format", "short"]);
}

#[test]
fn findings_on_one_line_are_told_apart_in_steps_proportional_to_their_number() {
    let make = |places: usize| {
        let line = "Enjoy 60-day returns; ".repeat(places);
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("site/a.md", line.as_bytes()),
        ])
    };
    assert_linear("overlaps", 2_000, make, &["--format", "short"]);
    // Each finding's column, counted in characters along the line.
    assert_linear("source-bytes", 2_000, make, &["--format", "short"]);
}

#[test]
fn distinct_figures_of_one_promise_are_grouped_in_steps_proportional_to_their_number() {
    // Every place kept, each figure its own: "Enjoy 3.7-day returns".
    let make = |lines: usize| {
        let page = |from: usize| -> String {
            (from..from + lines / 2)
                .map(|i| format!("Enjoy {}.{i}-day returns\n\n", 1 + i % 29))
                .collect()
        };
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("site/a.md", page(0).as_bytes()),
            ("site/b.md", page(lines / 2).as_bytes()),
        ])
    };
    assert_linear("comparisons", 1_000, make, &["--format", "short"]);
}

#[test]
fn places_in_many_table_rows_are_grouped_in_steps_proportional_to_their_number() {
    let make = |rows: usize| {
        let table: String = (0..rows)
            .map(|i| format!("| item {i} | 30-day returns |\n"))
            .collect();
        let page = format!("| Item | Returns |\n|---|---|\n{table}");
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("site/a.md", page.as_bytes()),
        ])
    };
    assert_linear("comparisons", 1_000, make, &["--format", "short"]);
}

#[test]
fn the_human_format_shows_each_finding_in_steps_that_do_not_grow_with_the_page() {
    let filler = "Every order is packed by hand and checked twice. ".repeat(4);
    let make = |findings: usize| {
        let page = format!("Enjoy 60-day returns.\n\n{filler}\n\n").repeat(findings);
        tree(&[
            ("store.promise", STORE.as_bytes()),
            ("site/a.md", page.as_bytes()),
        ])
    };
    assert_linear("source-bytes", 300, make, &[]);
}
