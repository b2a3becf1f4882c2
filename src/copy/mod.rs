//! Copy: the words customers read, taken out of each kind of file, with a
//! map from every byte of them back to the file.
//!
//! Each kind has its extractor (`markdown`, `html`, `yaml`; plain text is
//! here). What they share lives here: the [`CopyBuilder`] that records where
//! each piece of text came from, block breaks that no phrase may run across,
//! and promiselint's own comments (`comments`). [`normalize`] says which
//! words count as the same (case, quotes, dashes, spaces); the [`matcher`]
//! finds the `says` phrases of the policy stage in normalized text, reading
//! their captures with `figures`; the [`scan`] runs it over every file of
//! every touchpoint.

pub mod comments;
pub(crate) mod figures;
mod html;
mod markdown;
pub mod matcher;
mod negation;
pub mod normalize;
pub mod scan;
pub mod table;
#[cfg(test)]
mod testing;
mod yaml;

pub use comments::{Comments, Expectation, Suppression, SuppressionKind};
use std::ops::Range;
use std::path::Path;
use table::{Cell, Tables};

/// Ends a block of copy (a paragraph, list item, table cell, YAML string or
/// attribute value): a phrase never runs across it.
pub const BLOCK_BREAK: char = '\u{2029}';

/// How a copy file is read, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyKind {
    Markdown,
    Html,
    Yaml,
    Text,
}

impl CopyKind {
    pub fn of(path: &Path) -> CopyKind {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown" | "mdx") => CopyKind::Markdown,
            Some("html" | "htm" | "xhtml") => CopyKind::Html,
            Some("yaml" | "yml") => CopyKind::Yaml,
            _ => CopyKind::Text,
        }
    }
}

/// The copy of one file.
#[derive(Debug)]
pub struct Copy {
    /// What a reader sees: markup removed, entities and escapes decoded,
    /// blocks ended by [`BLOCK_BREAK`].
    pub text: String,
    pieces: Vec<Piece>,
    /// Suppressions and expectations: not copy, but about it.
    pub comments: Comments,
    /// The cells of every table body, in the order read.
    pub cells: Vec<Cell>,
}

/// A run of `text` and the bytes of the file it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece {
    text_start: usize,
    original_start: usize,
    original_end: usize,
    /// The file's bytes as they are, so offsets inside map one to one; else
    /// the piece stands for its original bytes as a whole (`&nbsp;`).
    verbatim: bool,
}

impl Copy {
    /// The bytes of the file that `text[range]` stands for.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if self.pieces.is_empty() {
            return 0..0;
        }
        let start = self.piece_at(range.start);
        let start = if start.verbatim {
            start.original_start + (range.start - start.text_start)
        } else {
            start.original_start
        };
        if range.end <= range.start {
            return start..start;
        }
        // The piece holding the last byte; in a verbatim piece the exclusive
        // end maps one to one, in a decoded one it is the piece's end.
        let last = self.piece_at(range.end - 1);
        let end = if last.verbatim {
            (last.original_start + (range.end - last.text_start)).min(last.original_end)
        } else {
            last.original_end
        };
        start..end.max(start)
    }

    fn piece_at(&self, at: usize) -> Piece {
        let index = self.pieces.partition_point(|p| p.text_start <= at);
        self.pieces[index.saturating_sub(1)]
    }
}

/// Collects copy text with where each piece came from.
#[derive(Debug, Default)]
pub struct CopyBuilder {
    text: String,
    pieces: Vec<Piece>,
    tables: Tables,
    /// Where each `<!--` the reader took for a comment starts: only there
    /// is a promiselint comment one (not in a code fence, a `<script>`, an
    /// attribute, a `<textarea>`).
    comment_starts: Vec<usize>,
}

impl CopyBuilder {
    /// A builder for the copy of a file of `length` bytes: copy is rarely
    /// longer than its file, so the text is never moved as it grows, and
    /// Markdown prose has a piece every hundred bytes or so.
    pub fn for_file(length: usize) -> CopyBuilder {
        CopyBuilder {
            text: String::with_capacity(length),
            pieces: Vec::with_capacity(length / 64),
            tables: Tables::default(),
            comment_starts: Vec::new(),
        }
    }

    /// Forgets what was written, to start the file again.
    pub fn clear(&mut self) {
        self.text.clear();
        self.pieces.clear();
        self.tables.clear();
        self.comment_starts.clear();
    }

    /// An HTML comment starts at the file's byte `at`.
    pub fn comment(&mut self, at: usize) {
        self.comment_starts.push(at);
    }

    /// Whether the promiselint comment found at byte `at` of a file of
    /// `kind` is one where the reader stands: an HTML comment it read as
    /// one; in YAML, a `#` line that is no part of a string (a `#` line in
    /// a block scalar is text of the string); in plain text, any.
    fn is_comment(&self, kind: CopyKind, at: usize) -> bool {
        match kind {
            CopyKind::Markdown | CopyKind::Html => self.comment_starts.binary_search(&at).is_ok(),
            CopyKind::Yaml => {
                // YAML's pieces are in the file's order.
                let after = self.pieces.partition_point(|p| p.original_start <= at);
                after
                    .checked_sub(1)
                    .is_none_or(|before| self.pieces[before].original_end <= at)
            }
            CopyKind::Text => true,
        }
    }

