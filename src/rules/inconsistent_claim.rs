//! `inconsistent-claim`: one promise stated with different figures in different places.

use super::Context;
use crate::finding::codes::INCONSISTENT_CLAIM;
declare_rule! {
    /// Two places state different figures for the same promise.
    ///
    /// ## What it does
    /// Collects every figure the copy gives a templated promise ("{n}-day
    /// returns") across all touchpoints. When the figures disagree, the places
    /// that differ from the most common figure are reported, each pointing at
    /// a place that states it; when no figure is most common, every place is.
    /// Figures compare by value: "thirty-day" and "30-day" agree, and so do
    /// "2 weeks" and "14 days". This holds even when every figure is within
    /// policy.
    ///
    /// ## Why is this bad?
    /// A customer who read "30-day returns" on the site and "14-day returns"
    /// in an email believes the better one, and is let down by the other.
    ///
    /// ## Example
    /// `site/index.md` says "30-day returns"; `emails/order.html` says
    /// "14-day returns".
    ///
    /// ## How to fix
    /// State one figure everywhere.
    pub static DOC = INCONSISTENT_CLAIM;
}

use crate::copy::scan::Said;
use crate::finding::{Finding, Label};
use crate::policy::syntax::CompareOp;
use crate::policy::value::{compare, Truth};
use rayon::prelude::*;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model, sources) = (cx.scan, cx.model, cx.sources) else {
        return;
    };
    // The places of each promise, in one pass over them all.
    let mut places: Vec<Vec<&Said>> = vec![Vec::new(); model.promises.len()];
    for said in scan.files.iter().flat_map(|file| &file.said) {
        if !said.negated && !said.captures.is_empty() {
            places[said.promise].push(said);
        }
    }
    // Each disagreeing place with the place it is held against.
    let mut disagreeing: Vec<(&Said, &Said)> = Vec::new();
    for places in places {
        let figures = by_figure(places);
        if figures.len() < 2 {
            continue;
        }
        let most = figures.iter().map(Vec::len).max().unwrap_or(0);
        let tied = figures.iter().all(|group| group.len() == most);
        let common = figures
            .iter()
            .position(|group| group.len() == most)
            .unwrap_or(0);
        for (g, group) in figures.iter().enumerate() {
            if !tied && g == common {
                continue;
            }
            let other = figures[if g == common {
                (g + 1) % figures.len()
            } else {
                common
            }][0];
            disagreeing.extend(group.iter().map(|&place| (place, other)));
        }
    }
    // Copy with many figures gives thousands: made in parallel.
    let found: Vec<Finding> = disagreeing
        .par_iter()
        .map(|&(place, other)| {
            let path = sources.get(other.span.file).display_path();
            let promise = &model.promises[place.promise];
            Finding::hinted(
                &INCONSISTENT_CLAIM,
                place.span,
                format!("states {}", figure(place)),
                format!(
                    "\"{}\" here, but \"{}\" in {path}: the copy gives promise \"{}\" different figures",
                    place.text, other.text, promise.title.value
                ),
                "state one figure everywhere",
            )
            .with_related(Label::new(other.span, format!("states {}", figure(other))))
        })
        .collect();
    findings.extend(found);
}

/// Places grouped by the figure they state, in the order first seen: what
/// this rule holds against each other, and what the audit shows side by side.
pub fn by_figure<'s>(places: impl IntoIterator<Item = &'s Said>) -> Vec<Vec<&'s Said>> {
    let mut figures: Vec<Vec<&Said>> = Vec::new();
    for place in places {
        match figures
            .iter_mut()
            .find(|group| same_figure(group[0], place))
        {
            Some(group) => group.push(place),
            None => figures.push(vec![place]),
        }
    }
    figures
}

/// Whether two places give every capture the same value.
fn same_figure(a: &Said, b: &Said) -> bool {
    a.captures.iter().all(|(name, value)| {
        b.captures.iter().any(|(other, theirs)| {
            // Most places state a figure the same way: compare by value
            // only when they do not.
            other == name
                && (value == theirs || compare(value, CompareOp::Eq, theirs) == Ok(Truth::True))
        })
    })
}

/// The figures a place states, as the policy would write them: "30 days",
/// "$50 and 2 days".
pub fn figure(place: &Said) -> String {
    let values: Vec<String> = place
        .captures
        .iter()
        .rev()
        .map(|(_, value)| value.to_string())
        .collect();
    values.join(" and ")
}
