#!/usr/bin/env python3
"""Precision of every extraction rule against gold annotations.

usage: rules.py GRAPH.jsonl MENTIONS.jsonl GOLD_DIR TEXT_DIR [--scorer score.py] [--examples N]
       rules.py --set NAME GRAPH.jsonl MENTIONS.jsonl GOLD_DIR TEXT_DIR [--set …]… [--scorer …] [--examples N]

GRAPH.jsonl is the graph (`tupu build … -o GRAPH.jsonl`); every edge's evidence names the
rule that made it. MENTIONS.jsonl is `tupu mentions … -o MENTIONS.jsonl` over the same files:
every mention with the graph entity it names and the rule that found it (mentions are not
kept in the graph). GOLD_DIR and TEXT_DIR are as for score.py.

Matching is score.py's own (its functions are imported, and the totals are checked against
its tallies): per document, a system entity is a true positive when it matches a gold entity
that is not optional, a false positive when score.py counts it as one, and neutral otherwise
(it matches an optional gold entity or a name of a matched one); edges likewise. A mention
rule is scored by the entities it found (each document's entity once per rule), an edge rule
by the edges it made (each document's edge once per rule). Precision = tp / (tp + fp).
--examples N lists up to N false positives under each rule (of each set).
With --set (repeated, one a set), one table over all the sets instead: every rule's tp and fp
summed, rules with the most false positives first, and each set's false positives beside.
"""
import importlib.util
import json
import os
import sys
from collections import defaultdict


def load_scorer(path):
    if not os.path.isfile(path):
        sys.exit(f"rules.py: no scorer at {path} (pass --scorer PATH to ../shared/gold/score.py)")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_edge_rules(path):
    """(relation, subject, object) -> {doc: {rule, …}} from the evidence of each edge."""
    rules = defaultdict(lambda: defaultdict(set))
    with open(path, encoding="utf-8") as f:
        for line in f:
            if '"kind":"edge"' not in line:
                continue
            obj = json.loads(line)
            for piece in obj.get("evidence", []):
                if "doc" in piece:
                    rules[(obj["relation"], obj["subject"], obj["object"])][os.path.basename(piece["doc"])].add(piece.get("rule", "?"))
    return rules


def read_mention_rules(path):
    """(doc, entity id) -> {rule, …}"""
    rules = defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj.get("kind") != "mention":
                sys.exit(f"{path}:{n}: not a mention line (make the file with `tupu mentions PATH -o FILE`)")
            rules[(os.path.basename(obj["doc"]), obj["entity"])].add(obj["rule"])
    return rules


def classify_doc(score, doc, gold_path, text, sys_ents, sys_edges):
    """score.py's matching for one document, keeping each system entity's and edge's verdict:
    'tp', 'fp' or None (neutral). Mirrors score.score_doc line for line."""
    gents, grels = score.read_gold(gold_path)
    optional = {n for n, (_, names) in gents.items() if not any(a in text for a in names if a)}
    mine = {i: (t, names) for i, (t, names, docs) in sys_ents.items() if doc in docs and t in score.TYPES}
    g2s, used = {}, set()
    for gname, (gtype, gnames) in gents.items():
        for sid, (stype, snames) in mine.items():
            if sid not in used and stype == gtype and gnames & snames:
                g2s[gname] = sid
                used.add(sid)
                break
    s2g = {v: k for k, v in g2s.items()}
    entity_verdict = {}
    for sid, (stype, snames) in mine.items():
        if sid in s2g:
            entity_verdict[sid] = None if s2g[sid] in optional else "tp"
        elif any(stype == gents[g][0] and snames & gents[g][1] for g in gents):
            entity_verdict[sid] = None
        else:
            entity_verdict[sid] = "fp"

    def key(rel, a, b):
        return (rel, frozenset((a, b))) if rel == "partner" else (rel, a, b)

    gold_keys, opt_keys = set(), set()
    for rel, s, o in grels:
        k = key(rel, s, o)
        (opt_keys if s in optional or o in optional else gold_keys).add(k)
    edge_verdict, sys_keys = {}, set()
    for rel, s, o, docs in sys_edges:
        if doc not in docs or rel not in score.RELATIONS:
            continue
        gs, go = s2g.get(s), s2g.get(o)
        if gs is None or go is None:
            edge_verdict[(rel, s, o)] = "fp" if (s in mine and o in mine) or (s in sys_ents and o in sys_ents) else None
            continue
        k = key(rel, gs, go)
        if k in opt_keys or k in sys_keys:
            edge_verdict[(rel, s, o)] = None
            continue
        sys_keys.add(k)
        edge_verdict[(rel, s, o)] = "tp" if k in gold_keys else "fp"
    return entity_verdict, edge_verdict


def name_of(sys_ents, sid):
    return sorted(sys_ents[sid][1])[0] if sid in sys_ents else sid


def table(title, rows, examples, show):
    print(f"\n{title}")
    print(f"  {'rule':40} {'count':>6} {'tp':>5} {'fp':>5} {'neutral':>7} {'precision':>9}")
    for rule in sorted(rows):
        c = rows[rule]
        judged = c["tp"] + c["fp"]
        p = f"{c['tp'] / judged:.3f}" if judged else "-"
        print(f"  {rule:40} {c['count']:>6} {c['tp']:>5} {c['fp']:>5} {c['neutral']:>7} {p:>9}")
        for line in examples[rule][:show]:
            print(f"      fp: {line}")


