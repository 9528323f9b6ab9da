#!/usr/bin/env python3
"""Builds the entity extractor's gazetteer at build time from installed Debian
packages plus gazette's hand-written lists (common/ner/lists/).

Usage: build_gazetteer.py LISTS_DIR OUTPUT.tsv

Output: one "CLASS<TAB>name" per line, sorted, UTF-8 (format: common/ner/gazetteer.h).
Sources (each optional: a missing one is reported on stderr and skipped):
  iso-codes          /usr/share/iso-codes/json    countries, former countries, subdivisions (LOC)
  unicode-cldr-core  /usr/share/unicode/cldr      territories, subdivisions (LOC); languages (MISC)
  libgeonames0       libgeonames.so.0             24k world cities with their states (LOC);
                     read through ctypes here, at build time only: gazette never links this
                     GPL-3 library, it only ships the GeoNames data (CC-BY-4.0) it contains
  wordnet-base       /usr/share/wordnet/data.noun named persons (PER) and their first and last
                     names (FIRST, LAST), capitalised locations (LOC), named organisations (ORG)
  wamerican          /usr/share/dict/american-english  lowercase English words (COMMON)
  lists/*.txt        organisations.txt (ORG), places.txt (LOC), demonyms.txt (MISC)
"""
import ctypes
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

out = set()
counts = {}


def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))


def add(cls, name, src):
    name = re.sub(r'\s*\(.*?\)\s*', ' ', name.replace('_', ' '))
    name = ' '.join(name.split())
    if len(name) < 2 or '\t' in name:
        return
    for v in {name, fold(name)}:
        if (cls, v) not in out:
            out.add((cls, v))
            counts[(cls, src)] = counts.get((cls, src), 0) + 1


def missing(what):
    print(f'build_gazetteer: {what} not found; skipped (install it: tools/install-deps.sh)',
          file=sys.stderr)


def iso_codes():
    base = '/usr/share/iso-codes/json/'
    if not os.path.isdir(base):
        return missing('iso-codes')
    for c in json.load(open(base + 'iso_3166-1.json', encoding='utf-8'))['3166-1']:
        for k in ('name', 'common_name', 'official_name'):
            if k in c:
                add('LOC', c[k].split(',')[0], 'iso-codes 3166-1')
    for c in json.load(open(base + 'iso_3166-3.json', encoding='utf-8'))['3166-3']:
        add('LOC', c['name'].split(',')[0], 'iso-codes 3166-3')
    for c in json.load(open(base + 'iso_3166-2.json', encoding='utf-8'))['3166-2']:
        add('LOC', c['name'], 'iso-codes 3166-2')


def cldr():
    base = '/usr/share/unicode/cldr/common/'
    if not os.path.isdir(base):
        return missing('unicode-cldr-core')
    en = ET.parse(base + 'main/en.xml')
    for e in en.findall('.//localeDisplayNames/territories/territory'):
        if e.text and e.get('alt') != 'variant':
            add('LOC', e.text, 'cldr territories')
    for e in en.findall('.//localeDisplayNames/languages/language'):
        if e.text and not e.get('alt'):
            add('MISC', e.text, 'cldr languages')
    sub = base + 'subdivisions/en.xml'
    if os.path.exists(sub):
        for e in ET.parse(sub).findall('.//subdivision'):
            if e.text:
                add('LOC', e.text, 'cldr subdivisions')


def geonames():
    try:
        lib = ctypes.CDLL('libgeonames.so.0')
    except OSError:
        return missing('libgeonames0')
    lib.geonames_get_n_cities.restype = ctypes.c_int
    lib.geonames_get_city.restype = ctypes.c_void_p
    lib.geonames_get_city.argtypes = [ctypes.c_int]
    lib.geonames_city_free.argtypes = [ctypes.c_void_p]
    getters = {}
    for f in ('name', 'state', 'country'):
        g = getattr(lib, 'geonames_city_get_' + f)
        g.restype = ctypes.c_char_p
        g.argtypes = [ctypes.c_void_p]
        getters[f] = g
    for i in range(lib.geonames_get_n_cities()):
        c = lib.geonames_get_city(i)
        for f, g in getters.items():
            v = g(c)
            if v:
                add('LOC', v.decode('utf-8', 'replace'), 'geonames ' + f)
        lib.geonames_city_free(c)


def wordnet():
    path = '/usr/share/wordnet/data.noun'
    if not os.path.exists(path):
        return missing('wordnet-base')
    for line in open(path, encoding='latin-1'):
        if line.startswith('  '):
            continue
        f = line.split()
        lex, w = int(f[1]), int(f[3], 16)
        cls = {18: 'PER', 15: 'LOC', 14: 'ORG'}.get(lex)
        if not cls:
            continue
        words = [re.sub(r'\(.*\)$', '', f[4 + 2 * i]) for i in range(w)]
        pi = 4 + 2 * w
        ptrs = [f[pi + 1 + 4 * k] for k in range(int(f[pi]))]
        instance = '@i' in ptrs
        for wd in words:
            if not wd[0].isupper() or (cls != 'LOC' and not instance):
                continue
            add(cls, wd, 'wordnet noun.' + {'PER': 'person', 'LOC': 'location', 'ORG': 'group'}[cls])
            parts = wd.split('_')
            if cls == 'PER' and 2 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts):
                if len(parts[0]) > 2 and '.' not in parts[0]:
                    add('FIRST', parts[0], 'wordnet first names')
                add('LAST', parts[-1], 'wordnet last names')


def common_words():
    path = '/usr/share/dict/american-english'
    if not os.path.exists(path):
        return missing('wamerican')
    for line in open(path, encoding='utf-8'):
        w = line.strip()
        if w and w[0].islower() and "'" not in w:
            out.add(('COMMON', w))
            counts[('COMMON', 'wamerican')] = counts.get(('COMMON', 'wamerican'), 0) + 1


def lists(d):
    for fn, cls in (('organisations.txt', 'ORG'), ('places.txt', 'LOC'), ('demonyms.txt', 'MISC')):
        for line in open(os.path.join(d, fn), encoding='utf-8'):
            line = line.strip()
            if line and not line.startswith('#'):
                add(cls, line, 'lists/' + fn)


def main():
    lists_dir, output = sys.argv[1], sys.argv[2]
    lists(lists_dir)
    iso_codes()
    cldr()
    geonames()
    wordnet()
    common_words()
    tmp = output + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write('# generated by tools/ner/build_gazetteer.py; do not edit\n')
        for cls, name in sorted(out):
            f.write(f'{cls}\t{name}\n')
    os.replace(tmp, output)
    if os.environ.get('VERBOSE'):
        for (cls, src), n in sorted(counts.items()):
            print(f'  {cls:7s} {src:32s} {n}', file=sys.stderr)


if __name__ == '__main__':
    main()
