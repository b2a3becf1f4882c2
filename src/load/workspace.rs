//! The workspace: the folders a run may read, and what the walks do with
//! symbolic links and folders they cannot enter.
//!
//! The workspace is the folder of the `promiselint.toml` in use, plus every
//! path checked (a file stands for the folder it is named in), each with
//! everything below it. A path named from the current folder is taken as
//! far as its first link: `check site` with a committed `site -> /home`
//! makes the current folder part of the workspace, not `/home`, so the
//! named link is judged as a walk judges one ([`Workspace::named`]).
//! An absolute path is the caller's own, resolved whole. Nothing outside is read on a file's say-so: a `policy … from` path
//! must land inside, and so must a symbolic link for the walks to follow
//! it. Otherwise a promise file in a pull request could pull `/etc/passwd`
//! or a CI secret into a diagnostic.
//!
//! Nor is anything in a folder the walks never enter ([`NEVER_ENTERED`]):
//! `.git/config` holds the CI job's token (actions/checkout writes it
//! there), so a committed link `site/notes.txt -> ../.git/config` inside
//! the workspace is refused as a link out of it is.
//!
//! The walks ([`super::walk`]) never follow a link into a folder, so a link
//! loop cannot make them go round: a link to a regular file inside the
//! workspace is read as that file; a link to a folder inside is not followed
//! (its files are read where they stand); any other link (pointing outside,
//! at nothing, at itself) and any folder that cannot be listed is
//! [`Skipped`], and reported as `skipped-path`.

use std::path::{Component, Path, PathBuf};

/// Folders never walked into, nor read through a link: version control
/// (which holds credentials), build output, dependencies.
pub const NEVER_ENTERED: &[&str] = &[".git", ".hg", ".svn", "target", "node_modules"];

/// The folders a run may read, resolved (no links, no `..`).
#[derive(Debug, Default)]
pub struct Workspace {
    roots: Vec<PathBuf>,
}

/// A path a walk did not take, and why: for a `skipped-path` finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: PathBuf,
    /// Follows the path in a message: "is a link to /etc, outside the workspace".
    pub reason: String,
}

/// Where a symbolic link inside the workspace leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Link {
    File,
    Folder,
}

impl Workspace {
    /// The workspace of a run over `paths`, with the folder of its
    /// `promiselint.toml`, if any. Paths that do not exist add nothing: the
    /// run reports them.
    pub fn new(paths: &[PathBuf], config_folder: Option<&Path>) -> Workspace {
        let roots = paths
            .iter()
            .filter_map(|path| {
                // A file stands for the folder it is named in, not for the
                // one a link there leads to.
                let folder = match path.parent() {
                    _ if !path.is_file() => path,
                    Some(parent) if !parent.as_os_str().is_empty() => parent,
                    _ => Path::new("."),
                };
                root_of(folder)
            })
            .chain(config_folder.and_then(|folder| std::fs::canonicalize(folder).ok()))
            .collect();
        Workspace { roots }
    }

    /// Whether `path`, with every link in it followed, is inside the
    /// workspace and outside the folders never entered; `false` for a path
    /// that cannot be resolved.
    pub fn contains(&self, path: &Path) -> bool {
        self.refusal(path).is_none()
    }

    /// Why `path`, with every link in it followed, may not be read or
    /// written: `", outside the workspace"`, `", in .git, which is never
    /// read"`, or that it cannot be resolved.
    pub fn refusal(&self, path: &Path) -> Option<String> {
        let resolved = match std::fs::canonicalize(path) {
            Ok(resolved) => resolved,
            Err(error) => return Some(format!(", which cannot be resolved: {error}")),
        };
        let below = self
            .roots
            .iter()
            .filter_map(|root| resolved.strip_prefix(root).ok())
            .min_by_key(|below| below.components().count());
        let Some(below) = below else {
            return Some(", outside the workspace".into());
        };
        below
            .components()
            .find(|part| NEVER_ENTERED.iter().any(|name| part.as_os_str() == *name))
            .map(|part| {
                format!(
                    ", in {}, which is never read",
                    part.as_os_str().to_string_lossy()
                )
            })
    }