def score_set(score, graph, mentions, gold_dir, text_dir):
    """Per-rule tallies and false-positive examples of one set: (golds, m_rows, e_rows, m_examples, e_examples)."""
    for path in (graph, mentions):
        if not os.path.isfile(path):
            sys.exit(f"rules.py: no file {path}")
    sys_ents, sys_edges = score.read_graph(graph)
    edge_rules = read_edge_rules(graph)
    mention_rules = read_mention_rules(mentions)
    golds = sorted(f for f in os.listdir(gold_dir) if f.endswith(".tsv"))
    if not golds:
        sys.exit(f"rules.py: no gold .tsv files in {gold_dir}")

    m_rows = defaultdict(lambda: {"count": 0, "tp": 0, "fp": 0, "neutral": 0})
    e_rows = defaultdict(lambda: {"count": 0, "tp": 0, "fp": 0, "neutral": 0})
    m_examples, e_examples = defaultdict(list), defaultdict(list)
    for g in golds:
        doc = g[:-4] + ".txt"
        text = score.seed_text(os.path.join(text_dir, doc))
        entity_verdict, edge_verdict = classify_doc(score, doc, os.path.join(gold_dir, g), text, sys_ents, sys_edges)
        # the check that this is score.py's matching: same tp and fp totals as its own tallies
        et, rt = score.Tally(), score.Tally()
        score.score_doc(doc, os.path.join(gold_dir, g), text, sys_ents, sys_edges, et, rt, [])
        mine = [entity_verdict.values(), edge_verdict.values()]
        theirs = [(sum(et.tp.values()), sum(et.fp.values())), (sum(rt.tp.values()), sum(rt.fp.values()))]
        for verdicts, (tp, fp), what in zip(mine, theirs, ("entity", "relation")):
            verdicts = list(verdicts)
            if (verdicts.count("tp"), verdicts.count("fp")) != (tp, fp):
                sys.exit(f"rules.py: {doc}: {what} verdicts differ from score.py's tallies "
                         f"({verdicts.count('tp')}/{verdicts.count('fp')} vs {tp}/{fp}); has score.py changed?")
        for sid, verdict in entity_verdict.items():
            rules = mention_rules.get((doc, sid), {"(no mention)"})
            for rule in rules:
                row = m_rows[rule]
                row["count"] += 1
                row[verdict or "neutral"] += 1
                if verdict == "fp":
                    m_examples[rule].append(f"{doc}: {sys_ents[sid][0]} {name_of(sys_ents, sid)}")
        for (rel, s, o), verdict in edge_verdict.items():
            for rule in edge_rules[(rel, s, o)].get(doc, {"(no evidence)"}):
                row = e_rows[rule]
                row["count"] += 1
                row[verdict or "neutral"] += 1
                if verdict == "fp":
                    e_examples[rule].append(f"{doc}: {rel} {name_of(sys_ents, s)} -> {name_of(sys_ents, o)}")
    return golds, m_rows, e_rows, m_examples, e_examples


def aggregate_table(title, per_set, show):
    """One row a rule, summed over every set, most false positives first: tp/fp of each set and in all."""
    names = [name for name, _, _ in per_set]
    rules = sorted({rule for _, rows, _ in per_set for rule in rows})
    total = {rule: [sum(rows[rule]["tp"] for _, rows, _ in per_set if rule in rows),
                    sum(rows[rule]["fp"] for _, rows, _ in per_set if rule in rows)] for rule in rules}
    print(f"\n{title}")
    print(f"  {'rule':40} {'tp':>5} {'fp':>5} {'precision':>9}  fp by set")
    for rule in sorted(rules, key=lambda r: (-total[r][1], r)):
        tp, fp = total[rule]
        p = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
        by_set = " ".join(f"{name}:{rows[rule]['fp']}" for name, rows, _ in per_set
                          if rule in rows and rows[rule]["fp"])
        print(f"  {rule:40} {tp:>5} {fp:>5} {p:>9}  {by_set}")
        for name, rows, examples in per_set:
            for line in examples[rule][:show]:
                print(f"      fp {name}: {line}")
    tp = sum(t for t, _ in total.values())
    fp = sum(f for _, f in total.values())
    print(f"  {'(every rule)':40} {tp:>5} {fp:>5} {tp / (tp + fp) if tp + fp else 0:>9.3f}  sets: {' '.join(names)}")


def main(argv):
    args = argv[1:]
    scorer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "gold", "score.py")
    show = 0
    if "--scorer" in args:
        i = args.index("--scorer")
        scorer, args = args[i + 1], args[:i] + args[i + 2:]
    if "--examples" in args:
        i = args.index("--examples")
        show, args = int(args[i + 1]), args[:i] + args[i + 2:]
    sets = []
    while "--set" in args:
        i = args.index("--set")
        if len(args) < i + 6:
            sys.exit("rules.py: --set wants NAME GRAPH MENTIONS GOLD_DIR TEXT_DIR")
        sets.append(args[i + 1:i + 6])
        args = args[:i] + args[i + 6:]
    if sets and args or not sets and len(args) != 4:
        sys.exit(__doc__)
    score = load_scorer(os.path.normpath(scorer))
    if sets:
        results = [(name, *score_set(score, *paths)) for name, *paths in sets]
        aggregate_table("mention rules over every set (entities found), most false positives first",
                        [(name, m_rows, m_ex) for name, _, m_rows, _, m_ex, _ in results], show)
        aggregate_table("edge rules over every set (edges made), most false positives first",
                        [(name, e_rows, e_ex) for name, _, _, e_rows, _, e_ex in results], show)
        return
    golds, m_rows, e_rows, m_examples, e_examples = score_set(score, *args)
    print(f"files: {', '.join(golds)}")
    table("mention rules (entities found, scored by entity match)", m_rows, m_examples, show)
    table("edge rules (edges made, scored by edge match)", e_rows, e_examples, show)


if __name__ == "__main__":
    main(sys.argv)
