//! Command-line definitions. The doc comments are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
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
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The lowest severity that makes the run fail with exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Print counts per rule and per touchpoint instead of the findings
    /// (human, short or json).
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Source snippets with labels at every place involved, like rustc.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message (rule)`.
    Short,
    /// A versioned JSON object, documented in the README.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
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
