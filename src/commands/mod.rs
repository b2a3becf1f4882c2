//! The commands of the `promiselint` binary, a file each, and what they
//! share: finding the configuration, the paths to read (pages among them),
//! and printing an outcome in the format asked for. Only the binary prints
//! and exits.

pub mod audit;
pub mod check;
pub mod explain;
pub mod fix;
pub mod fmt;
pub mod init;
pub mod test;

use crate::cli::{ColorChoice, ConfigArgs};
use promiselint::analysis::Why;
use promiselint::finding::Severity;
use promiselint::load::config::{Config, ConfigError};
use promiselint::load::pages;
use promiselint::render::{self, visible, Format, RenderOptions, RepoRoot, Statistics};
use promiselint::source;
use promiselint::{Analysis, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The configuration of a run: the file `--config` names, else the nearest
/// promiselint.toml from the first path up; none with `--no-config`.
pub fn configuration(args: &ConfigArgs, paths: &[PathBuf]) -> Result<Option<Config>, ConfigError> {
    if args.no_config {
        return Ok(None);
    }
    match &args.config {
        Some(file) => Config::load(file).map(Some),
        None => Config::discover(paths.first().map_or(Path::new("."), PathBuf::as_path)),
    }
}

/// The paths a run reads promise files from: those on the command line,
/// else `paths` from the configuration, else the current folder.
///
/// Copy named on the command line (a page or a folder of pages, anything
/// but a `.promise` file or a folder holding one) is checked on its own
/// ([`pages`]): every path named goes to `options.pages`, and the promise
/// files are those named beside it, else [`promise_files_of`] the pages.
/// `Err` says why none can be found.
pub fn paths(given: &[PathBuf], config: &mut Config) -> Result<Vec<PathBuf>, String> {
    if given.is_empty() {
        return Ok(if config.paths.is_empty() {
            vec![".".into()]
        } else {
            config.paths.clone()
        });
    }
    let (promises, copy): (Vec<&PathBuf>, Vec<&PathBuf>) = given
        .iter()
        .partition(|path| pages::names_promises(path, &config.options));
    if copy.is_empty() {
        return Ok(given.to_vec());
    }
    config.options.pages = given.to_vec();
    if !promises.is_empty() {
        return Ok(promises.into_iter().cloned().collect());
    }
    promise_files_of(&copy, config)
}

/// The paths of the promise files that `pages` named alone are checked
/// against: `paths` from the configuration, else its folder, else the
/// folders found above each page.
fn promise_files_of(pages: &[&PathBuf], config: &Config) -> Result<Vec<PathBuf>, String> {
    if !config.paths.is_empty() {
        return Ok(config.paths.clone());
    }
    let cwd = std::env::current_dir()
        .map_err(|error| format!("the current folder is unknown: {error}"))?;
    if let Some(folder) = &config.options.workspace {
        let folder = if config.path.is_absolute() {
            folder.clone()
        } else {
            source::relative(&cwd, folder)
        };
        return Ok(vec![folder]);
    }
    let mut projects = Vec::new();
    for page in pages {
        match pages::project_above(&cwd, page) {
            Ok(project) if !projects.contains(&project) => projects.push(project),
            Ok(_) => {}
            Err(highest) => {
                let page = named(page);
                let stop = if pages::is_repository_root(&highest) {
                    "the root of its repository, where the search stops"
                } else {
                    "outside a repository, only the promise files in each folder count"
                };
                return Err(format!(
                    "{page}: found no promise file to check it against in the folders \
                     from its own up to `{}` ({stop}); name the promise files too \
                     (`promiselint check PROMISES {page}`), or set `paths` in promiselint.toml",
                    named(&highest)
                ));
            }
        }
    }
    Ok(projects)
}

/// A path as a message to a person shows it: as [`source::display_path`]
/// spells it, on one line, with nothing in it a terminal would obey (a file
/// name is the repository's to choose).
pub fn named(path: &Path) -> String {
    visible(&source::display_path(path)).into_owned()
}

/// Warns, on stderr, of each page named that the run did not check: a run
/// that passes must not hide it. The exit code is not changed: pre-commit
/// hands every file staged, and most are not copy.
pub fn warn_unchecked(analysis: &Analysis) {
    let touchpoints = &analysis.model.touchpoints;
    let glob_path = |t: usize, glob: &str| named(&touchpoints[t].base.join(glob));
    let globs: Vec<String> = touchpoints
        .iter()
        .enumerate()
        .flat_map(|(t, touchpoint)| {
            touchpoint.files.iter().map(move |glob| {
                format!("`{}` ({})", glob_path(t, &glob.value), touchpoint.name.name)
            })
        })
        .collect();
    let globs = if globs.is_empty() {
        "  = the promise files define no touchpoint".to_owned()
    } else {
        format!("  = the touchpoints' globs: {}", globs.join(", "))
    };
    for unchecked in &analysis.unchecked {
        let why = match &unchecked.why {
            Why::Excluded => "`exclude` in promiselint.toml names it",
            Why::NoCopy => "no touchpoint's `files` covers a file in it",
            Why::Uncovered(_) => "no touchpoint's `files` covers it",
        };
        let path = named(&unchecked.path);
        say!("promiselint: warning: {path} was not checked: {why}");
        if unchecked.why != Why::Excluded {
            say!("{globs}");
        }
        if let Why::Uncovered(Some(near)) = &unchecked.why {
            let touchpoint = &touchpoints[near.touchpoint];
            let glob = &touchpoint.files[near.glob];
            let file = analysis.outcome.sources.get(glob.span.file);
            let at = file.line_col(glob.span.start);
            say!(
                "  = hint: did you mean `{}`? touchpoint `{}` has `{}` ({}:{}:{})",
                glob_path(near.touchpoint, &near.spelling),
                touchpoint.name.name,
                glob_path(near.touchpoint, &glob.value),
                named(file.path()),
                at.line,
                at.column
            );
        }
    }
}

/// Prints `outcome`, or its statistics, and returns the exit code it earns.
pub fn report(
    outcome: &Outcome,
    format: Format,
    statistics: Option<Statistics>,
    color: bool,
    fail_on: Severity,
    out: &mut impl Write,
) -> std::io::Result<u8> {
    let options = RenderOptions {
        color,
        root: std::env::current_dir()
            .map(|dir| RepoRoot::enclosing(&dir))
            .unwrap_or_default(),
    };
    match statistics {
        Some(kind) => render::statistics(outcome, kind, out)?,
        None => render::render(outcome, format, &options, out)?,
    }
    out.flush()?;
    Ok(outcome.exit_code(fail_on))
}

/// `auto` colours a terminal unless NO_COLOR is set to anything non-empty
/// (no-color.org); an explicit `--color` wins over the environment.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}
