#!/usr/bin/env bash
# Nothing lost (issue 4): kills, signals, searching while indexing, two writers.
#   crash_safety.sh INDEXER SEARCHER WORK_DIR [KILLS] [ARTICLES] [INDEXER_OPTION]
# With INDEXER_OPTION (such as --no-sync), every run of parts 1 and 2 gets it,
# and parts 3 and 4 are left out.
# 1. SIGKILL at random moments during a large run, KILLS times (default 20):
#    after each kill `gazette-index --check` passes (Xapian's checker, one id
#    term per article), every shard holds a whole number of commit batches, and
#    the index never shrinks; a final run completes with exactly N articles.
# 2. SIGTERM and SIGINT: the run commits what it has, says so, exits 1, and the
#    index holds what the summary says.
# 3. Searches running while an index is written never fail.
# 4. A second writer gets "locked by another writer" at once, gives up after
#    --wait SECONDS, or waits and then succeeds.
set -u
indexer=$1 searcher=$2 work=$3 kills=${4:-20} n=${5:-30000} option=${6:-}
dir="$work/crash-safety${option}"
opt=()
[ -z "$option" ] || opt=("$option")
rm -rf "$dir"
mkdir -p "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

# N articles with entity metadata (no extraction: the run is I/O and Xapian).
batch=500
input="$dir/articles.jsonl"
awk -v n=$n 'BEGIN {
  for (i = 0; i < n; i++) {
    printf "{\"id\":\"a%d\",\"title\":\"Report %d on oil and grain markets\",", i, i
    printf "\"body\":\"Traders in market %d said prices moved %d points as shipments of crude and wheat to port %d resumed after talks.\",", i % 97, i % 13, i % 31
    printf "\"date\":\"2016-%02d-%02d\",\"persons\":[\"Person %d\"],\"places\":[\"Place %d\"],\"groups\":[\"Group %d\"]}\n", 1 + i % 12, 1 + i % 28, i % 500, i % 50, i % 20
  }
}' > "$input"

# Per-shard article counts from --check ("...shard-000: ok, 3000 articles, ...").
shard_counts() {
  "$indexer" --check "$1" 2>&1 | sed -n 's/.*shard-[0-9]*: ok, \([0-9]*\) article.*/\1/p'
}
index_total() {
  "$searcher" --db "$1" --format json --compact --limit 0 "" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}

# --- 1. SIGKILL -------------------------------------------------------------
# One uninterrupted run first: its length T spreads the kills over the run.
start=$(date +%s%N)
"$indexer" --db "$dir/timing-index" --jobs 2 --batch-size $batch --entities metadata -q "${opt[@]}" \
  "$input" 2>"$dir/timing.err" || fail "the timing run failed: $(cat "$dir/timing.err")"
run_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# Each shard's share of the input: a shard may hold all of it (its final
# commit) while another is still committing when the kill lands.
full_counts=($(shard_counts "$dir/timing-index"))
rm -rf "$dir/timing-index"
echo "an uninterrupted run takes $run_ms ms"
db="$dir/kill-index"
done_kills=0 attempts=0 last_total=0 completed_runs=0
while [ $done_kills -lt "$kills" ]; do
  attempts=$((attempts + 1))
  [ $attempts -le $((kills * 3)) ] || fail "only $done_kills kills landed in $attempts runs"
  "$indexer" --db "$db" --jobs 2 --batch-size $batch --entities metadata -q --no-progress "${opt[@]}" \
    "$input" 2>"$dir/kill.err" &
  pid=$!
  # A random moment in the first 95% of a run.
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (run_ms * 95 / 100 + 1) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 $pid 2>/dev/null; then
    kill -KILL $pid
    wait $pid 2>/dev/null
    done_kills=$((done_kills + 1))
    what="killed after $delay_ms ms"
  else
    what="completed before $delay_ms ms"
    wait $pid || fail "an uninterrupted run failed: $(cat "$dir/kill.err")"
    completed_runs=$((completed_runs + 1))
  fi
  [ -f "$db/XAPIANDB" ] || continue  # killed before the index existed
  "$indexer" --check "$db" 2>"$dir/check.err" || fail "--check after kill $done_kills: $(cat "$dir/check.err")"
  total=$(index_total "$db")
  [ -n "$total" ] || fail "the index does not open after kill $done_kills"
  shard=0
  for count in $(shard_counts "$db"); do
    # A shard holds whole batches, or its whole share (its final commit).
    if [ $((count % batch)) -ne 0 ] && [ "$count" -ne "${full_counts[$shard]}" ]; then
      fail "a shard holds $count articles after kill $done_kills: not a whole number of $batch-article commits"
    fi
    shard=$((shard + 1))
  done
  [ "$total" -ge "$last_total" ] || fail "the index shrank from $last_total to $total"
  [ "$total" -le $n ] || fail "the index holds $total articles, more than the $n given"
  last_total=$total
  echo "run $attempts: $what; the index opens, passes --check and holds $total articles"
