#!/usr/bin/env bash
# CLI and quality tests of entity extraction (registered in tests/unit/ner/CMakeLists.txt).
#   ner_cli.sh MODE INDEXER NER SOURCE_DIR WORK_DIR [SHARED_DIR]
# MODE: cli | train | seed | conll | modern. Exit 77 = skipped (no ../shared data).
set -euo pipefail
mode=$1 indexer=$2 ner=$3 src=$4 work=$5 shared=${6:-}
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
need_shared() { if [ ! -e "$1" ]; then echo "SKIP: $1 not found"; exit 77; fi; }

case $mode in
cli)
  # --print-entities: one JSON line per article, no index written, no --db needed.
  out=$("$indexer" --print-entities "$src/corpus/txt/2016-02-14_syria-ceasefire-talks.txt")
  echo "$out"
  case "$out" in
    '{"id":"'*'"persons":["John Kerry","Sergey Lavrov","Bashar al-Assad",'*'"date":"2016-02-14"}') ;;
    *) fail "unexpected --print-entities output" ;;
  esac
  n=$("$indexer" --print-entities --quiet "$src/corpus" | wc -l)
  [ "$n" = 53 ] || fail "expected 53 lines for corpus/, got $n"
  # --entities metadata keeps the JSONL metadata; extract replaces it.
  line=$(head -1 "$src/corpus/articles.jsonl")
  meta=$(printf '%s\n' "$line" | "$indexer" --print-entities --entities metadata --format jsonl -)
  extr=$(printf '%s\n' "$line" | "$indexer" --print-entities --entities extract --format jsonl -)
  echo "$meta"; echo "$extr"
  expected=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(json.dumps(d["persons"], ensure_ascii=False, separators=(",", ":")))' "$line")
  case "$meta" in *"\"persons\":$expected"*) ;; *) fail "--entities metadata changed the persons" ;; esac
  [ "$meta" != "$extr" ] || fail "--entities extract gave the metadata"
  # An undated article takes its date from the dateline; without one it stays undated.
  printf '{"id":"d1","title":"Talks","body":"GENEVA, Feb. 21, 2016 (Reuters) - Diplomats met."}\n{"id":"d2","title":"Talks","body":"Diplomats met."}\n' \
    | "$indexer" --print-entities --format jsonl - > "$work/dates.jsonl"
  grep -q '"id":"d1".*"date":"2016-02-21"' "$work/dates.jsonl" || fail "dateline date not found"
  grep -q '"id":"d2".*"date":null' "$work/dates.jsonl" || fail "undated article got a date"
  # Indexing with extraction: the undated article is counted as undated.
  rm -rf "$work/db"
  printf '{"id":"d1","title":"Talks","body":"GENEVA, Feb. 21, 2016 (Reuters) - Kerry met Lavrov."}\n{"id":"d2","title":"Talks","body":"Diplomats met."}\n' \
    | "$indexer" --db "$work/db" --jobs 1 --quiet --format jsonl - 2>/dev/null
  # Usage errors.
  set +e
  "$indexer" --db "$work/db" --entities everything "$src/corpus" 2>/dev/null; [ $? = 2 ] || fail "bad --entities not exit 2"
  "$indexer" --print-entities --summary-json "$src/corpus" >/dev/null 2>&1; [ $? = 2 ] || fail "--summary-json with --print-entities not exit 2"
  "$indexer" --print-entities --ner-model /nonexistent.gzm "$src/corpus" >/dev/null 2>&1; [ $? = 1 ] || fail "missing model not exit 1"
  "$ner" frobnicate >/dev/null 2>&1; [ $? = 2 ] || fail "gazette-ner bad command not exit 2"
  set -e
  # Rules only: still finds the obvious names.
  "$indexer" --print-entities --ner-rules "$src/corpus/txt/2016-02-14_syria-ceasefire-talks.txt" | grep -q '"John Kerry"' \
    || fail "--ner-rules did not find John Kerry"
  "$ner" info | grep -q "gazetteer features yes" || fail "gazette-ner info"
  ;;
train)
  # Train on a tiny CoNLL file, evaluate and tag with the result.
  "$ner" train --epochs 5 --seed 3 --out "$work/tiny.gzm" "$src/tests/unit/ner/data/tiny.conll"
  "$ner" eval --model "$work/tiny.gzm" "$src/tests/unit/ner/data/tiny.conll" | tee "$work/tiny.eval"
  grep -Eq '^ALL +100\.00 +100\.00 +100\.00' "$work/tiny.eval" || fail "tiny model does not fit its data"
  "$ner" train --epochs 5 --seed 3 --out "$work/tiny2.gzm" "$src/tests/unit/ner/data/tiny.conll"
  cmp "$work/tiny.gzm" "$work/tiny2.gzm" || fail "training is not deterministic"
  if grep -q "Lavrov" "$work/tiny.gzm"; then fail "model file contains training text"; fi
  echo "Kerry met Lavrov in Geneva." > "$work/t.txt"
  "$indexer" --print-entities --ner-model "$work/tiny.gzm" "$work/t.txt"
  "$ner" tag --model "$work/tiny.gzm" --mentions "$work/t.txt" | grep -q '"mentions":\[' || fail "tag --mentions"
  ;;
seed)
  need_shared "$shared/seed"
  out=$("$indexer" --print-entities --quiet "$shared/seed")
  echo "$out"
  python3 - "$out" <<'PY' || exit 1
import json, sys
d = json.loads(sys.argv[1].splitlines()[0])
want = {
    "persons": ["John Kerry", "Sergey Lavrov", "Bashar al-Assad", "Barack Obama", "Vladimir Putin",
                "Sergei Shoigu", "Nasser Judeh"],
    "places": ["Syria", "Damascus", "Homs", "Amman", "Tehran", "Russia", "Iran"],
    "groups": ["Syrian Observatory for Human Rights", "Reuters", "Islamic State", "Nusra Front",
               "Russian Foreign Ministry", "UN Security Council"],
}
missing = [f"{k}: {v}" for k, vs in want.items() for v in vs if v not in d[k]]
total = sum(len(d[k]) for k in want)
found = sum(len(v) for v in want.values()) - len(missing)
print(f"seed: {found} of {sum(len(v) for v in want.values())} required entities, {total} facet values")
if missing:
    sys.exit("missing: " + "; ".join(missing))
# "Few false entities": at most a quarter of the values beyond the required ones.
if total - found > total // 4 + 2:
    sys.exit(f"too many other values: {total - found} of {total}")
PY
  ;;
conll)
  need_shared "$shared/corpora/conll2003/eng.testa"
  "$ner" eval "$shared/corpora/conll2003/eng.testa" | tee "$work/testa.eval"
  awk '/^PER\+LOC\+ORG/ { if ($4 < 90) { print "PER+LOC+ORG F1 below 90: " $4; exit 1 } }' "$work/testa.eval"
  ;;
modern)
  need_shared "$shared/corpora/allsides/allsides.jsonl"
  python3 "$src/bench/ner_modern.py" "$indexer" "$shared/corpora/allsides/allsides.jsonl" \
    --min 85,85,85,85,75,75
  ;;
*) fail "unknown mode $mode" ;;
esac
