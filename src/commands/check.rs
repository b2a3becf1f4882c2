//! `promiselint check`: the configuration, then the run (after `--fix`,
//! if asked) over the paths named, or the pages named alone, then only
//! what is new (`--baseline`, `--changed-since`), then the report; or, with
//! `--write-baseline`, the baseline instead.

use super::{configuration, named, paths, report};
use crate::cli::{CheckArgs, FailOn};
use promiselint::copy::scan::Coverage;
use promiselint::finding::{codes, Rule, RuleKind, Severity};
use promiselint::load::atomic;
use promiselint::load::config::RuleSettings;
use promiselint::load::limits::Limits;
use promiselint::policy::model::Model;
use promiselint::render::{self, visible, Format, RenderOptions, Statistics};
use promiselint::report::baseline::Baseline;
use promiselint::report::changes::Changes;
use promiselint::Outcome;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `promiselint check`: the run, its report sent to standard output or,
/// with `-o FILE`, written to FILE whole or not at all; `--exit-zero` turns
/// exit code 1 (findings) into 0, never 2 (input errors).
pub fn check(args: &CheckArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let code = match &args.output_file {
        None => run(args, color, out)?,
        Some(path) => {
            let mut report = Vec::new();
            let code = run(args, false, &mut report)?;
            if let Err(error) = atomic::write(path, &report, atomic::Written::Output) {
                say!(
                    "promiselint: {} cannot be written: {}",
                    named(path),
                    visible(&error.to_string())
                );
                return Ok(2);
            }
            code
        }
    };
    Ok(if args.exit_zero && code == 1 { 0 } else { code })
}

/// The configuration, then the run, then the report.
fn run(args: &CheckArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let statistics = match (args.statistics, args.format) {
        (false, _) => None,
        (true, Format::Human | Format::Short) => Some(Statistics::Table),
        (true, Format::Json) => Some(Statistics::Json),
        // The CI formats are read by services that expect findings.
        (true, _) => {
            say!("promiselint: --statistics works with --format human, short and json");
            return Ok(2);
        }
    };
    let mut config = match configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            let outcome = error.into_outcome();
            return report(&outcome, args.format, None, color, Severity::Error, out);
        }
    };
    // The command line wins: its paths over `paths`, its --fail-on over `fail-on`.
    let paths = match paths(&args.paths, &mut config) {
        Ok(paths) => paths,
        Err(error) => {
            say!("promiselint: {error}");
            return Ok(2);
        }
    };
    let fail_on = args.fail_on.map(|fail_on| match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    });
    let fail_on = fail_on.or(config.fail_on).unwrap_or(Severity::Error);
    if let Err(error) = select_and_ignore(args, &mut config.options.rules) {
        say!("promiselint: {error}");
        return Ok(2);
    }
    if args.fix {
        if let Some(code) = super::fix::fix(&paths, &config.options, args.dry_run, out)? {
            return Ok(code);
        }
    }
    let analysis = match promiselint::analyze(&paths, &config.options) {
        Ok(analysis) => analysis,
        Err(error) => {
            say!("promiselint: {error}");
            return Ok(2);
        }
    };
    super::warn_unchecked(&analysis);
    let mut outcome = analysis.outcome;
    if let Some(path) = &args.write_baseline {
        return write_baseline(&outcome, path);
    }
    let limits = &config.options.limits;
    if let Err(error) = only_what_is_new(args, &paths, limits, &analysis.model, &mut outcome) {
        say!("promiselint: {error}");
        return Ok(2);
    }
    report(&outcome, args.format, statistics, color, fail_on, out)
}

/// `--select` and `--ignore`: turn rules off as `RULE = "off"` in
/// promiselint.toml does, on top of what it says. Input errors stay on.
fn select_and_ignore(args: &CheckArgs, rules: &mut RuleSettings) -> Result<(), String> {
    let lookup = |option: &str, names: &[String]| {
        names
            .iter()
            .filter(|name| !name.trim().is_empty())
            .map(|name| {
                let name = name.trim();
                codes::lookup(&name.to_ascii_lowercase()).ok_or_else(|| {
                    format!(
                        "{option}: no rule is called `{name}`: {}",
                        codes::unknown_rule_hint(&name.to_ascii_lowercase())
                    )
                })
            })
            .collect::<Result<Vec<&'static Rule>, String>>()
    };
    let selected = lookup("--select", &args.select)?;
    let ignored = lookup("--ignore", &args.ignore)?;
    if let Some(rule) = ignored.iter().find(|rule| rule.kind == RuleKind::Input) {
        return Err(format!(
            "--ignore: {} ({}) is an input error: it cannot be ignored; \
             a file that cannot be read vouches for nothing",
            rule.code, rule.name
        ));
    }
    if !selected.is_empty() {
        let lints = codes::ALL.iter().filter(|rule| rule.kind == RuleKind::Lint);
        for rule in lints.filter(|rule| !selected.contains(rule)) {
            rules.turn_off(rule);
        }
    }
    for rule in ignored {
        rules.turn_off(rule);
    }
    Ok(())
}

/// `--write-baseline`: records the findings instead of reporting them;
/// input errors must be fixed first, and are reported.
fn write_baseline(outcome: &Outcome, path: &Path) -> std::io::Result<u8> {
    if outcome.has_input_errors() {
        say!("promiselint: no baseline written: fix these input errors first");
        let mut err = std::io::stderr().lock();
        render::render(outcome, Format::Short, &RenderOptions::default(), &mut err)?;
        return Ok(2);
    }
    let baseline = Baseline::record(outcome);
    match baseline.write(path) {
        Ok(()) => {
            say!(
                "promiselint: recorded {} in {}",
                render::plural(baseline.len(), "finding"),
                named(path)
            );
            Ok(0)
        }
        Err(error) => {
            say!("promiselint: {}", visible(&error.to_string()));
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
    limits: &Limits,
    model: &Model,
    outcome: &mut Outcome,
) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(path) = &args.baseline {
        let applied = Baseline::read(path, limits.max_file_size)?.apply(outcome);
        if !applied.stale.is_empty() {
            say!(
                "promiselint: {} recorded in {} fixed; run with --write-baseline to shrink it:",
                render::plural(applied.stale.len(), "finding"),
                named(path)
            );
            for entry in &applied.stale {
                say!(
                    "  {}:{}: {}: {}",
                    visible(&entry.file),
                    entry.line,
                    visible(&entry.rule),
                    visible(&entry.message)
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
        Changes::since(revision, &folder)?.apply(outcome, &Coverage::new(model));
    }
    Ok(())
}
