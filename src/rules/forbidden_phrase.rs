//! `forbidden-phrase`: words a touchpoint must never use.

use super::Context;
use crate::finding::codes::FORBIDDEN_PHRASE;
declare_rule! {
    /// Copy uses a phrase its touchpoint forbids.
    ///
    /// ## What it does
    /// Reports every `forbid` phrase found in the files of the touchpoint that
    /// forbids it, matched like `says` phrases (case, spacing, dashes and
    /// quotes do not matter). Negation does not excuse it: the words
    /// themselves must not appear. The touchpoint's `because` is shown with
    /// the finding, and its `severity` (default error) sets the finding's.
    ///
    /// ## Why is this bad?
    /// Some words end conversations: an agent who says "our policy states…"
    /// has stopped explaining and started hiding.
    ///
    /// ## Example
    /// ```text
    /// touchpoint call_scripts "Call-center scripts" {
    ///   files "scripts/**/*.yaml"
    ///   forbid "our policy states" because "Explain the reason; never hide behind policy."
    /// }
    /// ```
    /// with a script step "Our policy states that returns need a receipt."
    ///
    /// ## How to fix
    /// Say it another way: give the reason, not the rule.
    pub static DOC = FORBIDDEN_PHRASE;
}

use crate::finding::{Finding, Label};

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model) = (cx.scan, cx.model) else {
        return;
    };
    for hit in scan.files.iter().flat_map(|file| &file.forbidden) {
        let touchpoint = &model.touchpoints[hit.touchpoint];
        let forbid = &touchpoint.forbids[hit.forbid];
        let place = touchpoint.title.as_deref().unwrap_or(&touchpoint.name.name);
        let mut finding = Finding::hinted(
            &FORBIDDEN_PHRASE,
            hit.span,
            "forbidden words",
            format!("\"{}\" must not be said in {place}", hit.text),
            "say it another way",
        )
        .with_related(Label::new(
            forbid.phrases[hit.phrase].span,
            format!("forbidden in touchpoint `{}`", touchpoint.name.name),
        ));
        finding.severity = touchpoint.severity.unwrap_or(finding.severity);
        finding.why = forbid.because.clone();
        findings.push(finding);
    }
}
