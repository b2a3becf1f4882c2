//! The terminal table of `promiselint audit`: promises as rows, touchpoints
//! as columns, each cell the places a promise is made there and the mark of
//! their worst state; totals last.
//!
//! It fits `width` columns (80: the narrowest terminal still common). Names
//! that do not fit are cut with `…` and spelled out in a legend under the
//! table; when there are too many touchpoints even for cut names, the
//! columns go on in another block below, each block repeating the promises.
//! Widths count characters, which is right for the Latin, Greek and Cyrillic
//! copy promise names are written in.

use super::{
    cell_text, different_figures, grand_total, key, row_title, row_total, summary_sentence,
    KEEP_TOGETHER,
};
use crate::render::visible::visible;
use crate::report::audit::{Audit, Cell, State};
use std::io::{self, Write};

/// The narrowest the promise column gets before touchpoints move to another block.
const MIN_PROMISE: usize = 16;
/// The narrowest a touchpoint name is cut to.
const MIN_HEADER: usize = 6;
/// The widest the promise column grows before touchpoint names are spelled out.
const COMFORTABLE_PROMISE: usize = 32;
const GAP: &str = "  ";
const PROMISE: &str = "promise";
const TOTAL: &str = "total";

/// One block of columns: the widths of the promise column and of each of
/// its touchpoints (indexes), and whether the totals column ends it.
struct Block {
    promise: usize,
    columns: Vec<(usize, usize)>,
    totals: Option<usize>,
}

/// Writes the table, its key, its legend and the summary line, in colour if asked.
pub fn render(audit: &Audit, color: bool, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let paint = Paint(color);
    let column_totals = audit.column_totals();
    let blocks = layout(audit, &column_totals, width);
    let mut cut = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        let mut header = pad_left(PROMISE, block.promise, &mut cut);
        for &(t, w) in &block.columns {
            header.push_str(GAP);
            let name = visible(&audit.touchpoints[t].name);
            header.push_str(&pad_right(&name, w, &mut cut));
        }
        if let Some(w) = block.totals {
            header.push_str(&format!("{GAP}{TOTAL:>w$}"));
        }
        writeln!(out, "{}", paint.bold(header.trim_end()))?;
        let rows = audit.promises.iter().enumerate().map(|(p, promise)| {
            let cells = block.columns.iter().map(|&(t, _)| promise.cells[t]);
            (
                row_title(promise),
                cells.collect::<Vec<Cell>>(),
                row_total(audit, p),
            )
        });
        let totals = (
            TOTAL.to_owned(),
            block
                .columns
                .iter()
                .map(|&(t, _)| column_totals[t])
                .collect(),
            grand_total(audit),
        );
        for (title, cells, total) in rows.chain([totals]) {
            let mut line = pad_left(&title, block.promise, &mut cut);
            let widths = block.columns.iter().map(|&(_, w)| w);
            let cells: Vec<(Cell, usize)> = cells.into_iter().zip(widths).collect();
            let total = block.totals.map(|w| (total, w));
            for (cell, w) in cells.into_iter().chain(total) {
                line.push_str(GAP);
                line.push_str(&paint.state(cell.state, &format!("{:>w$}", cell_text(cell))));
            }
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", key(audit))?;
    let differ = different_figures(audit);
    if !differ.is_empty() {
        writeln!(out)?;
        writeln!(out, "Different figures:")?;
        for line in differ {
            wrapped(&format!("  {line}"), width, out)?;
        }
    }
    if !cut.is_empty() {
        writeln!(out)?;
        for (short, full) in &cut {
            let title = audit
                .touchpoints
                .iter()
                .find(|t| visible(&t.name) == full.as_str())
                .and_then(|t| t.title.as_deref());
            let line = match title {
                Some(title) => format!("{short} = {full} ({})", visible(title)),
                None => format!("{short} = {full}"),
            };
            wrapped(&line, width, out)?;
        }
    }
    writeln!(out)?;
    wrapped(&summary_sentence(audit), width, out)
}

/// Where the columns go, and how wide each is, for a table `width` wide.
fn layout(audit: &Audit, column_totals: &[Cell], width: usize) -> Vec<Block> {
    let chars = |text: &str| text.chars().count();
    let promises = audit.promises.iter().map(|p| chars(&row_title(p)));
    let promise_full = promises
        .chain([chars(PROMISE), chars(TOTAL)])
        .max()
        .unwrap_or(0);
    let totals = (0..audit.promises.len()).map(|p| chars(&cell_text(row_total(audit, p))));
    let totals_width = totals
        .chain([chars(TOTAL), chars(&cell_text(grand_total(audit)))])
        .max()
        .unwrap_or(0);
    // Each touchpoint: the width of its cells, and of its full name.
    let columns: Vec<(usize, usize, usize)> = audit
        .touchpoints
        .iter()
        .enumerate()
        .map(|(t, touchpoint)| {
            let cells = audit.promises.iter().map(|p| chars(&cell_text(p.cells[t])));
            let cells = cells.chain([chars(&cell_text(column_totals[t]))]).max();
            let name = chars(&visible(&touchpoint.name));
            (t, cells.unwrap_or(1).max(name.min(MIN_HEADER)), name)
        })
        .collect();
    let fixed = MIN_PROMISE + GAP.len() + totals_width;
    // Touchpoints in blocks, as many to each as fit at their narrowest.
    let mut blocks: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new()];
    let mut used = fixed;
    for column in columns {
        let needed = GAP.len() + column.1;
        let current = blocks.last_mut().expect("one block at least");
        if used + needed > width && !current.is_empty() {
            blocks.push(vec![column]);
            used = fixed + needed;
        } else {
            current.push(column);
            used += needed;
        }
    }
    let count = blocks.len();
    blocks
        .into_iter()
        .enumerate()
        .map(|(index, columns)| {
            let mut widths: Vec<(usize, usize)> = columns.iter().map(|&(t, w, _)| (t, w)).collect();
            let used: usize = fixed + widths.iter().map(|(_, w)| GAP.len() + w).sum::<usize>();
            let mut spare = width.saturating_sub(used);
            // Spare room goes to the promise names first, up to a comfortable
            // width, then to the touchpoint names, then to the promises again.
            let mut promise = MIN_PROMISE;
            grow(
                &mut promise,
                promise_full.min(COMFORTABLE_PROMISE),
                &mut spare,
            );
            // One character at a time to the narrowest cut name, so that
            // names are cut evenly rather than the last ones most.
            while spare > 0 {
                let cut = widths.iter_mut().zip(&columns).filter(|(c, t)| c.1 < t.2);
                let Some((column, _)) = cut.min_by_key(|(c, _)| c.1) else {
                    break;
                };
                column.1 += 1;
                spare -= 1;
            }
            grow(&mut promise, promise_full, &mut spare);
            Block {
                promise,
                columns: widths,
                totals: (index + 1 == count).then_some(totals_width),
            }
        })
        .collect()
}

