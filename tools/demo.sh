#!/usr/bin/env bash
# Installs what is missing, builds gazette, indexes the bundled corpus/ and runs
# a faceted query against it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target gazette-index gazette-search >/dev/null
rm -rf demo-index
build/indexer/gazette-index --db demo-index corpus/
build/searcher/gazette-search --db demo-index --facets person,place,group,date \
  --limit 3 'syria ceasefire'
