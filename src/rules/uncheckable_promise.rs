//! `uncheckable-promise`: copy makes a promise whose figure cannot be
//! compared with the policy at all.

use super::Context;
use crate::finding::codes::UNCHECKABLE_PROMISE;
declare_rule! {
    /// Copy states a figure the policy cannot be compared with, so the promise cannot be checked.
    ///
    /// ## What it does
    /// Finds every `says` phrase whose figure does not compare with the
    /// policy value its promise `requires`, where nothing else decides the
    /// requirement: a price in euros against a threshold in dollars. A part
    /// of an `or` that holds, or a part of an `and` that fails, decides the
    /// requirement whatever the other parts are, so `requires
    /// shipping.free_threshold <= x or shipping.free = yes` is checked
    /// through its second part. A requirement that fails outright makes the
    /// promise a `broken-promise` instead. The finding points at the words
    /// in the copy, at every policy value the requirement reads and at the
    /// requirement.
    ///
    /// ## Why is this bad?
    /// promiselint cannot say whether the promise is kept: the copy may be
    /// right, or may promise what the policy never gives, and nobody is told
    /// which. Currencies do not convert at a fixed rate, so no guess is made.
    ///
    /// ## Example
    /// ```text
    /// policy shipping {
    ///   free_threshold = $50
    /// }
    ///
    /// promise "free shipping over {x:money}" {
    ///   says "free shipping over {x:money}"
    ///   requires shipping.free_threshold <= x
    /// }
    /// ```
    /// with `site/eu/index.md` saying "Free shipping over €50".
    ///
    /// ## How to fix
    /// State the figure in the policy's currency, or give the policy a value
    /// in the copy's currency and a promise that reads it.
    pub static DOC = UNCHECKABLE_PROMISE;
}

use crate::copy::scan::{Said, ScannedFile};
use crate::finding::{Finding, Label};
use crate::policy::eval::policy_labels;
use crate::policy::model::Model;
use crate::rules::broken_promise::{judge_said, Judgement};

/// Reports each promise said in copy that no requirement breaks but one
/// cannot be checked.
pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let Some(scan) = cx.scan else {
        return;
    };
    for file in &scan.files {
        findings.extend(
            file.said
                .iter()
                .filter_map(|said| uncheckable(cx.model, file, said)),
        );
    }
}

fn uncheckable(model: &Model, file: &ScannedFile, said: &Said) -> Option<Finding> {
    if said.negated {
        return None;
    }
    let promise = &model.promises[said.promise];
    let (Judgement::Unchecked(requirement, why), bindings) = judge_said(model, file, said) else {
        return None;
    };
    let mut finding = Finding::hinted(
        &UNCHECKABLE_PROMISE,
        said.span,
        "promised here",
        format!(
            "\"{}\" cannot be checked against the policy: {}",
            said.text, why.reason
        ),
        why.hint,
    );
    finding.related = policy_labels(&requirement.condition, &bindings.place);
    finding.related.push(Label::new(
        requirement.span,
        format!(
            "promise \"{}\" requires this, which cannot be checked",
            promise.title.value
        ),
    ));
    finding.why = promise.why.clone();
    Some(finding)
}
