//! The `promiselint` process: parses arguments and hands them to the
//! command they name ([`commands`]), then turns its answer into an exit
//! code. Nothing in the library prints or exits.

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Command};
use commands::use_color;
use std::io::IsTerminal;
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
            commands::check::check(args, use_color(cli.color, stdout.is_terminal()), &mut out)
        }
        Command::Audit(args) => {
            commands::audit::audit(args, use_color(cli.color, stdout.is_terminal()), &mut out)
        }
        Command::Test(args) => {
            commands::test::test(args, use_color(cli.color, stdout.is_terminal()), &mut out)
        }
        Command::Fmt(args) => commands::fmt::fmt(
            args,
            use_color(cli.color, std::io::stderr().is_terminal()),
            &mut out,
        ),
        Command::Init { folder } => commands::init::run(folder, &mut out),
        Command::Lsp => promiselint::lsp::run(std::io::stdin().lock(), out),
        Command::Explain { rule } => commands::explain::explain(rule.as_deref(), &mut out),
    }
}
