#!/usr/bin/env python3
"""Time `promiselint lsp` as an editor sees it: a scripted client over stdio
on a generated workspace of many pages.

    bench/lsp.py                        10,000 pages, 40 MiB, 30 edits
    bench/lsp.py --pages 1000 --size-mb 4 --edits 10      a quick check
    bench/lsp.py --binary old/promiselint                 another build

It prints two figures, in milliseconds:

- latency: from sending one `didChange` to receiving the `publishDiagnostics`
  of that text, edit after edit, each waited for (median and p90);
- settle: a burst of 10 edits 50 ms apart, from sending the last one to
  receiving the diagnostics of the last text (median of the bursts).

Every edit puts an unbacked figure ("60-day returns" against a 30-day
window) on a line of its own whose number is unique in the session, so the
diagnostics of one text are told from any other's by the line of that
finding: the figures do not depend on the server sending a version.

Standard library only. The workspace is made by gen.py once per set of
parameters, under bench/target-corpus/ (gitignored).
"""

import argparse
import hashlib
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
MARKER = "Changed your mind? We offer 60-day returns.\n"


def workspace(pages, size_mb, seed):
    """The generated workspace's folder, made if missing or stale."""
    folder = os.path.join(BENCH, "target-corpus", f"lsp-{pages}p-{size_mb:g}mb-s{seed}")
    with open(os.path.join(BENCH, "gen.py"), "rb") as gen:
        stamp = hashlib.sha256(gen.read()).hexdigest()
    stamp_file = os.path.join(folder, ".stamp")
    if not os.path.exists(stamp_file) or open(stamp_file).read() != stamp:
        shutil.rmtree(folder, ignore_errors=True)
        say(f"generating {pages} pages, {size_mb} MiB, into {folder}")
        subprocess.run(
            [sys.executable, os.path.join(BENCH, "gen.py"), "--out", folder,
             "--size-mb", str(size_mb), "--files", str(pages), "--seed", str(seed)],
            check=True, stdout=subprocess.DEVNULL)
        with open(stamp_file, "w") as out:
            out.write(stamp)
    return folder


def say(message):
    print(message, file=sys.stderr, flush=True)


class Client:
    """The server's process; a thread reads what it sends and stamps it."""

    def __init__(self, binary, folder):
        self.process = subprocess.Popen(
            [binary, "lsp"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.received = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.received.put((time.monotonic(), None))
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            body = out.read(length)
            self.received.put((time.monotonic(), json.loads(body)))

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return time.monotonic()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == self.next_id)[1]

    def wait(self, wanted, timeout=120):
        """The first message `wanted` accepts, and when it came."""
        deadline = time.monotonic() + timeout
        while True:
            at, message = self.received.get(timeout=max(0.0, deadline - time.monotonic()))
            if message is None:
                sys.exit("lsp.py: the server hung up")
            if wanted(message):
                return at, message


def diagnostics_of(uri, line):
    """Accepts the diagnostics of `uri` that hold a finding on `line`."""
    def wanted(message):
        if message.get("method") != "textDocument/publishDiagnostics":
            return False
        params = message["params"]
        return params["uri"] == uri and any(
            d["range"]["start"]["line"] == line for d in params["diagnostics"])
    return wanted


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--size-mb", type=float, default=40, help="total copy, MiB")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--edits", type=int, default=30, help="edits timed one by one")
    ap.add_argument("--bursts", type=int, default=3, help="bursts of 10 edits, 50 ms apart")
    ap.add_argument("--binary", help="promiselint to run (default: cargo build --release)")
    args = ap.parse_args()

    binary = args.binary
    if binary is None:
        say("building promiselint (cargo build --release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        binary = os.path.join(target, "release", "promiselint")
    binary = os.path.abspath(binary)
    folder = workspace(args.pages, args.size_mb, args.seed)

    page = os.path.join(folder, "site")
    page = os.path.join(page, sorted(os.listdir(page))[0])
    while os.path.isdir(page):
        page = os.path.join(page, sorted(os.listdir(page))[0])
    with open(page) as f:
        text = f.read()
    uri = "file://" + page

    def marked(version):
        """The page with the marker on line `version` (from 0)."""
        return "\n" * version + MARKER + text

    client = Client(binary, folder)
    started = time.monotonic()
    client.request("initialize", {"capabilities": {}, "workspaceFolders": [
        {"uri": "file://" + folder, "name": "bench"}]})
    client.send({"method": "initialized", "params": {}})
    version = 1
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": version,
        "text": marked(version)}}})
    client.wait(diagnostics_of(uri, version))
    say(f"{binary}: first diagnostics after {1000 * (time.monotonic() - started):.0f} ms")

    def edit():
        """Sends the next text; returns when, and the line of its marker."""
        nonlocal version
        version += 1
        sent = client.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": marked(version)}]}})
        return sent, version

    latencies = []
    for _ in range(args.edits):
        sent, line = edit()
        at, _ = client.wait(diagnostics_of(uri, line))
        latencies.append(1000 * (at - sent))
    settles = []
    for _ in range(args.bursts):
        for i in range(10):
            if i:
                time.sleep(0.05)
            sent, line = edit()
        at, _ = client.wait(diagnostics_of(uri, line))
        settles.append(1000 * (at - sent))
        # What the burst's earlier texts published is not waited for again.
        time.sleep(0.2)
        while not client.received.empty():
            client.received.get()

    client.request("shutdown", None)
    client.send({"method": "exit"})
    client.process.wait(timeout=60)

    latencies.sort()
    p90 = latencies[min(len(latencies) - 1, int(0.9 * len(latencies)))]
    print(f"workspace: {args.pages} pages, {args.size_mb} MiB; page edited: "
          f"{os.path.relpath(page, folder)} ({len(text)} bytes)")
    print(f"didChange to diagnostics, {len(latencies)} edits: "
          f"median {statistics.median(latencies):.0f} ms, p90 {p90:.0f} ms")
    print(f"settle after a burst of 10 edits 50 ms apart, {len(settles)} bursts: "
          f"median {statistics.median(settles):.0f} ms "
          f"({', '.join(f'{s:.0f}' for s in settles)})")


if __name__ == "__main__":
    main()
