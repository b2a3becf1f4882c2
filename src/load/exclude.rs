//! `exclude`: the files and folders a run never reads, neither as promise
//! files nor as copy, and the globs of it that match nothing.
//!
//! The globs are relative to the folder of the configuration file, while the
//! paths a run walks are spelt as the user gave them, relative to the current
//! folder or absolute. Both are made absolute by their spelling alone
//! ([`source::absolute`]), so the test costs no system call per file and a
//! path is excluded however it was reached (`check .` or `check site`).
//!
//! A glob that matches nothing excludes nothing, and is likely a typo that
//! lets through what it was meant to keep out. Each glob remembers whether a
//! walk of the run met a path it matches; one that none did may still match
//! where the run did not walk (`check site` walks no other folder), so only
//! then is the configuration's folder walked whole ([`Exclude::root`]), to be
//! sure, and to find a near spelling that does match.

use crate::finding::suggest::SeenFiles;
use crate::source::{self, Sources, Span};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// A set of globs anchored at a folder. The default excludes nothing.
#[derive(Debug, Default)]
pub struct Exclude {
    /// The folder the globs are relative to, absolute.
    root: PathBuf,
    /// What relative paths are relative to: the current folder when the set was made.
    cwd: PathBuf,
    globs: GlobSet,
    /// The configuration file the globs are written in, named as the user
    /// would name it.
    file: PathBuf,
    /// Each glob, with where it is written in `file`.
    written: Vec<(Glob, Range<usize>)>,
    /// Whether each glob matched a path that a walk of the run met.
    matched: Vec<AtomicBool>,
}

/// An `exclude` glob that matches no path under the configuration's folder.
#[derive(Debug)]
pub struct UnmatchedExclude {
    pub glob: String,
    /// Where it is written in the configuration file.
    pub span: Span,
    /// A near spelling of the glob that matches files, if one does.
    pub did_you_mean: Option<String>,
}

impl Exclude {
    /// Globs written at their ranges in the configuration `file`, relative
    /// to its folder; `file` itself is relative to `cwd`. Matched like
    /// touchpoint globs: `*` crosses `/`, so `*.bak` excludes at any depth.
    pub fn new(
        cwd: &Path,
        file: &Path,
        written: Vec<(Glob, Range<usize>)>,
    ) -> Result<Exclude, globset::Error> {
        let mut set = GlobSetBuilder::new();
        for (glob, _) in &written {
            set.add(glob.clone());
        }
        let folder = file.parent().unwrap_or(Path::new(""));
        Ok(Exclude {
            root: source::absolute(cwd, folder),
            cwd: cwd.to_path_buf(),
            globs: set.build()?,
            file: file.to_path_buf(),
            matched: written.iter().map(|_| AtomicBool::new(false)).collect(),
            written,
        })
    }

