//! `promiselint.toml`: a project's settings, found upward from the checked path.
//!
//! Discovery starts at the first path checked (or the current folder) and
//! goes up to the root of the file system; the nearest file wins whole.
//! Nothing is merged from files further up: one file says everything, so
//! what a run does can be read in one place.
//!
//! The text is read twice, which costs nothing for a file of a few lines.
//! First only its top-level keys with their places, so an unknown key gets
//! "did you mean" (serde's `deny_unknown_fields` names the key but not the
//! closest known one); then whole, into strings with their places, whose
//! wrong types toml locates itself. Severities, rule names and globs are
//! checked here, every one of them, so one run reports every mistake. Each
//! mistake becomes an `invalid-config` finding, drawn like a mistake in a
//! promise file.

use super::walk::parse_glob;
use super::workspace::{is_link, Workspace};
use crate::finding::codes::{self, INVALID_CONFIG};
use crate::finding::suggest::did_you_mean_or;
use crate::finding::{Finding, Rule, RuleKind, Severity};
use crate::load::exclude::Exclude;
use crate::load::limits::{Limits, FILE_SIZE_RANGE_MIB, MIB, NESTING_RANGE};
use crate::source::{self, Sources, Span};
use crate::{CheckOptions, Outcome};
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file discovery looks for.
pub const FILE_NAME: &str = "promiselint.toml";

/// Every top-level key, as the README documents them.
const KEYS: &[&str] = &["paths", "fail-on", "exclude", "rules", "limits"];

const SYNTAX_HINT: &str =
    "promiselint.toml is TOML: `key = \"text\"`, lists in `[ ]`, a table under `[rules]`";
const TYPE_HINT: &str = "`paths` and `exclude` are lists of strings, `fail-on` is a string, \
     `[rules]` maps rules to strings: `PL103 = \"off\"`, and `[limits]` sets whole numbers: \
     `max-file-size = 64`";

/// The file as written: every value a string with its place.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    limits: RawLimits,
}

/// `[limits]` as written; sizes in MiB.
#[derive(Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawLimits {
    max_file_size: Option<Spanned<i64>>,
    max_policy_file_size: Option<Spanned<i64>>,
    max_nesting: Option<Spanned<i64>>,
}

/// The settings of one `promiselint.toml`, resolved against its folder.
#[derive(Debug, Default)]
pub struct Config {
    /// The file, named relative to the current folder when it was found
    /// from a relative path, so messages name it as the user would.
    pub path: PathBuf,
    /// `paths`, resolved: what to check when the command line names nothing.
    /// Empty when the file does not say.
    pub paths: Vec<PathBuf>,
    /// `fail-on`, unless the command line says otherwise.
    pub fail_on: Option<Severity>,
    /// `exclude` and `[rules]`: what the run itself is told.
    pub options: CheckOptions,
}

impl Config {
    /// The nearest `promiselint.toml` in `start` or a folder above it, read
    /// and checked; `None` when there is none up to the root.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        let cwd = current_dir(Path::new(FILE_NAME))?;
        let from = source::absolute(&cwd, start);
        let Some(found) = from
            .ancestors()
            .map(|folder| folder.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
        else {
            return Ok(None);
        };
        let path = if start.is_absolute() {
            found.clone()
        } else {
            source::relative(&cwd, &found)
        };
        if let Some(message) = link_out_of_its_folder(&found) {
            return Err(ConfigError::unreadable(path, message));
        }
        Config::read(&cwd, path).map(Some)
    }

    /// Reads the file at `path`, as `--config` names it.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::read(&current_dir(path)?, path.to_path_buf())
    }

    fn read(cwd: &Path, path: PathBuf) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                let message = format!("cannot be read: {error}");
                return Err(ConfigError::unreadable(path, message));
            }
        };
        match parse(cwd, &path, &text) {
            Ok(config) => Ok(config),
            Err(mut problems) => {
                problems.sort_by_key(|problem| problem.span.start);
                Err(ConfigError {
                    path,
                    text,
                    problems,
                })
            }
        }
    }
}

