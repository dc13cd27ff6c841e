#!/usr/bin/env python3
"""Regenerates Sources/TupuGazetteer/Resources/word-frequencies.tsv from the jieba dictionary.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python3 Benchmarks/build/word_frequencies.py jieba-0.42.1/jieba/dict.txt Sources/TupuGazetteer/Resources \
        > Sources/TupuGazetteer/Resources/word-frequencies.tsv

The gazetteer drops a town short form that is a common word (see NameRules.isCommonWord).
"""
import collections, csv, sys
dictionary, resources = sys.argv[1], sys.argv[2]
words = {}
for line in open(dictionary, encoding="utf-8"):
    parts = line.split()
    if len(parts) >= 3:
        words[parts[0]] = (int(parts[1]), parts[2])
stems = set()
suffixes = {"city": ("市", "县", "区"), "county": ("市", "县", "区"), "town": ("街道", "镇", "乡")}
for file in ("cities.tsv", "counties.tsv", "towns.tsv"):
    for row in csv.reader(open(f"{resources}/{file}", encoding="utf-8"), delimiter="\t"):
        if row[0] == "code":
            continue
        for suffix in suffixes[row[3]]:
            if row[1].endswith(suffix) and len(row[1]) - len(suffix) >= 2:
                stems.add(row[1][: -len(suffix)])
                break
inside = collections.Counter()
for word, (frequency, _) in words.items():
    found = {word[i:i + n] for n in range(2, min(len(word), 6)) for i in range(len(word) - n + 1)}
    for stem in found & stems:
        inside[stem] += frequency
print("# Frequencies from the jieba 0.42.1 dictionary (MIT licence, see NOTICE) for the stems that short")
print("# forms of city, county and town names would use. word: the stem; frequency and pos: jieba's")
print("# count and part of speech for the word itself (0 and - when absent); inside: the summed counts")
print("# of longer dictionary words that contain it. Regenerate with Benchmarks/build/word_frequencies.py.")
print("word\tfrequency\tpos\tinside")
for stem in sorted(stems):
    frequency, pos = words.get(stem, (0, "-"))
    if frequency or inside[stem]:
        print(f"{stem}\t{frequency}\t{pos}\t{inside[stem]}")
