#!/usr/bin/python3
"""Core benchmark: Reuters-21578 indexing time and faceted query latency.

Runs, in one go on this machine:
  build   gazette-index over the 22 SGML files (--jobs 1 and --jobs N), RUNS
          timed runs each after one warm-up; and, as the baseline in the same
          run, the python3-xapian peer from ../shared/bench (when installed).
  query   the 35 queries of ../shared/bench/queries.txt, each REPS times, as
          whole processes: gazette-search --format json --timing with four exact
          facets (person, place, group, month histogram) and snippets. Reports
          the in-process time (--timing) and the whole-process wall time.
Prints medians and p95 (nearest rank) as a markdown table.

usage: bench/core_bench.py [--build-dir build] [--runs 3] [--reps 5] [--jobs 2]
       [--shared ../shared] [--work /tmp/gazette-bench]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def pct(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def timed(cmd, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def load_queries(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, text = line.split("\t", 1)
        if kind == "drilldown":
            continue
        out.append('"%s"' % text if kind == "phrase" else text)
    return out


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--build-dir", default=os.path.join(here, "..", "build"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--work", default="/tmp/gazette-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    indexer = os.path.join(a.build_dir, "indexer", "gazette-index")
    searcher = os.path.join(a.build_dir, "searcher", "gazette-search")
    sgml_dir = os.path.join(a.shared, "corpora", "reuters21578")
    if not os.path.isdir(sgml_dir):
        print("no %s: nothing to measure" % sgml_dir, file=sys.stderr)
        return 1
    sgml = sorted(os.path.join(sgml_dir, f) for f in os.listdir(sgml_dir) if f.endswith(".sgm"))
    os.makedirs(a.work, exist_ok=True)
    db = os.path.join(a.work, "gazette-reuters")

    rows = []
    for jobs in sorted({1, a.jobs}):
        times = []
        for i in range(a.runs + 1):
            shutil.rmtree(db, ignore_errors=True)
            t = timed([indexer, "--db", db, "--jobs", str(jobs), "-q"] + sgml)
            if i > 0:
                times.append(t)
        rows.append(("gazette-index --jobs %d" % jobs, statistics.median(times)))
    peer = os.path.join(a.shared, "bench", "peer_xapian.py")
    jsonl = os.path.join(sgml_dir, "reuters21578.jsonl")
    have_peer = subprocess.run(["/usr/bin/python3", "-c", "import xapian"],
                               stderr=subprocess.DEVNULL).returncode == 0
    if have_peer and os.path.exists(peer) and os.path.exists(jsonl):
        pdb = os.path.join(a.work, "peer-xapian")
        times = []
        for i in range(a.runs + 1):
            shutil.rmtree(pdb, ignore_errors=True)
            t = timed(["/usr/bin/python3", peer, "build", jsonl, pdb],
                      cwd=os.path.dirname(peer))
            if i > 0:
                times.append(t)
        rows.append(("python3-xapian peer (baseline)", statistics.median(times)))
    base = rows[-1][1] if rows[-1][0].startswith("python3") else None
    print("## Reuters-21578 build (%d SGML files, 21,578 articles), median of %d runs\n"
          % (len(sgml), a.runs))
    print("| indexer | wall s | vs baseline |")
    print("|---|---:|---:|")
    for name, t in rows:
        ratio = "%.2fx" % (base / t) if base else "-"
        print("| %s | %.2f | %s |" % (name, t, ratio))

    # The last build (--jobs N) is the index the queries run on.
    shutil.rmtree(db, ignore_errors=True)
    subprocess.run([indexer, "--db", db, "--jobs", str(a.jobs), "-q"] + sgml, check=True,
                   stderr=subprocess.DEVNULL)
    queries = load_queries(os.path.join(a.shared, "bench", "queries.txt"))
    modes = {
        "plain top 10": ["--snippet-size", "0"],
        "top 10 + 4 facets + snippets": ["--facets", "person,place,group,date"],
        "same + drilldown place=usa": ["--facets", "person,place,group,date",
                                       "--filter", "place=usa"],
    }
    print("\n## Query latency, %d queries x %d reps (whole process per query)\n"
          % (len(queries), a.reps))
    print("| mode | in-process median ms | p95 ms | whole-process median ms | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    for mode, extra in modes.items():
        inproc, wall = [], []
        for q in queries:  # warm-up pass
            subprocess.run([searcher, "--db", db, "--format", "json", q] + extra,
                           check=True, stdout=subprocess.DEVNULL)
        for _ in range(a.reps):
            for q in queries:
                cmd = [searcher, "--db", db, "--format", "json", "--compact", "--timing"] + extra + ["--", q]
                t = time.perf_counter()
                out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
                wall.append(time.perf_counter() - t)
                inproc.append(json.loads(out)["timing"]["seconds"])
        print("| %s | %.2f | %.2f | %.2f | %.2f |" % (
            mode, 1000 * statistics.median(inproc), 1000 * pct(inproc, 95),
            1000 * statistics.median(wall), 1000 * pct(wall, 95)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
