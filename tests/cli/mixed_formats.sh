#!/usr/bin/env bash
# A folder of every input format (tests/data/formats: JSONL, Reuters SGML,
# text, HTML in UTF-8 / windows-1251 / gzip, WARC.gz, NITF, RCV1 and NewsML-G2, RSS,
# Atom, CSV, a JSON document) indexes
# into the right articles with their titles, bodies, dates and entities.
#   mixed_formats.sh INDEXER SEARCHER DATA_DIR WORK_DIR
set -eu
indexer=$1 searcher=$2 data=$3 work=$4
db="$work/mixed-formats-index"
rm -rf "$db"
summary=$("$indexer" --db "$db" --jobs 2 --summary-json "$data" 2>"$work/mixed-formats.err")
cat "$work/mixed-formats.err" >&2
echo "$summary"
fail() { echo "FAIL: $*" >&2; exit 1; }
# 2 JSONL + 2 SGML + 1 text + 3 HTML + 2 WARC captures + 1 NITF + 1 RCV1 + 2 NewsML-G2
# + 3 RSS + 2 Atom + 2 CSV + 2 JSON;
# the WARC's image, 404 and revisit records are skipped by reason.
case "$summary" in
  *'"indexed":23,'*) ;;
  *) fail "expected 23 articles indexed" ;;
esac
case "$summary" in
  *'"skipped_by_reason":{"http-status":1,"not-html":1,"warc-revisit":1}'*) ;;
  *) fail "expected the WARC's non-article records to be counted by reason" ;;
esac
search() { "$searcher" --db "$db" --format json --compact --snippet-size 0 "$@"; }
expect() {  # expect NAME PATTERN ARGS...: the output must contain PATTERN
  local name=$1 pattern=$2
  shift 2
  local out
  out=$(search "$@")
  case "$out" in
    *"$pattern"*) echo "ok: $name" ;;
    *) echo "$out" >&2; fail "$name: no '$pattern'" ;;
  esac
}
total() { search --limit 0 "$@" | grep -o '"total":[0-9]*'; }
[ "$(total '')" = '"total":23' ] || fail "index holds $(total '')"
# HTML: headline, date and keywords from metadata; body text searchable, chrome not.
expect html-title '"title":"Harbour Council Approves Tidal Barrier Plan","date":"2019-03-14"' tidal barrier
expect html-topics '"topics":["infrastructure","climate","flooding"]' tidal barrier
[ "$(total 'harbourwatcher OR cellar OR cookies')" = '"total":0' ] || fail "page chrome was indexed"
[ "$(total 'fishermen cooperative')" = '"total":1' ] || fail "HTML body text not indexed"
# windows-1251 page converted; gzipped page read.
expect html-1251 '"title":"Речной фестиваль соберёт сто лодок","date":"2017-07-08"' фестиваль
expect html-gz '"title":"Market Hall Reopens After Restoration"' stallholders
# WARC: gzip + chunked payload, url from WARC-Target-URI, WARC-Date as fallback date.
expect warc-url '"url":"https://example.org/coast-news/2022/09/05/seawall"' seawall
expect warc-date '"title":"Lifeboat Crew Honoured for Night Rescue","date":"2022-09-07"' lifeboat
# NITF: id, date, entities from the tagged elements.
expect nitf-id '"id":"gw-nitf-2018-0042","rank":1' treaty
expect nitf-entities '"persons":["Eszter Varga","Daniel Okafor","Jonas Berg"]' treaty
[ "$(total 'group:"Danube Basin Commission" place:vienna')" = '"total":1' ] || fail "NITF entities not faceted"
# Feeds: items with dates, categories as topics, feed title as source.
expect rss '"title":"Copper Hits Four-Year High on Supply Worries","date":"2021-02-22"' copper
[ "$(total 'topic:commodities source:"Gazette Wire – Markets"')" = '"total":1' ] || fail "RSS category/source"
expect atom '"title":"Ferry Strike Ends After Nine Days","date":"2019-04-01"' ferry
# CSV: quoted multi-line cell, publication as source, Unix-time date, list cells.
expect csv '"id":"kg-101","rank":1,"score":' glassworks furnace
expect csv-fields '"title":"Glassworks Reopens With Solar Furnace","date":"2021-05-18","source":"Valley Ledger"' glassworks
[ "$(total 'person:"Ilse Brandt" topic:energy')" = '"total":1' ] || fail "CSV list cells not faceted"
expect csv-date '"title":"Orchard Growers Fear Late Frost","date":"2021-05-19"' orchard
[ "$(total 'topic:weather person:"Tom Arle"')" = '"total":1' ] || fail "CSV list literals not faceted"
# JSON document: NewsAPI's wrapper, source object, publishedAt, description when
# there is no content.
expect json '"title":"Harbour Pilots Train on New Tugboat Simulator","date":"2023-03-02","source":"Coast Wire","url":"https://coastwire.example/2023/03/02/tug-simulator"' simulator
expect json-entities '"persons":["Owen Castell"]' simulator
expect json-description '"title":"Ferry Timetable Adds Late Crossing","date":"2023-03-03"' holm island
# NewsML: an RCV1 item (topic codes; entities from the text) and NewsML-G2
# items (typed subjects as facets; a package item skipped).
expect rcv1 '"id":"4417","rank":1' salmon fjords
[ "$(total 'topic:C24 person:"Arne Kvalheim"')" = '"total":1' ] || fail "RCV1 topics or extraction"
expect g2 '"title":"New Tram Depot Opens on the Lakeshore","date":"2022-11-03","source":"Lakeside Press"' tram depot
[ "$(total 'group:"Lakeside Transit Authority" place:bavaria')" = '"total":1' ] || fail "NewsML-G2 subjects not faceted"
# The older formats still read as before.
expect jsonl '"id":"mx-1"' tram
expect sgml '"id":"9001"' cocoa
expect text '"title":"Bridge Repairs to Close River Crossing for a Month","date":"2020-06-01"' bearings
# Re-indexing the folder replaces every article (stable ids, urls or content).
again=$("$indexer" --db "$db" --jobs 2 --summary-json -q "$data" 2>/dev/null)
case "$again" in
  *'"new":0,"replaced":23'*|*'"added":0,"replaced":23'*) ;;
  *) echo "$again" >&2; fail "re-indexing did not replace all 23" ;;
esac
# The folder as one tar.gz archive: the same 23 articles (ids from content,
# urls and the members' own names), and the tools' own files ignored.
tar -C "$data" -czf "$work/formats.tar.gz" .
adb="$work/mixed-formats-archive"
rm -rf "$adb"
archived=$("$indexer" --db "$adb" --jobs 2 --summary-json -q "$work/formats.tar.gz" 2>/dev/null)
case "$archived" in
  *'"indexed":23,'*'"files":14,"files_ignored":1'*) ;;
  *) echo "$archived" >&2; fail "the tar.gz of the folder did not give the same 23 articles" ;;
esac
ids() { "$searcher" --db "$1" --ids --limit 100 '' | sort; }
[ "$(ids "$db")" = "$(ids "$adb")" ] || fail "the archive's articles have other ids"
echo ok
