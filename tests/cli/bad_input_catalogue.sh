#!/usr/bin/env bash
# The bad-input catalogue (issue 4; README "Bad input"): one case each. For
# every case the article is skipped and counted by reason, or repaired and
# indexed with a warning, the message names file, line and field, and every
# other article is indexed.
#   bad_input_catalogue.sh INDEXER SEARCHER WORK_DIR
set -u
indexer=$1 searcher=$2 work=$3
dir="$work/bad-input-catalogue"
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir" || exit 1
failures=0
fail() { echo "FAIL [$case]: $*" >&2; failures=$((failures + 1)); }

good() {  # a well-formed article line: good ID
  printf '{"id":"%s","title":"Good article %s","body":"Grain shipments resumed on Monday."}\n' "$1" "$1"
}

# index CASE ARGS...: a fresh index of the case's files; summary in CASE.json,
# messages in CASE.err.
index() {
  case=$1
  shift
  rm -rf "$case.db"
  "$indexer" --db "$case.db" --jobs 1 --summary-json --entities metadata "$@" \
    >"$case.json" 2>"$case.err"
  status=$?
  [ $status -eq 0 ] || fail "exit status $status: $(cat "$case.err")"
}
# has KEY VALUE: the summary's "KEY":VALUE (as JSON text).
has() {
  grep -qE "\"$1\":$2[,}]" "$case.json" || fail "summary lacks \"$1\":$2: $(cat "$case.json")"
}
# said TEXT: stderr has TEXT (fixed string).
said() {
  grep -qF -- "$1" "$case.err" || fail "no message '$1' in: $(cat "$case.err")"
}
# finds QUERY N: the case's index has N matches for QUERY.
finds() {
  local total
  total=$("$searcher" --db "$case.db" --format json --compact --limit 0 "$1" |
          sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  [ "$total" = "$2" ] || fail "query '$1' finds '$total', expected $2"
}

# 1. Malformed JSON in the middle.
{ good a1; echo '{"id":"a2","title":"broken" "body":}'; good a3; } > malformed.jsonl
index malformed malformed.jsonl
has indexed 2; has invalid-json 1; said "malformed.jsonl:2: invalid JSON"

# 2. A truncated last line (no closing brace, no newline).
{ good a1; good a2; printf '{"id":"a3","title":"cut off'; } > truncated.jsonl
index truncated truncated.jsonl
has indexed 2; has invalid-json 1; said "truncated.jsonl:3: invalid JSON"

# 3. Invalid UTF-8: repaired (bytes read as CP1252), indexed, warned.
{ good a1; printf '{"id":"a2","title":"Caf\xe9 owners \xff protest","body":"x"}\n'; } > latin1.jsonl
index latin1 latin1.jsonl
has indexed 2; has invalid-utf8 1; said "latin1.jsonl:2: 2 invalid UTF-8 byte(s)"
finds "title:café" 1

# 4. NUL bytes: raw in a JSON string (replaced by a space) and in a text file.
{ good a1; printf '{"id":"a2","title":"Null\x00byte","body":"x"}\n'; } > nul.jsonl
printf 'Harbour report\n\nShips wait\x00 outside the harbour.\n' > nul.txt
index nul nul.jsonl nul.txt
has indexed 3; has control-chars 1; said "nul.jsonl:2: raw control characters"
finds "title:null" 1; finds "harbour" 1

# 5. A byte-order mark before the first line: ignored.
{ printf '\xef\xbb\xbf'; good a1; good a2; } > bom.jsonl
index bom bom.jsonl
has indexed 2; has warnings 0; finds 'id:a1' 1

# 6. CRLF line ends: read like LF.
{ good a1; good a2; } | sed 's/$/\r/' > crlf.jsonl
index crlf crlf.jsonl
has indexed 2; has warnings 0
"$searcher" --db crlf.db --format json --compact id:a2 | grep -qF '"title":"Good article a2"' ||
  fail "CRLF: the title keeps a carriage return"

# 7. Empty title and/or body.
{ echo '{"id":"t","title":"Title only"}'; echo '{"id":"b","body":"Body only"}'
  echo '{"id":"n","title":"","body":""}'; echo '{"title":"","body":""}'; } > empty.jsonl
index empty empty.jsonl
has indexed 3; has empty-article 1; has no-text 1
said "empty.jsonl:4: no id, title or body"; said "empty.jsonl:3: no title and no body"

# 8. No id: a stable id is derived, so a second run replaces, never duplicates.
{ echo '{"title":"No id one","body":"x"}'; echo '{"title":"No id two","body":"y"}'; } > noid.jsonl
index noid noid.jsonl
has indexed 2; has added 2
"$indexer" --db noid.db --summary-json -q noid.jsonl > noid2.json 2>/dev/null
grep -qF '"replaced":2' noid2.json || fail "re-indexing articles without ids did not replace them"
finds "" 2

# 9. Duplicate ids in one run: the later article replaces the earlier, warned.
{ good a1; echo '{"id":"a1","title":"Second a1","body":"z"}'; good a2; } > dup.jsonl
index dup dup.jsonl
has indexed 3; has duplicate-id 1; said "dup.jsonl:2: field 'id': id 'a1' was already read"
finds "" 2; finds 'title:second' 1

# 10. A 50 MB article: indexed (the limit is --max-article-mb, default 64);
# skipped with a reason under a lower limit, the next line still indexed.
{ printf '{"id":"big","title":"Big","body":"'; yes "grain report" | head -c 52428800 | tr '\n' ' '
  printf '"}\n'; good a1; } > big.jsonl
index big big.jsonl
has indexed 2; finds 'id:big' 1
index big-limited --max-article-mb 10 big.jsonl
has indexed 1; has too-large 1; said "big.jsonl:1: line longer than 10 MiB"

# 11. 10,000 values in an entity array: the first 1,000 kept, warned.
python3 -c 'import json; print(json.dumps({"id":"many","title":"Many","body":"x",
  "persons":["Person %d" % i for i in range(10000)]}))' > many.jsonl 2>/dev/null ||
  { printf '{"id":"many","title":"Many","body":"x","persons":['
    for i in $(seq 0 9998); do printf '"Person %d",' "$i"; done; printf '"Person 9999"]}\n'; } > many.jsonl
