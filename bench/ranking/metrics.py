"""Ranking metrics with binary relevance, and a paired randomization test.

A run is, per query, a ranked list of document ids (best first); the judgments
are, per query, the set of relevant ids. All metrics are per query; average
them over queries for a run's figure.

- P@10      relevant among the first 10, divided by 10 (a shorter list counts
            its missing places as non-relevant).
- nDCG@10   binary gains, log2 discount: sum of 1/log2(rank+1) over relevant
            ranks <= 10, divided by the same sum for an ideal list (min(10, R)
            relevant documents first).
- MAP@100   average precision over the top 100: sum of P@k over relevant ranks
            k <= 100, divided by min(100, R). (The mean over queries is MAP@100.)
- R@100     relevant among the first 100, divided by R.

R is the number of relevant documents of the query; a query with R = 0 scores
0 on every metric (the benchmark has none: every topic labels >= 20 articles).
Duplicate ids in a list are dropped after their first occurrence.

Paired randomization test (Fisher; Smucker, Allan and Carterette, CIKM 2007):
the statistic is the mean over queries of the per-query difference a - b; under
the null hypothesis the two runs are exchangeable per query, i.e. each
difference's sign is random. The two-sided p-value is the share of sign
assignments whose |mean| is at least the observed |mean|. With n queries and
2**n <= permutations the 2**n assignments are enumerated (exact); otherwise
`permutations` random assignments are drawn from random.Random(seed) and
p = (hits + 1) / (permutations + 1), which counts the observed assignment and
so never gives 0.
"""
import itertools
import math
import random

METRICS = ("P@10", "nDCG@10", "MAP@100", "R@100")


def _dedup(ranked):
    seen, out = set(), []
    for d in ranked:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def precision_at(ranked, relevant, k=10):
    return sum(1 for d in _dedup(ranked)[:k] if d in relevant) / k


def ndcg_at(ranked, relevant, k=10):
    if not relevant:
        return 0.0
    dcg = sum(1.0 / math.log2(i + 2)
              for i, d in enumerate(_dedup(ranked)[:k]) if d in relevant)
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / idcg


def average_precision_at(ranked, relevant, k=100):
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, d in enumerate(_dedup(ranked)[:k]):
        if d in relevant:
            hits += 1
            total += hits / (i + 1)
    return total / min(k, len(relevant))


def recall_at(ranked, relevant, k=100):
    if not relevant:
        return 0.0
    return sum(1 for d in _dedup(ranked)[:k] if d in relevant) / len(relevant)


def evaluate(ranked, relevant):
    """All four metrics of one query: {metric name: value}."""
    relevant = set(relevant)
    return {"P@10": precision_at(ranked, relevant, 10),
            "nDCG@10": ndcg_at(ranked, relevant, 10),
            "MAP@100": average_precision_at(ranked, relevant, 100),
            "R@100": recall_at(ranked, relevant, 100)}


def evaluate_run(run, qrels, queries=None):
    """run: {qid: ranked ids}; qrels: {qid: relevant ids}. Returns
    {qid: {metric: value}} for `queries` (default: every qid of qrels, sorted);
    a query missing from the run scores as an empty list."""
    qs = sorted(qrels) if queries is None else list(queries)
    return {q: evaluate(run.get(q, []), qrels[q]) for q in qs}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def means(per_query, queries=None):
    """{metric: mean over queries} of an evaluate_run result."""
    qs = sorted(per_query) if queries is None else list(queries)
    return {m: mean(per_query[q][m] for q in qs) for m in METRICS}


def randomization_test(a, b, permutations=10000, seed=0):
    """Two-sided paired randomization test of mean(a) = mean(b).

    a, b: per-query scores in the same query order. Returns the p-value."""
    if len(a) != len(b):
        raise ValueError("paired test needs equally many scores (%d vs %d)" % (len(a), len(b)))
    diffs = [x - y for x, y in zip(a, b)]
    n = len(diffs)
    if n == 0:
        return 1.0
    observed = abs(sum(diffs))
    eps = 1e-12 * max(1.0, observed)        # float noise must not decide a tie
    if 2 ** n <= permutations:
        hits = 0
        for signs in itertools.product((1, -1), repeat=n):
            if abs(sum(s * d for s, d in zip(signs, diffs))) >= observed - eps:
                hits += 1
        return hits / 2 ** n
    rng = random.Random(seed)
    hits = 0
    for _ in range(permutations):
        s = 0.0
        for d in diffs:
            s += d if rng.random() < 0.5 else -d
        if abs(s) >= observed - eps:
            hits += 1
    return (hits + 1) / (permutations + 1)


def compare(per_query_a, per_query_b, metric, queries, permutations=10000, seed=0):
    """p-value of the randomization test between two evaluate_run results."""
    return randomization_test([per_query_a[q][metric] for q in queries],
                              [per_query_b[q][metric] for q in queries],
                              permutations, seed)
