#!/usr/bin/env python3
"""Regenerates Sources/TupuGazetteer/Resources/china-divisions.tsv, the divisions of China outside
Zhejiang (province, prefecture, county, township), from the shared list:

    python3 Benchmarks/build/china_divisions.py ../shared/gazetteer/china_divisions.tsv \
        > Sources/TupuGazetteer/Resources/china-divisions.tsv

Columns code, name, parent_code (empty for a province), level; the `source` column is dropped
(every row is the Ministry of Civil Affairs' list of 2025-12-31). Zhejiang rows are not in it.
"""
import csv, sys

levels = {"province", "city", "county", "township"}
out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
out.writerow(["code", "name", "parent_code", "level"])
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"):
    if row["level"] not in levels or row["code"].startswith("33"):
        raise SystemExit(f"unexpected row: {row}")
    parent = "" if row["parent_code"] in ("", "-") else row["parent_code"]
    out.writerow([row["code"], row["name"], parent, row["level"]])
