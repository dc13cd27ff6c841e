#!/usr/bin/env python3
"""Writes the Datalog benchmark inputs deterministically (fixed seeds) into OUT_DIR.

For each workload W: W/edge.facts (TAB-separated, Soufflé's format), W/W.dl (the Datalog
program, read by `tupu-bench datalog` / `tupu run`), W/W.lp and W/edge.lp (the same program
and facts in ASP for clingo).
"""
import os
import random
import sys

TC_DL = """.decl edge(x: number, y: number)
.input edge
.decl path(x: number, y: number)
path(x, y) :- edge(x, y).
path(x, z) :- path(x, y), edge(y, z).
.printsize path
"""
TC_LP = """path(X, Y) :- edge(X, Y).
path(X, Z) :- path(X, Y), edge(Y, Z).
#show path/2.
"""
TRI_DL = """.decl edge(x: number, y: number)
.input edge
.decl triangle(x: number, y: number, z: number)
triangle(x, y, z) :- edge(x, y), edge(y, z), edge(z, x).
.printsize triangle
"""
TRI_LP = """triangle(X, Y, Z) :- edge(X, Y), edge(Y, Z), edge(Z, X).
#show triangle/3.
"""


def random_digraph(nodes, edges, seed):
    """`edges` distinct directed edges without self-loops, nodes 0..nodes-1."""
    rng = random.Random(seed)
    chosen = set()
    while len(chosen) < edges:
        x, y = rng.randrange(nodes), rng.randrange(nodes)
        if x != y:
            chosen.add((x, y))
    return sorted(chosen)


def write(out, name, edges, dl, lp):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "edge.facts"), "w") as f:
        f.writelines(f"{x}\t{y}\n" for x, y in edges)
    with open(os.path.join(d, "edge.lp"), "w") as f:
        f.writelines(f"edge({x},{y}).\n" for x, y in edges)
    with open(os.path.join(d, name + ".dl"), "w") as f:
        f.write(dl)
    with open(os.path.join(d, name + ".lp"), "w") as f:
        f.write(lp)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "build"
    write(out, "tc-chain", [(i, i + 1) for i in range(1999)], TC_DL, TC_LP)
    write(out, "tc-random", random_digraph(1000, 2000, seed=1), TC_DL, TC_LP)
    write(out, "triangles", random_digraph(10000, 100000, seed=2), TRI_DL, TRI_LP)
    # Tens of millions of tuples: tupu only (run.sh does not give it to clingo).
    write(out, "tc-10k", random_digraph(10000, 20000, seed=3), TC_DL, TC_LP)


if __name__ == "__main__":
    main()
