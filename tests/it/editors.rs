//! Editor support: the short format parses with the VS Code problem matcher
//! and Vim's `errorformat` the README gives, and the TextMate grammar for
//! `.promise` files compiles and knows every keyword.

use crate::common;

use common::{promiselint, stdout};
use std::path::Path;

fn json(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn retail_short() -> String {
    stdout(&promiselint(&[
        "check",
        "examples/retail",
        "--format",
        "short",
    ]))
}

#[test]
fn the_vscode_problem_matcher_reads_every_finding() {
    let manifest = json("editors/vscode/package.json");
    let matcher = &manifest["contributes"]["problemMatchers"][0]["pattern"];
    let regex = regex::Regex::new(matcher["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| matcher[name].as_u64().unwrap() as usize;
    let short = retail_short();
    assert!(short.lines().count() > 10);
    for line in short.lines() {
        let found = regex.captures(line).unwrap_or_else(|| panic!("{line}"));
        let file = &found[group("file")];
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(file).is_file(),
            "{line}"
        );
        assert!(found[group("line")].parse::<u32>().unwrap() > 0);
        assert!(found[group("column")].parse::<u32>().unwrap() > 0);
        assert!(["error", "warning", "info"].contains(&&found[group("severity")]));
        assert!(found[group("code")].starts_with("PL"));
        assert!(found[group("message")].ends_with(')'), "{line}");
    }
}

/// Runs the README's Vim `errorformat` over the short output, where Vim is
/// installed.
#[test]
fn the_vim_errorformat_of_the_readme_reads_every_finding() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let readme = readme.unwrap();
    let errorformat = readme
        .lines()
        .find(|line| line.starts_with("set errorformat="))
        .expect("the README gives an errorformat");
    if std::process::Command::new("vim")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("vim is not installed: the errorformat is not tried");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let findings = folder.path().join("short.txt");
    let read = folder.path().join("quickfix.txt");
    std::fs::write(&findings, retail_short()).unwrap();
    let script = format!(
        "{errorformat}\ncgetfile {}\nredir! > {}\nfor e in getqflist()\n  echo e.valid . '|' . \
         e.lnum . '|' . e.col . '|' . e.type\nendfor\nredir END\nqa!\n",
        findings.display(),
        read.display()
    );
    let script_path = folder.path().join("read.vim");
    std::fs::write(&script_path, script).unwrap();
    let status = std::process::Command::new("vim")
        .args(["-Es", "-u", "NONE", "-S"])
        .arg(&script_path)
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let entries = std::fs::read_to_string(read).unwrap();
    let entries: Vec<&str> = entries.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(entries.len(), retail_short().lines().count());
    for entry in entries {
        let fields: Vec<&str> = entry.split('|').collect();
        assert_eq!(fields[0], "1", "not valid: {entry}");
        assert!(["e", "w", "i"].contains(&fields[3]), "{entry}");
    }
}

#[test]
fn the_textmate_grammar_compiles_and_knows_every_keyword() {
    let grammar = json("editors/vscode/syntaxes/promise.tmLanguage.json");
    assert_eq!(grammar["scopeName"], "source.promise");
    // Every pattern, with its scope name (or its captures' first).
    let mut patterns: Vec<(regex::Regex, String)> = Vec::new();
    let mut pending = vec![&grammar];
    while let Some(node) = pending.pop() {
        match node {
            serde_json::Value::Object(map) => {
                for key in ["match", "begin", "end"] {
                    if let Some(pattern) = map.get(key).and_then(|p| p.as_str()) {
                        let regex =
                            regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
                        let scope = map
                            .get("name")
                            .or_else(|| map.get("captures").and_then(|c| c["1"].get("name")))
                            .and_then(|n| n.as_str())
                            .unwrap_or_default();
                        patterns.push((regex, scope.to_owned()));
                    }
                }
                pending.extend(map.values());
            }
            serde_json::Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    // `min` and `max` are read after a dot, as part of a policy path.
    let words = promiselint::policy::parse::RESERVED_WORDS
        .iter()
        .filter(|word| !["min", "max"].contains(word));
    for word in words.chain(&["require", "unless"]) {
        let highlighted = patterns.iter().any(|(regex, scope)| {
            (scope.starts_with("keyword") || scope.starts_with("constant.language"))
                && regex.find(word).is_some_and(|m| m.as_str() == *word)
        });
        assert!(highlighted, "`{word}` is not highlighted as a keyword");
    }
    let manifest = json("editors/vscode/package.json");
    assert_eq!(
        manifest["contributes"]["grammars"][0]["path"],
        "./syntaxes/promise.tmLanguage.json"
    );
}

/// The VS Code extension starts the language server: its entry point is the
/// manifest's `main`, parses (where Node is installed) and runs `promiselint lsp`.
#[test]
fn the_vscode_extension_starts_the_language_server() {
    let manifest = json("editors/vscode/package.json");
    let main = manifest["main"].as_str().expect("an entry point");
    let entry = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("editors/vscode")
        .join(main);
    let code = std::fs::read_to_string(&entry).unwrap();
    assert!(code.contains(r#"args: ["lsp"]"#), "{code}");
    assert!(code.contains("vscode-languageclient/node"));
    assert!(manifest["dependencies"]["vscode-languageclient"].is_string());
    let events = manifest["activationEvents"].as_array().unwrap();
    assert!(events.iter().any(|e| e == "onLanguage:promise"));
    match std::process::Command::new("node")
        .arg("--check")
        .arg(&entry)
        .output()
    {
        Ok(output) => assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => eprintln!("node is not installed: extension.js is not parsed"),
    }
}
