#!/usr/bin/python3
"""Index Reuters-21578 with gazette and check it against the SGML itself.

Independent of gazette's code: this script parses the 22 reut2-NNN.sgm files
with its own reader, then, for a fixed set of queries with and without
drilldown filters, compares what gazette-search returns with what the SGML
says:
  - the index holds all 21,578 articles;
  - total == number of hits returned (all of them are fetched) and ids are unique;
  - facet-only queries (topic:, place:, date:, filters) return exactly the
    articles the SGML metadata selects;
  - text queries return every article whose title/dateline/body contains the
    query words (recall), and only articles containing words that start with
    their stems (precision);
  - a drilldown returns exactly the undrilled match set restricted to the
    filter values (OR within a field, AND across fields, minus excludes);
  - every person/place/group/topic count (all values, --facet-size 0) and the
    month histogram equal counts recomputed from the SGML over the match set;
  - the default top-10 facet lists are a correct top 10 (count desc, value asc).

usage: check_reuters.py GAZETTE_INDEX GAZETTE_SEARCH SGML_DIR WORK_DIR
Exit: 0 all checks pass, 1 a check failed, 77 SGML_DIR missing (CTest skip).
"""
import collections
import html
import json
import os
import re
import shutil
import subprocess
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
FACETS = {"person": "PEOPLE", "place": "PLACES", "group": "ORGS", "topic": "TOPICS"}
WORD = re.compile(r"[a-z0-9]+")

# (query, filters, excludes, kind). kind: "meta" = match set computable from
# metadata alone; "text" = words that must all occur; "phrase" = adjacent words.
QUERIES = [
    ("oil", [], [], "text"),
    ("trade", [], [], "text"),
    ("coffee", [], [], "text"),
    ("gold", [], [], "text"),
    ("bank loans", [], [], "text"),
    ("dollar yen", [], [], "text"),
    ('"interest rates"', [], [], "phrase"),
    ('"crude oil"', [], [], "phrase"),
    ("topic:crude", [], [], "meta"),
    ("place:japan", [], [], "meta"),
    ("date:1987-03", [], [], "meta"),
    ("", [], [], "meta"),
    ("oil", [("place", "usa")], [], "text"),
    ("trade", [("place", "japan"), ("place", "usa")], [], "text"),
    ('"interest rates"', [("topic", "money-fx")], [], "phrase"),
    ("bank loans", [("place", "usa"), ("topic", "acq")], [], "text"),
    ("topic:crude", [("group", "opec")], [], "meta"),
    ("", [("person", "reagan")], [], "meta"),
    ("", [("date", "1987-04")], [("place", "usa")], "meta"),
    ("gold", [], [("place", "canada")], "text"),
]


def tag(block, name):
    m = re.search(r"<%s\b[^>]*>(.*?)</%s>" % (name, name), block, re.S)
    return m.group(1) if m else None


