//! `unreadable-copy`: a copy file that was skipped.

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
    pub static UNREADABLE_COPY = ("PL204", "unreadable-copy", Lint, Warning);
}

use crate::finding::Finding;
use crate::scan::Scan;
use crate::source::Sources;

pub fn check(scan: &Scan, sources: &Sources, findings: &mut Vec<Finding>) {
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
