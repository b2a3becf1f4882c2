//! The one walker: every file under a folder that a run may read, for the
//! promise files and for the copy alike, with one list of folders never
//! walked into and one way of taking links ([`super::workspace`]).

use super::exclude::Exclude;
use super::workspace::{Link, Skipped, Workspace, NEVER_ENTERED};
use std::path::Path;

/// What a walk looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// Promise files, which may sit in a hidden folder (`.promiselint/`).
    Promises,
    /// Copy, which customers read: never in a hidden folder (`.github`,
    /// `.cache`), so those are not walked into either.
    Copy,
}

/// Every file under `root` a run may read, in file-name order, less what
/// `exclude` names: regular files, and links to files inside `workspace`.
/// Links it may not take and folders it cannot list go to `skipped`.
pub fn files<'a>(
    root: &'a Path,
    walk: Walk,
    exclude: &'a Exclude,
    workspace: &'a Workspace,
    skipped: &'a mut Vec<Skipped>,
) -> impl Iterator<Item = walkdir::DirEntry> + 'a {
    files_within(root, usize::MAX, walk, exclude, workspace, skipped)
}

/// [`files`], no more than `depth` levels below `root`: 1 for the files in
/// `root` itself.
pub fn files_within<'a>(
    root: &'a Path,
    depth: usize,
    walk: Walk,
    exclude: &'a Exclude,
    workspace: &'a Workspace,
    skipped: &'a mut Vec<Skipped>,
) -> impl Iterator<Item = walkdir::DirEntry> + 'a {
    walkdir::WalkDir::new(root)
        .max_depth(depth)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |entry| {
            (entry.depth() == 0 || !is_skipped_dir(entry, walk)) && !exclude.excludes(entry.path())
        })
        .filter_map(move |entry| match entry {
            Ok(entry) => is_file(&entry, workspace, skipped).then_some(entry),
            Err(error) => {
                skipped.push(walk_error(error, root));
                None
            }
        })
}

/// A glob of a touchpoint's `files` or of the configuration's `exclude`, or
/// what is wrong with it. A backslash is refused rather than read as an
/// escape: it is nearly always a Windows path separator, and globs use `/`.
pub fn parse_glob(text: &str) -> Result<globset::Glob, String> {
    if text.contains('\\') {
        return Err("globs use `/`, not `\\`".to_owned());
    }
    globset::Glob::new(text).map_err(|error| error.kind().to_string())
}

fn is_skipped_dir(entry: &walkdir::DirEntry, walk: Walk) -> bool {
    entry.file_type().is_dir()
        && entry.file_name().to_str().is_some_and(|name| {
            NEVER_ENTERED.contains(&name) || (walk == Walk::Copy && name.starts_with('.'))
        })
}

/// Whether a walk's `entry` is a file to read: a regular file, or a link
/// to one inside `workspace`, but never a temporary file a killed write left
/// behind. A link it may not take goes to `skipped`.
fn is_file(entry: &walkdir::DirEntry, workspace: &Workspace, skipped: &mut Vec<Skipped>) -> bool {
    if super::atomic::is_temporary(entry.file_name()) {
        return false;
    }
    if !entry.path_is_symlink() {
        return entry.file_type().is_file();
    }
    match workspace.link(entry.path()) {
        Ok(link) => link == Link::File,
        Err(skip) => {
            skipped.push(skip);
            false
        }
    }
}

/// A walk's error as a [`Skipped`] folder or file: one that cannot be
/// listed or whose type cannot be read.
fn walk_error(error: walkdir::Error, root: &Path) -> Skipped {
    let path = error.path().unwrap_or(root).to_path_buf();
    let reason = match error.io_error() {
        Some(io) => format!("cannot be read: {io}"),
        None => format!("cannot be read: {error}"),
    };
    Skipped { path, reason }
}
