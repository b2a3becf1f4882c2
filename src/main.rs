//! The `promiselint` process: parses arguments, runs the library, prints, and
//! turns the outcome into an exit code. Nothing else prints or exits.

mod audit_command;
mod cli;
mod fix_command;

use clap::Parser;
use cli::{CheckArgs, Cli, ColorChoice, Command, ConfigArgs, FailOn, FmtArgs, TestArgs};
use promiselint::baseline::Baseline;
use promiselint::changes::Changes;
use promiselint::config::{Config, ConfigError};
use promiselint::finding::Severity;
use promiselint::format::{self, Mode};
use promiselint::init::{self, Step};
use promiselint::render::{self, Format, RenderOptions, RepoRoot, Statistics};
use promiselint::rules;
use promiselint::source::display_path;
use promiselint::Outcome;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        // A closed stdout (`promiselint check | head -1`) is the reader's choice, not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("promiselint: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> std::io::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Command::Check(args) => check(args, use_color(cli.color, stdout.is_terminal()), &mut out),
        Command::Audit(args) => {
            audit_command::audit(args, use_color(cli.color, stdout.is_terminal()), &mut out)
        }
        Command::Test(args) => test(args, use_color(cli.color, stdout.is_terminal()), &mut out),
        Command::Fmt(args) => fmt(
            args,
            use_color(cli.color, std::io::stderr().is_terminal()),
            &mut out,
        ),
        Command::Init { folder } => init(folder, &mut out),
        Command::Lsp => promiselint::lsp::run(std::io::stdin().lock(), out),
        Command::Explain { rule: Some(name) } => match rules::lookup(name) {
            Some(rule) => {
                out.write_all(render::explain(rule).as_bytes())?;
                Ok(0)
            }
            None => {
                eprintln!(
                    "promiselint: no rule is called `{name}`; `promiselint explain` lists them all"
                );
                Ok(2)
            }
        },
        Command::Explain { rule: None } => {
            for rule in rules::ALL {
                writeln!(out, "{:<6} {:<22} {}", rule.code, rule.name, rule.summary())?;
            }
            Ok(0)
        }
    }
}

/// `promiselint check`: the configuration, then the run, then the report.
fn check(args: &CheckArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let statistics = match (args.statistics, args.format) {
        (false, _) => None,
        (true, cli::Format::Human | cli::Format::Short) => Some(Statistics::Table),
        (true, cli::Format::Json) => Some(Statistics::Json),
        // The CI formats are read by services that expect findings.
        (true, _) => {
            eprintln!("promiselint: --statistics works with --format human, short and json");
            return Ok(2);
        }
    };
    let config = match configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            let outcome = error.into_outcome();
            return report(&outcome, args.format, None, color, Severity::Error, out);
        }
    };
    // The command line wins: its paths over `paths`, its --fail-on over `fail-on`.
    let paths = paths(&args.paths, &config);
    let fail_on = args.fail_on.map(|fail_on| match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    });
    let fail_on = fail_on.or(config.fail_on).unwrap_or(Severity::Error);
    if args.fix {
        if let Some(code) = fix_command::fix(&paths, &config.options, args.dry_run, out)? {
            return Ok(code);
        }
    }
    let mut outcome = match promiselint::check_with(&paths, &config.options) {
        Ok(outcome) => outcome,
        Err(error) => {
            eprintln!("promiselint: {error}");
            return Ok(2);
        }
    };
    if let Some(path) = &args.write_baseline {
        return write_baseline(&outcome, path);
    }
    if let Err(error) = only_what_is_new(args, &paths, &mut outcome) {
        eprintln!("promiselint: {error}");
        return Ok(2);
    }
    report(&outcome, args.format, statistics, color, fail_on, out)
}

/// `promiselint test`: the configuration's exclusions and rule settings
/// apply to the fixtures too.
fn test(args: &TestArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let config = match configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            let outcome = error.into_outcome();
            return report(
                &outcome,
                cli::Format::Human,
                None,
                color,
                Severity::Error,
                out,
            );
        }
    };
    let report = match promiselint::test(&args.paths, &config.options) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("promiselint: {error}");
            return Ok(2);
        }
    };
    let options = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    render::render_test(&report, &options, out)?;
    out.flush()?;
    Ok(report.exit_code())
}

