//! `promiselint lsp`: a language server over stdio.
//!
//! A thread reads the client's messages as they arrive; the server takes
//! every message waiting before it checks, so that a burst of edits costs
//! one check of the newest texts, not one per edit (requests are answered
//! in order, after a check of the changes before them). A check is the
//! whole check on the workspace with the editor's unsaved texts overlaid
//! ([`crate::source::Overlay`]), so a change to a policy re-publishes the
//! findings of the copy that depends on it, and files created, deleted or
//! renamed on disk are read again when the client reports them. Nothing the
//! client sends can stop the server but `exit` and the end of the stream:
//! malformed messages and bad parameters are answered with errors, or
//! logged to the client.

mod actions;
mod diagnostics;
mod navigate;
mod position;
mod transport;

use crate::load::config::Config;
use crate::source::Overlay;
use crate::{Analysis, CheckOptions};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    InitializeParams, InitializeResult, LogMessageParams, MessageType, OneOf, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use transport::{Frame, Incoming};

/// Serves the client on `input` and `output` until `exit` or the end of the
/// input. Returns the exit code: 0 after `shutdown` then `exit`, else 1, as
/// the protocol asks. The workspace becomes the process's current folder.
pub fn run(input: impl Read + Send + 'static, output: impl Write) -> io::Result<u8> {
    // Not joined: after `exit` the reader may still wait on an open input.
    let (to, inbox) = mpsc::sync_channel(WAITING);
    thread::spawn(move || transport::forward(BufReader::new(input), to));
    serve(std::env::current_dir().ok(), &inbox, output)
}

/// [`run`], serving `root` when the client names no workspace, whatever the
/// current folder was: for callers whose folder is not the workspace, such as
/// the fuzz target. Returns once `input` is read to its end.
pub fn run_in(root: &Path, input: impl BufRead + Send, output: impl Write) -> io::Result<u8> {
    thread::scope(|scope| {
        let (to, inbox) = mpsc::sync_channel(WAITING);
        scope.spawn(move || transport::forward(input, to));
        serve(Some(root.to_path_buf()), &inbox, output)
    })
}

/// How many messages the reader may read ahead of the server.
const WAITING: usize = 256;

/// [`run`] with the workspace served when the client names none.
fn serve(
    default_root: Option<PathBuf>,
    inbox: &Receiver<Incoming>,
    output: impl Write,
) -> io::Result<u8> {
    let mut server = Server::new(output, default_root);
    // Each turn takes the next message and every one waiting behind it;
    // their document changes are checked once, at the end of the turn.
    while let Ok(next) = inbox.recv() {
        for incoming in std::iter::once(next).chain(inbox.try_iter()) {
            let Some(frame) = incoming? else {
                return Ok(1);
            };
            match frame {
                Frame::Message(Message::Request(request)) => {
                    // An answer reads the check of the texts sent before it.
                    server.check_changes()?;
                    server.request(request)?;
                }
                Frame::Message(Message::Notification(note))
                    if note.method == notify::Exit::METHOD =>
                {
                    return Ok(if server.shut_down { 0 } else { 1 });
                }
                Frame::Message(Message::Notification(note)) => server.notification(note)?,
                // The server's requests (registrations) need no answer read.
                Frame::Message(Message::Response(_)) => {}
                Frame::Malformed(why) => {
                    server.log(&format!("skipped a malformed message: {why}"))?
                }
            }
        }
        server.check_changes()?;
    }
    Ok(1)
}

/// An open document: the URI the client named it by, and its text now.
struct Document {
    uri: Uri,
    text: String,
    /// The client's number for the text, sent back with its diagnostics.
    version: i32,
}

struct Server<W> {
    output: W,
    /// The first workspace folder, the server's current folder since
    /// `initialize`, where the check runs from; `None` before.
    root: Option<PathBuf>,
    /// The root when the client names no workspace folder.
    default_root: Option<PathBuf>,
    /// By absolute path, as the check's sources name files.
    open: BTreeMap<PathBuf, Document>,
    /// The last check; `None` before the first, or when the workspace has
    /// no promise file.
    analysis: Option<Analysis>,
    /// Open documents last published with findings, to clear.
    published: BTreeSet<PathBuf>,
    /// Whether a text or a file changed since the last check.
    changed: bool,
    /// Whether the client watches files for the server when asked to.
    can_watch: bool,
    shut_down: bool,
}

