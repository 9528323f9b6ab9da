#!/usr/bin/env bash
# Runs a command and checks its exit code and that stderr mentions a text.
#   expect_exit.sh CODE STDERR_SUBSTRING COMMAND [ARGS...]
set -u
want=$1
pattern=$2
shift 2
err=$(mktemp)
trap 'rm -f "$err"' EXIT
"$@" >/dev/null 2>"$err"
got=$?
cat "$err" >&2
if [ "$got" != "$want" ]; then
  echo "expected exit $want, got $got: $*" >&2
  exit 1
fi
if ! grep -qF -- "$pattern" "$err"; then
  echo "stderr does not mention '$pattern'" >&2
  exit 1
fi
