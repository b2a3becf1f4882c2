//! Writing a file whole or not at all, and only where a run may write.
//!
//! Every file promiselint writes goes to a temporary file in the same
//! folder, is flushed to disk, and is renamed over the target: a crash or a
//! kill leaves the old file or the new one, never half of either. An
//! existing file keeps its permissions. On unix the folder is flushed too,
//! so that the rename itself survives a power cut.
//!
//! A repository is not trusted to say where its files go. A file
//! promiselint makes (a report, a baseline, an audit page) is never
//! written through a symbolic link, neither at its own name nor at a
//! folder of a relative path (`-o reports/x.json` with a committed
//! `reports -> /elsewhere`); an absolute path is the caller's own
//! choice, and only its last part is held to that. A file it rewrites (`--fix`, `fmt`) is
//! written through a link only to a file inside the [`Workspace`], whose
//! target gets the new text while the link stays a link. A read-only file
//! (no write bit) is never replaced, whoever runs promiselint, and neither
//! is a file with other hard links: a rename would quietly part it from
//! them.
//!
//! A kill can leave a temporary file behind, named [`is_temporary`]: the
//! walks never read one, as promise file or copy.

use super::workspace::{is_link, Workspace};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How every temporary file promiselint writes is named.
const TEMPORARY_PREFIX: &str = ".promiselint-";

/// Whether a file name is one of promiselint's temporary files, perhaps
/// left by a write that was killed.
pub fn is_temporary(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes()
        .starts_with(TEMPORARY_PREFIX.as_bytes())
}

/// What a write makes, which decides the links it may go through.
#[derive(Debug, Clone, Copy)]
pub enum Written<'a> {
    /// A file promiselint makes: never through a link.
    Output,
    /// A file of the workspace rewritten in place: through a link only to
    /// a file inside it.
    Rewrite(&'a Workspace),
}

/// Replaces (or creates) `path` with `contents`, atomically; refuses, with
/// why, a link or a file it must not replace.
pub fn write(path: &Path, contents: &[u8], written: Written) -> io::Result<()> {
    let target = destination(path, written)?;
    let path = target.as_deref().unwrap_or(path);
    let existing = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    if let Some(metadata) = &existing {
        replaceable(metadata)?;
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(folder)?;
    temporary.write_all(contents)?;
    let permissions = match existing {
        Some(metadata) => metadata.permissions(),
        None => new_file_permissions(temporary.as_file())?,
    };
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    sync_folder(folder)
}

/// Where the text of `path` goes: `None` for `path` itself, or the file a
/// link at `path` leads to, when `written` allows it.
fn destination(path: &Path, written: Written) -> io::Result<Option<PathBuf>> {
    let refused = |message: String| Err(io::Error::new(io::ErrorKind::PermissionDenied, message));
    let link = is_link(path);
    match written {
        Written::Output => match linked_folder(path) {
            Some(folder) => refused(format!(
                "is in {}, a link to {}: not written through",
                folder.display(),
                leads_to(folder)?.display()
            )),
            None if link => refused(format!(
                "is a link to {}: not written through",
                leads_to(path)?.display()
            )),
            None => Ok(None),
        },
        // A folder above may lead out too, for a file named on the command
        // line: `fmt pdir/v.promise` with a committed `pdir -> /elsewhere`.
        Written::Rewrite(workspace) => match workspace.refusal(path) {
            None if link => leads_to(path).map(Some),
            Some(why) if link => refused(format!(
                "is a link to {}{why}: not written through",
                leads_to(path)?.display()
            )),
            Some(why) if path.exists() => refused(format!(
                "leads to {}{why}: not written",
                leads_to(path)?.display()
            )),
            _ => Ok(None),
        },
    }
}

/// Where a link leads, for a message: resolved, or as written when it
/// leads nowhere.
fn leads_to(link: &Path) -> io::Result<PathBuf> {
    std::fs::canonicalize(link).or_else(|_| std::fs::read_link(link))
}

/// The first folder of a relative `path` that is a symbolic link, if any.
fn linked_folder(path: &Path) -> Option<&Path> {
    if path.is_absolute() {
        return None;
    }
    let mut folders: Vec<&Path> = path.ancestors().skip(1).collect();
    folders.reverse();
    folders
        .into_iter()
        .find(|folder| !folder.as_os_str().is_empty() && is_link(folder))
}

/// Whether an existing file may be replaced: not when it is read-only (the
/// mode bits decide, since root may write anything), nor when it has other
/// hard links.
fn replaceable(metadata: &std::fs::Metadata) -> io::Result<()> {
    if metadata.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "Permission denied: the file is read-only",
        ));
    }
    match hard_links(metadata) {
        links if links > 1 => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("the file has {links} hard links: not replaced, which would part it from them"),
        )),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn hard_links(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

/// Flushes the rename to disk: a folder is a file on unix.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_: &Path) -> io::Result<()> {
    Ok(())
}

/// What a new file gets: readable by all, as editors and `git` make them
/// (temporary files start private).
#[cfg(unix)]
fn new_file_permissions(_: &std::fs::File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_keeps_their_permissions() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("baseline.json");
        write(&path, b"first", Written::Output).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o644
            );
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        write(&path, b"second", Written::Output).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn rewrites_go_through_a_link_to_a_file_inside_and_outputs_never() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("real.md");
        let link = folder.path().join("link.md");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let workspace = Workspace::new(&[folder.path().to_path_buf()], None);
        write(&link, b"new", Written::Rewrite(&workspace)).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        let refused = write(&link, b"report", Written::Output).unwrap_err();
        assert!(refused.to_string().contains("is a link to"), "{refused}");
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }
}
