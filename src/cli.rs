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
    /// Write a starter `promises.promise` and `promiselint.toml`, never overwriting a file.
    Init {
        /// The folder to write them into; created if missing.
        #[arg(default_value = ".")]
        folder: PathBuf,
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
    /// Default: `paths` from promiselint.toml, else the current folder.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The lowest severity that makes the run fail with exit code 1.
    /// Default: `fail-on` from promiselint.toml, else `error`.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Read this configuration file instead of looking for promiselint.toml
    /// from the first path up.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Source snippets with labels at every place involved, like rustc.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message (rule)`.
    Short,
    /// A versioned JSON object, documented in the README.
    Json,
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