    /// Whether a path named on the command line may be read: when it leads,
    /// through links, out of the workspace or into `.git`, it is skipped as
    /// a walk skips such a link.
    pub fn named(&self, path: &Path) -> Result<(), Skipped> {
        if is_link(path) {
            return self.link(path).map(|_| ());
        }
        match self.refusal(path) {
            None => Ok(()),
            Some(why) => Err(Skipped {
                path: path.to_path_buf(),
                reason: match std::fs::canonicalize(path) {
                    Ok(target) => format!("leads to {}{why}: not read", target.display()),
                    Err(_) => format!("is a path{why}"),
                },
            }),
        }
    }

    /// What the symbolic link at `path` leads to, if a walk may take it.
    pub fn link(&self, path: &Path) -> Result<Link, Skipped> {
        let skipped = |reason: String| Skipped {
            path: path.to_path_buf(),
            reason,
        };
        let target = std::fs::canonicalize(path)
            .map_err(|error| skipped(format!("is a link that cannot be followed: {error}")))?;
        if let Some(why) = self.refusal(&target) {
            return Err(skipped(format!(
                "is a link to {}{why}: not followed",
                target.display()
            )));
        }
        match std::fs::metadata(&target) {
            Ok(metadata) if metadata.is_file() => Ok(Link::File),
            Ok(metadata) if metadata.is_dir() => Ok(Link::Folder),
            Ok(_) => Err(skipped(
                "is a link to something that is neither a file nor a folder: not followed".into(),
            )),
            Err(error) => Err(skipped(format!(
                "is a link that cannot be followed: {error}"
            ))),
        }
    }
}

/// Whether `path` itself is a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|metadata| metadata.file_type().is_symlink())
}

/// The folder a named `folder` stands for, resolved: an absolute one whole,
/// a relative one from the current folder down to its first link, which is
/// left for [`Workspace::named`] to judge.
fn root_of(folder: &Path) -> Option<PathBuf> {
    if folder.is_absolute() {
        return std::fs::canonicalize(folder).ok();
    }
    let mut root = std::fs::canonicalize(".").ok()?;
    for part in folder.components() {
        match part {
            Component::CurDir => {}
            // `root` is resolved, so its parent is the folder's own.
            Component::ParentDir => {
                root.pop();
            }
            Component::Normal(name) => {
                let next = root.join(name);
                let metadata = next.symlink_metadata().ok()?;
                if metadata.file_type().is_symlink() {
                    break;
                }
                root = next;
            }
            Component::RootDir | Component::Prefix(_) => return std::fs::canonicalize(folder).ok(),
        }
    }
    Some(root)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_taken_only_to_files_inside() {
        let outside = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        std::fs::write(root.join("a.md"), "a").unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        symlink(root.join("a.md"), root.join("file")).unwrap();
        symlink(root.join("sub"), root.join("folder")).unwrap();
        symlink(outside.path(), root.join("out")).unwrap();
        symlink(root.join("loop"), root.join("loop")).unwrap();
        symlink(root.join("gone"), root.join("dangling")).unwrap();
        let workspace = Workspace::new(&[root.to_path_buf()], None);
        assert_eq!(workspace.link(&root.join("file")), Ok(Link::File));
        assert_eq!(workspace.link(&root.join("folder")), Ok(Link::Folder));
        let reason = |name: &str| workspace.link(&root.join(name)).unwrap_err().reason;
        assert!(reason("out").contains("outside the workspace"));
        assert!(reason("loop").starts_with("is a link that cannot be followed"));
        assert!(reason("dangling").starts_with("is a link that cannot be followed"));
        assert!(workspace.contains(&root.join("sub/../a.md")));
        assert!(!workspace.contains(outside.path()));
        // The folder of promiselint.toml is inside too.
        let wider = Workspace::new(&[root.join("sub")], Some(outside.path()));
        assert!(wider.contains(outside.path()));
        assert!(!wider.contains(&root.join("a.md")));
    }
}
