#!/usr/bin/env bash
# Distributed search: the corpus index's shards served by two xapian-tcpsrv
# processes on 127.0.0.1, listed in a stub file, must give byte-identical
# results (hits, scores, totals, facet counts) to the same shards opened locally.
#   remote.sh SEARCHER INDEX WORK_DIR        (exit 77 = xapian-tcpsrv not installed)
set -u
searcher=$1 index=$2 work=$3
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "SKIP: xapian-tcpsrv not installed (Debian package xapian-tools)"
  exit 77
fi
dir="$work/remote-stub"
rm -rf "$dir" && mkdir -p "$dir"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

# Start one server per shard on a free port.
port=$(( 20000 + ($$ % 20000) ))
: > "$dir/XAPIANDB"
for shard in "$index"/shard-*; do
  for attempt in $(seq 1 50); do
    port=$((port + 1))
    # Own session: on SIGTERM xapian-tcpsrv signals its whole process group.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --quiet "$shard" \
      >>"$dir/servers.log" 2>&1 &
    pid=$!
    for i in $(seq 1 50); do
      if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then break; fi
    pid=""
  done
  [ -n "$pid" ] || { echo "could not start xapian-tcpsrv for $shard" >&2; exit 1; }
  pids+=("$pid")
  echo "remote 127.0.0.1:$port" >> "$dir/XAPIANDB"
done
echo "stub:"; cat "$dir/XAPIANDB"

fail=0
check() {
  local local_out remote_out
  local_out=$("$searcher" --db "$index" --format json --compact "$@") || { echo "local failed: $*"; fail=1; return; }
  remote_out=$("$searcher" --db "$dir" --format json --compact "$@") || { echo "remote failed: $*"; fail=1; return; }
  if [ "$local_out" != "$remote_out" ]; then
    echo "DIFFERENT: $*"
    diff <(echo "$local_out" | tr ',' '\n') <(echo "$remote_out" | tr ',' '\n') | head -20
    fail=1
  else
    echo "same: $* (${#local_out} bytes)"
  fi
}
check --facets all --facet-size 0 kerry
check --facets all --limit 20 "oil OR opec"
check --facets person,place,date --filter place=syria --filter place=iran --multi-select ""
check --facets all --sort oldest --offset 5 --limit 30 "\"cessation of hostilities\" OR ceasefire"
check --facets group,topic --exclude topic=energy --limit 50 "market*"
check --facets all --date-granularity day "date:2016"
# Search features (issue 5) on remote shards too.
check --limit 5 --like gz-2016-0020
check --limit 3 --correct kery lavrov ceasfire
check --limit 0 --facet-size 5 --related person=kerry --facet-prefix place=sa
check --facets date --date-granularity auto --date-from 2016-02 --date-to 2016-03 syria
check --ids --filter person=clinton --exclude place=iran
# --stats names the index it was given; everything else must agree.
check_stats() {
  local a b
  a=$("$searcher" --db "$index" --stats --format json --compact | sed 's/"index":"[^"]*"//')
  b=$("$searcher" --db "$dir" --stats --format json --compact | sed 's/"index":"[^"]*"//')
  if [ "$a" != "$b" ]; then echo "DIFFERENT: --stats"; echo "$a"; echo "$b"; fail=1; else echo "same: --stats"; fi
}
check_stats
# The remote stub is really remote: stopping the servers breaks it.
cleanup
if "$searcher" --db "$dir" --format json kerry >/dev/null 2>&1; then
  echo "the stub still answered with its servers stopped" >&2
  fail=1
fi
exit $fail
