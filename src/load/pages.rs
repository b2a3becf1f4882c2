//! Pages: copy named on the command line, to be checked on its own, as
//! ruff and Vale check the files they are given (an editor on save,
//! pre-commit with file names, `git diff --name-only | xargs`).
//!
//! A path named is either policy (a `.promise` file, a folder with one
//! below it) or copy: a page, or a folder of pages ([`names_promises`]).
//! Copy named alone is checked against the promise files of its project:
//! those `paths` in `promiselint.toml` names; without a configuration,
//! those below the nearest folder above the page that holds one, searched
//! no higher than the root of its repository ([`project_above`]).

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
        Ok(_) => holds_promises(path, options),
    }
}

/// Whether the walk for promise files finds one under `folder`. Links are
/// taken as in a run over `folder`: within it, or within the
/// configuration's folder.
fn holds_promises(folder: &Path, options: &CheckOptions) -> bool {
    let workspace = Workspace::new(&[folder.to_path_buf()], options.workspace.as_deref());
    // What the walk skips here, the run itself reports if it walks there.
    let mut skipped = Vec::new();
    let found = walk::files(
        folder,
        Walk::Promises,
        &options.exclude,
        &workspace,
        &mut skipped,
    )
    .any(|entry| is_promise_file(entry.path()));
    found
}

/// The folder whose promise files `page` is checked against when no
/// `promiselint.toml` says: the page's own folder (a folder named is its
/// own) or the nearest above it with a promise file below it. The search
/// never goes above the root of the page's repository (the folder holding
/// `.git`), nor that of the file system: a promise file outside the
/// project is a stranger's. The folder is spelt as `page` is, relative to
/// `cwd` or absolute; `Err` gives the highest folder searched.
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
    let mut highest = start;
    for folder in start.ancestors() {
        highest = folder;
        if holds_promises(folder, &CheckOptions::default()) {
            return Ok(spelt(folder));
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    Err(spelt(highest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_stops_at_the_repository_root() {
        let outside = tempfile::tempdir().unwrap();
        let root = outside.path();
        std::fs::write(root.join("stranger.promise"), "").unwrap();
        let repository = root.join("shop");
        std::fs::create_dir_all(repository.join(".git")).unwrap();
        std::fs::create_dir_all(repository.join("site/blog")).unwrap();
        std::fs::write(repository.join("site/blog/post.md"), "").unwrap();
        let page = Path::new("site/blog/post.md");
        assert_eq!(project_above(&repository, page), Err(PathBuf::from(".")));
        std::fs::create_dir(repository.join("promises")).unwrap();
        std::fs::write(repository.join("promises/store.promise"), "").unwrap();
        assert_eq!(project_above(&repository, page), Ok(PathBuf::from(".")));
        // The nearest folder wins, and is spelt as the page is.
        std::fs::write(repository.join("site/site.promise"), "").unwrap();
        let from_blog = repository.join("site/blog");
        let nearest = project_above(&from_blog, Path::new("post.md"));
        assert_eq!(nearest, Ok(PathBuf::from("..")));
        let absolute = repository.join("site/blog/post.md");
        assert_eq!(project_above(root, &absolute), Ok(repository.join("site")));
    }

    #[test]
    fn promise_files_and_folders_holding_them_name_promises() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        std::fs::create_dir_all(root.join("policy")).unwrap();
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::write(root.join("policy/store.promise"), "").unwrap();
        std::fs::write(root.join("site/index.md"), "").unwrap();
        let options = CheckOptions::default();
        assert!(names_promises(&root.join("policy/store.promise"), &options));
        assert!(names_promises(&root.join("policy"), &options));
        assert!(names_promises(root, &options));
        assert!(names_promises(&root.join("gone.md"), &options));
        assert!(!names_promises(&root.join("site"), &options));
        assert!(!names_promises(&root.join("site/index.md"), &options));
    }
}
