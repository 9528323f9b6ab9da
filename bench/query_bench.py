#!/usr/bin/python3
"""Query latency of gazette-search against the peer engines, in one run.

Modes (the 35 queries of ../shared/bench/queries.txt, as the peers run them):
  plain   top 10 by relevance (gazette also computes the exact total)
  facets  top 10 + exact total + top 10 person/place/group + month histogram
  drill   facets with the drilldown filter place=usa
  process facets mode as one whole gazette-search process per query (the
          in-process modes use --batch: one process, one request per line)
Reported: median and p95 (nearest rank) over all query x repetition samples of
the in-process time (gazette's --timing, the peers' own timers), plus the whole
process wall time for "process". Peers come from ../shared/bench/run_peers.sh
(Lucene 8, Sphinx, SQLite FTS5, python3-xapian, Omega quest), run in the same
invocation, on the same machine, over the same corpus; peers that are not
installed are skipped, and the table says so.

Corpus: Reuters-21578 (the 22 SGML files for gazette, the shared JSONL for the
peers), or with --scale N a corpus of Reuters replicated N times with shifted
ids and dates (--scale 47 is about 1M articles), written under --work.

usage: bench/query_bench.py [--scale N] [--reps 10] [--peers "lucene sphinx fts5 xapian omega"]
                            [--no-peers] [--work /tmp/gazette-qbench] [--build-dir build]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

FACETS = ["person", "place", "group", "date"]


def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, -(-p * len(s) // 100) - 1))]


def load_queries(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, text = line.split("\t", 1)
        if kind in ("drilldown", "facets"):
            continue
        out.append('"%s"' % text if kind == "phrase" else text)
    return out


def replicate(jsonl, copies, out_path):
    """Reuters replicated `copies` times: ids "k-id", dates shifted k years."""
    with open(out_path, "w", encoding="utf-8") as out:
        for k in range(copies):
            for line in open(jsonl, encoding="utf-8"):
                r = json.loads(line)
                r["id"] = "%d-%s" % (k, r["id"])
                d = r.get("date")
                if d and len(d) >= 4:
                    year = int(d[:4]) + k
                    r["date"] = "%04d%s" % (year, d[4:])
                    if d[5:10] == "02-29":
                        r["date"] = "%04d-02-28%s" % (year, d[10:])
                out.write(json.dumps(r, ensure_ascii=False) + "\n")


def batch_times(searcher, db, requests, reps):
    """In-process seconds per request, from one --batch process (after a warm-up pass)."""
    lines = [json.dumps(r) for r in requests]
    payload = "\n".join(lines * (reps + 1)) + "\n"
    out = subprocess.run([searcher, "--db", db, "--batch", "--timing"], input=payload,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    times = [json.loads(l)["timing"]["seconds"] for l in out]
    return times[len(lines):]


def process_times(searcher, db, requests, reps, quest_db=None):
    """Whole-process seconds per request; with quest_db, each gazette process is
    followed by Omega's quest on the same words (as ../shared/bench runs it:
    "-o and -m 10", phrases quoted), so that both see the same machine load.
    Returns (gazette times, quest times)."""
    times, quest = [], []

    def timed(cmd):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t

    for _ in range(reps):
        for r in requests:
            cmd = [searcher, "--db", db, "--format", "json", "--compact", "--snippet-size", "0",
                   "--match", r.get("match", "ranked"),
                   "--facets", ",".join(r["facets"])]
            for f in r.get("filters", []):
                cmd += ["--filter", f]
            cmd += ["--", r["query"]]
            times.append(timed(cmd))
            if quest_db:  # phrases are quoted already (load_queries)
                quest.append(timed(["quest", "-d", quest_db, "-o", "and", "-m", "10", r["query"]]))
    return times, quest


def peer_rows(results_dir):
    """(peer, mode) -> (median ms, p95 ms, samples) from run_peers.sh's result files."""
    rows = {}
    for name in ("lucene", "sphinx", "fts5", "xapian", "omega"):
        path = os.path.join(results_dir, name + ".json")
        if not os.path.exists(path):
            continue
        for mode, st in json.load(open(path)).get("stats", {}).items():
            a = st.get("all") if isinstance(st, dict) else None
            if a:
                label = "quest (process)" if (name, mode) == ("omega", "plain") else mode
                rows[(name, label)] = (a["median_ms"], a["p95_ms"], a["n"])
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(here, "..", "build"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--work", default="/tmp/gazette-qbench")
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--peers", default="lucene sphinx fts5 xapian omega")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--keep-index", action="store_true", help="reuse an existing gazette index")
    ap.add_argument("--match", default="ranked",
                    help="gazette's --match for every request: ranked (default: OR ranking with "
                         "exact AND totals), all (AND, as the peers rank), any")
    a = ap.parse_args()
    indexer = os.path.join(a.build_dir, "indexer", "gazette-index")
    searcher = os.path.join(a.build_dir, "searcher", "gazette-search")
    reuters = os.path.join(a.shared, "corpora", "reuters21578")
    jsonl = os.path.join(reuters, "reuters21578.jsonl")
    if not os.path.exists(jsonl):
        print("no %s: nothing to measure" % jsonl, file=sys.stderr)
        return 1
    os.makedirs(a.work, exist_ok=True)
    name = "reuters21578"
    inputs = sorted(os.path.join(reuters, f) for f in os.listdir(reuters) if f.endswith(".sgm"))
    if a.scale > 1:
        name = "reuters-x%d" % a.scale
        corpus = os.path.join(a.work, name + ".jsonl")
        if not os.path.exists(corpus):
            print("writing %s" % corpus, file=sys.stderr)
            replicate(jsonl, a.scale, corpus)
        jsonl = corpus
        inputs = [corpus]
    db = os.path.join(a.work, "gazette-" + name)
    if not (a.keep_index and os.path.isdir(db)):
        shutil.rmtree(db, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([indexer, "--db", db, "--jobs", str(a.jobs), "-q"] + inputs, check=True)
        print("gazette index built in %.1f s" % (time.perf_counter() - t), file=sys.stderr)
    docs = json.loads(subprocess.run([searcher, "--db", db, "--stats", "--format", "json",
                                      "--facet-size", "1"], capture_output=True, text=True,
                                     check=True).stdout)["documents"]

    queries = load_queries(os.path.join(a.shared, "bench", "queries.txt"))
    base = {"limit": 10, "snippet_size": 0, "sort": "relevance", "match": a.match}
    modes = {
        "plain": [dict(base, query=q, facets=[]) for q in queries],
        "facets": [dict(base, query=q, facets=FACETS) for q in queries],
        "drill": [dict(base, query=q, facets=FACETS, filters=["place=usa"]) for q in queries],
    }
    rows = []  # (engine, mode, median ms, p95 ms, samples)
    sizes = {}

    def add(engine, mode, times):
        rows.append((engine, mode, statistics.median(times), pct(times, 95), len(times)))

    per_query = {}  # facets mode: query -> its samples (ms)
    for mode, reqs in modes.items():
        times = [t * 1000 for t in batch_times(searcher, db, reqs, a.reps)]
        add("gazette", mode, times)
        if mode == "facets":
            for i, t in enumerate(times):
                per_query.setdefault(queries[i % len(queries)], []).append(t)
    # match-set sizes, to relate latency to the work done
    out = subprocess.run([searcher, "--db", db, "--batch"], capture_output=True, text=True,
                         input="\n".join(json.dumps(dict(r, limit=0)) for r in modes["facets"]),
                         check=True).stdout.splitlines()
    for q, line in zip(queries, out):
        sizes[q] = json.loads(line)["total"]

    peer_note = ""
    if not a.no_peers:
        run_peers = os.path.join(a.shared, "bench", "run_peers.sh")
        env = dict(os.environ, BENCH_OUT=os.path.join(a.work, "peers"), PEERS=a.peers,
                   RUNS="1", REPS=str(a.reps))
        print("running peers: %s" % a.peers, file=sys.stderr)
        r = subprocess.run(["bash", run_peers, "%s=%s" % (name, jsonl)], env=env,
                           stdout=subprocess.PIPE, text=True)
        if r.returncode != 0:
            peer_note = "(run_peers.sh exited %d; peers with results are shown)" % r.returncode
        for (peer, mode), (med, p95, n) in sorted(peer_rows(os.path.join(
                a.work, "peers", "results", name)).items()):
            rows.append((peer, mode, med, p95, n))

    print("## Query latency, %s (%d articles), %d queries x %d reps\n" % (
        name, docs, len(queries), a.reps))
    # Whole processes last, after the peers: interleaved with quest when the
    # peers' Omega index exists (machine load here changes from minute to minute).
    quest_db = os.path.join(a.work, "peers", "work", name, "omega", "db")
    if a.no_peers or not shutil.which("quest") or not os.path.isdir(quest_db):
        quest_db = None
    g_times, q_times = process_times(searcher, db, modes["facets"], max(1, a.reps // 5), quest_db)
    add("gazette", "facets (process)", [t * 1000 for t in g_times])
    if q_times:
        add("omega", "quest (process, interleaved)", [t * 1000 for t in q_times])

    print("| engine | mode | median ms | p95 ms | samples |")
    print("|---|---|---:|---:|---:|")
    for engine, mode, med, p95, n in rows:
        print("| %s | %s | %.3f | %.3f | %d |" % (engine, mode, med, p95, n))
    if peer_note:
        print("\n" + peer_note)
    ref = {(e, m): med for e, m, med, p95, n in rows}
    g = ref.get(("gazette", "facets"))
    for peer in ("lucene", "sphinx", "fts5", "xapian"):
        if (peer, "facets") in ref and g:
            print("\ngazette facets median / %s facets median = %.2f" % (peer, g / ref[(peer, "facets")]))
    q = ref.get(("omega", "quest (process, interleaved)")) or ref.get(("omega", "quest (process)"))
    if q and ("gazette", "facets (process)") in ref:
        print("\ngazette whole-process faceted median / quest plain median = %.2f%s"
              % (ref[("gazette", "facets (process)")] / q,
                 " (interleaved runs)" if ("omega", "quest (process, interleaved)") in ref else ""))
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    print("\nlargest match sets: " + ", ".join("%s (%d)" % kv for kv in biggest))
    # Latency against the size of the match set (facets mode): the queries in
    # size buckets of the whole index.
    print("\n| match set (facets mode) | queries | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for lo, hi in ((0, 0.001), (0.001, 0.01), (0.01, 0.05), (0.05, 1.01)):
        qs = [q for q in queries if lo * docs <= sizes.get(q, 0) < hi * docs]
        ts = [t for q in qs for t in per_query.get(q, [])]
        if ts:
            print("| %.1f%%-%.1f%% of the index (%d-%d articles) | %d | %.3f | %.3f |" % (
                lo * 100, min(hi, 1.0) * 100, int(lo * docs), int(min(hi, 1.0) * docs), len(qs),
                statistics.median(ts), pct(ts, 95)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
