#!/usr/bin/python3
"""Ranking benchmark (issue 7): gazette against python3-xapian, SQLite FTS5,
Lucene 8 and Sphinx on Reuters-21578, with the TOPICS labels as judgments.

queries.tsv holds one query per topic with >= 20 articles and its half (tune or
test); an article is relevant to a query iff it carries the topic. Every run
returns its top 100 per query; metrics.py scores them. Indexes are built once
under --work and reused (rebuilt when their recipe, the corpus or, for
gazette, the gazette-index binary changes).

usage: run.py [--build-dir DIR] [--work DIR] [--gazette-extra JSON]...
              [--peers LIST] [--seed N] [--permutations N]
"""
import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import metrics  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
K = 100                      # depth of every run
ALL_PEERS = ("xapian", "fts5", "lucene", "sphinx")
LUCENE_JARS = ("core", "analyzers-common", "queryparser", "queries", "sandbox")


def log(msg):
    print("ranking: " + msg, file=sys.stderr, flush=True)


def default_corpus():
    return os.path.normpath(os.path.join(REPO, "..", "shared", "corpora", "reuters21578"))


# ------------------------------------------------------------------ inputs
def load_queries(path):
    """[(topic, query, half)] from queries.tsv"""
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        topic, query, half = line.rstrip("\n").split("\t")
        assert half in ("tune", "test"), line
        out.append((topic, query, half))
    return out


