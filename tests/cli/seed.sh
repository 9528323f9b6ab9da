#!/usr/bin/env bash
# The seed article (../shared/seed, when present) indexes as a .txt article.
#   seed.sh INDEXER SEARCHER SEED_DIR WORK_DIR     (exit 77 = skipped)
set -eu
indexer=$1 searcher=$2 seed=$3 work=$4
if [ ! -d "$seed" ]; then echo "SKIP: $seed not found"; exit 77; fi
db="$work/seed-index"
rm -rf "$db"
"$indexer" --db "$db" --jobs 1 "$seed"
out=$("$searcher" --db "$db" --format json --compact kerry lavrov ceasefire)
echo "$out"
case "$out" in
  *'"total":1,'*'"title":"Violence Rages in Syria as Kerry, Lavrov Reach Deal on Ceasefire"'*) ;;
  *) echo "seed article not found by its words" >&2; exit 1 ;;
esac
