#!/usr/bin/python3
"""How gazette-index's cost grows with the archive: 100k -> 300k -> 1M articles.

Corpus: Reuters-21578 replicated --copies times (47: 1,014,166 articles) with
shifted ids and dates (bench/query_bench.py's replicate(), so that
`bench/query_bench.py --scale 47 --keep-index` then queries the same index).
Entity facets come from the metadata (--entities metadata).

Steps, each one whole gazette-index process timed by GNU time (wall, CPU, peak RSS):
  1. index the first 100,000 articles into a new index (--jobs N)
  2. add the next 200,000 (300,000 in the index)
  3. add the rest (1M in the index)
  4. incremental work on the full index: change 1,000 existing articles
     (a correction sentence appended to each body), add 1,000 new ones, then
     --delete those 1,000 new ids
  5. --compact a copy of the index (the uncompacted one is kept for querying)
Prints articles/s and CPU per article for each step (flat means linear cost),
index size, peak RSS, and the shards (segments) and segment merges after each.
Steps 1 and 2 take 20-50 s, where this kind of machine's noise moves a single
run by 10%: each runs --reps times (default 3) from the same starting index,
and the table gives the run with the median wall time (and all walls). The
machine's speed also drifts over the minutes step 3 takes, so step 1 runs
--reps times more after step 3 (into a new index again, removed afterwards):
the first step's figures are the median of the runs before and after, which
bracket the last step in time.

usage: bench/scale_bench.py [--copies 47] [--jobs N] [--work /tmp/gazette-qbench]
         [--build-dir build] [--shared ../shared] [--no-compact] [--index-args="..."]
         [--reps 3]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from query_bench import replicate  # noqa: E402
from index_bench import du, run_timed  # noqa: E402


def write_lines(src, start, stop, out_path, edit=None):
    with open(src, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= stop:
                break
            if i >= start:
                out.write(edit(line) if edit else line)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(here, "..", "build"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--work", default="/tmp/gazette-qbench")
    ap.add_argument("--copies", type=int, default=47)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-compact", action="store_true")
    ap.add_argument("--reps", type=int, default=3, help="runs of steps 1 and 2 (median)")
    ap.add_argument("--index-args", default="",
                    help='more gazette-index options for every step, e.g. --index-args="--merge-factor 0" '
                         '(with "=": a lone --no-sync would be taken for an option of this script)')
    a = ap.parse_args()
    indexer = os.path.join(a.build_dir, "indexer", "gazette-index")
    jsonl = os.path.join(a.shared, "corpora", "reuters21578", "reuters21578.jsonl")
    if not os.path.exists(jsonl):
        print("no %s: nothing to measure" % jsonl, file=sys.stderr)
        return 1
    os.makedirs(a.work, exist_ok=True)
    name = "reuters-x%d" % a.copies
    corpus = os.path.join(a.work, name + ".jsonl")
    if not os.path.exists(corpus):
        print("writing %s" % corpus, file=sys.stderr)
        replicate(jsonl, a.copies, corpus)
    total = sum(1 for _ in open(corpus, encoding="utf-8"))
    bounds = [b for b in (0, 100000, 300000) if b < total] + [total]
    db = os.path.join(a.work, "gazette-" + name)
    shutil.rmtree(db, ignore_errors=True)
    seg = os.path.join(a.work, "scale-segment.jsonl")

    def index(path, label, extra=(), target=None):
        cmd = [indexer, "--db", target or db, "--jobs", str(a.jobs), "-q", "--no-progress",
               "--entities", "metadata", "--summary-json"] + a.index_args.split() + list(extra) + [path]
        wall, cpu, peak, out = run_timed(cmd, capture=True)
        summary = json.loads(out)
        r = {"label": label, "wall": wall, "cpu": cpu, "peak": peak, "indexed": summary["indexed"],
             "added": summary["added"], "replaced": summary["replaced"],
             "memory_commits": summary.get("memory_commits", 0), "size": du(target or db),
             "shards": summary.get("shards", 0), "merges": summary.get("merges", 0),
             "merge_s": summary.get("merge_seconds", 0.0)}
        print("  %s: %.1f s, %d articles, %.0f MiB peak, index %.0f MiB" %
              (label, r["wall"], r["indexed"], r["peak"], r["size"] / 1048576.0), file=sys.stderr)
        return r

    steps = []
    start = db + "-step-start"
    for n, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
        write_lines(corpus, lo, hi, seg)
        label = "articles %s-%s" % ("{:,}".format(lo + 1), "{:,}".format(hi))
        last = n == len(bounds) - 2
        reps = 1 if last else max(1, a.reps)
        if reps > 1:  # every run starts from the index as the previous step left it
            shutil.rmtree(start, ignore_errors=True)
            if os.path.exists(db):
                shutil.copytree(db, start)
        runs = []
        for r in range(reps):
            if r > 0:
                shutil.rmtree(db, ignore_errors=True)
                if os.path.exists(start):
                    shutil.copytree(start, db)
            runs.append(index(seg, label))
        shutil.rmtree(start, ignore_errors=True)
        # The runs index the same articles into the same index; the next step
        # goes on from the last one's.
        median = sorted(runs, key=lambda r: r["wall"])[reps // 2]
        median["walls"] = [r["wall"] for r in runs]
        median["runs"] = runs
        median["in_index"] = hi
        steps.append(median)

    if a.reps > 1 and len(steps) > 1:
        # Step 1 again, after the last step: its runs before and after bracket it.
        again = db + "-first-step-again"
        write_lines(corpus, bounds[0], bounds[1], seg)
        runs = []
        for _ in range(a.reps):
            shutil.rmtree(again, ignore_errors=True)
            runs.append(index(seg, steps[0]["label"] + " (again)", target=again))
        shutil.rmtree(again, ignore_errors=True)
        # The median run of all (the upper one of an even count).
        pool = sorted(steps[0]["runs"] + runs, key=lambda r: r["wall"])
        first = dict(pool[len(pool) // 2])
        for key in ("label", "size", "shards", "merges", "merge_s", "in_index", "walls"):
            first[key] = steps[0][key]
        first["walls_after"] = [r["wall"] for r in runs]
        steps[0] = first

    def correct(line):
        r = json.loads(line)
        r["body"] = r.get("body", "") + "\nThis story was corrected to fix a figure."
        return json.dumps(r, ensure_ascii=False) + "\n"

    def renew(line):
        r = json.loads(line)
        r["id"] = "new-" + r["id"]
        return json.dumps(r, ensure_ascii=False) + "\n"

    incremental = []
    mid = total // 2
    write_lines(corpus, mid, mid + 1000, seg, correct)
    incremental.append(index(seg, "change 1,000 articles"))
    write_lines(corpus, mid, mid + 1000, seg, renew)
    incremental.append(index(seg, "add 1,000 new articles"))
    ids = [json.loads(l)["id"] for l in open(seg, encoding="utf-8")]
    t = time.perf_counter()
    p = subprocess.run([indexer, "--db", db, "--delete", "-", "--summary-json"], input="\n".join(ids),
                       capture_output=True, text=True, check=True)
    deleted = json.loads(p.stdout)["deleted"]
    incremental.append({"label": "delete those 1,000 (--delete -)", "wall": time.perf_counter() - t,
                        "indexed": deleted})
    os.remove(seg)

    compact = None
    if not a.no_compact:
        copy = db + "-compact-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(db, copy)
        before = du(copy)
        wall, cpu, peak, _ = run_timed([indexer, "--db", copy, "--compact"])
        compact = {"wall": wall, "cpu": cpu, "peak": peak, "before": before, "after": du(copy)}
        shutil.rmtree(copy, ignore_errors=True)

    print("\n### gazette-index at scale: Reuters-21578 x %d (%s articles), --jobs %d, --entities metadata%s\n"
          % (a.copies, "{:,}".format(total), a.jobs, " " + a.index_args if a.index_args else ""))
    print("| step | articles | wall s (runs) | CPU s | articles/s | CPU ms/article | peak RSS MiB | index MiB after "
          "| shards after | merges (thread-seconds) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in steps:
        walls = "" if len(r["walls"]) < 2 else " (%s)" % " / ".join("%.1f" % w for w in r["walls"])
        if r.get("walls_after"):
            walls = " (%s; after the last step: %s)" % (" / ".join("%.1f" % w for w in r["walls"]),
                                                       " / ".join("%.1f" % w for w in r["walls_after"]))
        print("| %s | %s | %.1f%s | %.1f | %s | %.3f | %.0f | %.0f | %d | %d (%.1f) |" % (
            r["label"], "{:,}".format(r["indexed"]), r["wall"], walls, r["cpu"],
            "{:,}".format(int(r["indexed"] / r["wall"])), 1000.0 * r["cpu"] / r["indexed"], r["peak"],
            r["size"] / 1048576.0, r["shards"], r["merges"], r["merge_s"]))
    all_wall = sum(r["wall"] for r in steps)
    all_cpu = sum(r["cpu"] for r in steps)
    print("| **all** | %s | %.1f | %.1f | %s | %.3f | %.0f | %.0f | %d | %d (%.1f) |" % (
        "{:,}".format(total), all_wall, all_cpu, "{:,}".format(int(total / all_wall)),
        1000.0 * all_cpu / total, max(r["peak"] for r in steps), steps[-1]["size"] / 1048576.0,
        steps[-1]["shards"], sum(r["merges"] for r in steps), sum(r["merge_s"] for r in steps)))
    rates = [r["indexed"] / r["wall"] for r in steps]
    print("\nthroughput of the last step / the first: %.2f (1.00 = linear cost)" % (rates[-1] / rates[0]))
    print("\nIncremental work on the %s-article index:\n" % "{:,}".format(total))
    print("| operation | articles | wall s |")
    print("|---|---:|---:|")
    for r in incremental:
        print("| %s | %s | %.2f |" % (r["label"], "{:,}".format(r["indexed"]), r["wall"]))
    if compact:
        print("\ngazette --compact of the full index: %.1f s, %.0f MiB -> %.0f MiB (%.0f%%), peak RSS %.0f MiB"
              % (compact["wall"], compact["before"] / 1048576.0, compact["after"] / 1048576.0,
                 100.0 * compact["after"] / compact["before"], compact["peak"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
