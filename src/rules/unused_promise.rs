//! `unused-promise`: a promise no copy makes.

use super::Context;
use crate::finding::codes::UNUSED_PROMISE;
declare_rule! {
    /// A promise is said nowhere in the copy.
    ///
    /// ## What it does
    /// Reports each promise none of whose `says` phrases appears (outside
    /// negation) in the copy of any touchpoint. Runs only when the promise
    /// files define at least one touchpoint.
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

use crate::finding::Finding;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model) = (cx.scan, cx.model) else {
        return;
    };
    if model.touchpoints.is_empty() {
        return;
    }
    let mut made = vec![false; model.promises.len()];
    for said in scan.files.iter().flat_map(|file| &file.said) {
        made[said.promise] |= !said.negated;
    }
    for (promise, _) in model.promises.iter().zip(made).filter(|(_, made)| !made) {
        findings.push(Finding::hinted(
            &UNUSED_PROMISE,
            promise.title.span,
            "said nowhere",
            format!(
                "promise \"{}\" is made nowhere in the copy",
                promise.title.value
            ),
            "delete it, or add the copy's wording to its `says`",
        ));
    }
}
