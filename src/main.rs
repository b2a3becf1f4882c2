//! The `promiselint` process: parses arguments, runs the library, prints, and
//! turns the outcome into an exit code. Nothing else prints or exits.

mod cli;

use clap::Parser;
use cli::{Cli, ColorChoice, Command, FailOn};
use promiselint::finding::Severity;
use promiselint::render::{self, Format, RenderOptions, RepoRoot, Statistics};
use promiselint::rules;
use std::io::{IsTerminal, Write};
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
            let statistics = match (args.statistics, args.format) {
                (false, _) => None,
                (true, cli::Format::Human | cli::Format::Short) => Some(Statistics::Table),
                (true, cli::Format::Json) => Some(Statistics::Json),
                // The CI formats are read by services that expect findings.
                (true, _) => {
                    eprintln!(
                        "promiselint: --statistics works with --format human, short and json"
                    );
                    return Ok(2);
                }
            };
            let outcome = match promiselint::check(&args.paths) {
                Ok(outcome) => outcome,
                Err(error) => {
                    eprintln!("promiselint: {error}");
                    return Ok(2);
                }
            };
            let format = match args.format {
                cli::Format::Human => Format::Human,
                cli::Format::Short => Format::Short,
                cli::Format::Json => Format::Json,
                cli::Format::Sarif => Format::Sarif,
                cli::Format::Github => Format::Github,
                cli::Format::Gitlab => Format::Gitlab,
                cli::Format::Junit => Format::Junit,
            };
            let options = RenderOptions {
                color: use_color(cli.color, stdout.is_terminal()),
                root: std::env::current_dir()
                    .map(|dir| RepoRoot::enclosing(&dir))
                    .unwrap_or_default(),
            };
            match statistics {
                Some(kind) => render::statistics(&outcome, kind, &mut out)?,
                None => render::render(&outcome, format, &options, &mut out)?,
            }
            out.flush()?;
            let fail_on = match args.fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            };
            Ok(outcome.exit_code(fail_on))
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
