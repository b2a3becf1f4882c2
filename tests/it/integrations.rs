//! The ready-made integrations run what they say: the pre-commit hook's
//! command and every promiselint command of the GitHub Actions workflow.

use crate::common;

use common::{commit_all, copy_folder};
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(root().join(path)).expect("the file is there");
    serde_yaml::from_str(&text).expect("the file is YAML")
}

/// Runs `command` (`promiselint …`, shell words without quoting) in `folder`.
fn run(command: &str, folder: &Path) -> std::process::Output {
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("promiselint"), "{command}");
    Command::new(env!("CARGO_BIN_EXE_promiselint"))
        .args(words)
        .current_dir(folder)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_pre_commit_hook_checks_the_project_it_runs_in() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("promiselint"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    // The whole project is checked: touchpoints decide which copy counts.
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    // pre-commit reads `files` as a Python regex; this one is also Rust's.
    let files = regex::Regex::new(hook["files"].as_str().expect("a files pattern")).unwrap();
    for name in [
        "p.promise",
        "ops/a.yaml",
        "b.yml",
        "site/c.md",
        "d.mdx",
        "e.html",
        "f.htm",
        "g.txt",
    ] {
        assert!(files.is_match(name), "{files} misses {name}");
    }
    for name in ["main.rs", "image.png", "promise.lock"] {
        assert!(!files.is_match(name), "{files} takes {name}");
    }

    let entry = hook["entry"].as_str().expect("an entry");
    let output = run(entry, &root().join("examples/retail"));
    // The example breaks promises on purpose: the hook fails, and says where.
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("promises.promise:"), "{said}");
}

#[test]
fn every_promiselint_command_of_the_github_workflow_runs() {
    let workflow = yaml("examples/ci/github-actions.yml");
    let steps = workflow["jobs"]["promiselint"]["steps"]
        .as_sequence()
        .expect("the job's steps");
    let commands: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .filter(|run| run.starts_with("promiselint "))
        .collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    let uploads = steps.iter().filter_map(|step| step["uses"].as_str());
    assert!(uploads
        .into_iter()
        .any(|uses| uses.starts_with("github/codeql-action/upload-sarif")));

    // The retail example as a repository, the base branch its first commit.
    let folder = tempfile::tempdir().unwrap();
    let repository = folder.path();
    copy_folder(&root().join("examples/retail"), repository);
    commit_all(repository);
    for command in commands {
        // What the shell does around promiselint is the shell's.
        let command = command.split(" > ").next().unwrap();
        let command = command.replace("\"origin/${{ github.base_ref }}\"", "HEAD");
        let output = run(&command, repository);
        let code = output.status.code();
        assert!(matches!(code, Some(0 | 1)), "{command}: {code:?}");
        let said = String::from_utf8_lossy(&output.stdout);
        if command.contains("--format sarif") {
            let sarif: serde_json::Value = serde_json::from_str(&said).expect("SARIF is JSON");
            assert_eq!(sarif["version"], "2.1.0");
        } else if !command.contains("--changed-since") {
            assert!(said.starts_with("::error file="), "{command}: {said}");
        }
    }
}
