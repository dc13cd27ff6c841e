#!/bin/sh
# Build throughput: release build, a generated corpus (default 30 MB), the gazetteer matcher's
# speed over it (and pyahocorasick's, when installed), then `tupu build` over it with its wall
# time and peak memory.
#
#   Benchmarks/build/run.sh                 # 30 MB, binaries in .build, seeds in ../shared/seeds
#   SIZE=60 SCRATCH=.build-x SEEDS=/path/to/seeds Benchmarks/build/run.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZE=${SIZE:-30}
SCRATCH=${SCRATCH:-.build}
SEEDS=${SEEDS:-$ROOT/../shared/seeds}
cd "$ROOT"

swift build -c release --scratch-path "$SCRATCH" --product tupu-bench
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
HAVE_TUPU=yes
swift build -c release --scratch-path "$SCRATCH" --product tupu || HAVE_TUPU=no

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tupu-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

echo "== corpus"
"$BIN/tupu-bench" corpus --size "$SIZE" --seeds "$SEEDS" -o "$WORK/corpus"
BYTES=$(cat "$WORK"/corpus/*.txt | wc -c)

echo "== matcher (all gazetteer names, CPU time)"
"$BIN/tupu-bench" match "$WORK/corpus" --names-out "$WORK/names.txt"
if python3 -c 'import ahocorasick' 2>/dev/null; then
    echo "== pyahocorasick, same names and corpus"
    python3 Benchmarks/build/match_pyahocorasick.py "$WORK/names.txt" "$WORK/corpus"
else
    echo "(pip install pyahocorasick to compare with it)"
fi

if [ "$HAVE_TUPU" = no ] || [ ! -x "$BIN/tupu" ]; then
    echo "== tupu build: skipped (tupu does not build)"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install time" >&2
    exit 1
fi
echo "== tupu build"
# The bar is in CPU time (user + sys): on a shared machine wall time says more about the neighbours.
/usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$BIN/tupu" build "$WORK/corpus" -o "$WORK/graph.jsonl" -q
read -r SECONDS_WALL SECONDS_USER SECONDS_SYS PEAK_KB < "$WORK/time.txt"
awk -v bytes="$BYTES" -v wall="$SECONDS_WALL" -v user="$SECONDS_USER" -v sys="$SECONDS_SYS" -v kb="$PEAK_KB" 'BEGIN {
    cpu = user + sys
    printf "tupu build: %.1f MB in %.2f s CPU (%.2f MB/s of CPU time), %.2f s wall (%.2f MB/s), peak memory %.0f MB\n",
        bytes / 1e6, cpu, (cpu > 0 ? bytes / 1e6 / cpu : 0), wall, (wall > 0 ? bytes / 1e6 / wall : 0), kb / 1024
}'
