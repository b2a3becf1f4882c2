//! The load stage: every file a run reads, found by one walker and read by
//! one reader, with one list of folders never walked into and one place for
//! limits, encodings, links and refusals.
//!
//! [`workspace`] says which paths a run may read and write (links are
//! strangers' until shown otherwise); [`exclude`] the paths it never reads;
//! [`limits`] what one file may cost; [`config`] reads `promiselint.toml`
//! into [`CheckOptions`]; [`atomic`] is the one way promiselint writes a file.

pub mod atomic;
pub mod config;
pub mod exclude;
pub mod limits;
pub mod workspace;

use crate::finding::{codes, Finding, Label};
use crate::source::{self, Sources};
use exclude::Exclude;
use limits::Limits;
use std::path::{Path, PathBuf};
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
    NoPromiseFiles { paths: Vec<PathBuf> },
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Path { path, error } => {
                write!(f, "{}: {error}", source::display_path(path))
            }
            CheckError::NoPromiseFiles { paths } => {
                let shown: Vec<_> = paths.iter().map(|p| source::display_path(p)).collect();
                write!(f, "no .promise files found in {}", shown.join(", "))
            }
        }
    }
}

impl std::error::Error for CheckError {}

/// Folders never searched for promise files: version control and build output.
const SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", "target", "node_modules"];

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
    for root in paths.iter().filter(|root| !exclude.excludes(root)) {
        let metadata = std::fs::metadata(root).map_err(|error| CheckError::Path {
            path: root.clone(),
            error,
        })?;
        if metadata.is_file() {
            found.files.push(root.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                (entry.depth() == 0 || !is_skipped_dir(entry)) && !exclude.excludes(entry.path())
            });
        for entry in walk {
            match entry {
                Ok(entry) if is_promise_file(entry.path()) => {
                    if workspace::is_file(&entry, workspace, &mut found.skipped) {
                        found.files.push(entry.into_path());
                    }
                }
                Ok(entry) => {
                    // Only to report a link that leads nowhere it may go.
                    workspace::is_file(&entry, workspace, &mut found.skipped);
                }
                Err(error) => found.skipped.push(workspace::walk_error(error, root)),
            }
        }
    }
    // `check . examples/retail` names some files twice: keep the first spelling.
    let mut seen = std::collections::HashSet::new();
    found
        .files
        .retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    found.files.sort();
    if found.files.is_empty() {
        return Err(CheckError::NoPromiseFiles {
            paths: paths.to_vec(),
        });
    }
    Ok(found)
}

fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|name| SKIPPED_DIRS.contains(&name))
}

fn is_promise_file(path: &Path) -> bool {
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
    /// Told how far the copy scan has got: `promiselint audit`'s progress bar.
    pub progress: Option<std::sync::Arc<dyn Progress + Send>>,
}

/// Reads a file as UTF-8 into `sources`. A file that cannot be read becomes an
/// `unreadable-file` finding; it is still added (empty) so the finding has a
/// place to point at.
/// A file larger than `limits.max_policy_file_size` is not read at all.
pub fn read_source(
    sources: &mut Sources,
    path: PathBuf,
    limits: &Limits,
    findings: &mut Vec<Finding>,
) -> Option<source::FileId> {
    let reason = match sources.read(&path, limits.max_policy_file_size) {
        Ok(bytes) => match source::decode(bytes) {
            Ok(text) => return Some(sources.add(path, text)),
            Err(reason) => reason,
        },
        Err(error @ limits::ReadError::TooLarge(_)) => {
            format!("{error} (`max-policy-file-size` in promiselint.toml's [limits])")
        }
        Err(error) => error.to_string(),
    };
    let shown = source::display_path(&path);
    let file = sources.add(path, "");
    findings.push(
        Finding::new(
            &codes::UNREADABLE_FILE,
            Label::new(source::Span::new(file, 0, 0), "this file"),
            format!("{shown} {reason}"),
        )
        .with_hint("save it as UTF-8 text and make it readable"),
    );
    None
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
