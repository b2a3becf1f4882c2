//! `promiselint lsp` as an editor sees it: the real binary, spoken to over
//! stdio with Content-Length framing, in a copy of a small workspace.

use crate::common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A client: the server's process, and what it has sent but not yet read.
struct Client {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start(folder: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_promiselint"))
            .arg("lsp")
            .current_dir(folder)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            input,
            output,
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.send_raw(&message.to_string());
    }

    /// Sends a request and returns its response, skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.send_raw(&message.to_string());
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).unwrap() > 0,
                "server hung up"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next diagnostics published for `uri`, skipping other messages.
    /// A request sent first bounds the wait: the server answers in order,
    /// so a reply before the diagnostics means none were published.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        self.next_id += 1;
        let probe = self.next_id;
        let message = json!({ "jsonrpc": "2.0", "id": probe, "method": "promiselint/probe" });
        self.send_raw(&message.to_string());
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            assert_ne!(
                message["id"],
                json!(probe),
                "no diagnostics published for {uri}"
            );
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn open(client: &mut Client, uri: &str, language: &str, text: &str) {
    let document = json!({ "uri": uri, "languageId": language, "version": 1, "text": text });
    client.notify("textDocument/didOpen", json!({ "textDocument": document }));
}

fn change(client: &mut Client, uri: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }],
        }),
    );
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

#[test]
fn an_editor_session() {
    let (_folder, root) = copy_of("tests/fixtures/lsp");
    let copy = uri(&root.join("site/index.md"));
    let promises = uri(&root.join("store.promise"));
    let mut client = Client::start(&root);

    // Before initialize, requests are refused; a malformed body is skipped.
    let early = client.request("textDocument/hover", at(&copy, 0, 0));
    assert_eq!(early["error"]["code"], -32002);
    client.send_raw("{not json");
    let init = client.request(
        "initialize",
        json!({ "capabilities": {}, "workspaceFolders": [{ "uri": uri(&root), "name": "shop" }] }),
    );
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 1);
    client.notify("initialized", json!({}));

    // An unsaved broken promise, after a `’` on its line.
    let broken = "# Returns\n\n  Harbor’s promise: 60-day returns.\n";
    open(&mut client, &copy, "markdown", broken);
    let diagnostics = client.diagnostics_for(&copy);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "PL102");
    assert_eq!(diagnostic["source"], "promiselint");
    assert_eq!(diagnostic["severity"], 1);
    // "60-day returns" starts at UTF-16 column 20: the `’` is one unit, three bytes.
    assert_eq!(
        diagnostic["range"],
        json!({ "start": { "line": 2, "character": 20 }, "end": { "line": 2, "character": 34 } })
    );
    let related = diagnostic["relatedInformation"].as_array().unwrap();
    assert!(
        related.iter().any(|r| r["location"]["uri"] == promises
            && r["location"]["range"]["start"] == json!({ "line": 1, "character": 11 })),
        "the policy value: {related:#?}"
    );
    assert!(related
        .iter()
        .any(|r| r["location"]["uri"] == promises && r["location"]["range"]["start"]["line"] == 6));

    // Code actions: the policy's figure, and a suppression on the line above.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": copy },
            "range": diagnostic["range"],
            "context": { "diagnostics": [diagnostic] },
        }),
    );
    let actions = actions["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    assert_eq!(
        actions[0]["edit"]["changes"][&copy],
        json!([{ "range": { "start": { "line": 2, "character": 20 },
                            "end": { "line": 2, "character": 22 } },
                 "newText": "30" }])
    );
    assert_eq!(
        actions[1]["edit"]["changes"][&copy],
        json!([{ "range": { "start": { "line": 2, "character": 0 },
                            "end": { "line": 2, "character": 0 } },
                 "newText": "  <!-- promiselint-disable-next-line broken-promise -->\n" }])
    );

    // Fixed in the buffer: the diagnostics are cleared.
    change(&mut client, &copy, 2, &broken.replace("60", "30"));
    assert_eq!(client.diagnostics_for(&copy), Vec::<Value>::new());

    // The policy changes in its buffer: the unchanged copy breaks.
    let policy = std::fs::read_to_string(root.join("store.promise")).unwrap();
    open(&mut client, &promises, "promise", &policy);
    change(
        &mut client,
        &promises,
        2,
        &policy.replace(
            "30 days\n",
            "14 days\n  window for region \"ca\" = 45 days\n",
        ),
    );
    let diagnostics = client.diagnostics_for(&copy);
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .contains("14 days"));

    // Hover and definition on `returns.window` in the `requires`; the hover
    // also shows the value for a scope.
    let hover = client.request("textDocument/hover", at(&promises, 7, 14));
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("`returns.window` = `14 days`"), "{shown}");
    assert!(shown.contains("`store.promise` line 2"), "{shown}");
    assert!(
        shown.contains("for region \"ca\": `45 days` (line 3)"),
        "{shown}"
    );
    let definition = client.request("textDocument/definition", at(&promises, 7, 14));
    assert_eq!(definition["result"]["uri"], promises);
    assert_eq!(
        definition["result"]["range"]["start"],
        json!({ "line": 1, "character": 11 })
    );
    let nothing = client.request("textDocument/hover", at(&promises, 0, 0));
    assert_eq!(nothing["result"], Value::Null);

    // The outline of the promise file.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": promises } }),
    );
    let symbols = symbols["result"].as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["returns", "{n}-day returns", "website"]);
    assert_eq!(symbols[0]["children"][0]["name"], "window");
    assert_eq!(symbols[0]["children"][0]["detail"], "14 days");

    // Bad parameters and unknown methods are errors, not a crash.
    let bad = client.request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = client.request("workspace/nothing", json!(null));
    assert_eq!(unknown["error"]["code"], -32601);

    let shutdown = client.request("shutdown", json!(null));
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", json!(null));
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// `text` with the LSP `edits` made: insertions, in an ASCII text.
fn edited(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        starts[line] + position["character"].as_u64().unwrap() as usize
    };
    let mut inserts: Vec<(usize, &str)> = edits
        .iter()
        .map(|edit| {
            let range = &edit["range"];
            assert_eq!(range["start"], range["end"], "an insertion: {edit}");
            (offset(&range["start"]), edit["newText"].as_str().unwrap())
        })
        .collect();
    inserts.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
    let mut out = text.to_owned();
    for (at, new) in inserts {
        out.insert_str(at, new);
    }
    out
}

