//! `unbacked-promise`: a declared promise the current policy cannot keep.

use super::Context;
use crate::finding::codes::UNBACKED_PROMISE;
declare_rule! {
    /// A promise's `requires` fail against the current policy.
    ///
    /// ## What it does
    /// Evaluates every `requires` of every promise that needs no figure from
    /// the copy (a promise without captures, such as "hassle-free returns")
    /// against the policies, and reports each requirement that fails, in the
    /// promise file itself — before any copy uses the promise. The primary
    /// span is the failing requirement; related spans point at every policy
    /// value it reads, with that value shown.
    ///
    /// ## Why is this bad?
    /// A promise the policy does not back is a broken promise waiting for a
    /// customer: the first time copy makes it, someone is told "our policy
    /// states…" at the counter.
    ///
    /// ## Example
    /// ```text
    /// policy returns {
    ///   restocking_fee = 15%
    /// }
    ///
    /// promise "hassle-free returns" {
    ///   says "hassle-free returns"
    ///   requires returns.restocking_fee == 0%
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Change the policy so it keeps the promise (`restocking_fee = 0%`), or
    /// stop making the promise: delete it, or weaken what it `says`.
    pub static DOC = UNBACKED_PROMISE;
}

use crate::finding::{Finding, Label};
use crate::policy::eval::{describe, evaluate, policy_labels, why_not, Bindings};
use crate::policy::model::{Promise, Requirement};
use crate::policy::scope::Place;
use crate::policy::value::Truth;

/// Reports every requirement of a promise without captures that the policy fails.
pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let model = cx.model;
    for promise in model.promises.iter().filter(|p| p.captures.is_empty()) {
        for requirement in &promise.requirements {
            // Without figures from copy every comparison was type-checked,
            // so none fails to compare: only a copy figure can be uncheckable.
            if let Ok(truth @ (Truth::False | Truth::Depends)) =
                evaluate(&requirement.condition, Bindings::default())
            {
                findings.push(finding(promise, requirement, truth));
            }
        }
    }
}

fn finding(promise: &Promise, requirement: &Requirement, truth: Truth) -> Finding {
    let title = &promise.title.value;
    let mut finding = Finding::hinted(
        &UNBACKED_PROMISE,
        requirement.span,
        "this requirement fails",
        format!(
            "promise \"{title}\" is not backed by the policy: it requires {}",
            why_not(&requirement.condition, Bindings::default(), truth)
        ),
        format!(
            "change the policy so that `{}` holds, or stop promising \"{title}\"",
            describe(&requirement.condition, Bindings::default())
        ),
    );
    finding.related = policy_labels(&requirement.condition, &Place::default());
    finding
        .related
        .push(Label::new(promise.title.span, "the promise"));
    finding.severity = promise.severity;
    finding.why = promise.why.clone();
    finding
}
