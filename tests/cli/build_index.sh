#!/usr/bin/env bash
# Fixture: (re)builds an index from the given inputs and checks the summary.
#   build_index.sh INDEXER DB EXPECTED_INDEXED INPUT...
set -eu
indexer=$1 db=$2 want=$3
shift 3
rm -rf "$db"
summary=$("$indexer" --db "$db" --jobs 2 --summary-json "$@")
echo "$summary"
case "$summary" in
  *"\"indexed\":$want,"*) ;;
  *) echo "expected $want articles indexed" >&2; exit 1 ;;
esac
