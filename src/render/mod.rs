//! Renderers: each turns an [`Outcome`], or the report of `promiselint
//! test`, into one output format. They only read findings; none of them
//! decides anything. The renderers of `promiselint audit` are in [`audit`]:
//! they read an [`crate::report::audit::Audit`] instead.
//!
//! The helpers here are what several formats share: where a label stands,
//! the message with its hint, a rule's documentation as text, and a file's
//! path from the repository root for the CI formats.

pub mod audit;
mod expect;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod short;
mod statistics;
mod visible;

pub use visible::{visible, visible_lines};

use crate::finding::{Finding, Label};
use crate::report::expect::TestReport;
use crate::rules::Documented;
use crate::source::{display_path, LineCol, SourceFile, Sources};
use crate::Outcome;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The output formats of `promiselint check`; each one's doc comment is its
/// line in `--help` (clap reads it, as ruff's formats are read).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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

/// What `--statistics` prints instead of the findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statistics {
    /// Aligned plain-text tables, for the human and short formats.
    Table,
    /// A versioned JSON object, for the JSON format.
    Json,
}

/// Presentation choices that are not the renderer's to make.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (the human and short formats).
    pub color: bool,
    /// What the SARIF and GitLab formats name files from.
    pub root: RepoRoot,
}

/// Writes `outcome` to `out` in `format`.
pub fn render(
    outcome: &Outcome,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(outcome, options, out),
        Format::Short => short::render(outcome, options.color, out),
        Format::Json => json::render(outcome, out),
        Format::Sarif => sarif::render(outcome, &options.root, out),
        Format::Github => github::render(outcome, &options.root, out),
        Format::Gitlab => gitlab::render(outcome, &options.root, out),
        Format::Junit => junit::render(outcome, out),
    }
}

/// Writes how many findings each rule and each touchpoint has, instead of the findings.
pub fn statistics(outcome: &Outcome, kind: Statistics, out: &mut dyn Write) -> io::Result<()> {
    match kind {
        Statistics::Table => statistics::render_table(outcome, out),
        Statistics::Json => statistics::render_json(outcome, out),
    }
}

/// Writes what `promiselint test` found to `out`.
pub fn render_test(
    report: &TestReport,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    expect::render(report, options, out)
}

/// "1 finding", "2 findings": a count and its noun, for messages.
pub fn plural(count: usize, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{s}")
}

/// The text `promiselint explain` prints for a rule: a header, then its documentation.
pub fn explain(documented: &Documented) -> String {
    let rule = documented.rule;
    format!(
        "# {} ({})\n\nDefault severity: {}\n\n{}",
        rule.name,
        rule.code,
        rule.default_severity.as_str(),
        rule_doc(documented)
    )
}

/// A rule's Markdown documentation, as written in its doc comment.
fn rule_doc(documented: &Documented) -> String {
    let mut text = String::new();
    for line in documented.doc.lines() {
        // Doc comments keep the space after `///`.
        text.push_str(line.strip_prefix(' ').unwrap_or(line));
        text.push('\n');
    }
    text
}

/// Start and end (exclusive) positions of a label's span.
fn range(sources: &Sources, label: &Label) -> (LineCol, LineCol) {
    let file = sources.get(label.span.file);
    (
        file.line_col(label.span.start),
        file.line_col(label.span.end),
    )
}

/// `path:line:col` of the start of a label, as the short format shows it.
fn place(sources: &Sources, label: &Label) -> String {
    let (start, _) = range(sources, label);
    let path = sources.get(label.span.file).display_path();
    format!("{path}:{}:{}", start.line, start.column)
}

/// The message with its hint, for the formats that have one text per finding:
/// `message (hint: hint)`.
fn message_with_hint(finding: &Finding) -> String {
    match &finding.hint {
        Some(hint) => format!("{} (hint: {hint})", finding.message),
        None => finding.message.clone(),
    }
}

/// The repository root: the folder code-scanning services (GitHub, GitLab)
/// name files from, whatever folder promiselint was run in.
#[derive(Clone, Debug, Default)]
pub struct RepoRoot {
    /// Absolute; empty (the default) keeps paths as given.
    root: PathBuf,
    /// The folder the paths in findings are relative to.
    current_dir: PathBuf,
}

impl RepoRoot {
    /// The nearest ancestor of `current_dir` (itself included) that holds a
    /// `.git` — a folder in a clone, a file in a worktree — or `current_dir`
    /// itself when none does.
    pub fn enclosing(current_dir: &Path) -> RepoRoot {
        let root = current_dir
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(current_dir);
        RepoRoot {
            root: root.to_path_buf(),
            current_dir: current_dir.to_path_buf(),
        }
    }

    /// The root, absolute (or empty for the default).
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// How this root names `file`: from the root, or as given when the file
    /// is outside it.
    fn name(&self, file: &SourceFile) -> String {
        self.relative(file.path())
            .unwrap_or_else(|_| file.display_path())
    }

    /// The message with its hint, naming the finding's files as this root
    /// does. Rules write another file's path into a message as the user
    /// would spell it, from the current folder ("in ../site/index.md"); a CI
    /// format names files from the root, and one report names a file one way.
    fn message_with_hint(&self, sources: &Sources, finding: &Finding) -> String {
        let labels = std::iter::once(&finding.primary).chain(&finding.related);
        let mut renames: Vec<(String, String)> = labels
            .map(|label| {
                let file = sources.get(label.span.file);
                (file.display_path(), self.name(file))
            })
            .filter(|(shown, named)| shown != named)
            .collect();
        // Longest first: a path is never taken for a shorter one inside it.
        renames.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        renames.dedup();
        rename_paths(&message_with_hint(finding), &renames)
    }