/// Opens `text` as the copy file `file` of a workspace whose promise breaks
/// on its one broken promise, takes the suppression the server offers for
/// it, and makes its edits in the buffer: the server must then report
/// nothing, and the copy read from the text must be what it was. Returns
/// the action's title and the new text.
fn suppressed_by_the_server(file: &str, language: &str, text: &str) -> (String, String) {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path().canonicalize().unwrap();
    std::fs::write(root.join("store.promise"), crate::suppress::PROMISES).unwrap();
    std::fs::create_dir(root.join("site")).unwrap();
    std::fs::write(root.join(file), text).unwrap();
    let copy = uri(&root.join(file));
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({ "capabilities": {}, "workspaceFolders": [{ "uri": uri(&root), "name": "shop" }] }),
    );
    client.notify("initialized", json!({}));
    open(&mut client, &copy, language, text);
    let diagnostics = client.diagnostics_for(&copy);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let actions = quick_fixes(&mut client, &copy, &diagnostics);
    let suppress = actions
        .iter()
        .find(|action| {
            let title = action["title"].as_str().unwrap();
            title.starts_with("Disable broken-promise")
        })
        .unwrap_or_else(|| panic!("no suppression in {actions:#?}"));
    let edits = suppress["edit"]["changes"][&copy].as_array().unwrap();
    let after = edited(text, edits);
    change(&mut client, &copy, 2, &after);
    assert_eq!(
        client.diagnostics_for(&copy),
        Vec::<Value>::new(),
        "{after}"
    );
    client.request("shutdown", json!(null));
    client.notify("exit", json!(null));
    client.child.wait().unwrap();

    let kind = promiselint::copy::CopyKind::of(Path::new(file));
    let reads = |text: &str| promiselint::copy::extract(kind, text).unwrap().text;
    assert_eq!(reads(&after), reads(text), "the copy changed: {after}");
    let title = suppress["title"].as_str().unwrap().to_owned();
    (title, after)
}

