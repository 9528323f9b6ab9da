#!/usr/bin/env python3
"""Unlabeled text for the word clusters (offline; not part of the build).

Usage: clusters_corpus.py SHARED_CORPORA OUT.txt [EXCLUDE_IDS_JSONL]

Writes one tokenized line per paragraph from AllSides (titles and bodies),
Reuters-21578 (titles and bodies) and the words of CoNLL-2003 eng.train (no
labels), 19.6M tokens. Articles whose ids are in EXCLUDE_IDS_JSONL (the modern
dev set, bench/ner/allsides_dev.jsonl) are left out.
Then (README "Entity extraction"):
  fasttext skipgram -input OUT.txt -output vec -dim 64 -minCount 3 -epoch 4 -maxn 0 -thread 2
  clusters_kmeans.py vec.vec clusters.tsv
  gazette-ner clusters --out common/ner/model/clusters.bin clusters.tsv
"""
import json
import re
import sys

TOK = re.compile(r"[^\W_]+(?:[.'\-&][^\W_]+)*\.?|'s|[^\s\w]", re.U)


def tok(s):
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"')
    s = re.sub(r"(\w)'s\b", r"\1 's", s)
    return [' '.join(TOK.findall(line)) for line in s.split('\n') if line.strip()]


def main():
    corpora, out_path = sys.argv[1], sys.argv[2]
    exclude = set()
    if len(sys.argv) > 3:
        exclude = {json.loads(l)['id'] for l in open(sys.argv[3], encoding='utf-8') if l.strip()}
    n = 0
    with open(out_path, 'w', encoding='utf-8') as fo:
        for path in (corpora + '/allsides/allsides.jsonl', corpora + '/reuters21578/reuters21578.jsonl'):
            for line in open(path, encoding='utf-8'):
                d = json.loads(line)
                if d.get('id') in exclude:
                    continue
                for s in tok((d.get('title') or '') + '\n' + (d.get('body') or '')):
                    fo.write(s + '\n')
                    n += s.count(' ') + 1
        doc = []
        for line in open(corpora + '/conll2003/eng.train', encoding='utf-8'):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('-DOCSTART-'):
                if doc:
                    fo.write(' '.join(doc) + '\n')
                    n += len(doc)
                    doc = []
                continue
            doc.append(line.split(' ')[0])
    print('tokens', n, file=sys.stderr)


if __name__ == '__main__':
    main()
