#!/usr/bin/env bash
# Times `promiselint check` against `rg -i -F -c -f phrases.txt` on the same
# generated corpus and phrase list, and prints the ratio.
#
#   bench/run.sh [SIZE_MB] [RUNS]        defaults: 200 MB, 5 runs of each
#
# Environment: FILES (default 20 per MB), RATE (KiB of copy per phrase,
# default 4), SEED (default 1), PHRASES (default 50). BASELINE: another
# promiselint binary (an older build) to time in turn with the two, so that
# a change is measured side by side with what it changes.
#
# Exit status: 0 when every run of both tools succeeded, whatever the figures
# (they are reported, not enforced); 1 when promiselint exits 2 (an error,
# not findings) or ripgrep fails.
set -euo pipefail
export LC_ALL=C # a '.' decimal separator in $EPOCHREALTIME and awk

SIZE_MB=${1:-200}
RUNS=${2:-5}
FILES=${FILES:-$((SIZE_MB * 20))}
RATE=${RATE:-4}
SEED=${SEED:-1}
PHRASES=${PHRASES:-50}

[[ $SIZE_MB =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
    { echo "usage: bench/run.sh [SIZE_MB] [RUNS]  (whole numbers, at least 1)" >&2; exit 1; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/promiselint
CORPUS=$BENCH/target-corpus/${SIZE_MB}mb-${FILES}f-r${RATE}-p${PHRASES}-s${SEED}

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

# Installs a Debian package when a command is missing; refreshes the package
# lists only if the first attempt fails.
need() {
    local cmd=$1 package=$2 sudo=
    command -v "$cmd" >/dev/null 2>&1 && return
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    say "installing $package"
    $sudo apt-get install -y "$package" >/dev/null ||
        { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$package" >/dev/null; } ||
        die "cannot install $package"
}

need rg ripgrep
need /usr/bin/time time
need python3 python3

say "building promiselint (cargo build --release)"
(cd "$ROOT" && cargo build --release --quiet)
[ -x "$BIN" ] || die "no binary at $BIN"

# The corpus is generated once per set of parameters and kept under
# bench/target-corpus/ (gitignored). The stamp holds a hash of gen.py, so a
# changed generator regenerates.
stamp=$(sha256sum "$BENCH/gen.py" | cut -d' ' -f1)
if [ "$(cat "$CORPUS/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$CORPUS"
    say "generating $SIZE_MB MB corpus into $CORPUS"
    python3 "$BENCH/gen.py" --out "$CORPUS" --size-mb "$SIZE_MB" --files "$FILES" \
        --phrases "$PHRASES" --rate "$RATE" --seed "$SEED"
    echo "$stamp" >"$CORPUS/.stamp"
else
    say "reusing corpus $CORPUS"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

PL=("$BIN" check "$CORPUS" --format short --fail-on error)
BL=()
[ -z "${BASELINE:-}" ] || BL=("$BASELINE" check "$CORPUS" --format short --fail-on error)
RG=(rg -i -F -c -f "$CORPUS/phrases.txt" "$CORPUS/site")

# measure NAME CMD...: runs CMD once, its stdout to $OUT, and sets WALL
# (seconds), RSS (peak KiB) and STATUS. /usr/bin/time gives peak RSS (%M),
# but its %e has a 10 ms resolution, a few percent of ripgrep's time on
# 200 MB, so the wall time is taken from $EPOCHREALTIME around the same
# call (/usr/bin/time's own fork is in both tools' figures alike).
measure() {
    local name=$1 start end
    shift
    start=$EPOCHREALTIME
    STATUS=0
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"${OUT:-/dev/null}" 2>"$tmp/$name.stderr" || STATUS=$?
    end=$EPOCHREALTIME
    WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    # With a non-zero exit, time writes "Command exited with ..." first.
    RSS=$(tail -n 1 "$tmp/time" | awk '{ print $2 }')
}

# check NAME: promiselint exits 0 (no findings) or 1 (findings, expected
# here); ripgrep 0 (matches) or 1 (none). 2 is an error for both.
check() {
    if [ "$STATUS" -ge 2 ]; then
        say "$1 exited $STATUS:"
        # promiselint reports errors in its input on stdout, as findings.
        [ -f "$tmp/$1.out" ] && head -n 20 "$tmp/$1.out" >&2
        cat "$tmp/$1.stderr" >&2
        exit 1
    fi
}

# mb KIB: kibibytes, as /usr/bin/time's %M reports them, in MB (10^6 bytes).
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }

median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Warm the page cache, and make sure both tools run, before timing anything.
# These two untimed runs keep their output, to show what each tool found.
find "$CORPUS" -type f -exec cat {} + >/dev/null
OUT=$tmp/promiselint.out measure promiselint "${PL[@]}"
check promiselint
pl_status=$STATUS
OUT=$tmp/ripgrep.out measure ripgrep "${RG[@]}"
check ripgrep

files=$(find "$CORPUS/site" -name '*.md' | wc -l)
bytes=$(find "$CORPUS/site" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "corpus:      $CORPUS/site: $files files, $bytes bytes; $(wc -l <"$CORPUS/phrases.txt") phrases"
# Neither tool is told how many threads to use: ripgrep's default (-j 0)
# picks about one per core, and rayon's pool, which promiselint depends on,
# has one per core. Pinning both would only hide a difference users see.
echo "threads:     both tools at their defaults on $(nproc) cores (rg -j 0: about one per core)"
echo "promiselint: ${PL[*]}"
echo "             exit $pl_status, $(wc -l <"$tmp/promiselint.out") lines of findings"
echo "ripgrep:     ${RG[*]}"
echo "             $(awk -F: '{ s += $NF } END { print s + 0 }' "$tmp/ripgrep.out") matching lines" \
    "(the generator inserted $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["inserted"])' "$CORPUS/expected.json") phrases)"
echo ""
row() { printf '%-6s %10s %10s %7s %10s %10s\n' "$@"; }
[ -z "${BASELINE:-}" ] || echo "baseline:    ${BL[*]} (its rows: bl_s, bl/rg)"
row run pl_s rg_s ratio pl_MB rg_MB

# A/B/A/B: the two tools take turns, so drift in the machine's load falls
# on both; each run's ratio compares two neighbouring measurements.
pl_wall=() rg_wall=() pl_rss=() rg_rss=() ratios=() bl_ratios=()
for ((i = 1; i <= RUNS; i++)); do
    measure promiselint "${PL[@]}"
    check promiselint
    pl_wall+=("$WALL") pl_rss+=("$RSS")
    measure ripgrep "${RG[@]}"
    check ripgrep
    rg_wall+=("$WALL") rg_rss+=("$RSS")
    ratio=$(awk -v a="${pl_wall[-1]}" -v b="$WALL" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    row "$i" "${pl_wall[-1]}" "$WALL" "$ratio" "$(mb "${pl_rss[-1]}")" "$(mb "$RSS")"
    if [ -n "${BASELINE:-}" ]; then
        rg=$WALL
        measure baseline "${BL[@]}"
        check baseline
        bl_ratios+=("$(awk -v a="$WALL" -v b="$rg" 'BEGIN { printf "%.2f", a / b }')")
        printf '%-6s %10s %18s\n' "" "$WALL" "bl/rg ${bl_ratios[-1]}"
    fi
done

m_pl=$(median "${pl_wall[@]}")
m_rg=$(median "${rg_wall[@]}")
m_ratio=$(median "${ratios[@]}" | awk '{ printf "%.2f", $1 }')
m_pl_rss=$(mb "$(median "${pl_rss[@]}")")
m_rg_rss=$(mb "$(median "${rg_rss[@]}")")
row median "$m_pl" "$m_rg" "$m_ratio" "$m_pl_rss" "$m_rg_rss"
echo ""
echo "time ratio promiselint/ripgrep: $m_ratio (median of the $RUNS paired ratios;" \
    "ratio of the medians: $(awk -v a="$m_pl" -v b="$m_rg" 'BEGIN { printf "%.2f", a / b }'))"
echo "peak RSS: promiselint $m_pl_rss MB, ripgrep $m_rg_rss MB (medians)"
[ -z "${BASELINE:-}" ] ||
    echo "baseline/ripgrep: $(median "${bl_ratios[@]}" | awk '{ printf "%.2f", $1 }') (median of the $RUNS ratios to the same ripgrep runs)"
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max ? "met" : "NOT met") }'; }
if [ "$SIZE_MB" -ge 200 ] && [ "$PHRASES" -eq 50 ]; then
    echo "target: ratio <= 2: $(verdict "$m_ratio" 2);" \
        "promiselint peak RSS < 200 MB: $(verdict "$m_pl_rss" 199.9)"
else
    echo "target: stated for 200 MB and 50 phrases; not judged on this run"
fi
