#!/usr/bin/env bash
# Installs what is missing, builds gazette (warnings are errors) and runs every
# test: unit tests, CLI golden tests, and the Reuters cross-check when
# ../shared/corpora is present (skipped otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
build=${GAZETTE_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
