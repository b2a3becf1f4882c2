#!/usr/bin/env bash
# Makes fuzz/seeds/ from the repository's tests and examples, as they are
# now: run.sh runs it before every run, so the seeds are never a stale copy
# of the fixtures and are not committed.
set -euo pipefail
export LC_ALL=C # ${#body} counts bytes
cd "$(dirname "$0")"
sources=(../tests/fixtures ../examples/retail)

# A seed's name is its source's path, `/` made `_`.
seed() { # target file [prefix]
    local name=${2#../}
    name=${name//\//_}
    { printf '%s' "${3-}"; cat "$2"; } > "seeds/$1/$name"
}

rm -rf seeds
mkdir -p seeds/{promise,fmt,yaml_policy,extract,matcher,lsp}
find "${sources[@]}" -name '*.promise' | sort | while read -r f; do
    seed promise "$f"
    seed fmt "$f"
done
find "${sources[@]}" \( -name '*.yaml' -o -name '*.yml' \) | sort | while read -r f; do
    seed yaml_policy "$f"
done
# `extract` reads its first byte as the kind: `0` Markdown, `1` HTML,
# `2` YAML, `3` text (the byte modulo 4).
find "${sources[@]}" -type f | sort | while read -r f; do
    case $f in
        *.md) seed extract "$f" 0 ;;
        *.html) seed extract "$f" 1 ;;
        *.yaml | *.yml) seed extract "$f" 2 ;;
        *.txt) seed extract "$f" 3 ;;
    esac
done
# `matcher` reads phrases, one a line, then a blank line, then copy: every
# `says` phrase of the retail example against each copy file of it.
phrases=$(grep -oh '"[^"]*{[^"]*"' ../examples/retail/promises.promise | tr -d '"' | sort -u)
find ../examples/retail ../tests/fixtures/copy -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' \) |
    sort | while read -r f; do
        seed matcher "$f" "$phrases"$'\n\n'
    done

# `lsp` reads what a client sends: sessions with the workspace the target
# serves (LSP_ROOT in src/properties.rs), which name no root of their own.
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
request() { frame "{\"jsonrpc\":\"2.0\",\"id\":$1,\"method\":\"$2\",\"params\":$3}"; }
notify() { frame "{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":$2}"; }
uri=file:///tmp/promiselint-fuzz-lsp
doc="{\"textDocument\":{\"uri\":\"$uri/promises.promise\"}"
at="\"position\":{\"line\":5,\"character\":12}"
text='policy returns {\n  window = 14 days\n}\n\npromise \"{n}-day returns\" {\n  says \"{n}-day returns\"\n  requires returns.window >= n days\n}\n\ntouchpoint website \"Website\" {\n  files \"site/*.md\"\n}\n'
start() {
    request 1 initialize '{"processId":null,"capabilities":{}}'
    notify initialized '{}'
}
{
    start
    notify textDocument/didOpen "{\"textDocument\":{\"uri\":\"$uri/promises.promise\",\"languageId\":\"promise\",\"version\":1,\"text\":\"$text\"}}"
    notify textDocument/didOpen "{\"textDocument\":{\"uri\":\"$uri/site/index.md\",\"languageId\":\"markdown\",\"version\":1,\"text\":\"Enjoy 30-day returns.\\n\"}}"
    request 2 textDocument/hover "${doc},$at}"
    request 3 textDocument/definition "${doc},$at}"
    request 4 textDocument/documentSymbol "${doc}}"
    request 5 textDocument/codeAction "{\"textDocument\":{\"uri\":\"$uri/site/index.md\"},\"range\":{\"start\":{\"line\":0,\"character\":6},\"end\":{\"line\":0,\"character\":12}},\"context\":{\"diagnostics\":[]}}"
    notify textDocument/didChange "{\"textDocument\":{\"uri\":\"$uri/promises.promise\",\"version\":2},\"contentChanges\":[{\"text\":\"policy returns {\\n  window = 30 days\\n}\\n\"}]}"
    notify textDocument/didSave "${doc}}"
    notify textDocument/didClose "${doc}}"
    request 6 shutdown null
    notify exit null
} > seeds/lsp/session
{
    request 1 textDocument/hover "${doc},$at}"
    start
    frame '{not json'
    request 2 no/such/method '{}'
    notify textDocument/didOpen '{"textDocument":{}}'
    request 3 textDocument/hover '[]'
    notify exit null
} > seeds/lsp/mistakes