/// The suppression the server offers goes around a block no comment line
/// can stand inside: a YAML block scalar, a Markdown paragraph, an HTML
/// paragraph or `<pre>`.
#[test]
fn suppressions_offered_leave_the_copy_as_it_reads() {
    for (file, language, text, title, expected) in [
        (
            "site/call.yaml",
            "yaml",
            "greet: Hello\nclose: >-\n  Send it back\n  for 60-day returns.\nbye: Thanks\n",
            "Disable broken-promise for lines 2–4",
            "greet: Hello\n# promiselint-disable broken-promise\nclose: >-\n  Send it back\n  \
             for 60-day returns.\n# promiselint-enable broken-promise\nbye: Thanks\n",
        ),
        (
            "site/index.md",
            "markdown",
            "# Returns\n\nChanged your mind? Send it back\nfor 60-day returns.\n\nThanks\n",
            "Disable broken-promise for lines 3–4",
            "# Returns\n\n<!-- promiselint-disable broken-promise -->\nChanged your mind? Send it back\n\
             for 60-day returns.\n<!-- promiselint-enable broken-promise -->\n\nThanks\n",
        ),
        (
            "site/index.html",
            "html",
            "<body>\n<p>Changed your mind? Send it back\nfor 60-day returns.</p>\n</body>\n",
            "Disable broken-promise for lines 2–3",
            "<body>\n<!-- promiselint-disable broken-promise -->\n<p>Changed your mind? Send it back\n\
             for 60-day returns.</p>\n<!-- promiselint-enable broken-promise -->\n</body>\n",
        ),
        (
            "site/index.html",
            "html",
            "<pre>\nReturns:\n60-day returns.\n</pre>\n",
            "Disable broken-promise for lines 1–4",
            "<!-- promiselint-disable broken-promise -->\n<pre>\nReturns:\n60-day returns.\n</pre>\n\
             <!-- promiselint-enable broken-promise -->\n",
        ),
    ] {
        let (offered, after) = suppressed_by_the_server(file, language, text);
        assert_eq!((offered.as_str(), after.as_str()), (title, expected));
    }
}

/// A client started in a copy of `fixture`, initialized with that copy as
/// its workspace; and the copy's folder, canonical.
fn session(fixture: &str) -> (Client, tempfile::TempDir, std::path::PathBuf) {
    let (folder, root) = copy_of(fixture);
    // Started elsewhere: the workspace is what the client names.
    let mut client = Client::start(Path::new(env!("CARGO_MANIFEST_DIR")));
    let init = client.request(
        "initialize",
        json!({ "capabilities": {}, "workspaceFolders": [{ "uri": uri(&root), "name": "shop" }] }),
    );
    assert!(init["result"].is_object(), "{init}");
    client.notify("initialized", json!({}));
    (client, folder, root)
}

/// A copy of `fixture` in a new folder, and that folder's path, canonical.
fn copy_of(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path().canonicalize().unwrap();
    common::copy_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture), &root);
    (folder, root)
}

/// Opens the file at `relative` with its text on disk; returns its URI.
fn open_file(client: &mut Client, root: &Path, relative: &str) -> String {
    let path = root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    open(client, &uri(&path), "plaintext", &text);
    uri(&path)
}

/// The hover text at a place of a document; `None` when it shows nothing.
fn hover_text(client: &mut Client, uri: &str, line: u32, character: u32) -> Option<String> {
    let hover = client.request("textDocument/hover", at(uri, line, character));
    assert!(hover["error"].is_null(), "{hover}");
    hover["result"]["contents"]["value"]
        .as_str()
        .map(str::to_owned)
}

