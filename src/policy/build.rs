//! Building the model from the parsed promise files: where the semantic
//! checks live. Every name is claimed once, every value typed, every phrase
//! parsed, every `requires` resolved (by `super::resolve`); a policy's
//! `from` imports its fields from a YAML file. What fails a check is
//! reported and left out, so one mistake gives one error, not a cascade.

use super::model::{
    Group, Member, MemberKind, Model, PhraseList, Policy, Promise, Requirement, Touchpoint,
};
use super::resolve::{NotValues, Reads, Resolver};
use super::scope::{self, Properties, Scoped};
use crate::finding::codes::{
    DUPLICATE_DEFINITION, INVALID_ITEM, INVALID_PATTERN, INVALID_POLICY_FILE, INVALID_VALUE,
    UNKNOWN_REFERENCE,
};
use crate::finding::suggest::{did_you_mean, did_you_mean_or};
use crate::finding::{Finding, Label, Severity};
use crate::load::limits::Limits;
use crate::load::read::{self, ReadError, Unread};
use crate::load::walk::parse_glob;
use crate::load::workspace::Workspace;
use crate::load::yaml::{self, Node, NodeKind};
use crate::policy::parse::{bad_field_name, parse_value};
use crate::policy::pattern::{self, Capture, CaptureType, Pattern};
use crate::policy::syntax::{self, Expr, Ident, Item, Str, Unparsed};
use crate::policy::value::{self, Value};
use crate::source::{FileId, Sources, Span};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

/// Builds the model of a run from its parsed promise files. YAML policy
/// files are read and added to `sources`; problems go to `errors`.
pub fn build(
    sources: &mut Sources,
    files: &[(FileId, syntax::File)],
    limits: &Limits,
    workspace: &Workspace,
    errors: &mut Vec<Finding>,
) -> Model {
    let mut model = Model::default();
    let mut names = HashMap::new();
    let mut touchpoint_names = HashMap::new();
    // The syntax of each promise built, for its `only in`.
    let mut limited = Vec::new();
    let items = || {
        files
            .iter()
            .flat_map(|(file, parsed)| parsed.items.iter().map(move |item| (*file, item)))
    };

    let mut not_values = NotValues::new();
    for (file, item) in items() {
        if let Item::Policy(policy) = item {
            if claim(&mut names, &policy.name, "policy", errors) {
                let yaml = Yaml {
                    limits,
                    workspace,
                    not_values: &mut not_values,
                };
                let root = policy_fields(sources, file, policy, yaml, errors);
                model.policies.push(Policy {
                    name: policy.name.clone(),
                    root,
                });
            }
        }
    }
    let reads = RefCell::new(Reads::new(yaml_files(&model.policies), not_values));
    // Items that did not parse were reported with their syntax errors: what
    // names them is not reported again.
    let unparsed = files.iter().flat_map(|(_, parsed)| &parsed.unparsed);
    let (mut unparsed_policies, mut unparsed_touchpoints) = (Vec::new(), Vec::new());
    for item in unparsed {
        match item {
            Unparsed::Policy(name) => unparsed_policies.push(name.name.as_str()),
            Unparsed::Touchpoint(name) => unparsed_touchpoints.push(name.name.as_str()),
        }
    }
    for (file, item) in items() {
        match item {
            Item::Promise(promise) => {
                let title = Ident {
                    name: promise.title.value.clone(),
                    span: promise.title.span,
                };
                if claim(&mut names, &title, "promise", errors) {
                    let resolver = Resolver {
                        policies: &model.policies,
                        unparsed: &unparsed_policies,
                        captures: &[],
                        reads: &reads,
                    };
                    if let Some(built) = build_promise(resolver, promise, errors) {
                        model.promises.push(built);
                        limited.push(promise);
                    }
                }
            }
            Item::Touchpoint(touchpoint) => {
                let name = &touchpoint.name;
                if claim(&mut touchpoint_names, name, "touchpoint", errors) {
                    let base = sources.get(file).folder();
                    if let Some(touchpoint) = build_touchpoint(touchpoint, base, errors) {
                        model.touchpoints.push(touchpoint);
                    }
                }
            }
            Item::Policy(_) => {}
        }
    }
    reads.into_inner().settle(errors);
    // Every touchpoint named, built, failed or unparsed: the failure was reported.
    let mut named: Vec<&str> = touchpoint_names.keys().map(String::as_str).collect();
    named.append(&mut unparsed_touchpoints);
    named.sort_unstable();
    for (built, promise) in model.promises.iter_mut().zip(limited) {
        built.only_in = only_in(promise, &model.touchpoints, &named, errors);
    }
    let scoped = model.policies.iter().flat_map(|p| p.root.scoped_values());
    scope::check_touchpoints(scoped, &named, errors);
    model
}

