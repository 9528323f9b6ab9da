#!/usr/bin/env bash
# Bounded segments (--segment-size): a partition whose newest shard is full gets
# a new shard, and the index answers exactly as one written without segments:
#   - the stub lists the new shards, each names its partition, --check passes;
#   - totals, hit ids and facet counts equal those of a --segment-size 0 index;
#   - re-indexing replaces articles where they are (no duplicates, no new shards);
#   - a later run with new articles fills the partitions' newest shards first;
#   - --delete finds articles in any segment; --compact merges all into one;
#   - a shard directory the stub does not list (a run stopped between creating
#     a segment and listing it) is replaced by the next segment.
#   segments.sh INDEXER SEARCHER CORPUS_DIR WORK_DIR
set -u
indexer=$1 searcher=$2 corpus=$3 work=$4
db="$work/segments" flat="$work/segments-flat"
rm -rf "$db" "$flat" "$work/seg-"*
fail() { echo "FAIL: $*" >&2; exit 1; }
shards() { grep -c '^auto shard-' "$1/XAPIANDB"; }

answers() { "$(dirname "$0")/answers.sh" "$searcher" "$1" "$work/seg-one.json" ${2:-} || fail "searching $1 failed"; }

"$indexer" --db "$flat" --jobs 2 --segment-size 0 -q "$corpus" 2>/dev/null || fail "flat index failed"
[ "$(shards "$flat")" = 2 ] || fail "--segment-size 0 made $(shards "$flat") shards, not 2"
"$indexer" --db "$db" --jobs 2 --segment-size 8 -q --summary-json "$corpus" \
  > "$work/seg-run1.json" 2>/dev/null || fail "segmented index failed"
n=$(shards "$db")
total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["indexed"])' "$work/seg-run1.json")
# 53 articles in two partitions of at most 8 per segment: at least 7 shards.
[ "$n" -ge 7 ] || fail "expected at least 7 shards of at most 8 articles, got $n"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(s["shards"] != int(sys.argv[2]))' \
  "$work/seg-run1.json" "$n" || fail "the summary's shard count is not the stub's ($n)"
for d in "$db"/shard-*; do
  [ -s "$d/gazette.facets" ] || fail "$d has no facet store"
done
"$indexer" --check "$db" 2>"$work/seg-check.err" || fail "--check failed: $(cat "$work/seg-check.err")"
grep -q "ok ($n shards, $total articles)" "$work/seg-check.err" || fail "check: $(tail -1 "$work/seg-check.err")"
answers "$flat" > "$work/seg-flat.txt"
answers "$db" > "$work/seg-seg.txt"
cmp -s "$work/seg-flat.txt" "$work/seg-seg.txt" ||
  fail "segmented and flat indexes answer differently: $(diff "$work/seg-flat.txt" "$work/seg-seg.txt" | head -5)"
# --batch searches the shards in parallel, a group of shards per thread when
# there are more shards than cores: the same answers.
answers "$db" batch > "$work/seg-batch.txt"
cmp -s "$work/seg-flat.txt" "$work/seg-batch.txt" ||
  fail "--batch over segments answers differently: $(diff "$work/seg-flat.txt" "$work/seg-batch.txt" | head -5)"

# Merging: with segments of 3 articles merged 2 at a time, each partition
# keeps at most one segment a tier (plus one filling up) and answers the same.
merged="$work/segments-merged"
rm -rf "$merged"
"$indexer" --db "$merged" --jobs 2 --segment-size 3 --merge-factor 2 -q --summary-json "$corpus" \
  > "$work/seg-merged.json" 2>/dev/null || fail "indexing with merges failed"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(not (s["merges"] >= 10 and s["merged_articles"] > 0))' \
  "$work/seg-merged.json" || fail "too few merges: $(cat "$work/seg-merged.json")"
# 26 or 27 articles a partition: 3 * 2^t per tier, so at most 4 tiers + 1 each.
[ "$(shards "$merged")" -le 10 ] || fail "merging left $(shards "$merged") shards"
"$indexer" --check "$merged" 2>"$work/seg-check.err" || fail "--check after merges: $(grep -v ': ok' "$work/seg-check.err")"
[ "$(ls -d "$merged"/shard-* | wc -l)" = "$(shards "$merged")" ] || fail "merged-away shard directories remain"
answers "$merged" > "$work/seg-merged.txt"
cmp -s "$work/seg-flat.txt" "$work/seg-merged.txt" ||
  fail "merged and flat indexes answer differently: $(diff "$work/seg-flat.txt" "$work/seg-merged.txt" | head -5)"

# Every article again: all replaced in place.
"$indexer" --db "$db" --segment-size 8 -q --summary-json "$corpus" > "$work/seg-run2.json" 2>/dev/null ||
  fail "re-indexing failed"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(not (s["added"] == 0 and s["replaced"] == int(sys.argv[2])))' \
  "$work/seg-run2.json" "$total" || fail "re-indexing did not replace every article: $(cat "$work/seg-run2.json")"
[ "$(shards "$db")" = "$n" ] || fail "re-indexing added shards"
answers "$db" > "$work/seg-again.txt"
cmp -s "$work/seg-flat.txt" "$work/seg-again.txt" || fail "answers changed after re-indexing"
"$indexer" --check "$db" 2>/dev/null || fail "--check failed after re-indexing"

# New articles (the corpus under other ids) go into the newest shards first;
# with an orphan directory where the next segment goes, that one is replaced.
python3 - "$corpus/articles.jsonl" "$work/seg-new.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for n, line in enumerate(f):
        a = json.loads(line)
        a["id"] = "copy-%d-%s" % (n, a.get("id", ""))
        out.write(json.dumps(a) + "\n")
