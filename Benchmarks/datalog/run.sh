#!/usr/bin/env bash
# Datalog benchmark: tupu's engine (tupu-bench datalog) and clingo on the same facts, side by side.
# Usage: Benchmarks/datalog/run.sh [RUNS]   (each timing is the best of RUNS runs, default 3)
# Environment: SCRATCH (build dir, default .build-bench), DATA (inputs, default Benchmarks/datalog/build), BENCH.
# Prints: workload, tuples, tupu s, tupu peak MB, clingo s, clingo peak MB, ratio (tupu / clingo).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
SCRATCH=${SCRATCH:-.build-bench}
DATA=${DATA:-Benchmarks/datalog/build}

# BENCH=/path/to/tupu-bench skips the build (any binary accepting `datalog PROGRAM -F DIR`).
if [ -z "${BENCH:-}" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product tupu-bench >&2
    BENCH="$SCRATCH/release/tupu-bench"
fi
python3 Benchmarks/datalog/generate.py "$DATA"
python3 -c "import clingo" 2>/dev/null || pip install --quiet clingo >&2
[ -x /usr/bin/time ] || { apt-get install -y time >&2; }

TIMING=$(mktemp)
trap 'rm -f "$TIMING"' EXIT

# best_of CMD…: runs the command RUNS times; prints "seconds peakMB" of the fastest run.
best_of() {
    local best="" 
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$TIMING" "$@" > "$TIMING.out" 2>/dev/null || true
        local line; line=$(tail -1 "$TIMING")
        if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$line; fi
    done
    awk -v s="${best%% *}" -v k="${best##* }" 'BEGIN { printf "%.2f %.1f\n", s, k / 1024 }'
}

printf "workload\ttuples\ttupu s\ttupu peak MB\tclingo s\tclingo peak MB\tratio\n"
for w in tc-chain tc-random triangles; do
    read -r tupu_s tupu_mb < <(best_of "$BENCH" datalog "$DATA/$w/$w.dl" -F "$DATA/$w")
    tuples=$(cut -f2 "$TIMING.out" | head -1)
    read -r clingo_s clingo_mb < <(best_of python3 -m clingo --quiet=2 "$DATA/$w/$w.lp" "$DATA/$w/edge.lp")
    ratio=$(awk -v a="$tupu_s" -v b="$clingo_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$w" "$tuples" "$tupu_s" "$tupu_mb" "$clingo_s" "$clingo_mb" "$ratio"
done
rm -f "$TIMING.out"
