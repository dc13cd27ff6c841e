#!/usr/bin/env python3
"""The same workload as `tupu-bench match` with pyahocorasick (`pip install pyahocorasick`).

usage: match_pyahocorasick.py NAMES_FILE FILE|DIR…
NAMES_FILE: one pattern a line, as written by `tupu-bench match … --names-out NAMES_FILE`.
Prints matches and MB/s (UTF-8 bytes / CPU seconds of the matching loop only).
"""
import os
import sys
import time

import ahocorasick


def texts(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in os.walk(path):
                for name in sorted(files):
                    if name.endswith(".txt") and not name.startswith("."):
                        yield open(os.path.join(root, name), encoding="utf-8").read()
        else:
            yield open(path, encoding="utf-8").read()


def main():
    names = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    start = time.process_time()
    automaton = ahocorasick.Automaton()
    for index, name in enumerate(names):
        automaton.add_word(name, index)
    automaton.make_automaton()
    build = time.process_time() - start
    documents = list(texts(sys.argv[2:]))
    size = sum(len(text.encode("utf-8")) for text in documents)
    start = time.process_time()
    matches = 0
    for text in documents:
        for _ in automaton.iter(text):
            matches += 1
    seconds = time.process_time() - start
    print(f"pyahocorasick: {len(names)} patterns built in {build * 1000:.1f} ms")
    print(f"match: {matches} matches over {size / 1e6:.1f} MB in {seconds:.2f} s CPU = {size / 1e6 / seconds:.1f} MB/s")


if __name__ == "__main__":
    main()