/// Every message the server gives the user names files as `promiselint
/// check` prints them from the workspace root: no absolute paths, no `./`.
#[test]
fn the_server_names_files_as_the_cli_does() {
    let (mut client, _folder, root) = session("tests/fixtures/lsp_copy");
    let cli = common::promiselint_in(&root, &["check", "--format", "short"]);
    let cli = common::stdout(&cli);
    let absolute = root.display().to_string();
    let mut compared = 0;
    for relative in ["site/index.md", "store.promise"] {
        let opened = open_file(&mut client, &root, relative);
        let diagnostics = client.diagnostics_for(&opened);
        assert!(!diagnostics.is_empty(), "{relative}");
        for diagnostic in &diagnostics {
            // What the user reads; locations are URIs, absolute by nature.
            let related = diagnostic["relatedInformation"].as_array().unwrap();
            let read = related.iter().map(|r| &r["message"]);
            for shown in std::iter::once(&diagnostic["message"]).chain(read) {
                let shown = shown.as_str().unwrap();
                assert!(
                    !shown.contains(&absolute) && !shown.contains("./"),
                    "{shown}"
                );
            }
            // The message is the one `check` prints at the same place.
            let message = diagnostic["message"].as_str().unwrap();
            let first = message.split("\nhelp: ").next().unwrap();
            let start = &diagnostic["range"]["start"];
            let place = format!(
                "{relative}:{}:{}: ",
                start["line"].as_u64().unwrap() + 1,
                start["character"].as_u64().unwrap() + 1
            );
            assert!(
                cli.lines()
                    .any(|line| line.starts_with(&place) && line.contains(&format!("] {first} ("))),
                "{place}{first}\nnot in:\n{cli}"
            );
            compared += 1;
            let actions = client.request(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri(&root.join(relative)) },
                    "range": diagnostic["range"],
                    "context": { "diagnostics": [diagnostic] },
                }),
            );
            for action in actions["result"].as_array().unwrap() {
                let title = action["title"].as_str().unwrap();
                assert!(
                    !title.contains(&absolute) && !title.contains("./"),
                    "{title}"
                );
            }
        }
    }
    assert_eq!(compared, cli.lines().count(), "{cli}");
    let promises = uri(&root.join("store.promise"));
    let diagnostics = {
        // Changed to what it was: checked again, published again.
        let text = std::fs::read_to_string(root.join("store.promise")).unwrap();
        change(&mut client, &promises, 2, &text);
        client.diagnostics_for(&promises)
    };
    let unmatched = diagnostics.iter().find(|d| d["code"] == "PL201").unwrap();
    assert!(
        unmatched["message"]
            .as_str()
            .unwrap()
            .ends_with("help: globs are relative to this promise file's folder"),
        "{unmatched}"
    );

    // Hover on a policy path says where it is set, by the same name.
    let shown = hover_text(&mut client, &promises, 8, 14).unwrap();
    assert!(shown.contains("set in `store.promise` line 2"), "{shown}");
}

/// Hover on a promise made in copy: the promise and where it is defined,
/// what it requires and the policy values that reads (scoped ones too), and
/// whether it holds there. Elsewhere in copy, nothing.
#[test]
fn hover_on_a_phrase_in_copy_shows_its_promise() {
    let (mut client, _folder, root) = session("tests/fixtures/lsp_copy");
    let index = open_file(&mut client, &root, "site/index.md");

    // "Enjoy 60-day returns and hassle-free returns.", on line 3.
    let broken = hover_text(&mut client, &index, 2, 10).unwrap();
    for part in [
        "**promise \"{n}-day returns\"**, defined in `store.promise` line 7",
        "here `n` = `60`",
        "requires `returns.window >= n days`",
        "- `returns.window` = `30 days`, set in `store.promise` line 2",
        "  - for region \"ca\": `45 days` (line 3)",
        "✗ does not hold here: \"60-day returns\" is a promise the policy does not keep",
    ] {
        assert!(broken.contains(part), "{part:?} not in:\n{broken}");
    }
    // The figure other copy contradicts is a broken promise, and only that.
    assert!(!broken.contains("≠ other copy says otherwise"), "{broken}");
    let range = client.request("textDocument/hover", at(&index, 2, 10))["result"]["range"].clone();
    assert_eq!(
        range,
        json!({ "start": { "line": 2, "character": 6 }, "end": { "line": 2, "character": 20 } })
    );
    let unbacked = hover_text(&mut client, &index, 2, 30).unwrap();
    assert!(
        unbacked
            .contains("**promise \"hassle-free returns\"**, defined in `store.promise` line 12"),
        "{unbacked}"
    );
    assert!(
        unbacked.contains("- `returns.restocking_fee` = `15%`, set in `store.promise` line 4"),
        "{unbacked}"
    );

    // Words that make no promise here, and copy with no phrase, show the
    // first and nothing.
    let negated = hover_text(&mut client, &index, 4, 20).unwrap();
    assert!(
        negated.contains("not made here: the words are under negation"),
        "{negated}"
    );
    assert_eq!(hover_text(&mut client, &index, 0, 3), None);
    assert_eq!(hover_text(&mut client, &index, 2, 2), None);

    // Kept here, against the value of the touchpoint's region.
    let canada = open_file(&mut client, &root, "ca/index.md");
    let canada = hover_text(&mut client, &canada, 0, 16).unwrap();
    assert!(canada.contains("here `n` = `45`"), "{canada}");
    assert!(canada.ends_with("✓ holds here"), "{canada}");
}