    /// True when `path` (a file or a folder, as walked) is never to be read.
    /// A folder that matches is skipped whole.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.globs.is_empty() {
            return false;
        }
        let absolute = source::absolute(&self.cwd, path);
        let Ok(relative) = absolute.strip_prefix(&self.root) else {
            return false;
        };
        if !self.globs.is_match(relative) {
            return false;
        }
        for index in self.globs.matches(relative) {
            self.matched[index].store(true, Ordering::Relaxed);
        }
        true
    }

    /// The folder the globs are relative to, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The globs that match no path under [`Exclude::root`], each at its
    /// place in the configuration file, which is entered in `sources` if
    /// there are any. `files` is every file under the root, walked with
    /// nothing excluded: taken only if a glob met nothing in the run.
    pub fn unmatched(
        &self,
        files: impl IntoIterator<Item = PathBuf>,
        sources: &mut Sources,
    ) -> Vec<UnmatchedExclude> {
        let mut missed: Vec<usize> = (0..self.written.len())
            .filter(|&index| !self.matched[index].load(Ordering::Relaxed))
            .collect();
        if missed.is_empty() {
            return Vec::new();
        }
        let matchers: Vec<_> = self
            .written
            .iter()
            .map(|(glob, _)| glob.compile_matcher())
            .collect();
        let mut seen = SeenFiles::default();
        for path in files {
            let Ok(relative) = path.strip_prefix(&self.root) else {
                continue;
            };
            seen.add(relative);
            // A glob naming a folder matches the folders of a file.
            let paths = relative.ancestors().filter(|p| !p.as_os_str().is_empty());
            missed.retain(|&index| !paths.clone().any(|p| matchers[index].is_match(p)));
            if missed.is_empty() {
                return Vec::new();
            }
        }
        let file = sources.add_unread(self.file.clone());
        missed
            .into_iter()
            .map(|index| {
                let (glob, range) = &self.written[index];
                UnmatchedExclude {
                    glob: glob.glob().to_owned(),
                    span: Span::new(file, range.start, range.end),
                    did_you_mean: seen.suggest(glob.glob()),
                }
            })
            .collect()
    }

    /// True when `path`, named on the command line rather than walked to,
    /// is never to be read: it is excluded, or a folder it is in is.
    pub fn excludes_named(&self, path: &Path) -> bool {
        if self.globs.is_empty() {
            return false;
        }
        let absolute = source::absolute(&self.cwd, path);
        absolute.ancestors().any(|at| {
            at.strip_prefix(&self.root).is_ok_and(|relative| {
                !relative.as_os_str().is_empty() && self.globs.is_match(relative)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Globs in `folder/promiselint.toml`, run from /shop/site.
    fn exclude(folder: &str, globs: &[&str]) -> Exclude {
        let globs = globs
            .iter()
            .map(|g| (Glob::new(g).unwrap(), 0..0))
            .collect();
        let file = Path::new(folder).join("promiselint.toml");
        Exclude::new(Path::new("/shop/site"), &file, globs).unwrap()
    }

    #[test]
    fn globs_are_relative_to_the_configuration_whatever_the_current_folder() {
        // The configuration is in /shop; the run started in /shop/site.
        let set = exclude("..", &["site/drafts/**", "*.bak", "legacy"]);
        assert!(set.excludes(Path::new("drafts/a.md")));
        assert!(set.excludes(Path::new("./drafts/x/b.html")));
        assert!(set.excludes(Path::new("/shop/site/drafts/a.md")));
        assert!(!set.excludes(Path::new("index.md")));
        // `*` crosses folders, as in touchpoint globs.
        assert!(set.excludes(Path::new("deep/down/old.bak")));
        // A folder that matches is skipped whole by the walk.
        assert!(set.excludes(Path::new("../legacy")));
        // Outside the configuration's folder, nothing is excluded.
        assert!(!set.excludes(Path::new("/elsewhere/x.bak")));
        // A file named in an excluded folder is excluded with it.
        assert!(!set.excludes(Path::new("../legacy/a.md")));
        assert!(set.excludes_named(Path::new("../legacy/a.md")));
        assert!(!set.excludes_named(Path::new("../current/a.md")));
    }

    #[test]
    fn the_default_excludes_nothing() {
        assert!(!Exclude::default().excludes(Path::new("anything")));
    }

    #[test]
    fn globs_that_match_nothing_are_found_with_a_near_spelling() {
        let folder = tempfile::tempdir().unwrap();
        for file in ["site/drafts/next.md", "site/index.md", "old/a.bak"] {
            let path = folder.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let globs = [
            "site/drafts",
            "*.bak",
            "site/draft/**",
            "*.tmp",
            "old/a.bak",
        ];
        let written = globs
            .iter()
            .enumerate()
            .map(|(i, g)| (Glob::new(g).unwrap(), i..i + 1))
            .collect();
        let file = folder.path().join("promiselint.toml");
        let set = Exclude::new(Path::new("/"), &file, written).unwrap();
        // The run met `old/a.bak`; the walk here finds `site/drafts`, a folder.
        assert!(set.excludes(&folder.path().join("old/a.bak")));
        let files = ["site/drafts/next.md", "site/index.md"].map(|f| folder.path().join(f));
        let mut sources = Sources::default();
        let unmatched = set.unmatched(files, &mut sources);
        let found: Vec<_> = unmatched
            .iter()
            .map(|u| (u.glob.as_str(), u.span.start, u.did_you_mean.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("site/draft/**", 2, Some("site/drafts/**")),
                ("*.tmp", 3, None)
            ]
        );
        assert_eq!(sources.get(unmatched[0].span.file).path(), file);
    }
}
