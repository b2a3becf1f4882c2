//! Pages: copy named on the command line, to be checked on its own, as
//! ruff and Vale check the files they are given (an editor on save,
//! pre-commit with file names, `git diff --name-only | xargs`).
//!
//! A path named is either policy (a `.promise` file, a folder with one
//! below it) or copy: a page, or a folder of pages ([`names_promises`]).
//! Copy named alone is checked against the promise files of its project:
//! those `paths` in `promiselint.toml` names; without a configuration,
//! those of the nearest folder above the page that has one, searched no
//! higher than the root of its repository ([`project_above`]).

use super::walk::{self, Walk};
use super::workspace::Workspace;
use super::{is_promise_file, CheckOptions};
use crate::source;
use std::path::{Path, PathBuf};

/// Whether `path`, named on the command line, stands for promise files: a
/// `.promise` file, a folder with one below it (as the walk for promise
/// files finds them, `options` excluding what they exclude), or a path that
/// cannot be read, which the run reports as a missing path.
pub fn names_promises(path: &Path, options: &CheckOptions) -> bool {
    match std::fs::metadata(path) {
        Err(_) => true,
        Ok(metadata) if metadata.is_file() => is_promise_file(path),
        Ok(_) => holds_promises(path, usize::MAX, options),
    }
}

/// Whether the walk for promise files finds one in `folder`, no more than
/// `depth` levels down. Links are taken as in a run over `folder`: within
/// it, or within the configuration's folder.
fn holds_promises(folder: &Path, depth: usize, options: &CheckOptions) -> bool {
    let workspace = Workspace::new(&[folder.to_path_buf()], options.workspace.as_deref());
    // What the walk skips here, the run itself reports if it walks there.
    let mut skipped = Vec::new();
    let exclude = &options.exclude;
    let mut walked = walk::files_within(
        folder,
        depth,
        Walk::Promises,
        exclude,
        &workspace,
        &mut skipped,
    );
    walked.any(|entry| is_promise_file(entry.path()))
}

/// Whether `folder` is the root of a repository: it holds `.git` (a folder,
/// or the file of a worktree).
pub fn is_repository_root(folder: &Path) -> bool {
    folder.join(".git").exists()
}

/// The folder whose promise files `page` is checked against when no
/// `promiselint.toml` says: the page's own folder (a folder named is its
/// own) or the nearest above it that has one. Inside a repository, a
/// promise file anywhere below a folder counts (`promises/store.promise`
/// for a page in `site/`), and the search stops at the repository's root:
/// a promise file outside the project is a stranger's. Outside one, only
/// the promise files in each folder count, up to the root of the file
/// system, which is never walked whole. The folder is spelt as `page` is,
/// relative to `cwd` or absolute; `Err` gives the highest folder searched.
pub fn project_above(cwd: &Path, page: &Path) -> Result<PathBuf, PathBuf> {
    let absolute = source::absolute(cwd, page);
    let start = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent().unwrap_or(&absolute)
    };
    let spelt = |folder: &Path| {
        if page.is_absolute() {
            folder.to_path_buf()
        } else {
            source::relative(cwd, folder)
        }
    };
    let repository = start.ancestors().find(|folder| is_repository_root(folder));
    let depth = if repository.is_some() { usize::MAX } else { 1 };
    let mut highest = start;
    for folder in start.ancestors() {
        if repository.is_some_and(|root| !folder.starts_with(root)) {
            break;
        }
        highest = folder;
        if holds_promises(folder, depth, &CheckOptions::default()) {
            return Ok(spelt(folder));
        }
    }
    Err(spelt(highest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes each of `paths` under `root`: a folder when it ends in `/`,
    /// else an empty file.
    fn make(root: &Path, paths: &[&str]) {
        for path in paths {
            let at = root.join(path);
            if path.ends_with('/') {
                std::fs::create_dir_all(at).unwrap();
            } else {
                std::fs::create_dir_all(at.parent().unwrap()).unwrap();
                std::fs::write(at, "").unwrap();
            }
        }
    }

    #[test]
    fn the_search_stops_at_the_repository_root() {
        let outside = tempfile::tempdir().unwrap();
        let root = outside.path();
        make(
            root,
            &["stranger.promise", "shop/.git/", "shop/site/blog/post.md"],
        );
        let repository = root.join("shop");
        let page = Path::new("site/blog/post.md");
        assert_eq!(project_above(&repository, page), Err(PathBuf::from(".")));
        make(&repository, &["promises/store.promise"]);
        assert_eq!(project_above(&repository, page), Ok(PathBuf::from(".")));
        // The nearest folder wins, and is spelt as the page is.
        make(&repository, &["site/site.promise"]);
        let from_blog = repository.join("site/blog");
        let nearest = project_above(&from_blog, Path::new("post.md"));
        assert_eq!(nearest, Ok(PathBuf::from("..")));
        let absolute = repository.join("site/blog/post.md");
        assert_eq!(project_above(root, &absolute), Ok(repository.join("site")));
    }

    #[test]
    fn outside_a_repository_only_the_folders_themselves_are_searched() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        make(root, &["notes/today/", "elsewhere/store.promise"]);
        let page = Path::new("notes/today/page.md");
        // Not found by walking down from the folder above.
        assert_ne!(project_above(root, page), Ok(PathBuf::from(".")));
        make(root, &["store.promise"]);
        assert_eq!(project_above(root, page), Ok(PathBuf::from(".")));
    }

    #[test]
    fn promise_files_and_folders_holding_them_name_promises() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        make(root, &["policy/store.promise", "site/index.md"]);
        let options = CheckOptions::default();
        assert!(names_promises(&root.join("policy/store.promise"), &options));
        assert!(names_promises(&root.join("policy"), &options));
        assert!(names_promises(root, &options));
        assert!(names_promises(&root.join("gone.md"), &options));
        assert!(!names_promises(&root.join("site"), &options));
        assert!(!names_promises(&root.join("site/index.md"), &options));
    }
}
