//! Hostile input: files no one would write by hand, but a pull request can
//! hold. Every case runs the real binary under a watchdog (a hang fails
//! the test) and a 768 MiB address-space cap (so does unbounded memory),
//! and checks for a clear, located message, the right exit code and no
//! panic. Fixtures are made on the fly in temporary folders.

use crate::common;

use common::{code, guarded, guarded_in, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// A store with one policy, one promise and a website whose copy is `site/`.
pub const STORE: &str = "policy returns {
  window = 30 days
}

promise \"{n}-day returns\" {
  says \"{n}-day returns\"
  requires returns.window >= n days
}

touchpoint website \"Website\" {
  files \"site/**/*\"
}
";

/// A folder holding `files` (path, bytes), folders made as needed.
pub fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        write(folder.path(), path, bytes);
    }
    folder
}

fn write(folder: &Path, path: &str, bytes: &[u8]) {
    let path = folder.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// `promiselint check . --format short` in `folder`, guarded.
fn check(folder: &Path) -> Output {
    guarded_in(folder, &["check", ".", "--format", "short"])
}

/// Asserts the exit code, and that stdout has a line starting with each of `lines`.
fn assert_says(output: &Output, exit: i32, lines: &[&str]) {
    let said = stdout(output);
    assert_eq!(code(output), exit, "{said}{}", stderr(output));
    for line in lines {
        assert!(
            said.lines().any(|l| l.starts_with(line)),
            "no line starts with {line:?}:\n{said}"
        );
    }
}

#[test]
fn empty_promise_copy_and_policy_files() {
    let empty_copy = tree(&[("store.promise", STORE.as_bytes()), ("site/a.md", b"")]);
    assert_says(
        &check(empty_copy.path()),
        0,
        &["store.promise:5:9: info[PL202]"],
    );

    let empty_promise = tree(&[("empty.promise", b"")]);
    assert_says(&check(empty_promise.path()), 0, &[]);

    let policy = "policy ops from \"ops.yaml\"\n";
    let empty_yaml = tree(&[("ops.promise", policy.as_bytes()), ("ops.yaml", b"")]);
    assert_says(
        &check(empty_yaml.path()),
        2,
        &["ops.yaml:1:1: error[PL007] this policy file is empty"],
    );
}

#[test]
fn a_copy_file_above_the_size_limit_is_skipped_unread() {
    let folder = tree(&[("store.promise", STORE.as_bytes())]);
    // 1 GiB, sparse: a line of copy, then zeros the file system never stores.
    let huge = folder.path().join("site/huge.md");
    std::fs::create_dir_all(huge.parent().unwrap()).unwrap();
    std::fs::write(&huge, "60-day returns\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    assert_says(
        &check(folder.path()),
        0,
        &["site/huge.md:1:1: warning[PL204] site/huge.md is larger than 32 MiB (`max-file-size`"],
    );
}

#[test]
fn a_fifty_megabyte_line_is_read_within_the_memory_cap() {
    let config = "[limits]\nmax-file-size = 64\n";
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("promiselint.toml", config.as_bytes()),
    ]);
    let words = "all day long ".repeat(50 << 20 >> 4);
    let line = format!("{words}60-day returns\n");
    write(folder.path(), "site/line.md", line.as_bytes());
    let column = words.len() + 1;
    assert_says(
        &check(folder.path()),
        1,
        &[&format!("site/line.md:1:{column}: error[PL102]")],
    );
}

#[test]
fn brackets_nested_ten_thousand_deep_are_refused_where_they_pass_the_limit() {
    let nested = format!(
        "promise \"x\" {{\n  says \"x\"\n  requires {}1{}\n}}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let folder = tree(&[("deep.promise", nested.as_bytes())]);
    // `{` opens level 1, so the 64th `(` is the 65th level.
    assert_says(
        &check(folder.path()),
        2,
        &["deep.promise:3:75: error[PL001] nesting deeper than 64 levels"],
    );
}

#[test]
fn a_hundred_thousand_promises_compile_into_one_matcher() {
    let mut folder_files = vec![(
        "promiselint.toml".to_owned(),
        "[rules]\nunused-promise = \"off\"\n".to_owned(),
    )];
    // Ten files, each within `max-policy-file-size`.
    folder_files.push(("store.promise".to_owned(), STORE.to_owned()));
    for file in 0..10 {
        let mut text = String::new();
        for n in 0..10_000 {
            let id = file * 10_000 + n;
            text.push_str(&format!(
                "promise \"offer {id}\" {{\n  says \"offer number {id} today\"\n  requires returns.window >= 40 days\n}}\n"
            ));
        }
        folder_files.push((format!("many{file}.promise"), text));
    }
    folder_files.push((
        "site/a.md".to_owned(),
        "Offer number 99999 today.\n".to_owned(),
    ));
    let files: Vec<(&str, &[u8])> = folder_files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_bytes()))
        .collect();
    let folder = tree(&files);
    let output = check(folder.path());
    assert_says(&output, 1, &["site/a.md:1:1: error[PL102]"]);
}

