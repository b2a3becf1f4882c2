//! The ready-made integrations run what they say: the pre-commit hook's
//! command and every promiselint command of the GitHub Actions workflow; the
//! composite action (`action.yml`) runs its scripts.

use crate::common;

use common::{commit_all, copy_folder};
use std::collections::BTreeMap;
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

/// The composite action's steps, and its inputs with their defaults.
struct Action {
    steps: Vec<serde_yaml::Value>,
    defaults: BTreeMap<String, String>,
}

fn action() -> Action {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let defaults = action["inputs"]
        .as_mapping()
        .expect("inputs")
        .iter()
        .map(|(name, input)| {
            assert!(
                input["description"].is_string(),
                "{name:?} has no description"
            );
            let default = input["default"].as_str().expect("a default, as text");
            (name.as_str().unwrap().to_owned(), default.to_owned())
        })
        .collect();
    let steps = action["runs"]["steps"]
        .as_sequence()
        .expect("steps")
        .clone();
    Action { steps, defaults }
}

impl Action {
    fn step(&self, name: &str) -> &serde_yaml::Value {
        self.steps
            .iter()
            .find(|step| step["name"].as_str().is_some_and(|n| n.starts_with(name)))
            .unwrap_or_else(|| panic!("no step named {name}…"))
    }

    /// The value of one `${{ … }}` expression of a step's `env`: an input
    /// (its default unless `inputs` sets it) or the action's own folder.
    fn evaluate(&self, expression: &str, inputs: &[(&str, &str)]) -> String {
        if expression == "github.action_path" {
            return root().display().to_string();
        }
        let name = expression
            .strip_prefix("inputs.")
            .unwrap_or_else(|| panic!("the test cannot evaluate `{expression}`"));
        let default = self
            .defaults
            .get(name)
            .unwrap_or_else(|| panic!("no input {name}"));
        inputs
            .iter()
            .find(|(given, _)| *given == name)
            .map_or(default.clone(), |(_, value)| value.to_string())
    }

    /// Runs a step's script as GitHub's `shell: bash` does, in `folder`,
    /// with `bin` first on PATH; its outputs (`$GITHUB_OUTPUT`) go to `outputs`.
    fn run(
        &self,
        step: &serde_yaml::Value,
        inputs: &[(&str, &str)],
        folder: &Path,
        bin: &Path,
        outputs: &Path,
    ) -> std::process::Output {
        assert_eq!(step["shell"].as_str(), Some("bash"), "{step:?}");
        let script = step["run"].as_str().expect("a script");
        // Inputs reach the script through its environment: spliced into it,
        // an input could run shell code.
        assert!(!script.contains("${{"), "{script}");
        let expression = regex::Regex::new(r"^\$\{\{\s*([\w.-]+)\s*\}\}$").unwrap();
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(folder)
            .env("GITHUB_OUTPUT", outputs)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env_remove("NO_COLOR");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![bin.to_owned()];
        paths.extend(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(paths).unwrap());
        for (name, value) in step["env"].as_mapping().into_iter().flatten() {
            let value = value.as_str().expect("env values are text");
            let value = match expression.captures(value) {
                Some(captures) => self.evaluate(&captures[1], inputs),
                None => value.to_owned(),
            };
            command.env(name.as_str().unwrap(), value);
        }
        command.output().expect("bash runs")
    }
}

/// A folder for `promiselint` alone, to put first on PATH.
fn promiselint_bin() -> tempfile::TempDir {
    let bin = tempfile::tempdir().unwrap();
    let to = bin.path().join("promiselint");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_promiselint"), to).unwrap();
    bin
}

/// The example store as a repository, as the action's users check it out.
fn retail_repository() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&root().join("examples/retail"), folder.path());
    commit_all(folder.path());
    folder
}

