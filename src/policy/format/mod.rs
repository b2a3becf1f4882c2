//! `promiselint fmt`: one canonical layout for promise files.
//!
//! The formatter works on tokens, not on the syntax tree: the grammar drops
//! comments, and a tree printer would have to put them back. The parse is
//! still needed twice: a file with a syntax error is never touched, and the
//! tree says where each item, policy entry and statement starts (a name
//! such as `require` cannot say by itself whether it starts a statement).
//! Tokens are written back exactly as read; only the white space between
//! them changes, as `layout` describes, with two exceptions, so one policy
//! reads one way: a unit with a canonical spelling of its own is written
//! that way (`working days` as `business days`, `calendar days` as `days`),
//! and a range written with a dash as copy writes it with `to` (`5–7 days`
//! as `5 to 7 days`). A UTF-8 BOM and CRLF line endings are kept.

mod layout;
mod tokens;

use crate::finding::Finding;
use crate::finding::Outcome;
use crate::load::limits::Limits;
use crate::load::workspace::Workspace;
use crate::load::{atomic, discover, read, CheckError, CheckOptions};
use crate::policy::parse;
use crate::policy::syntax::{
    Entry, Expr, ExprKind, File, Ident, Item, PromiseStatement, TouchpointStatement, ValueNode,
    ValueNodeKind,
};
use crate::policy::value::Unit;
use crate::source::FileId;
use std::collections::HashSet;
use std::path::PathBuf;

/// The text of `text` in the canonical layout, or its syntax error (whose
/// span lies in `file`).
///
/// ```
/// use promiselint::source::Sources;
///
/// let file = Sources::default().add("example.promise".into(), "");
/// let messy = "policy returns{window=30 days   # from delivery\n}\npromise \"x\" {\nsays \"a\",\"b\"\nrequires returns.window>=30 days}";
/// let tidy = promiselint::policy::format::format(file, messy).unwrap();
/// assert_eq!(tidy, "policy returns {\n  window = 30 days # from delivery\n}\n\npromise \"x\" {\n  says \"a\", \"b\"\n  requires returns.window >= 30 days\n}\n");
/// ```
pub fn format(file: FileId, text: &str) -> Result<String, Box<Finding>> {
    format_with(file, text, Limits::default().max_nesting)
}

/// [`format()`] with the nesting limit of the run's `[limits]`, so that `fmt`
/// takes every file `check` takes.
pub fn format_with(file: FileId, text: &str, max_nesting: usize) -> Result<String, Box<Finding>> {
    let syntax = parse::parse_file_with(file, text, max_nesting)?;
    let respelt = respelt(text, &syntax);
    if respelt != text {
        // The new spellings are units and ranges too: the text parses as before.
        return format_with(file, &respelt, max_nesting);
    }
    let mut formatted = layout::print(&tokens::tokens(text), &line_starts(&syntax));
    if first_line_break(text) == Some("\r\n") {
        formatted = formatted.replace('\n', "\r\n");
    }
    if text.starts_with('\u{FEFF}') {
        formatted.insert(0, '\u{FEFF}');
    }
    Ok(formatted)
}