    /// Appends the file's bytes `text`, which start at `original_start`.
    pub fn verbatim(&mut self, original_start: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let original_end = original_start + text.len();
        match self.pieces.last_mut() {
            // Continue a run that is still contiguous in both texts.
            Some(last)
                if last.verbatim
                    && last.original_end == original_start
                    && last.text_start + (last.original_end - last.original_start)
                        == self.text.len() =>
            {
                last.original_end = original_end;
            }
            _ => self.pieces.push(Piece {
                text_start: self.text.len(),
                original_start,
                original_end,
                verbatim: true,
            }),
        }
        self.text.push_str(text);
    }

    /// Appends `text`, which stands for the file's bytes `original` as a
    /// whole: a decoded entity or escape.
    pub fn decoded(&mut self, text: &str, original: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            text_start: self.text.len(),
            original_start: original.start,
            original_end: original.end,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Ends the current block, if any text has been added since the last one.
    pub fn block_break(&mut self) {
        if self.text.is_empty() || self.text.ends_with(BLOCK_BREAK) {
            return;
        }
        let at = self.pieces.last().map_or(0, |p| p.original_end);
        let mut buffer = [0; 4];
        self.decoded(BLOCK_BREAK.encode_utf8(&mut buffer), at..at);
    }

    /// A table starts; see [`table`] for what is recorded.
    fn table_start(&mut self) {
        self.tables.table_start();
    }

    /// A table row starts; `header` for Markdown's table head.
    fn row_start(&mut self, header: bool) {
        self.tables.row_start(header);
    }

    /// A table cell starts here, after its block break; `header` for `<th>`.
    fn cell_start(&mut self, header: bool) {
        self.tables.cell_start(self.text.len(), header);
    }

    /// The open table cell ends here, before its block break.
    fn cell_end(&mut self) {
        self.tables.cell_end(self.text.len());
    }

    fn row_end(&mut self) {
        self.tables.row_end();
    }

    pub fn finish(self, comments: Comments) -> Copy {
        Copy {
            text: self.text,
            pieces: self.pieces,
            comments,
            cells: self.tables.cells,
        }
    }
}

/// A copy file that cannot be read as copy (YAML that does not parse).
#[derive(Debug, PartialEq)]
pub struct CopyError {
    pub message: String,
    pub span: Range<usize>,
}

/// Extracts the copy of a file of `kind`.
pub fn extract(kind: CopyKind, file_text: &str) -> Result<Copy, CopyError> {
    let mut builder = CopyBuilder::for_file(file_text.len());
    match kind {
        CopyKind::Markdown => markdown::extract(file_text, &mut builder),
        CopyKind::Html => html::extract(file_text, &mut builder),
        CopyKind::Yaml => yaml::extract(file_text, &mut builder)?,
        // Read around its comments, below.
        CopyKind::Text => {}
    }
    builder.comment_starts.sort_unstable();
    let comments = comments::find(kind, file_text, |at| builder.is_comment(kind, at));
    if kind == CopyKind::Text {
        text(file_text, &comments, &mut builder);
    }
    Ok(builder.finish(comments))
}

/// Plain text is copy line for line, but for promiselint's comments.
fn text(file_text: &str, comments: &Comments, builder: &mut CopyBuilder) {
    let mut offset = 0;
    for line in file_text.split_inclusive('\n') {
        if comments
            .starts()
            .any(|start| start >= offset && start < offset + line.len())
        {
            builder.block_break();
        } else {
            builder.verbatim(offset, line);
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_verbatim_and_decoded_pieces_back() {
        // "a&amp;b c" → "a&b c"
        let mut builder = CopyBuilder::default();
        builder.verbatim(0, "a");
        builder.decoded("&", 1..6);
        builder.verbatim(6, "b c");
        builder.block_break();
        builder.verbatim(20, "x");
        let copy = builder.finish(Comments::default());
        assert_eq!(copy.text, "a&b c\u{2029}x");
        assert_eq!(copy.original_range(0..1), 0..1);
        assert_eq!(copy.original_range(1..2), 1..6);
        assert_eq!(copy.original_range(0..5), 0..9);
        assert_eq!(copy.original_range(2..5), 6..9);
        let x = copy.text.find('x').unwrap();
        assert_eq!(copy.original_range(x..x + 1), 20..21);
    }

    #[test]
    fn multibyte_characters_map_whole() {
        let mut builder = CopyBuilder::default();
        builder.verbatim(10, "€5");
        let copy = builder.finish(Comments::default());
        assert_eq!(copy.original_range(0..3), 10..13);
        assert_eq!(copy.original_range(0..4), 10..14);
    }

    #[test]
    fn plain_text_leaves_out_suppression_and_expectation_lines() {
        let text = "hassle-free\n# promiselint-disable-next-line\nreturns\n";
        let copy = extract(CopyKind::Text, text).unwrap();
        assert_eq!(copy.text, "hassle-free\n\u{2029}returns\n");
        let at = copy.text.find("returns").unwrap();
        assert_eq!(copy.original_range(at..at + 7), 44..51);

        let text =
            "# promiselint-expect: PL104\nour policy states\n# promiselint-expect-none\nok\n";
        let copy = extract(CopyKind::Text, text).unwrap();
        assert_eq!(copy.text, "our policy states\n\u{2029}ok\n");
        assert_eq!(copy.comments.expectations.len(), 2);
    }
}
