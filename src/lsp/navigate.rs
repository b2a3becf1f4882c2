//! Hover and go-to-definition on the policy paths of `requires`, and the
//! outline of a promise file.

use super::diagnostics::location;
use super::position::{normal, offset, range};
use super::Workspace;
use crate::finding::Label;
use crate::policy::model::{Condition, Group, MemberKind, Model, Operand, OperandSource};
use crate::policy::scope::Scoped;
use crate::policy::value::Value;
use crate::source::{relative, Span};
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind,
    SymbolKind, TextDocumentPositionParams,
};
use std::path::PathBuf;

/// The value of the policy path under the cursor, and where it is set.
pub fn hover(workspace: &Workspace, params: HoverParams) -> Option<Hover> {
    let (operand, path, value, defined_at, scoped) =
        policy_path_at(workspace, &params.text_document_position_params)?;
    let sources = &workspace.analysis.outcome.sources;
    let file = sources.get(defined_at.file);
    let at = file.line_col(defined_at.start);
    let shown = relative(&workspace.root, &normal(file.path()));
    let mut value = format!(
        "`{path}` = `{value}`\n\nset in `{}` line {}",
        crate::source::display_path(&shown),
        at.line
    );
    for scoped in scoped {
        let line = sources
            .get(scoped.span.file)
            .line_col(scoped.span.start)
            .line;
        value.push_str(&format!(
            "\n\nfor {}: `{}` (line {line})",
            scoped.scope, scoped.value
        ));
    }
    let text = workspace.text_of(operand.span);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(text, operand.span.start, operand.span.end)),
    })
}

/// Where the policy path under the cursor is set.
pub fn definition(
    workspace: &Workspace,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let (_, _, _, defined_at, _) =
        policy_path_at(workspace, &params.text_document_position_params)?;
    let label = Label::new(defined_at, "");
    let sources = &workspace.analysis.outcome.sources;
    location(sources, &label).map(GotoDefinitionResponse::Scalar)
}

/// The policy operand under the cursor: the operand, its path, value,
/// where the policy sets it, and its values for some scopes only.
fn policy_path_at<'a>(
    workspace: &'a Workspace,
    at: &TextDocumentPositionParams,
) -> Option<(&'a Operand, &'a str, &'a Value, Span, &'a [Scoped])> {
    let path = workspace.path_of(&at.text_document.uri)?;
    let text = &workspace.open.get(&path)?.text;
    let cursor = offset(text, at.position);
    policy_operands(&workspace.analysis.model)
        .into_iter()
        .filter(|operand| operand.span.start <= cursor && cursor <= operand.span.end)
        .filter(|operand| workspace.path_of_span(operand.span) == path)
        .find_map(|operand| match &operand.source {
            OperandSource::Policy {
                path,
                value,
                defined_at,
                scoped,
            } => Some((
                operand,
                path.as_str(),
                value,
                *defined_at,
                scoped.as_slice(),
            )),
            _ => None,
        })
}

/// Every operand of every requirement that reads the policy.
fn policy_operands(model: &Model) -> Vec<&Operand> {
    fn walk<'a>(condition: &'a Condition, found: &mut Vec<&'a Operand>) {
        match condition {
            Condition::Any(all) | Condition::All(all) => {
                all.iter().for_each(|c| walk(c, found));
            }
            Condition::Not(inner) => walk(inner, found),
            Condition::Compare { left, right, .. } => found.extend([left, right]),
            Condition::Holds(operand) => found.push(operand),
        }
    }
    let mut found = Vec::new();
    let requirements = model.promises.iter().flat_map(|p| &p.requirements);
    requirements.for_each(|requirement| walk(&requirement.condition, &mut found));
    found.retain(|operand| matches!(operand.source, OperandSource::Policy { .. }));
    found
}

/// The policies (with their fields), promises and touchpoints of a file.
pub fn symbols(
    workspace: &Workspace,
    params: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let path = workspace.path_of(&params.text_document.uri)?;
    let model = &workspace.analysis.model;
    let here = |span: Span| workspace.path_of_span(span) == path;
    let symbol =
        |name: &str, kind, span: Span, children| workspace.symbol(name, kind, span, children);
    let mut symbols = Vec::new();
    for policy in model.policies.iter().filter(|p| here(p.name.span)) {
        let fields = workspace.fields(&policy.root, &here);
        symbols.push(symbol(
            &policy.name.name,
            SymbolKind::NAMESPACE,
            policy.name.span,
            fields,
        ));
    }
    for promise in model.promises.iter().filter(|p| here(p.keyword)) {
        let span = promise.keyword.to(promise.title.span);
        symbols.push(symbol(
            &promise.title.value,
            SymbolKind::INTERFACE,
            span,
            Vec::new(),
        ));
    }
    for touchpoint in model.touchpoints.iter().filter(|t| here(t.name.span)) {
        let span = touchpoint.name.span;
        symbols.push(symbol(
            &touchpoint.name.name,
            SymbolKind::MODULE,
            span,
            Vec::new(),
        ));
    }
    symbols.sort_by_key(|symbol| (symbol.range.start.line, symbol.range.start.character));
    Some(DocumentSymbolResponse::Nested(symbols))
}

impl Workspace<'_> {
    fn path_of(&self, uri: &lsp_types::Uri) -> Option<PathBuf> {
        super::position::uri_to_path(uri).map(|path| normal(&path))
    }

    fn path_of_span(&self, span: Span) -> PathBuf {
        normal(self.analysis.outcome.sources.get(span.file).path())
    }

    fn text_of(&self, span: Span) -> &str {
        self.analysis.outcome.sources.get(span.file).text()
    }

    /// The fields and groups of `group` that stand in this file.
    fn fields(&self, group: &Group, here: &dyn Fn(Span) -> bool) -> Vec<DocumentSymbol> {
        let members = group.members.iter().filter(|member| here(member.name.span));
        members
            .map(|member| {
                let name = &member.name;
                match &member.kind {
                    MemberKind::Field { value, span, .. } => {
                        let mut symbol = self.symbol(
                            &name.name,
                            SymbolKind::FIELD,
                            name.span.to(*span),
                            Vec::new(),
                        );
                        symbol.detail = Some(value.to_string());
                        symbol
                    }
                    MemberKind::Group(inner) => {
                        let children = self.fields(inner, here);
                        self.symbol(&name.name, SymbolKind::OBJECT, name.span, children)
                    }
                    MemberKind::Invalid => {
                        self.symbol(&name.name, SymbolKind::FIELD, name.span, Vec::new())
                    }
                }
            })
            .collect()
    }

    fn symbol(
        &self,
        name: &str,
        kind: SymbolKind,
        span: Span,
        children: Vec<DocumentSymbol>,
    ) -> DocumentSymbol {
        let text = self.text_of(span);
        let range = range(text, span.start, span.end);
        #[allow(deprecated)] // `deprecated` has to be given, as `None`.
        DocumentSymbol {
            name: name.to_owned(),
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: (!children.is_empty()).then_some(children),
        }
    }
}