/// The touchpoints a promise's `only in` statements name, as indexes; `None`
/// without any. An unknown name is reported with the closest one.
fn only_in(
    promise: &syntax::Promise,
    touchpoints: &[Touchpoint],
    named: &[&str],
    errors: &mut Vec<Finding>,
) -> Option<Vec<usize>> {
    let mut limited: Option<Vec<usize>> = None;
    for statement in &promise.statements {
        let syntax::PromiseStatement::OnlyIn {
            touchpoints: names, ..
        } = statement
        else {
            continue;
        };
        let indexes = limited.get_or_insert_with(Vec::new);
        for name in names {
            match touchpoints.iter().position(|t| t.name.name == name.name) {
                Some(index) => indexes.push(index),
                None if named.contains(&name.name.as_str()) => {}
                None => errors.push(Finding::hinted(
                    &UNKNOWN_REFERENCE,
                    name.span,
                    "no such touchpoint",
                    format!("there is no touchpoint `{}`", name.name),
                    did_you_mean_or(
                        &name.name,
                        named.iter().copied(),
                        str::to_owned,
                        "name a touchpoint of the promise files",
                    ),
                )),
            }
        }
    }
    limited
}

/// The YAML files the policies import: where the names of their fields
/// stand, other than the promise file each policy is written in.
fn yaml_files(policies: &[Policy]) -> impl Iterator<Item = FileId> + '_ {
    policies.iter().flat_map(|policy| {
        let written_in = policy.name.span.file;
        let files = policy
            .root
            .members
            .iter()
            .map(|member| member.name.span.file);
        files.filter(move |&file| file != written_in)
    })
}

/// Records a name in a namespace; reports it and returns false if taken.
fn claim(
    namespace: &mut HashMap<String, (Span, &'static str)>,
    ident: &Ident,
    what: &'static str,
    errors: &mut Vec<Finding>,
) -> bool {
    let Some(&(first, first_what)) = namespace.get(&ident.name) else {
        namespace.insert(ident.name.clone(), (ident.span, what));
        return true;
    };
    let finding = if first_what == what {
        let shown = if what == "promise" {
            format!("\"{}\"", ident.name)
        } else {
            format!("`{}`", ident.name)
        };
        duplicate(ident, first, &format!("{what} {shown}"))
    } else {
        Finding::hinted(
            &DUPLICATE_DEFINITION,
            ident.span,
            format!("this {what}"),
            format!("`{}` names both a {first_what} and a {what}", ident.name),
            "policy names and promise titles share one namespace: rename one",
        )
        .with_related(Label::new(first, format!("the {first_what}")))
    };
    errors.push(finding);
    false
}

impl Group {
    /// Adds a member, reporting a second definition of the same name.
    fn insert(&mut self, member: Member, errors: &mut Vec<Finding>) {
        if let Some(first) = self.get(&member.name.name) {
            errors.push(duplicate(
                &member.name,
                first.name.span,
                &format!("field `{}`", member.name.name),
            ));
            return;
        }
        self.members.push(member);
    }
}

fn duplicate(second: &Ident, first: Span, what: &str) -> Finding {
    Finding::new(
        &DUPLICATE_DEFINITION,
        Label::new(second.span, "defined again here"),
        format!("{what} is defined twice"),
    )
    .with_related(Label::new(first, "first defined here"))
    .with_hint("remove one definition, or rename it")
}

// ---------------------------------------------------------------- policies

/// What importing a YAML policy needs besides the file: the limits and the
/// workspace it must stay within, and where its strings that are not values
/// wait for a promise to read them.
struct Yaml<'a> {
    limits: &'a Limits,
    workspace: &'a Workspace,
    not_values: &'a mut NotValues,
}