/// What a run keeps of each copy file (its path, where its phrases stand) is
/// a few hundred bytes: memory grows with the number of files, never with
/// their size. The peak memory of runs on one tree at two sizes bounds the
/// growth per file, which holds a million files within 2 GiB, without the
/// cost of making a million.
#[cfg(target_os = "linux")]
#[test]
fn memory_grows_by_a_bounded_amount_per_copy_file() {
    // A fixed folder under the target folder: a run killed before the guard
    // removes it leaves one tree there, which the next run removes first.
    let folder = Removed(Path::new(env!("CARGO_TARGET_TMPDIR")).join("many-copy-files"));
    let _ = std::fs::remove_dir_all(&folder.0);
    write(&folder.0, "store.promise", STORE.as_bytes());
    write(&folder.0, "site/a.txt", b"Enjoy 60-day returns.\n");
    let sizes = [2_000, 20_000];
    let mut made = 0;
    let mut peaks = Vec::new();
    // Each file larger than the growth allowed per file: keeping their texts
    // would fail the test.
    let text = "Hello.\n".repeat(300);
    for files in sizes {
        for file in made..files {
            let path = format!("site/{}/{}.txt", file / 1000, file % 1000);
            write(&folder.0, &path, text.as_bytes());
        }
        made = files;
        let (output, peak) = peak_memory_kib(&folder.0, &["check", ".", "--format", "short"]);
        assert_says(&output, 1, &["site/a.txt:1:7: error[PL102]"]);
        peaks.push(peak);
    }
    let per_file = peaks[1].saturating_sub(peaks[0]) * 1024 / (sizes[1] - sizes[0]);
    assert!(
        per_file <= 2048,
        "{per_file} bytes per file; peaks {peaks:?} KiB at {sizes:?} files"
    );
}

/// A folder removed, with all it holds, when dropped.
#[cfg(target_os = "linux")]
struct Removed(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl Drop for Removed {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary in `folder` with `args` under the watchdog, and its peak
/// resident memory in KiB, as the kernel counted it for that one process
/// (other tests' runs go on beside it, so the counts for all children would
/// not do).
#[cfg(target_os = "linux")]
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by `wait4`, which the lint does not see"
)]
fn peak_memory_kib(folder: &Path, args: &[&str]) -> (Output, u64) {
    use std::io::{Read, Seek};
    use std::os::unix::process::ExitStatusExt;
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_promiselint"))
        .args(args)
        .current_dir(folder)
        .stdin(std::process::Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap())
        .spawn()
        .expect("the binary runs");
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let deadline = std::time::Instant::now() + common::WATCHDOG;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is a child of this process that nothing else waits
        // for (`child` only once it is killed, and so not reaped here), and
        // both pointers are to locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(reaped >= 0, "wait4: {}", std::io::Error::last_os_error());
        if reaped == pid {
            break;
        }
        if std::time::Instant::now() > deadline {
            child.kill().expect("a hung child can be killed");
            child.wait().expect("a killed child is reaped");
            panic!("hung: killed after {:?}: {args:?}", common::WATCHDOG);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let read = |mut file: std::fs::File| {
        let mut bytes = Vec::new();
        file.rewind().unwrap();
        file.read_to_end(&mut bytes).unwrap();
        bytes
    };
    let output = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: read(out),
        stderr: read(err),
    };
    (output, u64::try_from(usage.ru_maxrss).unwrap())
}

