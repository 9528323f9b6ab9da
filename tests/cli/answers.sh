#!/usr/bin/env bash
# What an index answers to a set of queries, one line of total and sorted hit
# ids (docids, and so tie order, change when shards merge) and one line of
# facet counts per query: for comparing two indexes, or one before and after.
#   answers.sh SEARCHER DB SCRATCH_FILE
set -u
searcher=$1 db=$2 scratch=$3
for q in "" syria "oil prices" 'person:"john kerry"' "title:election" "bank OR central"; do
  "$searcher" --db "$db" --format json --compact --limit 1000 --facets all --facet-size 50 \
    -- "$q" > "$scratch" || { echo "FAIL: search '$q' of $db failed" >&2; exit 1; }
  python3 - "$scratch" "$q" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
print(sys.argv[2], r["total"], sorted(h["id"] for h in r["hits"]))
print(json.dumps(r.get("facets"), sort_keys=True))
PY
done
