//! Source files and spans: the leaf every other stage points into.
//!
//! A [`Span`] is a byte range in one file of a [`Sources`] set. Renderers turn it
//! into 1-based lines and columns; columns count characters, not bytes, because
//! editors and SARIF consumers do, and a UTF-8 byte order mark is not one,
//! since editors do not show it. Every line and column is worked out here
//! ([`placed`]), so that every format puts a finding in the same place.

use crate::work::{self, Step};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Texts that stand in for files on disk: an editor's unsaved buffers, for
/// the language server. Keys are absolute paths; a run reads these texts
/// instead of the files, whichever stage reads them.
#[derive(Clone, Debug, Default)]
pub struct Overlay(HashMap<PathBuf, Arc<str>>);

impl Overlay {
    /// `text` stands for the file at `path`, an absolute path.
    pub fn insert(&mut self, path: PathBuf, text: impl Into<Arc<str>>) {
        self.0.insert(absolute(Path::new("/"), &path), text.into());
    }

    /// The text standing for `path` (relative paths are taken from the
    /// current folder), if any.
    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        if self.0.is_empty() {
            return None;
        }
        let path = match std::env::current_dir() {
            Ok(cwd) => absolute(&cwd, path),
            Err(_) => path.to_path_buf(),
        };
        self.0.get(&path)
    }
}

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start, end }
    }

    /// The smallest span covering both `self` and `other` (same file).
    pub fn to(self, other: Span) -> Span {
        Span::new(
            self.file,
            self.start.min(other.start),
            self.end.max(other.end),
        )
    }
}

/// A 1-based line and character column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One file's path and text, with the index of its line starts.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    /// Read when first needed, for a file added with [`Sources::add_unread`].
    content: OnceLock<Content>,
    /// Positions worked out while the text was at hand, sorted by offset:
    /// enough to place findings without reading the file again.
    known: Vec<(usize, LineCol)>,
}

#[derive(Debug)]
struct Content {
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl Content {
    fn new(text: Arc<str>) -> Content {
        let line_starts = line_starts(&text);
        Content { text, line_starts }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(line_breaks(text.as_bytes(), 0..text.len()))
        .collect()
}

/// The line and character column of `offset` in `text`, whose lines start at `starts`.
fn line_col_in(text: &str, starts: &[usize], offset: usize) -> LineCol {
    let offset = placed(text, offset);
    let line = starts.partition_point(|&start| start <= offset) - 1;
    let line_start = if line == 0 {
        text_start(text)
    } else {
        starts[line]
    };
    let column = text[line_start.min(offset)..offset].chars().count() + 1;
    LineCol {
        line: line + 1,
        column,
    }
}

impl SourceFile {
    /// The path as the user named it, with `/` separators and no leading `./`.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder the file is in: what paths written in it are relative to.
    pub fn folder(&self) -> PathBuf {
        self.path.parent().map(PathBuf::from).unwrap_or_default()
    }

    /// The file's text. A file added unread is read now; if it can no longer
    /// be read, its text is empty and its findings point at its first line.
    pub fn text(&self) -> &Arc<str> {
        &self.content().text
    }

    fn content(&self) -> &Content {
        self.content.get_or_init(|| {
            let text = std::fs::read_to_string(&self.path).unwrap_or_default();
            Content::new(text.into())
        })
    }

    /// Line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        if self.content.get().is_none() {
            if let Ok(index) = self.known.binary_search_by_key(&offset, |&(at, _)| at) {
                return self.known[index].1;
            }
        }
        let content = self.content();
        line_col_in(&content.text, &content.line_starts, offset)
    }
}

/// Every file read in one run. Files are only ever added, so a [`FileId`] stays valid.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    overlay: Overlay,
}

impl Sources {
    /// Sources whose files are read from `overlay` where it has them.
    pub fn with_overlay(overlay: Overlay) -> Sources {
        Sources {
            files: Vec::new(),
            overlay,
        }
    }

    /// The text of `path` in the overlay, if it has one.
    pub fn overlaid(&self, path: &Path) -> Option<&Arc<str>> {
        self.overlay.get(path)
    }

    /// Whether `path` is read from the overlay, not from disk.
    pub fn is_overlaid(&self, path: &Path) -> bool {
        self.overlay.get(path).is_some()
    }

    pub fn add(&mut self, path: PathBuf, text: impl Into<Arc<str>>) -> FileId {
        let id = self.add_unread(path);
        let _ = self.files[id.0 as usize]
            .content
            .set(Content::new(text.into()));
        id
    }

