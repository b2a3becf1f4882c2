#!/usr/bin/env bash
# A newcomer's first hour, following only the README, from a fresh clone:
# install (README: Install), start a store (`promiselint init`), write a
# promise and the copy that breaks it, see the finding, wire the pre-commit
# hook from the README's own snippet, and run the CI formats. Each step
# prints the commands it runs and what they said; the script stops at the
# first step that does not do what the README says, and ends with
# "walkthrough: passed".
#
#   tests/walkthrough.sh     # from anywhere; it clones the project it sits in
#
# It installs with `cargo install --locked --path .` as the README says, into
# a folder of its own rather than ~/.cargo/bin. A cold release build takes
# minutes; with CARGO_BUILD_BUILD_DIR=<this project's target folder> it
# reuses what a `cargo build --release` there compiled. pre-commit's step is
# skipped, with a note, when pre-commit is not installed (`pip install
# pre-commit`).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
readme="$project/README.md"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }
fail() {
  echo "walkthrough: FAILED: $*" >&2
  exit 1
}
# expect CODE COMMAND...: runs COMMAND, shows what it said, insists on CODE.
expect() {
  local want=$1 got=0
  shift
  echo "\$ $*"
  "$@" >"$work/said" 2>&1 || got=$?
  cat "$work/said"
  [ "$got" -eq "$want" ] || fail "\`$*\` exited $got, not $want"
}
# said TEXT: the last command's output holds TEXT.
said() { grep -qF -- "$1" "$work/said" || fail "expected to see: $1"; }
# snippet MARK: the README's fenced block whose first line is MARK.
snippet() {
  awk -v mark="$1" '/^```/ { if (inside) exit; fence = 1; next }
    fence && $0 == mark { inside = 1 } fence { fence = 0 } inside' "$readme"
}

step "Install from a fresh clone (README: Install)"
git clone --quiet "$project" "$work/promiselint"
cd "$work/promiselint"
grep -qF 'cargo install --locked --path .' "$readme" || fail "the README no longer says how to install from a clone"
expect 0 cargo install --locked --path . --root "$work/tools" --quiet
export PATH="$work/tools/bin:$PATH"
expect 0 promiselint --version

step "A store of its own (README: Command line, promiselint init)"
mkdir "$work/store"
cd "$work/store"
git init --quiet
expect 0 promiselint init
expect 0 promiselint check --format short
said "unmatched-touchpoint"
said "unused-promise"

step "A promise of our own, and copy that breaks it"
cat >>promises.promise <<'PROMISE'

policy shipping {
  free_over = $50
}

promise "free shipping over {x}" {
  says "free shipping on orders over {x:money}"
  requires shipping.free_over <= x
}
PROMISE
mkdir site
printf '# Welcome\n\nFree shipping on orders over $25, and 60-day returns.\n' >site/index.md
expect 1 promiselint check --format short
said 'site/index.md:3:1: error[PL102] "Free shipping on orders over $25"'
said 'site/index.md:3:39: error[PL102] "60-day returns"'
expect 1 promiselint check
said "help:"
expect 0 promiselint fmt --check

step "The pre-commit hook (README: Install, pre-commit)"
if command -v pre-commit >/dev/null; then
  git add .
  git -c user.name=walkthrough -c user.email=walkthrough@example.com commit --quiet -m "A store"
  # The README's snippet, with this clone in place of the public URL.
  snippet "repos:" >.pre-commit-config.yaml
  grep -qF "id: promiselint" .pre-commit-config.yaml || fail "no pre-commit snippet in the README"
  sed -i "s|repo: https://github.com/promiselint/promiselint|repo: $work/promiselint|; s|rev: main.*|rev: $(git -C "$work/promiselint" rev-parse HEAD)|" .pre-commit-config.yaml
  cat .pre-commit-config.yaml
  git add .pre-commit-config.yaml
  export PRE_COMMIT_HOME="$work/pre-commit"
  expect 1 pre-commit run --all-files
  said "site/index.md:3:39: error[PL102]"
  printf '# Welcome\n\nFree shipping on orders over $50, and 30-day returns.\n' >site/index.md
  git add site/index.md
  expect 0 pre-commit run --all-files
  said "Passed"
else
  echo "skipped: pre-commit is not installed (pip install pre-commit)"
  printf '# Welcome\n\nFree shipping on orders over $50, and 30-day returns.\n' >site/index.md
fi
expect 0 promiselint check --format short

step "The CI formats (README: Use in CI, CI formats)"
printf 'Now with 90-day returns.\n' >site/news.md
expect 1 promiselint check --format github
said "::error file=site/news.md,line=1,col=10,"
expect 0 promiselint check --format sarif -o promiselint.sarif --exit-zero
expect 0 python3 -c 'import json; log = json.load(open("promiselint.sarif")); print("SARIF", log["version"], "results:", *(r["ruleId"] for r in log["runs"][0]["results"]))'
said "SARIF 2.1.0 results: "
said "PL102"
grep -qF "uses: promiselint/promiselint@" "$readme" || fail "no GitHub Actions snippet in the README"
[ -f "$work/promiselint/action.yml" ] || fail "the action the README uses is not in the repository"

echo
echo "walkthrough: passed"
