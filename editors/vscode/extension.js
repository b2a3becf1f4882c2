// The promiselint extension: highlighting comes from the manifest; this
// starts `promiselint lsp` for promise files and the copy they cover.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("promiselint").get("path") || "promiselint";
  client = new LanguageClient(
    "promiselint",
    "promiselint",
    { command, args: ["lsp"] },
    {
      documentSelector: ["promise", "markdown", "html", "yaml", "plaintext"].map((language) => ({
        scheme: "file",
        language,
      })),
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
