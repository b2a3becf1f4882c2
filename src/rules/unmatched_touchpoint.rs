//! `unmatched-touchpoint`: a `files` glob that matches no file.

use super::Context;
use crate::finding::codes::UNMATCHED_TOUCHPOINT;
declare_rule! {
    /// A touchpoint's `files` glob matches no file.
    ///
    /// ## What it does
    /// Reports each glob of each touchpoint that matched no file under the
    /// promise file's folder (hidden folders, `target` and `node_modules` are
    /// not searched).
    ///
    /// ## Why is this bad?
    /// A glob that matches nothing checks nothing: the copy it was meant to
    /// cover goes unchecked while the run looks green. It usually means the
    /// copy moved or the glob has a typo.
    ///
    /// ## Example
    /// ```text
    /// touchpoint website {
    ///   files "stie/**/*.md"
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Correct the glob (it is relative to the promise file's folder and uses
    /// `/`), or remove it. When changing the glob's folder or extension to
    /// one that exists would match files (`email/**/*.htm` for
    /// `emails/**/*.html`), the finding says so.
    pub static DOC = UNMATCHED_TOUCHPOINT;
}

use crate::finding::suggest::unmatched_glob_hint;
use crate::finding::Finding;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model) = (cx.scan, cx.model) else {
        return;
    };
    for unmatched in &scan.unmatched {
        let touchpoint = &model.touchpoints[unmatched.touchpoint];
        let glob = &touchpoint.files[unmatched.glob];
        // The folder in words, not as a path: a CI format names files from
        // the repository root, not from where promiselint runs.
        let hint = unmatched_glob_hint(
            unmatched.did_you_mean.as_deref(),
            "this promise file's folder",
        );
        findings.push(Finding::hinted(
            &UNMATCHED_TOUCHPOINT,
            glob.span,
            "matches nothing",
            format!("`{}` matches no file", glob.value),
            hint,
        ));
    }
}
