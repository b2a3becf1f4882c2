#!/usr/bin/env bash
# Runs `promiselint check` on each hostile input at size N and 2N and prints
# how time and peak memory grow: a ratio near 2 is linear, near 4 quadratic.
#
#   bench/hostile.sh [PERCENT] [RUNS]   defaults: 100 (the sizes below), 3 runs
#
# PERCENT scales every N (25 for a quick look). CASES: the cases to run,
# separated by spaces (default all). BASELINE: another promiselint binary (an
# older build), run on the same inputs in turn with this one. TIMEOUT: the
# seconds a run may take before it is stopped and shown as `>TIMEOUT`
# (default 120). Times and memory are the medians of RUNS runs.
set -euo pipefail
export LC_ALL=C # a '.' decimal separator in $EPOCHREALTIME and awk

PERCENT=${1:-100}
RUNS=${2:-3}
TIMEOUT=${TIMEOUT:-120}
ALL="long-phrase misspelt-names kept-figures backed-figures findings-on-a-line human-snippets"
CASES=${CASES:-$ALL}

[[ $PERCENT =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
    { echo "usage: bench/hostile.sh [PERCENT] [RUNS]  (whole numbers, at least 1)" >&2; exit 1; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/promiselint
say() { printf '%s\n' "$*" >&2; }
command -v /usr/bin/time >/dev/null || { say "hostile.sh: needs /usr/bin/time (apt-get install time)"; exit 1; }
say "building promiselint (cargo build --release)"
(cd "$ROOT" && cargo build --release --quiet)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The size N of each case at 100%, and what it is.
declare -A SIZE=(
    [long-phrase]=200000 [misspelt-names]=3000 [kept-figures]=20000
    [backed-figures]=80000 [findings-on-a-line]=20000 [human-snippets]=1250
)
declare -A WHAT=(
    [long-phrase]="characters in one says phrase"
    [misspelt-names]="misspelt field names in a promise file"
    [kept-figures]="'Enjoy 3.7-day returns' lines, each its own figure, all kept"
    [backed-figures]="places of 29 figures the policy backs, in one page, no finding"
    [findings-on-a-line]="broken promises on one line"
    [human-snippets]="findings in one page with 200 bytes between, human format"
)

# make CASE N DIR: writes the input of CASE at size N into DIR.
make() {
    python3 - "$@" <<'PY'
import os, sys
case, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = """policy returns {
  window = 30 days
}

promise "{n}-day returns" {
  says "{n}-day returns"
  requires returns.window >= n days
}

touchpoint website "Website" {
  files "site/**/*"
}
"""
files = {"store.promise": store}
filler = "Our team packs every order by hand in the warehouse and checks it twice. " * 3
if case == "long-phrase":
    phrase = ("free " * (n // 5))[: n - 7] + "returns"
    files["long.promise"] = f'promise "long" {{\n  says "{phrase}"\n  requires returns.window >= 1 days\n}}\n'
    files["site/a.md"] = "Enjoy free returns.\n"
elif case == "misspelt-names":
    fields = "".join(f"  window_{i:05} = {1 + i % 30} days\n" for i in range(n))
    promises = "".join(
        f'promise "offer {i}" {{\n  says "offer {i} today"\n  requires more.windw_{i:05} >= 1 days\n}}\n'
        for i in range(n)
    )
    files["more.promise"] = f"policy more {{\n{fields}}}\n{promises}"
    files["site/a.md"] = "Enjoy 30-day returns.\n"
elif case == "kept-figures":
    files["site/a.md"] = "".join(f"Enjoy {1 + i % 29}.{i}-day returns\n\n" for i in range(n))
elif case == "backed-figures":
    files["site/a.md"] = "".join(f"Enjoy {1 + i % 29}-day returns.\n\n" for i in range(n))
elif case == "findings-on-a-line":
    files["site/a.md"] = "Enjoy 60-day returns; " * n + "\n"
elif case == "human-snippets":
    files["site/a.md"] = "".join(f"Enjoy 60-day returns.\n\n{filler}\n\n" for _ in range(n))
else:
    sys.exit(f"unknown case {case}")
for path, text in files.items():
    path = os.path.join(out, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
PY
}

# measure BINARY DIR FORMAT: one run; sets WALL (s, or >TIMEOUT) and RSS (KiB).
measure() {
    local start end status=0
    start=$EPOCHREALTIME
    (cd "$2" && timeout "$TIMEOUT" /usr/bin/time -f '%M' -o "$tmp/time" \
        "$1" check . --format "$3" >/dev/null 2>"$tmp/stderr") || status=$?
    end=$EPOCHREALTIME
    if [ "$status" -eq 124 ]; then
        WALL=">$TIMEOUT" RSS=0
        return
    fi
    # 0: no finding; 1: findings; 2: errors in the input (misspelt names).
    [ "$status" -le 2 ] || { say "$1 exited $status in $2:"; cat "$tmp/stderr" >&2; exit 1; }
    WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    RSS=$(tail -n 1 "$tmp/time")
}

median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ />/ || b ~ />/ || a == 0) print "-"; else printf "%.2f", b / a }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }

# runs BINARY DIR FORMAT: RUNS runs; sets MED_WALL (s) and MED_RSS (KiB).
runs() {
    local walls=() rsses=() i
    for ((i = 1; i <= RUNS; i++)); do
        measure "$@"
        if [[ $WALL == \>* ]]; then
            MED_WALL=$WALL MED_RSS=0
            return
        fi
        walls+=("$WALL") rsses+=("$RSS")
    done
    MED_WALL=$(median "${walls[@]}")
    MED_RSS=$(median "${rsses[@]}")
}

BINARIES=("$BIN")
[ -z "${BASELINE:-}" ] || BINARIES+=("$BASELINE")
echo "promiselint: $BIN${BASELINE:+; baseline: $BASELINE}; $RUNS runs each, medians"
row() { printf '%-19s %-8s %8s %9s %9s %6s %8s %8s %6s\n' "$@"; }
row case binary N time_N_s time_2N_s ratio MB_N MB_2N ratio
for case in $CASES; do
    [ -n "${SIZE[$case]:-}" ] || { say "hostile.sh: no case $case (cases: $ALL)"; exit 1; }
    n=$((SIZE[$case] * PERCENT / 100))
    format=short
    [ "$case" != human-snippets ] || format=human
    make "$case" "$n" "$tmp/$case-1"
    make "$case" $((2 * n)) "$tmp/$case-2"
    say "$case: N = $n ${WHAT[$case]}"
    for binary in "${BINARIES[@]}"; do
        name=new
        [ "$binary" = "$BIN" ] || name=baseline
        runs "$binary" "$tmp/$case-1" "$format"
        wall1=$MED_WALL rss1=$MED_RSS
        runs "$binary" "$tmp/$case-2" "$format"
        row "$case" "$name" "$n" "$wall1" "$MED_WALL" "$(ratio "$wall1" "$MED_WALL")" \
            "$(mb "$rss1")" "$(mb "$MED_RSS")" "$(ratio "$rss1" "$MED_RSS")"
    done
done
