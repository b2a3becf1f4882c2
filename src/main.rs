//! The `promiselint` process: parses arguments and hands them to the
//! command they name ([`commands`]), then turns its answer into an exit
//! code. Nothing in the library prints or exits.

/// `eprintln!` for messages that may name what a repository holds (file
/// names, keys, values, its configuration's errors): nothing in them drives
/// the terminal, and only the message's own line feeds break its lines
/// (each name in it is [`visible`](promiselint::render::visible) on one line).
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", promiselint::render::visible_lines(&format!($($arg)*)))
    };
}

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Command};
use commands::use_color;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    promiselint::work::start();
    let cli = Cli::parse();
    let ran = run(&cli);
    if let Some(steps) = promiselint::work::summary() {
        eprintln!("{steps}");
    }
    match ran {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            say!("promiselint: {error}");
            ExitCode::from(2)
        }
    }
}

/// Standard output that its reader may close (`promiselint check | head
/// -1`): that is the reader's choice, not an error, so what is written after
/// is dropped, and the command still ends with its own exit code. A check
/// that fails must not pass for a closed pipe.
struct Closable<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for Closable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            written => written,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.inner.flush() {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            flushed => flushed,
        }
    }
}

fn run(cli: &Cli) -> std::io::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = Closable {
        inner: stdout.lock(),
        closed: false,
    };
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
        // A language server whose client is gone ends with the error.
        Command::Lsp => promiselint::lsp::run(std::io::stdin(), out.inner),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "promiselint", &mut out);
            out.flush()?;
            Ok(0)
        }
        Command::Man { command: name } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            command.build();
            let page = match name {
                None => clap_mangen::Man::new(command),
                Some(name) => match command.find_subcommand(name) {
                    Some(sub) => {
                        clap_mangen::Man::new(sub.clone()).title(format!("promiselint-{name}"))
                    }
                    None => {
                        say!("promiselint: man: there is no command `{name}`");
                        return Ok(2);
                    }
                },
            };
            page.render(&mut out)?;
            out.flush()?;
            Ok(0)
        }
        Command::Explain { rule } => commands::explain::explain(rule.as_deref(), &mut out),
    }
}
