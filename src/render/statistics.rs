//! `--statistics`: how many findings each rule and each touchpoint has, in
//! place of the findings, to see at a glance where the copy and the policy
//! part ways most (like ruff's `--statistics`).
//!
//! A finding counts under every touchpoint whose `files` cover its file;
//! findings in promise and policy files, which no touchpoint covers, are
//! counted apart. Rows go by count, largest first, then by code or name;
//! rules and touchpoints with no finding are left out.
//!
//! The JSON object is versioned like the findings' JSON:
//!
//! ```json
//! {
//!   "version": 1,
//!   "rules": [ { "code": "PL102", "rule": "broken-promise", "count": 12 } ],
//!   "touchpoints": [ { "touchpoint": "website", "count": 9 } ],
//!   "promise_and_policy_files": 3,
//!   "summary": { "errors": 14, "warnings": 1, "infos": 0, "promise_files": 1 }
//! }
//! ```

use super::json::Summary;
use super::visible::visible;
use crate::finding::Rule;
use crate::Outcome;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Bumped when a field is renamed or removed.
const STATISTICS_FORMAT_VERSION: u32 = 1;

/// What the table calls findings no touchpoint covers.
const OUTSIDE_TOUCHPOINTS: &str = "(promise and policy files)";

/// The counts both renderers show.
struct Counts<'a> {
    rules: Vec<(&'static Rule, usize)>,
    touchpoints: Vec<(&'a str, usize)>,
    outside_touchpoints: usize,
}

impl Counts<'_> {
    fn of(outcome: &Outcome) -> Counts<'_> {
        let mut rules: BTreeMap<&str, (&'static Rule, usize)> = BTreeMap::new();
        let mut touchpoints: BTreeMap<&str, usize> = BTreeMap::new();
        let mut outside_touchpoints = 0;
        for finding in &outcome.findings {
            rules
                .entry(finding.rule.code)
                .or_insert((finding.rule, 0))
                .1 += 1;
            match outcome.touchpoints.get(&finding.primary.span.file) {
                Some(names) => {
                    for name in names {
                        *touchpoints.entry(name).or_default() += 1;
                    }
                }
                None => outside_touchpoints += 1,
            }
        }
        Counts {
            rules: by_count(rules.into_values()),
            touchpoints: by_count(touchpoints),
            outside_touchpoints,
        }
    }
}

/// Largest count first; a stable sort keeps the key order among equal counts.
fn by_count<T>(rows: impl IntoIterator<Item = (T, usize)>) -> Vec<(T, usize)> {
    let mut rows: Vec<_> = rows.into_iter().collect();
    rows.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    rows
}

/// Two aligned tables, rules then touchpoints, for human eyes and `awk`.
pub fn render_table(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    if outcome.findings.is_empty() {
        return writeln!(out, "No findings.");
    }
    let counts = Counts::of(outcome);
    let width = "count".len().max(outcome.findings.len().to_string().len());
    writeln!(out, "{:>width$}  code   rule", "count")?;
    for (rule, count) in &counts.rules {
        writeln!(out, "{count:>width$}  {:<5}  {}", rule.code, rule.name)?;
    }
    writeln!(out)?;
    writeln!(out, "{:>width$}  touchpoint", "count")?;
    for (name, count) in &counts.touchpoints {
        writeln!(out, "{count:>width$}  {}", visible(name))?;
    }
    if counts.outside_touchpoints > 0 {
        writeln!(
            out,
            "{:>width$}  {OUTSIDE_TOUCHPOINTS}",
            counts.outside_touchpoints
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    rules: Vec<RuleCount>,
    touchpoints: Vec<TouchpointCount<'a>>,
    promise_and_policy_files: usize,
    summary: Summary,
}

#[derive(Serialize)]
struct RuleCount {
    code: &'static str,
    rule: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct TouchpointCount<'a> {
    touchpoint: &'a str,
    count: usize,
}

pub fn render_json(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let counts = Counts::of(outcome);
    let report = Report {
        version: STATISTICS_FORMAT_VERSION,
        rules: counts
            .rules
            .iter()
            .map(|&(rule, count)| RuleCount {
                code: rule.code,
                rule: rule.name,
                count,
            })
            .collect(),
        touchpoints: counts
            .touchpoints
            .iter()
            .map(|&(touchpoint, count)| TouchpointCount { touchpoint, count })
            .collect(),
        promise_and_policy_files: counts.outside_touchpoints,
        summary: Summary::of(outcome),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