/// A stretch of text (byte offsets) and its canonical spelling.
type Respelling = (std::ops::Range<usize>, &'static str);

/// `text` with every unit word that has a canonical spelling of its own
/// written that way (`working days` as `business days`), and every range's
/// dash as ` to `.
fn respelt(text: &str, file: &File) -> String {
    let mut respellings = Vec::new();
    for item in &file.items {
        match item {
            Item::Policy(policy) => entry_respellings(&policy.entries, &mut respellings),
            Item::Promise(promise) => {
                for statement in &promise.statements {
                    if let PromiseStatement::Requires { expr, .. } = statement {
                        expr_respellings(expr, &mut respellings);
                    }
                }
            }
            Item::Touchpoint(_) => {}
        }
    }
    let mut respelt = text.to_owned();
    respellings.sort_by_key(|(at, _)| std::cmp::Reverse(at.start));
    for (at, canonical) in respellings {
        if !respelt[at.clone()].eq_ignore_ascii_case(canonical) {
            respelt.replace_range(at, canonical);
        }
    }
    respelt
}

/// The canonical spelling of a unit word, where it has one.
fn unit_respelling(unit: &Ident) -> Option<Respelling> {
    Unit::canonical(&unit.name).map(|canonical| (unit.span.start..unit.span.end, canonical))
}

fn entry_respellings(entries: &[Entry], respellings: &mut Vec<Respelling>) {
    for entry in entries {
        match entry {
            Entry::Field { value, .. } => value_respellings(value, respellings),
            Entry::Group { entries, .. } => entry_respellings(entries, respellings),
        }
    }
}

fn expr_respellings(expr: &Expr, respellings: &mut Vec<Respelling>) {
    match &expr.kind {
        ExprKind::Or(parts) | ExprKind::And(parts) => parts
            .iter()
            .for_each(|part| expr_respellings(part, respellings)),
        ExprKind::Not(inner) => expr_respellings(inner, respellings),
        ExprKind::Compare { left, right, .. } => {
            expr_respellings(left, respellings);
            expr_respellings(right, respellings);
        }
        ExprKind::Capture {
            unit: Some(unit), ..
        } => respellings.extend(unit_respelling(unit)),
        ExprKind::Literal(value) => value_respellings(value, respellings),
        ExprKind::Path(_) | ExprKind::Capture { unit: None, .. } => {}
    }
}

fn value_respellings(value: &ValueNode, respellings: &mut Vec<Respelling>) {
    match &value.kind {
        ValueNodeKind::Quantity { unit, .. } => respellings.extend(unit_respelling(unit)),
        ValueNodeKind::Range(low, high) => {
            value_respellings(low, respellings);
            respellings.push((low.span.end..high.span.start, " to "));
            value_respellings(high, respellings);
        }
        ValueNodeKind::List(items) => items
            .iter()
            .for_each(|item| value_respellings(item, respellings)),
        _ => {}
    }
}

/// The byte offsets where items, policy entries and statements start.
fn line_starts(file: &File) -> HashSet<usize> {
    let mut starts = HashSet::new();
    for item in &file.items {
        match item {
            Item::Policy(policy) => {
                starts.insert(policy.keyword.start);
                entry_starts(&policy.entries, &mut starts);
            }
            Item::Promise(promise) => {
                starts.insert(promise.keyword.start);
                starts.extend(promise.statements.iter().map(|statement| match statement {
                    PromiseStatement::Says { keyword, .. }
                    | PromiseStatement::Unless { keyword, .. }
                    | PromiseStatement::Requires { keyword, .. }
                    | PromiseStatement::Why { keyword, .. }
                    | PromiseStatement::Severity { keyword, .. }
                    | PromiseStatement::OnlyIn { keyword, .. } => keyword.start,
                }));
            }
            Item::Touchpoint(touchpoint) => {
                starts.insert(touchpoint.keyword.start);
                starts.extend(
                    touchpoint
                        .statements
                        .iter()
                        .map(|statement| match statement {
                            TouchpointStatement::Files { keyword, .. }
                            | TouchpointStatement::Severity { keyword, .. } => keyword.start,
                            TouchpointStatement::Property { key, .. } => key.span.start,
                            TouchpointStatement::Forbid(list)
                            | TouchpointStatement::Require(list) => list.keyword.start,
                        }),
                );
            }
        }
    }
    starts
}

fn entry_starts(entries: &[Entry], starts: &mut HashSet<usize>) {
    for entry in entries {
        match entry {
            Entry::Field { name, .. } => {
                starts.insert(name.span.start);
            }
            Entry::Group { name, entries } => {
                starts.insert(name.span.start);
                entry_starts(entries, starts);
            }
        }
    }
}

/// The file's first line break, which sets the line endings of the result.
fn first_line_break(text: &str) -> Option<&str> {
    let at = text.find(['\r', '\n'])?;
    let rest = &text[at..];
    Some(if rest.starts_with("\r\n") {
        "\r\n"
    } else {
        &rest[..1]
    })
}

/// Whether `run` rewrites files or only says which it would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// A file whose layout changed (with `Mode::Check`, would change).
#[derive(Debug)]
pub struct Change {
    pub path: PathBuf,
    /// The file as read, in the run's `outcome.sources`.
    pub file: FileId,
    /// Its text in the canonical layout: what `fmt --diff` compares.
    pub formatted: String,
}

/// What `run` did.
#[derive(Debug, Default)]
pub struct Formatted {
    /// The files read, and the syntax errors and unreadable files, which
    /// were left as they are.
    pub outcome: Outcome,
    /// The files whose layout changed (with `Mode::Check`, would change), sorted.
    pub changed: Vec<Change>,
    /// Files that could not be written, with why.
    pub failed: Vec<(PathBuf, std::io::Error)>,
}

/// Formats every `*.promise` file under `paths` (found as `check` finds
/// them), writing each changed file whole, or with `Mode::Check` nothing.
/// `options` give the exclusions and limits; links are taken as `check`
/// takes them.
pub fn run(paths: &[PathBuf], options: &CheckOptions, mode: Mode) -> Result<Formatted, CheckError> {
    let workspace = Workspace::new(paths, options.workspace.as_deref());
    let files = discover(paths, &options.exclude, &workspace)?.files;
    let limits = &options.limits;
    let mut result = Formatted::default();
    result.outcome.promise_files = files.len();
    for path in files {
        let outcome = &mut result.outcome;
        let read = read::promise_file(
            &mut outcome.sources,
            path.clone(),
            limits,
            &mut outcome.findings,
        );
        let Some(file) = read else {
            continue;
        };
        let text: &str = outcome.sources.get(file).text();
        let formatted = match format_with(file, text, limits.max_nesting) {
            Ok(formatted) if formatted == text => continue,
            Ok(formatted) => formatted,
            Err(error) => {
                outcome.findings.push(*error);
                continue;
            }
        };
        if mode == Mode::Write {
            if let Err(error) = atomic::write(
                &path,
                formatted.as_bytes(),
                atomic::Written::Rewrite(&workspace),
            ) {
                result.failed.push((path, error));
                continue;
            }
        }
        result.changed.push(Change {
            path,
            file,
            formatted,
        });
    }
    Ok(result)
}
