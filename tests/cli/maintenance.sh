#!/usr/bin/env bash
# gazette-index --compact, --delete and --memory:
#   - compaction merges the shards into one that answers every query exactly as
#     before (totals, hit sets, facet counts), is smaller, passes --check, leaves
#     no temporary directory, and can be written to again;
#   - --delete removes articles (ids as arguments and on stdin), reports the
#     ones it did not find, and facet counts follow;
#   - --memory commits early and keeps peak memory down;
#   - --rebuild-stores restores a missing facet store (answers never change).
#   maintenance.sh INDEXER SEARCHER CORPUS_DIR WORK_DIR
set -u
indexer=$1 searcher=$2 corpus=$3 work=$4
db="$work/maintenance"
rm -rf "$db" "$db.compact-tmp" "$work/maint-"*
fail() { echo "FAIL: $*" >&2; exit 1; }
json_num() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# What a set of queries answers (tests/cli/answers.sh).
answers() { "$(dirname "$0")/answers.sh" "$searcher" "$db" "$work/maint-one.json" || fail "searching failed"; }

"$indexer" --db "$db" --jobs 3 -q "$corpus" 2>/dev/null || fail "indexing the corpus failed"
[ "$(grep -c '^auto shard-' "$db/XAPIANDB")" = 3 ] || fail "expected 3 shards"
answers > "$work/maint-before.txt"

# --rebuild-stores: a shard without its facet store (an index from an older
# gazette) answers the same, --check says so, and --rebuild-stores restores it.
rm "$db/shard-001/gazette.facets"
answers > "$work/maint-nostore.txt"
cmp -s "$work/maint-before.txt" "$work/maint-nostore.txt" || fail "a missing facet store changes answers"
"$indexer" --check "$db" 2>&1 | grep -q "shard-001: ok.*facet store missing or stale" ||
  fail "--check does not report the missing facet store"
"$indexer" --db "$db" --rebuild-stores 2>"$work/maint.err" || fail "--rebuild-stores failed: $(cat "$work/maint.err")"
grep -q "rebuilt the facet store of 3 shards" "$work/maint.err" || fail "no --rebuild-stores summary"
[ -s "$db/shard-001/gazette.facets" ] || fail "--rebuild-stores wrote no store"
"$indexer" --check "$db" 2>&1 | grep -q "facet store missing" && fail "store still missing after --rebuild-stores"
answers > "$work/maint-rebuilt.txt"
cmp -s "$work/maint-before.txt" "$work/maint-rebuilt.txt" || fail "answers differ after --rebuild-stores"
"$indexer" --db "$db" --rebuild-stores "$corpus" 2>/dev/null
[ $? = 2 ] || fail "--rebuild-stores with inputs is not a usage error"

# A leftover from an interrupted compaction is cleaned up.
mkdir -p "$db.compact-tmp/shard-000" && touch "$db.compact-tmp/junk"
"$indexer" --db "$db" --compact --summary-json > "$work/maint-compact.json" 2>"$work/maint.err" ||
  fail "--compact failed: $(cat "$work/maint.err")"
grep -q "compacted '$db': 3 shards into 1" "$work/maint.err" || fail "no compaction summary: $(cat "$work/maint.err")"
[ ! -e "$db.compact-tmp" ] || fail "$db.compact-tmp left behind"
[ "$(grep -c '^auto shard-' "$db/XAPIANDB")" = 1 ] || fail "the stub does not list one shard"
[ ! -e "$db/shard-001" ] || fail "old shard directories left in the index"
[ -s "$db/shard-000/gazette.facets" ] || fail "no facet store for the compacted shard"
before=$(json_num bytes_before < "$work/maint-compact.json")
after=$(json_num bytes_after < "$work/maint-compact.json")
[ -n "$before" ] && [ -n "$after" ] && [ "$after" -lt "$before" ] ||
  fail "compaction did not shrink the index ($before -> $after)"
"$indexer" --check "$db" 2>"$work/maint.err" || fail "--check fails after --compact: $(cat "$work/maint.err")"
answers > "$work/maint-after.txt"
diff "$work/maint-before.txt" "$work/maint-after.txt" > "$work/maint.diff" ||
  fail "answers changed by --compact: $(head -c 2000 "$work/maint.diff")"

# Re-indexing into the compacted index: one shard, every article replaced.
"$indexer" --db "$db" --summary-json "$corpus" > "$work/maint-reindex.json" 2>/dev/null ||
  fail "indexing into a compacted index failed"
[ "$(json_num added < "$work/maint-reindex.json")" = 0 ] || fail "re-indexing added articles: $(cat "$work/maint-reindex.json")"
[ "$(json_num shards < "$work/maint-reindex.json")" = 1 ] || fail "re-indexing changed the shard count"
answers > "$work/maint-again.txt"
diff "$work/maint-before.txt" "$work/maint-again.txt" > /dev/null || fail "answers changed by re-indexing"