#[test]
fn encodings_are_named_and_positions_stay_right() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("60-day returns\n".encode_utf16().flat_map(u16::to_le_bytes));
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/utf16.md", &utf16),
        ("site/latin1.md", b"Retours sous 60 jours, d\xe9j\xe0.\n"),
        ("site/nul.md", b"60-day returns\0\n"),
        ("site/crlf.md", b"Hello.\r\n\r\nEnjoy 60-day returns.\r\n"),
        ("site/cr.md", b"Hello.\r\rEnjoy 60-day returns.\r"),
    ]);
    assert_says(
        &check(folder.path()),
        1,
        &[
            "site/cr.md:3:7: error[PL102]",
            "site/crlf.md:3:7: error[PL102]",
            "site/latin1.md:1:1: warning[PL204] site/latin1.md is not UTF-8 (invalid byte on line 1, at byte offset 24)",
            "site/nul.md:1:1: warning[PL204] site/nul.md is a binary file",
            "site/utf16.md:1:1: warning[PL204] site/utf16.md is UTF-16; save it as UTF-8",
        ],
    );

    let promise = |bytes: &[u8]| check(tree(&[("p.promise", bytes)]).path());
    let utf16: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(STORE.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_says(
        &promise(&utf16),
        2,
        &["p.promise:1:1: error[PL008] p.promise is UTF-16; save it as UTF-8"],
    );
    assert_says(
        &promise(b"policy a {\n  x = 1 day\n}\n\xff"),
        2,
        &["p.promise:1:1: error[PL008] p.promise is not UTF-8 (invalid byte on line 4, at byte offset 25)"],
    );
    assert_says(
        &promise(b"policy a {\n  x = 1 day\0\n}\n"),
        2,
        &["p.promise:2:12: error[PL001]"],
    );
    // A lone CR ends a line for the grammar and for positions alike.
    assert_says(
        &promise(b"policy a {\r  x = 1 day\r  y = 2 dayz\r}\r"),
        2,
        &["p.promise:3:9: error[PL002]"],
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_workspace_and_in_loops_are_reported_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tree(&[("secret.md", b"60-day returns\n")]);
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/real.md", b"Enjoy 60-day returns.\n"),
    ]);
    let site = folder.path().join("site");
    symlink(outside.path().join("secret.md"), site.join("secret.md")).unwrap();
    symlink(outside.path(), site.join("outside")).unwrap();
    symlink(site.join("loop"), site.join("loop")).unwrap();
    symlink(&site, site.join("again")).unwrap();
    symlink(site.join("real.md"), site.join("alias.md")).unwrap();
    // A file deleted while the walk ran: the link outlives it.
    symlink(site.join("deleted.md"), site.join("gone.md")).unwrap();
    let output = check(folder.path());
    assert_says(
        &output,
        1,
        &[
            "site/alias.md:1:7: error[PL102]",
            "site/gone.md:1:1: warning[PL205] site/gone.md is a link that cannot be followed",
            "site/loop:1:1: warning[PL205] site/loop is a link that cannot be followed",
            "site/outside:1:1: warning[PL205] site/outside is a link to ",
            "site/real.md:1:7: error[PL102]",
            "site/secret.md:1:1: warning[PL205] site/secret.md is a link to ",
        ],
    );
    let said = stdout(&output);
    assert!(
        !said.contains("site/again"),
        "a link to a folder inside is not reported: {said}"
    );
    let secret = said.lines().filter(|l| l.starts_with("site/secret.md"));
    assert_eq!(secret.count(), 1, "one finding, no copy read: {said}");
}

/// Paths named on the command line come from a pull request too (the
/// pre-commit hook, `git diff --name-only | xargs`, the action's `paths`):
/// a named link, or a named path under a committed folder link, that leads
/// out of the workspace is skipped as a walk skips it, never read, never
/// rewritten.
#[cfg(unix)]
#[test]
fn paths_named_through_links_out_of_the_workspace_are_not_read() {
    use std::os::unix::fs::symlink;
    const UNFORMATTED: &[u8] = b"policy   victim {\nwindow =   30 days\n}\n";
    let outside = tree(&[
        ("secret.env", b"GITHUB_TOKEN=ghp_secret\n"),
        ("secret.md", b"ghp_secret: 60-day returns\n"),
        ("victim/v.promise", UNFORMATTED),
        ("victim/site/page.md", b"Enjoy 60-day returns.\n"),
    ]);
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/real.md", b"Enjoy 30-day returns.\n"),
    ]);
    let (inside, out) = (folder.path(), outside.path());
    symlink(out.join("secret.env"), inside.join("evil.promise")).unwrap();
    symlink(out.join("secret.md"), inside.join("site/page.md")).unwrap();
    symlink(out.join("victim"), inside.join("pdir")).unwrap();
    for args in [
        &["check", "evil.promise", "site/real.md"][..],
        &["check", ".", "site/page.md"],
        &["check", "site/page.md"],
        &["check", "pdir"],
        &["fmt", "pdir/v.promise"],
        &["check", ".", "pdir/site/page.md", "--fix"],
    ] {
        let output = guarded_in(inside, args);
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert!(!said.contains("ghp_secret"), "{args:?}: {said}");
        assert!(!said.contains("PL102"), "{args:?}: {said}");
        assert!(said.contains("outside the workspace"), "{args:?}: {said}");
    }
    assert_eq!(
        std::fs::read(out.join("victim/v.promise")).unwrap(),
        UNFORMATTED
    );
    assert_eq!(
        std::fs::read(out.join("victim/site/page.md")).unwrap(),
        b"Enjoy 60-day returns.\n"
    );
}