impl<W: Write> Server<W> {
    fn new(output: W, default_root: Option<PathBuf>) -> Server<W> {
        Server {
            output,
            root: None,
            default_root,
            open: BTreeMap::new(),
            analysis: None,
            published: BTreeSet::new(),
            changed: false,
            can_watch: false,
            shut_down: false,
        }
    }

    fn send(&mut self, message: impl Into<Message>) -> io::Result<()> {
        message.into().write(&mut self.output)?;
        self.output.flush()
    }

    fn log(&mut self, message: &str) -> io::Result<()> {
        let params = LogMessageParams {
            typ: MessageType::WARNING,
            message: format!("promiselint: {message}"),
        };
        self.send(Notification::new(notify::LogMessage::METHOD.into(), params))
    }

    fn request(&mut self, request: Request) -> io::Result<()> {
        let id = request.id.clone();
        let answer = match request.method.as_str() {
            req::Initialize::METHOD => self.initialize(request.params),
            _ if self.root.is_none() => Err((
                ErrorCode::ServerNotInitialized,
                "initialize first".to_owned(),
            )),
            req::Shutdown::METHOD => {
                self.shut_down = true;
                Ok(serde_json::Value::Null)
            }
            req::HoverRequest::METHOD => self.answer(request.params, navigate::hover),
            req::GotoDefinition::METHOD => self.answer(request.params, navigate::definition),
            req::DocumentSymbolRequest::METHOD => self.answer(request.params, navigate::symbols),
            req::CodeActionRequest::METHOD => self.answer(request.params, actions::code_actions),
            method => Err((ErrorCode::MethodNotFound, format!("no method {method}"))),
        };
        self.send(match answer {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        })
    }

