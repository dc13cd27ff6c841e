#!/bin/sh
# Build throughput: release build, two generated corpora of SIZE MB (default 30) — the seed files
# repeated as they are, and the seed articles with every county, town and village name swapped for
# another of the gazetteer (a graph some 150 times larger) — the gazetteer matcher's speed over the
# swapped one (and pyahocorasick's, when installed), then `tupu build` over each, RUNS times (default
# 3), with its CPU time (user + sys: the bar is in CPU time), wall time and peak memory.
#
#   Benchmarks/build/run.sh                 # 30 MB, binaries in .build, the repository's seeds/
#   SIZE=60 RUNS=5 SCRATCH=.build-x SEEDS=/path/to/seeds Benchmarks/build/run.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZE=${SIZE:-30}
RUNS=${RUNS:-3}
SCRATCH=${SCRATCH:-.build}
SEEDS=${SEEDS:-$ROOT/seeds}
cd "$ROOT"
ls "$SEEDS"/*.txt > /dev/null 2>&1 || { echo "error: no seed articles (*.txt) in $SEEDS" >&2; exit 1; }

swift build -c release --scratch-path "$SCRATCH" --product tupu-bench
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
swift build -c release --scratch-path "$SCRATCH" --product tupu

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tupu-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

echo "== corpora"
"$BIN/tupu-bench" corpus --size "$SIZE" --seeds "$SEEDS" -o "$WORK/corpus"
mkdir -p "$WORK/repeated"
copy=0
while [ "$(cat "$WORK"/repeated/*.txt 2>/dev/null | wc -c)" -lt $((SIZE * 1000000)) ]; do
    for f in "$SEEDS"/*.txt; do cp "$f" "$WORK/repeated/$(printf %04d $copy)_$(basename "$f")"; done
    copy=$((copy + 1))
done
echo "corpus: $(ls "$WORK/repeated" | wc -l) files, $(cat "$WORK"/repeated/*.txt | wc -c) bytes in $WORK/repeated (seed files repeated)"

echo "== matcher (all gazetteer names, CPU time), places swapped, then seeds repeated"
"$BIN/tupu-bench" match "$WORK/corpus" --names-out "$WORK/names.txt"
"$BIN/tupu-bench" match "$WORK/repeated"
if python3 -c 'import ahocorasick' 2>/dev/null; then
    echo "== pyahocorasick, same names and corpus"
    python3 Benchmarks/build/match_pyahocorasick.py "$WORK/names.txt" "$WORK/corpus"
else
    echo "(pip install pyahocorasick to compare with it)"
fi

# The bar's reference: Rust's aho-corasick crate over the same names and texts. Built offline from
# Debian's packaged crate: apt-get install cargo librust-aho-corasick-dev
if [ -x /usr/bin/cargo ] && ls -d /usr/share/cargo/registry/aho-corasick-0.7* > /dev/null 2>&1; then
    echo "== Rust aho-corasick crate (Debian's), same names; places swapped, then seeds repeated"
    (cd Benchmarks/build/aho-corasick && /usr/bin/cargo build --release -q)
    Benchmarks/build/aho-corasick/target/release/ac-bench "$WORK/names.txt" "$WORK/corpus" | tee "$WORK/crate-corpus.txt"
    Benchmarks/build/aho-corasick/target/release/ac-bench "$WORK/names.txt" "$WORK/repeated" | tee "$WORK/crate-repeated.txt"
else
    echo "(apt-get install cargo librust-aho-corasick-dev to compare with Rust's aho-corasick crate)"
fi

if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install time" >&2
    exit 1
fi
echo "== tupu build ($RUNS runs each; min and median of CPU time)"
for name in repeated corpus; do
    label=$([ "$name" = repeated ] && echo "seeds repeated" || echo "places swapped")
    bytes=$(cat "$WORK/$name"/*.txt | wc -c)
    : > "$WORK/times.txt"
    run=0
    while [ $run -lt "$RUNS" ]; do
        /usr/bin/time -f '%e %U %S %M' -a -o "$WORK/times.txt" "$BIN/tupu" build "$WORK/$name" -o "$WORK/graph.jsonl" -q
        run=$((run + 1))
    done
    entities=$(grep -c '"kind":"entity"' "$WORK/graph.jsonl")
    # The bar: a quarter of the crate's speed (its default automaton, all matches) over the same text.
    crate=$(sed -n 's/.*standard, overlapping.* = \([0-9.]*\) MB\/s/\1/p' "$WORK/crate-$name.txt" 2>/dev/null || true)
    awk -v bytes="$bytes" -v label="$label" -v entities="$entities" -v crate="${crate:-0}" '{
        cpu[NR] = $2 + $3; wall[NR] = $1; if ($4 > kb) kb = $4
    } END {
        n = NR; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (cpu[j] < cpu[i]) { t = cpu[i]; cpu[i] = cpu[j]; cpu[j] = t }
        mb = bytes / 1e6; median = cpu[int((n + 1) / 2)]
        printf "tupu build, %s: %.1f MB, %d entities: CPU min %.2f s (%.1f MB/s), median %.2f s (%.1f MB/s); wall %.2f s; peak memory %.0f MB\n",
            label, mb, entities, cpu[1], mb / cpu[1], median, mb / median, wall[n], kb / 1024
        if (crate > 0) printf "  = %.2f (min) / %.2f (median) of the aho-corasick crate'"'"'s %.1f MB/s over this text; the bar is 0.25\n",
            mb / cpu[1] / crate, mb / median / crate, crate
    }' "$WORK/times.txt"
done
