#!/usr/bin/env python3
"""tupu on Apache Spark: extraction is a map over partitions of a JSON Lines corpus, `tupu merge` the reduce.

    python3 Benchmarks/spark/tupu_spark.py CORPUS.jsonl -o graph.jsonl [--partitions N] [--tupu PATH] [--master local[2]] [--gazetteer FILE]

Each partition (consecutive lines of the corpus, each {"id": …, "text": …}) is piped through
`tupu build - --no-learn -o part.graph.jsonl -q` on an executor, which sends the part's graph file
back; the driver writes the parts in partition order and merges them with `tupu merge`. Graphs of
consecutive parts merged in order are the graph `tupu build --no-learn CORPUS.jsonl` writes, byte
for byte. Learning is off because a partition would learn from its own lines only: to use learned
names, learn them over the whole corpus once (`tupu gazetteer learn CORPUS.jsonl -o learned.tsv`)
and pass `--gazetteer learned.tsv`, which every partition then reads.

On a cluster, the `tupu` binary (a release build, with its resource bundle beside it) must be on
every executor at the same path, e.g. installed in the image or shipped with
`spark-submit --archives tupu.tar.gz#tupu` and `--tupu ./tupu/tupu`; the corpus is read from
any path Spark reads (HDFS, S3).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def build_partition(tupu, gazetteer, index, lines):
    """Runs on an executor: the partition's lines through `tupu build -`, the graph file back."""
    text = "".join(line + "\n" for line in lines if line.strip())
    if not text:
        return []
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "part.graph.jsonl")
        run = subprocess.run([tupu, "build", "-", "--no-learn", *gazetteer, "-o", out, "-q"], input=text.encode("utf-8"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if run.returncode != 0:
            raise RuntimeError(f"partition {index}: tupu build exited {run.returncode}: {run.stderr.decode()}")
        with open(out, "rb") as f:
            return [(index, f.read())]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--tupu", default="tupu")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    parser.add_argument("--gazetteer", action="append", default=[], help="a names file every partition reads (on every executor)")
    args = parser.parse_args()

    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("tupu-build")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    tupu = args.tupu
    gazetteer = [flag for path in args.gazetteer for flag in ("--gazetteer", path)]
    # textFile keeps the file's order: partition i holds lines before those of partition i + 1.
    lines = spark.sparkContext.textFile(args.corpus, minPartitions=args.partitions)
    parts = lines.mapPartitionsWithIndex(lambda index, it: build_partition(tupu, gazetteer, index, it)).collect()
    spark.stop()

    parts.sort(key=lambda part: part[0])
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, graph in parts:
            path = os.path.join(folder, f"part-{index:05d}.graph.jsonl")
            with open(path, "wb") as f:
                f.write(graph)
            paths.append(path)
        subprocess.run([tupu, "merge", *paths, "-o", args.output, "-q"], check=True)
    print(f"{args.output}: {len(parts)} partitions merged", file=sys.stderr)


if __name__ == "__main__":
    main()
