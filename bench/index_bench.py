#!/usr/bin/python3
"""Indexing throughput of gazette-index against a Xapian floor and the peers, in one run.

Corpora: Reuters-21578 (the 22 SGML files for gazette and the floor, the shared
JSONL for the peers) and AllSides (JSONL, 15,062 long modern articles), both
from ../shared/corpora.

Builds, each as one whole process timed by GNU time (/usr/bin/time; Python's
os.wait4 when it is missing) -- wall, CPU (user + system), peak RSS -- median of
--runs timed runs after one untimed warm-up:
  gazette --jobs 1 / --jobs N   gazette-index, entity facets from the metadata
                                (--entities metadata)
  gazette --jobs N --no-sync    the same, commits not waiting for the disk
  gazette --compact             the --jobs N index merged by gazette-index --compact
                                (time of the compaction alone; size after)
  xapian floor (C++)            bench/xapian_floor.cc: one thread, the plainest
                                TermGenerator + replace_document loop over the
                                same articles, read with gazette's readers
and, in the same invocation, the peers of ../shared/bench/run_peers.sh (Omega
omindex and scriptindex, python3-xapian, SQLite FTS5, Sphinx indexer, Lucene 8,
and the lower bounds), skipped with a note when not installed. Prints one
markdown table per corpus with the ratios the issue asks for.

--instructions adds callgrind instruction counts of gazette --jobs 1 and the
floor over reut2-000.sgm (stable where wall and CPU time are not); with
--runs 0 only those are measured.

usage: bench/index_bench.py [--runs 3] [--instructions] [--jobs N] [--corpora reuters,allsides]
         [--peers "omega scriptindex xapian fts5 sphinx lucene lower"] [--no-peers]
         [--build-dir build] [--shared ../shared] [--work /tmp/gazette-ibench]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

GNU_TIME = "/usr/bin/time"


def run_timed(cmd, capture=False):
    """(wall s, cpu s, peak MiB, stdout text or None) of one whole-process run of cmd."""
    stdout = subprocess.PIPE if capture else subprocess.DEVNULL
    if os.path.exists(GNU_TIME):
        t = time.perf_counter()
        r = subprocess.run([GNU_TIME, "-f", "@@ %e %U %S %M"] + cmd, stdout=stdout,
                           stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t
        if r.returncode != 0:
            sys.stderr.write(r.stderr[-2000:])
            raise SystemExit("failed: %s" % " ".join(cmd))
        m = re.search(r"^@@ (\S+) (\S+) (\S+) (\d+)$", r.stderr, re.M)
        return wall, float(m.group(2)) + float(m.group(3)), int(m.group(4)) / 1024.0, r.stdout
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, text=True)
    out = p.stdout.read() if capture else None
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        raise SystemExit("failed: %s" % " ".join(cmd))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, out


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def measure(label, make_cmd, runs, out_dir, warmup=1):
    """Median (wall, cpu, peak) of `runs` timed runs after `warmup` untimed ones; keeps the index size."""
    samples = []
    for i in range(runs + warmup):
        shutil.rmtree(out_dir, ignore_errors=True)
        s = run_timed(make_cmd())
        if i >= warmup:
            samples.append(s)
        print("  %-28s run %d: %.2f s wall, %.2f s CPU, %.0f MiB%s" %
              (label, i, s[0], s[1], s[2], " (warm-up)" if i < warmup else ""), file=sys.stderr)
    med = lambda k: statistics.median(x[k] for x in samples)
    return {"wall": med(0), "cpu": med(1), "peak": med(2), "size": du(out_dir),
            "walls": [round(x[0], 2) for x in samples]}


def peer_build_rows(results_dir):
    """key -> {wall, cpu, peak, size} from run_peers.sh's build-KEY.txt / size-KEY.txt."""
    rows = {}
    if not os.path.isdir(results_dir):
        return rows
    for f in os.listdir(results_dir):
        m = re.match(r"build-(.+)\.txt$", f)
        if not m:
            continue
        key, vals = m.group(1), {}
        for line in open(os.path.join(results_dir, f)):
            t = re.match(r"A (wall s|cpu s|peak MiB)\s+(\S+)\s+(\S+)\s+(\S+)", line)
            if t:
                vals[t.group(1)] = float(t.group(3))
        if "wall s" not in vals:
            continue
        size_file = os.path.join(results_dir, "size-%s.txt" % key)
        size = int(open(size_file).read().split()[0]) if os.path.exists(size_file) else None
        rows[key] = {"wall": vals["wall s"], "cpu": vals.get("cpu s"), "peak": vals.get("peak MiB"),
                     "size": size}
    return rows