# --delete: two ids as arguments, one on stdin (with a duplicate and blanks),
# one unknown.
total() { "$searcher" --db "$db" --format json --compact --limit 0 -- "$1" | json_num total; }
touch "$work/maint-stamp"; sleep 1
ids=$("$searcher" --db "$db" --format json --compact --limit 3 --sort oldest -- "" |
      python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')
set -- $ids
[ $# = 3 ] || fail "could not pick three ids: $ids"
all_before=$(total "")
kerry_before=$(total 'person:"john kerry"')
printf '\n  %s  \n%s\n\n' "$3" "$3" | "$indexer" --db "$db" --delete "$1" "$2" - no-such-id \
  --summary-json > "$work/maint-delete.json" 2>"$work/maint.err" || fail "--delete failed: $(cat "$work/maint.err")"
[ "$(json_num requested < "$work/maint-delete.json")" = 4 ] || fail "requested: $(cat "$work/maint-delete.json")"
[ "$(json_num deleted < "$work/maint-delete.json")" = 3 ] || fail "deleted: $(cat "$work/maint-delete.json")"
grep -q '"not_found":\["no-such-id"\]' "$work/maint-delete.json" || fail "not_found: $(cat "$work/maint-delete.json")"
grep -q "not in the index (1): no-such-id" "$work/maint.err" || fail "unknown id not reported: $(cat "$work/maint.err")"
[ "$(total "")" = $((all_before - 3)) ] || fail "total after --delete: $(total "") (was $all_before)"
for id in "$1" "$2" "$3"; do
  [ "$(total "id:$id")" = 0 ] || fail "article $id still found after --delete"
done
# Facet counts come from the rebuilt facet store and agree with counting from
# the value slots.
for mode in auto no-stores; do
  "$searcher" --db "$db" --format json --compact --limit 0 --facets all --facet-size 1000 \
    --count-mode $mode -- "" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["facets"], sort_keys=True))' \
    > "$work/maint-facets-$mode.txt"
done
cmp -s "$work/maint-facets-auto.txt" "$work/maint-facets-no-stores.txt" || fail "facet store disagrees with the value slots after --delete"
[ "$db/shard-000/gazette.facets" -nt "$work/maint-stamp" ] || fail "the facet store was not rebuilt after --delete"
"$indexer" --check "$db" 2>"$work/maint.err" || fail "--check fails after --delete: $(cat "$work/maint.err")"

# Usage and runtime errors.
"$indexer" --db "$db" --delete 2>/dev/null; [ $? = 2 ] || fail "--delete without ids is not a usage error"
"$indexer" --db "$work/maint-none" --compact 2>"$work/maint.err"; [ $? = 1 ] || fail "--compact of a missing index is not exit 1"
grep -q "is not a gazette index" "$work/maint.err" || fail "unclear error: $(cat "$work/maint.err")"
[ ! -e "$work/maint-none" ] || fail "--compact created a directory"

# --memory: 1,500 generated articles with nothing committed before the end
# (--batch-size) reach far past 64 MiB without a budget; with --memory 64 the
# workers commit early.
python3 - "$work/maint-big.jsonl" <<'PY'
import random, sys, json
rng = random.Random(7)
words = ["w%05d" % i for i in range(60000)]
with open(sys.argv[1], "w") as out:
    for i in range(1500):
        body = " ".join(rng.choice(words) for _ in range(600))
        out.write(json.dumps({"id": "m%d" % i, "title": "Article %d" % i, "body": body,
                              "persons": ["Person %d" % (i % 97)]}) + "\n")
PY
"$indexer" --db "$work/maint-mem0" --jobs 2 --memory 0 --batch-size 1000000 --summary-json \
  "$work/maint-big.jsonl" > "$work/maint-mem0.json" 2>/dev/null || fail "indexing without a budget failed"
"$indexer" --db "$work/maint-mem64" --jobs 2 --memory 64 --batch-size 1000000 --summary-json \
  "$work/maint-big.jsonl" > "$work/maint-mem64.json" 2>"$work/maint.err" || fail "indexing with --memory 64 failed"
free_rss=$(json_num peak_rss_bytes < "$work/maint-mem0.json")
capped_rss=$(json_num peak_rss_bytes < "$work/maint-mem64.json")
commits=$(json_num memory_commits < "$work/maint-mem64.json")
[ "$commits" -gt 0 ] || fail "--memory 64 made no early commits (peak $capped_rss bytes)"
[ "$capped_rss" -lt "$free_rss" ] || fail "--memory 64 did not lower peak memory ($capped_rss vs $free_rss)"
[ "$(json_num indexed < "$work/maint-mem64.json")" = 1500 ] || fail "articles lost under --memory"
grep -q "early commits to stay within it" "$work/maint.err" || fail "summary does not report early commits"
echo "ok (compact $before -> $after bytes; peak RSS $free_rss without a budget, $capped_rss with --memory 64, $commits early commits)"
