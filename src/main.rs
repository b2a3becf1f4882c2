//! The `promiselint` process: parses arguments, runs the library, prints, and
//! turns the outcome into an exit code. Nothing else prints or exits.

mod cli;

use clap::Parser;
use cli::{Cli, ColorChoice, Command, FailOn};
use promiselint::baseline::Baseline;
use promiselint::changes::Changes;
use promiselint::finding::Severity;
use promiselint::render::{self, Format, RenderOptions};
use promiselint::rules;
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
        Command::Check(args) => {
            let mut outcome = match promiselint::check(&args.paths) {
                Ok(outcome) => outcome,
                Err(error) => {
                    eprintln!("promiselint: {error}");
                    return Ok(2);
                }
            };
            if let Some(path) = &args.write_baseline {
                return write_baseline(&outcome, path);
            }
            if let Err(error) = only_what_is_new(args, &mut outcome) {
                eprintln!("promiselint: {error}");
                return Ok(2);
            }
            let format = match args.format {
                cli::Format::Human => Format::Human,
                cli::Format::Short => Format::Short,
                cli::Format::Json => Format::Json,
            };
            let options = RenderOptions {
                color: use_color(cli.color, stdout.is_terminal()),
            };
            render::render(&outcome, format, &options, &mut out)?;
            out.flush()?;
            let fail_on = match args.fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            };
            Ok(outcome.exit_code(fail_on))
        }
        Command::Test(args) => {
            let report = match promiselint::test(&args.paths) {
                Ok(report) => report,
                Err(error) => {
                    eprintln!("promiselint: {error}");
                    return Ok(2);
                }
            };
            let options = RenderOptions {
                color: use_color(cli.color, stdout.is_terminal()),
            };
            render::render_test(&report, &options, &mut out)?;
            out.flush()?;
            Ok(report.exit_code())
        }
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

/// `--write-baseline`: records the findings instead of reporting them;
/// input errors must be fixed first, and are reported.
fn write_baseline(outcome: &promiselint::Outcome, path: &Path) -> std::io::Result<u8> {
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
                findings(baseline.len()),
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
    args: &cli::CheckArgs,
    outcome: &mut promiselint::Outcome,
) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(path) = &args.baseline {
        let applied = Baseline::read(path)?.apply(outcome);
        if !applied.stale.is_empty() {
            eprintln!(
                "promiselint: {} recorded in {} fixed; run with --write-baseline to shrink it:",
                findings(applied.stale.len()),
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
        let folder = match args.paths.first() {
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

/// "1 finding", "2 findings".
fn findings(count: usize) -> String {
    match count {
        1 => "1 finding".to_owned(),
        _ => format!("{count} findings"),
    }
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
