#!/usr/bin/env bash
# Installs the Debian 12 packages gazette needs to build and test, if missing.
# Run as root (or with sudo available). Does nothing when all are present.
set -euo pipefail
packages=(
  build-essential cmake pkg-config      # toolchain
  libxapian-dev                         # the search engine library
  libicu-dev                            # Unicode normalisation and case folding
  libboost-program-options-dev          # command-line options
  libsimdjson-dev                       # JSON Lines input (fast, validating)
  zlib1g-dev libbz2-dev liblzma-dev libzstd-dev  # compressed input: .gz .bz2 .xz .zst
  libzip-dev                            # .zip archives
  libjemalloc-dev                       # gazette-index's memory allocator
  libxml2-dev                           # HTML pages, WARC captures, NITF and feeds
  catch2                                # unit tests (v2)
  python3                               # the Reuters cross-check test
  xapian-tools                          # xapian-tcpsrv, for the distributed-search test
  clang libclang-rt-14-dev              # sanitizer and libFuzzer test build (tools/test.sh)
  # Entity-extraction gazetteer, generated at build time (tools/ner/build_gazetteer.py):
  iso-codes unicode-cldr-core           # countries, subdivisions, languages (LGPL-2.1+, Unicode)
  libgeonames0                          # GeoNames cities (data CC-BY-4.0; read, never linked)
  wordnet-base wamerican                # named persons/places/groups; common English words
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "not root and no sudo: install these packages first: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
