#!/usr/bin/env bash
# Runs gazette-search --batch with a file of requests on stdin.
#   batch.sh SEARCHER DB REQUESTS [OPTIONS...]
set -eu
searcher=$1 db=$2 requests=$3
shift 3
exec "$searcher" --db "$db" --batch "$@" <"$requests"