/// The server breaks lines where the CLI does, at a lone CR too, and counts
/// no character for a byte order mark: its diagnostics and its quick fixes
/// land on the line and column the CLI reports.
#[test]
fn lines_and_columns_are_the_clis() {
    let text = "\u{feff}# Returns\r\rWe offer 60-day returns.\r";
    let folder = common::folder(&[
        ("store.promise", crate::suppress::PROMISES),
        ("site/index.md", text),
    ]);
    let root = folder.path().canonicalize().unwrap();
    let cli = common::stdout(&common::promiselint_in(
        &root,
        &["check", ".", "--format", "short", "--color", "never"],
    ));
    assert!(cli.starts_with("site/index.md:3:10: error[PL102]"), "{cli}");

    let copy = uri(&root.join("site/index.md"));
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({ "capabilities": {}, "workspaceFolders": [{ "uri": uri(&root), "name": "shop" }] }),
    );
    client.notify("initialized", json!({}));
    open(&mut client, &copy, "markdown", text);
    let diagnostics = client.diagnostics_for(&copy);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 2, "character": 9 })
    );
    let actions = quick_fixes(&mut client, &copy, &diagnostics);
    let fix = actions
        .iter()
        .find(|action| action["title"].as_str().unwrap().starts_with("Replace"))
        .unwrap_or_else(|| panic!("no fix in {actions:#?}"));
    assert_eq!(
        fix["edit"]["changes"][&copy],
        json!([{
            "newText": "30",
            "range": { "start": { "line": 2, "character": 9 }, "end": { "line": 2, "character": 11 } },
        }])
    );
    client.request("shutdown", json!(null));
    client.notify("exit", json!(null));
    client.child.wait().unwrap();
}

/// The code actions the server offers for the first of `diagnostics`.
fn quick_fixes(client: &mut Client, uri: &str, diagnostics: &[Value]) -> Vec<Value> {
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": diagnostics[0]["range"],
            "context": { "diagnostics": diagnostics },
        }),
    );
    actions["result"].as_array().unwrap().clone()
}

/// Settings that cannot be read stop the server's check as they stop
/// `check`: their error is shown on `promiselint.toml`, and no page is
/// judged under settings it was not meant to be.
#[test]
fn an_invalid_configuration_is_shown_and_nothing_is_checked() {
    let (mut client, _folder, root) = session("tests/fixtures/lsp_copy");
    let page = open_file(&mut client, &root, "site/index.md");
    assert!(!client.diagnostics_for(&page).is_empty());
    std::fs::write(root.join("promiselint.toml"), "fail-on = \"loud\"\n").unwrap();
    let cli = common::promiselint_in(&root, &["check", "--format", "short"]);
    assert_eq!(common::code(&cli), 2);
    // Opening a document checks again; documents publish in path order.
    let settings = open_file(&mut client, &root, "promiselint.toml");
    let diagnostics = client.diagnostics_for(&settings);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "PL010", "{diagnostics:?}");
    let cleared = client.diagnostics_for(&page);
    assert!(cleared.is_empty(), "{cleared:?}");
}

