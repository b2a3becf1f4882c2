//! The commands of the `promiselint` binary, a file each, and what they
//! share: finding the configuration, the paths to read, and printing an
//! outcome in the format asked for. Only the binary prints and exits.

pub mod audit;
pub mod check;
pub mod explain;
pub mod fix;
pub mod fmt;
pub mod init;
pub mod test;

use crate::cli::{ColorChoice, ConfigArgs};
use promiselint::finding::Severity;
use promiselint::load::config::{Config, ConfigError};
use promiselint::render::{self, Format, RenderOptions, RepoRoot, Statistics};
use promiselint::Outcome;
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

/// The paths a run reads: those on the command line, else `paths` from the
/// configuration, else the current folder.
pub fn paths(given: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if !given.is_empty() {
        given.to_vec()
    } else if !config.paths.is_empty() {
        config.paths.clone()
    } else {
        vec![".".into()]
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