    /// Adds a file without reading it: copy files are searched once and then
    /// dropped, and read again only if a finding must show their text, so
    /// memory does not grow with the corpus.
    /// An overlaid file is the exception: its text is at hand, and the file
    /// on disk is not what the run read.
    pub fn add_unread(&mut self, path: PathBuf) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 files"));
        let content = OnceLock::new();
        if let Some(text) = self.overlay.get(&path) {
            let _ = content.set(Content::new(text.clone()));
        }
        self.files.push(SourceFile {
            path,
            content,
            known: Vec::new(),
        });
        id
    }

    /// Marks a file that was not read (too large, binary, gone): its
    /// findings point at its start, and showing them must not read it.
    pub fn unread(&mut self, id: FileId) {
        let _ = self.files[id.0 as usize]
            .content
            .set(Content::new("".into()));
    }

    /// Records positions in a file worked out while its text was at hand.
    /// `positions` is sorted, as [`positions`] makes it.
    pub fn know(&mut self, id: FileId, positions: Vec<(usize, LineCol)>) {
        self.files[id.0 as usize].known = positions;
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The path of every file added so far, in the order added.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(SourceFile::path)
    }

    /// Every file, with its id, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        (0..).map(FileId).zip(&self.files)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let text = self.get(span.file).text();
        &text[span.start.min(text.len())..span.end.min(text.len())]
    }
}

/// Line and character column of each of `offsets` in `text`, for [`Sources::know`].
///
/// Lines are counted from one offset to the next rather than indexed: a
/// copy file has many lines and few findings.
pub fn positions(text: &str, offsets: impl IntoIterator<Item = usize>) -> Vec<(usize, LineCol)> {
    let mut offsets: Vec<usize> = offsets.into_iter().collect();
    offsets.sort_unstable();
    offsets.dedup();
    let bytes = text.as_bytes();
    let (mut line, mut counted, mut line_start) = (1, 0, text_start(text));
    // The column at `counted`: on one line, columns are counted on from
    // the offset before, so that many findings on one long line cost the
    // line's length, not its square.
    let mut column = 1;
    offsets
        .into_iter()
        .map(|offset| {
            let at = placed(text, offset);
            let between = &bytes[counted..at];
            if memchr::memchr(b'\r', between).is_none() {
                // The usual case, no CR: lines counted in bulk.
                line += memchr::memchr_iter(b'\n', between).count();
                if let Some(last) = memchr::memrchr(b'\n', between) {
                    line_start = counted + last + 1;
                }
            } else {
                for end in line_breaks(bytes, counted..at) {
                    line += 1;
                    line_start = end;
                }
            }
            let from = if line_start > counted {
                column = 1;
                line_start.min(at)
            } else {
                counted
            };
            work::count(Step::SourceByte, at - from);
            column += text[from..at].chars().count();
            counted = at;
            (offset, LineCol { line, column })
        })
        .collect()
}

/// Where the text of `text` starts: after its UTF-8 byte order mark, if it
/// has one. Editors hide the mark, so columns on the first line count from here.
pub(crate) fn text_start(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Where each line break in `within` of `bytes` ends: a `\n`, a `\r\n` or a
/// lone `\r`, as editors and the grammar count lines. A `\r\n` counts at its
/// `\n`, so one split by the end of `within` is counted once.
pub(crate) fn line_breaks(bytes: &[u8], within: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', &bytes[within.clone()])
        .map(move |at| at + within.start)
        .filter(|&at| !(bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n')))
        .map(|at| at + 1)
}

/// A path for messages: `/` separators, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    let mut rest = shown.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    if rest.is_empty() { "." } else { rest }.to_owned()
}

/// `path` made absolute against `cwd` and rid of `.` and `..` by its spelling
/// alone: no system call, no symbolic link followed. Paths compared this
/// way are compared as the user wrote them.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut absolute = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                absolute.pop();
            }
            other => absolute.push(other),
        }
    }
    absolute
}

/// How `to` is reached from `from`, both [`absolute`]: `../site` from
/// `/shop/docs` to `/shop/site`; `.` for `from` itself, so the result is
/// always a path one can open; `to` itself when they share no root.
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect();
    }
    let up = std::iter::repeat_n(Component::ParentDir, from.len() - common);
    let path: PathBuf = up.chain(to[common..].iter().copied()).collect();
    if path.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        path
    }
}

