//! promiselint: holds the promises a company makes in its copy against the
//! policy it actually runs.
//!
//! The data flows one way, one module per stage:
//! `source` (files, spans) → `parse` (promise files to a syntax tree) →
//! `model` (typed policies, promises, touchpoints; semantic errors) →
//! `rules` (findings) → `render` (human, short, JSON, SARIF, GitHub, GitLab,
//! JUnit). `expect` runs the fixtures of `promiselint test` through the same
//! stages.
//! The library never prints and never exits; `main.rs` does both.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod audit;
pub mod baseline;
pub mod changes;
pub mod config;
pub mod copy;
pub mod eval;
pub mod exclude;
pub mod expect;
pub mod finding;
pub mod fingerprint;
pub mod fix;
pub mod format;
pub mod init;
pub mod limits;
pub mod lsp;
pub mod matcher;
pub mod model;
pub mod parse;
pub mod pattern;
pub mod render;
pub mod rules;
pub mod scan;
pub mod source;
mod suggest;
pub mod syntax;
pub mod value;
pub mod workspace;
pub mod yaml;

use config::RuleSettings;
use exclude::Exclude;
use finding::{Finding, RuleKind, Severity};
use limits::Limits;
use rayon::slice::ParallelSliceMut;
use source::Sources;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use workspace::{Skipped, Workspace};

/// Everything one run found, with the sources its spans point into.
#[derive(Debug, Default)]
pub struct Outcome {
    pub sources: Sources,
    /// Sorted by file, position and code, so output never depends on walk order.
    pub findings: Vec<Finding>,
    /// How many promise files were read.
    pub promise_files: usize,
    /// The names of the touchpoints that cover each copy file, for
    /// `--statistics`. Promise and policy files are not in it.
    pub touchpoints: BTreeMap<source::FileId, Vec<String>>,
}

impl Outcome {
    /// True when some input could not be checked (exit code 2).
    pub fn has_input_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule.kind == RuleKind::Input)
    }

    /// 0: nothing at or above `fail_on`; 1: findings; 2: input errors.
    pub fn exit_code(&self, fail_on: Severity) -> u8 {
        if self.has_input_errors() {
            2
        } else if self.findings.iter().any(|f| f.severity >= fail_on) {
            1
        } else {
            0
        }
    }

    /// Counts findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

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
    pub rules: RuleSettings,
    /// Texts read instead of files on disk: the language server's unsaved buffers.
    pub overlay: source::Overlay,
    /// What one file may cost: its size, its nesting.
    pub limits: Limits,
    /// The folder of the `promiselint.toml` in use: with the paths checked,
    /// the [`Workspace`] a run may read.
    pub workspace: Option<PathBuf>,
    /// Told how far the copy scan has got: `promiselint audit`'s progress bar.
    pub progress: Option<std::sync::Arc<dyn scan::Progress + Send>>,
}

/// Checks every promise file under `paths`, the policies they import and
/// the copy of their touchpoints, with the default [`CheckOptions`].
///
/// ```
/// use promiselint::finding::Severity;
///
/// let outcome = promiselint::check(&["examples/retail".into()])?;
/// assert!(outcome.findings.iter().any(|f| f.rule.name == "unbacked-promise"));
/// assert_eq!(outcome.exit_code(Severity::Error), 1);
/// # Ok::<(), promiselint::CheckError>(())
/// ```
pub fn check(paths: &[PathBuf]) -> Result<Outcome, CheckError> {
    check_with(paths, &CheckOptions::default())
}

/// [`check`] with `options`: excluded files are never read, and rule
/// settings apply to the findings last, whichever check made them.
pub fn check_with(paths: &[PathBuf], options: &CheckOptions) -> Result<Outcome, CheckError> {
    analyze(paths, options).map(|analysis| analysis.outcome)
}

/// [`check_with`], and the fixes for the broken figures it reports (none
/// when there are input errors): what `promiselint check --fix` applies.
pub fn check_and_fix(
    paths: &[PathBuf],
    options: &CheckOptions,
) -> Result<(Outcome, fix::Fixes), CheckError> {
    let analysis = analyze(paths, options)?;
    let fixes = analysis.fixes();
    Ok((analysis.outcome, fixes))
}

/// A check with what it read: what an editor needs to point from a finding
/// or a name to the places behind it.
#[derive(Debug)]
pub struct Analysis {
    pub outcome: Outcome,
    /// The policies, promises and touchpoints read, less what failed to build.
    pub model: model::Model,
    /// The copy read; `None` when input errors kept the copy from being checked.
    pub scan: Option<scan::Scan>,
    /// The findings `check` does not report, dropped by a suppression
    /// comment or by a rule turned off in `[rules]`: for the audit, which
    /// shows what the copy does even where a team accepts it.
    pub suppressed: Vec<Finding>,
}

