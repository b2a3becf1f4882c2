//! `promiselint audit --format markdown`: a compact summary for a
//! pull-request comment — the matrix as a GitHub-flavoured Markdown table,
//! the key, and the summary sentence. Names go in whole: a comment is not
//! 80 columns wide.

use super::{
    cell_text, different_figures, grand_total, key, row_title, row_total, summary_sentence,
    KEEP_TOGETHER,
};
use crate::render::visible::visible;
use crate::report::audit::{Audit, Cell};
use std::io::{self, Write};

pub fn render(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### promiselint audit")?;
    writeln!(out)?;
    let sentence = summary_sentence(audit).replace(KEEP_TOGETHER, " ");
    writeln!(out, "{sentence}")?;
    writeln!(out)?;
    let names = audit.touchpoints.iter().map(|t| cell(&t.name));
    let header: Vec<String> = std::iter::once("promise".to_owned())
        .chain(names)
        .chain(["total".to_owned()])
        .collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let align: Vec<&str> = std::iter::once(":--")
        .chain(std::iter::repeat_n("--:", header.len() - 1))
        .collect();
    writeln!(out, "|{}|", align.join("|"))?;
    // `title` is Markdown already.
    let row = |title: String, cells: Vec<Cell>, total: Cell| {
        let cells = cells.into_iter().chain([total]).map(cell_text);
        let cells: Vec<String> = std::iter::once(title).chain(cells).collect();
        format!("| {} |", cells.join(" | "))
    };
    for (p, promise) in audit.promises.iter().enumerate() {
        writeln!(
            out,
            "{}",
            row(
                cell(&row_title(promise)),
                promise.cells.clone(),
                row_total(audit, p)
            )
        )?;
    }
    let totals = row(
        "**total**".to_owned(),
        audit.column_totals(),
        grand_total(audit),
    );
    writeln!(out, "{totals}")?;
    writeln!(out)?;
    writeln!(out, "{}", key(audit))?;
    let differ = different_figures(audit);
    if !differ.is_empty() {
        writeln!(out)?;
        writeln!(out, "Different figures:")?;
        writeln!(out)?;
        for line in differ {
            writeln!(out, "- {}", cell(&line.replace(KEEP_TOGETHER, " ")))?;
        }
    }
    Ok(())
}

/// Text made safe for a table cell: a `|` would end the cell and a line
/// break the row (it shows [`visible`]); `\` and the characters that start
/// markup are escaped so a name shows as written.
fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped
}
