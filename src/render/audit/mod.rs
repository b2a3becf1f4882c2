//! The renderers of `promiselint audit`: a terminal table, a JSON object, a
//! Markdown summary for a pull-request comment and a self-contained HTML
//! page. Each only reads an [`Audit`]; what they share is here: how a state
//! is marked, how a cell reads, and the summary sentence.

mod html;
mod json;
mod markdown;
mod table;

pub use html::{civil_date, render as html};
pub use json::render as json;
pub use markdown::render as markdown;
pub use table::render as table;

use crate::render::plural;
use crate::report::audit::{worst, Audit, Cell, PromiseAudit, State};

/// A state as one character, for cells where a word does not fit.
fn mark(state: State) -> &'static str {
    match state {
        State::NotMade => "·",
        State::Kept => "✓",
        State::Inconsistent => "≠",
        State::Broken => "✗",
    }
}

/// What the marks mean, worst first, as the table and Markdown print it.
fn key() -> String {
    let states = [
        State::Broken,
        State::Inconsistent,
        State::Kept,
        State::NotMade,
    ];
    let marks: Vec<String> = states
        .iter()
        .map(|&state| format!("{} {}", mark(state), state.as_str()))
        .collect();
    marks.join("  ")
}

/// A cell as text: how many places and the mark of their worst state, or
/// the not-made mark alone.
fn cell_text(cell: Cell) -> String {
    match cell.state {
        State::NotMade => mark(State::NotMade).to_owned(),
        state => format!("{} {}", cell.places, mark(state)),
    }
}

/// The total of a promise's row: its places, each counted once even when
/// several touchpoints cover its file, and its worst state.
fn row_total(audit: &Audit, promise: usize) -> Cell {
    let promise = &audit.promises[promise];
    Cell {
        places: promise.places.len(),
        state: promise.state(),
    }
}

/// The grand total: every place, once.
fn grand_total(audit: &Audit) -> Cell {
    let summary = audit.summary();
    Cell {
        places: summary.places,
        state: worst(audit.promises.iter().map(PromiseAudit::state)),
    }
}

/// "8 promises, 5 touchpoints, 24 places: 14 broken, 6 inconsistent, 4
/// kept; 3 forbidden phrases said", and what is suppressed.
fn summary_sentence(audit: &Audit) -> String {
    let summary = audit.summary();
    let mut sentence = format!(
        "{}, {}, {}: {} broken, {} inconsistent, {} kept; {} said",
        plural(summary.promises, "promise"),
        plural(summary.touchpoints, "touchpoint"),
        plural(summary.places, "place"),
        summary.broken,
        summary.inconsistent,
        summary.kept,
        plural(summary.forbidden, "forbidden phrase"),
    );
    if summary.suppressed > 0 {
        let count = plural(summary.suppressed, "place");
        sentence.push_str(&format!(" ({count} not reported by check)"));
    }
    sentence.push('.');
    sentence
}