def load_corpus(jsonl):
    """[(id, title, body)] and {topic: set of ids} from the corpus JSONL"""
    docs, qrels = [], {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            i = str(r["id"])
            docs.append((i, r.get("title") or "", r.get("body") or ""))
            for t in set(r.get("topics") or []):
                qrels.setdefault(t, set()).add(i)
    return docs, qrels


def file_key(*paths):
    h = hashlib.sha1()
    for p in paths:
        st = os.stat(p)
        h.update(("%s %d %d;" % (os.path.abspath(p), st.st_size, int(st.st_mtime))).encode())
    return h.hexdigest()


class Cached:
    """An index directory with a stamp: reuse it if the stamp matches `key`."""

    def __init__(self, path, key):
        self.path, self.key = path, key
        self.stamp = path.rstrip("/") + ".stamp"

    def fresh(self):
        try:
            return open(self.stamp).read() == self.key and os.path.exists(self.path)
        except OSError:
            return False

    def reset(self):
        if os.path.isdir(self.path):
            shutil.rmtree(self.path)
        elif os.path.exists(self.path):
            os.remove(self.path)
        if os.path.exists(self.stamp):
            os.remove(self.stamp)

    def done(self):
        with open(self.stamp, "w") as f:
            f.write(self.key)


def timed(name, fn, *args, **kwargs):
    t0 = time.time()
    r = fn(*args, **kwargs)
    log("%s in %.1f s" % (name, time.time() - t0))
    return r


# ------------------------------------------------------------------ gazette
def gazette_binaries(build_dir):
    idx = os.path.join(build_dir, "indexer", "gazette-index")
    srch = os.path.join(build_dir, "searcher", "gazette-search")
    if not (os.access(idx, os.X_OK) and os.access(srch, os.X_OK)):
        sys.exit("ranking: no gazette build in %s (need indexer/gazette-index and "
                 "searcher/gazette-search). Build first, from the repository root:\n"
                 "    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2\n"
                 "or pass --build-dir DIR." % build_dir)
    return idx, srch


def gazette_index(work, corpus_dir, idx_bin, srch_bin):
    sgm = sorted(glob.glob(os.path.join(corpus_dir, "*.sgm")))
    if len(sgm) != 22:
        sys.exit("ranking: expected the 22 Reuters-21578 SGML files in %s, found %d" % (corpus_dir, len(sgm)))
    db = os.path.join(work, "gazette")
    c = Cached(db, "gazette-v1 " + file_key(idx_bin, *sgm))
    if c.fresh():
        # an index of an older schema is refused by the searcher: rebuild then
        ok = subprocess.run([srch_bin, "--db", db, "--stats", "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        if ok:
            return db
        log("gazette index not readable by this gazette-search: rebuilding")
    c.reset()

    def build():
        subprocess.run([idx_bin, "--db", db, "--jobs", "2", "--quiet"] + sgm, check=True,
                       stdout=subprocess.DEVNULL)
    timed("gazette index built", build)
    c.done()
    return db


def run_gazette(srch_bin, db, queries, extra):
    lines = []
    for topic, q, _ in queries:
        req = {"query": q, "limit": K, "snippet_size": 0, "facets": []}
        req.update(extra)
        req["tag"] = topic
        lines.append(json.dumps(req))
    p = subprocess.run([srch_bin, "--db", db, "--batch"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("ranking: gazette-search --batch failed (exit %d): %s" % (p.returncode, p.stderr.strip()))
    out = {}
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if "error" in r:
            sys.exit("ranking: gazette-search rejected the request for %r (extra %s): %s"
                     % (r.get("tag"), json.dumps(extra), r["error"]))
        out[r["tag"]] = [h["id"] for h in r["hits"]]
    missing = [t for t, _, _ in queries if t not in out]
    if missing:
        sys.exit("ranking: gazette-search answered no result for %s" % missing)
    return out


# ------------------------------------------------------------------ python3-xapian
def xapian_indexes(work, docs, corpus_key, title_weights):
    """As ../shared/bench/peer_xapian.py indexes: TermGenerator, English stemmer,
    STEM_SOME, title then (after increase_termpos) body, positions; the title's
    wdf increment is the title weight (1 = the peer exactly)."""
    import xapian
    out = {}
    for tw in title_weights:
        path = os.path.join(work, "xapian-title%d" % tw)
        c = Cached(path, "xapian-v1 %s" % corpus_key)
        if not c.fresh():
            c.reset()

            def build():
                db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
                tg = xapian.TermGenerator()
                tg.set_stemmer(xapian.Stem("english"))
                tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
                for i, title, body in docs:
                    doc = xapian.Document()
                    tg.set_document(doc)
                    tg.index_text(title, tw)
                    tg.increase_termpos()
                    tg.index_text(body)
                    doc.set_data(i)
                    db.replace_document(int(i), doc)
                db.commit()
                db.close()
            timed("xapian index (title x%d) built" % tw, build)
            c.done()
        out[tw] = path
    return out


def run_xapian(path, queries, op):
    import xapian
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND if op == "and" else xapian.Query.OP_OR)
    flags = (xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN
             | xapian.QueryParser.FLAG_LOVEHATE)
    enq = xapian.Enquire(db)           # default weighting: BM25 (k1 1, k2 0, k3 1, b 0.5)
    out = {}
    for topic, q, _ in queries:
        enq.set_query(qp.parse_query(q, flags))
        out[topic] = [m.document.get_data().decode() for m in enq.get_mset(0, K)]
    return out


# ------------------------------------------------------------------ SQLite FTS5
def fts5_index(work, docs, corpus_key):
    """As ../shared/bench/peer_fts5.py: contentless fts5(title, body),
    tokenize='porter unicode61', rowid = article id, optimize."""
    path = os.path.join(work, "fts5.sqlite")
    c = Cached(path, "fts5-v1 %s" % corpus_key)
    if c.fresh():
        return path
    c.reset()

    def build():
        con = sqlite3.connect(path)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                          "CREATE VIRTUAL TABLE docs USING fts5(title, body, content='',"
                          " tokenize='porter unicode61');")
        con.execute("BEGIN")
        con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?,?,?)",
                        ((int(i), t, b) for i, t, b in docs))
        con.execute("COMMIT")
        con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        con.commit()
        con.close()
    timed("fts5 index built", build)
    c.done()
    return path


def run_fts5(path, queries, op):
    con = sqlite3.connect(path)
    out = {}
    for topic, q, _ in queries:
        words = re.findall(r"\w+", q)
        expr = (" AND " if op == "and" else " OR ").join('"%s"' % w for w in words)
        out[topic] = [str(r[0]) for r in con.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT %d" % K, (expr,))]
    con.close()
    return out


# ------------------------------------------------------------------ Lucene 8
def flat(s):
    return re.sub(r"[\t\r\n]+", " ", s)


def lucene_run(work, docs, corpus_key, queries):
    javac, java = shutil.which("javac"), shutil.which("java")
    jars = []
    for name in LUCENE_JARS:
        found = sorted(glob.glob("/usr/share/java/lucene-%s-8*.jar" % name))
        if found:
            jars.append(found[-1])
    if not (javac and java) or len(jars) != len(LUCENE_JARS):
        log("lucene skipped: needs javac/java (default-jdk-headless) and liblucene8-java")
        return None
    classes = os.path.join(work, "lucene-classes")
    src = os.path.join(HERE, "LuceneRanking.java")
    cls = os.path.join(classes, "LuceneRanking.class")
    cp = ":".join(jars + [classes])
    if not os.path.exists(cls) or os.path.getmtime(src) > os.path.getmtime(cls):
        os.makedirs(classes, exist_ok=True)
        timed("LuceneRanking compiled", subprocess.run,
              [javac, "-nowarn", "-cp", cp, "-d", classes, src], check=True)
    path = os.path.join(work, "lucene")
    c = Cached(path, "lucene-v1 %s %s" % (corpus_key, hashlib.sha1(open(src, "rb").read()).hexdigest()))
    if not c.fresh():
        c.reset()
        tsv = os.path.join(work, "lucene.tsv")
        with open(tsv, "w", encoding="utf-8") as f:
            for i, t, b in docs:
                f.write("%s\t%s\t%s\n" % (i, flat(t), flat(b)))
        timed("lucene index built", subprocess.run,
              [java, "-cp", cp, "LuceneRanking", "index", tsv, path], check=True)
        os.remove(tsv)
        c.done()
    qfile = os.path.join(work, "lucene-queries.tsv")
    with open(qfile, "w", encoding="utf-8") as f:
        for topic, q, _ in queries:
            f.write("%s\t%s\n" % (topic, q))
    p = subprocess.run([java, "-cp", cp, "LuceneRanking", "query", path, qfile, str(K)],
                       capture_output=True, text=True, check=True)
    out = {"and": {}, "or": {}}
    for line in p.stdout.splitlines():
        mode, topic, ids = line.split("\t")
        out[mode][topic] = ids.split()
    return out


# ------------------------------------------------------------------ Sphinx 2.2
SPHINX_CONF = """
source src
{
    type = xmlpipe2
    xmlpipe_command = cat %(work)s/sphinx.xml
    xmlpipe_fixup_utf8 = 1
}
index reuters
{
    source = src
    path = %(work)s/idx/reuters
    docinfo = extern
    dict = keywords
    morphology = stem_en
    min_word_len = 1
    html_strip = 0
}
indexer
{
    mem_limit = 256M
}
searchd
{
    listen = 127.0.0.1:%(port)d:mysql41
    log = %(work)s/searchd.log
    query_log = %(work)s/query.log
    pid_file = %(work)s/searchd.pid
    binlog_path =
    workers = threads
    read_timeout = 5
}
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sphinx_run(work, docs, corpus_key, queries):
    """As ../shared/bench/peer_sphinx.py: xmlpipe2 fields title and body,
    morphology stem_en, min_word_len 1, dict keywords; SphinxQL MATCH with the
    default ranker (proximity_bm25). and: the words (Sphinx ANDs them);
    or: the words joined by |."""
    indexer, searchd = shutil.which("indexer"), shutil.which("searchd")
    try:
        import pymysql
    except ImportError:
        pymysql = None
    if not (indexer and searchd and pymysql):
        log("sphinx skipped: needs sphinxsearch (indexer, searchd) and python3-pymysql")
        return None
    from xml.sax.saxutils import escape
    d = os.path.join(work, "sphinx")
    port = free_port()
    os.makedirs(os.path.join(d, "idx"), exist_ok=True)
    conf = os.path.join(d, "sphinx.conf")
    with open(conf, "w") as f:
        f.write(SPHINX_CONF % {"work": d, "port": port})
    c = Cached(os.path.join(d, "idx"), "sphinx-v1 %s" % corpus_key)
    if not c.fresh():
        c.reset()
        os.makedirs(os.path.join(d, "idx"))
        bad = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
        with open(os.path.join(d, "sphinx.xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<sphinx:docset>\n<sphinx:schema>\n'
                    '<sphinx:field name="title"/>\n<sphinx:field name="body"/>\n'
                    '</sphinx:schema>\n')
            for i, t, b in docs:
                f.write('<sphinx:document id="%s"><title>%s</title><body>%s</body></sphinx:document>\n'
                        % (i, escape(bad.sub(" ", t)), escape(bad.sub(" ", b))))
            f.write("</sphinx:docset>\n")
        timed("sphinx index built", subprocess.run, [indexer, "--config", conf, "--all", "--quiet"],
              check=True, stdout=subprocess.DEVNULL)
        os.remove(os.path.join(d, "sphinx.xml"))
        c.done()
    outf = open(os.path.join(d, "searchd.out"), "w")
    proc = subprocess.Popen([searchd, "--config", conf, "--nodetach"], stdout=outf,
                            stderr=subprocess.STDOUT)
    try:
        con = None
        for _ in range(100):
            try:
                con = pymysql.connect(host="127.0.0.1", port=port, autocommit=True)
                break
            except pymysql.err.OperationalError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        if con is None:
            log("sphinx skipped: searchd did not start (see %s)" % os.path.join(d, "searchd.out"))
            return None
        cur = con.cursor()
        out = {"and": {}, "or": {}}
        for topic, q, _ in queries:
            words = re.findall(r"\w+", q)
            for mode, expr in (("and", " ".join(words)), ("or", " | ".join(words))):
                cur.execute("SELECT id FROM reuters WHERE MATCH(%s) LIMIT %d OPTION max_matches=1000"
                            % (con.escape(expr), K))
                out[mode][topic] = [str(r[0]) for r in cur.fetchall()]
        con.close()
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        outf.close()


# ------------------------------------------------------------------ report
def fmt_p(p):
    return "<0.001" if p < 0.001 else "%.3f" % p


def report(runs, per_query, queries, seed, permutations, header):
    lines = list(header)
    gazette_runs = [r for r in runs if r.startswith("gazette")]
    peers = [r for r in runs if not r.startswith("gazette")]
    summary = {}
    for half in ("tune", "test"):
        qs = [t for t, _, h in queries if h == half]
        means = {r: metrics.means(per_query[r], qs) for r in runs}
        best = {m: max(means[r][m] for r in runs) for m in metrics.METRICS}
        lines += ["", "### %s half (%d topics)" % (half.upper(), len(qs)), "",
                  "| run | P@10 | nDCG@10 | MAP@100 | R@100 | p nDCG@10 vs gazette | p MAP@100 vs gazette |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        g0 = gazette_runs[0]
        for r in runs:
            cells = []
            for m in metrics.METRICS:
                v = "%.3f" % means[r][m]
                cells.append("**%s**" % v if means[r][m] == best[m] else v)
            if r == g0:
                ps = ["–", "–"]
            else:
                ps = [fmt_p(metrics.compare(per_query[g0], per_query[r], m, qs, permutations, seed))
                      for m in ("nDCG@10", "MAP@100")]
            lines.append("| %s | %s | %s | %s |" % (r, " | ".join(cells), ps[0], ps[1]))
        lines.append("")
        summary[half] = {"means": means}
        for m in ("nDCG@10", "MAP@100"):
            if not peers:
                break
            bp = max(peers, key=lambda r: (means[r][m], r))
            summary[half]["best_peer_" + m] = bp
            for g in gazette_runs:
                p = metrics.compare(per_query[g], per_query[bp], m, qs, permutations, seed)
                summary[half]["p_%s_%s" % (g, m)] = p
                lines.append("- %s: %s %.3f vs best peer %s %.3f (diff %+.3f), randomization p = %s"
                             % (m, g, means[g][m], bp, means[bp][m], means[g][m] - means[bp][m], fmt_p(p)))
    lines += ["", "Best value per column in bold. p: two-sided paired randomization test "
              "(%d permutations, seed %d) of the run against %s on that half's topics."
              % (permutations, seed, gazette_runs[0])]
    return "\n".join(lines), summary


def git_state():
    try:
        head = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", "searcher", "indexer", "common"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" (searcher/indexer/common modified)" if dirty else "")
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build"),
                    help="gazette build directory (default: %(default)s)")
    ap.add_argument("--work", default="/tmp/gazette-ranking",
                    help="indexes and results go here, never into the repository (default: %(default)s)")
    ap.add_argument("--corpus", default=default_corpus(),
                    help="Reuters-21578 directory with the 22 .sgm files and reuters21578.jsonl "
                         "(default: %(default)s)")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--gazette-extra", action="append", default=[], metavar="JSON",
                    help='extra batch request fields for an additional gazette run, e.g. \'{"match": "any"}\'; '
                         "repeatable (the default run is always made)")
    ap.add_argument("--peers", default=",".join(ALL_PEERS),
                    help="comma-separated subset of %s, or 'none' (default: all)" % ",".join(ALL_PEERS))
    ap.add_argument("--title-weights", default="1,2,3",
                    help="python3-xapian title wdf weights, one index each (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--permutations", type=int, default=10000)
    a = ap.parse_args()

    work = os.path.abspath(a.work)
    if os.path.commonpath([work, REPO]) == REPO:
        sys.exit("ranking: --work must be outside the repository (%s)" % REPO)
    os.makedirs(work, exist_ok=True)
    peers = [] if a.peers == "none" else [p for p in a.peers.split(",") if p]
    for p in peers:
        if p not in ALL_PEERS:
            sys.exit("ranking: unknown peer %r (known: %s)" % (p, ", ".join(ALL_PEERS)))
    extras = []
    for e in a.gazette_extra:
        try:
            obj = json.loads(e)
        except ValueError as err:
            sys.exit("ranking: --gazette-extra %r is not JSON: %s" % (e, err))
        if not isinstance(obj, dict):
            sys.exit("ranking: --gazette-extra must be a JSON object: %r" % e)
        extras.append(obj)

    idx_bin, srch_bin = gazette_binaries(os.path.abspath(a.build_dir))
    jsonl = os.path.join(a.corpus, "reuters21578.jsonl")
    if not os.path.exists(jsonl):
        sys.exit("ranking: corpus not found: %s (pass --corpus DIR: the directory of the 22 "
                 "reut2-NNN.sgm files and reuters21578.jsonl)" % jsonl)
    queries = load_queries(a.queries)
    t0 = time.time()
    docs, topic_ids = load_corpus(jsonl)
    corpus_key = file_key(jsonl)
    qrels = {}
    for t, q, h in queries:
        if len(topic_ids.get(t, ())) < 20:
            sys.exit("ranking: topic %s labels %d articles (< 20)" % (t, len(topic_ids.get(t, ()))))
        qrels[t] = topic_ids[t]
    all_ids = {i for i, _, _ in docs}

    runs = {}
    db = gazette_index(work, a.corpus, idx_bin, srch_bin)
    runs["gazette"] = timed("gazette run", run_gazette, srch_bin, db, queries, {})
    for e in extras:
        name = "gazette " + ", ".join("%s=%s" % (k, json.dumps(v)) for k, v in e.items())
        runs[name] = timed(name + " run", run_gazette, srch_bin, db, queries, e)

    if "xapian" in peers:
        try:
            import xapian  # noqa: F401
            weights = [int(w) for w in a.title_weights.split(",") if w]
            paths = xapian_indexes(work, docs, corpus_key, weights)
            for tw in weights:
                for op in ("and", "or"):
                    name = "xapian-%s" % op + ("" if tw == 1 else " title×%d" % tw)
                    runs[name] = run_xapian(paths[tw], queries, op)
        except ImportError:
            log("xapian skipped: python3-xapian is not installed (apt-get install python3-xapian)")
    if "fts5" in peers:
        try:
            path = fts5_index(work, docs, corpus_key)
            for op in ("and", "or"):
                runs["fts5-%s" % op] = run_fts5(path, queries, op)
        except sqlite3.OperationalError as err:
            log("fts5 skipped: %s" % err)
    if "lucene" in peers:
        r = lucene_run(work, docs, corpus_key, queries)
        if r:
            runs["lucene-and"], runs["lucene-or"] = r["and"], r["or"]
    if "sphinx" in peers:
        r = sphinx_run(work, docs, corpus_key, queries)
        if r:
            runs["sphinx-and"], runs["sphinx-or"] = r["and"], r["or"]

    for name, run in runs.items():
        unknown = {i for lst in run.values() for i in lst} - all_ids
        if unknown:
            sys.exit("ranking: run %s returned ids that are not in the corpus, e.g. %s"
                     % (name, sorted(unknown)[:5]))

    topics = [t for t, _, _ in queries]
    per_query = {r: metrics.evaluate_run(runs[r], qrels, topics) for r in runs}
    header = ["## Ranking benchmark: Reuters-21578, %d topic queries (bench/ranking/queries.tsv)" % len(queries),
              "",
              "gazette %s, %s; relevant = articles carrying the topic; top %d per run."
              % (git_state(), os.path.abspath(a.build_dir), K)]
    text, summary = report(list(runs), per_query, queries, a.seed, a.permutations, header)
    print(text)
    with open(os.path.join(work, "report.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(work, "per_query.json"), "w") as f:
        json.dump({"queries": [{"topic": t, "query": q, "half": h, "relevant": len(qrels[t])}
                               for t, q, h in queries],
                   "runs": per_query, "summary": summary}, f, indent=1, sort_keys=True)
    with open(os.path.join(work, "rankings.json"), "w") as f:
        json.dump(runs, f)
    log("done in %.0f s; %s/report.md, per_query.json (metrics per run and topic), rankings.json (top %d ids)"
        % (time.time() - t0, work, K))


if __name__ == "__main__":
    main()
