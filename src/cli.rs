//! Command-line definitions. The doc comments are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use promiselint::render::Format;
use std::path::PathBuf;

/// Holds the promises in your copy against the policy you actually run.
#[derive(Debug, Parser)]
#[command(name = "promiselint", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colour: `auto` uses it on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check promise files and the policies they import.
    Check(CheckArgs),
    /// Run the fixtures: copy files whose `promiselint-expect` comments say
    /// which findings each line must produce.
    ///
    /// Exits 0 when every expectation is met, 1 on a mismatch or when there
    /// is no fixture, 2 on input errors.
    Test(TestArgs),
    /// Map every promise on every touchpoint: where it is made, and whether
    /// it is kept, broken or inconsistent (README: Audits).
    ///
    /// Prints a table of promises × touchpoints; `--html FILE` writes a page
    /// to share instead. Exits 0 when the audit is made, broken promises
    /// and all; 2 on input errors, which are printed as `check` prints them.
    Audit(AuditArgs),
    /// Rewrite promise files in the one canonical layout (README: Formatting).
    ///
    /// Prints the files it changed. Exits 0, or 2 when a file has a syntax
    /// error (that file is left as it is) or cannot be written; with
    /// `--check` or `--diff`, 1 when a file would change.
    Fmt(FmtArgs),
    /// Write a starter `promises.promise` and `promiselint.toml`, never overwriting a file.
    Init {
        /// The folder to write them into; created if missing.
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Serve editors as a language server over stdio (README: Language server).
    Lsp,
    /// Print a shell completion script for SHELL to standard output.
    ///
    /// bash: `promiselint completions bash > ~/.local/share/bash-completion/completions/promiselint`;
    /// zsh: into a folder on `$fpath` as `_promiselint`; fish:
    /// `~/.config/fish/completions/promiselint.fish`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff, generated from this help:
    /// `promiselint man > promiselint.1; man ./promiselint.1`.
    ///
    /// With COMMAND, the page of that command and its options,
    /// promiselint-COMMAND(1).
    Man {
        /// The command whose page to print, e.g. `check`.
        command: Option<String>,
    },
    /// Print the documentation of a rule, by code (PL101) or name (unbacked-promise).
    ///
    /// Without an argument, list every rule.
    Explain {
        /// A rule code or name.
        rule: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; folders are searched for `*.promise` files.
    /// Copy named (a page, a folder of pages) is checked alone, against the
    /// project's promise files. Default: `paths` from promiselint.toml, else
    /// the current folder.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The lowest severity that makes the run fail with exit code 1.
    /// Default: `fail-on` from promiselint.toml, else `error`.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Exit 0 even when findings reach --fail-on. Input errors still exit
    /// 2: a file that cannot be read was not checked.
    #[arg(long)]
    pub exit_zero: bool,

    /// Write the report to FILE, whole or not at all, instead of standard
    /// output (without colour).
    #[arg(short, long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub output_file: Option<PathBuf>,

    /// Report only these rules' findings: codes or names, any case,
    /// separated by commas. Input errors are always reported. It narrows
    /// what promiselint.toml's `[rules]` leaves on: a rule turned off there
    /// stays off, and its severities still apply.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Report none of these rules' findings, as `RULE = "off"` in
    /// promiselint.toml would; wins over --select. Input errors cannot be
    /// ignored.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Print counts per rule and per touchpoint instead of the findings
    /// (human, short or json).
    #[arg(long)]
    pub statistics: bool,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// Report only findings that FILE, a baseline, does not record; list the
    /// ones it records that are gone, so that it can shrink.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record today's findings in FILE, a baseline, instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings on lines changed since the git revision REV, and
    /// those that follow from a changed policy value, promise or touchpoint.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,

    /// Replace each broken figure with the policy's where that is
    /// unambiguous ("60-day returns" → "30-day returns"), report what was
    /// changed and what was not, then check again.
    #[arg(long)]
    pub fix: bool,

    /// With --fix: write nothing; print a unified diff of every change.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Files or folders to search for `*.promise` files, as `check` does;
    /// the fixtures are found among the copy of their touchpoints.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Files or folders to audit, found as `check` finds them.
    /// Default: `paths` from promiselint.toml, else the current folder.
    pub paths: Vec<PathBuf>,

    /// What to print.
    #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
    pub format: AuditFormat,

    /// Write the report as one self-contained HTML page to FILE, and print
    /// only where it went.
    #[arg(long, value_name = "FILE", conflicts_with = "format")]
    pub html: Option<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format, found as `check` finds them.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Change nothing: list the files whose layout would change, and exit 1
    /// if there are any.
    #[arg(long)]
    pub check: bool,

    /// Change nothing: print a unified diff of what would change
    /// (`--- a/path`, `+++ b/path`), and exit 1 if anything would.
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,

    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Which configuration file to read.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of looking for promiselint.toml
    /// from the first path up.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum AuditFormat {
    /// Promises × touchpoints in 80 columns, with totals and a summary line.
    Table,
    /// A versioned JSON object, documented in docs/audit-json.md.
    Json,
    /// A compact summary table for a pull-request comment.
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