impl Analysis {
    /// The fixes for the broken figures the run reports; none when the copy
    /// was not checked.
    pub fn fixes(&self) -> fix::Fixes {
        self.scan.as_ref().map_or_else(fix::Fixes::default, |scan| {
            fix::fixes(&self.model, scan, &self.outcome.findings)
        })
    }
}

/// [`check_with`], keeping the model and the copy it read.
pub fn analyze(paths: &[PathBuf], options: &CheckOptions) -> Result<Analysis, CheckError> {
    let Loaded {
        mut outcome,
        model,
        workspace,
        mut skipped,
    } = load(paths, options)?;
    rules::unbacked_promise::check(&model, &mut outcome.findings);
    // Copy is held against a model only when the model is whole: with input
    // errors, promises are missing and the copy's findings would mislead.
    let mut scanned = None;
    let mut suppressed = Vec::new();
    if !outcome.has_input_errors() {
        let mut scan = scan::scan(&model, &mut outcome.sources, options, &workspace);
        skipped.append(&mut scan.skipped);
        suppressed = rules::check_copy(&model, &scan, &outcome.sources, &mut outcome.findings);
        outcome.touchpoints = scan
            .files
            .iter()
            .map(|scanned| {
                let names = scanned.touchpoints.iter();
                let names = names.map(|&t| model.touchpoints[t].name.name.clone());
                (scanned.file, names.collect())
            })
            .collect();
        scanned = Some(scan);
    }
    rules::skipped_path::check(skipped, &mut outcome.sources, &mut outcome.findings);
    // What the configuration turns off joins what comments suppressed, with
    // the severity its rule gave it: the audit reads states, not severities.
    suppressed.append(&mut options.rules.apply(&mut outcome.findings));
    sort_findings(&mut outcome);
    Ok(Analysis {
        outcome,
        model,
        scan: scanned,
        suppressed,
    })
}

/// Runs the fixtures of the touchpoints under `paths`: the copy files whose
/// `promiselint-expect` comments say what each line must produce. With input
/// errors nothing is tested, and the report holds the errors instead.
///
/// ```
/// use promiselint::CheckOptions;
///
/// let report = promiselint::test(&["examples/retail".into()], &CheckOptions::default())?;
/// assert!(report.fixtures > 0);
/// assert!(report.mismatches.is_empty());
/// assert_eq!(report.exit_code(), 0);
/// # Ok::<(), promiselint::CheckError>(())
/// ```
pub fn test(paths: &[PathBuf], options: &CheckOptions) -> Result<expect::TestReport, CheckError> {
    let Loaded {
        mut outcome,
        model,
        workspace,
        ..
    } = load(paths, options)?;
    if outcome.has_input_errors() {
        sort_findings(&mut outcome);
        return Ok(expect::TestReport::new(outcome));
    }
    let scan = scan::scan(&model, &mut outcome.sources, options, &workspace);
    Ok(expect::run(&model, scan.fixtures, outcome))
}

/// What [`load`] read, and what the rest of a run needs of it.
struct Loaded {
    /// The files read and their input errors.
    outcome: Outcome,
    model: model::Model,
    workspace: Workspace,
    /// What the walk for promise files could not take.
    skipped: Vec<Skipped>,
}

/// Reads and parses every promise file under `paths` that `options` do not
/// exclude, and builds the model.
fn load(paths: &[PathBuf], options: &CheckOptions) -> Result<Loaded, CheckError> {
    let workspace = Workspace::new(paths, options.workspace.as_deref());
    let discovered = discover(paths, &options.exclude, &workspace)?;
    let mut outcome = Outcome {
        sources: Sources::with_overlay(options.overlay.clone()),
        promise_files: discovered.files.len(),
        ..Outcome::default()
    };
    let mut parsed = Vec::new();
    for path in discovered.files {
        let read = read_source(
            &mut outcome.sources,
            path,
            &options.limits,
            &mut outcome.findings,
        );
        let Some(file) = read else {
            continue;
        };
        let text = outcome.sources.get(file).text();
        match parse::parse_file_with(file, text, options.limits.max_nesting) {
            Ok(syntax) => parsed.push((file, syntax)),
            Err(error) => outcome.findings.push(*error),
        }
    }
    let model = model::build(
        &mut outcome.sources,
        &parsed,
        &options.limits,
        &workspace,
        &mut outcome.findings,
    );
    Ok(Loaded {
        outcome,
        model,
        workspace,
        skipped: discovered.skipped,
    })
}

/// Sorts findings by file, position and code, so output never depends on walk order.
fn sort_findings(outcome: &mut Outcome) {
    let sources = &outcome.sources;
    let key = |f: &Finding| {
        let span = f.primary.span;
        (sources.get(span.file).path(), span.start, f.rule.code)
    };
    outcome.findings.par_sort_by(|a, b| key(a).cmp(&key(b)));
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
            &rules::input::UNREADABLE_FILE,
            finding::Label::new(source::Span::new(file, 0, 0), "this file"),
            format!("{shown} {reason}"),
        )
        .with_hint("save it as UTF-8 text and make it readable"),
    );
    None
}