PEER_LABELS = {
    "omega": "Omega omindex (HTML per article)",
    "scriptindex": "Omega scriptindex (C++)",
    "xapian": "python3-xapian",
    "fts5": "SQLite FTS5",
    "sphinx": "Sphinx 2.2 indexer",
    "lucene": "Lucene 8 (JVM incl.)",
    "lower-cat": "lower bound: cat JSONL",
    "lower-cat-sgml": "lower bound: cat SGML",
    "lower-tok-c": "lower bound: C tokenizer",
    "lower-tok-py": "lower bound: Python tokenizer",
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(here, "..", "build"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--work", default="/tmp/gazette-ibench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big-runs", type=int, default=1,
                    help="timed runs for AllSides (no warm-up: its builds take minutes)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--corpora", default="reuters,allsides")
    ap.add_argument("--peers", default="lower omega scriptindex xapian fts5 sphinx lucene")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions (valgrind callgrind, stable on a noisy machine) "
                         "of gazette --jobs 1 and the floor over the first Reuters SGML file")
    a = ap.parse_args()
    indexer = os.path.join(a.build_dir, "indexer", "gazette-index")
    floor = os.path.join(a.build_dir, "bench", "gazette-xapian-floor")
    for exe in (indexer, floor):
        if not os.access(exe, os.X_OK):
            raise SystemExit("missing %s: build first (cmake --build %s)" % (exe, a.build_dir))
    corpora_dir = os.path.join(a.shared, "corpora")
    os.makedirs(a.work, exist_ok=True)
    if not os.path.exists(GNU_TIME):
        print("note: %s missing (Debian package 'time'); timing with os.wait4" % GNU_TIME,
              file=sys.stderr)

    plan = []  # (name, gazette inputs, peer jsonl, docs)
    reuters = os.path.join(corpora_dir, "reuters21578")
    if "reuters" in a.corpora and os.path.isdir(reuters):
        sgml = sorted(os.path.join(reuters, f) for f in os.listdir(reuters) if f.endswith(".sgm"))
        plan.append(("reuters21578", sgml, os.path.join(reuters, "reuters21578.jsonl"), a.runs, 1))
    allsides = os.path.join(corpora_dir, "allsides", "allsides.jsonl")
    if "allsides" in a.corpora and os.path.exists(allsides):
        plan.append(("allsides", [allsides], allsides, a.big_runs, 0))
    if not plan:
        print("no corpora under %s: nothing to measure" % corpora_dir, file=sys.stderr)
        return 1

    if a.instructions and plan and plan[0][0] == "reuters21578" and a.runs >= 0:
        first = plan[0][1][:1]
        counts = {}
        for label, cmd in (("gazette --jobs 1", [indexer, "--db", os.path.join(a.work, "cg-gazette"),
                                                 "--jobs", "1", "-q", "--no-progress",
                                                 "--entities", "metadata"] + first),
                           ("xapian floor", [floor, os.path.join(a.work, "cg-floor")] + first)):
            for d in ("cg-gazette", "cg-floor"):
                shutil.rmtree(os.path.join(a.work, d), ignore_errors=True)
            r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            m = re.search(r"Collected : (\d+)", r.stderr)
            counts[label] = int(m.group(1)) if m else None
            print("  callgrind %s over %s: %s instructions" % (label, os.path.basename(first[0]),
                  "{:,}".format(counts[label]) if counts[label] else "?"), file=sys.stderr)
        if all(counts.values()):
            print("instructions (callgrind, %s): gazette --jobs 1 %s, floor %s: %.2fx" % (
                os.path.basename(first[0]), "{:,}".format(counts["gazette --jobs 1"]),
                "{:,}".format(counts["xapian floor"]),
                counts["gazette --jobs 1"] / counts["xapian floor"]))
    if a.runs == 0:
        return 0

    report = []
    for name, inputs, peer_jsonl, runs, warmup in plan:
        docs = sum(1 for _ in open(peer_jsonl, encoding="utf-8"))
        print("#### %s (%d articles)" % (name, docs), file=sys.stderr)
        w = os.path.join(a.work, name)
        os.makedirs(w, exist_ok=True)
        rows = {}
        db1, dbn, dbf = (os.path.join(w, x) for x in ("gazette-j1", "gazette-jn", "floor"))
        gz = lambda db, jobs: (lambda: [indexer, "--db", db, "--jobs", str(jobs), "-q",
                                        "--no-progress", "--entities", "metadata"] + inputs)
        rows["gazette-j1"] = measure("gazette --jobs 1", gz(db1, 1), runs, db1, warmup)
        rows["gazette-jn"] = measure("gazette --jobs %d" % a.jobs, gz(dbn, a.jobs), runs, dbn, warmup)
        dbs = os.path.join(w, "gazette-nosync")
        rows["gazette-nosync"] = measure("gazette --jobs %d --no-sync" % a.jobs,
                                         lambda: gz(dbs, a.jobs)() + ["--no-sync"], runs, dbs, warmup)
        shutil.rmtree(dbs, ignore_errors=True)
        rows["floor"] = measure("xapian floor (C++)", lambda: [floor, dbf] + inputs, runs, dbf, warmup)
        shutil.rmtree(db1, ignore_errors=True)
        shutil.rmtree(dbf, ignore_errors=True)
        # Compaction of the --jobs N index (the last timed build).
        before = du(dbn)
        wall, cpu, peak, _ = run_timed([indexer, "--db", dbn, "--compact"])
        rows["compact"] = {"wall": wall, "cpu": cpu, "peak": peak, "size": du(dbn),
                           "before": before}
        print("  gazette --compact: %.2f s, %.1f -> %.1f MiB" %
              (wall, before / 1048576.0, rows["compact"]["size"] / 1048576.0), file=sys.stderr)
        shutil.rmtree(dbn, ignore_errors=True)

        peers, peer_note = {}, ""
        if not a.no_peers:
            run_peers = os.path.join(a.shared, "bench", "run_peers.sh")
            if os.path.exists(run_peers):
                out = os.path.join(a.work, "peers")
                env = dict(os.environ, BENCH_OUT=out, PEERS=a.peers, RUNS=str(runs), REPS="1")
                print("  peers: %s (run_peers.sh, RUNS=%d)" % (a.peers, runs), file=sys.stderr)
                r = subprocess.run(["bash", run_peers, "%s=%s" % (name, peer_jsonl)], env=env,
                                   stdout=subprocess.DEVNULL)
                if r.returncode != 0:
                    peer_note = "(run_peers.sh exited %d; peers with results are shown)" % r.returncode
                peers = peer_build_rows(os.path.join(out, "results", name))
            else:
                peer_note = "(no %s: peers skipped)" % run_peers
        report.append((name, docs, rows, peers, peer_note, runs))

    for name, docs, rows, peers, peer_note, runs in report:
        ref = rows["gazette-jn"]
        print("\n### %s: %d articles, index build (whole process, median of %d run%s)\n" %
              (name, docs, runs, "" if runs == 1 else "s"))
        print("| engine | wall s | CPU s | articles/s | peak RSS MiB | index MiB | wall vs gazette --jobs %d |" % a.jobs)
        print("|---|---:|---:|---:|---:|---:|---:|")

        def line(label, r):
            print("| %s | %.2f | %.2f | %s | %.0f | %s | %.2fx |" % (
                label, r["wall"], r["cpu"] if r["cpu"] is not None else float("nan"),
                "{:,}".format(int(docs / r["wall"])) if r["wall"] > 0 else "-",
                r["peak"] if r["peak"] is not None else float("nan"),
                "%.1f" % (r["size"] / 1048576.0) if r.get("size") else "-",
                r["wall"] / ref["wall"]))
        line("**gazette --jobs %d**" % a.jobs, ref)
        line("gazette --jobs %d --no-sync" % a.jobs, rows["gazette-nosync"])
        line("gazette --jobs 1", rows["gazette-j1"])
        line("xapian floor, C++ loop (1 thread)", rows["floor"])
        for key in ("omega", "scriptindex", "xapian", "fts5", "sphinx", "lucene", "lower-cat",
                    "lower-cat-sgml", "lower-tok-c", "lower-tok-py"):
            if key in peers:
                line(PEER_LABELS[key], peers[key])
        if peer_note:
            print("\n%s" % peer_note)
        c = rows["compact"]
        print("\ngazette --compact: %.2f s; index %.1f MiB -> %.1f MiB (%.0f%% of the uncompacted size)"
              % (c["wall"], c["before"] / 1048576.0, c["size"] / 1048576.0,
                 100.0 * c["size"] / c["before"]))
        j1, floor_r = rows["gazette-j1"], rows["floor"]
        print("--jobs %d speed-up over --jobs 1: %.2fx; gazette --jobs 1 CPU per article vs the floor: %.2fx"
              % (a.jobs, j1["wall"] / ref["wall"], j1["cpu"] / floor_r["cpu"]))
        for key, label in (("omega", "omindex"), ("scriptindex", "scriptindex"), ("lucene", "Lucene 8"),
                           ("fts5", "SQLite FTS5"), ("sphinx", "Sphinx")):
            if key in peers:
                print("%s / gazette --jobs %d wall: %.2fx" % (label, a.jobs, peers[key]["wall"] / ref["wall"]))
        print("raw walls: %s" % json.dumps({k: v.get("walls") for k, v in rows.items() if "walls" in v}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
