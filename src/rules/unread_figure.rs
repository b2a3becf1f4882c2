//! `unread-figure`: a phrase whose words stand in copy, on a figure its
//! capture cannot read.

use super::Context;
use crate::finding::codes::UNREAD_FIGURE;
declare_rule! {
    /// A promise's words stand in copy, but its capture cannot read the figure there.
    ///
    /// ## What it does
    /// Reports each place where the literal words of a `says` phrase match
    /// and a digit, a currency sign or a number word stands where the phrase
    /// has a capture, but no reading of the capture's type succeeds: "ships
    /// in 3ish days", "thirty (31) days" (a contract's words and digits that
    /// disagree), "returns within 5 jours" (a unit promiselint does not
    /// read). Places where no figure stands at all ("ships in a few days")
    /// and phrases under negation are not reported. The span is the words in
    /// the copy; a related label points at the phrase in the promise file.
    ///
    /// ## Why is this bad?
    /// A promise whose figure cannot be read cannot be checked: without this
    /// finding the place would be skipped in silence, and a broken promise
    /// there would never be reported.
    ///
    /// ## Example
    /// ```text
    /// promise "fast shipping" {
    ///   says "ships in {d:duration}"
    ///   requires d <= shipping.max_days
    /// }
    /// ```
    /// with copy "Every order ships in 3ish days."
    ///
    /// ## How to fix
    /// Write the figure the way the capture reads it ("ships in 3 days",
    /// "ships in 2-4 days"; `promiselint explain` and docs/language.md list
    /// every spelling), or add a `says` phrase that matches the copy's
    /// wording.
    pub static DOC = UNREAD_FIGURE;
}

use crate::finding::{Finding, Label};
use crate::policy::pattern::CaptureType;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model) = (cx.scan, cx.model) else {
        return;
    };
    for unread in scan.files.iter().flat_map(|file| &file.unread) {
        let promise = &model.promises[unread.promise];
        let kind = unread.kind.name();
        let finding = Finding::hinted(
            &UNREAD_FIGURE,
            unread.span,
            format!("\"{}\" cannot be read as a {kind}", unread.figure),
            format!(
                "\"{}\" makes promise \"{}\", but its capture `{}` (a {kind}) cannot read \"{}\"",
                unread.text, promise.title.value, unread.capture, unread.figure
            ),
            format!(
                "write the figure as the phrase reads it ({}), or add a phrase that matches this wording",
                spelled(unread.kind)
            ),
        )
        .with_related(Label::new(unread.phrase, "the phrase"));
        findings.push(finding);
    }
}

/// How a figure of `kind` is written so that a capture reads it.
fn spelled(kind: CaptureType) -> &'static str {
    match kind {
        CaptureType::Number => "`30`, `thirty`, `3-5`",
        CaptureType::Money => "`$49.99`, `4,50 €`, `25 dollars`, `$10-20`",
        CaptureType::Percent => "`15%`, `15 percent`, `10-20%`",
        CaptureType::Duration => "`5 days`, `3-5 business days`, `48 hours`",
        CaptureType::Time => "`2 PM`, `14:00`, `noon`",
    }
}