good a1 >> many.jsonl
index many many.jsonl
has indexed 2; has too-many-values 1; said "many.jsonl:1: field 'persons': 10000 values; the first 1000 kept"
finds 'person:"Person 999"' 1; finds 'person:"Person 1000"' 0

# 12. Terms longer than Xapian's 245-byte limit: a long id, facet value and word.
long=$(printf 'x%.0s' $(seq 300))
printf '{"id":"%s","title":"Long","body":"word %s end","places":["%s"]}\n' "$long" "$long" "$long" > long.jsonl
good a1 >> long.jsonl
index long long.jsonl
has indexed 2; has long-value 1; said "long.jsonl:1: field 'places': value longer than 200 bytes cut"
finds "id:$long" 1; finds "end" 1

# 13. Invalid dates: indexed without a date, warned.
{ echo '{"id":"d1","title":"Bad date","body":"x","date":"2016-13-45"}'; good a1; } > baddate.jsonl
index baddate baddate.jsonl
has indexed 2; has bad-date 1
said "baddate.jsonl:1: field 'date': invalid date '2016-13-45' (month 13 out of range)"

# 14. Dates far in the past or future: kept as given, warned.
{ echo '{"id":"old","title":"Old","body":"x","date":"0001-01-01"}'
  echo '{"id":"new","title":"New","body":"x","date":"9999-12-31T23:59:59Z"}'; good a1; } > fardate.jsonl
index fardate fardate.jsonl
has indexed 3; has implausible-date 2
said "fardate.jsonl:1: field 'date': date 0001-01-01 is before 1600"
said "fardate.jsonl:2: field 'date': date 9999-12-31 is more than a year ahead"
finds "date:0001-01-01" 1; finds "date:9999" 1

# 14b. Dates in other forms: RFC 822, written out, Unix time (seconds or
# milliseconds) are read; an unreadable one is case 13.
{ echo '{"id":"rfc","title":"Rfc","body":"x","date":"Thu, 26 Feb 1987 15:01:01 GMT"}'
  echo '{"id":"wr","title":"Written","body":"x","date":"March 3, 1987"}'
  echo '{"id":"unix","title":"Unix","body":"x","date":541347661}'
  echo '{"id":"ms","title":"Millis","body":"x","date":541347661000}'
  echo '{"id":"obj","title":"Object","body":"x","date":{"y":1987}}'; } > dateforms.jsonl
index dateforms dateforms.jsonl
has indexed 5; has bad-field 1
said "dateforms.jsonl:5: field 'date': expected a string or a number; field ignored"
finds "date:1987-02-26" 3; finds "date:1987-03-03" 1