PY
[ $? = 0 ] || fail "cannot write the new articles"
new=$(wc -l < "$work/seg-new.jsonl")
orphan=$(printf '%s/shard-%03d' "$db" "$n")
cp -r "$db/shard-000" "$orphan"
"$indexer" --db "$db" --segment-size 8 -q --summary-json "$work/seg-new.jsonl" > "$work/seg-run3.json" \
  2>/dev/null || fail "adding new articles failed"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(s["added"] != int(sys.argv[2]))' \
  "$work/seg-run3.json" "$new" || fail "new articles not added: $(cat "$work/seg-run3.json")"
"$indexer" --check "$db" 2>"$work/seg-check.err" ||
  fail "--check failed after adding (orphan reused?): $(grep -v ': ok' "$work/seg-check.err" | head -5)"
grep -q "$((total + new)) articles)" "$work/seg-check.err" || fail "check: $(tail -1 "$work/seg-check.err")"
m=$(shards "$db")
[ "$m" -gt "$n" ] || fail "adding $new articles made no new segment"
[ "$m" -le $((n + (new + 7) / 8 + 2)) ] || fail "adding $new articles made $((m - n)) segments"

# --delete finds articles in any segment; --compact merges everything.
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in list(open(sys.argv[1]))[::9]))' \
  "$work/seg-new.jsonl") || fail "cannot read the new ids"
"$indexer" --db "$db" --delete $ids 2>/dev/null || fail "--delete failed"
gone=$(echo $ids | wc -w)
"$indexer" --check "$db" 2>"$work/seg-check.err" || fail "--check failed after --delete"
grep -q "$((total + new - gone)) articles)" "$work/seg-check.err" || fail "after --delete: $(tail -1 "$work/seg-check.err")"
"$indexer" --db "$db" --compact 2>/dev/null || fail "--compact failed"
[ "$(shards "$db")" = 1 ] || fail "--compact left $(shards "$db") shards"
"$indexer" --check "$db" 2>"$work/seg-check.err" || fail "--check failed after --compact"
grep -q "$((total + new - gone)) articles)" "$work/seg-check.err" || fail "after --compact: $(tail -1 "$work/seg-check.err")"
# SIGKILL while segments are made and merged: five runs of new articles,
# each killed partway; after each kill --check passes and the index never
# shrinks; the next run removes unlisted directories, and a final run over all
# the input completes with every article.
kill_db="$work/segments-kill"
rm -rf "$kill_db" "$work"/seg-kill-*.jsonl
for part in 0 1 2 3 4; do
  awk -v part=$part 'BEGIN {
    for (i = 0; i < 6000; i++)
      printf "{\"id\":\"k%d-%d\",\"title\":\"Note %d on grain\",\"body\":\"Wheat at port %d moved %d points.\",\"date\":\"2016-01-%02d\",\"places\":[\"Place %d\"]}\n", part, i, i, i % 31, i % 13, 1 + i % 28, i % 50
  }' > "$work/seg-kill-$part.jsonl"
done
kill_args=(--db "$kill_db" --jobs 2 --segment-size 300 --merge-factor 2 --entities metadata -q --no-progress)
last=0
for part in 0 1 2 3 4; do
  "$indexer" "${kill_args[@]}" "$work/seg-kill-$part.jsonl" 2>/dev/null &
  pid=$!
  sleep "0.$((RANDOM % 3 + 1))$((RANDOM % 10))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  [ -f "$kill_db/XAPIANDB" ] || continue  # killed before the index existed
  "$indexer" --check "$kill_db" 2>"$work/seg-check.err" ||
    fail "--check failed after a kill: $(grep -v ': ok' "$work/seg-check.err" | head -5)"
  now=$(sed -n "s/.*ok ([0-9]* shards\{0,1\}, \([0-9]*\) articles).*/\1/p" "$work/seg-check.err")
  [ "${now:-0}" -ge "$last" ] || fail "the index shrank from $last to $now articles after a kill"
  last=${now:-0}
done
"$indexer" "${kill_args[@]}" "$work"/seg-kill-*.jsonl 2>"$work/seg-kill.err" ||
  fail "the final run failed: $(cat "$work/seg-kill.err")"
"$indexer" --check "$kill_db" 2>"$work/seg-check.err" || fail "--check failed after the final run"
grep -q "ok ([0-9]* shards, 30000 articles)" "$work/seg-check.err" || fail "final: $(tail -1 "$work/seg-check.err")"
[ "$(ls -d "$kill_db"/shard-* | wc -l)" = "$(shards "$kill_db")" ] || fail "unlisted shard directories remain"
echo "segments: killed runs left $last articles, all checked"

# Searches while segments are made, merged and removed never fail: each sees
# the stub before or after a swap (and retries if a shard it listed is gone).
live="$work/segments-live"
rm -rf "$live"
"$indexer" --db "$live" "${kill_args[@]:2}" "$work/seg-kill-0.jsonl" 2>/dev/null || fail "live: first run failed"
"$indexer" --db "$live" "${kill_args[@]:2}" "$work"/seg-kill-[1-4].jsonl 2>"$work/seg-live-index.err" &
pid=$!
searches=0
while kill -0 $pid 2>/dev/null; do
  "$searcher" --db "$live" --format json --compact --limit 3 --facets place grain \
    >"$work/seg-live.json" 2>"$work/seg-live.err" ||
    { kill $pid 2>/dev/null; fail "a search failed while segments merged: $(cat "$work/seg-live.err")"; }
  searches=$((searches + 1))
done
wait $pid || fail "live: indexing failed: $(cat "$work/seg-live-index.err")"
echo "segments: $searches searches during merges, none failed"
echo "segments: $n shards for $total articles, $m after adding $new; answers equal the flat index's"