/// Edits sent faster than the server checks are checked together: the
/// server takes every message waiting before it checks, so a burst of
/// edits is checked for its last text, not once per edit. A request in the
/// burst is still answered in its place, from the texts sent before it.
#[test]
fn a_burst_of_edits_is_checked_for_its_last_text() {
    let (mut client, _folder, root) = session("tests/fixtures/lsp");
    let copy = uri(&root.join("site/index.md"));
    let text = |days: u32| format!("# Returns\n\nWe offer {days}-day returns.\n");
    open(&mut client, &copy, "markdown", &text(31));
    assert_eq!(client.diagnostics_for(&copy).len(), 1);

    // Versions 2 to 21 promise 32 to 51 days; a hover after version 11.
    let frame = |message: Value| {
        let body = message.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let mut burst = String::new();
    for version in 2..=21 {
        burst += &frame(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": copy, "version": version },
                "contentChanges": [{ "text": text(30 + version as u32) }],
            }}),
        );
        if version == 11 {
            let hover = at(&copy, 2, 12);
            burst += &frame(
                json!({ "jsonrpc": "2.0", "id": "hover", "method": "textDocument/hover", "params": hover }),
            );
        }
    }
    burst += &frame(json!({ "jsonrpc": "2.0", "id": "probe", "method": "promiselint/probe" }));
    client.input.write_all(burst.as_bytes()).unwrap();
    client.input.flush().unwrap();

    let mut published = Vec::new();
    let mut hover = None;
    loop {
        let message = client.receive();
        if message["method"] == "textDocument/publishDiagnostics" {
            published.push(message["params"].clone());
        } else if message["id"] == "hover" {
            let shown = message["result"]["contents"]["value"].as_str().unwrap();
            hover = Some((published.len(), shown.to_owned()));
        } else if message["id"] == "probe" {
            break;
        }
    }
    // The first edit may be checked before the rest are read; then the
    // edits before the hover, then those after it.
    assert!(published.len() <= 3, "{published:#?}");
    let (before, shown) = hover.expect("the hover is answered");
    assert!(shown.contains("here `n` = `41`"), "{shown}");
    assert_eq!(published[before - 1]["version"], 11, "{published:#?}");
    let last = published.last().unwrap();
    assert_eq!(last["version"], 21);
    let message = last["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("51-day returns"), "{message}");
}

/// Files created, changed, deleted or renamed on disk are read again when
/// the client reports them; the server asks a client that can to watch
/// every file of the workspace.
#[test]
fn files_changed_on_disk_are_read_again() {
    let (_folder, root) = copy_of("tests/fixtures/lsp");
    let mut client = Client::start(&root);
    let watching = json!({ "didChangeWatchedFiles": { "dynamicRegistration": true } });
    client.request(
        "initialize",
        json!({ "capabilities": { "workspace": watching },
                "workspaceFolders": [{ "uri": uri(&root), "name": "shop" }] }),
    );
    client.notify("initialized", json!({}));
    // Asked before the probe is answered.
    let probe = json!({ "jsonrpc": "2.0", "id": "probe", "method": "promiselint/probe" });
    client.send_raw(&probe.to_string());
    let registration = loop {
        let message = client.receive();
        assert_ne!(message["id"], "probe", "no registration");
        if message["method"] == "client/registerCapability" {
            break message;
        }
    };
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registered["registerOptions"]["watchers"][0]["globPattern"],
        "**/*"
    );
    let answer = json!({ "jsonrpc": "2.0", "id": registration["id"], "result": null });
    client.send_raw(&answer.to_string());

    let copy = uri(&root.join("site/index.md"));
    open(&mut client, &copy, "markdown", "We offer 60-day returns.\n");
    assert_eq!(client.diagnostics_for(&copy).len(), 1);

    // Renamed away: no promise file, nothing to judge the copy by.
    let policy = root.join("store.promise");
    let renamed = root.join("store.promise.old");
    std::fs::rename(&policy, &renamed).unwrap();
    let changes = |changes: &[(&Path, u8)]| {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(path, kind)| json!({ "uri": uri(path), "type": kind }))
            .collect();
        json!({ "changes": changes })
    };
    let (created, changed, deleted) = (1, 2, 3);
    client.notify(
        "workspace/didChangeWatchedFiles",
        changes(&[(&policy, deleted), (&renamed, created)]),
    );
    assert_eq!(client.diagnostics_for(&copy), Vec::<Value>::new());

    // Created again: the broken promise is back.
    let text = std::fs::read_to_string(&renamed).unwrap();
    std::fs::write(&policy, &text).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        changes(&[(&policy, created)]),
    );
    assert_eq!(client.diagnostics_for(&copy).len(), 1);

    // Changed: the policy now keeps it.
    std::fs::write(&policy, text.replace("30 days", "90 days")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        changes(&[(&policy, changed)]),
    );
    assert_eq!(client.diagnostics_for(&copy), Vec::<Value>::new());
}
