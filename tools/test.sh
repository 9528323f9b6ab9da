#!/usr/bin/env bash
# Installs what is missing, then runs every test twice:
#   1. a release build (GCC, warnings are errors): unit tests, CLI golden tests,
#      distributed search, and the Reuters cross-check when ../shared/corpora is
#      present (skipped otherwise);
#   2. the same suite built with clang under AddressSanitizer + UBSan, plus the
#      libFuzzer targets' short runs and crash regressions.
# GAZETTE_SANITIZE_TESTS=0 skips stage 2 (quicker local runs); GAZETTE_BUILD_DIR
# names stage 1's build directory (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)
build=${GAZETTE_BUILD_DIR:-build}
echo "== stage 1: release build and tests ($build)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_WERROR=ON >/dev/null
cmake --build "$build" -j"$jobs"
ctest --test-dir "$build" --output-on-failure -j"$jobs"
if [ "${GAZETTE_SANITIZE_TESTS:-1}" != 0 ]; then
  echo "== stage 2: clang ASan+UBSan build, tests and fuzzing (build-sanitize)"
  CC=clang CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGAZETTE_SANITIZE=ON -DGAZETTE_FUZZ=ON -DGAZETTE_FUZZ_SECONDS=20 >/dev/null
  cmake --build build-sanitize -j"$jobs"
  # new_delete_type_mismatch=0: Xapian 1.4's own Database::check() frees an
  # object through a base pointer of another size (inside libxapian, not ours).
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:new_delete_type_mismatch=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize --output-on-failure -j"$jobs"
fi
