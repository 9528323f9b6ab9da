#!/usr/bin/env python3
"""Document-level facet precision and recall of gazette's entity extractor on
the modern dev set: 50 AllSides articles annotated by hand (bench/ner/README.md).

Usage: ner_modern.py INDEXER ALLSIDES_JSONL [--gold FILE] [--verbose]
                     [--extra-args "--ner-rules"] [--min PER_P,PER_R,LOC_P,LOC_R,ORG_P,ORG_R]

The article texts are read from ALLSIDES_JSONL (../shared/corpora/allsides/
allsides.jsonl), never stored in the repository; the gold file holds only ids
and the annotated sets. Exit 77 when the corpus is absent (a skipped CTest),
1 when --min is given and a figure is below it.

Scoring, per document and type: every predicted value is matched against the
gold entries by key (case, accents, whitespace, a trailing period and
typographic apostrophes ignored). A gold entry "A|B" accepts either spelling;
an entry "?A" is optional: finding it is not required, and predicting it is
not an error. A second prediction matching an already matched entry is
ignored. P = tp / (tp + fp), R = tp / (required gold entries).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = (('persons', 'PER'), ('places', 'LOC'), ('groups', 'ORG'))


def key(s):
    s = s.replace('\u2019', "'").replace('\u2018', "'")
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
    s = ' '.join(s.lower().split())
    return s.rstrip('.')


def score(gold_entries, predicted):
    """Returns tp, fp, fn, the false positives and the misses."""
    entries = []
    for g in gold_entries:
        optional = g.startswith('?')
        entries.append((optional, {key(a) for a in g.lstrip('?').split('|')}, g))
    matched = set()
    tp = fp = 0
    wrong = []
    for p in predicted:
        k = key(p)
        hit = None
        for i, (optional, keys, _) in enumerate(entries):
            if k in keys:
                hit = i
                break
        if hit is None:
            fp += 1
            wrong.append(p)
        elif entries[hit][0] or hit in matched:
            continue
        else:
            matched.add(hit)
            tp += 1
    missed = [g for i, (optional, _, g) in enumerate(entries) if not optional and i not in matched]
    return tp, fp, len(missed), wrong, missed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('indexer')
    ap.add_argument('allsides')
    ap.add_argument('--gold', default=os.path.join(HERE, 'ner', 'allsides_dev.jsonl'))
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--extra-args', default='')
    ap.add_argument('--min', default='')
    a = ap.parse_args()
    if not os.path.exists(a.allsides):
        print(f'SKIP: {a.allsides} not found')
        return 77
    gold = [json.loads(l) for l in open(a.gold, encoding='utf-8') if l.strip()]
    want = {g['id'] for g in gold}
    texts = {}
    for line in open(a.allsides, encoding='utf-8'):
        d = json.loads(line)
        if d.get('id') in want:
            texts[d['id']] = {k: d[k] for k in ('id', 'title', 'body', 'date') if k in d}
    missing = want - texts.keys()
    if missing:
        print(f'gold ids not in {a.allsides}: {sorted(missing)}', file=sys.stderr)
        return 1
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False, encoding='utf-8') as f:
        for g in gold:
            f.write(json.dumps(texts[g['id']]) + '\n')
        tmp = f.name
    try:
        cmd = [a.indexer, '--print-entities', '--entities', 'extract', '--quiet'] + a.extra_args.split() + [tmp]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(tmp)
    pred = {}
    for line in out.splitlines():
        d = json.loads(line)
        pred[d['id']] = d
    totals = {t: [0, 0, 0] for _, t in TYPES}
    for g in gold:
        p = pred.get(g['id'], {})
        for field, t in TYPES:
            tp, fp, fn, wrong, missed = score(g[field], p.get(field, []))
            totals[t][0] += tp
            totals[t][1] += fp
            totals[t][2] += fn
            if a.verbose and (wrong or missed):
                print(f'{g["id"]} {t}: false {wrong} missed {missed}')
    print(f'modern dev set: {len(gold)} AllSides articles, document-level facets')
    print(f'{"type":5s} {"P":>6s} {"R":>6s} {"F1":>6s} {"tp":>5s} {"fp":>5s} {"fn":>5s}')
    figures = []
    for _, t in TYPES:
        tp, fp, fn = totals[t]
        p = 100.0 * tp / (tp + fp) if tp + fp else 0.0
        r = 100.0 * tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        figures += [p, r]
        print(f'{t:5s} {p:6.1f} {r:6.1f} {f1:6.1f} {tp:5d} {fp:5d} {fn:5d}')
    if a.min:
        mins = [float(x) for x in a.min.split(',')]
        names = ['PER P', 'PER R', 'LOC P', 'LOC R', 'ORG P', 'ORG R']
        low = [f'{n} {v:.1f} < {m}' for n, v, m in zip(names, figures, mins) if v < m]
        if low:
            print('below target: ' + '; '.join(low))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