/// A committed baseline is read as a file named on the command line is: a
/// link to `/dev/zero` or to a JSON file outside (whose values a parse
/// error would show) is refused, and a baseline above the copy size limit
/// is not read.
#[cfg(unix)]
#[test]
fn a_committed_baseline_is_read_only_from_inside() {
    use std::os::unix::fs::symlink;
    let outside = tree(&[("outside.json", b"{\"version\": \"ghp_secret\"}")]);
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/real.md", b"Enjoy 60-day returns.\n"),
        ("promiselint.toml", b"[limits]\nmax-file-size = 1\n"),
    ]);
    let inside = folder.path();
    symlink("/dev/zero", inside.join("zero.json")).unwrap();
    symlink(outside.path().join("outside.json"), inside.join("out.json")).unwrap();
    write(inside, "big.json", &vec![b' '; 1024 * 1024 + 1]);
    for (baseline, says) in [
        (
            "zero.json",
            "zero.json: is a link to /dev/zero, outside the workspace",
        ),
        (
            "out.json",
            "outside.json, outside the workspace: not followed",
        ),
        ("big.json", "big.json: is larger than 1 MiB"),
    ] {
        assert_refused(inside, &["check", ".", "--baseline", baseline], &[says]);
    }
    let said = stderr(&guarded_in(
        inside,
        &["check", ".", "--baseline", "out.json"],
    ));
    assert!(!said.contains("ghp_secret"), "{said}");
}

/// `.git/config` holds the CI job's token (actions/checkout writes it
/// there), inside the workspace: a committed link into `.git`, as copy or
/// as a policy, is refused as a link out of the workspace is, and no line
/// of the file reaches the output.
#[cfg(unix)]
#[test]
fn links_into_git_are_not_followed() {
    use std::os::unix::fs::symlink;
    const TOKEN: &str = "AUTHORIZATION: basic c2VjcmV0";
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        (
            "leak.promise",
            b"policy git from \".git/config\"\n\ntouchpoint notes \"Notes\" {\n  files \"notes/*\"\n  forbid \"authorization\"\n}\n",
        ),
        ("site/real.md", b"Enjoy 30-day returns.\n"),
        (".git/config", format!("[http]\n\textraheader = {TOKEN}\n").as_bytes()),
    ]);
    std::fs::create_dir(folder.path().join("notes")).unwrap();
    symlink("../.git/config", folder.path().join("notes/config.txt")).unwrap();
    let output = check(folder.path());
    assert_says(
        &output,
        2,
        &[
            "leak.promise:1:17: error[PL007] cannot import `.git/config`: it is in .git, which is never read",
            "notes/config.txt:1:1: warning[PL205] notes/config.txt is a link to ",
        ],
    );
    assert!(stdout(&output).contains("/.git/config, in .git, which is never read: not followed"));
    for args in [&["check", "."][..], &["audit", ".", "--format", "json"]] {
        let output = guarded_in(folder.path(), args);
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert!(!said.contains("c2VjcmV0"), "{args:?}: {said}");
    }
}

