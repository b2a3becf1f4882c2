//! `uncheckable-promise`: copy makes a promise whose figure cannot be
//! compared with the policy at all. Its findings are made in the pass of
//! `broken-promise`, which judges each place once for both.

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

use crate::copy::scan::Said;
use crate::finding::{Finding, Label};
use crate::policy::eval::{policy_labels, Bindings, Uncheckable};
use crate::policy::model::{Promise, Requirement};

/// The finding of a place of `promise` that no requirement breaks but
/// `requirement` cannot check, as `why` says. Made in `broken-promise`'s
/// pass, which judges each place once for both rules.
pub fn finding(
    promise: &Promise,
    said: &Said,
    (requirement, why): (&Requirement, Uncheckable),
    bindings: Bindings,
) -> Finding {
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
    finding
}
