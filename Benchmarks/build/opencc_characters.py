#!/usr/bin/env python3
"""Regenerates Sources/TupuGazetteer/Resources/opencc-ts-characters.tsv, the Traditional →
Simplified character table the text view reads Traditional-script news through:

    python3 Benchmarks/build/opencc_characters.py ../shared/lexicons/opencc_TSCharacters.txt \
        > Sources/TupuGazetteer/Resources/opencc-ts-characters.tsv

One row per Traditional character that OpenCC maps to another single character: the character
and its usual Simplified form (OpenCC's first), unless the character is itself one of
its Simplified forms (乾, 於). Phrase mappings are not used: the view maps one
scalar to one scalar, so offsets into the text as read stay the view's offsets.
"""
import sys

print("traditional\tsimplified")
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 2:
        continue
    traditional, choices = parts[0], parts[1].split(" ")
    simplified = choices[0]
    # 乾 → 干 乾, 於 → 于 於: a character that is also Simplified stays as written.
    if len(traditional) == 1 and len(simplified) == 1 and traditional not in choices:
        print(f"{traditional}\t{simplified}")
