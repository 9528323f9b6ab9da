#!/usr/bin/env bash
# A JSONL file with one broken line: every other line is indexed, the broken
# one is reported with file:line, and the run exits 0.
#   bad_input.sh INDEXER SEARCHER DATA_DIR WORK_DIR
set -eu
indexer=$1 searcher=$2 data=$3 work=$4
db="$work/bad-input-index"
rm -rf "$db"
out=$("$indexer" --db "$db" --jobs 1 --summary-json "$data/one_broken_line.jsonl" 2>"$work/bad-input.err")
cat "$work/bad-input.err" >&2
echo "$out"
case "$out" in
  *'"read":5,"indexed":4,'*'"skipped":1,"skipped_by_reason":{"invalid-json":1}'*) ;;
  *) echo "unexpected summary" >&2; exit 1 ;;
esac
grep -qF "one_broken_line.jsonl:3: invalid JSON" "$work/bad-input.err" || {
  echo "the broken line is not reported as one_broken_line.jsonl:3" >&2; exit 1; }
total=$("$searcher" --db "$db" --format json --compact --limit 0 "" | grep -o '"total":[0-9]*')
[ "$total" = '"total":4' ] || { echo "index holds $total, expected 4" >&2; exit 1; }
# --strict: the same file is fatal at the broken line (exit 1).
rm -rf "$db"
if "$indexer" --db "$db" --jobs 1 --strict "$data/one_broken_line.jsonl" 2>/dev/null; then
  echo "--strict did not fail" >&2; exit 1
fi
echo ok
