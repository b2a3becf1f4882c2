//! `promiselint audit --format json`: the audit as one versioned object,
//! documented field by field in `docs/audit-json.md`.
//!
//! As with the findings' JSON, these wire structs are kept apart from the
//! [`Audit`] so the internal types can change without changing the format:
//! a field may be added within a version; renaming or removing one bumps
//! `version`.

use crate::report::audit::{Audit, Backing, Place, Snippet, State, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// Bumped when a field is renamed or removed.
const AUDIT_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    inputs: &'a [String],
    promise_files: usize,
    copy_files: usize,
    touchpoints: Vec<Touchpoint<'a>>,
    promises: Vec<Promise<'a>>,
    inconsistencies: Vec<Inconsistency<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Touchpoint<'a> {
    name: &'a str,
    title: Option<&'a str>,
    files: &'a [String],
    places: usize,
    state: State,
    forbidden: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct Promise<'a> {
    title: &'a str,
    says: &'a [String],
    requires: Vec<Requirement<'a>>,
    unbacked: bool,
    why: Option<&'a str>,
    places: usize,
    state: State,
    cells: Vec<Cell<'a>>,
    occurrences: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct Requirement<'a> {
    condition: &'a str,
    policy: Vec<PolicyValue<'a>>,
    backing: Backing,
}

#[derive(Serialize)]
struct PolicyValue<'a> {
    path: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct Cell<'a> {
    touchpoint: &'a str,
    places: usize,
    state: State,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    text: &'a str,
    touchpoints: Vec<&'a str>,
    state: State,
    suppressed: bool,
    detail: Option<&'a str>,
    snippet: &'a Snippet,
}

#[derive(Serialize)]
struct Inconsistency<'a> {
    promise: &'a str,
    figures: Vec<Figure<'a>>,
}

#[derive(Serialize)]
struct Figure<'a> {
    figure: &'a str,
    occurrences: Vec<JsonPlace<'a>>,
}

fn place<'a>(audit: &'a Audit, place: &'a Place) -> JsonPlace<'a> {
    JsonPlace {
        file: &place.file,
        line: place.line,
        column: place.column,
        text: &place.text,
        touchpoints: place
            .touchpoints
            .iter()
            .map(|&t| audit.touchpoints[t].name.as_str())
            .collect(),
        state: place.state,
        suppressed: place.suppressed,
        detail: place.detail.as_deref(),
        snippet: &place.snippet,
    }
}

pub fn render(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let column_totals = audit.column_totals();
    let report = Report {
        version: AUDIT_FORMAT_VERSION,
        inputs: &audit.inputs,
        promise_files: audit.promise_files,
        copy_files: audit.copy_files,
        touchpoints: audit
            .touchpoints
            .iter()
            .zip(&column_totals)
            .map(|(touchpoint, total)| Touchpoint {
                name: &touchpoint.name,
                title: touchpoint.title.as_deref(),
                files: &touchpoint.files,
                places: total.places,
                state: total.state,
                forbidden: touchpoint
                    .forbidden
                    .iter()
                    .map(|p| place(audit, p))
                    .collect(),
            })
            .collect(),
        promises: audit
            .promises
            .iter()
            .map(|promise| Promise {
                title: &promise.title,
                says: &promise.says,
                requires: promise
                    .requires
                    .iter()
                    .map(|requirement| Requirement {
                        condition: &requirement.condition,
                        policy: requirement
                            .policy
                            .iter()
                            .map(|(path, value)| PolicyValue { path, value })
                            .collect(),
                        backing: requirement.backing,
                    })
                    .collect(),
                unbacked: promise.unbacked(),
                why: promise.why.as_deref(),
                places: promise.places.len(),
                state: promise.state(),
                cells: audit
                    .touchpoints
                    .iter()
                    .zip(&promise.cells)
                    .map(|(touchpoint, cell)| Cell {
                        touchpoint: &touchpoint.name,
                        places: cell.places,
                        state: cell.state,
                    })
                    .collect(),
                occurrences: promise.places.iter().map(|p| place(audit, p)).collect(),
            })
            .collect(),
        inconsistencies: audit
            .inconsistencies
            .iter()
            .map(|inconsistency| {
                let promise = &audit.promises[inconsistency.promise];
                Inconsistency {
                    promise: &promise.title,
                    figures: inconsistency
                        .figures
                        .iter()
                        .map(|group| Figure {
                            figure: &group.figure,
                            occurrences: group
                                .places
                                .iter()
                                .map(|&p| place(audit, &promise.places[p]))
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect(),
        summary: audit.summary(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