done
"$indexer" --db "$db" --jobs 2 --batch-size $batch --entities metadata -q "${opt[@]}" "$input" \
  2>"$dir/final.err" || fail "the run after the kills failed: $(cat "$dir/final.err")"
total=$(index_total "$db")
[ "$total" = $n ] || fail "after the kills and a full run the index holds $total articles, expected $n"
"$indexer" --check "$db" 2>"$dir/check.err" || fail "--check after the final run: $(cat "$dir/check.err")"
echo "SIGKILL: $done_kills kills ($completed_runs runs completed first), then exactly $n articles, no duplicates"

# --- 2. SIGTERM and SIGINT ----------------------------------------------------
for sig in TERM INT; do
  db="$dir/signal-index-$sig"
  rm -rf "$db"
  "$indexer" --db "$db" --jobs 2 --batch-size $batch --entities metadata -q --summary-json "${opt[@]}" \
    "$input" >"$dir/signal.json" 2>"$dir/signal.err" &
  pid=$!
  for _ in $(seq 50); do [ -f "$db/XAPIANDB" ] && break; sleep 0.1; done
  sleep 0.5
  kill -0 $pid 2>/dev/null || fail "the run ended before SIG$sig could be sent"
  kill -$sig $pid
  wait $pid
  rc=$?
  [ $rc -eq 1 ] || fail "SIG$sig: exit status $rc, expected 1"
  grep -q "interrupted; committed" "$dir/signal.err" || fail "SIG$sig: no 'interrupted; committed' in: $(cat "$dir/signal.err")"
  said=$(sed -n 's/.*"indexed":\([0-9]*\).*/\1/p' "$dir/signal.json")
  total=$(index_total "$db")
  [ -n "$said" ] && [ "$said" = "$total" ] || fail "SIG$sig: summary says $said indexed, the index holds $total"
  echo "SIG$sig: exit 1, $total articles committed and reported"
done

if [ -n "$option" ]; then
  echo "ok with $option"
  exit 0
fi

# --- 3. Searching while indexing ---------------------------------------------
db="$dir/live-index"
rm -rf "$db"
"$indexer" --db "$db" --jobs 2 --batch-size 1000 --entities metadata -q "$input" 2>"$dir/live.err" &
pid=$!
for _ in $(seq 100); do [ -f "$db/XAPIANDB" ] && break; sleep 0.05; done
searches=0
while kill -0 $pid 2>/dev/null; do
  "$searcher" --db "$db" --format json --compact --limit 5 --facets person,place,group,date \
    --sort newest "oil OR grain" >/dev/null 2>"$dir/live-search.err" ||
    fail "a search during indexing failed: $(cat "$dir/live-search.err")"
  searches=$((searches + 1))
done
wait $pid || fail "the indexer failed while being searched: $(cat "$dir/live.err")"
[ $searches -ge 5 ] || fail "only $searches searches ran during indexing"
echo "live: $searches searches during indexing, none failed"

# --- 4. A second writer -------------------------------------------------------
db="$dir/lock-index"
rm -rf "$db"
fifo="$dir/articles.fifo"
rm -f "$fifo"
mkfifo "$fifo"
# The first writer holds the lock while it waits for input on the fifo.
"$indexer" --db "$db" --jobs 2 --format jsonl -q "$fifo" 2>"$dir/first.err" &
first=$!
# The stub is written once every shard is open, so then the first holds the lock.
for _ in $(seq 100); do [ -f "$db/XAPIANDB" ] && break; sleep 0.05; done
[ -f "$db/XAPIANDB" ] || fail "the first writer did not create its index"
"$indexer" --db "$db" --entities metadata -q "$input" 2>"$dir/second.err" &&
  fail "a second writer succeeded while the first held the lock"
grep -q "locked by another writer" "$dir/second.err" ||
  fail "a second writer was not told the index is locked: $(cat "$dir/second.err")"
start=$(date +%s%N)
"$indexer" --db "$db" --wait 0.5 -q "$input" 2>"$dir/second.err" &&
  fail "a second writer with --wait 0.5 succeeded while the first held the lock"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -q "gave up waiting" "$dir/second.err" || fail "--wait: no 'gave up waiting' in $(cat "$dir/second.err")"
[ $elapsed_ms -ge 400 ] || fail "--wait 0.5 gave up after $elapsed_ms ms"
"$indexer" --db "$db" --wait 60 --entities metadata -q "$input" 2>"$dir/waiter.err" &
waiter=$!
sleep 0.5
kill -0 $waiter 2>/dev/null || fail "the waiting writer did not wait: $(cat "$dir/waiter.err")"
head -n 10 "$input" | sed 's/"id":"a/"id":"fifo-a/' > "$fifo"
wait $first || fail "the first writer failed: $(cat "$dir/first.err")"
wait $waiter || fail "the waiting writer failed: $(cat "$dir/waiter.err")"
total=$(index_total "$db")
[ "$total" = $((n + 10)) ] || fail "after both writers the index holds $total, expected $((n + 10))"
echo "lock: refused at once, gave up after $elapsed_ms ms with --wait 0.5, waited and wrote with --wait 60"
echo ok
