//! Hover and go-to-definition on the policy paths of `requires`, hover on
//! the promises copy makes, and the outline of a promise file.

use super::diagnostics::location;
use super::position::{normal, offset, range};
use super::Workspace;
use crate::copy::scan::Said;
use crate::finding::codes::{BROKEN_PROMISE, INCONSISTENT_CLAIM, UNCHECKABLE_PROMISE};
use crate::finding::{Finding, Label, Rule};
use crate::policy::model::{Condition, Group, MemberKind, Model, Operand, OperandSource};
use crate::source::{FileId, Span};
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind,
    SymbolKind, TextDocumentPositionParams,
};
use std::path::PathBuf;

/// What the findings at a promise made in copy say of it, worst first.
const VERDICTS: [(&Rule, &str); 3] = [
    (&BROKEN_PROMISE, "✗ does not hold here"),
    (&UNCHECKABLE_PROMISE, "? cannot be checked here"),
    (&INCONSISTENT_CLAIM, "≠ other copy says otherwise"),
];

/// Said of a finding that a suppression comment or `[rules]` drops.
const SUPPRESSED: &str = " (suppressed: `check` does not report it)";

/// On a policy path of a `requires`: its value and where it is set. On a
/// promise made in copy: the promise, what it requires and the policy
/// values that reads, and whether it holds there.
pub fn hover(workspace: &Workspace, params: HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let (value, span) = policy_hover(workspace, at).or_else(|| promise_hover(workspace, at))?;
    let text = workspace.text_of(span);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(text, span.start, span.end)),
    })
}

/// The value of the policy path under the cursor, where it is set, and
/// its values for some scopes only.
fn policy_hover(workspace: &Workspace, at: &TextDocumentPositionParams) -> Option<(String, Span)> {
    let operand = policy_operand_at(workspace, at)?;
    let lines = workspace.policy_value(operand)?;
    Some((lines.join("\n\n"), operand.span))
}

/// The promise made by the phrase of copy under the cursor: its title and
/// where it is defined, the figures the copy gives it here, each of its
/// requirements with the policy values it reads, and whether it holds here.
fn promise_hover(workspace: &Workspace, at: &TextDocumentPositionParams) -> Option<(String, Span)> {
    let path = workspace.path_of(&at.text_document.uri)?;
    let text = &workspace.open.get(&path)?.text;
    let cursor = offset(text, at.position);
    let scan = workspace.analysis.scan.as_ref()?;
    let file = scan
        .files
        .iter()
        .chain(&scan.fixtures)
        .find(|file| workspace.path_of_file(file.file) == path)?;
    let said = file
        .said
        .iter()
        .find(|said| said.span.start <= cursor && cursor <= said.span.end)?;
    let model = &workspace.analysis.model;
    let promise = &model.promises[said.promise];
    let mut value = format!(
        "**promise \"{}\"**, defined in {}",
        promise.title.value,
        workspace.where_set(promise.keyword)
    );
    if !said.captures.is_empty() {
        let figures: Vec<String> = said
            .captures
            .iter()
            .map(|(name, figure)| format!("`{name}` = `{figure}`"))
            .collect();
        value.push_str(&format!("\n\nhere {}", figures.join(", ")));
    }
    let sources = &workspace.analysis.outcome.sources;
    for requirement in &promise.requirements {
        value.push_str(&format!(
            "\n\nrequires `{}`",
            sources.slice(requirement.span)
        ));
        for operand in condition_operands(&requirement.condition) {
            let Some(lines) = workspace.policy_value(operand) else {
                continue;
            };
            let (first, scoped) = lines.split_first()?;
            value.push_str(&format!("\n- {first}"));
            for line in scoped {
                value.push_str(&format!("\n  - {line}"));
            }
        }
    }
    value.push_str(&format!("\n\n{}", workspace.holds_here(said)));
    Some((value, said.span))
}

