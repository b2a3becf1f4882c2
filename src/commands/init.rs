//! `promiselint init`: a starter policy and configuration for a new project.
//!
//! It never overwrites anything. Each file is written whole to a temporary
//! file in the target folder, then linked to its name only if nothing is
//! there (`persist_noclobber`): a file that exists is left as it is, even one
//! that appears while init runs, and a crash leaves no half-written starter.

use super::named;
use promiselint::load::config;
use promiselint::render::visible;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The starter files: their names and texts. The templates are not named
/// `*.promise` or `promiselint.toml`, so checking this repository never
/// reads them as its own.
const STARTERS: &[(&str, &str)] = &[
    (
        "promises.promise",
        include_str!("init/promises.promise.template"),
    ),
    (
        config::FILE_NAME,
        include_str!("init/promiselint.toml.template"),
    ),
];

/// What became of one starter file, or of the folder they go in.
#[derive(Debug)]
pub enum Step {
    Created(PathBuf),
    /// Something is there already; it was not touched.
    Exists(PathBuf),
    Failed(PathBuf, io::Error),
}

/// Writes the starter files into `folder`, creating it if missing.
pub fn init(folder: &Path) -> Vec<Step> {
    if let Err(error) = std::fs::create_dir_all(folder) {
        return vec![Step::Failed(folder.to_path_buf(), error)];
    }
    STARTERS
        .iter()
        .map(|(name, text)| {
            let path = folder.join(name);
            match create_new(&path, text) {
                Ok(true) => Step::Created(path),
                Ok(false) => Step::Exists(path),
                Err(error) => Step::Failed(path, error),
            }
        })
        .collect()
}

/// Writes `text` to `path` whole, unless something is at `path`: then
/// nothing is written and the answer is `false`.
fn create_new(path: &Path, text: &str) -> io::Result<bool> {
    // Not needed for safety (the link below refuses to clobber), but it
    // spares a temporary file when the answer is known.
    if path.symlink_metadata().is_ok() {
        return Ok(false);
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".promiselint-init-");
    // Temporary files are private (0600); a starter file is an ordinary one,
    // as the umask makes it.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    match temporary.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error.error),
    }
}

/// `promiselint init`: 0 when every file was written, 1 when one was there
/// already (and left as it is), 2 when one could not be written.
pub fn run(folder: &Path, out: &mut impl Write) -> std::io::Result<u8> {
    let mut code = 0;
    for step in init(folder) {
        match step {
            Step::Created(path) => writeln!(out, "created {}", named(&path))?,
            Step::Exists(path) => {
                writeln!(out, "{} exists, left as it is", named(&path))?;
                code = code.max(1);
            }
            Step::Failed(path, error) => {
                say!(
                    "promiselint: {}: {}",
                    named(&path),
                    visible(&error.to_string())
                );
                code = 2;
            }
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_configuration_is_valid() {
        let folder = tempfile::tempdir().unwrap();
        let steps = init(folder.path());
        assert!(steps.iter().all(|step| matches!(step, Step::Created(_))));
        let config = config::Config::load(&folder.path().join(config::FILE_NAME)).unwrap();
        assert_eq!(config.paths, [folder.path()]);
        assert_eq!(config.fail_on, Some(promiselint::finding::Severity::Error));
    }

    #[cfg(unix)]
    #[test]
    fn starter_files_get_the_permissions_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        init(folder.path());
        std::fs::write(folder.path().join("reference"), "").unwrap();
        let mode = |name: &str| {
            let metadata = std::fs::metadata(folder.path().join(name)).unwrap();
            metadata.permissions().mode()
        };
        assert_eq!(mode("promises.promise"), mode("reference"));
    }
}
