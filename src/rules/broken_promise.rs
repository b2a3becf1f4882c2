//! `broken-promise`: copy makes a promise the policy does not keep.

use super::Context;
use crate::finding::codes::BROKEN_PROMISE;
declare_rule! {
    /// Copy makes a promise whose `requires` the current policy fails.
    ///
    /// ## What it does
    /// Finds every `says` phrase in the copy of every touchpoint and checks
    /// the promise it makes against the policy, with the figures the copy
    /// states: "60-day returns" is checked as `returns.window >= 60 days`.
    /// A promise without figures ("hassle-free returns") is broken wherever
    /// it is said if the policy does not back it. The finding points at the
    /// words in the copy, at the requirement in the promise file and at every
    /// policy value it reads. Saying less than the policy gives ("arrives in
    /// 10 days" while delivery takes at most 7) is not a finding, and neither
    /// is a phrase under negation ("we no longer offer free shipping", "a
    /// full refund will not be possible") or taken back by one of its
    /// promise's `unless` qualifiers ("the full amount, less shipping"). A
    /// figure copy gives as a range ("ships in 3 to 5 days") is held to its
    /// weakest reading: it promises at most 5 days. Where a policy value has
    /// a scope (`window for region "ca" = 45 days`), a place is checked
    /// against the value of the touchpoint it is in, or of its table row. A
    /// requirement that cannot be checked at all (a price in another
    /// currency) is `uncheckable-promise`, not this.
    ///
    /// ## Why is this bad?
    /// It is the gap customers walk into: the sign says one thing, the
    /// counter does another, and "our policy states…" ends the conversation.
    ///
    /// ## Example
    /// ```text
    /// policy returns {
    ///   window = 30 days
    /// }
    ///
    /// promise "{n}-day returns" {
    ///   says "{n}-day returns"
    ///   requires returns.window >= n days
    /// }
    /// ```
    /// with `site/index.md` saying "Enjoy 60-day returns".
    ///
    /// ## How to fix
    /// Say what the policy backs ("30-day returns"), or change the policy. A
    /// line the team accepts knowingly can carry
    /// `<!-- promiselint-disable-next-line broken-promise -->` above it.
    pub static DOC = BROKEN_PROMISE;
}

use crate::copy::scan::{Said, ScannedFile};
use crate::finding::{Finding, Label};
use crate::policy::eval::{evaluate, policy_labels, why_not, Bindings, Uncheckable};
use crate::policy::model::{Model, Promise, Requirement};
use crate::policy::scope::Place;
use crate::policy::value::{Truth, Value};
use rayon::prelude::*;

/// Reports each promise said in copy that a requirement breaks there. A
/// large site says thousands of them: their findings are made in parallel.
///
/// Each place is judged once, here, for this rule and for
/// `uncheckable-promise`, whose findings come from the same judgement.
pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model) = (cx.scan, cx.model) else {
        return;
    };
    let judged: Vec<Finding> = scan
        .files
        .par_iter()
        .flat_map_iter(|file| {
            let saids = file.said.iter().filter(|said| !said.negated);
            saids.filter_map(|said| match judge_said(model, file, said) {
                (Judgement::Broken(requirement, truth), bindings) => {
                    Some(broken(model, said, (requirement, truth), bindings))
                }
                (Judgement::Unchecked(requirement, why), bindings) => {
                    let promise = &model.promises[said.promise];
                    let why = (requirement, why);
                    Some(super::uncheckable_promise::finding(
                        promise, said, why, bindings,
                    ))
                }
                (Judgement::Kept, _) => None,
            })
        })
        .collect();
    findings.extend(judged);
}

/// What the policy makes of a promise said with some figures.
#[derive(Debug)]
pub enum Judgement<'p> {
    Kept,
    /// The first requirement that fails, and how: false, or true only on
    /// some calendars.
    Broken(&'p Requirement, Truth),
    /// No requirement fails, but this one (the first such) cannot be
    /// checked with the copy's figures: `uncheckable-promise`.
    Unchecked(&'p Requirement, Uncheckable),
}

/// Judges `promise` with the figures copy gave its captures. A requirement
/// that fails outweighs one that cannot be checked: the promise is broken
/// whatever the other would say.
pub fn judge<'p>(promise: &'p Promise, captures: Bindings) -> Judgement<'p> {
    let mut unchecked = None;
    for requirement in &promise.requirements {
        match evaluate(&requirement.condition, captures) {
            Ok(Truth::True) => {}
            Ok(truth) => return Judgement::Broken(requirement, truth),
            Err(why) => {
                unchecked.get_or_insert((requirement, why));
            }
        }
    }
    unchecked.map_or(Judgement::Kept, |(requirement, why)| {
        Judgement::Unchecked(requirement, why)
    })
}

/// Judges a promise said in `file` at each place it stands: in each
/// touchpoint that covers the file (and that the promise is made in), with
/// the row of its table. See [`judge_in`].
pub fn judge_said<'a>(
    model: &'a Model,
    file: &'a ScannedFile,
    said: &'a Said,
) -> (Judgement<'a>, Bindings<'a>) {
    judge_in(
        model,
        &model.promises[said.promise],
        (&file.touchpoints, said.row.as_deref()),
        &said.captures,
    )
}

/// Judges `promise` with `captures` stated in the copy of `touchpoints` (in
/// a table row, if any). The promise must hold in every touchpoint it is
/// made in: the first that breaks it is the judgement, else the first that
/// cannot check it; with the bindings it was judged with, for the message.
pub fn judge_in<'a>(
    model: &'a Model,
    promise: &'a Promise,
    (touchpoints, row): (&[usize], Option<&'a str>),
    captures: &'a [(String, Value)],
) -> (Judgement<'a>, Bindings<'a>) {
    let made_in = |t: &&usize| promise.only_in.as_ref().is_none_or(|only| only.contains(t));
    let mut places: Vec<Place> = touchpoints
        .iter()
        .filter(made_in)
        .map(|&t| {
            let touchpoint = &model.touchpoints[t];
            Place {
                touchpoint: Some((touchpoint.name.name.as_str(), &touchpoint.properties)),
                row,
            }
        })
        .collect();
    if places.is_empty() {
        places.push(Place {
            touchpoint: None,
            row,
        });
    }
    let mut unchecked = None;
    for place in places {
        let bindings = Bindings::at(captures, place);
        match judge(promise, bindings) {
            Judgement::Kept => {}
            broken @ Judgement::Broken(..) => return (broken, bindings),
            judgement @ Judgement::Unchecked(..) => {
                unchecked.get_or_insert((judgement, bindings));
            }
        }
    }
    unchecked.unwrap_or((Judgement::Kept, Bindings::new(captures)))
}

/// The finding of a place that `requirement` breaks, as `truth` says.
fn broken(
    model: &Model,
    said: &Said,
    (requirement, truth): (&Requirement, Truth),
    bindings: Bindings,
) -> Finding {
    let promise = &model.promises[said.promise];
    let mut finding = Finding::hinted(
        &BROKEN_PROMISE,
        said.span,
        "promised here",
        format!(
            "\"{}\" is a promise the policy does not keep: it needs {}",
            said.text,
            why_not(&requirement.condition, bindings, truth)
        ),
        "say what the policy backs, or change the policy",
    );
    finding.related = policy_labels(&requirement.condition, &bindings.place);
    finding.related.push(Label::new(
        requirement.span,
        format!("promise \"{}\" requires this", promise.title.value),
    ));
    finding.severity = promise.severity;
    finding.why = promise.why.clone();
    finding
}
