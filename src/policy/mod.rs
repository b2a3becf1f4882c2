//! The policy stage: promise files read into one typed [`model::Model`].
//!
//! [`syntax`] is the tree the grammar ([`parse`], `grammar/promise.pest`)
//! gives; [`value`] and [`pattern`] type the values and the `says`
//! phrases, [`language`] names the languages of copy and [`scope`] says
//! where a policy value holds; [`model`] holds
//! the types of policies, promises and touchpoints, built from the tree by [`build`] (policies written in YAML
//! imported there, from the spanned tree [`crate::load::yaml`] reads), whose
//! `requires` are resolved against the policies by `resolve`; [`eval`]
//! evaluates a promise's `requires` against the policy. [`mod@format`] prints
//! a tree back in its one layout (`promiselint fmt`). Every input error of
//! these files is a finding, located in the file that holds it.

pub mod build;
pub mod eval;
pub mod format;
pub mod language;
pub mod model;
pub mod parse;
pub mod pattern;
mod resolve;
pub mod scope;
pub mod syntax;
pub mod value;

use crate::finding::Outcome;
use crate::load::workspace::{Skipped, Workspace};
use crate::load::{discover, read, CheckError, CheckOptions};
use crate::source::Sources;
use std::path::PathBuf;

/// What [`load`] read, and what the rest of a run needs of it.
pub struct Loaded {
    /// The files read and their input errors.
    pub outcome: Outcome,
    pub model: model::Model,
    pub workspace: Workspace,
    /// What the walk for promise files could not take.
    pub skipped: Vec<Skipped>,
}

/// Reads and parses every promise file under `paths` that `options` do not
/// exclude, and builds the model.
pub fn load(paths: &[PathBuf], options: &CheckOptions) -> Result<Loaded, CheckError> {
    let workspace = Workspace::new(paths, options.workspace.as_deref());
    let discovered = discover(paths, &options.exclude, &workspace)?;
    let mut outcome = Outcome {
        sources: Sources::with_overlay(options.overlay.clone()),
        promise_files: discovered.files.len(),
        ..Outcome::default()
    };
    let mut parsed = Vec::new();
    for path in discovered.files {
        let read = read::promise_file(
            &mut outcome.sources,
            path,
            &options.limits,
            &mut outcome.findings,
        );
        let Some(file) = read else {
            continue;
        };
        let text = outcome.sources.get(file).text();
        // The items that parse are built and checked even when others do not.
        let (syntax, errors) = parse::parse_file_recovering(file, text, options.limits.max_nesting);
        outcome.findings.extend(errors);
        parsed.push((file, syntax));
    }
    let model = build::build(
        &mut outcome.sources,
        &parsed,
        &options.limits,
        &workspace,
        &mut outcome.findings,
    );
    Ok(Loaded {
        outcome,
        model,
        workspace,
        skipped: discovered.skipped,
    })
}
