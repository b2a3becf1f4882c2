//! The load stage: every file a run reads, found by one walker and read by
//! one reader, with one list of folders never walked into and one place for
//! limits, encodings, links and refusals.
//!
//! [`workspace`] says which paths a run may read and write (links are
//! strangers' until shown otherwise); [`exclude`] the paths it never reads;
//! [`limits`] what one file may cost; [`config`] reads `promiselint.toml`
//! into [`CheckOptions`]; [`yaml`] reads YAML text, a policy's or a call
//! script's, into a tree whose every key and scalar knows where it stands;
//! [`atomic`] is the one way promiselint writes a file; [`pages`] tells
//! copy named on the command line from promise files, and finds the
//! promise files a page is checked against.

pub mod atomic;
pub mod config;
pub mod exclude;
pub mod limits;
pub mod pages;
pub mod read;
pub mod walk;
pub mod workspace;
pub mod yaml;

use crate::source;
use exclude::Exclude;
use limits::Limits;
use std::path::{Path, PathBuf};
use walk::Walk;
use workspace::{Skipped, Workspace};

/// A problem that stops a run before any file can be located in a finding.
#[derive(Debug)]
pub enum CheckError {
    /// A path given on the command line does not exist or cannot be walked.
    Path {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The paths hold no `.promise` file.
    /// With the paths the walk could not take, which may be why.
    NoPromiseFiles {
        paths: Vec<PathBuf>,
        skipped: Vec<Skipped>,
    },
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Path { path, error } => {
                write!(f, "{}: {error}", source::display_path(path))
            }
            CheckError::NoPromiseFiles { paths, skipped } => {
                let shown: Vec<_> = paths.iter().map(|p| source::display_path(p)).collect();
                write!(f, "no .promise files found in {}", shown.join(", "))?;
                for Skipped { path, reason } in skipped {
                    write!(f, "; {} {reason}", source::display_path(path))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CheckError {}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Every promise file, sorted.
    pub files: Vec<PathBuf>,
    /// Links and folders the walk could not take.
    pub skipped: Vec<Skipped>,
}

/// Every `*.promise` file under `paths`, sorted, less those `exclude` names.
/// A file named directly is taken whatever its extension: the user asked for it.
/// Links are taken as [`workspace`] says.
pub fn discover(
    paths: &[PathBuf],
    exclude: &Exclude,
    workspace: &Workspace,
) -> Result<Discovered, CheckError> {
    let mut found = Discovered::default();
    found.files = files(
        paths,
        Walk::Promises,
        exclude,
        workspace,
        &mut found.skipped,
    )?;
    if found.files.is_empty() {
        return Err(CheckError::NoPromiseFiles {
            paths: paths.to_vec(),
            skipped: found.skipped,
        });
    }
    Ok(found)
}

/// Every file under `paths` that `walk` looks for, sorted and each once,
/// less those `exclude` names: for [`Walk::Promises`] the `*.promise` files,
/// for [`Walk::Copy`] every file. A file named directly is taken whatever
/// its extension. Links and folders the walk cannot take go to `skipped`.
pub fn files(
    paths: &[PathBuf],
    walk: Walk,
    exclude: &Exclude,
    workspace: &Workspace,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<PathBuf>, CheckError> {
    let mut files = Vec::new();
    for root in paths.iter().filter(|root| !exclude.excludes_named(root)) {
        if let Err(refused) = workspace.named(root) {
            skipped.push(refused);
            continue;
        }
        let metadata = std::fs::metadata(root).map_err(|error| CheckError::Path {
            path: root.clone(),
            error,
        })?;
        if metadata.is_file() {
            files.push(root.clone());
            continue;
        }
        let walked = walk::files(root, walk, exclude, workspace, skipped);
        files.extend(
            walked
                .filter(|entry| walk == Walk::Copy || is_promise_file(entry.path()))
                .map(walkdir::DirEntry::into_path),
        );
    }
    // `check . examples/retail` names some files twice: keep the first spelling.
    let mut seen = std::collections::HashSet::new();
    files.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    files.sort();
    Ok(files)
}

/// Whether `path` is a promise file, by its extension.
pub fn is_promise_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "promise")
}

/// What a run is told besides its paths, usually from `promiselint.toml`
/// ([`config::Config`]). The default changes nothing.
#[derive(Debug, Default)]
pub struct CheckOptions {
    /// Files and folders never read, as promise files or as copy.
    pub exclude: Exclude,
    /// Rules' severities, and rules turned off.
    pub rules: config::RuleSettings,
    /// Texts read instead of files on disk: the language server's unsaved buffers.
    pub overlay: source::Overlay,
    /// What one file may cost: its size, its nesting.
    pub limits: Limits,
    /// The folder of the `promiselint.toml` in use: with the paths checked,
    /// the [`Workspace`] a run may read.
    pub workspace: Option<PathBuf>,
    /// The paths named on the command line when some of them are copy: a
    /// page, a folder of pages ([`pages`]). Unless one of them holds a file
    /// the run reads as policy, only the copy among them is checked, and
    /// only what is found on it is reported. Empty: every file of every
    /// touchpoint is checked.
    pub pages: Vec<PathBuf>,
    /// Told how far the copy scan has got: `promiselint audit`'s progress bar.
    pub progress: Option<std::sync::Arc<dyn Progress + Send>>,
}

/// Told how far a scan has got, for a progress bar on a large audit. The
/// library never prints: whoever runs it decides whether and how to show it.
/// Calls come from the threads that search the files, in any order.
pub trait Progress: Sync + std::fmt::Debug {
    /// The copy files found, before any is read.
    fn files_found(&self, count: usize);
    /// One more file searched.
    fn file_done(&self);
}