def load(sgml_dir):
    docs = {}
    files = sorted(f for f in os.listdir(sgml_dir) if re.match(r"reut2-\d{3}\.sgm$", f))
    for f in files:
        raw = open(os.path.join(sgml_dir, f), "rb").read().decode("latin-1")
        for m in re.finditer(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", raw, re.S):
            newid = re.search(r'NEWID="(\d+)"', m.group(1)).group(1)
            block = m.group(2)
            meta = {}
            for facet, name in FACETS.items():
                meta[facet] = {html.unescape(x).strip()
                               for x in re.findall(r"<D>(.*?)</D>", tag(block, name) or "", re.S)}
                meta[facet].discard("")
            dm = re.search(r"(\d{1,2})-([A-Z]{3})-(\d{4})", tag(block, "DATE") or "")
            meta["month"] = "%s-%02d" % (dm.group(3), MONTHS[dm.group(2)]) if dm else None
            text = tag(block, "TEXT") or ""
            parts = [tag(text, "TITLE"), tag(text, "DATELINE"), tag(text, "BODY")]
            if parts[0] is None and parts[2] is None:
                parts = [text]
            words = WORD.findall(html.unescape(" ".join(p or "" for p in parts)).lower())
            meta["words"] = words
            meta["wordset"] = set(words)
            docs[newid] = meta
    return docs


def stem_prefix(word):
    # A conservative stand-in for Porter stemming: the stem of a query word is a
    # prefix of it, at most 2 letters shorter ("rates" -> "rat", "loans" -> "loan").
    return word[:max(3, len(word) - 2)]


def has_word_like(doc, word):
    p = stem_prefix(word)
    return any(w.startswith(p) for w in doc["wordset"])


def phrase_in(words, phrase, exact):
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if all((words[i + k] == phrase[k]) if exact else words[i + k].startswith(stem_prefix(phrase[k]))
               for k in range(n)):
            return True
    return False


def meta_match(doc, query):
    if query == "":
        return True
    field, value = query.split(":", 1)
    if field == "date":
        return doc["month"] == value
    return value in doc[field]


def passes_filters(doc, filters, excludes):
    by_field = collections.defaultdict(set)
    for f, v in filters:
        by_field[f].add(v)
    for f, values in by_field.items():
        if f == "date":
            if doc["month"] not in values:
                return False
        elif not (doc[f] & values):
            return False
    for f, v in excludes:
        if (doc["month"] == v) if f == "date" else (v in doc[f]):
            return False
    return True


def run_search(search, db, query, filters, excludes, facet_size, extra=(), limit=100000):
    cmd = [search, "--db", db, "--format", "json", "--compact", "--facets",
           "person,place,group,topic,date", "--facet-size", str(facet_size),
           "--limit", str(limit), "--snippet-size", "0"] + list(extra)
    if not any(x.startswith("--match") for x in extra):
        cmd += ["--match", "all"]  # the hit list is then exactly the counted set
    for f, v in filters:
        cmd += ["--filter", "%s=%s" % (f, v)]
    for f, v in excludes:
        cmd += ["--exclude", "%s=%s" % (f, v)]
    if query:
        cmd += ["--", query]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    index_bin, search_bin, sgml_dir, work = sys.argv[1:]
    if not os.path.isdir(sgml_dir):
        print("SKIP: %s not found (../shared is absent)" % sgml_dir)
        return 77
    docs = load(sgml_dir)
    print("SGML: %d articles" % len(docs))
    errors = []
    if len(docs) != 21578:
        errors.append("expected 21578 articles in the SGML, parsed %d" % len(docs))

    db = os.path.join(work, "reuters-index")
    shutil.rmtree(db, ignore_errors=True)
    os.makedirs(work, exist_ok=True)
    sgml_files = sorted(os.path.join(sgml_dir, f) for f in os.listdir(sgml_dir)
                        if f.endswith(".sgm"))
    run = subprocess.run([index_bin, "--db", db, "--jobs", "2", "--summary-json"] + sgml_files,
                         capture_output=True, text=True)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        print("FAIL: gazette-index exited %d" % run.returncode)
        return 1
    summary = json.loads(run.stdout)
    if summary["indexed"] != 21578 or summary["skipped"] != 0:
        errors.append("indexer summary: %s" % summary)
    stats = json.loads(subprocess.run([search_bin, "--db", db, "--stats", "--format", "json"],
                                      check=True, capture_output=True, text=True).stdout)
    if stats["documents"] != 21578:
        errors.append("index holds %d documents, expected 21578" % stats["documents"])

    for query, filters, excludes, kind in QUERIES:
        label = "%r filters=%s excludes=%s" % (query, filters, excludes)
        res = run_search(search_bin, db, query, filters, excludes, 0)
        ids = [h["id"] for h in res["hits"]]
        got = set(ids)
        errs = []
        if len(ids) != len(got):
            errs.append("duplicate ids in hits")
        if res["total"] != len(ids):
            errs.append("total %d != %d hits returned" % (res["total"], len(ids)))
        unknown = got - set(docs)
        if unknown:
            errs.append("ids not in the SGML: %s" % sorted(unknown)[:5])
            got -= unknown
        # The match set, independently.
        if kind == "meta":
            want = {i for i, d in docs.items()
                    if meta_match(d, query) and passes_filters(d, filters, excludes)}
            if got != want:
                errs.append("match set differs: %d missing (e.g. %s), %d extra (e.g. %s)" % (
                    len(want - got), sorted(want - got)[:3], len(got - want), sorted(got - want)[:3]))
        else:
            words = WORD.findall(query.lower())
            if kind == "phrase":
                must = {i for i, d in docs.items() if phrase_in(d["words"], words, True)}
                bad = [i for i in got if not phrase_in(docs[i]["words"], words, False)]
            else:
                must = {i for i, d in docs.items() if all(w in d["wordset"] for w in words)}
                bad = [i for i in got if not all(has_word_like(docs[i], w) for w in words)]
            must = {i for i in must if passes_filters(docs[i], filters, excludes)}
            missing = must - got
            if missing:
                errs.append("%d articles containing the words are missing (e.g. %s)" % (
                    len(missing), sorted(missing)[:3]))
            if bad:
                errs.append("%d hits lack the words (e.g. %s)" % (len(bad), sorted(bad)[:3]))
            wrong_filter = [i for i in got if not passes_filters(docs[i], filters, excludes)]
            if wrong_filter:
                errs.append("%d hits violate the filters" % len(wrong_filter))
        if filters or excludes:
            base = run_search(search_bin, db, query, [], [], 10)
            if base["total"] < res["total"]:
                errs.append("drilldown total %d exceeds undrilled %d" % (res["total"], base["total"]))
            base_ids = {h["id"] for h in run_search(search_bin, db, query, [], [], 0)["hits"]}
            want = {i for i in base_ids if i in docs and passes_filters(docs[i], filters, excludes)}
            if want != got:
                errs.append("drilldown != undrilled match set restricted by the filters "
                            "(%d vs %d)" % (len(got), len(want)))
        # Facet counts over the returned match set, all values.
        for facet in FACETS:
            true = collections.Counter(v for i in got for v in docs[i][facet])
            reported = {x["value"]: x["count"] for x in res["facets"][facet]}
            if reported != dict(true):
                diff = sorted(set(true.items()) ^ set(reported.items()))[:4]
                errs.append("%s counts differ (%d reported, %d true values): %s" % (
                    facet, len(reported), len(true), diff))
        months = collections.Counter(docs[i]["month"] for i in got if docs[i]["month"])
        got_months = {x["value"]: x["count"] for x in res["facets"]["date"]}
        if got_months != dict(months):
            errs.append("month histogram differs: %s vs %s" % (
                sorted(got_months.items())[:3], sorted(months.items())[:3]))
        # The default top 10.
        top = run_search(search_bin, db, query, filters, excludes, 10)
        for facet in FACETS:
            true = collections.Counter(v for i in got for v in docs[i][facet])
            want_top = sorted(true.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            got_top = [(x["value"], x["count"]) for x in top["facets"][facet]]
            if got_top != want_top:
                errs.append("%s top 10 %s != %s" % (facet, got_top[:3], want_top[:3]))
        # The default ranked mode counts the same strict set, and lists it
        # (marked "all") before or among the partial matches (marked "partial").
        ranked = run_search(search_bin, db, query, filters, excludes, 10, ["--match", "ranked"])
        if ranked["total"] != res["total"] or ranked["facets"] != top["facets"]:
            errs.append("--match ranked counts a different set than --match all")
        marked = {h["id"] for h in ranked["hits"] if h["matched"] == "all"}
        if marked != got:
            errs.append("--match ranked marks %d hits as full matches, the strict set has %d" % (
                len(marked), len(got)))
        partial = [h["id"] for h in ranked["hits"] if h["matched"] == "partial"]
        if partial and kind == "meta":
            errs.append("partial matches listed for a query without free words")
        # The three ways of counting (parallel shards with facet stores, with
        # value slots, one combined pass as for remote shards) agree exactly.
        for mode in ("no-stores", "combined"):
            other = run_search(search_bin, db, query, filters, excludes, 10,
                               ["--count-mode", mode, "--offset", "3"], limit=25)
            mine = run_search(search_bin, db, query, filters, excludes, 10, ["--offset", "3"],
                              limit=25)
            if other != mine:
                errs.append("--count-mode %s gives a different result" % mode)
        status = "ok" if not errs else "FAIL"
        print("%-4s %-70s total=%d" % (status, label, res["total"]))
        errors += ["%s: %s" % (label, e) for e in errs]
    # Deep paging: a page far down the list is that slice of the whole list,
    # whether sorted by relevance or by date, however it is counted.
    for sort in ("relevance", "oldest", "newest"):
        full = run_search(search_bin, db, "said", [], [], 0, ["--sort", sort])
        ids = [h["id"] for h in full["hits"]]
        for mode in ("auto", "combined"):
            page = run_search(search_bin, db, "said", [], [], 0,
                              ["--sort", sort, "--offset", "10000", "--count-mode", mode],
                              limit=20)
            got = [h["id"] for h in page["hits"]]
            ok = got == ids[10000:10020] and [h["rank"] for h in page["hits"]] == list(
                range(10001, 10021)) and page["total"] == full["total"]
            print("%-4s deep page: said --sort %s --offset 10000 (%s)" % (
                "ok" if ok else "FAIL", sort, mode))
            if not ok:
                errors.append("deep page said/%s/%s differs from the full list" % (sort, mode))
    if errors:
        print("\n%d check(s) failed:" % len(errors))
        for e in errors:
            print("  " + e)
        return 1
    print("all %d queries agree with the SGML" % len(QUERIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
