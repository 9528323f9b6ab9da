#!/usr/bin/env bash
# The man pages and shell completions list every option of --help, and the
# completions list no option that --help lacks.
#   docs_sync.sh SEARCHER INDEXER DOC_DIR
set -u
searcher=$1 indexer=$2 doc=$3
fail=0
options_of() {  # the long options of a binary's --help
  "$1" --help | grep -oE '^  +(-[A-Za-z] \[ |-[A-Za-z], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' | sort -u
}
has_option() {  # FILE OPTION: the option as a whole word (roff escapes removed)
  sed 's/\\//g' "$1" | grep -qE -- "(^|[^a-z0-9-])$2([^a-z0-9-]|\$)"
}
man_entry() {  # FILE OPTION: the option heads an entry (the line after .TP)
  awk 'prev == ".TP" { print } { prev = $0 }' "$1" >"$tmp"
  has_option "$tmp" "$2"
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for pair in "gazette-search:$searcher" "gazette-index:$indexer"; do
  name=${pair%%:*} bin=${pair#*:}
  opts=$(options_of "$bin")
  [ -n "$opts" ] || { echo "no options found in $name --help" >&2; exit 1; }
  for o in $opts; do
    man_entry "$doc/man/$name.1" "$o" || { echo "$name $o has no entry in $name.1" >&2; fail=1; }
    for f in "$doc/completion/gazette.bash" "$doc/completion/_gazette"; do
      has_option "$f" "$o" || { echo "$name $o is missing from $f" >&2; fail=1; }
    done
  done
  # The other way round: the bash completion offers nothing --help lacks.
  var=$([ "$name" = gazette-search ] && echo _gazette_search_options || echo _gazette_index_options)
  listed=$(bash -c "source '$doc/completion/gazette.bash'; echo \$$var")
  for o in $listed; do
    echo "$opts" | grep -qxF -- "$o" || { echo "$name: completion offers $o, which --help lacks" >&2; fail=1; }
  done
done
bash -n "$doc/completion/gazette.bash" || fail=1
if command -v zsh >/dev/null; then zsh -n "$doc/completion/_gazette" || fail=1; fi
if command -v groff >/dev/null; then
  for m in "$doc"/man/*.1; do
    warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$m" 2>&1)
    [ -z "$warnings" ] || { echo "$m: $warnings" >&2; fail=1; }
  done
fi
[ $fail = 0 ] && echo "man pages and completions list every option"
exit $fail
