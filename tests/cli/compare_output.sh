#!/usr/bin/env bash
# Runs a command and compares its stdout with a golden file.
#   compare_output.sh EXPECTED_FILE COMMAND [ARGS...]
# The command must exit 0. With GAZETTE_UPDATE_GOLDEN=1 the golden file is
# rewritten instead (review the diff before committing it).
set -u
expected=$1
shift
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
if ! "$@" >"$actual"; then
  echo "command failed (exit $?): $*" >&2
  exit 1
fi
if [ "${GAZETTE_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" "$actual"; then
  echo "output differs from $expected (GAZETTE_UPDATE_GOLDEN=1 to accept)" >&2
  exit 1
fi
