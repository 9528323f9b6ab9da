#pragma once
// [1b] Readers: bytes of one input file -> Articles. Each reader reports every
// article to an ArticleSink, either accepted (possibly with warnings noted on the
// article) or rejected with a Problem naming file, line and field. A reader never
// throws for bad data; it throws gazette::Error only if it cannot read at all.

#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "indexer/input.h"

namespace gazette {

class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // An article that was read. a.origin is set; a.id may be empty.
  virtual void accept(Article&& a) = 0;
  // An article (or a whole file, or its tail) that could not be read.
  virtual void reject(Problem p) = 0;
  // True when the run is being interrupted: readers return at the next article.
  virtual bool stopped() const = 0;

  // Archive readers: one archive was read as `members` files (of the formats
  // their names give) and `ignored` files of unknown type. The run's file
  // counts take the members for the archive.
  void archive_read(long members, long ignored) {
    ++archives_;
    archive_members_ += members;
    archive_ignored_ += ignored;
  }
  long archives() const { return archives_; }
  long archive_members() const { return archive_members_; }
  long archive_ignored() const { return archive_ignored_; }

  // A file read and found to hold no article (a JSON file of metadata): the
  // run counts it as ignored rather than read.
  void file_ignored() { ++files_ignored_; }
  long files_ignored() const { return files_ignored_; }

 private:
  long archives_ = 0, archive_members_ = 0, archive_ignored_ = 0, files_ignored_ = 0;
};

// Where a JSON Lines article's fields come from (or a CSV row's: the columns
// are keys, matched without regard to case): for each field, the keys tried in
// turn, the first one present (not null, not "") giving the value. By
// default the field's own name, then the names other news datasets use for it
// (README "Input formats"); --field NAME=KEY names the one key to read. A key
// with dots ("meta.published") is a path into nested objects.
class InputFields {
 public:
  enum Field {
    kId,
    kTitle,
    kBody,
    kDate,
    kSource,
    kUrl,
    kDateline,
    kPersons,
    kPlaces,
    kGroups,
    kTopics,
    kCount
  };
  InputFields();  // the defaults
  // Applies "NAME=KEY" (NAME a field name above in lower case, "id" .. "topics";
  // an empty KEY: never read the field). Returns "" or what is wrong.
  std::string set(std::string_view spec);
  static const char* name(Field f);
  // The article's list for persons, places, groups or topics; nullptr for the
  // other fields.
  static std::vector<std::string>* list(Field f, Article* a);
  const std::vector<std::string>& keys(Field f) const { return keys_[f]; }

 private:
  std::vector<std::string> keys_[kCount];
};

struct ReaderOptions {
  size_t max_article_bytes =
      64u << 20;  // longer JSONL lines, JSON objects, WARC records are skipped
  size_t max_file_bytes = 1u << 30;      // whole-file formats (text, SGML, HTML)
  InputFields fields;                    // JSON Lines keys and CSV columns (--field)
};

// Reads one input (format already resolved or kAuto to sniff the content) and
// reports its articles to *sink. Tar and zip archives (by name or content)
// are read member by member, each in the format its name gives, or in
// input.format when that was forced (archive_reader.cc). Problems with the file itself (unreadable,
// a truncated .gz) are reported through sink->reject with reason "unreadable-file" or
// "truncated-input"; articles read before the failure are kept.
void read_input(const InputFile& input, const ReaderOptions& options, ArticleSink* sink);

// read_input's work once the input is open: resolves `format` (kAuto: by
// content), checks for binary data and hands `source` to its reader. `depth`
// counts the archives `source` is inside.
void read_source(ByteSource* source, Format format, const ReaderOptions& options, ArticleSink* sink,
                 int depth = 0);

// Tar archives (plain or compressed; the stream is `source`) and zip archives
// (random access: a file at `path`): each member file is read with
// read_source in `member_format`, or by its name when that is kAuto; members
// of unknown type and hidden ones (".DS_Store", "__MACOSX/") are ignored.
void read_tar(ByteSource* source, Format member_format, const ReaderOptions& options,
              ArticleSink* sink, int depth);
void read_zip(const std::string& path, Format member_format, const ReaderOptions& options,
              ArticleSink* sink, int depth);

// A record's article, to the sink: rejected (empty-article, `empty`) if it
// has no id, title or body, accepted with a no-text warning (`no_text`) if it
// has an id but no text. The readers of JSON, CSV, NITF and NewsML use it,
// the XML ones with messages of their own.
void deliver_record(Article&& a, ArticleSink* sink, std::string_view empty = "no id, title or body",
                    std::string_view no_text = "no title and no body");

// A read or decompression error that ended `source` early, reported as
// truncated-input ("read error: ..."); nothing if there was none.
void report_read_error(const ByteSource& source, ArticleSink* sink);

// The warnings the readers share: `bad` invalid UTF-8 bytes repaired, and a
// date that could not be read ("invalid date 'VALUE' (WHY); indexed without a
// date").
Problem invalid_utf8_problem(size_t bad, const Origin& origin);
Problem bad_date_problem(std::string_view field, std::string_view value, std::string_view why,
                         const Origin& origin);
// Sets a->date from the first of `dates` (field, value; most specific first)
// that parse_web_date reads; if none does, warns (bad_date_problem) about the
// first that was not empty. For formats that carry several dates (NITF,
// NewsML).
void take_first_date(const std::vector<std::pair<std::string, std::string>>& dates, Article* a);

// The individual readers, for tests and for read_input.
void read_jsonl(ByteSource* source, const ReaderOptions& options, ArticleSink* sink);
// A JSON document: an array of article objects, an object wrapping one (under
// "articles", "docs", "items", "results", "data", "hits"... or one level
// further down, under "response", "data", "hits", "result"), or article
// objects one after another. Streamed: one article object at a time, too-large
// past max_article_bytes; a break in the JSON structure (an unclosed string or
// bracket) ends the file with a broken-json problem (jsonl_reader.cc).
void read_json(ByteSource* source, const ReaderOptions& options, ArticleSink* sink);
// CSV / TSV with a header row naming the columns (csv_reader.cc).
void read_csv(ByteSource* source, const ReaderOptions& options, ArticleSink* sink);
// A text file: `path` names it in messages; `file_name` (default: `path`), its
// own name, may date it ("2016-02-14_talks.txt", also inside an archive).
void read_text(std::string_view content, const std::string& path, ArticleSink* sink,
               const std::string& file_name = "");
void read_reuters(std::string_view content, const std::string& path, ArticleSink* sink);

// A saved web page (any charset): one article (html_reader.cc, html_extract.h).
void read_html(std::string_view content, const std::string& path, ArticleSink* sink);

// The streaming readers below hold one record at a time, so memory does not
// grow with the file. Bad records are reported and skipped: WARC records with
// "offset N" (a byte offset in the decompressed stream), XML ones (NITF,
// feeds) with the line of their start tag.

// WARC / WARC.gz crawls: one article per HTML capture (warc_reader.cc).
void read_warc(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink);
// NITF XML: one article per <nitf> element (nitf_reader.cc).
void read_nitf(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink);
// NewsML: RCV1's <newsitem> and NewsML-G2's <newsItem> (newsml_reader.cc).
void read_newsml(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink);
// RSS 2.0 / RSS 1.0 / Atom feeds: one article per item or entry (feed_reader.cc).
void read_feed(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink);

}  // namespace gazette