#[cfg(unix)]
#[test]
fn the_github_action_installs_from_its_own_checkout() {
    let action = action();
    let scratch = tempfile::tempdir().unwrap();
    let outputs = scratch.path().join("outputs");
    // The cache key: promiselint's sources, the same on every run.
    let key = action.step("Key the build");
    let keys: Vec<String> = (0..2)
        .map(|_| {
            let run = action.run(key, &[], scratch.path(), scratch.path(), &outputs);
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            std::fs::read_to_string(&outputs).unwrap()
        })
        .collect();
    let key_line = regex::Regex::new(r"^key=promiselint-Linux-X64-[0-9a-f]{20}\n$").unwrap();
    assert!(key_line.is_match(&keys[0]), "{:?}", keys[0]);
    assert_eq!(keys[0].repeat(2), keys[1]);
    let cache = action.step("Restore");
    assert!(cache["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/cache@"));
    assert_eq!(
        cache["with"]["key"].as_str(),
        Some("${{ steps.key.outputs.key }}")
    );
    assert_eq!(
        cache["with"]["path"].as_str(),
        Some("~/.cargo/bin/promiselint")
    );

    // `cargo install` from the action's own folder, with its Cargo.lock, into
    // ~/.cargo/bin (what the cache keeps); a cargo of the test's records it.
    let install = action.step("Install");
    assert_eq!(
        install["if"].as_str(),
        Some("steps.cache.outputs.cache-hit != 'true'")
    );
    let bin = tempfile::tempdir().unwrap();
    let cargo = bin.path().join("cargo");
    let said = scratch.path().join("cargo-args");
    let stub = format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", said.display());
    std::fs::write(&cargo, stub).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = action.run(install, &[], scratch.path(), bin.path(), &outputs);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let args = std::fs::read_to_string(said).unwrap();
    assert_eq!(
        args.lines().collect::<Vec<_>>(),
        [
            "install",
            "--locked",
            "--path",
            &root().display().to_string()
        ]
    );
}

#[cfg(unix)]
#[test]
fn the_github_action_annotates_and_writes_valid_sarif() {
    let action = action();
    let check = action.step("Check");
    let upload = action.step("Upload");
    assert!(upload["uses"]
        .as_str()
        .unwrap()
        .starts_with("github/codeql-action/upload-sarif@"));
    let condition = upload["if"].as_str().unwrap();
    assert!(condition.contains("always()"), "{condition}");
    assert!(
        condition.contains("inputs.upload-sarif == 'true'"),
        "{condition}"
    );
    let sarif_file = upload["with"]["sarif_file"].as_str().unwrap();
    let bin = promiselint_bin();

    // The inputs' defaults: the example breaks promises, so the step fails,
    // with an annotation per finding, and the report is written all the same.
    let repository = retail_repository();
    let outputs = repository.path().join(".outputs");
    let run = action.run(check, &[], repository.path(), bin.path(), &outputs);
    let said = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(said.lines().all(|line| line.starts_with("::")), "{said}");
    assert!(said.contains("::error file=promises.promise,"), "{said}");
    let log = common::valid_sarif(&std::fs::read(repository.path().join(sarif_file)).unwrap());
    assert_eq!(
        log["runs"][0]["results"].as_array().map(Vec::len),
        Some(said.lines().count())
    );

    // Warnings alone pass by default, fail with fail-on: warning; no
    // report when the upload is off.
    let warnings = [("paths", "."), ("args", "--select inconsistent-claim")];
    let repository = retail_repository();
    let run = action.run(check, &warnings, repository.path(), bin.path(), &outputs);
    assert_eq!(run.status.code(), Some(0));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.starts_with("::warning file="), "{said}");
    assert!(repository.path().join(sarif_file).exists());
    let strict = [
        warnings[0],
        warnings[1],
        ("fail-on", "warning"),
        ("upload-sarif", "false"),
    ];
    let repository = retail_repository();
    let run = action.run(check, &strict, repository.path(), bin.path(), &outputs);
    assert_eq!(run.status.code(), Some(1));
    assert!(!repository.path().join(sarif_file).exists());

    // An input error fails the step, and is in the report too.
    let repository = retail_repository();
    std::fs::write(
        repository.path().join("typo.promise"),
        "policy x {\n  a = \n}\n",
    )
    .unwrap();
    let run = action.run(check, &[], repository.path(), bin.path(), &outputs);
    assert_eq!(run.status.code(), Some(2));
    let log = common::valid_sarif(&std::fs::read(repository.path().join(sarif_file)).unwrap());
    assert!(log.to_string().contains("PL001"));

    // Every input is used.
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    for name in action.defaults.keys() {
        assert!(
            text.contains(&format!("inputs.{name}")),
            "{name} is not used"
        );
    }
}

