//! `skipped-path`: a link or folder the walks for promise files and copy
//! could not take.

use crate::finding::codes::SKIPPED_PATH;
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
    pub static DOC = SKIPPED_PATH;
}

use super::Context;
use crate::finding::Finding;
use crate::load::workspace::Skipped;
use crate::source::{display_path, Sources, Span};

/// A skipped path, entered in the sources (empty) so that its finding has a
/// place to stand, with what to say about it.
#[derive(Debug)]
pub struct Placed {
    span: Span,
    message: String,
}

/// Enters every path skipped, once however many walks met it, in `sources`.
pub fn place(skipped: Vec<Skipped>, sources: &mut Sources) -> Vec<Placed> {
    // One path may be met twice, spelt `site/a.md` and `./site/a.md`: each
    // is known by the name it is shown under.
    let mut named: Vec<(String, Skipped)> = skipped
        .into_iter()
        .map(|skipped| (display_path(&skipped.path), skipped))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named.dedup_by(|a, b| a.0 == b.0);
    named
        .into_iter()
        .map(|(shown, Skipped { path, reason })| {
            let message = format!("{shown} {reason}");
            // The path is not read: its finding stands at its start.
            let file = sources.add(path, "");
            Placed {
                span: Span::new(file, 0, 0),
                message,
            }
        })
        .collect()
}

/// One finding per path skipped.
pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    for placed in cx.skipped {
        findings.push(Finding::hinted(
            &SKIPPED_PATH,
            placed.span,
            "skipped",
            placed.message.clone(),
            "nothing under it was checked: see `promiselint explain skipped-path`",
        ));
    }
}
