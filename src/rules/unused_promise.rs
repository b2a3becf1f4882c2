//! `unused-promise`: a promise no copy makes.

use super::Context;
use crate::finding::codes::UNUSED_PROMISE;
declare_rule! {
    /// A promise is said nowhere in the copy.
    ///
    /// ## What it does
    /// Reports each promise none of whose `says` phrases appears in the copy
    /// of any touchpoint, other than taken back: under negation ("we don't
    /// offer free returns", "a full refund will not be possible") or followed
    /// in its sentence by one of the promise's `unless` phrases ("the full
    /// amount, less shipping"). Where the words appear only taken back, the
    /// finding also points at the first such place. Runs only when the
    /// promise files define at least one touchpoint.
    ///
    /// ## Why is this bad?
    /// Either the promise is no longer made, and its rules are dead weight,
    /// or the copy makes it in words its `says` phrases do not catch, and it
    /// goes unchecked.
    ///
    /// ## Example
    /// A promise `"price match guarantee"` when no page mentions price matching.
    ///
    /// ## How to fix
    /// Delete the promise, or add the wording the copy uses to its `says`.
    pub static DOC = UNUSED_PROMISE;
}

use crate::copy::scan::Said;
use crate::finding::{Finding, Label};

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model) = (cx.scan, cx.model) else {
        return;
    };
    if model.touchpoints.is_empty() {
        return;
    }
    let mut made = vec![false; model.promises.len()];
    // The first place each promise's words appear taken back.
    let mut taken_back: Vec<Option<&Said>> = vec![None; model.promises.len()];
    // A place whose figure could not be read is made there all the same:
    // `unread-figure` says so.
    for unread in scan.files.iter().flat_map(|file| &file.unread) {
        made[unread.promise] = true;
    }
    for said in scan.files.iter().flat_map(|file| &file.said) {
        made[said.promise] |= !said.negated;
        if said.negated {
            taken_back[said.promise].get_or_insert(said);
        }
    }
    let unused = model.promises.iter().zip(made).zip(taken_back);
    for ((promise, _), taken_back) in unused.filter(|((_, made), _)| !made) {
        let finding = Finding::hinted(
            &UNUSED_PROMISE,
            promise.title.span,
            "said nowhere",
            format!(
                "promise \"{}\" is made nowhere in the copy",
                promise.title.value
            ),
            "delete it, or add the copy's wording to its `says`",
        );
        findings.push(match taken_back {
            Some(said) => finding.with_related(Label::new(said.span, taken_back_label(said))),
            None => finding,
        });
    }
}

/// Why a place that says a promise's words does not make it.
fn taken_back_label(said: &Said) -> String {
    match &said.qualified {
        Some(qualifier) => format!("said here, but qualified by \"{}\"", qualifier.text),
        None => "said here, but under negation".to_owned(),
    }
}
