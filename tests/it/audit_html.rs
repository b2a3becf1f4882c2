//! The audit page as a browser shows it: headless Chromium renders the page
//! of the retail example and of copy holding `<script>`, and the test reads
//! the DOM it built — the matrix has a row per promise, a column per
//! touchpoint and the right states; the script is text and never ran — and
//! saves a screenshot under `$CARGO_TARGET_TMPDIR/test-output/audit/`.
//!
//! Debian's `chromium` package provides the browser (`.ci/run` installs
//! it); where it is missing, the tests say so and pass.

use crate::common;

use common::{code, promiselint, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than Chromium ever takes to render one page, even on a slow machine.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);

/// The browser, if installed.
fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists());
    if found.is_none() {
        eprintln!("skipped: chromium not installed (apt-get install chromium)");
    }
    found
}

/// Runs headless Chromium on `page` with `args`, in a profile of its own,
/// killed if it outlives [`CHROMIUM_TIMEOUT`]; returns its stdout.
fn run_chromium(chromium: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(output.reopen().unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than {CHROMIUM_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(output.path()).unwrap()
}

/// Writes the audit page of `folder` into `dir` and returns its absolute path.
fn write_page(folder: &str, dir: &Path) -> PathBuf {
    let page = dir.join("audit.html");
    let output = promiselint(&["audit", folder, "--html", page.to_str().unwrap()]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    page
}

/// Every match of `pattern`'s first group in `text`.
fn all(pattern: &str, text: &str) -> Vec<String> {
    regex::Regex::new(pattern)
        .unwrap()
        .captures_iter(text)
        .map(|found| found[1].to_owned())
        .collect()
}

#[test]
fn the_retail_matrix_renders_with_its_states() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = write_page("examples/retail", dir.path());
    let dom = run_chromium(&chromium, &page, &["--dump-dom"]);

    let rows = all(r#"<tr data-promise="([^"]*)""#, &dom);
    assert_eq!(
        rows,
        [
            "hassle-free returns",
            "{n}-day returns",
            "delivery in {n} days",
            "free shipping over {x}",
            "lifetime frame warranty",
            "{n}-year upholstery warranty",
            "price match guarantee",
            "members save {p}",
        ]
    );
    let columns = all(r#"<th scope="col" data-touchpoint="([^"]*)""#, &dom);
    assert_eq!(
        columns,
        ["website", "store_signs", "emails", "call_scripts", "in_app"]
    );
    // The states of the row of the headline promise, touchpoints then total.
    let row = dom
        .split("<tr data-promise=\"hassle-free returns\">")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("the row of hassle-free returns");
    assert_eq!(
        all(r#"data-state="([^"]*)""#, row),
        ["broken", "broken", "not made", "not made", "not made", "broken"]
    );
    // Each state is written out, not only coloured.
    assert!(row.contains("<span class=\"words\">broken</span>"), "{row}");

    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-output/audit");
    std::fs::create_dir_all(&screenshot).unwrap();
    let screenshot = screenshot.join("retail.png");
    let _ = std::fs::remove_file(&screenshot);
    run_chromium(
        &chromium,
        &page,
        &[
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=1280,2000",
        ],
    );
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
}

#[test]
fn a_script_in_the_copy_is_text_and_does_not_run() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = write_page("tests/fixtures/audit/script", dir.path());
    let dom = run_chromium(&chromium, &page, &["--dump-dom"]);
    // The copy's script would have retitled the page and added an element;
    // its image would have retitled it on error.
    let title = all("<title>([^<]*)</title>", &dom);
    assert_eq!(title.len(), 1, "{dom}");
    assert!(title[0].starts_with("Promise audit"), "{}", title[0]);
    assert!(!dom.contains("pwned</p>"), "{dom}");
    assert!(!dom.contains("id=\"pwned\""), "{dom}");
    assert!(!dom.contains("<script"), "{dom}");
    assert!(!dom.contains("<img"), "{dom}");
    // It is there as text, in the snippet of the place that makes the promise.
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'"),
        "{dom}"
    );
    assert!(dom.contains("<mark>Hassle-free returns</mark>"), "{dom}");
}
