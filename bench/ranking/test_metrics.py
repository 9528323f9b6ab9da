"""Unit tests of metrics.py on hand-computed examples.

    cd bench/ranking && python3 -m unittest -v test_metrics
"""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics  # noqa: E402


class HandExample(unittest.TestCase):
    # relevant: a, b, c; the run finds a at rank 1 and b at rank 3
    REL = {"a", "b", "c"}
    RUN = ["a", "x", "b", "y", "z"]

    def test_precision(self):
        self.assertAlmostEqual(metrics.precision_at(self.RUN, self.REL, 10), 0.2)
        self.assertAlmostEqual(metrics.precision_at(self.RUN, self.REL, 2), 0.5)

    def test_ndcg(self):
        dcg = 1 / math.log2(2) + 1 / math.log2(4)                      # 1.5
        idcg = 1 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)  # 2.1309...
        self.assertAlmostEqual(metrics.ndcg_at(self.RUN, self.REL, 10), dcg / idcg)
        self.assertAlmostEqual(metrics.ndcg_at(self.RUN, self.REL, 10), 0.7039180890)

    def test_average_precision(self):
        # (P@1 + P@3) / R = (1 + 2/3) / 3
        self.assertAlmostEqual(metrics.average_precision_at(self.RUN, self.REL, 100), 5 / 9)

    def test_recall(self):
        self.assertAlmostEqual(metrics.recall_at(self.RUN, self.REL, 100), 2 / 3)

    def test_evaluate(self):
        m = metrics.evaluate(self.RUN, self.REL)
        self.assertEqual(sorted(m), sorted(metrics.METRICS))
        self.assertAlmostEqual(m["MAP@100"], 5 / 9)

    def test_perfect_and_empty(self):
        m = metrics.evaluate(["c", "b", "a"], self.REL)
        self.assertEqual((m["nDCG@10"], m["MAP@100"], m["R@100"]), (1.0, 1.0, 1.0))
        self.assertAlmostEqual(m["P@10"], 0.3)
        m = metrics.evaluate([], self.REL)
        self.assertEqual(set(m.values()), {0.0})
        self.assertEqual(set(metrics.evaluate(["a"], set()).values()), {0.0})

    def test_duplicates_count_once(self):
        self.assertAlmostEqual(metrics.precision_at(["a", "a", "b"], self.REL, 10), 0.2)
        self.assertAlmostEqual(metrics.average_precision_at(["a", "a", "x", "b"], self.REL), 5 / 9)

    def test_cutoffs(self):
        many = {str(i) for i in range(150)}
        top = [str(i) for i in range(100)] + ["150"]
        # 150 relevant, the first 100 all relevant: AP normalised by min(100, R) = 100
        self.assertAlmostEqual(metrics.average_precision_at(top, many), 1.0)
        self.assertAlmostEqual(metrics.recall_at(top, many), 100 / 150)
        self.assertAlmostEqual(metrics.ndcg_at(top, many), 1.0)
        # a relevant document at rank 101 counts for nothing
        late = ["n%d" % i for i in range(100)] + ["a"]
        self.assertEqual(metrics.evaluate(late, self.REL)["MAP@100"], 0.0)
        self.assertEqual(metrics.evaluate(late, self.REL)["R@100"], 0.0)

    def test_run_means(self):
        run = {"q1": self.RUN, "q2": ["c", "b", "a"]}
        qrels = {"q1": self.REL, "q2": self.REL, "q3": {"z"}}
        pq = metrics.evaluate_run(run, qrels)
        self.assertEqual(sorted(pq), ["q1", "q2", "q3"])      # q3 missing: scores 0
        self.assertAlmostEqual(metrics.means(pq)["MAP@100"], (5 / 9 + 1 + 0) / 3)
        self.assertAlmostEqual(metrics.means(pq, ["q1", "q2"])["R@100"], (2 / 3 + 1) / 2)


class Randomization(unittest.TestCase):
    def test_exact_small(self):
        # differences 1, 0, 0.5: sign sums +-1 +-0.5 (x2 for the zero) -> |sum| >= 1.5 in 4 of 8
        self.assertAlmostEqual(metrics.randomization_test([1, 0, 0.5], [0, 0, 0]), 0.5)
        # four equal differences: only all-plus and all-minus reach 4 -> 2/16
        self.assertAlmostEqual(metrics.randomization_test([1, 1, 1, 1], [0, 0, 0, 0]), 0.125)
        # symmetric in the two runs (two-sided)
        self.assertAlmostEqual(metrics.randomization_test([0, 0, 0, 0], [1, 1, 1, 1]), 0.125)

    def test_identical_runs(self):
        self.assertEqual(metrics.randomization_test([0.3, 0.2], [0.3, 0.2]), 1.0)
        self.assertEqual(metrics.randomization_test([0.1] * 30, [0.1] * 30, 1000, seed=3), 1.0)

    def test_sampled_seedable(self):
        a = [0.6, 0.2, 0.9, 0.4, 0.5, 0.7, 0.1, 0.8, 0.3, 0.6, 0.5, 0.4, 0.9, 0.2, 0.7, 0.5]
        b = [0.5, 0.3, 0.7, 0.4, 0.3, 0.6, 0.2, 0.6, 0.3, 0.4, 0.5, 0.2, 0.8, 0.3, 0.5, 0.4]
        exact = metrics.randomization_test(a, b, permutations=2 ** 16)     # enumerated
        p1 = metrics.randomization_test(a, b, permutations=10000, seed=7)
        p2 = metrics.randomization_test(a, b, permutations=10000, seed=7)
        self.assertEqual(p1, p2)
        self.assertLess(abs(p1 - exact), 0.02)
        self.assertTrue(0 < exact < 1)

    def test_sampled_never_zero(self):
        p = metrics.randomization_test([1.0] * 20, [0.0] * 20, permutations=1000, seed=1)
        self.assertAlmostEqual(p, 1 / 1001)

    def test_length_mismatch(self):
        with self.assertRaises(ValueError):
            metrics.randomization_test([1, 2], [1])


if __name__ == "__main__":
    unittest.main()