/// Where `offset` stands when it is given as a line and a column: on a
/// character boundary inside the text, and never after a line break that
/// ends it. A parser reports an unexpected end of file at the very end of
/// the text, which after that line break would be a line the file does not
/// have; like rustc, it is placed at the end of the last line instead.
pub(crate) fn placed(text: &str, offset: usize) -> usize {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let body = body.strip_suffix('\r').unwrap_or(body);
    floor_char_boundary(text, offset.min(body.len()))
}

/// The largest character boundary at or before `offset`, within the text.
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut sources = Sources::default();
        let id = sources.add("a".into(), "ab\n€x\r\ny");
        let file = sources.get(id);
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        // 'x' comes after the three-byte euro sign: column 2.
        assert_eq!(file.line_col(6), LineCol { line: 2, column: 2 });
        assert_eq!(file.line_col(9), LineCol { line: 3, column: 1 });
        // An offset inside a character or past the end is clamped, never a panic.
        assert_eq!(file.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_col(99), LineCol { line: 3, column: 2 });
    }

    #[test]
    fn the_end_of_a_text_is_the_end_of_its_last_line() {
        let mut sources = Sources::default();
        for (text, end) in [
            ("ab\ncd", (2, 3)),
            ("ab\ncd\n", (2, 3)),
            ("ab\ncd\r\n", (2, 3)),
            ("ab\ncd\r", (2, 3)),
            // A blank last line is a line.
            ("ab\n\n", (2, 1)),
            ("\n", (1, 1)),
            ("", (1, 1)),
        ] {
            let id = sources.add("a".into(), text);
            let (line, column) = end;
            let at = LineCol { line, column };
            assert_eq!(sources.get(id).line_col(text.len()), at, "{text:?}");
            assert_eq!(
                positions(text, [text.len(), 99]),
                [(text.len(), at), (99, at)]
            );
        }
    }

    #[test]
    fn positions_worked_out_in_one_pass_are_those_of_line_col() {
        let text = "ab\n€x\r\ny\n\n  z";
        let mut sources = Sources::default();
        let id = sources.add("a".into(), text);
        let file = sources.get(id);
        let offsets = [99, 12, 0, 4, 6, 6, 3, 9, 11];
        let known = positions(text, offsets);
        assert_eq!(known.len(), 8, "sorted and without duplicates");
        for (offset, at) in known {
            assert_eq!(at, file.line_col(offset), "at {offset}");
        }
        // Lone CRs and CRLFs, with an offset on each side of every byte: the
        // bulk count (no CR in between) and the one break at a time agree.
        for text in ["a\rb\r\n€\n\rc\r\r\nd", "a\rb\r\n€\n\rc\r\r\n", "a\nb\n"] {
            let id = sources.add("b".into(), text);
            let file = sources.get(id);
            for step in 1..4 {
                let offsets = (0..=text.len()).step_by(step);
                for (offset, at) in positions(text, offsets) {
                    assert_eq!(at, file.line_col(offset), "at {offset}, step {step}");
                }
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let text = "\u{feff}ab\ncd";
        let mut sources = Sources::default();
        let id = sources.add("a".into(), text);
        for (offset, column) in [(0, 1), (3, 1), (4, 2)] {
            let at = LineCol { line: 1, column };
            assert_eq!(sources.get(id).line_col(offset), at, "at {offset}");
            assert_eq!(positions(text, [offset]), [(offset, at)]);
        }
    }

    #[test]
    fn display_path_strips_dot_slash() {
        assert_eq!(display_path(Path::new("./x/y.promise")), "x/y.promise");
        assert_eq!(display_path(Path::new(".")), ".");
    }

    #[test]
    fn absolute_and_relative_go_by_spelling() {
        let cwd = Path::new("/shop/docs");
        assert_eq!(
            absolute(cwd, Path::new("./a/../b")),
            Path::new("/shop/docs/b")
        );
        assert_eq!(absolute(cwd, Path::new("../../..")), Path::new("/"));
        assert_eq!(absolute(cwd, Path::new("/x/./y")), Path::new("/x/y"));
        let rel = |to: &str| relative(cwd, Path::new(to));
        assert_eq!(rel("/shop/docs/a"), Path::new("a"));
        assert_eq!(rel("/shop/docs"), Path::new("."));
        assert_eq!(rel("/shop"), Path::new(".."));
        assert_eq!(rel("/shop/site/x"), Path::new("../site/x"));
        assert_eq!(rel("/"), Path::new("../.."));
    }
}
