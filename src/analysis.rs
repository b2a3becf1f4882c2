//! One run: the promise files read into a model ([`policy::load`]), the
//! copy of its touchpoints scanned ([`scan::scan`]), every rule run
//! ([`rules::run`]), and the settings of `promiselint.toml` applied last.
//! What a run keeps, [`Analysis`], is what the later stages read: the
//! audit, the fixes, the language server.

use crate::copy::scan;
use crate::finding::codes::SKIPPED_PATH;
use crate::finding::{Finding, Outcome, RuleKind};
use crate::load::walk::Walk;
use crate::load::{self, CheckError, CheckOptions};
use crate::policy::{self, model, Loaded};
use crate::rules;
use crate::source::{absolute, FileId, Sources};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
    /// comment or by a rule turned off in `[rules]`, or standing outside
    /// the pages of a run of pages alone: for the audit, which shows what
    /// the copy does even where a team accepts it.
    pub suppressed: Vec<Finding>,
    /// The copy named in [`CheckOptions::pages`] that was not checked, and
    /// why: a run that passes must not hide a page it never read.
    pub unchecked: Vec<Unchecked>,
}

/// A page, or a folder of pages, named to be checked and not checked.
#[derive(Debug, PartialEq)]
pub struct Unchecked {
    /// As named.
    pub path: PathBuf,
    pub why: Why,
}

/// Why a path named was not checked.
#[derive(Debug, PartialEq)]
pub enum Why {
    /// `exclude` in `promiselint.toml` names it.
    Excluded,
    /// A file that no touchpoint's `files` covers; with a glob that would,
    /// were its folder or extension spelt otherwise.
    Uncovered(Option<NearGlob>),
    /// A folder holding no file that a touchpoint covers.
    NoCopy,
}

/// A touchpoint's glob, and its near spelling that covers a page.
#[derive(Debug, PartialEq)]
pub struct NearGlob {
    /// Indexes into the model's touchpoints, and into that one's `files`.
    pub touchpoint: usize,
    pub glob: usize,
    pub spelling: String,
}

/// [`check_with`], keeping the model and the copy it read.
///
/// With [`CheckOptions::pages`], only the copy named is read, unless a
/// path named holds a file read as policy (a promise file, a folder of
/// them, a YAML policy): a policy change can break a promise on any page,
/// so then every file of every touchpoint is. Of a run of pages alone, only
/// what is found on them is reported, with the input errors and skipped
/// paths that say what could not be read: the promise files' own findings
/// are a run over every page's business (`unused-promise` cannot know what
/// other pages make), and `inconsistent-claim` compares the pages named,
/// not pages left unread.
pub fn analyze(paths: &[PathBuf], options: &CheckOptions) -> Result<Analysis, CheckError> {
    let Loaded {
        mut outcome,
        model,
        workspace,
        mut skipped,
    } = policy::load(paths, options)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let named = Named::sort(&options.pages, &outcome.sources, &cwd);
    // Copy is held against a model only when the model is whole: with input
    // errors, promises are missing and the copy's findings would mislead.
    let mut scanned = None;
    if !outcome.has_input_errors() {
        let mut scan = if named.alone {
            let exclude = &options.exclude;
            let pages = load::files(&named.copy, Walk::Copy, exclude, &workspace, &mut skipped)?;
            scan::scan_pages(&model, &mut outcome.sources, options, &pages)
        } else {
            scan::scan(&model, &mut outcome.sources, options, &workspace)
        };
        skipped.append(&mut scan.skipped);
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
    let mut suppressed = rules::run(
        &model,
        scanned.as_ref(),
        skipped,
        &mut outcome.sources,
        &mut outcome.findings,
    );
    // What the configuration turns off joins what comments suppressed, with
    // the severity its rule gave it: the audit reads states, not severities.
    suppressed.append(&mut options.rules.apply(&mut outcome.findings));
    if named.alone {
        let pages: HashSet<FileId> = scanned
            .iter()
            .flat_map(|scan| &scan.files)
            .map(|file| file.file)
            .collect();
        let (on_pages, outside) =
            std::mem::take(&mut outcome.findings)
                .into_iter()
                .partition(|finding| {
                    finding.rule.kind == RuleKind::Input
                        || *finding.rule == SKIPPED_PATH
                        || pages.contains(&finding.primary.span.file)
                });
        outcome.findings = on_pages;
        suppressed.extend(outside);
    }
    outcome.sort();
    let unchecked = scanned.as_ref().map_or_else(Vec::new, |scan| {
        named.unchecked(scan, &model, options, &outcome.sources, &cwd)
    });
    Ok(Analysis {
        outcome,
        model,
        scan: scanned,
        suppressed,
        unchecked,
    })
}

/// The paths of [`CheckOptions::pages`], sorted out once the policy is read.
struct Named {
    /// Those that hold no file read as policy.
    copy: Vec<PathBuf>,
    /// Whether the copy is checked alone: some path was named, and none
    /// holds a file read as policy.
    alone: bool,
}

impl Named {
    fn sort(named: &[PathBuf], sources: &Sources, cwd: &Path) -> Named {
        if named.is_empty() {
            return Named {
                copy: Vec::new(),
                alone: false,
            };
        }
        let policy: Vec<PathBuf> = sources.paths().map(|path| absolute(cwd, path)).collect();
        let (holding, copy): (Vec<&PathBuf>, Vec<&PathBuf>) = named.iter().partition(|path| {
            let path = absolute(cwd, path);
            policy.iter().any(|read| read.starts_with(&path))
        });
        Named {
            copy: copy.into_iter().cloned().collect(),
            alone: holding.is_empty(),
        }
    }

    /// The copy named that `scan` did not read, and why.
    fn unchecked(
        &self,
        scan: &scan::Scan,
        model: &model::Model,
        options: &CheckOptions,
        sources: &Sources,
        cwd: &Path,
    ) -> Vec<Unchecked> {
        let read: HashSet<PathBuf> = scan
            .files
            .iter()
            .chain(&scan.fixtures)
            .map(|file| absolute(cwd, sources.get(file.file).path()))
            .collect();
        self.copy
            .iter()
            .filter_map(|path| {
                let at = absolute(cwd, path);
                let why = if options.exclude.excludes_named(path) {
                    Why::Excluded
                } else if at.is_dir() {
                    if read.iter().any(|file| file.starts_with(&at)) {
                        return None;
                    }
                    Why::NoCopy
                } else {
                    if read.contains(&at) {
                        return None;
                    }
                    Why::Uncovered(near_glob(model, &at, cwd))
                };
                Some(Unchecked {
                    path: path.clone(),
                    why,
                })
            })
            .collect()
    }
}

/// The first glob of a touchpoint that would cover the file at `page`
/// (absolute) were its folder or extension spelt otherwise.
fn near_glob(model: &model::Model, page: &Path, cwd: &Path) -> Option<NearGlob> {
    model
        .touchpoints
        .iter()
        .enumerate()
        .find_map(|(t, touchpoint)| {
            let relative = page.strip_prefix(absolute(cwd, &touchpoint.base)).ok()?;
            touchpoint.files.iter().enumerate().find_map(|(g, glob)| {
                scan::near_glob(&glob.value, relative).map(|spelling| NearGlob {
                    touchpoint: t,
                    glob: g,
                    spelling,
                })
            })
        })
}
