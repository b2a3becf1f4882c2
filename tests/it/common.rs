//! What the integration tests share: running the real binary, reading what
//! it said, and making git repositories to run it in.
//!
//! Every module of the `it` test binary uses part of this.
#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in the crate root with `args`.
pub fn promiselint(args: &[&str]) -> Output {
    promiselint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the binary in `folder` with `args`, whatever NO_COLOR says outside.
pub fn promiselint_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promiselint"))
        .args(args)
        .current_dir(folder)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

pub fn code(output: &Output) -> i32 {
    let status = output.status;
    status
        .code()
        .unwrap_or_else(|| panic!("no exit code: {status}; stderr: {}", stderr(output)))
}

/// Runs git in `folder`, as a user of its own, and insists it succeeds.
pub fn git(folder: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(folder)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
}

/// A git repository holding what `folder` holds, committed.
pub fn commit_all(folder: &Path) {
    git(folder, &["init", "-q"]);
    git(folder, &["add", "."]);
    git(folder, &["commit", "-q", "-m", "base"]);
}

/// A temporary folder holding `files`, `(path, text)`, removed when dropped.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Copies the files of `from` into `to`, recursively, bytes as they are.
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// How long a run may take before it counts as hung: far beyond any case's
/// real time on a slow, shared machine, so it only ever catches a hang. All
/// the integration tests share one binary, so a hostile case may run beside
/// a hundred others on two cores (the slowest took over 60 s so, in a
/// debug build).
pub const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(300);

/// The address space a guarded run may take, in MiB: a run that needs more
/// on a hostile input does not bound its memory.
pub const MEMORY_CAP_MIB: u64 = 768;

/// Runs the binary in `folder` with `args` as [`guarded`] does, within
/// [`MEMORY_CAP_MIB`] of address space.
pub fn guarded_in(folder: &Path, args: &[&str]) -> Output {
    capped_in(folder, args, MEMORY_CAP_MIB)
}

/// [`guarded_in`] with a cap of `mib` MiB, for a case whose memory grows
/// with the number of files, not their size.
pub fn capped_in(folder: &Path, args: &[&str], mib: u64) -> Output {
    guarded(&mut capped(folder, args, mib))
}

/// The binary in `folder` with `args`, within `mib` MiB of address space:
/// a command for a case to adjust before [`guarded`] runs it.
pub fn capped(folder: &Path, args: &[&str], mib: u64) -> Command {
    capped_copy(
        Path::new(env!("CARGO_BIN_EXE_promiselint")),
        folder,
        args,
        mib,
    )
}

/// [`capped`], with the copy of the binary at `binary`.
pub fn capped_copy(binary: &Path, folder: &Path, args: &[&str], mib: u64) -> Command {
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--as={}", mib << 20))
        .arg("--")
        .arg(binary)
        .args(args)
        .current_dir(folder)
        .env_remove("NO_COLOR");
    command
}

/// Runs `command` under a watchdog that kills it after [`WATCHDOG`] and
/// fails the test, and insists it did not panic.
pub fn guarded(command: &mut Command) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts (prlimit is in util-linux)");
    // Read while it runs: a full pipe would stall it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("the pipe reads");
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + WATCHDOG;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().expect("a hung child can be killed");
            child.wait().expect("a killed child is reaped");
            panic!("hung: killed after {WATCHDOG:?}: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let output = Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!said.contains("panicked"), "{command:?} panicked: {said}");
    output
}

/// The official schema, beside the repository; `None` (and a note) if it is not there.
fn sarif_schema() -> Option<Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("the schema is JSON")),
        Err(error) => {
            eprintln!(
                "SARIF schema not checked: {} cannot be read: {error}",
                path.display()
            );
            None
        }
    }
}

/// Parses a SARIF log and validates it against the official schema (the
/// CI formats' tests and the GitHub Action's share it).
pub fn valid_sarif(bytes: &[u8]) -> Value {
    let log: Value = serde_json::from_slice(bytes).expect("SARIF is JSON");
    if let Some(schema) = sarif_schema() {
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
        // The validator is live: a region may not start on line 0.
        let mut broken = log.clone();
        if let Some(region) =
            broken.pointer_mut("/runs/0/results/0/locations/0/physicalLocation/region")
        {
            region["startLine"] = 0.into();
            assert!(!validator.is_valid(&broken));
        }
    }
    log
}