/// The fields of `policy`, written in `file`: those of the YAML file it
/// imports, if any, then its own.
fn policy_fields(
    sources: &mut Sources,
    file: FileId,
    policy: &syntax::Policy,
    yaml: Yaml,
    errors: &mut Vec<Finding>,
) -> Group {
    let mut root = match &policy.from {
        Some(from) => import_yaml(sources, file, from, yaml, errors),
        None => Group::default(),
    };
    add_entries(&mut root, &policy.entries, errors);
    root
}

fn add_entries(group: &mut Group, entries: &[syntax::Entry], errors: &mut Vec<Finding>) {
    for entry in entries {
        match entry {
            syntax::Entry::Field {
                name,
                scope: Some(scope_node),
                value,
            } => add_scoped(group, name, scope_node, value, errors),
            syntax::Entry::Field {
                name,
                scope: None,
                value,
            } => {
                let kind = match value::lower(value, errors) {
                    Some(lowered) => MemberKind::Field {
                        value: lowered,
                        span: value.span,
                        scoped: Vec::new(),
                    },
                    None => MemberKind::Invalid,
                };
                group.insert(
                    Member {
                        name: name.clone(),
                        kind,
                    },
                    errors,
                );
            }
            syntax::Entry::Group { name, entries } => {
                let mut inner = Group::default();
                add_entries(&mut inner, entries, errors);
                group.insert(
                    Member {
                        name: name.clone(),
                        kind: MemberKind::Group(inner),
                    },
                    errors,
                );
            }
        }
    }
}

/// Adds `name for SCOPE = value` to the field `name` of `group`, which must
/// have its value for everywhere else already.
fn add_scoped(
    group: &mut Group,
    name: &Ident,
    scope_node: &syntax::ScopeNode,
    value: &syntax::ValueNode,
    errors: &mut Vec<Finding>,
) {
    let lowered = value::lower(value, errors);
    let scope = scope::scope(scope_node, errors);
    let member = group.members.iter_mut().find(|m| m.name.name == name.name);
    let Some(member) = member else {
        errors.push(Finding::hinted(
            &INVALID_ITEM,
            scope_node.span,
            "scoped value",
            format!(
                "`{}` has a value for {} but none for everywhere else",
                name.name,
                scope_node.describe()
            ),
            format!("write `{} = …` above it", name.name),
        ));
        return;
    };
    let (Some(lowered), Some(scope)) = (lowered, scope) else {
        return;
    };
    let MemberKind::Field {
        value: default,
        span,
        scoped,
    } = &mut member.kind
    else {
        // A group of that name, or a value already reported invalid.
        return;
    };
    let new = Scoped {
        scope,
        scope_span: scope_node.span,
        value: lowered,
        span: value.span,
    };
    if let Some(first) = scoped.iter().find(|s| s.scope == new.scope) {
        errors.push(duplicate(
            name,
            first.span,
            &format!("`{}` for {}", name.name, scope_node.describe()),
        ));
        return;
    }
    if scope::check_kind(name, (default, *span), &new, errors) {
        scoped.push(new);
    }
}

/// Reads `policy NAME from "file.yaml"`; the path is relative to the promise
/// file `file`. Only a regular file inside the workspace, within
/// `max-policy-file-size`, is read: never a FIFO, a device, `/dev/zero`, or
/// a file a pull request should not see. An overlaid file is an editor's
/// buffer, none of those.
fn import_yaml(
    sources: &mut Sources,
    file: FileId,
    from: &Str,
    yaml: Yaml,
    errors: &mut Vec<Finding>,
) -> Group {
    let Yaml {
        limits,
        workspace,
        not_values,
    } = yaml;
    let base = sources.get(file).folder();
    let path = base.join(&from.value);
    let refuse = |reason: String, hint: &str, errors: &mut Vec<Finding>| {
        errors.push(Finding::hinted(
            &INVALID_POLICY_FILE,
            from.span,
            "imported here",
            format!("cannot import `{}`: {reason}", from.value),
            hint,
        ));
        Group {
            incomplete: true,
            ..Group::default()
        }
    };
    let relative = "the path is relative to this promise file's folder";
    let overlaid = sources.is_overlaid(&path);
    if !overlaid {
        if let Err(error) = std::fs::metadata(&path) {
            let reason = match sibling_like(&path) {
                Some(close) => {
                    let close = std::path::Path::new(&from.value).with_file_name(close);
                    format!(
                        "{error}; did you mean `{}`?",
                        crate::source::display_path(&close)
                    )
                }
                None => error.to_string(),
            };
            return refuse(reason, relative, errors);
        }
        if let Some(why) = workspace.refusal(&path) {
            return refuse(
                format!("it is{}", why.trim_start_matches(',')),
                "a policy file must be inside the folder of promiselint.toml or a checked path",
                errors,
            );
        }
    }
    let text = match read::text(sources, &path, limits.max_policy_file_size) {
        Ok(text) => text,
        Err(unread @ (Unread::Encoding(_) | Unread::Binary)) => {
            return refuse(format!("it {unread}"), "save it as UTF-8", errors)
        }
        Err(Unread::File(ReadError::NotAFile)) => {
            return refuse("it is not a regular file".into(), relative, errors)
        }
        Err(Unread::File(error @ ReadError::TooLarge(_))) => return refuse(
            format!("it {error}"),
            "raise `max-policy-file-size` in promiselint.toml's [limits] if it must be this large",
            errors,
        ),
        Err(Unread::File(ReadError::Io(error))) => {
            return refuse(error.to_string(), relative, errors)
        }
    };
    let yaml_file = sources.add(path, text);
    let text = sources.get(yaml_file).text().clone();
    match yaml::parse(yaml_file, &text, limits.max_nesting) {
        Ok(entries) => yaml_group(sources, entries, not_values, errors),
        Err(finding) => {
            errors.push(*finding);
            Group {
                incomplete: true,
                ..Group::default()
            }
        }
    }
}