# 15-17. A directory with binary files, unreadable files and symbolic link loops.
mkdir -p tree/sub
good a1 > tree/ok.jsonl
printf 'Plain title\n\nPlain body.\n' > tree/sub/plain.txt
head -c 20000 /dev/urandom > tree/photo.txt
{ printf '\x7fELF\x02\x01\x01'; head -c 5000 /dev/zero; } > tree/program.jsonl
ln -s loop-b.jsonl tree/loop-a.jsonl
ln -s loop-a.jsonl tree/loop-b.jsonl
ln -s missing.jsonl tree/dangling.jsonl
ln -s .. tree/sub/parent  # a directory link back up: not followed
unreadable=0
if [ "$(id -u)" != 0 ]; then  # root reads anything: only checked as a user
  good a9 > tree/secret.jsonl
  chmod 000 tree/secret.jsonl
  unreadable=1
fi
index tree tree
has indexed 2; has binary-file 2; has unreadable-file $((3 + unreadable))
said "tree/photo.txt: binary content"; said "tree/program.jsonl: binary content"
said "tree/loop-a.jsonl: symbolic link loop"; said "tree/dangling.jsonl: broken symbolic link"
[ $unreadable = 0 ] || said "tree/secret.jsonl: cannot open"

# 18. Reuters SGML with broken tags: the broken article skipped, the rest kept.
cat > broken.sgm <<'EOF'
<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS NEWID="1"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>First</TITLE><BODY>Body one.</BODY></TEXT></REUTERS>
<REUTERS NEWID="2"><DATE>26-FEB-1987</DATE><TEXT><TITLE>Broken <BODY>never closed
<REUTERS NEWID="3"><TEXT><TITLE>Third &amp; last</TITLE><BODY>Body &bogus; three.</BODY></TEXT></REUTERS>
EOF
index sgml broken.sgm
has indexed 2; has broken-sgml 1; said "broken.sgm:3: field 'REUTERS'"
finds 'title:third' 1

# 19. A truncated .gz: the articles before the cut are indexed, the cut reported.
for i in $(seq 1 3000); do good "g$i"; done | gzip -c > whole.jsonl.gz
size=$(wc -c < whole.jsonl.gz)
head -c $((size / 2)) whole.jsonl.gz > cut.jsonl.gz
index gz cut.jsonl.gz
has truncated-input 1; said "cut.jsonl.gz:"; said "unexpected end of file"
indexed=$(sed -n 's/.*"indexed":\([0-9]*\).*/\1/p' gz.json)
[ "${indexed:-0}" -gt 500 ] && [ "$indexed" -lt 3000 ] ||
  fail "a half .gz gave $indexed articles, expected the ones before the cut"

# 19b. CSV: a row with too many or too few cells is indexed and warned; a
# quote never closed skips the rest of the file, from the line it opened on.
printf 'id,title,body\nc1,Ragged,Grain moved,extra\nc2,"Closed ""quote""",Grain\nc3,"Open,Grain\nc4,Lost,Grain\n' > rows.csv
index csv rows.csv
has indexed 2; has ragged-row 1; has broken-csv 1
said "rows.csv:2: 4 cells where the header has 3 (extra ignored)"
said "rows.csv:4: a quoted cell is never closed; the rest of the file (to line 6) is skipped"
finds 'title:"closed quote"' 1; finds 'id:c4' 0

# 19c. A JSON document: an element that is not an object is skipped with its
# line and element number; a string never closed skips the rest of the file,
# from the line where the unclosed article began; the articles before are kept.
printf '{"articles": [\n  {"id":"j1","title":"First","body":"Grain"},\n  "stray",\n  {"id":"j2","title":"Second","body":"Grain"},\n  {"id":"j3","title":"Open\n  {"id":"j4","title":"Lost","body":"Grain"}\n]}\n' > dump.json
index json dump.json
has indexed 2; has invalid-json 1; has broken-json 1
said "dump.json:3 (element 2): not a JSON object; skipped"
said "dump.json:5: the article object that begins here never closes; the rest of the file is skipped"
finds 'id:j2' 1; finds 'id:j4' 0

# 20. --strict: the first bad article is fatal (exit 1), the message says where.
case=strict
rm -rf strict.db
if "$indexer" --db strict.db --strict -q malformed.jsonl 2>strict.err; then
  fail "--strict did not stop at the malformed line"
fi
said "malformed.jsonl:2: invalid JSON"

if [ $failures -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok: 23 cases"
