//! Code actions on a broken promise in copy: the policy's figure in its
//! place, or suppression comments where they leave the copy as it reads
//! (see [`crate::report::fix::suppress`]).

use super::position::{normal, offset, range};
use super::Workspace;
use crate::copy::CopyKind;
use crate::finding::codes::BROKEN_PROMISE;
use crate::finding::Finding;
use crate::report::fix::suppress::suppress;
use crate::report::fix::{self, Fixes};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

/// The actions for every broken promise in the requested range.
pub fn code_actions(
    workspace: &Workspace,
    params: CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = params.text_document.uri;
    let path = normal(&super::position::uri_to_path(&uri)?);
    let text = workspace.open.get(&path)?.text.as_str();
    let (from, to) = (
        offset(text, params.range.start),
        offset(text, params.range.end),
    );
    let analysis = workspace.analysis;
    let outcome = &analysis.outcome;
    let in_file: Vec<Finding> = outcome
        .findings
        .iter()
        .filter(|finding| {
            std::ptr::eq(finding.rule, &BROKEN_PROMISE)
                && normal(outcome.sources.get(finding.primary.span.file).path()) == path
        })
        .cloned()
        .collect();
    // The fixes of this file alone: each reads the file's copy again.
    let fixes = analysis.scan.as_ref().map_or_else(Fixes::default, |scan| {
        fix::fixes(&analysis.model, scan, &outcome.sources, &in_file)
    });
    let kind = CopyKind::of(&path);
    let in_range = in_file.iter().filter(|finding| {
        let span = finding.primary.span;
        span.start <= to && from <= span.end
    });
    let mut actions = Vec::new();
    for finding in in_range {
        let span = finding.primary.span;
        let edits = |title: String, edits: Vec<TextEdit>| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            })
        };
        if let Some(fix) = fixes.fixes.iter().find(|fix| fix.phrase == span) {
            let replace = TextEdit::new(
                range(text, fix.range.start, fix.range.end),
                fix.replacement.clone(),
            );
            let title = format!("Replace with the policy's figure: \"{}\"", fix.after);
            actions.push(edits(title, vec![replace]));
        }
        if let Some(suppress) = suppress(kind, text, span.start, finding.rule) {
            let name = finding.rule.name;
            let title = match suppress.lines.len() {
                1 => format!("Disable {name} for the next line"),
                _ => {
                    let lines = suppress.lines;
                    format!("Disable {name} for lines {}–{}", lines.start, lines.end - 1)
                }
            };
            let inserts = suppress.insertions.into_iter().map(|(at, line)| {
                let at = super::position::position(text, at);
                TextEdit::new(lsp_types::Range::new(at, at), line)
            });
            actions.push(edits(title, inserts.collect()));
        }
    }
    Some(actions)
}
