//! `unreadable-copy`: a copy file that was skipped.

use super::Context;
use crate::finding::codes::UNREADABLE_COPY;
declare_rule! {
    /// A file a touchpoint covers cannot be read as copy and was skipped.
    ///
    /// ## What it does
    /// Reports files matched by a touchpoint's `files` that are binary (a NUL
    /// byte in the first 8000 bytes), not UTF-8, unreadable, or YAML that does
    /// not parse. The rest of the run goes on.
    ///
    /// ## Why is this bad?
    /// Whatever such a file promises goes unchecked.
    ///
    /// ## Example
    /// `files "site/**/*"` matching `site/logo.png`.
    ///
    /// ## How to fix
    /// Narrow the glob to text files (`site/**/*.md`), or save the file as UTF-8.
    pub static DOC = UNREADABLE_COPY;
}

use crate::finding::Finding;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), sources) = (cx.scan, cx.sources) else {
        return;
    };
    for file in &scan.files {
        if let Some((why, span)) = &file.skipped {
            findings.push(Finding::hinted(
                &UNREADABLE_COPY,
                *span,
                "skipped",
                format!(
                    "{} {why}; it was skipped",
                    sources.get(file.file).display_path()
                ),
                "narrow the touchpoint's glob to text files, or save the file as UTF-8",
            ));
        }
    }
}
