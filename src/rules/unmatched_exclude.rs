//! `unmatched-exclude`: an `exclude` glob of `promiselint.toml` that matches
//! nothing. The globs are tried as the run walks ([`crate::load::exclude`]).

use super::Context;
use crate::finding::codes::UNMATCHED_EXCLUDE;
declare_rule! {
    /// An `exclude` glob in `promiselint.toml` matches no file.
    ///
    /// ## What it does
    /// Reports each glob of `exclude` that matches no file or folder under
    /// the configuration file's folder, where it points in the file
    /// (`.git`, `.hg`, `.svn`, `target` and `node_modules` are never read,
    /// so they are not searched).
    ///
    /// ## Why is this bad?
    /// A glob that matches nothing excludes nothing: the drafts or the
    /// generated pages it was meant to keep out are read and reported, or
    /// a glob left behind after a folder moved no longer says anything true
    /// of the project. It usually means a typo.
    ///
    /// ## Example
    /// ```text
    /// exclude = ["site/draft/**"]
    /// ```
    /// where the folder is `site/drafts`.
    ///
    /// ## How to fix
    /// Correct the glob (it is relative to the folder of `promiselint.toml`
    /// and uses `/`), or remove it. When changing its folder or extension to
    /// one that exists would match files (`site/drafts/**`), the finding
    /// says so.
    pub static DOC = UNMATCHED_EXCLUDE;
}

use crate::finding::suggest::unmatched_glob_hint;
use crate::finding::Finding;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let Some(scan) = cx.scan else {
        return;
    };
    for unmatched in &scan.unmatched_excludes {
        findings.push(Finding::hinted(
            &UNMATCHED_EXCLUDE,
            unmatched.span,
            "matches nothing",
            format!(
                "exclude glob `{}` matches no file promiselint reads",
                unmatched.glob
            ),
            unmatched_glob_hint(unmatched.did_you_mean.as_deref(), "this file's folder"),
        ));
    }
}
