#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), JOBS at a time
# (default 2), and prints per target its executions, its coverage (libFuzzer's
# `cov:`), its corpus size and the crashes it found. Exits 1 if any target
# crashed, timed out or ran out of memory; the inputs are in
# fuzz/artifacts/<target>/.
#
#   fuzz/run.sh [SECONDS]
#   JOBS=1 SANITIZER=none TARGETS="promise fmt" fuzz/run.sh 600
#
# Only the stable toolchain is needed: RUSTC_BOOTSTRAP=1 lets it take the
# nightly flags cargo-fuzz passes (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
jobs=${JOBS:-2}
sanitizer=${SANITIZER:-address}
targets=${TARGETS:-promise yaml_policy extract matcher fmt lsp}
export RUSTC_BOOTSTRAP=1

cargo fuzz build --sanitizer "$sanitizer"
./seeds.sh
mkdir -p logs
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT

fuzz() { # target
    # New inputs go to corpus/<target>; the seeds start it.
    mkdir -p "corpus/$1" "artifacts/$1"
    cp "seeds/$1"/* "corpus/$1/"
    cargo fuzz run --sanitizer "$sanitizer" "$1" -- \
        -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 -timeout=10 \
        -dict=promise.dict -print_final_stats=1 >"logs/$1.log" 2>&1 || true
}

for target in $targets; do
    while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
    echo "fuzzing $target for ${seconds}s" >&2
    fuzz "$target" &
done
wait

failed=0
printf '%-12s %8s %12s %7s %7s %8s\n' target seconds executions cov corpus crashes
for target in $targets; do
    log=logs/$target.log
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    status=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
    corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$status")
    crashes=$(find "artifacts/$target" -type f -newer "$stamp" | wc -l)
    printf '%-12s %8s %12s %7s %7s %8s\n' "$target" "$seconds" "${executions:-?}" \
        "${cov:-?}" "${corpus:-?}" "$crashes"
    if ((crashes > 0)); then
        failed=1
        find "artifacts/$target" -type f -newer "$stamp" -printf '  %p\n'
    fi
done
exit "$failed"
