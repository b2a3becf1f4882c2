//! One run: the promise files read into a model ([`policy::load`]), the
//! copy of its touchpoints scanned ([`scan::scan`]), every rule run
//! ([`rules::run`]), and the settings of `promiselint.toml` applied last.
//! What a run keeps, [`Analysis`], is what the later stages read: the
//! audit, the fixes, the language server.

use crate::copy::scan;
use crate::finding::{Finding, Outcome};
use crate::load::{CheckError, CheckOptions};
use crate::policy::{self, model, Loaded};
use crate::rules;
use std::path::PathBuf;

/// Checks every promise file under `paths`, the policies they import and
/// the copy of their touchpoints, with the default [`CheckOptions`].
///
/// ```
/// use promiselint::finding::Severity;
///
/// let outcome = promiselint::check(&["examples/retail".into()])?;
/// assert!(outcome.findings.iter().any(|f| f.rule.name == "unbacked-promise"));
/// assert_eq!(outcome.exit_code(Severity::Error), 1);
/// # Ok::<(), promiselint::CheckError>(())
/// ```
pub fn check(paths: &[PathBuf]) -> Result<Outcome, CheckError> {
    check_with(paths, &CheckOptions::default())
}

/// [`check`] with `options`: excluded files are never read, and rule
/// settings apply to the findings last, whichever check made them.
pub fn check_with(paths: &[PathBuf], options: &CheckOptions) -> Result<Outcome, CheckError> {
    analyze(paths, options).map(|analysis| analysis.outcome)
}

/// A check with what it read: what an editor needs to point from a finding
/// or a name to the places behind it.
#[derive(Debug)]
pub struct Analysis {
    pub outcome: Outcome,
    /// The policies, promises and touchpoints read, less what failed to build.
    pub model: model::Model,
    /// The copy read; `None` when input errors kept the copy from being checked.
    pub scan: Option<scan::Scan>,
    /// The findings `check` does not report, dropped by a suppression
    /// comment or by a rule turned off in `[rules]`: for the audit, which
    /// shows what the copy does even where a team accepts it.
    pub suppressed: Vec<Finding>,
}

/// [`check_with`], keeping the model and the copy it read.
pub fn analyze(paths: &[PathBuf], options: &CheckOptions) -> Result<Analysis, CheckError> {
    let Loaded {
        mut outcome,
        model,
        workspace,
        mut skipped,
    } = policy::load(paths, options)?;
    // Copy is held against a model only when the model is whole: with input
    // errors, promises are missing and the copy's findings would mislead.
    let mut scanned = None;
    if !outcome.has_input_errors() {
        let mut scan = scan::scan(&model, &mut outcome.sources, options, &workspace);
        skipped.append(&mut scan.skipped);
        outcome.touchpoints = scan
            .files
            .iter()
            .map(|scanned| {
                let names = scanned.touchpoints.iter();
                let names = names.map(|&t| model.touchpoints[t].name.name.clone());
                (scanned.file, names.collect())
            })
            .collect();
        scanned = Some(scan);
    }
    let mut suppressed = rules::run(
        &model,
        scanned.as_ref(),
        skipped,
        &mut outcome.sources,
        &mut outcome.findings,
    );
    // What the configuration turns off joins what comments suppressed, with
    // the severity its rule gave it: the audit reads states, not severities.
    suppressed.append(&mut options.rules.apply(&mut outcome.findings));
    outcome.sort();
    Ok(Analysis {
        outcome,
        model,
        scan: scanned,
        suppressed,
    })
}
