#!/usr/bin/env python3
"""Regenerates Sources/TupuGazetteer/Resources/boundary-words.tsv from the jieba dictionary.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python3 Benchmarks/build/boundary_words.py jieba-0.42.1/jieba/dict.txt \
        > Sources/TupuGazetteer/Resources/boundary-words.tsv

Verbs, adverbs, prepositions and conjunctions (jieba's v, vd, d, ad, p, c) of two or three
characters, common enough to matter (count 300 or more), that begin no noun of the dictionary
(退役 begins 退役军人, so it stays: a name may start with it). A name found by its type word never
starts with one of these (随着|…中心, 调研|…局); see NameBySuffixStage. A few everyday ones jieba
counts as nouns or misses (调研, 入驻, 现) are added by hand.
"""
import sys

CLASSES = {"v", "vd", "d", "ad", "p", "c"}
NOUNISH = {"n", "nt", "nz", "ns", "nr", "nrt", "nrfg", "vn", "an", "l", "j", "i"}
BY_HAND = ["调研", "入驻", "联结", "联结起", "走访", "视察", "督导", "考察", "慰问", "不用", "现", "均", "正在", "过", "着", "从事", "完成", "结成", "组成", "建起", "上门", "吸纳", "吸收", "引入", "引进", "委托", "聘请", "紧密型", "签订", "新增", "另", "当选", "曾任", "历任", "调任", "兼任", "帮助", "办理"]

words = {}
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if len(parts) >= 3:
        words[parts[0]] = (int(parts[1]), parts[2])
prefixes = set()
for word, (count, pos) in words.items():
    if pos in NOUNISH and count >= 3:
        for k in (2, 3):
            if len(word) > k:
                prefixes.add(word[:k])
rows = {w: (c, p) for w, (c, p) in words.items()
        if p in CLASSES and 2 <= len(w) <= 3 and c >= 300 and w not in prefixes}
for word in BY_HAND:
    rows.setdefault(word, (words.get(word, (0, "-"))[0], "hand"))
print("# Verbs, adverbs, prepositions and conjunctions a name does not start with, from the jieba 0.42.1")
print("# dictionary (MIT licence, see NOTICE); pos `hand`: added by hand. Regenerate with")
print("# Benchmarks/build/boundary_words.py.")
print("word\tfrequency\tpos")
for word in sorted(rows):
    count, pos = rows[word]
    print(f"{word}\t{count}\t{pos}")