/// Widens `current` towards `full` with what `spare` has left.
fn grow(current: &mut usize, full: usize, spare: &mut usize) {
    let more = full.saturating_sub(*current).min(*spare);
    *current += more;
    *spare -= more;
}

/// `text` cut to `width` characters with `…`, noting what was cut in `cut`.
fn fit(text: &str, width: usize, cut: &mut Vec<(String, String)>) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let short: String = text.chars().take(width.saturating_sub(1)).collect();
    let short = format!("{short}…");
    if !cut.iter().any(|(_, full)| full == text) {
        cut.push((short.clone(), text.to_owned()));
    }
    short
}

fn pad_left(text: &str, width: usize, cut: &mut Vec<(String, String)>) -> String {
    let text = fit(text, width, cut);
    let fill = width.saturating_sub(text.chars().count());
    format!("{text}{}", " ".repeat(fill))
}

fn pad_right(text: &str, width: usize, cut: &mut Vec<(String, String)>) -> String {
    let text = fit(text, width, cut);
    let fill = width.saturating_sub(text.chars().count());
    format!("{}{text}", " ".repeat(fill))
}

/// A paragraph wrapped to `width`, lines after the first indented, never
/// broken at a [`KEEP_TOGETHER`], which is printed as a space.
fn wrapped(text: &str, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let options = textwrap::Options::new(width)
        .subsequent_indent("    ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, options) {
        writeln!(out, "{}", line.replace(KEEP_TOGETHER, " "))?;
    }
    Ok(())
}

/// ANSI colours, or none.
struct Paint(bool);

impl Paint {
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn state(&self, state: State, text: &str) -> String {
        let code = match state {
            State::NotMade => "2",
            State::Kept => "32",
            State::Inconsistent => "33",
            State::Broken => "1;31",
        };
        self.wrap(code, text)
    }

    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}
