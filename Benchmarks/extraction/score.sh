#!/usr/bin/env bash
# Extraction quality on the thirteen annotated sets, in one table:
#   seeds  the dev gold: seeds/ 000–002 against ../shared/gold/*.tsv
#   extra  ../shared/gold/extra (texts and gold)
#   dev    Benchmarks/extraction/dev (invented articles, see its README)
#   dev2   Benchmarks/extraction/dev2 (invented articles annotated before the rules saw them)
#   dev3   Benchmarks/extraction/dev3 (a small holdout written after dev2's fixes; reported, no bar)
#   dev4   Benchmarks/extraction/dev4 (invented articles in new styles, annotated blind after dev3)
#   dev5   Benchmarks/extraction/dev5 (invented articles in full county-news form, annotated blind after dev4)
#   dev6   Benchmarks/extraction/dev6 (公示 lists, notices, press conferences, natural villages; blind after dev4)
#   dev8   Benchmarks/extraction/dev8 (医共体, 集团 subsidiaries, member rolls, 党建联建 pairs, 科室 and 党支部; blind after dev6)
#   dev9   Benchmarks/extraction/dev9 (who runs what: 主办/承办/协办, 承接, 运营方, 发起, 创办; 总结, 调研, 表彰, 答记者问)
#   dev12  Benchmarks/extraction/dev12 (profiles, meeting reports, captions, 山海/东西部/援疆 pairing, 简讯, a 政务公开 table)
#   dev13  Benchmarks/extraction/dev13 (社工站, 公益创投, 救援队, 慈善基金, 集团 short forms, 共富工坊, 医共体 分院, 学院/系, 联盟, 商会; blind after dev9)
#   dev14  Benchmarks/extraction/dev14 (long county news: 1,800 characters, slogans, honours, unrelated bodies)
# Builds the release binary, builds each set's graph and mention list into .build/extraction/,
# scores each graph with ../shared/gold/score.py. With --rules, also prints every rule's
# precision on each set and summed over every set, most false positives first
# (Benchmarks/extraction/rules.py). Any missing piece stops it with a message.
#
# usage: Benchmarks/extraction/score.sh [--rules] [--examples N]
# env:   TUPU_GOLD  the folder with score.py, the seed gold and extra/ (default: ../shared/gold)
set -euo pipefail

die() { echo "score.sh: error: $*" >&2; exit 1; }