    fn initialize(&mut self, params: serde_json::Value) -> Answer {
        let params: InitializeParams = parse(params)?;
        let watching = params.capabilities.workspace.as_ref();
        let watching = watching.and_then(|workspace| workspace.did_change_watched_files);
        self.can_watch = watching.and_then(|watching| watching.dynamic_registration) == Some(true);
        #[allow(deprecated)] // `root_uri`, for clients that send no folders.
        let uri = params
            .workspace_folders
            .and_then(|folders| folders.into_iter().next().map(|folder| folder.uri))
            .or(params.root_uri);
        let root = match uri {
            Some(uri) => position::uri_to_path(&uri),
            None => self.default_root.clone(),
        };
        let root = root.ok_or((ErrorCode::InvalidParams, "no file workspace".to_owned()))?;
        let root = position::normal(&root);
        // The server runs from the workspace root, as `promiselint check`
        // is run from there: its messages name files as the CLI does.
        std::env::set_current_dir(&root).map_err(|error| {
            let shown = root.display();
            (
                ErrorCode::InvalidParams,
                format!("cannot serve {shown}: {error}"),
            )
        })?;
        self.root = Some(root);
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::FULL,
                )),
                hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "promiselint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).unwrap_or_default())
    }

    /// Answers a request about the last check with `handler`.
    fn answer<P: DeserializeOwned, R: serde::Serialize>(
        &self,
        params: serde_json::Value,
        handler: fn(&Workspace, P) -> Option<R>,
    ) -> Answer {
        let params = parse(params)?;
        let result = self.analysis.as_ref().and_then(|analysis| {
            handler(
                &Workspace {
                    analysis,
                    open: &self.open,
                },
                params,
            )
        });
        Ok(serde_json::to_value(result).unwrap_or_default())
    }

    fn notification(&mut self, note: Notification) -> io::Result<()> {
        if self.root.is_none() {
            return Ok(());
        }
        if note.method == notify::Initialized::METHOD && self.can_watch {
            return self.watch();
        }
        let changed = match note.method.as_str() {
            notify::DidOpenTextDocument::METHOD => {
                parse::<lsp_types::DidOpenTextDocumentParams>(note.params).map(|params| {
                    let document = params.text_document;
                    self.set_text(document.uri, document.text, document.version)
                })
            }
            notify::DidChangeTextDocument::METHOD => {
                parse::<lsp_types::DidChangeTextDocumentParams>(note.params).map(|params| {
                    // Full sync: the last change holds the whole text.
                    match params.content_changes.into_iter().last() {
                        Some(change) => {
                            let document = params.text_document;
                            self.set_text(document.uri, change.text, document.version)
                        }
                        None => false,
                    }
                })
            }
            notify::DidSaveTextDocument::METHOD => Ok(true),
            // Whatever changed on disk is read by the next check.
            notify::DidChangeWatchedFiles::METHOD => Ok(true),
            notify::DidCloseTextDocument::METHOD => {
                parse::<lsp_types::DidCloseTextDocumentParams>(note.params).map(|params| {
                    let path = position::uri_to_path(&params.text_document.uri);
                    path.and_then(|path| self.open.remove(&position::normal(&path)))
                        .is_some()
                })
            }
            _ => Ok(false),
        };
        match changed {
            Ok(changed) => {
                self.changed |= changed;
                Ok(())
            }
            Err((_, why)) => self.log(&format!("{}: {why}", note.method)),
        }
    }

    /// Asks the client to report every file created, changed or deleted
    /// in the workspace: any of them may be policy or copy, as the promise
    /// files' touchpoints say. The client's answer is not waited for.
    fn watch(&mut self) -> io::Result<()> {
        let watchers = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String("**/*".into()),
                kind: None,
            }],
        };
        let registration = lsp_types::Registration {
            id: "promiselint/watch".into(),
            method: notify::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(watchers).ok(),
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![registration],
        };
        let id = lsp_server::RequestId::from("promiselint/watch".to_owned());
        self.send(Request::new(
            id,
            req::RegisterCapability::METHOD.into(),
            params,
        ))
    }

    /// Records the text of an open document; false for a URI that is no file.
    fn set_text(&mut self, uri: Uri, text: String, version: i32) -> bool {
        let Some(path) = position::uri_to_path(&uri) else {
            return false;
        };
        let path = position::normal(&path);
        self.open.insert(path, Document { uri, text, version });
        true
    }

    /// Checks the workspace if a text or a file changed since the last check.
    fn check_changes(&mut self) -> io::Result<()> {
        if !std::mem::take(&mut self.changed) {
            return Ok(());
        }
        self.check()
    }

    /// Checks the workspace with the open documents' texts, and publishes
    /// the findings of every open document. The check is `promiselint
    /// check` run from the workspace root (the current folder since
    /// `initialize`): the same files read, under the same names.
    fn check(&mut self) -> io::Result<()> {
        if self.root.is_none() {
            return Ok(());
        }
        let mut overlay = Overlay::default();
        for (path, document) in &self.open {
            overlay.insert(path.clone(), document.text.as_str());
        }
        let here = PathBuf::from(".");
        let (paths, options) = match Config::discover(&here) {
            Ok(Some(config)) if !config.paths.is_empty() => (config.paths, config.options),
            Ok(Some(config)) => (vec![here], config.options),
            Ok(None) => (vec![here], CheckOptions::default()),
            // As `check` does: nothing is checked under settings that
            // cannot be read, and what is wrong with them is shown.
            Err(error) => {
                self.log(&error.to_string())?;
                self.analysis = Some(crate::Analysis {
                    outcome: error.into_outcome(),
                    model: Default::default(),
                    scan: None,
                    suppressed: Vec::new(),
                    unchecked: Vec::new(),
                });
                return self.publish();
            }
        };
        let options = CheckOptions { overlay, ..options };
        self.analysis = match crate::analyze(&paths, &options) {
            Ok(analysis) => Some(analysis),
            Err(error) => {
                self.log(&error.to_string())?;
                None
            }
        };
        self.publish()
    }

    fn publish(&mut self) -> io::Result<()> {
        let mut by_file = match &self.analysis {
            Some(analysis) => diagnostics::by_file(&analysis.outcome),
            None => BTreeMap::new(),
        };
        let mut now = BTreeSet::new();
        let mut notes = Vec::new();
        for (path, document) in &self.open {
            let diagnostics = by_file.remove(path).unwrap_or_default();
            if diagnostics.is_empty() && !self.published.contains(path) {
                continue;
            }
            if !diagnostics.is_empty() {
                now.insert(path.clone());
            }
            let params = lsp_types::PublishDiagnosticsParams::new(
                document.uri.clone(),
                diagnostics,
                Some(document.version),
            );
            notes.push(Notification::new(
                notify::PublishDiagnostics::METHOD.into(),
                params,
            ));
        }
        self.published = now;
        notes.into_iter().try_for_each(|note| self.send(note))
    }
}

/// What a request handler reads: the last check and the open documents.
pub(crate) struct Workspace<'a> {
    analysis: &'a Analysis,
    open: &'a BTreeMap<PathBuf, Document>,
}

/// A result, or an error to answer with.
type Answer = Result<serde_json::Value, (ErrorCode, String)>;

fn parse<P: DeserializeOwned>(params: serde_json::Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|error| (ErrorCode::InvalidParams, error.to_string()))
}