/// `promiselint fmt`: the files it changed (with --check, would change) on
/// stdout, one per line; syntax errors on stderr, shown as `check` shows them.
fn fmt(args: &FmtArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let options = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    let check_options = match configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default().options,
        Err(error) => {
            let outcome = error.into_outcome();
            render::render(&outcome, Format::Human, &options, &mut std::io::stderr())?;
            return Ok(2);
        }
    };
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let formatted = match format::run(&args.paths, &check_options, mode) {
        Ok(formatted) => formatted,
        Err(error) => {
            eprintln!("promiselint: {error}");
            return Ok(2);
        }
    };
    for path in &formatted.changed {
        writeln!(out, "{}", display_path(path))?;
    }
    out.flush()?;
    for (path, error) in &formatted.failed {
        eprintln!("promiselint: {}: {error}", display_path(path));
    }
    let errors = &formatted.outcome;
    if !errors.findings.is_empty() {
        render::render(errors, Format::Human, &options, &mut std::io::stderr())?;
    }
    Ok(
        if errors.has_input_errors() || !formatted.failed.is_empty() {
            2
        } else if args.check && !formatted.changed.is_empty() {
            1
        } else {
            0
        },
    )
}

/// The configuration of a run: the file `--config` names, else the nearest
/// promiselint.toml from the first path up; none with `--no-config`.
fn configuration(args: &ConfigArgs, paths: &[PathBuf]) -> Result<Option<Config>, ConfigError> {
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
fn paths(given: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if !given.is_empty() {
        given.to_vec()
    } else if !config.paths.is_empty() {
        config.paths.clone()
    } else {
        vec![".".into()]
    }
}

/// Prints `outcome`, or its statistics, and returns the exit code it earns.
fn report(
    outcome: &Outcome,
    format: cli::Format,
    statistics: Option<Statistics>,
    color: bool,
    fail_on: Severity,
    out: &mut impl Write,
) -> std::io::Result<u8> {
    let format = match format {
        cli::Format::Human => Format::Human,
        cli::Format::Short => Format::Short,
        cli::Format::Json => Format::Json,
        cli::Format::Sarif => Format::Sarif,
        cli::Format::Github => Format::Github,
        cli::Format::Gitlab => Format::Gitlab,
        cli::Format::Junit => Format::Junit,
    };
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

/// `promiselint init`: 0 when every file was written, 1 when one was there
/// already (and left as it is), 2 when one could not be written.
fn init(folder: &Path, out: &mut impl Write) -> std::io::Result<u8> {
    let mut code = 0;
    for step in init::init(folder) {
        match step {
            Step::Created(path) => writeln!(out, "created {}", display_path(&path))?,
            Step::Exists(path) => {
                writeln!(out, "{} exists, left as it is", display_path(&path))?;
                code = code.max(1);
            }
            Step::Failed(path, error) => {
                eprintln!("promiselint: {}: {error}", display_path(&path));
                code = 2;
            }
        }
    }
    Ok(code)
}

/// `--write-baseline`: records the findings instead of reporting them;
/// input errors must be fixed first, and are reported.
fn write_baseline(outcome: &Outcome, path: &Path) -> std::io::Result<u8> {
    if outcome.has_input_errors() {
        eprintln!("promiselint: no baseline written: fix these input errors first");
        let mut err = std::io::stderr().lock();
        render::render(outcome, Format::Short, &RenderOptions::default(), &mut err)?;
        return Ok(2);
    }
    let baseline = Baseline::record(outcome);
    match baseline.write(path) {
        Ok(()) => {
            eprintln!(
                "promiselint: recorded {} in {}",
                render::plural(baseline.len(), "finding"),
                path.display()
            );
            Ok(0)
        }
        Err(error) => {
            eprintln!("promiselint: {error}");
            Ok(2)
        }
    }
}

/// `--baseline` and `--changed-since`: drops the findings a team has
/// already seen or did not touch. The baseline goes first, while every
/// finding is there to count occurrences by.
fn only_what_is_new(
    args: &CheckArgs,
    paths: &[PathBuf],
    outcome: &mut Outcome,
) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(path) = &args.baseline {
        let applied = Baseline::read(path)?.apply(outcome);
        if !applied.stale.is_empty() {
            eprintln!(
                "promiselint: {} recorded in {} fixed; run with --write-baseline to shrink it:",
                render::plural(applied.stale.len(), "finding"),
                path.display()
            );
            for entry in &applied.stale {
                eprintln!(
                    "  {}:{}: {}: {}",
                    entry.file, entry.line, entry.rule, entry.message
                );
            }
        }
    }
    if let Some(revision) = &args.changed_since {
        let folder = match paths.first() {
            Some(path) if path.is_dir() => path.clone(),
            Some(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => PathBuf::from("."),
        };
        let folder = if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder
        };
        Changes::since(revision, &folder)?.apply(outcome);
    }
    Ok(())
}

/// `auto` colours a terminal unless NO_COLOR is set to anything non-empty
/// (no-color.org); an explicit `--color` wins over the environment.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}