/// A file beside a missing one whose name is a likely typo of it.
fn sibling_like(missing: &std::path::Path) -> Option<String> {
    let wanted = missing.file_name()?.to_str()?;
    let names: Vec<String> = std::fs::read_dir(missing.parent()?)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    did_you_mean(wanted, names.iter().map(String::as_str)).map(str::to_owned)
}

/// The fields of a YAML mapping. A key that cannot name a field is left
/// out, silently: operations files carry metadata no promise reads
/// (`open-box-discount`, `updated`), and a path that misses such a key is
/// pointed at it by the resolver.
fn yaml_group(
    sources: &Sources,
    entries: Vec<yaml::Entry>,
    not_values: &mut NotValues,
    errors: &mut Vec<Finding>,
) -> Group {
    let mut group = Group::default();
    for entry in entries {
        let name = Ident {
            name: entry.key,
            span: entry.key_span,
        };
        if bad_field_name(&name.name).is_some() {
            group.unnamed.push(name);
            continue;
        }
        let kind = match entry.value.kind {
            NodeKind::Map(entries) => {
                MemberKind::Group(yaml_group(sources, entries, not_values, errors))
            }
            NodeKind::Null => {
                errors.push(Finding::hinted(
                    &INVALID_POLICY_FILE,
                    name.span,
                    "no value",
                    format!("`{}` has no value", name.name),
                    "give it a value, e.g. `window: 30 days`, or delete the line",
                ));
                MemberKind::Invalid
            }
            _ => {
                let span = entry.value.span;
                let mut why_not = Vec::new();
                let value = yaml_value(sources, entry.value, &mut why_not, errors);
                if !why_not.is_empty() {
                    not_values.insert(span, why_not);
                }
                match value {
                    Some(value) => MemberKind::Field {
                        value,
                        span,
                        scoped: Vec::new(),
                    },
                    None => MemberKind::Invalid,
                }
            }
        };
        group.insert(Member { name, kind }, errors);
    }
    group
}

