//! `skipped-path`: a link or folder the walks for promise files and copy
//! could not take.

declare_rule! {
    /// A symbolic link or folder was not followed or could not be read, so nothing under it was checked.
    ///
    /// ## What it does
    /// The walks for promise files and copy never follow a link out of the
    /// workspace (the folder of `promiselint.toml`, and every path checked)
    /// or into a folder. Reports every link that points outside, at nothing
    /// (a file deleted or moved), or at itself in a loop, and every folder
    /// that cannot be listed (no permission). A link to a file inside the
    /// workspace is read as that file; a link to a folder inside is not
    /// followed, and not reported: its files are read where they stand.
    ///
    /// ## Why is this bad?
    /// Whatever the skipped path holds goes unchecked. Following it instead
    /// could read files a pull request should never see (`/etc`, a CI
    /// secret) into a report, or walk a link loop forever.
    ///
    /// ## Example
    /// `site/legal -> /srv/shared/legal`, or `site/loop -> .`, or a folder
    /// with mode `000`.
    ///
    /// ## How to fix
    /// Copy the files into the workspace instead of linking them, remove the
    /// broken link, or make the folder readable. A path that is meant to be
    /// left out belongs in `exclude` in promiselint.toml.
    pub static SKIPPED_PATH = ("PL205", "skipped-path", Lint, Warning);
}

use crate::finding::Finding;
use crate::source::{display_path, Sources, Span};
use crate::workspace::Skipped;

/// One finding per path skipped, however many walks met it.
pub fn check(mut skipped: Vec<Skipped>, sources: &mut Sources, findings: &mut Vec<Finding>) {
    skipped.sort();
    skipped.dedup_by(|a, b| a.path == b.path);
    for Skipped { path, reason } in skipped {
        let message = format!("{} {reason}", display_path(&path));
        // The path is not read: its finding stands at its start.
        let file = sources.add(path, "");
        findings.push(Finding::hinted(
            &SKIPPED_PATH,
            Span::new(file, 0, 0),
            "skipped",
            message,
            "nothing under it was checked: see `promiselint explain skipped-path`",
        ));
    }
}
