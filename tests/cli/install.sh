#!/usr/bin/env bash
# cmake --install puts the binaries, man pages and completions in place.
#   install.sh BUILD_DIR PREFIX
set -eu
build=$1 prefix=$2
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/gazette-search bin/gazette-index share/man/man1/gazette-search.1 \
         share/man/man1/gazette-index.1 share/bash-completion/completions/gazette-search \
         share/bash-completion/completions/gazette-index share/zsh/site-functions/_gazette; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f" >&2; exit 1; }
done
"$prefix/bin/gazette-search" --version
echo "installed under $prefix"
