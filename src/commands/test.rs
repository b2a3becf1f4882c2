//! `promiselint test`: runs the fixtures of the touchpoints and reports
//! every expectation a line does not meet.

use super::{configuration, report};
use crate::cli::TestArgs;
use promiselint::finding::Severity;
use promiselint::render::{self, Format, RenderOptions};
use std::io::Write;

/// `promiselint test`: the configuration's exclusions and rule settings
/// apply to the fixtures too.
pub fn test(args: &TestArgs, color: bool, out: &mut impl Write) -> std::io::Result<u8> {
    let config = match configuration(&args.config, &args.paths) {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            let outcome = error.into_outcome();
            return report(&outcome, Format::Human, None, color, Severity::Error, out);
        }
    };
    let report = match promiselint::test(&args.paths, &config.options) {
        Ok(report) => report,
        Err(error) => {
            say!("promiselint: {error}");
            return Ok(2);
        }
    };
    let options = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    render::render_test(&report, &options, out)?;
    out.flush()?;
    Ok(report.exit_code())
}