/// A pull request may commit `promiselint.toml` as a link to a file out of
/// the repository (`/proc/self/environ`, `~/.git-credentials`): it is not
/// read, and not one line of it is shown, where a TOML error would show
/// them all. A link to a file beside it is read.
#[cfg(unix)]
#[test]
fn a_configuration_that_links_out_of_its_folder_is_not_read() {
    use std::os::unix::fs::symlink;
    let outside = tree(&[("secret.env", b"GITHUB_TOKEN=ghp_secret\n")]);
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/real.md", b"Enjoy 30-day returns.\n"),
        ("settings.toml", b"fail-on = \"warning\"\n"),
    ]);
    let secret = outside.path().join("secret.env");
    symlink(&secret, folder.path().join("promiselint.toml")).unwrap();
    for args in [
        &["check", "."][..],
        &["audit", "."],
        &["fmt", "--check"],
        &["check", "site/real.md"],
    ] {
        let output = guarded_in(folder.path(), args);
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert_eq!(code(&output), 2, "{args:?}: {said}");
        assert!(!said.contains("ghp_secret"), "{args:?}: {said}");
        assert!(
            said.contains("promiselint.toml is a link to "),
            "{args:?}: {said}"
        );
        assert!(
            said.contains("secret.env, outside its folder: not read"),
            "{args:?}: {said}"
        );
    }
    std::fs::remove_file(folder.path().join("promiselint.toml")).unwrap();
    symlink("settings.toml", folder.path().join("promiselint.toml")).unwrap();
    assert_eq!(code(&check(folder.path())), 0);
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    /// The user and group `nobody` on Debian and most Linux systems.
    const NOBODY: u32 = 65534;
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/locked.md", b"60-day returns\n"),
        ("site/private/a.md", b"60-day returns\n"),
    ]);
    let mode = |path: &str, mode| {
        let path = folder.path().join(path);
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    mode("site/locked.md", 0o000);
    mode("site/private", 0o000);
    // Modes deny nothing to root (CI runs as root here): the run then drops
    // to `nobody`, for whom the rest of the tree is opened to all. The binary
    // may be in a clone under a folder `nobody` cannot enter: a copy of it
    // is run instead.
    let output = if std::fs::read(folder.path().join("site/locked.md")).is_ok() {
        mode(".", 0o755);
        let bin = tempfile::tempdir().unwrap();
        std::fs::set_permissions(bin.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let binary = bin.path().join("promiselint");
        std::fs::copy(env!("CARGO_BIN_EXE_promiselint"), &binary).unwrap();
        let open_to_all = |path: &Path| {
            path.ancestors().all(|folder| {
                std::fs::metadata(folder).is_ok_and(|it| it.permissions().mode() & 0o001 != 0)
            })
        };
        if !open_to_all(bin.path()) || !open_to_all(folder.path()) {
            eprintln!(
                "skipped: the temporary folder {} is under a folder `nobody` cannot enter; \
                 set TMPDIR to one it can to run this test as root",
                folder.path().display()
            );
            mode("site/private", 0o755);
            return;
        }
        let args = ["check", ".", "--format", "short"];
        let mut command =
            common::capped_copy(&binary, folder.path(), &args, common::MEMORY_CAP_MIB);
        guarded(command.uid(NOBODY).gid(NOBODY))
    } else {
        check(folder.path())
    };
    mode("site/private", 0o755);
    assert_says(
        &output,
        0,
        &[
            "site/locked.md:1:1: warning[PL204] site/locked.md cannot be read: Permission denied",
            "site/private:1:1: warning[PL205] site/private cannot be read: Permission denied",
        ],
    );
}

#[cfg(unix)]
#[test]
fn policies_from_outside_the_workspace_or_from_devices_and_fifos_are_refused() {
    let outside = tree(&[("ops.yaml", b"window: 30 days\n")]);
    let from = |path: &str| format!("policy ops from \"{path}\"\n");
    let refused = |text: String, message: &str| {
        let folder = tree(&[("shop/p.promise", text.as_bytes())]);
        let status = Command::new("mkfifo")
            .arg(folder.path().join("shop/fifo.yaml"))
            .status()
            .unwrap();
        assert!(status.success());
        std::os::unix::fs::symlink(outside.path(), folder.path().join("shop/linked")).unwrap();
        let output = guarded_in(
            &folder.path().join("shop"),
            &["check", ".", "--format", "short"],
        );
        assert_says(
            &output,
            2,
            &[&format!("p.promise:1:17: error[PL007] {message}")],
        );
    };
    let outside_yaml = outside.path().join("ops.yaml");
    refused(
        from(&outside_yaml.display().to_string()),
        "cannot import `/",
    );
    refused(
        from("../../ops.yaml"),
        "cannot import `../../ops.yaml`: No such file",
    );
    refused(
        from("linked/ops.yaml"),
        "cannot import `linked/ops.yaml`: it is outside the workspace",
    );
    refused(
        from("/dev/zero"),
        "cannot import `/dev/zero`: it is outside the workspace",
    );
    refused(
        from("fifo.yaml"),
        "cannot import `fifo.yaml`: it is not a regular file",
    );
}

#[test]
fn yaml_bombs_are_refused_where_they_go_off() {
    let bomb = |yaml: &str| {
        let promise = "policy ops from \"ops.yaml\"\n";
        check(
            tree(&[
                ("p.promise", promise.as_bytes()),
                ("ops.yaml", yaml.as_bytes()),
            ])
            .path(),
        )
    };
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        laughs.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
    }
    assert_says(&bomb(&laughs), 2, &["ops.yaml:"]);
    assert!(stdout(&bomb(&laughs)).contains("error[PL007]"));

    let flow = format!("a: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_says(&bomb(&flow), 2, &["ops.yaml:1:"]);

    let block = format!("a:\n{}1\n", "- ".repeat(10_000));
    assert_says(&bomb(&block), 2, &["ops.yaml:2:"]);
}

#[test]
fn pathological_patterns() {
    let mut says = String::new();
    for n in 0..5000 {
        says.push_str(&format!(
            "  says \"return it within {{n}} days, case {n}\"\n"
        ));
    }
    let many = format!(
        "policy returns {{\n  window = 30 days\n}}\n\npromise \"r\" {{\n{says}  requires returns.window >= n days\n}}\n\ntouchpoint website \"Website\" {{\n  files \"site/**/*\"\n}}\n"
    );
    let folder = tree(&[
        ("p.promise", many.as_bytes()),
        ("site/a.md", b"Return it within 60 days, case 4999.\n"),
    ]);
    assert_says(&check(folder.path()), 1, &["site/a.md:1:1: error[PL102]"]);

    let adjacent = STORE.replace("says \"{n}-day returns\"", "says \"{n}{m} returns\"");
    let folder = tree(&[
        ("p.promise", adjacent.as_bytes()),
        ("site/a.md", b"12 returns\n"),
    ]);
    assert_says(&check(folder.path()), 2, &["p.promise:6:"]);
}

/// A tree whose check prints far more than a pipe holds.
fn noisy_tree() -> tempfile::TempDir {
    let folder = tree(&[("store.promise", STORE.as_bytes())]);
    for n in 0..2000 {
        write(
            folder.path(),
            &format!("site/{n}.md"),
            b"Enjoy 60-day returns.\n",
        );
    }
    folder
}

/// Quietly, and with the run's own exit code: the broken promises still
/// fail the check (1), the list of rules still succeeds (0).
#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let folder = noisy_tree();
    for (args, exit) in [
        (&["check", "."][..], 1),
        (&["check", ".", "--format", "json"], 1),
        (&["explain"], 0),
    ] {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg("set -o pipefail; \"$0\" \"$@\" | head -c 1 >/dev/null")
            .arg(env!("CARGO_BIN_EXE_promiselint"))
            .args(args)
            .current_dir(folder.path());
        let output = guarded(&mut command);
        assert_eq!(code(&output), exit, "{args:?}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

/// promiselint never opens a connection: nothing in its dependency tree can.
#[test]
fn no_network_crate_is_a_dependency() {
    let lock =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    for name in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "h2",
        "rustls",
        "native-tls",
        "openssl",
        "tokio",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{name}\"")),
            "{name} is in Cargo.lock: promiselint must not reach the network"
        );
    }
}