/// Where the policy path under the cursor is set.
pub fn definition(
    workspace: &Workspace,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let operand = policy_operand_at(workspace, &params.text_document_position_params)?;
    let OperandSource::Policy { defined_at, .. } = &operand.source else {
        return None;
    };
    let label = Label::new(*defined_at, "");
    let sources = &workspace.analysis.outcome.sources;
    location(sources, &label).map(GotoDefinitionResponse::Scalar)
}

/// The operand of a `requires` under the cursor that reads the policy.
fn policy_operand_at<'a>(
    workspace: &'a Workspace,
    at: &TextDocumentPositionParams,
) -> Option<&'a Operand> {
    let path = workspace.path_of(&at.text_document.uri)?;
    let text = &workspace.open.get(&path)?.text;
    let cursor = offset(text, at.position);
    policy_operands(&workspace.analysis.model)
        .into_iter()
        .filter(|operand| operand.span.start <= cursor && cursor <= operand.span.end)
        .find(|operand| workspace.path_of_span(operand.span) == path)
}

/// Every operand of every requirement that reads the policy.
fn policy_operands(model: &Model) -> Vec<&Operand> {
    let requirements = model.promises.iter().flat_map(|p| &p.requirements);
    requirements
        .flat_map(|requirement| condition_operands(&requirement.condition))
        .collect()
}

/// The operands of a condition that read the policy, in the order written.
fn condition_operands(condition: &Condition) -> Vec<&Operand> {
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
    walk(condition, &mut found);
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
        self.path_of_file(span.file)
    }

    fn path_of_file(&self, file: FileId) -> PathBuf {
        normal(self.analysis.outcome.sources.get(file).path())
    }

    /// "`store.promise` line 2": where `span` is, its path as `check` prints it.
    fn where_set(&self, span: Span) -> String {
        let file = self.analysis.outcome.sources.get(span.file);
        let line = file.line_col(span.start).line;
        format!("`{}` line {line}", file.display_path())
    }

    /// A policy operand's value and where it is set, then a line for each
    /// scope with a value of its own; `None` for an operand of no policy.
    fn policy_value(&self, operand: &Operand) -> Option<Vec<String>> {
        let OperandSource::Policy {
            path,
            value,
            defined_at,
            scoped,
        } = &operand.source
        else {
            return None;
        };
        let sources = &self.analysis.outcome.sources;
        let set = format!(
            "`{path}` = `{value}`, set in {}",
            self.where_set(*defined_at)
        );
        let scoped = scoped.iter().map(|scoped| {
            let line = sources
                .get(scoped.span.file)
                .line_col(scoped.span.start)
                .line;
            format!("for {}: `{}` (line {line})", scoped.scope, scoped.value)
        });
        Some(std::iter::once(set).chain(scoped).collect())
    }

    /// Whether the promise made at `said` holds there, as the findings at
    /// its words say, those `check` does not report included.
    fn holds_here(&self, said: &Said) -> String {
        if said.negated {
            return match &said.qualified {
                Some(qualifier) => format!("not made here: \"{}\" takes it back", qualifier.text),
                None => "not made here: the words are under negation".to_owned(),
            };
        }
        let analysis = self.analysis;
        let reported = analysis.outcome.findings.iter().map(|f| (f, ""));
        let suppressed = analysis.suppressed.iter().map(|f| (f, SUPPRESSED));
        let here: Vec<(&Finding, &str)> = reported
            .chain(suppressed)
            .filter(|(finding, _)| finding.primary.span == said.span)
            .collect();
        let verdicts: Vec<String> = VERDICTS
            .iter()
            .filter_map(|&(rule, verdict)| {
                let (finding, note) = here.iter().find(|(finding, _)| finding.rule == rule)?;
                Some(format!("{verdict}: {}{note}", finding.message))
            })
            .collect();
        match verdicts.is_empty() {
            true => "✓ holds here".to_owned(),
            false => verdicts.join("\n\n"),
        }
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
