//! Writing a file whole or not at all.
//!
//! Every file promiselint writes goes to a temporary file in the same
//! folder, is flushed to disk, and is renamed over the target: a crash or a
//! kill leaves the old file or the new one, never half of either. An
//! existing file keeps its permissions. On unix the folder is flushed too,
//! so that the rename itself survives a power cut. A symbolic link is
//! written through: its target gets the new text and the link stays a link.
//!
//! A kill can leave a temporary file behind, named [`is_temporary`]: the
//! walks never read one, as promise file or copy.

use std::io::{self, Write};
use std::path::Path;

/// How every temporary file promiselint writes is named.
const TEMPORARY_PREFIX: &str = ".promiselint-";

/// Whether a file name is one of promiselint's temporary files, perhaps
/// left by a write that was killed.
pub fn is_temporary(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes()
        .starts_with(TEMPORARY_PREFIX.as_bytes())
}

/// Replaces (or creates) `path` with `contents`, atomically.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target;
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    let path = if is_link {
        target = std::fs::canonicalize(path)?;
        target.as_path()
    } else {
        path
    };
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(folder)?;
    temporary.write_all(contents)?;
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => metadata.permissions(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            new_file_permissions(temporary.as_file())?
        }
        Err(error) => return Err(error),
    };
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    sync_folder(folder)
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
        write(&path, b"first").unwrap();
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
        write(&path, b"second").unwrap();
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
    fn writes_through_a_link_to_its_target() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("real.md");
        let link = folder.path().join("link.md");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write(&link, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    }
}