    /// `path` from the root with `/` separators; for a file outside the
    /// root, its absolute path as the error.
    fn relative(&self, path: &Path) -> Result<String, PathBuf> {
        let absolute = lexically_normal(&self.current_dir.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => Ok(display_path(relative)),
            Err(_) => Err(absolute),
        }
    }
}

/// `text` with each whole path of `renames` in it written as its new name:
/// only where it is not part of a longer path, so neither `site/a.md` in
/// `old/site/a.md` nor `a.md` in `a.md.bak` changes. A full stop after a
/// path ends a sentence.
fn rename_paths(text: &str, renames: &[(String, String)]) -> String {
    let in_path = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '~');
    let ends_path = |after: &str| {
        let mut next = after.chars();
        match next.next() {
            None => true,
            Some('.') => !next.next().is_some_and(in_path),
            Some(c) => !in_path(c),
        }
    };
    let mut renamed = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous = None;
    while let Some(c) = rest.chars().next() {
        let whole = |shown: &str| {
            !previous.is_some_and(in_path) && rest.strip_prefix(shown).is_some_and(&ends_path)
        };
        if let Some((shown, named)) = renames.iter().find(|(shown, _)| whole(shown)) {
            renamed.push_str(named);
            rest = &rest[shown.len()..];
            previous = shown.chars().next_back();
        } else {
            renamed.push(c);
            rest = &rest[c.len_utf8()..];
            previous = Some(c);
        }
    }
    renamed
}

/// `path` with `.` dropped and `..` taking off the folder before it, without
/// asking the file system: `site/../x.md` is `x.md` even if `site` is gone.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(normal.components().next_back(), Some(Component::Normal(_))) =>
            {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// `text` as XML 1.0 character data, in an attribute value or between tags;
/// also safe in HTML, where the JUnit report and the audit page use it.
///
/// Markup characters become references. Characters XML 1.0 forbids (C0
/// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF)
/// become U+FFFD, since not even a reference may stand for them. A carriage
/// return is a reference everywhere, or parsers turn it into a line feed;
/// in an attribute, so are tab and line feed, or parsers turn them into
/// spaces.
pub(crate) fn escape(text: &str, attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' if attribute => escaped.push_str("&quot;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' if attribute => escaped.push_str("&#9;"),
            '\n' if attribute => escaped.push_str("&#10;"),
            '\t' | '\n' => escaped.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(
            escape("<script> & \"x\"\u{1}\u{ffff}", true),
            "&lt;script&gt; &amp; &quot;x&quot;\u{fffd}\u{fffd}"
        );
        assert_eq!(escape("a\tb\nc\rd", true), "a&#9;b&#10;c&#13;d");
        assert_eq!(escape("a\tb\nc\rd \"q\"", false), "a\tb\nc&#13;d \"q\"");
    }

    #[test]
    fn paths_are_named_from_the_repository_root() {
        let root = RepoRoot {
            root: "/repo".into(),
            current_dir: "/repo/shop".into(),
        };
        assert_eq!(
            root.relative(Path::new("site/a.md")),
            Ok("shop/site/a.md".into())
        );
        assert_eq!(
            root.relative(Path::new("./x/../b.md")),
            Ok("shop/b.md".into())
        );
        assert_eq!(root.relative(Path::new("/repo/c.md")), Ok("c.md".into()));
        assert_eq!(
            root.relative(Path::new("../../etc/d.md")),
            Err("/etc/d.md".into())
        );
        // The default keeps paths as given.
        assert_eq!(
            RepoRoot::default().relative(Path::new("./e.md")),
            Ok("e.md".into())
        );
    }

    #[test]
    fn paths_in_messages_are_renamed_whole() {
        let renames = [
            ("../site/a.md".to_owned(), "site/a.md".to_owned()),
            ("a.md".to_owned(), "shop/a.md".to_owned()),
        ];
        let rename = |text: &str| rename_paths(text, &renames);
        assert_eq!(
            rename("\"x\" in ../site/a.md (and 1 other place), a.md."),
            "\"x\" in site/a.md (and 1 other place), shop/a.md."
        );
        // Not inside a longer path, nor renamed twice.
        for text in ["old/a.md", "a.md.bak", "../site/a.mdx", "ba.md"] {
            assert_eq!(rename(text), text);
        }
        assert_eq!(rename("`a.md`: é a.md"), "`shop/a.md`: é shop/a.md");
    }

    #[test]
    fn the_root_is_the_nearest_folder_with_git() {
        let dir = std::env::temp_dir().join(format!("promiselint-root-{}", std::process::id()));
        let inner = dir.join("clone/shop/site");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(dir.join("clone/.git")).unwrap();
        assert_eq!(RepoRoot::enclosing(&inner).path(), dir.join("clone"));
        // In a worktree `.git` is a file, and the nearest one wins.
        std::fs::write(dir.join("clone/shop/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(RepoRoot::enclosing(&inner).path(), dir.join("clone/shop"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
