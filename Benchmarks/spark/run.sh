#!/usr/bin/env bash
# End to end in Spark's local mode: a generated corpus, the Spark build, a single-machine build,
# and the two graph files compared byte for byte.
#   apt-get install openjdk-17-jre-headless && pip install pyspark    # once
#   Benchmarks/spark/run.sh [SIZE_MB] [PARTITIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-20}
PARTITIONS=${2:-8}
swift build -c release --product tupu >/dev/null
swift build -c release --product tupu-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SPARK_LOCAL_IP=127.0.0.1
# The seed articles with their places swapped (tupu-bench corpus), as JSON Lines with ids.
"$BIN/tupu-bench" corpus --size "$SIZE" --seeds seeds -o "$WORK/txt" >/dev/null
python3 - "$WORK/txt" "$WORK/corpus.jsonl" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as t:
            f.write(json.dumps({"id": name, "text": t.read()}, ensure_ascii=False) + "\n")
PY
echo "corpus: $(du -m "$WORK/corpus.jsonl" | cut -f1) MB, $(wc -l < "$WORK/corpus.jsonl") documents"
start=$(date +%s.%N)
python3 Benchmarks/spark/tupu_spark.py "$WORK/corpus.jsonl" -o "$WORK/spark.graph.jsonl" \
    --partitions "$PARTITIONS" --tupu "$BIN/tupu" --master "local[2]"
spark=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
"$BIN/tupu" build --no-learn "$WORK/corpus.jsonl" -o "$WORK/single.graph.jsonl" -q
single=$(echo "$(date +%s.%N) - $start" | bc)
printf 'spark (local[2], %s partitions): %.1f s wall; single machine: %.1f s wall\n' "$PARTITIONS" "$spark" "$single"
if cmp -s "$WORK/spark.graph.jsonl" "$WORK/single.graph.jsonl"; then
    echo "identical: $(wc -l < "$WORK/single.graph.jsonl") lines, $(du -k "$WORK/single.graph.jsonl" | cut -f1) KB"
else
    echo "DIFFERENT graph files" >&2
    exit 1
fi