/// A store whose only copy breaks its only promise.
const STORE: &str = "policy returns {\n  window = 30 days\n}\n\npromise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\ntouchpoint website {\n  files \"site/**/*.md\"\n}\n";

/// Runs `pre-commit run --all-files` in `repository`, whose configuration
/// names this project's hook; pre-commit keeps what it installs in `home`.
fn pre_commit(repository: &Path, home: &Path, build_dir: &Path) -> std::process::Output {
    Command::new("pre-commit")
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(repository)
        .env("PRE_COMMIT_HOME", home.join("cache"))
        // The hook's `cargo install` reuses the dependencies this test build
        // compiled (`build.build-dir`), resolves them from what this build
        // downloaded, and puts its binary apart (the target folder), never
        // over the binary the other tests run.
        .env("CARGO_BUILD_BUILD_DIR", build_dir)
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_TARGET_DIR", home.join("target"))
        .output()
        .expect("pre-commit runs")
}

/// The hook as pre-commit from PyPI runs it, from a repository whose
/// `.pre-commit-config.yaml` names this project at its last commit: it
/// builds the project with `cargo install` (`language: rust`), then checks
/// the repository. Skipped, with why, where that cannot be done.
#[test]
fn pre_commit_runs_the_hook_on_a_repository() {
    let skip = |why: &str| eprintln!("pre-commit hook not tried: {why}");
    if !Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
    {
        return skip("pre-commit is not installed (`pip install pre-commit`; .ci/run does)");
    }
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root())
        .output();
    let head = match head {
        Ok(output) if output.status.success() => String::from_utf8(output.stdout).unwrap(),
        _ => return skip("the project folder is not a git repository, which pre-commit clones"),
    };
    // target/<profile>/promiselint: `cargo install` builds in release, and
    // reuses this build's dependencies only when it is one too.
    let profile_dir = Path::new(env!("CARGO_BIN_EXE_promiselint"))
        .parent()
        .unwrap();
    if profile_dir.file_name() != Some("release".as_ref()) {
        return skip("a debug build: the hook's release build would compile every dependency anew (`cargo test --release` tries it)");
    }

    let folder = tempfile::tempdir().unwrap();
    let repository = folder.path().join("store");
    std::fs::create_dir_all(repository.join("site")).unwrap();
    std::fs::write(repository.join("promises.promise"), STORE).unwrap();
    std::fs::write(repository.join("site/index.md"), "Enjoy 60-day returns.\n").unwrap();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: promiselint\n",
        root().display(),
        head.trim()
    );
    std::fs::write(repository.join(".pre-commit-config.yaml"), config).unwrap();
    commit_all(&repository);
    // pre-commit clones the project below `home`, where cargo finds this
    // configuration: promiselint itself built unoptimised, in 20 s rather
    // than 100 s here; its dependencies as this build compiled them.
    let home = folder.path().join("pre-commit");
    std::fs::create_dir_all(folder.path().join(".cargo")).unwrap();
    std::fs::write(
        folder.path().join(".cargo/config.toml"),
        "[profile.release.package.promiselint]\nopt-level = 0\ncodegen-units = 256\n",
    )
    .unwrap();
    let build_dir = profile_dir.parent().unwrap();

    let started = std::time::Instant::now();
    let broken = pre_commit(&repository, &home, build_dir);
    eprintln!(
        "pre-commit installed and ran the hook in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let said = String::from_utf8_lossy(&broken.stdout);
    assert_eq!(
        broken.status.code(),
        Some(1),
        "{said}{}",
        String::from_utf8_lossy(&broken.stderr)
    );
    assert!(
        said.contains("promiselint....") && said.contains("Failed"),
        "{said}"
    );
    assert!(
        said.contains("site/index.md:1:7: error[PL102] \"60-day returns\""),
        "{said}"
    );

    // Staged, as pre-commit runs hooks on what is staged.
    std::fs::write(repository.join("site/index.md"), "Enjoy 30-day returns.\n").unwrap();
    common::git(&repository, &["add", "."]);
    let fixed = pre_commit(&repository, &home, build_dir);
    let said = String::from_utf8_lossy(&fixed.stdout);
    assert_eq!(fixed.status.code(), Some(0), "{said}");
    assert!(said.contains("Passed"), "{said}");
}
