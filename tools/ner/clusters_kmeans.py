#!/usr/bin/env python3
"""k-means word clusters from fastText vectors (offline; needs python3-numpy).

Usage: clusters_kmeans.py VECTORS.vec OUT.tsv

Normalises the vectors and clusters them twice with spherical k-means (64 and
512 clusters, 15 iterations, numpy seed 0). Writes "word TAB coarse TAB fine"
lines, the input of `gazette-ner clusters`.
"""
import sys

import numpy as np


def kmeans(x, k, iters=15, seed=0):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    a = np.empty(len(x), dtype=np.int32)
    for _ in range(iters):
        for s in range(0, len(x), 20000):
            a[s:s + 20000] = np.argmax(x[s:s + 20000] @ c.T, axis=1)
        for j in range(k):
            m = a == j
            if m.any():
                c[j] = x[m].mean(0)
                c[j] /= np.linalg.norm(c[j]) + 1e-8
    return a


def main():
    words, vecs = [], []
    with open(sys.argv[1], encoding='utf-8', errors='replace') as f:
        _, d = map(int, f.readline().split())
        for line in f:
            p = line.rstrip().split(' ')
            if len(p) != d + 1:
                continue
            words.append(p[0])
            vecs.append(np.array(p[1:], dtype=np.float32))
    x = np.vstack(vecs)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-8
    coarse, fine = kmeans(x, 64), kmeans(x, 512)
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        for w, a, b in zip(words, coarse, fine):
            f.write(f'{w}\t{a}\t{b}\n')
    print('words', len(words), file=sys.stderr)


if __name__ == '__main__':
    main()
