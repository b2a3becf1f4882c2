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
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
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
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path().canonicalize().unwrap();
    common::copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp"),
        &root,
    );
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
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": copy },
            "range": diagnostics[0]["range"],
            "context": { "diagnostics": diagnostics },
        }),
    );
    let actions = actions["result"].as_array().unwrap();
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