/// `check --fix` killed (SIGKILL) at several points of fixing 2,000 files:
/// every file is always its old text or its new one, byte for byte, and the
/// temporary files a kill leaves are never read as copy afterwards.
#[test]
fn no_data_loss_when_killed_while_fixing() {
    const OLD: &[u8] = b"Enjoy 60-day returns.\n";
    const NEW: &[u8] = b"Enjoy 30-day returns.\n";
    let folder = tree(&[("store.promise", STORE.as_bytes())]);
    for n in 0..2000 {
        write(folder.path(), &format!("site/{n}.md"), OLD);
    }
    // What a kill between creating and renaming a temporary file leaves.
    write(folder.path(), "site/.promiselint-left", OLD);
    let copy_is_whole = || {
        for n in 0..2000 {
            let bytes = std::fs::read(folder.path().join(format!("site/{n}.md"))).unwrap();
            assert!(bytes == OLD || bytes == NEW, "site/{n}.md is {bytes:?}");
        }
    };
    for after_ms in [20, 50, 100, 150, 200, 300, 500, 800] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_promiselint"))
            .args(["check", ".", "--fix"])
            .current_dir(folder.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        // It may have finished: then there is nothing to kill.
        let _ = child.kill();
        child.wait().unwrap();
        copy_is_whole();
    }
    let output = guarded_in(folder.path(), &["check", ".", "--fix", "--format", "short"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    copy_is_whole();
    for n in 0..2000 {
        assert_eq!(
            std::fs::read(folder.path().join(format!("site/{n}.md"))).unwrap(),
            NEW
        );
    }
    let said = stdout(&output) + &stderr(&output);
    assert!(
        !said.contains(".promiselint-"),
        "a temporary file was read: {said}"
    );
}

/// Asserts that `args` run in `folder` end with exit code 2 and say, on
/// stderr, each of `said`.
fn assert_refused(folder: &Path, args: &[&str], said: &[&str]) {
    let output = guarded_in(folder, args);
    let errors = stderr(&output);
    assert_eq!(code(&output), 2, "{args:?}: {}{errors}", stdout(&output));
    for words in said {
        assert!(
            errors.contains(words),
            "{args:?} does not say {words:?}: {errors}"
        );
    }
}

/// A pull request can commit a symbolic link where promiselint will write:
/// a report, a baseline or an audit page is never written through a link,
/// even one to a file inside, nor into a folder that is a link; `--fix` and
/// `fmt` never write through a link that leaves the workspace. Each refusal
/// names the link and its target, and every file outside stays as it was.
#[cfg(unix)]
#[test]
fn writes_never_go_through_a_link_out_of_the_workspace() {
    use std::os::unix::fs::symlink;
    const UNFORMATTED: &[u8] = b"policy other {\nwindow = 1 day\n}\n";
    let outside = tree(&[
        ("anything", b"precious\n"),
        ("copy.md", b"Enjoy 60-day returns.\n"),
        ("other.promise", UNFORMATTED),
    ]);
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/real.md", b"Enjoy 30-day returns.\n"),
    ]);
    let (inside, out) = (folder.path(), outside.path());
    let anything = out.join("anything").canonicalize().unwrap();
    for name in ["promiselint-baseline.json", "report.json", "audit.html"] {
        symlink(&anything, inside.join(name)).unwrap();
    }
    symlink(inside.join("site/real.md"), inside.join("inside.json")).unwrap();
    symlink(out.join("copy.md"), inside.join("site/copy.md")).unwrap();
    symlink(out.join("other.promise"), inside.join("other.promise")).unwrap();
    let link_to_anything = format!("is a link to {}", anything.display());
    for (args, link) in [
        (
            &[
                "check",
                ".",
                "--write-baseline",
                "promiselint-baseline.json",
            ][..],
            "promiselint-baseline.json",
        ),
        (&["check", ".", "-o", "report.json"], "report.json"),
        (&["audit", ".", "--html", "audit.html"], "audit.html"),
    ] {
        assert_refused(inside, args, &[link, &link_to_anything]);
    }
    // A committed folder link above a file promiselint creates.
    symlink(out, inside.join("reports")).unwrap();
    for args in [
        &["check", ".", "-o", "reports/x.json"][..],
        &["check", ".", "--write-baseline", "reports/x.json"],
        &["audit", ".", "--html", "./reports/x.html"],
    ] {
        let link_to_outside = format!("a link to {}", out.canonicalize().unwrap().display());
        assert_refused(inside, args, &["reports", &link_to_outside]);
    }
    assert_eq!(
        std::fs::read_dir(out).unwrap().count(),
        3,
        "nothing new outside"
    );
    let real = inside.join("site/real.md").canonicalize().unwrap();
    assert_refused(
        inside,
        &["check", ".", "-o", "inside.json"],
        &["inside.json", &format!("is a link to {}", real.display())],
    );
    // Named, the link out is not even read (the walk skips it too).
    let output = guarded_in(inside, &["check", "site/copy.md", "--fix"]);
    assert!(
        stdout(&output).contains("site/copy.md is a link to ")
            && stdout(&output).contains("copy.md, outside the workspace: not followed"),
        "{}",
        stdout(&output)
    );
    assert_refused(
        inside,
        &["fmt", "other.promise"],
        &["other.promise", "other.promise, outside the workspace"],
    );
    assert_eq!(std::fs::read(&anything).unwrap(), b"precious\n");
    assert_eq!(
        std::fs::read(out.join("copy.md")).unwrap(),
        b"Enjoy 60-day returns.\n"
    );
    assert_eq!(
        std::fs::read(out.join("other.promise")).unwrap(),
        UNFORMATTED
    );
    assert_eq!(std::fs::read(&real).unwrap(), b"Enjoy 30-day returns.\n");
    assert!(std::fs::read_dir(inside).unwrap().all(|entry| {
        !entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".promiselint-")
    }));
}

