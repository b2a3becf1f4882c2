//! The layout pins the design: read from the `use` lines of `src/`, every
//! module imports only its own stage and the stages before it, and no two
//! modules import each other, however indirectly.
//!
//! References are read from the code, not from comments or unit tests (a
//! test may reach for whatever it needs): `crate::stage::…`, `super::…`
//! resolved to the module it names, and, in the binary, `promiselint::…`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in the order the data flows; a module of one may import only
/// modules of the same or an earlier stage.
const STAGES: &[&str] = &[
    "work", "source", "finding", "load", "policy", "copy", "rules", "analysis", "report", "render",
    "lsp",
];

/// The binary's modules, after every stage of the library.
const BINARY: &str = "(binary)";

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, with its module path (`["load", "read"]`;
/// `[]` for `lib.rs`; the binary's files start with [`BINARY`]).
fn modules() -> Vec<(PathBuf, Vec<String>)> {
    let root = src();
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).unwrap().with_extension("");
        let mut parts: Vec<String> = relative
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        if parts
            .last()
            .is_some_and(|last| last == "mod" || last == "lib")
        {
            parts.pop();
        }
        if matches!(
            parts.first().map(String::as_str),
            Some("main" | "cli" | "commands")
        ) {
            parts.insert(0, BINARY.to_owned());
        }
        found.push((path.to_path_buf(), parts));
    }
    found
}

/// The code of a file without comments and without its unit tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let tests = regex::Regex::new(r"#\[cfg\([^\]]*\btest\b[^\]]*\)\]\s*mod tests\b").unwrap();
    let text = match tests.find(&text) {
        Some(found) => &text[..found.start()],
        None => &text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file's code refers to, as far as they name modules.
fn references(code: &str, module: &[String], is_binary: bool) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let prefixes: &[&str] = if is_binary {
        &["promiselint::", "crate::"]
    } else {
        &["crate::"]
    };
    let path_start = regex::Regex::new(r"\b(?:promiselint|crate|super)::").unwrap();
    for start in path_start.find_iter(code) {
        let rest = &code[start.start()..];
        for path in expand(rest) {
            let mut segments: Vec<String> = path.split("::").map(str::to_owned).collect();
            let resolved = match segments[0].as_str() {
                "super" => {
                    // The file's own module is the base; each `super` goes one up.
                    let mut base = module.to_vec();
                    while segments.first().is_some_and(|s| s == "super") {
                        segments.remove(0);
                        base.pop();
                    }
                    base.extend(segments);
                    base
                }
                "crate" if is_binary => {
                    segments[0] = BINARY.to_owned();
                    segments
                }
                first if prefixes.iter().any(|p| p.starts_with(first)) => {
                    segments.remove(0);
                    segments
                }
                _ => continue,
            };
            found.insert(resolved);
        }
    }
    found
}

/// The paths a reference starting at `text` spells out: one for
/// `crate::a::b`, several for `crate::{a, b::{c, d}}`.
fn expand(text: &str) -> Vec<String> {
    let mut prefix = String::new();
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            prefix.push(c);
            continue;
        }
        if c == '{' && prefix.ends_with("::") {
            let inner = &text[at + 1..];
            let mut depth = 0;
            let mut end = inner.len();
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = i;
                        break;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            return split_top_level(&inner[..end])
                .into_iter()
                .flat_map(|item| expand(item.trim()))
                .filter(|item| !item.is_empty() && item != "self")
                .map(|item| format!("{prefix}{item}"))
                .chain(std::iter::once(prefix.trim_end_matches(':').to_owned()))
                .collect();
        }
        break;
    }
    vec![prefix.trim_end_matches(':').to_owned()]
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[from..]);
    items
}

/// The stage of a module path: its index in [`STAGES`], or after them all
/// for the binary; `None` for the crate root (the facade re-exports).
fn stage(module: &[String]) -> Option<usize> {
    let first = module.first()?;
    if first == BINARY {
        return Some(STAGES.len());
    }
    STAGES.iter().position(|stage| stage == first)
}

/// The longest prefix of `reference` that is a module of `known`.
fn module_of<'a>(
    reference: &[String],
    known: &'a BTreeSet<Vec<String>>,
) -> Option<&'a Vec<String>> {
    (1..=reference.len())
        .rev()
        .find_map(|len| known.get(&reference[..len]))
}

#[test]
fn every_module_imports_only_its_own_and_earlier_stages() {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.iter().map(|(_, module)| module.clone()).collect();
    let mut back = Vec::new();
    let mut unstaged = Vec::new();
    for (path, module) in &modules {
        let Some(own) = stage(module) else {
            continue;
        };
        let is_binary = own == STAGES.len();
        for reference in references(&code(path), module, is_binary) {
            let Some(target) = module_of(&reference, &known) else {
                continue;
            };
            match stage(target) {
                Some(theirs) if theirs > own => back.push(format!(
                    "{} imports {} (a later stage)",
                    path.strip_prefix(src()).unwrap().display(),
                    reference.join("::")
                )),
                None if !target.is_empty() => unstaged.push(target.join("::")),
                _ => {}
            }
        }
    }
    assert!(
        back.is_empty(),
        "imports back up the stages:\n{}",
        back.join("\n")
    );
    assert!(
        unstaged.is_empty(),
        "modules in no stage (add them to STAGES): {unstaged:?}"
    );
    // Every top-level module of the library is a stage, and every stage exists.
    let top: BTreeSet<&str> = known
        .iter()
        .filter(|module| module.len() == 1 && module[0] != BINARY)
        .map(|module| module[0].as_str())
        .collect();
    assert_eq!(top, STAGES.iter().copied().collect());
}

#[test]
fn no_two_modules_import_each_other() {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.iter().map(|(_, module)| module.clone()).collect();
    // Edges between files; a module's own children (declared with `mod`)
    // are not imports of it, and a child naming its parent's items is the
    // usual way for a folder to share its types.
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (path, module) in &modules {
        let is_binary = stage(module) == Some(STAGES.len());
        for reference in references(&code(path), module, is_binary) {
            let Some(target) = module_of(&reference, &known) else {
                continue;
            };
            let is_child = target.len() > module.len() && target.starts_with(module);
            if target != module && !is_child && !target.is_empty() {
                edges
                    .entry(module.clone())
                    .or_default()
                    .insert(target.clone());
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, bool>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(true) => return None,
            Some(false) => {
                let at = stack.iter().position(|n| n == node).unwrap();
                return Some(stack[at..].iter().map(|n| n.join("::")).collect());
            }
            None => {}
        }
        state.insert(node.clone(), false);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(node.clone(), true);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, &edges, &mut state, &mut Vec::new()) {
            panic!("an import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_source_root_holds_at_most_eight_files() {
    let files: Vec<_> = std::fs::read_dir(src())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    assert!(files.len() <= 8, "{files:?}");
}

#[test]
fn references_are_read_from_paths_and_groups() {
    let module = vec!["policy".to_owned(), "model".to_owned()];
    let found = references(
        "use crate::{finding::codes::{A, B}, load};\nuse super::parse::x;",
        &module,
        false,
    );
    let spelled: BTreeSet<String> = found.iter().map(|path| path.join("::")).collect();
    for expected in [
        "finding::codes::A",
        "finding::codes::B",
        "load",
        "policy::parse::x",
    ] {
        assert!(spelled.contains(expected), "{expected} not in {spelled:?}");
    }
}
