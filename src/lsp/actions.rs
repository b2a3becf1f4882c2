//! Code actions on a broken promise in copy: the policy's figure in its
//! place, or a suppression comment on the line above.

use super::position::{normal, offset, range};
use super::Workspace;
use crate::copy::CopyKind;
use crate::finding::codes::BROKEN_PROMISE;
use crate::finding::Finding;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::Path;

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
    let outcome = &workspace.analysis.outcome;
    let broken = outcome.findings.iter().filter(|finding| {
        let span = finding.primary.span;
        std::ptr::eq(finding.rule, &BROKEN_PROMISE)
            && normal(outcome.sources.get(span.file).path()) == path
            && span.start <= to
            && from <= span.end
    });
    let fixes = crate::report::fix::for_analysis(workspace.analysis);
    let mut actions = Vec::new();
    for finding in broken {
        let span = finding.primary.span;
        let edit = |title: String, edit: TextEdit| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
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
            actions.push(edit(title, replace));
        }
        let title = format!("Disable {} for the next line", finding.rule.name);
        actions.push(edit(title, suppress(&path, text, finding)));
    }
    Some(actions)
}

/// A `promiselint-disable-next-line` comment for the finding's rule on the
/// line above it, indented as that line is, in the file's comment syntax.
fn suppress(path: &Path, text: &str, finding: &Finding) -> TextEdit {
    let mut start = finding.primary.span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let directive = format!("promiselint-disable-next-line {}", finding.rule.name);
    let comment = match CopyKind::of(path) {
        CopyKind::Markdown | CopyKind::Html => format!("<!-- {directive} -->"),
        CopyKind::Yaml | CopyKind::Text => format!("# {directive}"),
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let at = super::position::position(text, line_start);
    let insert = lsp_types::Range::new(at, at);
    TextEdit::new(insert, format!("{indent}{comment}{newline}"))
}