rules=0
examples=0
while [ $# -gt 0 ]; do
    case "$1" in
        --rules) rules=1 ;;
        --examples) [ $# -ge 2 ] || die "--examples wants a number"; examples=$2; rules=1; shift ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
gold=${TUPU_GOLD:-$root/../shared/gold}
dev=$root/Benchmarks/extraction/dev
dev2=$root/Benchmarks/extraction/dev2
dev3=$root/Benchmarks/extraction/dev3
dev4=$root/Benchmarks/extraction/dev4
dev5=$root/Benchmarks/extraction/dev5
dev6=$root/Benchmarks/extraction/dev6
dev8=$root/Benchmarks/extraction/dev8
dev9=$root/Benchmarks/extraction/dev9
dev12=$root/Benchmarks/extraction/dev12
dev13=$root/Benchmarks/extraction/dev13
dev14=$root/Benchmarks/extraction/dev14
out=$root/.build/extraction

command -v python3 >/dev/null || die "python3 is not on PATH"
command -v swift >/dev/null || die "swift is not on PATH"
[ -f "$gold/score.py" ] || die "no scorer at $gold/score.py (set TUPU_GOLD to the folder holding score.py)"
compgen -G "$gold/*.tsv" >/dev/null || die "no seed gold (*.tsv) in $gold"
compgen -G "$gold/extra/*.tsv" >/dev/null || die "no gold (*.tsv) in $gold/extra"
[ -d seeds ] || die "no seeds/ folder in $root"
compgen -G "$dev/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev"
compgen -G "$dev2/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev2"
compgen -G "$dev3/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev3"
compgen -G "$dev4/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev4"
compgen -G "$dev5/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev5"
compgen -G "$dev6/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev6"
compgen -G "$dev8/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev8"
compgen -G "$dev9/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev9"
compgen -G "$dev12/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev12"
compgen -G "$dev13/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev13"
compgen -G "$dev14/*.tsv" >/dev/null || die "no gold (*.tsv) in $dev14"
for tsv in "$gold"/*.tsv; do
    [ -f "seeds/$(basename "${tsv%.tsv}").txt" ] || die "gold $tsv has no text seeds/$(basename "${tsv%.tsv}").txt"
done
for tsv in "$gold"/extra/*.tsv "$dev"/*.tsv "$dev2"/*.tsv "$dev3"/*.tsv "$dev4"/*.tsv "$dev5"/*.tsv "$dev6"/*.tsv "$dev8"/*.tsv "$dev9"/*.tsv "$dev12"/*.tsv "$dev13"/*.tsv "$dev14"/*.tsv; do
    [ -f "${tsv%.tsv}.txt" ] || die "gold $tsv has no text ${tsv%.tsv}.txt"
done

mkdir -p "$out"
if ! swift build -c release >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    die "release build failed (log above, also in $out/build.log)"
fi
tupu=$root/.build/release/tupu
[ -x "$tupu" ] || die "no binary at $tupu after the build"

# name, texts to build from, gold folder, text folder for the scorer
sets=(
    "seeds|seeds|$gold|seeds"
    "extra|$gold/extra|$gold/extra|$gold/extra"
    "dev|$dev|$dev|$dev"
    "dev2|$dev2|$dev2|$dev2"
    "dev3|$dev3|$dev3|$dev3"
    "dev4|$dev4|$dev4|$dev4"
    "dev5|$dev5|$dev5|$dev5"
    "dev6|$dev6|$dev6|$dev6"
    "dev8|$dev8|$dev8|$dev8"
    "dev9|$dev9|$dev9|$dev9"
    "dev12|$dev12|$dev12|$dev12"
    "dev13|$dev13|$dev13|$dev13"
    "dev14|$dev14|$dev14|$dev14"
)

printf '%-6s %5s | %6s %6s %6s %6s | %7s | %6s %6s %6s %6s %6s | %7s | %7s\n' \
    set files place org progr person 'entity' runs loc_in partner member role 'core' part_of
printf '%s\n' "-------------+-----------------------------+---------+------------------------------------+---------+--------"
for entry in "${sets[@]}"; do
    IFS='|' read -r name texts gold_dir text_dir <<<"$entry"
    "$tupu" build "$texts" -o "$out/$name.graph.jsonl" -q || die "tupu build $texts failed"
    "$tupu" mentions "$texts" -o "$out/$name.mentions.jsonl" || die "tupu mentions $texts failed"
    report=$(python3 "$gold/score.py" "$out/$name.graph.jsonl" "$gold_dir" "$text_dir") \
        || die "score.py failed on $name"
    echo "$report" >"$out/$name.score.txt"
    echo "$report" | python3 -c '
import re, sys
name = sys.argv[1]
f1, files = {}, 0
for line in sys.stdin:
    if line.startswith("files:"):
        files = len(line.split(":", 1)[1].split(","))
    m = re.match(r"(\S+(?: rels)?)\s+P [\d.]+\s+R [\d.]+\s+F1 ([\d.]+)", line)
    if m:
        f1[m.group(1)] = m.group(2)
need = ["place", "org", "programme", "person", "entities", "runs", "located_in", "partner", "member_of", "role", "core rels", "part_of"]
missing = [k for k in need if k not in f1]
if missing:
    sys.exit("score.sh: error: score.py output lacks " + ", ".join(missing))
v = [f1[k] for k in need]
print(f"{name:6} {files:5} | {v[0]:>6} {v[1]:>6} {v[2]:>6} {v[3]:>6} | {v[4]:>7} | {v[5]:>6} {v[6]:>6} {v[7]:>6} {v[8]:>6} {v[9]:>6} | {v[10]:>7} | {v[11]:>7}")
' "$name" || die "cannot read score.py's report for $name (see $out/$name.score.txt)"
done
echo "F1 per entity type and relation; entity = micro F1 over the four types, core = over all relations but part_of."
echo "Graphs, mention lists and full reports: $out/{seeds,extra,dev,dev2,dev3,dev4,dev5,dev6,dev8,dev9,dev12,dev13,dev14}.{graph.jsonl,mentions.jsonl,score.txt}"

if [ "$rules" = 1 ]; then
    for entry in "${sets[@]}"; do
        IFS='|' read -r name texts gold_dir text_dir <<<"$entry"
        echo
        echo "=== rules on $name ==="
        python3 "$root/Benchmarks/extraction/rules.py" "$out/$name.graph.jsonl" "$out/$name.mentions.jsonl" \
            "$gold_dir" "$text_dir" --scorer "$gold/score.py" --examples "$examples" || die "rules.py failed on $name"
    done
    all=()
    for entry in "${sets[@]}"; do
        IFS='|' read -r name texts gold_dir text_dir <<<"$entry"
        all+=(--set "$name" "$out/$name.graph.jsonl" "$out/$name.mentions.jsonl" "$gold_dir" "$text_dir")
    done
    echo
    echo "=== rules over every set ==="
    python3 "$root/Benchmarks/extraction/rules.py" "${all[@]}" --scorer "$gold/score.py" --examples "$examples" \
        || die "rules.py failed on the sets together"
fi
