//! The human format: rustc-style snippets through miette. (Being written.)

use crate::Outcome;
use std::io::{self, Write};

pub fn render(
    outcome: &Outcome,
    _options: &super::RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::short::render(outcome, out)
}
