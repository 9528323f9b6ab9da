#!/usr/bin/env bash
# gazette-index --check: passes on a good index, finds damage in a bad one.
#   check_index.sh INDEXER CORPUS_DIR WORK_DIR
set -u
indexer=$1 corpus=$2 work=$3
db="$work/check-index"
rm -rf "$db" "$db-bad"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$indexer" --db "$db" --jobs 2 -q "$corpus" 2>/dev/null || fail "indexing the corpus failed"
"$indexer" --check "$db" 2>"$work/check.err" || fail "a good index fails --check: $(cat "$work/check.err")"
grep -q "check: '$db': ok (2 shards, [0-9]* articles)" "$work/check.err" ||
  fail "no verdict line: $(cat "$work/check.err")"

# Damaged B-tree blocks: Xapian's checker finds them.
cp -r "$db" "$db-bad"
table="$db-bad/shard-000/postlist.glass"
size=$(wc -c < "$table")
[ "$size" -gt 8192 ] || fail "unexpectedly small table $table"
printf 'gazette-damage%.0s' $(seq 200) | dd of="$table" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
if "$indexer" --check "$db-bad" 2>"$work/check-bad.err"; then
  fail "--check passed a damaged table"
fi
grep -q "shard-000" "$work/check-bad.err" || fail "the damaged shard is not named: $(cat "$work/check-bad.err")"
grep -q "problem" "$work/check-bad.err" || fail "no problem count: $(cat "$work/check-bad.err")"

# A shard listed twice, or a partition left without a shard: gazette's own
# layout checks find them (the stub's order itself does not matter).
rm -rf "$db-bad"
cp -r "$db" "$db-bad"
printf 'auto shard-001\nauto shard-000\n' > "$db-bad/XAPIANDB"
"$indexer" --check "$db-bad" 2>"$work/check-bad.err" || fail "--check failed on reordered shards: $(cat "$work/check-bad.err")"
printf 'auto shard-001\nauto shard-000\nauto shard-001\n' > "$db-bad/XAPIANDB"
if "$indexer" --check "$db-bad" 2>"$work/check-bad.err"; then
  fail "--check passed a shard listed twice"
fi
grep -q "listed twice" "$work/check-bad.err" || fail "a shard listed twice is not reported: $(cat "$work/check-bad.err")"
printf 'auto shard-001\n' > "$db-bad/XAPIANDB"
if "$indexer" --check "$db-bad" 2>"$work/check-bad.err"; then
  fail "--check passed an index missing a partition"
fi
grep -q "only 1 of 2 partitions" "$work/check-bad.err" || fail "a missing partition is not reported: $(cat "$work/check-bad.err")"
echo ok