/// Types a YAML scalar or list. Strings, quoted or not, are read with the
/// promise-file value syntax (quotes in YAML are for YAML's sake: `"5 to 7
/// days"` is a range). One that is not a value is text; if it starts like a
/// figure (`30 dayz`, `2024-05-01`) or has the form of a value that is
/// malformed (`4XL`), what is wrong with it goes to `why_not`, reported only
/// where a promise reads it as a value.
fn yaml_value(
    sources: &Sources,
    node: Node,
    why_not: &mut Vec<Finding>,
    errors: &mut Vec<Finding>,
) -> Option<Value> {
    match node.kind {
        NodeKind::Bool(value) => Some(Value::Boolean(value)),
        NodeKind::Number(text) => value::exact_number(&text, node.span, errors).map(Value::Number),
        NodeKind::String(text) => {
            // Point inside the string when the file holds it as written.
            let exact = sources.slice(node.span) == text;
            let span = |start: usize, end: usize| {
                if exact {
                    Span::new(
                        node.span.file,
                        node.span.start + start,
                        node.span.start + end,
                    )
                } else {
                    node.span
                }
            };
            let mut malformed = Vec::new();
            match parse_value(&text, &span) {
                Some(parsed) => match value::lower(&parsed, &mut malformed) {
                    Some(value) => return Some(value),
                    None => why_not.append(&mut malformed),
                },
                None if text
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || "$€£".contains(c)) =>
                {
                    why_not.push(Finding::hinted(
                        &INVALID_VALUE,
                        node.span,
                        "not a value",
                        format!("`{text}` starts like a figure but is not a value"),
                        "write one value, such as `30 days`, `$50`, `15%` or `5 to 7 business days`",
                    ));
                }
                None => {}
            }
            Some(Value::Text(text))
        }
        NodeKind::List(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                let span = item.span;
                if matches!(
                    item.kind,
                    NodeKind::Map(_) | NodeKind::List(_) | NodeKind::Null
                ) {
                    errors.push(Finding::hinted(
                        &INVALID_POLICY_FILE,
                        span,
                        "not a plain value",
                        "a list element must be a plain value, not a mapping, a list or nothing"
                            .to_owned(),
                        "make the element a single value, or the mapping a group of its own",
                    ));
                    return None;
                }
                values.push((yaml_value(sources, item, why_not, errors)?, span));
            }
            value::list(values, errors)
        }
        NodeKind::Map(_) | NodeKind::Null => None,
    }
}

// ---------------------------------------------------------------- promises

/// Builds `promise`, resolving its `requires` with `resolver`, which is
/// given the captures of its `says` phrases here.
fn build_promise(
    resolver: Resolver,
    promise: &syntax::Promise,
    errors: &mut Vec<Finding>,
) -> Option<Promise> {
    let errors_before = errors.len();
    let mut says = Vec::new();
    let mut unless = Vec::new();
    // A phrase that does not parse declares unknown captures: checking the
    // title and `requires` against the others would only report echoes.
    let mut says_ok = true;
    let mut requires = Vec::new();
    let mut why: Option<(&Str, Span)> = None;
    let mut severity: Option<(Severity, Span)> = None;
    for statement in &promise.statements {
        match statement {
            syntax::PromiseStatement::Says { phrases, .. } => {
                says_ok &= parse_phrases(phrases, &mut says, errors);
            }
            syntax::PromiseStatement::Unless { phrases, .. } => literal_phrases(
                phrases,
                "an `unless` phrase captures nothing: its words alone take the promise back",
                "write the qualifying words without a capture: `unless \"less\", \"except\"`",
                &mut unless,
                errors,
            ),
            syntax::PromiseStatement::Requires { expr, .. } => requires.push(expr),
            syntax::PromiseStatement::Why { keyword, text } => {
                if let Some((_, first)) = why {
                    errors.push(once_only("promise", "why", *keyword, first));
                } else {
                    why = Some((text, *keyword));
                }
            }
            syntax::PromiseStatement::Severity { keyword, level } => {
                set_severity(&mut severity, *keyword, level, "promise", errors);
            }
            // Resolved once every touchpoint is known, by `limit_promises`.
            syntax::PromiseStatement::OnlyIn { .. } => {}
        }
    }
    report_missing(promise, !requires.is_empty(), errors);
    if !says_ok {
        return None;
    }
    let captures = consistent_captures(&says, errors);
    check_title(&promise.title, &captures, errors);
    let resolver = Resolver {
        captures: &captures,
        ..resolver
    };
    let requirements = resolve_requirements(&resolver, requires, errors)?;
    if errors.len() > errors_before {
        return None;
    }
    Some(Promise {
        title: promise.title.clone(),
        keyword: promise.keyword,
        says,
        unless,
        captures,
        requirements,
        why: why.map(|(text, _)| text.value.clone()),
        severity: severity.map_or(Severity::Error, |(level, _)| level),
        only_in: None,
    })
}

/// Parses the phrases of one `says` into `says`; false if any does not parse.
/// Every phrase is parsed, so that each error is reported.
fn parse_phrases(phrases: &[Str], says: &mut Vec<Pattern>, errors: &mut Vec<Finding>) -> bool {
    let mut all = true;
    for phrase in phrases {
        match pattern::parse(phrase, errors) {
            Some(pattern) => says.push(pattern),
            None => all = false,
        }
    }
    all
}