/// Why a `promiselint.toml` found in a repository is not read: it is a
/// link that leads out of the folder it stands in. A pull request may
/// commit one to `/proc/self/environ` or `~/.git-credentials`, whose lines
/// a TOML error would show in the CI log; a file named by `--config` is
/// the caller's choice.
fn link_out_of_its_folder(found: &Path) -> Option<String> {
    if !is_link(found) {
        return None;
    }
    let folder = Workspace::new(&[found.parent()?.to_path_buf()], None);
    match std::fs::canonicalize(found) {
        Ok(target) => folder.refusal(&target).map(|why| {
            let why = why.replace("the workspace", "its folder");
            format!("is a link to {}{why}: not read", target.display())
        }),
        Err(error) => Some(format!("is a link that cannot be followed: {error}")),
    }
}

fn current_dir(path: &Path) -> Result<PathBuf, ConfigError> {
    std::env::current_dir().map_err(|error| {
        let message = format!("cannot be found: the current folder is unknown ({error})");
        ConfigError::unreadable(path.to_path_buf(), message)
    })
}

/// `[rules]`: a severity for every finding of a rule, or `None` for a rule
/// turned off. Input errors (`PL0xx`) never appear here: the file is refused.
#[derive(Debug, Default)]
pub struct RuleSettings(Vec<(&'static Rule, Option<Severity>)>);

impl RuleSettings {
    /// Sets each configured rule's findings to its severity and takes out
    /// those of rules turned off, returning them (the audit still shows
    /// them). The file has the last word: it wins over a promise's or a
    /// touchpoint's own `severity`.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Vec<Finding> {
        if self.0.is_empty() {
            return Vec::new();
        }
        let (mut kept, turned_off): (Vec<_>, Vec<_>) = std::mem::take(findings)
            .into_iter()
            .partition(|finding| self.setting(finding.rule) != Some(None));
        for finding in &mut kept {
            if let Some(Some(severity)) = self.setting(finding.rule) {
                finding.severity = severity;
            }
        }
        *findings = kept;
        turned_off
    }

    /// Turns `rule` off, whatever the file said of it: the command line's
    /// `--ignore`, and `--select` for every rule it does not name.
    pub fn turn_off(&mut self, rule: &'static Rule) {
        match self
            .0
            .iter_mut()
            .find(|(configured, _)| *configured == rule)
        {
            Some((_, setting)) => *setting = None,
            None => self.0.push((rule, None)),
        }
    }

    /// What the file says of `rule`: nothing, off (`Some(None)`), or a severity.
    fn setting(&self, rule: &Rule) -> Option<Option<Severity>> {
        self.0
            .iter()
            .find(|(configured, _)| *configured == rule)
            .map(|&(_, setting)| setting)
    }
}

/// One mistake in the file: where, what, and how to fix it.
#[derive(Debug)]
struct Problem {
    span: Range<usize>,
    label: &'static str,
    message: String,
    hint: String,
}

impl Problem {
    fn new(span: Range<usize>, label: &'static str, message: String, hint: String) -> Problem {
        Problem {
            span,
            label,
            message,
            hint,
        }
    }

    fn toml(error: &toml::de::Error, hint: &str) -> Problem {
        let span = error.span().unwrap_or(0..0);
        Problem::new(span, "here", error.message().to_owned(), hint.to_owned())
    }
}

/// A `promiselint.toml` that cannot be used, with every mistake found in it.
#[derive(Debug)]
pub struct ConfigError {
    path: PathBuf,
    /// The file's text: empty when it cannot be read.
    text: String,
    /// In the order they stand in the file.
    problems: Vec<Problem>,
}

impl ConfigError {
    fn unreadable(path: PathBuf, message: String) -> ConfigError {
        let hint = "check the path, or run `promiselint init` to write a starter file".to_owned();
        let message = format!("{} {message}", source::display_path(&path));
        ConfigError {
            path,
            text: String::new(),
            problems: vec![Problem::new(0..0, "this file", message, hint)],
        }
    }

    /// A run that found only these mistakes, to be rendered like any other:
    /// `invalid-config` findings in the file, exit code 2.
    pub fn into_outcome(self) -> Outcome {
        let mut sources = Sources::default();
        let file = sources.add(self.path, self.text);
        let findings = self
            .problems
            .into_iter()
            .map(|problem| {
                let span = Span::new(file, problem.span.start, problem.span.end);
                Finding::hinted(
                    &INVALID_CONFIG,
                    span,
                    problem.label,
                    problem.message,
                    problem.hint,
                )
            })
            .collect();
        Outcome {
            sources,
            findings,
            ..Outcome::default()
        }
    }
}

/// `path:line:col: message`, one line per mistake.
impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = source::display_path(&self.path);
        for (index, problem) in self.problems.iter().enumerate() {
            let at = source::positions(&self.text, [problem.span.start])[0].1;
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{shown}:{}:{}: {}", at.line, at.column, problem.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Reads the text of the file at `path`; relative paths in it are relative
/// to its folder.
fn parse(cwd: &Path, path: &Path, text: &str) -> Result<Config, Vec<Problem>> {
    let keys: BTreeMap<Spanned<String>, IgnoredAny> =
        toml::from_str(text).map_err(|error| vec![Problem::toml(&error, SYNTAX_HINT)])?;
    let unknown: Vec<Problem> = keys
        .keys()
        .filter(|key| !KEYS.contains(&key.get_ref().as_str()))
        .map(unknown_key)
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let raw: RawConfig =
        toml::from_str(text).map_err(|error| vec![Problem::toml(&error, TYPE_HINT)])?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut problems = Vec::new();
    let fail_on = raw.fail_on.and_then(|value| {
        let severity = Severity::from_name(value.get_ref());
        if severity.is_none() {
            let names = ["error", "warning", "info"];
            let hint = "use \"error\", \"warning\" or \"info\"";
            problems.push(not_a_severity(&value, &names, hint));
        }
        severity
    });
    let exclude = exclude(cwd, path, &raw.exclude, &mut problems);
    let rules = rule_settings(&raw.rules, &mut problems);
    let limits = limits(&raw.limits, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    // Named like the file itself: relative to the current folder, or absolute.
    let resolve = |written: &Spanned<String>| {
        let absolute = source::absolute(cwd, &folder.join(written.get_ref()));
        if path.is_absolute() {
            absolute
        } else {
            source::relative(cwd, &absolute)
        }
    };
    Ok(Config {
        path: path.to_path_buf(),
        paths: raw.paths.iter().map(resolve).collect(),
        fail_on,
        options: CheckOptions {
            exclude,
            rules,
            limits,
            workspace: Some(source::absolute(cwd, folder)),
            ..CheckOptions::default()
        },
    })
}

fn unknown_key(key: &Spanned<String>) -> Problem {
    let hint = did_you_mean_or(
        key.get_ref(),
        KEYS.iter().copied(),
        str::to_owned,
        "the keys are `paths`, `fail-on`, `exclude`, `[rules]` and `[limits]`",
    );
    let message = format!("unknown key `{}`", key.get_ref());
    Problem::new(key.span(), "unknown key", message, hint)
}

fn not_a_severity(value: &Spanned<String>, names: &[&str], otherwise: &str) -> Problem {
    let hint = did_you_mean_or(
        value.get_ref(),
        names.iter().copied(),
        str::to_owned,
        otherwise,
    );
    let message = format!("`{}` is not a severity", value.get_ref());
    Problem::new(value.span(), "not a severity", message, hint)
}

/// `exclude`, relative to the folder of the configuration at `path`; each
/// glob keeps its place in the file, to be pointed at if it matches nothing.
fn exclude(
    cwd: &Path,
    path: &Path,
    written: &[Spanned<String>],
    problems: &mut Vec<Problem>,
) -> Exclude {
    let mut globs = Vec::new();
    for glob in written {
        match parse_glob(glob.get_ref()) {
            Ok(parsed) => globs.push((parsed, glob.span())),
            Err(problem) => problems.push(Problem::new(
                glob.span(),
                "invalid glob",
                format!("`{}` is not a valid glob: {problem}", glob.get_ref()),
                "globs are relative to this file's folder, e.g. `site/drafts/**`".to_owned(),
            )),
        }
    }
    match Exclude::new(cwd, path, globs) {
        Ok(exclude) => exclude,
        // Every glob compiled alone; together they can still be too large.
        Err(error) => {
            let span = written.first().map_or(0..0, Spanned::span);
            let hint = "use fewer or simpler globs".to_owned();
            problems.push(Problem::new(span, "here", error.to_string(), hint));
            Exclude::default()
        }
    }
}

/// `[limits]`, each value checked against its range; a limit not set keeps
/// its default.
fn limits(raw: &RawLimits, problems: &mut Vec<Problem>) -> Limits {
    let mut limits = Limits::default();
    let mut within = |value: &Option<Spanned<i64>>, name: &str, range: RangeInclusive<u64>| {
        let value = value.as_ref()?;
        let number = *value.get_ref();
        match u64::try_from(number) {
            Ok(number) if range.contains(&number) => Some(number),
            _ => {
                problems.push(Problem::new(
                    value.span(),
                    "out of range",
                    format!(
                        "`{name}` must be from {} to {}, not {number}",
                        range.start(),
                        range.end()
                    ),
                    "the README's \"Limits\" section gives each limit and its default".to_owned(),
                ));
                None
            }
        }
    };
    if let Some(mib) = within(&raw.max_file_size, "max-file-size", FILE_SIZE_RANGE_MIB) {
        limits.max_file_size = mib * MIB;
    }
    if let Some(mib) = within(
        &raw.max_policy_file_size,
        "max-policy-file-size",
        FILE_SIZE_RANGE_MIB,
    ) {
        limits.max_policy_file_size = mib * MIB;
    }
    if let Some(levels) = within(&raw.max_nesting, "max-nesting", NESTING_RANGE) {
        // At most 128: it fits.
        limits.max_nesting = levels as usize;
    }
    limits
}

fn rule_settings(
    table: &BTreeMap<Spanned<String>, Spanned<String>>,
    problems: &mut Vec<Problem>,
) -> RuleSettings {
    let mut settings = RuleSettings::default();
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(name, _)| name.span().start);
    for (name, value) in entries {
        let Some(rule) = codes::lookup(name.get_ref()) else {
            let hint = did_you_mean_or(
                name.get_ref(),
                codes::ALL.iter().flat_map(|rule| [rule.code, rule.name]),
                str::to_owned,
                "`promiselint explain` lists every rule",
            );
            let message = format!("no rule is called `{}`", name.get_ref());
            problems.push(Problem::new(name.span(), "unknown rule", message, hint));
            continue;
        };
        let severity = match value.get_ref().as_str() {
            "off" => None,
            other => match Severity::from_name(other) {
                Some(severity) => Some(severity),
                None => {
                    let names = ["error", "warning", "info", "off"];
                    let hint = "use \"error\", \"warning\", \"info\" or \"off\"";
                    problems.push(not_a_severity(value, &names, hint));
                    continue;
                }
            },
        };
        if rule.kind == RuleKind::Input && severity != Some(Severity::Error) {
            let change = if severity.is_none() {
                "turned off"
            } else {
                "lowered"
            };
            problems.push(Problem::new(
                value.span(),
                "input errors stay errors",
                format!(
                    "{} ({}) is an input error: it cannot be {change}",
                    rule.code, rule.name
                ),
                "a file that cannot be read vouches for nothing: fix it instead".to_owned(),
            ));
        } else if settings.0.iter().any(|(set, _)| *set == rule) {
            problems.push(Problem::new(
                name.span(),
                "set twice",
                format!("{} ({}) is set twice", rule.code, rule.name),
                "a code and a name are the same rule: keep one line".to_owned(),
            ));
        } else {
            settings.0.push((rule, severity));
        }
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config, String> {
        let path = Path::new("promiselint.toml");
        parse(Path::new("/shop/docs"), path, text).map_err(|mut problems| {
            problems.sort_by_key(|problem| problem.span.start);
            let error = ConfigError {
                path: path.to_path_buf(),
                text: text.to_owned(),
                problems,
            };
            error.to_string()
        })
    }

    #[test]
    fn every_key_is_read() {
        let text = "paths = [\"site\", \"../ops\"]\nfail-on = \"warning\"\n\
                    exclude = [\"drafts/**\"]\n[rules]\nPL103 = \"off\"\n\
                    [limits]\nmax-file-size = 1\nmax-policy-file-size = 2\nmax-nesting = 3\n";
        // The text sets every key of `KEYS`, so `RawConfig` reads each of them.
        let keys: BTreeMap<String, IgnoredAny> = toml::from_str(text).unwrap();
        let mut known = KEYS.to_vec();
        known.sort_unstable();
        assert!(keys.keys().eq(known));
        let config = parse_text(text).unwrap();
        assert_eq!(config.paths, [Path::new("site"), Path::new("../ops")]);
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert!(config.options.exclude.excludes(Path::new("drafts/a.md")));
        assert_eq!(config.options.rules.0.len(), 1);
        let limits = Limits {
            max_file_size: MIB,
            max_policy_file_size: 2 * MIB,
            max_nesting: 3,
        };
        assert_eq!(config.options.limits, limits);
    }

    #[test]
    fn limits_out_of_range_and_unknown_are_located() {
        let error = parse_text("[limits]\nmax-file-size = 0\nmax-nesting = 129\n").unwrap_err();
        let expected = [
            "promiselint.toml:2:17: `max-file-size` must be from 1 to 4096, not 0",
            "promiselint.toml:3:15: `max-nesting` must be from 1 to 128, not 129",
        ];
        assert_eq!(error, expected.join("\n"));
        let error = parse_text("[limits]\nmax-size = 3\n").unwrap_err();
        assert!(
            error.starts_with("promiselint.toml:2:1: unknown field `max-size`"),
            "{error}"
        );
        let error = parse_text("[limits]\nmax-nesting = \"9\"\n").unwrap_err();
        assert!(
            error.starts_with("promiselint.toml:2:15: invalid type"),
            "{error}"
        );
    }

    #[test]
    fn every_mistake_is_reported_in_file_order() {
        let error = parse_text(
            "fail-on = \"Warnings\"\nexclude = [\"a/\\\\b\"]\n[rules]\nbroken-promises = \"off\"\n\
             syntax-error = \"warning\"\nPL103 = \"off\"\ninconsistent-claim = \"info\"\n\
             PL101 = \"loud\"\n",
        )
        .unwrap_err();
        let expected = [
            "promiselint.toml:1:11: `Warnings` is not a severity",
            "promiselint.toml:2:12: `a/\\b` is not a valid glob: globs use `/`, not `\\`",
            "promiselint.toml:4:1: no rule is called `broken-promises`",
            "promiselint.toml:5:16: PL001 (syntax-error) is an input error: it cannot be lowered",
            "promiselint.toml:7:1: PL103 (inconsistent-claim) is set twice",
            "promiselint.toml:8:9: `loud` is not a severity",
        ];
        assert_eq!(error, expected.join("\n"));
    }

    #[test]
    fn unknown_keys_come_before_types() {
        let error = parse_text("fail_on = 3\npaths = 3\n").unwrap_err();
        assert_eq!(error, "promiselint.toml:1:1: unknown key `fail_on`");
        let error = parse_text("paths = [\"a\", 3]\n").unwrap_err();
        assert_eq!(
            error,
            "promiselint.toml:1:15: invalid type: integer `3`, expected a string"
        );
    }

    #[test]
    fn hints_name_the_closest_key_rule_or_severity() {
        let hint = |word: &str| unknown_key(&Spanned::new(0..0, word.to_owned())).hint;
        assert_eq!(hint("fail_on"), "did you mean `fail-on`?");
        assert_eq!(hint("path"), "did you mean `paths`?");
        assert!(hint("colour").starts_with("the keys are"));
        let mut problems = Vec::new();
        let table = BTreeMap::from([(
            Spanned::new(0..1, "unbacked-promises".to_owned()),
            Spanned::new(2..3, "Off".to_owned()),
        )]);
        rule_settings(&table, &mut problems);
        assert_eq!(problems[0].hint, "did you mean `unbacked-promise`?");
    }

    #[test]
    fn input_rules_may_only_stay_errors() {
        let config = parse_text("[rules]\nsyntax-error = \"error\"\n").unwrap();
        assert_eq!(config.options.rules.0.len(), 1);
        let error = parse_text("[rules]\nPL008 = \"off\"\n").unwrap_err();
        assert!(
            error.ends_with("PL008 (unreadable-file) is an input error: it cannot be turned off")
        );
    }

    #[test]
    fn settings_change_and_drop_findings() {
        let config = parse_text("[rules]\nPL103 = \"off\"\nPL202 = \"error\"\n").unwrap();
        let file = Sources::default().add(PathBuf::new(), "");
        let finding = |rule| Finding::hinted(rule, Span::new(file, 0, 0), "", "", "");
        let mut findings = vec![
            finding(&crate::finding::codes::INCONSISTENT_CLAIM),
            finding(&crate::finding::codes::UNUSED_PROMISE),
            finding(&crate::finding::codes::BROKEN_PROMISE),
        ];
        config.options.rules.apply(&mut findings);
        let kept: Vec<_> = findings.iter().map(|f| (f.rule.code, f.severity)).collect();
        assert_eq!(
            kept,
            [("PL202", Severity::Error), ("PL102", Severity::Error)]
        );
    }
}
