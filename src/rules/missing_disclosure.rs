//! `missing-disclosure`: a file of a touchpoint that never says what it must.

use super::Context;
use crate::finding::codes::MISSING_DISCLOSURE;
declare_rule! {
    /// A copy file does not say what its touchpoint requires it to disclose.
    ///
    /// ## What it does
    /// A touchpoint's `require "PHRASE", … because "…"` lists words one of
    /// which every one of its files must say (outside negation), matched like
    /// `says` phrases. Each file that says none of them is reported, once per
    /// `require`. Files skipped as unreadable are not. The touchpoint's
    /// `severity` (default error) sets the finding's.
    ///
    /// ## Why is this bad?
    /// Some messages are promises by omission: an app update pushed with no
    /// word on what changes tells customers nothing changes for them.
    ///
    /// ## Example
    /// ```text
    /// touchpoint in_app "In-app update messages" {
    ///   files "app/**/*.md"
    ///   require "what changes", "what's new for you" because "Say what the update changes for the customer."
    /// }
    /// ```
    /// with `app/update-3.2.md` saying only "Bug fixes and performance improvements."
    ///
    /// ## How to fix
    /// Say it: add what the update changes for the customer.
    pub static DOC = MISSING_DISCLOSURE;
}

use crate::finding::{Finding, Label};
use crate::source::Span;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model, sources) = (cx.scan, cx.model, cx.sources) else {
        return;
    };
    for file in scan.files.iter().filter(|file| file.skipped.is_none()) {
        for &t in &file.touchpoints {
            let touchpoint = &model.touchpoints[t];
            for (r, require) in touchpoint.requires.iter().enumerate() {
                if file.disclosed.contains(&(t, r)) || require.phrases.is_empty() {
                    continue;
                }
                let words: Vec<String> =
                    require.phrases.iter().map(|p| format!("\"{p}\"")).collect();
                let mut finding = Finding::hinted(
                    &MISSING_DISCLOSURE,
                    Span::new(file.file, 0, 0),
                    "says none of them",
                    format!(
                        "{} never says {}",
                        sources.get(file.file).display_path(),
                        words.join(" or ")
                    ),
                    "say it: add what the customer needs to know",
                )
                .with_related(Label::new(
                    require.phrases[0].span,
                    format!("required in touchpoint `{}`", touchpoint.name.name),
                ));
                finding.severity = touchpoint.severity.unwrap_or(finding.severity);
                finding.why = require.because.clone();
                findings.push(finding);
            }
        }
    }
}