/// Reports a promise with no `says` or no `requires`: it could never be checked.
fn report_missing(promise: &syntax::Promise, has_requires: bool, errors: &mut Vec<Finding>) {
    let has_says = promise
        .statements
        .iter()
        .any(|s| matches!(s, syntax::PromiseStatement::Says { .. }));
    for (missing, present, example) in [
        ("says", has_says, "says \"hassle-free returns\""),
        (
            "requires",
            has_requires,
            "requires returns.restocking_fee == 0%",
        ),
    ] {
        if !present {
            errors.push(Finding::hinted(
                &INVALID_ITEM,
                promise.title.span,
                format!("no `{missing}`"),
                format!("promise \"{}\" has no `{missing}`", promise.title.value),
                format!("add at least one, e.g. `{example}`"),
            ));
        }
    }
}

/// Every requirement is resolved, so each error is reported; a promise
/// missing one of its requirements is never evaluated.
fn resolve_requirements(
    resolver: &Resolver,
    requires: Vec<&Expr>,
    errors: &mut Vec<Finding>,
) -> Option<Vec<Requirement>> {
    let requirements: Vec<Option<Requirement>> = requires
        .into_iter()
        .map(|expr| {
            Some(Requirement {
                span: expr.span,
                condition: resolver.condition(expr, errors)?,
            })
        })
        .collect();
    requirements.into_iter().collect::<Option<_>>()
}

/// Reads a `severity` statement, which an item may have once.
fn set_severity(
    severity: &mut Option<(Severity, Span)>,
    keyword: Span,
    level: &Ident,
    item: &str,
    errors: &mut Vec<Finding>,
) {
    if let Some((_, first)) = *severity {
        errors.push(once_only(item, "severity", keyword, first));
    } else if let Some(parsed) = Severity::from_name(&level.name) {
        *severity = Some((parsed, keyword));
    } else {
        let levels = ["error", "warning", "info"];
        let hint = did_you_mean_or(
            &level.name,
            levels,
            str::to_owned,
            "a severity is `error`, `warning` or `info`",
        );
        errors.push(Finding::hinted(
            &INVALID_ITEM,
            level.span,
            "unknown severity",
            format!("unknown severity `{}`", level.name),
            hint,
        ));
    }
}

fn once_only(item: &str, statement: &str, again: Span, first: Span) -> Finding {
    Finding::new(
        &INVALID_ITEM,
        Label::new(again, "given again"),
        format!("a {item} has at most one `{statement}`"),
    )
    .with_related(Label::new(first, "first given here"))
    .with_hint(format!("keep one `{statement}`"))
}

/// The captures every `says` pattern declares; reports a pattern that differs from the first.
fn consistent_captures(says: &[Pattern], errors: &mut Vec<Finding>) -> Vec<Capture> {
    let signature = |pattern: &Pattern| {
        let mut captures: Vec<(String, CaptureType)> = pattern
            .captures()
            .map(|c| (c.name.clone(), c.kind))
            .collect();
        captures.sort_by(|a, b| a.0.cmp(&b.0));
        captures
    };
    let Some((first, rest)) = says.split_first() else {
        return Vec::new();
    };
    let expected = signature(first);
    for other in rest {
        if signature(other) != expected {
            let list = |pattern: &Pattern| {
                let shown: Vec<String> = pattern.captures().map(|c| format!("`{c}`")).collect();
                if shown.is_empty() {
                    "nothing".to_owned()
                } else {
                    shown.join(", ")
                }
            };
            errors.push(
                Finding::new(
                    &INVALID_PATTERN,
                    Label::new(other.span, format!("captures {}", list(other))),
                    format!(
                        "every phrase of a promise captures the same figures; this one captures {}, the first {}",
                        list(other),
                        list(first)
                    ),
                )
                .with_related(Label::new(first.span, format!("captures {}", list(first))))
                .with_hint("use the same capture names and types in every phrase"),
            );
        }
    }
    first.captures().cloned().collect()
}

