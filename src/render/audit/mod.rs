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
use crate::render::visible::visible;
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

/// What marks an unbacked promise's name: the policy fails it wherever it
/// is made, which its cells cannot show when it is made nowhere.
const UNBACKED: &str = "⊘";

/// What the marks mean, worst first, as the table and Markdown print it;
/// the unbacked mark too, when a promise has it.
fn key(audit: &Audit) -> String {
    let states = [
        State::Broken,
        State::Inconsistent,
        State::Kept,
        State::NotMade,
    ];
    let mut marks: Vec<String> = states
        .iter()
        .map(|&state| format!("{} {}", mark(state), state.as_str()))
        .collect();
    if audit.promises.iter().any(PromiseAudit::unbacked) {
        marks.push(format!("{UNBACKED} not backed by the policy"));
    }
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

/// A promise as its row names it: its title, [`visible`], marked when unbacked.
fn row_title(promise: &PromiseAudit) -> String {
    let title = visible(&promise.title);
    if promise.unbacked() {
        format!("{title} {UNBACKED}")
    } else {
        title.into_owned()
    }
}

/// Each set of places that give a promise different figures, in a [`visible`] line:
/// "{n}-day returns: 30-day returns in 3 places, 60-day returns in 1 place",
/// each count joined to its noun with [`KEEP_TOGETHER`].
fn different_figures(audit: &Audit) -> Vec<String> {
    audit
        .inconsistencies
        .iter()
        .map(|inconsistency| {
            let figures: Vec<String> = inconsistency
                .figures
                .iter()
                .map(|group| {
                    let places = together(&plural(group.places.len(), "place"));
                    format!("{} in {places}", group.figure)
                })
                .collect();
            let title = &audit.promises[inconsistency.promise].title;
            visible(&format!("{title}: {}", figures.join(", "))).into_owned()
        })
        .collect()
}

/// What joins the words of one counted phrase of the summary sentence: a
/// line may break between phrases, never between a count and its noun.
/// Renderers that wrap lines turn it back into a space.
const KEEP_TOGETHER: char = '\u{a0}';

/// A phrase with its words joined by [`KEEP_TOGETHER`].
fn together(phrase: &str) -> String {
    phrase.replace(' ', &KEEP_TOGETHER.to_string())
}

/// "8 promises (1 not backed by the policy), 5 touchpoints, 24 places: 14
/// broken, 6 inconsistent, 4 kept; 2 promises given different figures; 3
/// forbidden phrases said", and what is suppressed; each counted phrase
/// joined with [`KEEP_TOGETHER`].
fn summary_sentence(audit: &Audit) -> String {
    let summary = audit.summary();
    let counted = |count: usize, noun: &str| together(&plural(count, noun));
    let state = |count: usize, state: State| together(&format!("{count} {}", state.as_str()));
    let mut sentence = counted(summary.promises, "promise");
    if summary.unbacked > 0 {
        let unbacked = together(&format!("{} not backed by the policy", summary.unbacked));
        sentence.push_str(&format!(" ({unbacked})"));
    }
    sentence.push_str(&format!(
        ", {}, {}: {}, {}, {}",
        counted(summary.touchpoints, "touchpoint"),
        counted(summary.places, "place"),
        state(summary.broken, State::Broken),
        state(summary.inconsistent, State::Inconsistent),
        state(summary.kept, State::Kept),
    ));
    if summary.different_figures > 0 {
        let differ = counted(summary.different_figures, "promise");
        sentence.push_str(&format!("; {differ} given different figures"));
    }
    let forbidden = counted(summary.forbidden, "forbidden phrase");
    sentence.push_str(&format!("; {forbidden}{KEEP_TOGETHER}said"));
    if summary.suppressed > 0 {
        let count = counted(summary.suppressed, "place");
        sentence.push_str(&format!(" ({count} not reported by check)"));
    }
    sentence.push('.');
    sentence
}
