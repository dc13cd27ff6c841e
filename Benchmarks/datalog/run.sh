#!/usr/bin/env bash
# Datalog benchmark: tupu's engine (tupu-bench datalog) and clingo on the same facts, side by side,
# then the closure of a 10,000-node graph (63 million tuples) with tupu alone.
# Usage: Benchmarks/datalog/run.sh [RUNS]   (each timing is the best of RUNS runs, default 3)
# Environment: SCRATCH (build dir, default .build-bench), DATA (inputs, default Benchmarks/datalog/build), BENCH,
# CLOSURE=0 skips the large closure (about 30 s of CPU and 0.8 GB each run).
# Prints: workload, tuples, tupu s, tupu CPU s, tupu peak MB, clingo s, clingo peak MB, ratio (tupu / clingo, wall).
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
[ -x "$BENCH" ] || { echo "error: no executable benchmark at $BENCH" >&2; exit 1; }
python3 Benchmarks/datalog/generate.py "$DATA"
python3 -c "import clingo" 2>/dev/null || python3 -m pip install --quiet clingo >&2
python3 -c "import clingo" || { echo "error: clingo is not installed and pip could not install it" >&2; exit 1; }
[ -x /usr/bin/time ] || apt-get install -y time >&2
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

TIMING=$(mktemp)
trap 'rm -f "$TIMING" "$TIMING.out" "$TIMING.err"' EXIT

# best_of CMD…: runs the command RUNS times; prints "seconds cpu-seconds peakMB" of the run with the
# least CPU time (user + system: on a shared machine wall time measures the neighbours too). A run
# that fails stops the benchmark with its error: a failed run's time is not a figure.
best_of() {
    local best=""
    for _ in $(seq "$RUNS"); do
        if ! /usr/bin/time -f "%e %U %S %M" -o "$TIMING" "$@" > "$TIMING.out" 2> "$TIMING.err"; then
            echo "error: failed: $*" >&2; cat "$TIMING.err" >&2; exit 1
        fi
        local line; line=$(tail -1 "$TIMING" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }')
        if [ -z "$best" ] || awk -v a="$(echo "$line" | cut -d' ' -f2)" -v b="$(echo "$best" | cut -d' ' -f2)" 'BEGIN { exit !(a < b) }'; then best=$line; fi
    done
    echo "$best" | awk '{ printf "%.2f %.2f %.1f\n", $1, $2, $3 / 1024 }'
}

printf "workload\ttuples\ttupu s\ttupu CPU s\ttupu peak MB\tclingo s\tclingo peak MB\tratio\n"
for w in tc-chain tc-random triangles; do
    # An assignment, so that a failed run stops the script (set -e) instead of printing zeros.
    tupu=$(best_of "$BENCH" datalog "$DATA/$w/$w.dl" -F "$DATA/$w")
    read -r tupu_s tupu_cpu tupu_mb <<< "$tupu"
    tuples=$(cut -f2 "$TIMING.out" | head -1)
    clingo=$(best_of Benchmarks/datalog/clingo.sh --quiet=2 "$DATA/$w/$w.lp" "$DATA/$w/edge.lp")
    read -r clingo_s _ clingo_mb <<< "$clingo"
    ratio=$(awk -v a="$tupu_s" -v b="$clingo_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$w" "$tuples" "$tupu_s" "$tupu_cpu" "$tupu_mb" "$clingo_s" "$clingo_mb" "$ratio"
done
if [ "${CLOSURE:-1}" != 0 ]; then
    # Too large for clingo (and for the engine's default guard of 20 million derived tuples).
    tupu=$(best_of "$BENCH" datalog "$DATA/tc-10k/tc-10k.dl" -F "$DATA/tc-10k" --max-tuples 1000000000)
    read -r tupu_s tupu_cpu tupu_mb <<< "$tupu"
    tuples=$(cut -f2 "$TIMING.out" | head -1)
    printf "%s\t%s\t%s\t%s\t%s\t-\t-\t-\n" tc-10k "$tuples" "$tupu_s" "$tupu_cpu" "$tupu_mb"
fi
rm -f "$TIMING.out"