/// A title's `{name}` is display only, but it must name a declared capture.
fn check_title(title: &Str, captures: &[Capture], errors: &mut Vec<Finding>) {
    if !title.raw.contains('{') {
        return;
    }
    let mut title_errors = Vec::new();
    let Some(pattern) = pattern::parse(title, &mut title_errors) else {
        errors.extend(title_errors);
        return;
    };
    for used in pattern.captures() {
        if !captures.iter().any(|c| c.name == used.name) {
            let hint = did_you_mean_or(
                &used.name,
                captures.iter().map(|c| c.name.as_str()),
                |name| format!("{{{name}}}"),
                "the title may only name captures its `says` phrases declare".to_owned(),
            );
            errors.push(Finding::hinted(
                &INVALID_PATTERN,
                used.span,
                "not captured by any phrase",
                format!(
                    "the title names `{{{}}}`, which no `says` phrase captures",
                    used.name
                ),
                hint,
            ));
        }
    }
}

// ---------------------------------------------------------------- touchpoints

/// The patterns of a `forbid` or `require`. They capture nothing: the words themselves count.
fn phrase_list(list: &syntax::PhraseList, what: &str, errors: &mut Vec<Finding>) -> PhraseList {
    let mut phrases = Vec::new();
    let why = format!("a {what} phrase captures nothing: the words themselves count");
    literal_phrases(
        &list.phrases,
        &why,
        "write the exact words, or one phrase per figure",
        &mut phrases,
        errors,
    );
    PhraseList {
        phrases,
        because: list.because.as_ref().map(|b| b.value.clone()),
    }
}

/// Parses phrases that must capture nothing into `into`; a phrase with a
/// capture is reported at it, with `why` and `hint`, and left out.
fn literal_phrases(
    phrases: &[Str],
    why: &str,
    hint: &str,
    into: &mut Vec<Pattern>,
    errors: &mut Vec<Finding>,
) {
    for phrase in phrases {
        let Some(pattern) = pattern::parse(phrase, errors) else {
            continue;
        };
        if let Some(capture) = pattern.captures().next() {
            errors.push(Finding::hinted(
                &INVALID_PATTERN,
                capture.span,
                "a capture",
                why.to_owned(),
                hint.to_owned(),
            ));
            continue;
        }
        into.push(pattern);
    }
}

fn build_touchpoint(
    touchpoint: &syntax::Touchpoint,
    base: PathBuf,
    errors: &mut Vec<Finding>,
) -> Option<Touchpoint> {
    let errors_before = errors.len();
    let mut files = Vec::new();
    let mut forbids = Vec::new();
    let mut requires = Vec::new();
    let mut severity = None;
    let mut properties = Properties::default();
    let mut seen = Vec::new();
    for statement in &touchpoint.statements {
        match statement {
            syntax::TouchpointStatement::Property { key, values } => {
                scope::set_property(&mut properties, key, values, &mut seen, errors);
            }
            syntax::TouchpointStatement::Severity { keyword, level } => {
                set_severity(&mut severity, *keyword, level, "touchpoint", errors);
            }
            syntax::TouchpointStatement::Files { globs, .. } => {
                for glob in globs {
                    match parse_glob(&glob.value) {
                        Err(problem) => errors.push(Finding::hinted(
                            &INVALID_ITEM,
                            glob.span,
                            "invalid glob",
                            format!("`{}` is not a valid glob: {problem}", glob.value),
                            "globs are relative to this file's folder, e.g. `site/**/*.md`",
                        )),
                        Ok(_) => files.push(glob.clone()),
                    }
                }
            }
            syntax::TouchpointStatement::Forbid(list) => {
                forbids.push(phrase_list(list, "forbidden", errors));
            }
            syntax::TouchpointStatement::Require(list) => {
                requires.push(phrase_list(list, "required", errors));
            }
        }
    }
    let has_files = touchpoint
        .statements
        .iter()
        .any(|s| matches!(s, syntax::TouchpointStatement::Files { .. }));
    if !has_files {
        errors.push(Finding::hinted(
            &INVALID_ITEM,
            touchpoint.name.span,
            "no `files`",
            format!("touchpoint `{}` has no `files`", touchpoint.name.name),
            "add the copy it covers, e.g. `files \"site/**/*.md\"`",
        ));
    }
    if errors.len() > errors_before {
        return None;
    }
    Some(Touchpoint {
        name: touchpoint.name.clone(),
        title: touchpoint.title.as_ref().map(|t| t.value.clone()),
        base,
        files,
        forbids,
        requires,
        severity: severity.map(|(level, _)| level),
        properties,
    })
}
