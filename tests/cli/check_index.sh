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

# Shards swapped in the stub: gazette's own layout check finds it.
rm -rf "$db-bad"
cp -r "$db" "$db-bad"
printf 'auto shard-001\nauto shard-000\n' > "$db-bad/XAPIANDB"
if "$indexer" --check "$db-bad" 2>"$work/check-bad.err"; then
  fail "--check passed swapped shards"
fi
grep -q "expected 'shard-000'" "$work/check-bad.err" || fail "swapped shards not reported: $(cat "$work/check-bad.err")"
echo ok
