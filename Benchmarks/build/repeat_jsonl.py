#!/usr/bin/env python3
"""Writes a JSON Lines corpus of SIZE megabytes: the seed documents repeated, each copy with its own id.

    python3 Benchmarks/build/repeat_jsonl.py 300 /tmp/corpus-300.jsonl [seeds]
"""
import json
import os
import sys

size = float(sys.argv[1]) * 1e6
out = sys.argv[2]
folder = sys.argv[3] if len(sys.argv) > 3 else "seeds"
texts = []
for name in sorted(os.listdir(folder)):
    if name.endswith(".txt"):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            texts.append((name, f.read()))
written = 0
copy = 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        for name, text in texts:
            line = json.dumps({"id": f"{copy:06d}-{name}", "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
        copy += 1
print(f"{out}: {written / 1e6:.1f} MB, {copy * len(texts)} documents")
