//! Applying fixes to files: the new text of each file, as a unified diff or
//! written whole.
//!
//! Only the bytes of each figure change, so line endings, a byte-order mark
//! and everything around the figures stay as they are; a file with nothing
//! to fix is never read again, let alone written.

use super::Fix;
use crate::load::atomic::{self, Written};
use crate::load::workspace::Workspace;
use crate::source::{display_path, FileId, Sources};
use std::path::Path;

/// A copy file with its fixes applied.
#[derive(Debug)]
pub struct FileEdit<'a> {
    pub path: &'a Path,
    pub before: String,
    pub after: String,
    pub fixes: Vec<&'a Fix>,
}

impl FileEdit<'_> {
    /// A unified diff with `--- a/path` and `+++ b/path` headers, as `git diff` writes.
    pub fn diff(&self) -> String {
        unified_diff(self.path, &self.before, &self.after)
    }

    /// Writes the new text over the file: whole or not at all, permissions
    /// kept, through a link only to a file inside `workspace`.
    pub fn write(&self, workspace: &Workspace) -> std::io::Result<()> {
        atomic::write(
            self.path,
            self.after.as_bytes(),
            Written::Rewrite(workspace),
        )
    }
}

/// The unified diff from `before` to `after` of the file at `path`, with
/// `--- a/path` and `+++ b/path` headers that `git apply` takes. A path
/// with a control character, `"` or `\\` in it is quoted as git quotes it
/// (`"a/x\\033[2J.md"`): a file name is the repository's to choose, and
/// must neither drive the terminal nor end the header line.
pub fn unified_diff(path: &Path, before: &str, after: &str) -> String {
    let path = display_path(path);
    let header = |side: &str| {
        let name = format!("{side}/{path}");
        if !name.contains(|c: char| c.is_ascii_control() || c == '"' || c == '\\') {
            return name;
        }
        let mut quoted = String::from('"');
        for c in name.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\t' => quoted.push_str("\\t"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                c if c.is_ascii_control() => quoted.push_str(&format!("\\{:03o}", u32::from(c))),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    };
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(&header("a"), &header("b"))
        .to_string()
}

/// Reads every file `fixes` (in file order, as [`super::fixes`] returns
/// them) change and applies them. A file that cannot be read, or whose
/// figures are no longer where the run found them, is an `Err` with its
/// path and why.
pub fn edits<'a>(sources: &'a Sources, fixes: &'a [Fix]) -> Vec<Result<FileEdit<'a>, String>> {
    let mut files: Vec<(FileId, Vec<&Fix>)> = Vec::new();
    for fix in fixes {
        match files.last_mut() {
            Some((file, of_file)) if *file == fix.range.file => of_file.push(fix),
            _ => files.push((fix.range.file, vec![fix])),
        }
    }
    files
        .into_iter()
        .map(|(file, fixes)| {
            let path = sources.get(file).path();
            let shown = display_path(path);
            let before =
                std::fs::read_to_string(path).map_err(|error| format!("{shown}: {error}"))?;
            let after = apply(&before, &fixes).ok_or_else(|| {
                format!("{shown} changed while it was checked; run promiselint again")
            })?;
            Ok(FileEdit {
                path,
                before,
                after,
                fixes,
            })
        })
        .collect()
}

/// `text` with `fixes` (sorted, not overlapping) applied; `None` when a
/// figure is not where its fix expects it.
fn apply(text: &str, fixes: &[&Fix]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in fixes {
        let range = fix.range.start..fix.range.end;
        if range.start < at || text.get(range.clone())? != fix.original {
            return None;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&fix.replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}
