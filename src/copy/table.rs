//! Tables in copy: which cell of which row and column each piece of table
//! text is, so that a figure in a cell can be read with its column's header
//! ("Warranty period: 90 days") and tied to its row's label ("Wheels").
//!
//! The extractors (Markdown through pulldown-cmark's table events, HTML
//! through `<tr>`, `<th>` and `<td>`) tell the [`super::CopyBuilder`] where
//! rows and cells start and end; this module turns that into [`Cell`]s. A
//! header row is Markdown's table head, or in HTML a first row of `<th>`
//! cells only. A row's label is its first cell. Only a table with a header
//! row is read this way: HTML emails lay their copy out in tables whose
//! rows are no records, and a paragraph there belongs to no row.

use std::ops::Range;

/// A cell of a table body, as ranges of the copy text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: Range<usize>,
    /// The header of its column, if the header row is that wide.
    pub header: Option<Range<usize>>,
    /// The first cell of its row: what the row is about.
    pub row: Range<usize>,
}

/// The tables of one file as the extractor reads them.
#[derive(Debug, Default)]
pub(super) struct Tables {
    pub(super) cells: Vec<Cell>,
    headers: Vec<Range<usize>>,
    row: Vec<Range<usize>>,
    /// The row is a header row: Markdown's head, or `<th>` cells only so far.
    header_row: bool,
    /// Where the open cell starts in the copy text.
    cell_start: Option<usize>,
}

impl Tables {
    /// A new table: its header is yet to come.
    pub(super) fn table_start(&mut self) {
        self.headers.clear();
        self.row.clear();
        self.cell_start = None;
    }

    /// A new row; `header` for Markdown's table head.
    pub(super) fn row_start(&mut self, header: bool) {
        self.row.clear();
        self.cell_start = None;
        self.header_row = header || self.headers.is_empty();
    }

    /// A cell starts at `at` of the copy text; `header` for `<th>`.
    pub(super) fn cell_start(&mut self, at: usize, header: bool) {
        self.header_row &= header;
        self.cell_start = Some(at);
    }

    /// The open cell ends at `at` of the copy text.
    pub(super) fn cell_end(&mut self, at: usize) {
        if let Some(start) = self.cell_start.take() {
            self.row.push(start..at.max(start));
        }
    }

    /// The row ends: a header row becomes the table's header, a body row
    /// gives its cells.
    pub(super) fn row_end(&mut self) {
        if self.header_row && self.headers.is_empty() {
            self.headers = std::mem::take(&mut self.row);
            return;
        }
        let Some(label) = self.row.first().cloned() else {
            return;
        };
        if self.headers.is_empty() {
            self.row.clear();
            return;
        }
        for (column, text) in self.row.drain(..).enumerate() {
            self.cells.push(Cell {
                text,
                header: self.headers.get(column).cloned(),
                row: label.clone(),
            });
        }
    }

    pub(super) fn clear(&mut self) {
        *self = Tables::default();
    }
}

#[cfg(test)]
mod tests {
    use crate::copy::{extract, CopyKind};

    /// Each body cell as (header, row label, text).
    fn cells(kind: CopyKind, text: &str) -> Vec<(String, String, String)> {
        let copy = extract(kind, text).expect("copy");
        let at = |range: &std::ops::Range<usize>| copy.text[range.clone()].trim().to_owned();
        copy.cells
            .iter()
            .map(|cell| {
                let header = cell.header.as_ref().map(at).unwrap_or_default();
                (header, at(&cell.row), at(&cell.text))
            })
            .collect()
    }

    fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn markdown_cells_know_their_header_and_row() {
        let text = "Intro\n\n| Part | Warranty |\n|---|---|\n| Frames | 18 Months |\n| **Wheels** | 90 Days |\n\nAfter\n";
        assert_eq!(
            cells(CopyKind::Markdown, text),
            owned(&[
                ("Part", "Frames", "Frames"),
                ("Warranty", "Frames", "18 Months"),
                ("Part", "Wheels", "Wheels"),
                ("Warranty", "Wheels", "90 Days"),
            ])
        );
    }

    #[test]
    fn html_cells_know_their_header_and_row_even_without_end_tags() {
        let text = "<table><tr><th>Part<th>Warranty</tr>\n<tr><td>Frames<td>18 months\n<tr><td>Wheels</td><td><b>90</b> days</td></tr></table><p>90 days</p>";
        assert_eq!(
            cells(CopyKind::Html, text),
            owned(&[
                ("Part", "Frames", "Frames"),
                ("Warranty", "Frames", "18 months"),
                ("Part", "Wheels", "Wheels"),
                ("Warranty", "Wheels", "90 days"),
            ])
        );
    }

    #[test]
    fn a_layout_table_without_a_header_row_has_no_records() {
        let text = "<table><tr><td>Logo</td><td>Your order arrives in 5 days.</td></tr></table>";
        assert_eq!(cells(CopyKind::Html, text), owned(&[]));
    }

    #[test]
    fn a_row_wider_than_the_header_has_cells_without_a_header() {
        let text = "| Part | Warranty |\n|---|---|\n| Frames | 18 months |\n";
        assert_eq!(cells(CopyKind::Markdown, text).len(), 2);
        let text =
            "<table><tr><th>Part</th></tr><tr><td>Frames</td><td>18 months</td></tr></table>";
        assert_eq!(
            cells(CopyKind::Html, text),
            owned(&[("Part", "Frames", "Frames"), ("", "Frames", "18 months")])
        );
    }
}