/// `--fix` and `fmt` never replace a read-only file, as rustfmt does not,
/// even when run as root (who may write anything): the mode bits decide.
/// Nor do they replace a file with other hard links, which a rename would
/// part from them: it is refused, and both names keep the old text.
#[cfg(unix)]
#[test]
fn read_only_and_hard_linked_files_are_not_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    const OLD: &[u8] = b"Enjoy 60-day returns.\n";
    const UNFORMATTED: &[u8] = b"policy other {\nwindow = 1 day\n}\n";
    let outside = tree(&[("shared.md", OLD)]);
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("other.promise", UNFORMATTED),
        ("site/locked.md", OLD),
    ]);
    let inside = folder.path();
    let read_only = std::fs::Permissions::from_mode(0o444);
    std::fs::set_permissions(inside.join("site/locked.md"), read_only.clone()).unwrap();
    std::fs::set_permissions(inside.join("other.promise"), read_only).unwrap();
    std::fs::hard_link(
        outside.path().join("shared.md"),
        inside.join("site/shared.md"),
    )
    .unwrap();
    assert_refused(
        inside,
        &["check", ".", "--fix"],
        &[
            "site/locked.md: Permission denied",
            "site/shared.md: the file has 2 hard links",
        ],
    );
    assert_refused(inside, &["fmt", "."], &["other.promise: Permission denied"]);
    for path in ["site/locked.md", "site/shared.md"] {
        assert_eq!(std::fs::read(inside.join(path)).unwrap(), OLD, "{path}");
    }
    assert_eq!(
        std::fs::read(outside.path().join("shared.md")).unwrap(),
        OLD
    );
    assert_eq!(
        std::fs::read(inside.join("other.promise")).unwrap(),
        UNFORMATTED
    );
    let mode = std::fs::metadata(inside.join("site/locked.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444);
}

/// A suppression or fixture marker hides findings only where the file's
/// reader sees a comment: written in a code fence, inline code, a
/// `<script>`, an attribute, a `<textarea>` or a YAML block scalar, it is
/// text, and the broken promise after it is reported.
#[test]
fn markers_count_only_where_the_reader_sees_a_comment() {
    let disable = "<!-- promiselint-disable -->";
    let expect = "<!-- promiselint-expect-none -->";
    let pages: [(&str, String); 8] = [
        (
            "fence.md",
            format!("```\n{disable}\n```\n\nEnjoy 60-day returns.\n"),
        ),
        (
            "inline.md",
            format!("Use `{expect}`\nEnjoy 60-day returns.\n"),
        ),
        (
            "indented.md",
            format!("Intro.\n\n    {disable}\n\nEnjoy 60-day returns.\n"),
        ),
        (
            "script.html",
            format!("<script>let a = '\n{disable}\n';</script>\n<p>Enjoy 60-day returns.</p>\n"),
        ),
        (
            "attribute.html",
            format!("<p title='\n{expect}\n'>Hi</p>\n<p>Enjoy 60-day returns.</p>\n"),
        ),
        (
            "textarea.html",
            format!("<textarea>\n{disable}\n</textarea>\n<p>Enjoy 60-day returns.</p>\n"),
        ),
        (
            "block.yaml",
            "note: |\n  Hello\n  # promiselint-disable\n  there\nbody: Enjoy 60-day returns.\n"
                .into(),
        ),
        (
            "fixture.yaml",
            "note: |\n  # promiselint-expect-none\n  x\nbody: Enjoy 60-day returns.\n".into(),
        ),
    ];
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("store.promise".into(), STORE.as_bytes().to_vec())];
    files.extend(
        pages
            .iter()
            .map(|(name, text)| (format!("site/{name}"), text.as_bytes().to_vec())),
    );
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_slice()))
        .collect();
    let folder = tree(&files);
    let said = stdout(&check(folder.path()));
    for (name, _) in &pages {
        let broken = format!("site/{name}:");
        assert!(
            said.lines()
                .any(|line| line.starts_with(&broken) && line.contains("[PL102]")),
            "{name}: {said}"
        );
    }
}

/// A negation cue before a verb of missing or doubting praises what
/// follows: "Don't miss our 60-day returns!" makes the promise, and
/// reading it as a denial would let copy hide a broken one.
#[test]
fn idioms_of_praise_hide_no_promise() {
    let copy = "Don't miss our 60-day returns!\n\nNo doubt you'll love our 60-day returns.\n\n\
                Our 60-day returns won't disappoint.\n\nWe don't offer 60-day returns.\n";
    let folder = tree(&[
        ("store.promise", STORE.as_bytes()),
        ("site/page.md", copy.as_bytes()),
    ]);
    let said = stdout(&check(folder.path()));
    let broken: Vec<&str> = said
        .lines()
        .filter(|line| line.contains("[PL102]"))
        .collect();
    assert_eq!(broken.len(), 3, "{said}");
    for line in ["site/page.md:1:", "site/page.md:3:", "site/page.md:5:"] {
        assert!(broken.iter().any(|b| b.starts_with(line)), "{line}: {said}");
    }
}
