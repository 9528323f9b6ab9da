#!/usr/bin/env bash
# Entity-extraction speed, measured in one run on this machine:
#   1. extraction throughput on one thread (gazette-ner speed): tokens/s for
#      tokenizing alone (the same-run baseline) and for the whole extractor
#      (tokenize, truecase, tag, document pass, facet values), model and rules;
#   2. indexing throughput with --entities metadata and --entities extract,
#      same inputs, alternating runs, median of 3: AllSides JSONL (no entity
#      metadata, so "metadata" indexes no entities) and Reuters-21578 SGML.
# Usage: bench/ner_speed.sh BUILD_DIR [SHARED_DIR] [ALLSIDES_ARTICLES]
set -euo pipefail
build=${1:?usage: ner_speed.sh BUILD_DIR [SHARED_DIR] [ARTICLES]}
shared=${2:-$(dirname "$0")/../../shared}
n=${3:-5000}
ner=$build/tools/ner/gazette-ner
indexer=$build/indexer/gazette-index
allsides=$shared/corpora/allsides/allsides.jsonl
reuters=$shared/corpora/reuters21578
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -e "$allsides" ] || { echo "no $allsides" >&2; exit 77; }

head -n "$n" "$allsides" > "$work/allsides.jsonl"
python3 - "$work/allsides.jsonl" "$work/docs.txt" <<'PY'
import json, sys
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for line in open(sys.argv[1], encoding='utf-8'):
        d = json.loads(line)
        out.write((d.get('title') or '') + '\n\n' + (d.get('body') or '') + '\n\f\n')
PY
echo "== extraction, one thread, $n AllSides articles ($(nproc) cores, $(date -u +%F))"
"$ner" speed --repeat 3 "$work/docs.txt"
"$ner" speed --repeat 3 --rules "$work/docs.txt" | tail -1 | sed 's/^extraction (all)/rules only      /'

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
index_time() {  # index_time MODE JOBS INPUT... -> seconds
  local mode=$1 jobs=$2
  shift 2
  rm -rf "$work/db"
  "$indexer" --db "$work/db" --jobs "$jobs" --quiet --entities "$mode" --summary-json "$@" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])'
}
compare() {  # compare LABEL JOBS INPUT...
  local label=$1 jobs=$2
  shift 2
  local m=() x=()
  for _ in 1 2 3; do
    m+=("$(index_time metadata "$jobs" "$@")")
    x+=("$(index_time extract "$jobs" "$@")")
  done
  local ms xs
  ms=$(printf '%s\n' "${m[@]}" | median)
  xs=$(printf '%s\n' "${x[@]}" | median)
  python3 - "$label" "$jobs" "$ms" "$xs" <<'PY'
import sys
label, jobs, m, x = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
print(f"{label:28s} --jobs {jobs}  metadata {m:7.2f} s   extract {x:7.2f} s   "
      f"extract/metadata throughput {m / x * 100:5.1f}%  (loss {(1 - m / x) * 100:4.1f}%)")
PY
}
echo "== indexing, median of 3 alternating runs"
compare "AllSides ($n articles)" 1 "$work/allsides.jsonl"
compare "AllSides ($n articles)" 2 "$work/allsides.jsonl"
if [ -d "$reuters" ]; then
  compare "Reuters-21578 (21,578)" 2 "$reuters"/*.sgm
fi
