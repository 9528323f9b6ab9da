#!/usr/bin/env bash
# What an index answers to a set of queries, one line of total and sorted hit
# ids (docids, and so tie order, change when shards merge) and one line of
# facet counts per query: for comparing two indexes, or one before and after.
# With "batch", the same queries go through one --batch process (whose shards
# are searched in parallel) instead of one process each.
#   answers.sh SEARCHER DB SCRATCH_FILE [batch]
set -u
searcher=$1 db=$2 scratch=$3 mode=${4:-}
options=(--limit 1000 --facets all --facet-size 50)
queries=("" syria "oil prices" 'person:"john kerry"' "title:election" "bank OR central")
summarise() {  # FILE of JSON results, one per line, in query order
  python3 - "$1" "${queries[@]}" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
if len(lines) != len(sys.argv) - 2:
    sys.exit("expected %d results, got %d" % (len(sys.argv) - 2, len(lines)))
for q, line in zip(sys.argv[2:], lines):
    r = json.loads(line)
    print(q, r["total"], sorted(h["id"] for h in r["hits"]))
    print(json.dumps(r.get("facets"), sort_keys=True))
PY
}
if [ "$mode" = batch ]; then
  python3 -c 'import json, sys; [print(json.dumps({"query": q})) for q in sys.argv[1:]]' "${queries[@]}" |
    "$searcher" --db "$db" --batch "${options[@]}" > "$scratch" ||
    { echo "FAIL: --batch search of $db failed" >&2; exit 1; }
else
  : > "$scratch"
  for q in "${queries[@]}"; do
    "$searcher" --db "$db" --format json --compact "${options[@]}" -- "$q" >> "$scratch" ||
      { echo "FAIL: search '$q' of $db failed" >&2; exit 1; }
  done
fi
summarise "$scratch"
