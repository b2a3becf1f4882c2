//! `exclude`: the files and folders a run never reads, neither as promise
//! files nor as copy.
//!
//! The globs are relative to the folder of the configuration file, while the
//! paths a run walks are spelt as the user gave them, relative to the current
//! folder or absolute. Both are made absolute by their spelling alone
//! ([`source::absolute`]), so the test costs no system call per file and a
//! path is excluded however it was reached (`check .` or `check site`).

use crate::source;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// A set of globs anchored at a folder. The default excludes nothing.
#[derive(Debug, Default)]
pub struct Exclude {
    /// The folder the globs are relative to, absolute.
    root: PathBuf,
    /// What relative paths are relative to: the current folder when the set was made.
    cwd: PathBuf,
    globs: GlobSet,
}

impl Exclude {
    /// Globs relative to `folder`, itself relative to `cwd`. Matched like
    /// touchpoint globs: `*` crosses `/`, so `*.bak` excludes at any depth.
    pub fn new(cwd: &Path, folder: &Path, globs: &[Glob]) -> Result<Exclude, globset::Error> {
        let mut set = GlobSetBuilder::new();
        for glob in globs {
            set.add(glob.clone());
        }
        Ok(Exclude {
            root: source::absolute(cwd, folder),
            cwd: cwd.to_path_buf(),
            globs: set.build()?,
        })
    }

    /// True when `path` (a file or a folder, as walked) is never to be read.
    /// A folder that matches is skipped whole.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.globs.is_empty() {
            return false;
        }
        source::absolute(&self.cwd, path)
            .strip_prefix(&self.root)
            .is_ok_and(|relative| self.globs.is_match(relative))
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

    fn exclude(folder: &str, globs: &[&str]) -> Exclude {
        let globs: Vec<Glob> = globs.iter().map(|g| Glob::new(g).unwrap()).collect();
        Exclude::new(Path::new("/shop/site"), Path::new(folder), &globs).unwrap()
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
}
